"""Statements of purpose for the US presence in Syria: where a text says why the troops,
the mission or a base are there, and which frame that reason falls under.

A statement is an anchor (the presence as the subject: "About 900 US troops are stationed
in Syria", "the mission", "the base evolved into"), then a link that gives a purpose ("to",
"as part of", "until", "due to"), then what it is about ("... a resurgence of ISIS"). Between
anchor and link no attack, strike or drawdown word may stand, so the reason for a strike
or a cut is never read as the reason for the presence; a reinforcement counts only for the
protection of the forces already there. Besides that: verb phrases with the US as subject
("We kept the oil"), a frame named after a citing verb ("cited an anti-ISIS mission") or in
the mission's own name, and any stated reason in the sentences that talk about the
justification itself. A statement counts only where its sentence (or, naming no place, the
nearest one before it) is about Syria or the region. Anchors (and the pronouns that may
name the presence, resolved by purpose_refs) are in purpose_anchors; rules in
lexicons/frames.yml, compiled by purpose_rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from analysis.extract.purpose_anchors import (
    Anchor,
    anchors_in,
    copula_anchors,
    governing,
    has_subject,
    somebody_elses,
    us_before,
)
from analysis.extract.purpose_refs import Antecedents
from analysis.extract.purpose_rules import Rules, rules
from analysis.store.vocabulary import FRAMES

__all__ = ["FRAMES", "Purpose", "Rules", "about", "rules", "statements"]

_SEGMENT_CUT = re.compile(r";|\s[-–—]+\s|—|–(?=\s)|[()]")
# "an anti-ISIS or counter-Iran mission", "fighting ISIS and countering Iran", "until ISIS is
# defeated and Iranian forces have left": reasons joined by a conjunction
_COORDINATION = re.compile(
    r"(?:\s+(?:is|are|was|were|has been|have been|had been)\s+[\w-]+)?[\s,“”\"‘’']*"
    r"(?:(?:and|or|and/or|as well as|nor)\b(?:\s+(?:also\s+)?(?:to\s+)?[a-z][\w-]*)?)?[\s,“”\"‘’']*$",
    re.I,
)
_IS = re.compile(r"(?<![\w-])IS(?!\w)")  # "the IS group", "IS-linked"


@dataclass(frozen=True)
class Purpose:
    """One stated reason: its frame and the words that name it (offsets into the text)."""

    frame: str
    start: int
    end: int


# --- what a purpose is about ----------------------------------------------------------------


def _phrase_end(text: str, start: int, hi: int, limit: int) -> int:
    """Where the purpose after a link stops: the clause's end, a turn to another clause
    ("..., while militias ...", "..., the Pentagon said") or `limit` characters on."""
    end = min(hi, start + limit)
    cut = _PHRASE_CUT.search(text, start, end)
    return cut.start() if cut else end


_PHRASE_CUT = re.compile(
    r",\s+(?:but|while|whereas|although|though|even as|even though|after|before|when|despite|amid)\b"
    r"|,\s+(?:[\w.'’-]+\s+){0,4}?(?:said|says|told|added|noted|stated)\b",
    re.I,
)


def _hits(pairs, text: str, start: int, end: int) -> list[Purpose]:
    """Matches of (frame, pattern) pairs in text[start:end], in text order, without overlaps."""
    found = sorted(
        (Purpose(frame, m.start(), m.end()) for frame, pattern in pairs for m in pattern.finditer(text, start, end)),
        key=lambda p: (p.start, -p.end),
    )
    kept: list[Purpose] = []
    for p in found:
        if not kept or p.start >= kept[-1].end:
            kept.append(p)
    return kept


def _first_with_coordinated(text: str, hits: list[Purpose]) -> list[Purpose]:
    """The first reason named, and any joined to it ("an anti-ISIS or counter-Iran mission")."""
    if not hits:
        return []
    chosen = [hits[0]]
    for p in hits[1:]:
        if not _COORDINATION.fullmatch(text, chosen[-1].end, p.start):
            break
        chosen.append(p)
    return chosen


def about(r: Rules, text: str, start: int, end: int, first_by: int | None = None) -> list[Purpose]:
    """What the purpose in text[start:end] is about: the first frame named (with those
    coordinated with it), if it starts before `first_by`; `other` only when no other frame
    is named."""
    hits = _hits(r.about, text, start, end)
    specific = [p for p in hits if p.frame != "other"]
    chosen = _first_with_coordinated(text, specific or hits)
    return chosen if first_by is None or (chosen and chosen[0].start < first_by) else []


# --- the kinds of statement -----------------------------------------------------------------


def _linked(r: Rules, text: str, lo: int, hi: int, ref: Antecedents, missions: list[re.Match]) -> list[Purpose]:
    """Anchor + link + what it is about, within one clause (`missions`: r.mission's
    matches in it). Most clauses have no link word: then only a copula after the mission
    can be one, and the other anchors are not looked for."""
    links = [(m, False) for m in r.link.finditer(text, lo, hi)] + [
        (m, True) for m in r.announcing.finditer(text, lo, hi)
    ]
    copular = copula_anchors(r, text, lo, hi, ref, missions)
    if not links and not _copulas(r, text, copular, hi):
        return []
    anchors = anchors_in(r, text, lo, hi, ref, copular)
    if not anchors:
        return []
    out: list[Purpose] = []
    links += [(m, False) for m in _copulas(r, text, anchors, hi)]
    for link, announcing in links:
        if r.denial.search(text, max(lo, link.start() - 30), link.start()):
            continue  # "less to fight ISIS than to watch Iran"
        end = hi if announcing else _phrase_end(text, link.end(), hi, r.limits["purpose"])
        first_by = link.end() + COPULA_REACH if link.re is _COPULA else None  # `_AS` reads on
        found = about(r, text, link.end(), end, first_by)
        if found and r.engagement.search(text, link.end(), found[0].start):
            continue
        anchor = governing(r, text, anchors, lo, link) if found else None
        if anchor is None or _hits(r.names, text, anchor.start, anchor.end):
            continue  # no anchor, or a mission named by its purpose (read by `_stated`)
        if anchor.kind == "reinforcement":  # only the protection of the forces there
            found = [p for p in found if p.frame == "force-protection"]
        out += found
    return out


_ASIDE = r"(?:,\s+[^,;]{1,50},)?"  # "the mission, officials say, is ...", "is, in his words, about"
_COPULA = re.compile(
    rf"{_ASIDE}\s+(?:[\w.,'’-]+\s+){{0,5}}?(?:is|was|remains|remained|has been|had been|will be|would be|lies in|lay in)"
    rf"(?:\s+(?:still|always|only|now))?(?:\s+to)?\b(?!\s+\w+ed\b){_ASIDE}"
    r"|\s+as\b(?=\s+(?:an?\s|[\w-]+ing\b))",  # "describe the mission as preventing ..."
    re.I,
)
_AS = re.compile(r"\s+as\b(?!\s+(?:well|long|soon|of|if|though|part)\b)", re.I)  # after `described`
COPULA_REACH = 30  # characters from a copula to the first reason it names


def _copulas(r: Rules, text: str, anchors: list[Anchor], hi: int) -> list[re.Match]:
    """A copula right after the mission ("the mission in Syria is to ...", "the purpose of
    the deployment was always ...", "described the mission as countering ...") links it
    to its purpose, unless what follows is an event ("the presence was attacked")."""
    found = []
    for a in anchors:
        m = _COPULA.match(text, a.end, hi) if a.kind == "mission" else None
        m = _AS.match(text, a.end, hi) if a.kind == "described" else m
        if m and not r.blocker.match(text, m.end() + len(text[m.end() : hi]) - len(text[m.end() : hi].lstrip()), hi):
            found.append(m)
    return found


def _roles(r: Rules, text: str, lo: int, hi: int, ref: Antecedents) -> list[Purpose]:
    """What the troops (or the presence) do there, the verb right after them: "US troops
    help the SDF guard ISIS detainees", "the presence deters Iran". Not in a clause that
    reports an attack or a strike, before the verb or in what it is about; what follows
    somebody else's clause ("... Kurds who guard ISIS prisoners") is theirs. Never `other`:
    working with partners is how wire copy describes the troops, not why they are there."""
    out: list[Purpose] = []
    first = [b.search(text, lo, hi) for b in (r.blocker, r.engagement)]
    blocked_from = min((f.start() for f in first if f), default=hi)
    for m in r.role.finditer(text, lo, hi):
        if blocked_from < m.start():
            break  # an attack or strike earlier in the clause
        start = max(lo, m.start() - r.limits["subject_to_verb"])
        subject = r.role_subject.search(text[start : m.start()])
        if subject is None or somebody_elses(r, text, lo, start + subject.start(), ref):
            continue
        end = _phrase_end(text, m.start(), hi, r.limits["purpose"])
        theirs = r.foreign_clause.search(text, m.end(), end)
        end = theirs.start() if theirs else end
        if not (r.blocker.search(text, m.end(), end) or r.engagement.search(text, m.end(), end)):
            out += [p for p in about(r, text, m.start(), end) if p.frame != "other"]
    return out


def _reversed(r: Rules, text: str, lo: int, hi: int) -> list[Purpose]:
    """The reason as the subject: "Counter-ISIS operations remain the focus of US troops",
    named in the clause before these words (at most `purpose` characters back)."""
    out: list[Purpose] = []
    for m in r.reverse.finditer(text, lo, hi):
        start = max(lo, m.start() - r.limits["purpose"])
        if not r.blocker.search(text, start, m.start()):
            out += _first_with_coordinated(text, _hits(r.about, text, start, m.start()))
    return out


def _absent(r: Rules, text: str, lo: int, hi: int) -> list[Purpose]:
    """The presence by its absence: "Without US troops, ISIS could regroup"; the reason is
    what would follow, up to the clause after the modal (never `other`). Not what the
    exit would let the forces do ("would let US forces focus on Iran"): that is a reason
    for leaving."""
    out: list[Purpose] = []
    for m in r.counterfactual.finditer(text, lo, hi):
        modal = r.modal.search(text, m.end(), hi)
        if modal and not r.blocker.search(text, m.end(), modal.start()):
            end = _phrase_end(text, modal.end(), hi, r.limits["purpose"])
            found = [p for p in about(r, text, m.end(), end) if p.frame != "other"]
            if found and not r.troop.search(text, modal.end(), found[0].start):
                out += found
    return out


_INFINITIVE = re.compile(r"(?<![\w-])to\s+$", re.I)


def _stated(r: Rules, text: str, lo: int, hi: int, ref: Antecedents, missions: list[re.Match]) -> list[Purpose]:
    """Verb phrases with the US or its troops as subject ("We kept the oil", "US forces have
    been fighting ISIS"), and frames named in the mission's own name ("the military's oil
    field mission"). An infinitive ("deployed troops to fight ISIS") is a purpose clause,
    read by `_linked` with its anchor, unless the US is its subject ("we're going to keep")."""
    out = [
        Purpose(frame, m.start(), m.end())
        for frame, pattern in r.statements
        for m in pattern.finditer(text, lo, hi)
        if has_subject(r, text, lo, m.start(), ref)
        and (not _INFINITIVE.search(text, max(lo, m.start() - 4), m.start()) or us_before(r, text, lo, m.start(), ref))
    ]
    for m in missions:
        if not r.not_us.search(m.group()):
            out += _hits(r.names, text, m.start(), m.end())
    return out


def _cited(r: Rules, text: str, lo: int, hi: int) -> list[Purpose]:
    """A frame named right after a citing verb: "the Pentagon has cited an anti-ISIS mission"."""
    hits = _hits(r.names, text, lo, hi)
    out: list[Purpose] = []
    for i, p in enumerate(hits):
        if r.citing.search(text[max(lo, p.start - 40) : p.start]):
            out += _first_with_coordinated(text, hits[i:])
    return out


def _in_context(r: Rules, text: str, lo: int, hi: int) -> list[Purpose]:
    """In talk about the justification: any linked reason and any frame named."""
    out = _hits(r.names, text, lo, hi)
    for link in r.link.finditer(text, lo, hi):
        if not r.blocker.search(text, lo, link.start()):
            out += about(r, text, link.end(), _phrase_end(text, link.end(), hi, r.limits["purpose"]))
    return out


# --- where, and the document walk -----------------------------------------------------------


def _segments(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """A sentence cut at semicolons, dashes and brackets: a purpose never crosses them."""
    spans, start = [], lo
    for m in _SEGMENT_CUT.finditer(text, lo, hi):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, hi))
    return [(a, b) for a, b in spans if b > a]


def _in_syria(r: Rules, text: str, sentences, i: int, seen: dict[int, bool]) -> bool:
    """Is sentence `i` about Syria (or the region)? One naming no place takes the answer of
    the nearest sentence before it that names one (Syria when none does). `seen` keeps the
    answers, so each sentence is read once."""
    walked = []
    answer = True
    for j in range(i, -1, -1):
        if j in seen:
            answer = seen[j]
            break
        s = sentences[j]
        named = (
            True
            if r.place_in.search(text, s.start, s.end)
            else False
            if r.place_out.search(text, s.start, s.end)
            else None
        )
        walked.append(j)
        if named is not None:
            answer = named
            break
    for j in walked:  # every sentence walked over takes the same answer
        seen[j] = answer
    return answer


def _contexts(r: Rules, text: str, sentences) -> dict[int, tuple[int, bool]]:
    """Sentence index -> (where justification talk starts in it, whether it is the sentence
    that talks about the reasons): that sentence, from those words on, and the next few of
    its paragraph."""
    out: dict[int, tuple[int, bool]] = {}
    starts = [s.start for s in sentences]
    for m in r.context.finditer(text):  # one scan: such talk is rare
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or (i in out and out[i][1]):
            continue
        s = sentences[i]
        if r.questions.search(text, max(s.start, m.start() - 40), m.start()):
            continue  # "asked why the troops remain": a question states no reason
        out[i] = (m.start(), True)
        for j in range(i + 1, min(len(sentences), i + 1 + r.limits["context_sentences"])):
            if "\n" in text[s.end : sentences[j].start]:
                break
            out.setdefault(j, (sentences[j].start, False))
    return out


def _keywords(r: Rules, text: str) -> list[int]:
    """Where the text names something a reason is about, in one scan of the lowercased text
    (the "IS" of "the IS group" only in capitals)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: offsets would drift
        lowered, pattern = text, re.compile(r.keywords.pattern, re.I)
    else:
        pattern = r.keywords
    return sorted([m.start() for m in pattern.finditer(lowered)] + [m.start() for m in _IS.finditer(text)])


def statements(text: str, sentences) -> list[Purpose]:
    """Every stated reason for the US presence in the document, in text order."""
    r = rules()
    places: dict[int, bool] = {}
    contexts = _contexts(r, text, sentences)
    found: dict[tuple[int, str], Purpose] = {}
    named = _keywords(r, text)
    actors: dict[int, list] = {}
    for i, s in enumerate(sentences):
        k = bisect_left(named, s.start)
        if k == len(named) or named[k] >= s.end or not _in_syria(r, text, sentences, i, places):
            continue
        here: list[Purpose] = []
        ref = Antecedents(r, text, sentences, i, actors)
        for lo, hi in _segments(text, s.start, s.end):
            missions = list(r.mission.finditer(text, lo, hi))  # read by the two below: one scan
            here += _linked(r, text, lo, hi, ref, missions) + _stated(r, text, lo, hi, ref, missions)
            here += _roles(r, text, lo, hi, ref)
            here += _reversed(r, text, lo, hi) + _absent(r, text, lo, hi)
        here += _cited(r, text, s.start, s.end)
        if i in contexts:
            start, talks_of_reasons = contexts[i]
            here += _in_context(r, text, start, s.end)
            if talks_of_reasons:  # "We defeated ISIS, my only reason for being there"
                here += _hits(r.about, text, s.start, s.end)
        if any(p.frame != "other" for p in here):  # `other` only when nothing else is named
            here = [p for p in here if p.frame != "other"]
        for p in here:
            found.setdefault((p.start, p.frame), p)
    return sorted(found.values(), key=lambda p: (p.start, p.frame))
