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
nearest one before it) is about Syria or the region. Rules: lexicons/frames.yml.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from analysis.store.vocabulary import FRAMES
from analysis.text.lexicon import load_lexicon
from analysis.text.regex import gated, trie

_SEGMENT_CUT = re.compile(r";|\s[-–—]+\s|—|–(?=\s)|[()]")
_COORDINATION = re.compile(r"[\s,“”\"‘’']*(?:(?:and|or|and/or|as well as|nor)\b)?[\s,“”\"‘’']*$", re.I)
_AUX = (
    r"(?:['’](?:re|ll|d|ve|s)|\s+(?:would|will|had|has|have|is|are|was|were|did|do|does|must|should|can|could|may|"
    r"might|shall|not|only|still|also|never|then|now|already|going to|plans? to|intends? to|wants? to))*"
)
_LEADING_LINK = re.compile(r"^[\s“\"‘']*$")
_IS = re.compile(r"(?<![\w-])IS(?![\w-])")
_LAST_PUNCT = re.compile(r"[,;:.!?()]")


@dataclass(frozen=True)
class Purpose:
    """One stated reason: its frame and the words that name it (offsets into the text)."""

    frame: str
    start: int
    end: int


def _words(pattern: str) -> str:
    return rf"(?<![\w-])(?:{pattern})(?![\w-])"


def _any(patterns) -> re.Pattern:
    items = [patterns] if isinstance(patterns, str) else list(patterns)
    return gated("|".join(f"(?:{_words(p)})" for p in items), re.I, limit=2) if items else re.compile(r"(?!)")


@dataclass(frozen=True)
class Rules:
    limits: dict
    troop: re.Pattern
    not_us: re.Pattern
    us_subject: re.Pattern
    presence_verb: re.Pattern
    standalone: re.Pattern
    mission: re.Pattern
    reinforcement: re.Pattern
    blocker: re.Pattern
    foreign_clause: re.Pattern  # "Syrian Kurds who ...": a clause of somebody else's
    link: re.Pattern
    announcing: re.Pattern
    context: re.Pattern
    citing: re.Pattern
    place_in: re.Pattern
    place_out: re.Pattern
    about: tuple  # (frame, pattern) for everything a purpose may be about
    keywords: re.Pattern  # on lowercased text: a sentence without one states no reason
    names: tuple  # (frame, pattern) for names that state a purpose on their own
    statements: tuple  # (frame, pattern) for verb phrases with the US as subject


@lru_cache(maxsize=1)
def rules() -> Rules:
    lex = load_lexicon("frames")
    unknown = set(lex["frames"]) - set(FRAMES)
    if unknown:
        raise ValueError(f"lexicons/frames.yml: frames not in the table's list: {sorted(unknown)}")
    per_frame = {key: tuple((f, _any(v[key])) for f, v in lex["frames"].items() if v.get(key)) for key in ("names",)}
    about = tuple((f, _any(list(v.get("about") or []) + list(v.get("names") or []))) for f, v in lex["frames"].items())
    statements = tuple((f, _any(v["statements"])) for f, v in lex["frames"].items() if v.get("statements"))
    return Rules(
        limits={k: int(v) for k, v in lex["limits"].items()},
        troop=_any(lex["troops"]),
        not_us=_any(lex["not_us"]),
        us_subject=re.compile(rf"(?<![\w-])(?:{lex['us_subjects']}){_AUX}\s*[“\"‘']?\s*$", re.I),
        presence_verb=_any(lex["presence_verbs"]),
        standalone=_any(lex["standalone_anchors"]),
        mission=_any(lex["missions"]),
        reinforcement=_any(lex["reinforcement_verbs"]),
        blocker=_any(lex["blockers"]),
        foreign_clause=re.compile(rf"{_words(lex['not_us'])}(?:\s+[\w-]+)?\s+(?:who|which|whom|that)\b", re.I),
        link=_any(lex["links"]),
        announcing=_any(lex["announcing_links"]),
        context=_any(lex["context"]),
        citing=re.compile(rf"{_words(lex['citing_verbs'])}\s+(?:(?:an?|the|its|their|our)\s+)?$", re.I),
        place_in=_any(lex["places_in"]),
        place_out=_any(lex["places_out"]),
        about=about,
        keywords=re.compile(trie(sorted(set(lex["keywords"])))),
        names=per_frame["names"],
        statements=statements,
    )


# --- anchors --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    kind: str  # "presence", "mission" (may take a copula as its link) or "reinforcement"


def _somebody_elses(r: Rules, text: str, lo: int, pos: int) -> bool:
    """Is the troop noun at `pos` another actor's ("Iranian troops", "Kurdish forces")?"""
    before = _LAST_PUNCT.split(text[max(lo, pos - 40) : pos])[-1]
    return bool(r.not_us.search(" ".join(before.split()[-2:])))


def _has_subject(r: Rules, text: str, lo: int, pos: int) -> bool:
    """A US subject or a US troop noun just before the verb at `pos`."""
    limit = max(lo, pos - r.limits["subject_to_verb"])
    if r.us_subject.search(text[limit:pos]):
        return True
    return any(
        not _somebody_elses(r, text, lo, t.start()) and not r.blocker.search(text, t.end(), pos)
        for t in r.troop.finditer(text, limit, pos)
    )


def _anchors(r: Rules, text: str, lo: int, hi: int) -> list[_Anchor]:
    found = [_Anchor(m.start(), m.end(), "presence") for m in r.standalone.finditer(text, lo, hi)]
    found += [
        _Anchor(m.start(), m.end(), "presence")
        for m in r.presence_verb.finditer(text, lo, hi)
        if _has_subject(r, text, lo, m.start())
    ]
    found += [
        _Anchor(m.start(), m.end(), "mission")
        for m in r.mission.finditer(text, lo, hi)
        if not r.not_us.search(m.group())  # "the small ISIS presence" is not the US's
    ]
    for m in r.reinforcement.finditer(text, lo, hi):
        if r.troop.search(m.group()) or r.troop.search(text, m.end(), min(hi, m.end() + 40)):
            found.append(_Anchor(m.start(), m.end(), "reinforcement"))
    return sorted(found, key=lambda a: (a.end, a.start))


def _governing(r: Rules, text: str, anchors: list[_Anchor], lo: int, link: re.Match) -> _Anchor | None:
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


def about(r: Rules, text: str, start: int, end: int) -> list[Purpose]:
    """What the purpose in text[start:end] is about: the first frame named (with those
    coordinated with it); `other` only when no other frame is named."""
    hits = _hits(r.about, text, start, end)
    specific = [p for p in hits if p.frame != "other"]
    return _first_with_coordinated(text, specific or hits)


# --- the kinds of statement -----------------------------------------------------------------


def _linked(r: Rules, text: str, lo: int, hi: int) -> list[Purpose]:
    """Anchor + link + what it is about, within one clause."""
    anchors = _anchors(r, text, lo, hi)
    if not anchors:
        return []
    out: list[Purpose] = []
    links = [(m, False) for m in r.link.finditer(text, lo, hi)] + [
        (m, True) for m in r.announcing.finditer(text, lo, hi)
    ]
    links += [(m, False) for m in _copulas(r, text, anchors, hi)]
    for link, announcing in links:
        reach = COPULA_REACH if link.re is _COPULA else r.limits["purpose"]
        end = hi if announcing else _phrase_end(text, link.end(), hi, reach)
        found = about(r, text, link.end(), end)
        anchor = _governing(r, text, anchors, lo, link) if found else None
        if anchor is None or _hits(r.names, text, anchor.start, anchor.end):
            continue  # no anchor, or a mission named by its purpose (read by `_stated`)
        if anchor.kind == "reinforcement":  # only the protection of the forces there
            found = [p for p in found if p.frame == "force-protection"]
        out += found
    return out


_COPULA = re.compile(
    r"\s+(?:[\w.'’-]+\s+){0,3}?(?:is|was|remains|remained|has been|had been|will be|would be)"
    r"(?:\s+(?:still|always|only|now))?(?:\s+to)?\b(?!\s+\w+ed\b)",
    re.I,
)
COPULA_REACH = 30  # characters from a copula to the reason it names


def _copulas(r: Rules, text: str, anchors: list[_Anchor], hi: int) -> list[re.Match]:
    """A copula right after the mission ("the mission in Syria is to ...", "the purpose of
    the deployment was always ...") links it to its purpose, unless what follows is an
    event ("the presence was attacked")."""
    found = []
    for a in anchors:
        m = _COPULA.match(text, a.end, hi) if a.kind == "mission" else None
        if m and not r.blocker.match(text, m.end() + len(text[m.end() : hi]) - len(text[m.end() : hi].lstrip()), hi):
            found.append(m)
    return found


def _stated(r: Rules, text: str, lo: int, hi: int) -> list[Purpose]:
    """Verb phrases with the US or its troops as subject ("We kept the oil", "US forces have
    been fighting ISIS"), and frames named in the mission's own name ("the military's oil
    field mission")."""
    out = [
        Purpose(frame, m.start(), m.end())
        for frame, pattern in r.statements
        for m in pattern.finditer(text, lo, hi)
        if _has_subject(r, text, lo, m.start())
    ]
    for m in r.mission.finditer(text, lo, hi):
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
    for i, s in enumerate(sentences):
        k = bisect_left(named, s.start)
        if k == len(named) or named[k] >= s.end or not _in_syria(r, text, sentences, i, places):
            continue
        here: list[Purpose] = []
        for lo, hi in _segments(text, s.start, s.end):
            here += _linked(r, text, lo, hi) + _stated(r, text, lo, hi)
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
