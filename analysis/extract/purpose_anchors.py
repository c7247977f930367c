"""The anchor of a statement of purpose: where a clause names the US presence as its
subject ("About 900 US troops are stationed in Syria", "the mission", "the base evolved
into", "first sent special forces into Syria", "keeps them there"), and which anchor a
purpose link belongs to. Troop nouns and pronouns that stand for another actor's forces
are not anchors (purpose_refs resolves them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.purpose_refs import Antecedents, theirs
from analysis.extract.purpose_rules import Rules

_LEADING_LINK = re.compile(r"^[\s“\"‘']*$")
_OWNER = re.compile(r"(?:^|\s)(its|their)\s+$", re.I)
_BARE = re.compile(r"(?:^|\s)(?:the|these|those)\s+$", re.I)  # "the troops", with nothing of whose


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    kind: str  # "presence", "mission" (may take a copula as its link), "described" or "reinforcement"


def somebody_elses(r: Rules, text: str, lo: int, pos: int, ref: Antecedents) -> bool:
    """Is the troop noun at `pos` another actor's ("Iranian troops", "Kurdish forces"), or
    "its troops" or a bare "the troops" whose antecedent is ("Moscow says its troops")?"""
    if theirs(r, text, lo, pos):
        return True
    owner = _OWNER.search(text, max(lo, pos - 8), pos)  # "its troops": whose, if anyone named
    if owner:
        return ref.antecedent_is_us(owner.start(1)) is False
    return bool(_BARE.search(text, max(lo, pos - 8), pos)) and ref.bare_is_theirs(pos)


def us_before(r: Rules, text: str, lo: int, pos: int, ref: Antecedents) -> bool:
    """A US subject just before `pos` ("Washington keeps", "they are"): a pronoun only when
    it stands for the US or its troops."""
    limit = max(lo, pos - r.limits["subject_to_verb"])
    m = r.us_subject.search(text[limit:pos])
    return bool(m) and (m.group("pronoun") is None or ref.pronoun_is_us(limit + m.start()))


def has_subject(r: Rules, text: str, lo: int, pos: int, ref: Antecedents) -> bool:
    """A US subject or a US troop noun just before the verb at `pos`."""
    if us_before(r, text, lo, pos, ref):
        return True
    limit = max(lo, pos - r.limits["subject_to_verb"])
    return any(
        not somebody_elses(r, text, lo, t.start(), ref) and not r.blocker.search(text, t.end(), pos)
        for t in r.troop.finditer(text, limit, pos)
    )


def _sent(r: Rules, text: str, lo: int, m: re.Match, ref: Antecedents) -> bool:
    """Is the origin at `m` ("sent special forces into Syria") the US's first sending, not
    more troops ("additional forces") nor somebody else's?"""
    if r.not_us.search(m.group()) or r.reinforcement_word.search(text, max(lo, m.start() - 40), m.end()):
        return False
    if r.us_mark.search(m.group()) or has_subject(r, text, lo, m.start(), ref):
        return True
    return bool(r.troop.match(text, m.start())) and not somebody_elses(r, text, lo, m.start(), ref)


def _named_by_pronoun(r: Rules, text: str, m: re.Match, ref: Antecedents) -> bool | None:
    """For an anchor naming the presence by a pronoun ("keeps them there", "their
    mission"): whether the pronoun stands for US troops; None when it names no pronoun."""
    p = r.pronoun.search(text, m.start(), m.end())
    return None if p is None else ref.pronoun_is_us(p.start())


def _object_pronoun(r: Rules, text: str, m: re.Match, ref: Antecedents) -> bool | None:
    """As `_named_by_pronoun`, for "them" only: "its" or "their" in a verb phrase ("keeps
    its forces") is the subject's, read with the subject."""
    p = _THEM.search(text, m.start(), m.end())
    return None if p is None else ref.pronoun_is_us(p.start())


_THEM = re.compile(r"(?<![\w-])them(?![\w-])", re.I)


def copula_anchors(r: Rules, text: str, lo: int, hi: int, ref: Antecedents, missions: list[re.Match]) -> list[Anchor]:
    """The anchors a copula or "as" may follow ("the mission is to ...", "described the
    mission as ..."): the mission named (`missions`: r.mission's matches in the clause) or
    described."""
    found = [
        Anchor(m.start(), m.end(), "mission")
        for m in missions
        if not r.not_us.search(m.group())  # "the small ISIS presence" is not the US's
        and _named_by_pronoun(r, text, m, ref) is not False
    ]
    return found + [
        Anchor(m.start(), m.end(), "described")
        for m in r.described.finditer(text, lo, hi)
        if not r.not_us.search(m.group())
    ]


def anchors_in(r: Rules, text: str, lo: int, hi: int, ref: Antecedents, copular: list[Anchor]) -> list[Anchor]:
    """Every anchor in text[lo:hi], by where it ends; `copular` are those of
    `copula_anchors`, found once by the caller, who needs them first."""
    found = [
        Anchor(m.start(), m.end(), "presence")
        for m in r.standalone.finditer(text, lo, hi)
        if not r.not_us.search(m.group())
        and not somebody_elses(r, text, lo, m.start(), ref)
        and _named_by_pronoun(r, text, m, ref) is not False
    ]
    for m in r.presence_verb.finditer(text, lo, hi):
        us = _object_pronoun(r, text, m, ref)  # "keeps them there": the object is the presence
        if us or (us is None and has_subject(r, text, lo, m.start(), ref)):
            found.append(Anchor(m.start(), m.end(), "presence"))
    found += [
        Anchor(m.start(), m.end(), "presence") for m in r.origin.finditer(text, lo, hi) if _sent(r, text, lo, m, ref)
    ]
    found += copular
    for m in r.reinforcement.finditer(text, lo, hi):
        if r.troop.search(m.group()) or r.troop.search(text, m.end(), min(hi, m.end() + 40)):
            found.append(Anchor(m.start(), m.end(), "reinforcement"))
    return sorted(found, key=lambda a: (a.end, a.start))


def governing(r: Rules, text: str, anchors: list[Anchor], lo: int, link: re.Match) -> Anchor | None:
    """The anchor a link belongs to: the nearest one before it with no attack, strike or
    drawdown word in between; for a purpose opening the clause ("To defeat ISIS, US troops
    remain ..."), the first anchor after it."""
    before = [a for a in anchors if a.start < link.start()]
    if before:
        a = before[-1]
        gap = (min(a.end, link.start()), link.start())
        if gap[1] - gap[0] <= r.limits["anchor_to_link"] and not (
            r.blocker.search(text, *gap) or r.foreign_clause.search(text, *gap)
        ):
            return a
        return None
    if _LEADING_LINK.match(text[lo : link.start()]):
        return next((a for a in anchors if a.start >= link.end()), None)
    return None
