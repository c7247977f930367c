"""Attribution: which words of a clause say who a statement rests on (a speech verb with
its subject, "according to X", "reports that ...", a headline's ": Source"), which words are
the statement itself, and who relays whom ("citing", "told <outlet>", "confirmed to
<outlet>", '"...," X said, the Post reported')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.extract import names
from analysis.extract.sources import OPENER, WORD, Mention, find_mentions, inside, lexicon, overlaps, word_count

_BOUND = re.compile(r'(?<!\d),|,(?!\d)|[;:()]|["“”]|\s[-–—]+\s')
_THAT = re.compile(r"((?:[\s,]+[\w.'’-]+){0,4}?)[\s,]+that\b")
_CITING = re.compile(r"\s*,?\s*(?:citing|quoting)\s+")
_AS_SAYING = re.compile(r"\s+as\s+saying\b")
_QUALIFIER_SUBJECT = re.compile(r"(?i)\s*(?:but\s+|and\s+)?(?:nothing|none|this|that|it|these|those)\b")
_CITING_HEAD = re.compile(r"\s*(?:citing|quoting)\b")
_CONTENT_OPENER = re.compile(r"[\s,]*(?:that\b|[\"“:])")
_PASSIVE = re.compile(r"(?i)\b(?:be|been|being|is|was|are|were)\s+$")
_AFTER_QUOTE = re.compile(r"[”\"][\s,]*$")
_CONJ_ONLY = re.compile(r"\s*(?:But|And|So)\s*")
_NP_STOP = re.compile(r'(?<!\d)[,.]|[,.](?!\d)|[;:!?()"“”]|\s[-–—]+\s|\sthat\b')
_BY = re.compile(r"\s+by\s+")
_THAT_WORD = re.compile(r"\s+that\b")
_COMMA_THAT = re.compile(r"[\s,]*(?:that\b)?")
_LEAD_PUNCT = re.compile(r"[\s,:]*")
_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b")
_RELATIVE_VERB = re.compile(r",\s*(?:which|who)\s+(?:[\w'’-]+\s+){0,2}$")
_ACRONYM = re.compile(r"\s*\([A-Z][\w&.-]{1,12}\)")  # "US Central Command (CENTCOM)"
_ASKED = re.compile(r"(?i)\b(?:asked|asks|ask|wondered|wonders)\s+(?:if|whether)\s+(?:[\w'’.-]+\s+){0,5}$")
_TO = re.compile(r"\s+to(?=\s)")
_OUTLET = re.compile(r"\s+((?:The\s+)?[A-Z][\w'’.-]*(?:\s+(?:&\s+)?[A-Z][\w'’.-]*){0,3})")
_TELLING = ("told", "tells", "tell")


@lru_cache(maxsize=1)
def _abbreviation() -> re.Pattern:
    """A title or an initial just before a period ("Brig." "Gen." "J."): no end of a name."""
    titles = sorted({t[:-1] for t in lexicon().not_names if t.endswith(".")}, key=len, reverse=True)
    return re.compile(rf"(?<![\w.])(?:{'|'.join(map(re.escape, titles))}|[A-Z])$")


@dataclass
class Attribution:
    sources: list[Mention]
    frame: tuple[int, int]  # the attribution words
    content: tuple[int, int]  # what is stated (the frame inside it, if any, is excluded)
    cue: str  # the anchor as written ("said", "according to"), the fallback status cue
    relay: tuple[str, ...] = ()  # outer sources named with "citing" / "told <outlet>"


def _segments(text: str, lo: int, pos: int):
    """Stretches of text[lo:pos] between commas, quotes and dashes, nearest `pos` first; an
    acronym in brackets after a name is part of it."""
    acronyms = [(m.start(), m.end()) for m in _ACRONYM.finditer(text, lo, pos)]
    cuts = [(lo, lo)] + [
        (m.start(), m.end()) for m in _BOUND.finditer(text, lo, pos) if not inside(m.start(), acronyms)
    ]
    out = []
    for (_, a), (b, _) in zip(cuts, cuts[1:] + [(pos, pos)]):
        out.append((a, b))
    return out[::-1]


def _np_end(text: str, pos: int, hi: int) -> int:
    """Where the noun phrase from `pos` ends: not at the period of a title ("Brig. Gen.")
    or an initial, and after an acronym in brackets ("Central Command (CENTCOM)")."""
    m = _NP_STOP.search(text, pos, hi)
    while m:
        acronym = _ACRONYM.match(text, m.start(), hi) if m.group() == "(" else None
        if acronym:
            m = _NP_STOP.search(text, acronym.end(), hi)
        elif m.group() == "." and _abbreviation().search(text, max(pos, m.start() - 8), m.start()):
            m = _NP_STOP.search(text, m.end(), hi)
        else:
            break
    return m.start() if m else hi


def _verb_attribution(text, lo, hi, verb, quotes, skip) -> Attribution | None:
    """The source before its verb (see `_subject`), else after it."""
    segments = _segments(text, lo, verb.start())
    found = _subject(text, lo, verb, segments, quotes, skip)
    if found is None:
        return _source_after(text, lo, hi, verb, segments[0], skip)
    a, mentions, inner = found
    if not mentions:
        return None  # "IRNA, citing ..." with no source to relay
    relay = tuple(m.name + "".join(" " + h for h in m.hops) for m in mentions) if inner else ()
    subject = OPENER.match(text, a, verb.start()).end()  # "but a Pentagon spokesman" -> "a Pentagon spokesman"
    return _source_before(text, lo, hi, verb, a, min([subject] + [m.start for m in mentions]), inner or mentions, relay)


def _subject(text, lo, verb, segments, quotes, skip):
    """(segment start, mentions, relayed) of the verb's subject, looking back segment by
    segment: asides ("in a statement", "speaking on condition of anonymity") are passed
    over, an appositive ("an umbrella group of militias", "a senior official" after a
    quotation) is used only when nothing stands before it, and a plain subject that names
    no source ends the search. None when there is none."""
    lex = lexicon()
    inner: list[Mention] = []
    apposition = None
    for a, b in segments[:5]:
        if overlaps(a, b, quotes):
            break
        if _CITING_HEAD.match(text, a, b):
            inner = find_mentions(text, a, b, skip)  # "IRNA, citing Iraqi sources, said": IRNA relays them
            if inner:
                continue
            break
        words = WORD.findall(text, a, b)
        if (a, b) == segments[0] and _PASSIVE.search(text, a, b) and not find_mentions(text, a, b, skip):
            break  # "the same cannot be said": no subject speaks
        subordinate = lex.subordinator.match(text, a, b) if (a, b) == segments[0] else None
        if subordinate and find_mentions(text, subordinate.end(), b, skip, fallback="before"):
            a = subordinate.end()  # "..., although Ryder noted that ...": the clause's own subject
        elif all(w.lower() in lex.quiet or w.endswith("ly") for w in words) or (a > lo and lex.aside.match(text, a, b)):
            continue
        mentions = find_mentions(text, a, b, skip, fallback="before")
        if a > lo and words[0].lower() in ("a", "an"):
            apposition = apposition or (mentions and (a, mentions))
            continue
        if a > lo and words[0].lower() == "the" and not mentions and "," in text[b : verb.start()]:
            continue  # "Jane Roe, the chairman of the committee, said": the name comes before
        if mentions:
            return a, mentions, inner
        break
    if apposition:
        return apposition[0], apposition[1], inner
    return (lo, [], inner) if inner else None


def _source_after(text, lo, hi, verb, before, skip) -> Attribution | None:
    """The source after its verb: '"...," said Ryder' (the verb right after a boundary,
    the statement before it) or "... was confirmed by the Pentagon"."""
    if not text[before[0] : before[1]].strip() and before[0] > lo:
        end = _np_end(text, verb.end(), hi)
        mentions = find_mentions(text, verb.end(), end, skip, fallback="after")
        between = (verb.end(), mentions[0].start) if mentions else (0, 0)
        near = mentions and (word_count(text[slice(*between)]) <= 2 or _only_titles(text, *between))
        if near and word_count(text[lo : before[0]]) >= 2:
            return Attribution(mentions, (verb.start(), hi), (lo, before[0]), verb.group())
    outlet = _outlet(text, verb, hi) if verb.group() not in _TELLING else None
    by = _BY.match(text, outlet[1] if outlet else verb.end(), hi)
    if by and not _QUALIFIER_SUBJECT.match(text, lo, verb.start()):
        end = _np_end(text, by.end(), hi)
        mentions = find_mentions(text, by.end(), end, skip, fallback="after")
        if mentions:  # "... was confirmed (to Reuters) by two officials"
            relay = (outlet[0],) if outlet else ()
            return Attribution(mentions, (by.start(), end), (lo, hi), verb.group(), relay)
    return None


def _outlet(text: str, verb, hi: int) -> tuple[str, int] | None:
    """The outlet a source spoke to: "told NBC News", "confirmed to Al-Monitor", "said to
    Reuters". A person, a place or an addressee ("told reporters") is no outlet."""
    pos = verb.end()
    if verb.group() not in _TELLING:
        to = _TO.match(text, pos, hi)
        if not to:
            return None
        pos = to.end()
    m = _OUTLET.match(text, pos, hi)
    if not m or lexicon().addressee.match(text, pos, hi):
        return None
    known = [x for x in find_mentions(text, m.start(1), _np_end(text, m.start(1), hi)) if x.start == m.start(1)]
    if known:
        media = known[0].kind is not None and "media" in known[0].kind
        return (known[0].name, known[0].end) if media or known[0].name == "Reuters" else None
    name = m.group(1).rstrip(".")
    if name in lexicon().places or name in lexicon().not_names or " " not in name and names.is_known(name, text):
        return None
    return name, m.start(1) + len(name)


def _source_before(text, lo, hi, verb, seg_start, frame_start, mentions, relay) -> Attribution:
    lex = lexicon()
    relay, word = list(relay), verb.group()
    outlet = _outlet(text, verb, hi)
    addressee = lex.addressee.match(text, verb.end(), hi)
    after = outlet[1] if outlet else addressee.end() if addressee else verb.end()
    tail = text[after:hi]
    relay += [outlet[0]] if outlet else []  # "an official told Military Times": the outlet relays
    # the statement came first when only an aside follows the verb: '"...," Ryder said in a
    # briefing', '..., officials said Thursday', '..., a monitor said, in the latest ...'
    after_quote = bool(_AFTER_QUOTE.search(text, lo, seg_start))  # '"...," Roe told reporters gathered there'
    inverted = (
        seg_start > lo
        and (word_count(text[lo:seg_start]) >= 3 or after_quote)
        and (word_count(tail) <= 2 or tail.startswith(",") or bool(lex.aside.match(tail)) or after_quote)
        and not _CONTENT_OPENER.match(tail)
        and not _only_asides(text, lo, seg_start)
    )
    if inverted:  # '"We are there for one reason," Ryder said in a briefing.'
        return Attribution(mentions, (frame_start, hi), (lo, seg_start), word, tuple(relay))
    content = after
    if word in ("quoted", "quotes"):
        said = _AS_SAYING.search(text, content, _np_end(text, content, hi))
        inner = find_mentions(text, content, said.start()) if said else []
        if inner:  # "IRNA quoted a commander as saying"
            relay += [m.name for m in mentions]
            mentions, content = inner, said.end()
    return _content_after(text, hi, frame_start, content, mentions, word, relay)


def _only_asides(text: str, lo: int, pos: int) -> bool:
    """Is everything before the subject an aside ("On its part, the group said, ...")?"""
    segments = [(a, b) for a, b in _segments(text, lo, pos) if text[a:b].strip()]
    return bool(segments) and all(lexicon().aside.match(text, a, b) for a, b in segments)


def _only_titles(text: str, a: int, b: int) -> bool:
    """Only titles, role words and capitalized names in text[a:b] ("EU foreign policy chief")."""
    role_words = lexicon().role_words
    return all(w[0].isupper() or w.lower() in role_words for w in WORD.findall(text, a, b))


def _content_after(text, hi, frame_start, content, mentions, word, relay) -> Attribution:
    """The statement after the verb: past "Thursday that", past "citing X, that"."""
    that = _THAT.match(text, content, hi)
    if that and ("," not in that.group(1) or all(w.lower() in lexicon().quiet for w in WORD.findall(that.group(1)))):
        content = that.end()  # "said Thursday that ...", "said, however, that ..."
    cite = _CITING.match(text, content, hi)
    if cite:  # "IRNA reported, citing Iraqi sources, that ..."
        end = _np_end(text, cite.end(), hi)
        inner = find_mentions(text, cite.end(), end)
        if inner:
            relay += [m.name + "".join(" " + h for h in m.hops) for m in mentions]
            mentions = inner
            content = _COMMA_THAT.match(text, end, hi).end()
    content = _LEAD_PUNCT.match(text, content, hi).end()
    return Attribution(mentions, (frame_start, content), (content, hi), word, tuple(relay))


def _according(text, lo, hi, m, skip) -> Attribution | None:
    end = _np_end(text, m.end(), hi)
    mentions = find_mentions(text, m.end(), end, skip, fallback="after")
    if not mentions:
        return None
    cue = " ".join(m.group().split())
    if not text[lo : m.start()].strip(" \"'“‘(") or _CONJ_ONLY.fullmatch(text, lo, m.start()):
        content = _LEAD_PUNCT.match(text, end, hi).end()
        return Attribution(mentions, (lo, content), (content, hi), cue)
    relative = _RELATIVE.match(text, end, hi)
    if relative:  # "..., according to SOHR, which has informants": the aside is about the source
        end = _np_end(text, relative.end(), hi)
    return Attribution(mentions, (m.start(), end), (lo, hi), cue)


def _report_noun(text, lo, hi, m, skip) -> Attribution | None:
    tail = lexicon().report_tail.match(text, m.end(), hi)
    if not tail:
        return None
    mentions = find_mentions(text, m.end(), tail.end(), skip) or find_mentions(text, m.start(), m.end())
    if not mentions:
        return None
    return Attribution(mentions, (m.start(), tail.end()), (tail.end(), hi), m.group())


def _headline(text, lo, hi) -> Attribution | None:
    """A line that is a headline with its source after or before a colon:
    'US not looking for conflict: White House', 'Pentagon: 150 attacks since October'."""
    if (hi < len(text) and text[hi] != "\n") or ":" not in text[lo:hi]:
        return None
    for a, b, content in ((text.rfind(":", lo, hi) + 1, hi, None), (lo, text.find(":", lo, hi), "after")):
        if b <= a or word_count(text[a:b]) > 6:
            continue
        mentions = [m for m in find_mentions(text, a, b) if not m.anaphor and m.qualified]
        if mentions and content:
            return Attribution(mentions, (lo, b + 1), (b + 1, hi), text[lo : b + 1].strip())
        if mentions:
            return Attribution(mentions, (a - 1, hi), (lo, a - 1), text[a - 1 : hi].strip())
    return None


def anchors(text: str, lo: int, hi: int, quotes) -> list:
    """Candidate attribution anchors in a sentence, outside quotations, in text order."""
    lex = lexicon()
    found = [(m.start(), 0, m) for m in lex.verbs.finditer(text, lo, hi)]
    found += [(m.start(), 1, m) for m in lex.according.finditer(text, lo, hi)]
    found += [(m.start(), 2, m) for m in lex.report_noun.finditer(text, lo, hi)]
    return sorted((a for a in found if not inside(a[0], quotes)), key=lambda a: a[:2])


def attribution(text: str, lo: int, hi: int, quotes, skip, candidates=None) -> Attribution | None:
    """The first anchor in text[lo:hi] that resolves to a source."""
    for start, kind, m in candidates if candidates is not None else anchors(text, lo, hi, quotes):
        if start < lo or m.end() > hi:
            continue
        if kind == 0:
            if _RELATIVE_VERB.search(text, max(lo, start - 40), start) or _ASKED.search(
                text, max(lo, start - 60), start
            ):
                continue  # "Reuters, which first reported it, said", "asked if X believes": the next verb
            found = _verb_attribution(text, lo, hi, m, quotes, skip)
        elif kind == 1:
            found = _according(text, lo, hi, m, skip)
        else:
            found = _report_noun(text, lo, hi, m, skip)
        if found:
            return found
    return _headline(text, lo, hi)
