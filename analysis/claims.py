"""Attributed statements: who each statement in an article rests on, and how sure the
article says it is (the article's epistemic map).

Rules, not a statistical model, so every row can be explained. A sentence is cut into
clauses at dashes, semicolons and ", but / while"; in each clause the first anchor that
resolves to a source makes an attributed statement: a speech verb with its source before
it ("IRNA said"), after it ('"...," Ryder said') or as agent ("confirmed by CENTCOM");
"according to X"; "rumors / reports that ..."; a headline's trailing ": Source". Inside
the statement's content a second anchor makes a nested statement, which together with
possessive reporters ("Sputnik's correspondent"), "citing X" and lead-ins ending in a
colon ("..., according to Military Times:", applied to the next paragraph) gives the
relay chain. A clause without an anchor is the author's own assertion. Names, kinds and
cue words live in lexicons/sources.yml and lexicons/cues.yml.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.fastre import gated
from analysis.lexicon import load_lexicon
from analysis.tables import Field, Table

SOURCE_KINDS = (
    "state media (Iran)", "state media (Russia)", "regional media", "US media",
    "US government", "armed group", "anonymous/local sources", "author",
)
STATUSES = ("confirmed", "reported", "unconfirmed", "denied", "rumor")
STRENGTH = {"reported": 1, "confirmed": 2, "unconfirmed": 3, "rumor": 4, "denied": 5}
AUTHOR = "author"
VIA_SEPARATOR = " > "

TABLE = Table(
    name="claims",
    title="Claims",
    description=(
        "The article's epistemic map: one row per statement it reports on someone's authority "
        "(one row per source when several share a statement) and one per assertion the author "
        "makes without attribution. `start`/`end`/`quote` are the evidence clause; the source, "
        "relay and status cue may sit earlier in it (or, for a lead-in ending in a colon, in the "
        "sentence before)."
    ),
    fields=(
        Field("doc_id", "string", "Document id", required=True),
        Field("claim_id", "string", "Stable id within the document: c<start>-<n>, n counting rows that share the evidence clause", required=True),
        Field("claim", "string", "What is stated: the clause's content without its attribution words", required=True),
        Field("source", "string", "Normalized source the statement rests on (lexicons/sources.yml); for a relay, the origin of the chain; 'author' for the author's own assertion", required=True),
        Field("source_kind", "string", "Kind of source; empty when the source is not in the gazetteer", enum=SOURCE_KINDS),
        Field("via", "string", "Relay chain, outermost first, joined by ' > ', ending with the origin: 'Military Times > Pentagon' is the author relaying Military Times relaying the Pentagon, 'Sputnik > regional correspondent' is Sputnik relaying its correspondent; empty when the author cites the source directly"),
        Field("status", "string", "How the article presents the statement: confirmed, reported (stated on the source's or author's word, no verification marker), unconfirmed, denied, or rumor; the strongest cue wins (denied > rumor > unconfirmed > confirmed > reported)", required=True, enum=STATUSES),
        Field("cue", "string", "The words that set the status, as written (e.g. 'said', 'have yet to confirm'); empty for a bare assertion of the author"),
        Field("event_date", "date", "When it happened, resolved by analysis.dates: the first date in the statement's content, else in its attribution words ('said Thursday'), a 'since ...' bound only when there is nothing else; empty if none"),
        Field("start", "integer", "Offset of the evidence clause in the normalized text", required=True),
        Field("end", "integer", "End offset (exclusive) of the evidence clause", required=True),
        Field("quote", "string", "The evidence clause: text[start:end]", required=True),
    ),
    primary_key=("doc_id", "claim_id"),
    sort_key=("doc_id", "start", "claim_id"),
)


# --- lexicon ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Mention:
    """A source named in the text; `hops` are relay roles after it ("regional correspondent")."""
    start: int
    end: int
    name: str
    kind: str | None
    role: str | None = None
    hops: tuple[str, ...] = ()
    anaphor: bool = False
    qualified: bool = True  # False for a bare "reports"/"sources", used only as a last resort


def _alternation(items, flags="") -> str:
    body = "|".join(re.escape(x) for x in sorted(set(items), key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _either_case(items) -> list[str]:
    """Words as listed and capitalized: a case-sensitive alternation of both scans about
    twice as fast as an (?i) one."""
    return list(items) + [x[:1].upper() + x[1:] for x in items]


@dataclass(frozen=True)
class Lexicon:
    named: re.Pattern
    entries: dict
    unnamed_head: re.Pattern
    unnamed_prefix: re.Pattern
    heads: dict
    kind_rules: tuple
    relay: re.Pattern
    anaphor: re.Pattern
    not_names: frozenset
    quiet: frozenset  # auxiliaries that may stand between a subject and its verb
    verbs: re.Pattern
    according: re.Pattern
    report_noun: re.Pattern
    report_tail: re.Pattern
    subordinator: re.Pattern
    aside: re.Pattern
    addressee: re.Pattern
    cues: re.Pattern  # on lowercased text
    cues_any_case: re.Pattern
    cue_status: tuple
    negation: re.Pattern
    negated: dict


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    src, cue = load_lexicon("sources"), load_lexicon("cues")
    entries = {}
    for entry in src["named"]:
        for alias in entry["aliases"]:
            entries[str(alias)] = (entry["name"], entry.get("kind"), entry.get("role"))
    un = src["unnamed"]
    nat = _alternation(un["nationalities"])
    unnamed_head = gated(rf"(?<![\w-])(?P<head>{_alternation(_either_case(un['heads']))})(?![\w-])")
    unnamed_prefix = re.compile(  # what may stand before a head: "Iraqi and Russian", "militia"
        rf"(?<![\w-])(?P<nats>{nat}(?:(?:\s*,\s*|\s+(?:and|or)\s+){nat})*\s+)?"
        rf"(?P<quals>(?:{_alternation(_either_case(un['qualifiers']))}\s+){{0,3}})$"
    )
    statuses = tuple(cue["status_cues"])
    groups = "|".join(
        f"(?P<s{i}>" + "|".join(cue["status_cues"][s]) + ")" for i, s in enumerate(statuses)
    )
    aux = _alternation(cue["auxiliaries"])
    negators = "|".join(cue["negators"])
    return Lexicon(
        named=gated(rf"(?<![\w-]){_alternation(entries)}(?![\w-])"),
        entries=entries,
        unnamed_head=unnamed_head,
        unnamed_prefix=unnamed_prefix,
        heads={k.lower(): v for k, v in un["heads"].items()},
        kind_rules=tuple((frozenset(r["words"]), r["kind"]) for r in un["kind_rules"]),
        relay=re.compile(
            rf"\s*(?:['’]s)?\s+((?:[a-z][\w-]*\s+){{0,2}}?{_alternation(src['relay_roles'])})(?![\w-])"
        ),
        anaphor=re.compile(rf"(?<![\w-]){_alternation(src['anaphora'], 'i')}(?![\w-])"),
        not_names=frozenset(src["not_names"]) | frozenset(src["titles"]),
        quiet=frozenset(cue["auxiliaries"]) | frozenset(cue["between_subject_and_verb"]),
        verbs=gated(rf"(?<![\w-]){_alternation(cue['attribution_verbs'])}(?![\w-])", limit=3),
        according=gated(r"(?<![\w-])[Aa]ccording(?:\s+to)?\s+"),
        report_noun=gated(rf"(?<![\w-]){_alternation(_either_case(cue['report_nouns']))}(?![\w-])"),
        report_tail=re.compile(r"\s+(?:(?!that\b|of\b)[\w'’-]+\s+){0,5}?(?:that|of)(?![\w-])"),
        addressee=re.compile(rf"\s+{_alternation(cue['addressees'])}(?![\w-])"),
        aside=re.compile(rf"(?i)[\s,]*(?:{_alternation(cue['asides'])}\b|\w+ing\b)"),
        subordinator=re.compile(rf"\s*{_alternation(cue['subordinators'], 'i')}\b"),
        cues=gated(rf"(?<![\w-])(?:{groups})(?![\w-])", limit=3),
        cues_any_case=gated(rf"(?i)(?<![\w-])(?:{groups})(?![\w-])", limit=3),
        cue_status=statuses,
        negation=gated(
            rf"(?i)(?:\b{aux}\s+)?\b(?:{negators})\b(?:\s+[\w'’-]+){{0,{int(cue['negation_window'])}}}?\s+$"
        ),
        negated=dict(cue["negated"]),
    )


# --- low-level scanning ----------------------------------------------------------------

_QUOTE = re.compile(r'["“”]')
_CLAUSE_SEP = re.compile(r"\s+[-–—]+\s+|;\s+|,\s+(?=(?:but|while|whereas|yet)\b)")
_BOUND = re.compile(r'(?<!\d),|,(?!\d)|[;:()]|["“”]|\s[-–—]+\s')
_WORD = re.compile(r"\w[\w'’.-]*")
_TOKEN = re.compile(r"\S+")
_NAME_TOKEN = r"(?:(?:al|el|bin|ibn|abu|de|van|von)[- ])?[A-Z][\w.'’-]*"
_NAME_BEFORE = re.compile(rf"((?:{_NAME_TOKEN}\s+){{0,5}}{_NAME_TOKEN})((?:\s+[a-z]+){{0,3}})\s*$")
_NAME_AFTER = re.compile(rf"\s*((?:{_NAME_TOKEN}\s+){{0,5}}{_NAME_TOKEN})")
_THAT = re.compile(r"((?:[\s,]+[\w.'’-]+){0,4}?)[\s,]+that\b")
_CITING = re.compile(r"\s*,?\s*(?:citing|quoting)\s+")
_AS_SAYING = re.compile(r"\s+as\s+saying\b")
_OBJECT_ANAPHOR = re.compile(r"(?i)(?:them|it|this|that|these|those|the (?:claims?|reports?|statements?|allegations?)|these (?:claims|reports))\.?")
_OPENER = re.compile(r"(?i)[\s,]*(?:(?:but|and|so|yet|while|meanwhile|additionally|however|also)\b[\s,]*)*")
_QUALIFIER_SUBJECT = re.compile(r"(?i)\s*(?:but\s+|and\s+)?(?:nothing|none|this|that|it|these|those)\b")
_COORDINATOR = re.compile(r"\s*,\s*|\s+(?:and|or)\s+")
_CONJUNCTION = re.compile(r",|\band\b|\bor\b|&")
_CITING_HEAD = re.compile(r"\s*(?:citing|quoting)\b")
_CONTENT_OPENER = re.compile(r"\s*(?:that\b|[\"“:])")
_CONJ_ONLY = re.compile(r"\s*(?:But|And|So)\s*")
_WORDCHAR = re.compile(r"\w")
_NP_STOP = re.compile(r'(?<!\d)[,.]|[,.](?!\d)|[;:!?()"“”]|\s[-–—]+\s|\sthat\b')
_BY = re.compile(r"\s+by\s+")
_THAT_WORD = re.compile(r"\s+that\b")
_COMMA_THAT = re.compile(r"[\s,]*(?:that\b)?")
_LEAD_PUNCT = re.compile(r"[\s,:]*")
_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b")
_SINCE = re.compile(r"(?i)\b(?:since|from)\s+(?:the\s+)?$")


def quote_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Direct quotations in text[lo:hi]; an unclosed one runs to `hi`, a leading closer
    (a quotation continued from the sentence before) starts at `lo`."""
    spans, opened = [], None
    for m in _QUOTE.finditer(text, lo, hi):
        if opened is None:
            if m.group() == "”":
                spans.append((lo, m.end()))
            else:
                opened = m.start()
        elif m.group() != "“":
            spans.append((opened, m.end()))
            opened = None
    if opened is not None:
        spans.append((opened, hi))
    return spans


def _inside(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


def _overlaps(a: int, b: int, spans) -> bool:
    return any(a < y and x < b for x, y in spans)


def _words(s: str) -> int:
    return len(_WORD.findall(s))


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    status: str
    text: str


def find_cues(text: str, lo: int, hi: int, quotes) -> list[Cue]:
    """Status cues outside quotations, with negation applied ("has not been confirmed")."""
    lex = lexicon()
    found = []
    lowered = text[lo:hi].lower()
    if len(lowered) == hi - lo:  # scan a lowercased copy with a case-sensitive pattern (faster)
        matches = ((m.start() + lo, m.end() + lo, m.lastgroup) for m in lex.cues.finditer(lowered))
    else:
        matches = ((m.start(), m.end(), m.lastgroup) for m in lex.cues_any_case.finditer(text, lo, hi))
    for start, end, group in matches:
        if _inside(start, quotes):
            continue
        status = lex.cue_status[int(group[1:])]
        neg = lex.negation.search(text, max(lo, start - 60), start)
        if neg:
            status = lex.negated.get(status, status)
            start = neg.start()
        if status:
            found.append(Cue(start, end, status, text[start:end]))
    return found


def _unnamed_kind(words: set, head_kind):
    for needed, kind in lexicon().kind_rules:
        if needed <= words:
            return kind
    return head_kind


def find_mentions(text: str, lo: int, hi: int, skip=(), fallback: str = "") -> list[Mention]:
    """Sources named in text[lo:hi], best evidence first: gazetteer names and qualified
    unnamed sources; else a bare "sources"/"reports"; else an anaphor; else an unknown
    capitalized name ending the span (`fallback="before"`, a subject before its verb) or
    opening it (`fallback="after"`, '..., said John Smith')."""
    lex = lexicon()
    named = []
    for m in lex.named.finditer(text, lo, hi):
        if _overlaps(m.start(), m.end(), skip):
            continue
        name, kind, role = lex.entries[m.group()]
        end, hops = m.end(), ()
        relay = lex.relay.match(text, end, hi)
        if relay:
            end, hops = relay.end(), (" ".join(relay.group(1).split()),)
        named.append(Mention(m.start(), end, name, kind, role, hops))
    qualified, bare = [], []
    for h in lex.unnamed_head.finditer(text, lo, hi):
        m = lex.unnamed_prefix.search(text, max(lo, h.start() - 120), h.start())
        start = m.start() if m else h.start()
        if _overlaps(start, h.end(), skip) or _overlaps(start, h.end(), [(n.start, n.end) for n in named]):
            continue
        head = h.group().lower()
        info = lex.heads[head]
        quals = m.group("quals").split() if m else []
        nats = [n for n in _COORDINATOR.split((m.group("nats") or "").strip()) if n] if m else []
        if not nats and not quals:
            bare.append(Mention(start, h.end(), info["bare_name"], info["kind"], qualified=False))
            continue
        for nat in nats or [None]:
            words = [w for w in [nat, *quals, head] if w]
            kind = _unnamed_kind(set(words), info["kind"])
            qualified.append(Mention(start, h.end(), " ".join(words), kind))
    best = sorted(named + qualified, key=lambda x: x.start)
    if best:
        # a bare head coordinated with a named source counts too ("a monitor and a local official")
        best = sorted(best + [b for b in bare if any(_CONJUNCTION.search(text, *sorted((b.end, o.start) if b.end <= o.start else (o.end, b.start))) for o in best)], key=lambda x: x.start)
        return _heads_of_conjuncts(text, best)
    if bare:
        return bare
    first = _OPENER.match(text, lo, hi).end()
    anaphor = lex.anaphor.match(text, first, hi)  # only as the head of the span: "The statement ..."
    if anaphor and not _overlaps(anaphor.start(), anaphor.end(), skip):
        return [Mention(anaphor.start(), anaphor.end(), anaphor.group(), None, anaphor=True)]
    return _unknown_name(text, lo, hi, fallback) if fallback else []


def _heads_of_conjuncts(text: str, mentions: list[Mention]) -> list[Mention]:
    """Keep one source per conjunct: in "Pentagon press secretary Pat Ryder" the person,
    in "IRNA and Sputnik" both."""
    kept = []
    for i, m in enumerate(mentions):
        nxt = next((n for n in mentions[i + 1:] if n.start >= m.end), None)
        if nxt is not None and not _CONJUNCTION.search(text, m.end, nxt.start):
            continue
        kept.append(m)
    return kept


def _unknown_name(text: str, lo: int, hi: int, where: str) -> list[Mention]:
    lex = lexicon()
    if where == "before":
        m = _NAME_BEFORE.search(text, lo, hi)
        if not m or any(w not in lex.quiet and not w.endswith("ly") for w in m.group(2).split()):
            return []
    else:
        m = _NAME_AFTER.match(text, lo, hi)
        if not m:
            return []
    tokens = list(_TOKEN.finditer(text, m.start(1), m.end(1)))
    while tokens and tokens[0].group() in lex.not_names:
        tokens.pop(0)
    if not tokens or any(t.group() in lex.not_names for t in tokens):
        return []
    if len(tokens) == 1 and where == "before" and not text[lo:m.start(1)].strip():
        return []  # "Emerging reports ..." : a lone capitalized word opening a clause is no name
    return [Mention(tokens[0].start(), m.end(1), " ".join(t.group() for t in tokens), None)]


# --- attribution -------------------------------------------------------------------------

@dataclass
class Attribution:
    sources: list[Mention]
    frame: tuple[int, int]  # the attribution words
    content: tuple[int, int]  # what is stated (the frame inside it, if any, is excluded)
    cue: str  # the anchor as written ("said", "according to"), the fallback status cue
    relay: tuple[str, ...] = ()  # outer sources named with "citing" / "told <outlet>"


def _segments(text: str, lo: int, pos: int):
    """Stretches of text[lo:pos] between commas, quotes and dashes, nearest `pos` first."""
    cuts = [(lo, lo)] + [(m.start(), m.end()) for m in _BOUND.finditer(text, lo, pos)]
    out = []
    for (_, a), (b, _) in zip(cuts, cuts[1:] + [(pos, pos)]):
        out.append((a, b))
    return out[::-1]


def _np_end(text: str, pos: int, hi: int) -> int:
    m = _NP_STOP.search(text, pos, hi)
    return m.start() if m else hi


def _verb_attribution(text, lo, hi, verb, quotes, skip) -> Attribution | None:
    """Look back from the verb, segment by segment, for its subject: asides ("in a
    statement", "speaking on condition of anonymity") are passed over, an appositive ("an
    umbrella group of militias") is used only when nothing stands before it, and a plain
    subject that names no source ends the search."""
    lex = lexicon()
    segments = _segments(text, lo, verb.start())
    inner: list[Mention] = []
    apposition = None
    for a, b in segments[:5]:
        if _overlaps(a, b, quotes):
            break
        if _CITING_HEAD.match(text, a, b):
            inner = find_mentions(text, a, b, skip)  # "IRNA, citing Iraqi sources, said": IRNA relays them
            if inner:
                continue
            break
        words = _WORD.findall(text, a, b)
        if all(w.lower() in lex.quiet or w.endswith("ly") for w in words) or (a > lo and lex.aside.match(text, a, b)):
            continue
        mentions = find_mentions(text, a, b, skip, fallback="before")
        if a > lo and words[0].lower() in ("a", "an"):
            apposition = apposition or (mentions and (a, mentions))
            continue
        if not mentions and apposition:
            a, mentions = apposition
        if not mentions:
            break
        relay = tuple(m.name + "".join(" " + h for h in m.hops) for m in mentions) if inner else ()
        subject = _OPENER.match(text, a, verb.start()).end()  # "but a Pentagon spokesman" -> "a Pentagon spokesman"
        return _source_before(text, lo, hi, verb, a, min([subject] + [m.start for m in mentions]), inner or mentions, relay)
    if inner:
        return None
    # '"...," said Ryder': the verb right after a boundary, its subject after it.
    before = segments[0]
    if not text[before[0]:before[1]].strip() and before[0] > lo:
        end = _np_end(text, verb.end(), hi)
        mentions = find_mentions(text, verb.end(), end, skip, fallback="after")
        if mentions and _words(text[lo:before[0]]) >= 2 and _words(text[verb.end():mentions[0].start]) <= 2:
            return Attribution(mentions, (verb.start(), hi), (lo, before[0]), verb.group())
    # "... was confirmed by the Pentagon"
    by = _BY.match(text, verb.end(), hi)
    if by and not _QUALIFIER_SUBJECT.match(text, lo, verb.start()):
        end = _np_end(text, by.end(), hi)
        mentions = find_mentions(text, by.end(), end, skip, fallback="after")
        if mentions:
            return Attribution(mentions, (by.start(), end), (lo, hi), verb.group())
    return None


def _source_before(text, lo, hi, verb, seg_start, frame_start, mentions, relay) -> Attribution:
    lex = lexicon()
    addressee = lex.addressee.match(text, verb.end(), hi)
    tail = text[addressee.end() if addressee else verb.end():hi]
    # the statement came first when only an aside follows the verb: '"...," Ryder said in a
    # briefing', '..., officials said Thursday', '..., a monitor said, in the latest ...'
    inverted = (
        seg_start > lo
        and _words(text[lo:seg_start]) >= 3
        and (_words(tail) <= 2 or tail.startswith(",") or bool(lex.aside.match(tail)))
        and not _CONTENT_OPENER.match(tail)
    )
    if inverted:  # '"We are there for one reason," Ryder said in a briefing.'
        return Attribution(mentions, (frame_start, hi), (lo, seg_start), verb.group(), tuple(relay))
    relay, content, word = list(relay), verb.end(), verb.group()
    if word in ("quoted", "quotes", "told", "tells", "tell"):
        end = _np_end(text, content, hi)
        said = _AS_SAYING.search(text, content, end)
        that = _THAT_WORD.search(text, content, end)
        inner = find_mentions(text, content, (said or that).start() if (said or that) else end)
        if inner and word.startswith("quot") and said:  # "IRNA quoted a commander as saying"
            relay += [m.name for m in mentions]
            mentions, content = inner, said.end()
        elif inner and not word.startswith("quot") and all(i.kind and "media" in i.kind for i in inner):
            relay += [inner[0].name]  # "an official told Military Times": the outlet relays
            content = that.start() if that else end
        elif not word.startswith("quot"):
            addressee = lexicon().addressee.match(text, content, hi)
            content = addressee.end() if addressee else content
    that = _THAT.match(text, content, hi)
    if that and ("," not in that.group(1) or all(w.lower() in lexicon().quiet for w in _WORD.findall(that.group(1)))):
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
    if not text[lo:m.start()].strip(" \"'“‘(") or _CONJ_ONLY.fullmatch(text, lo, m.start()):
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
        if b <= a or _words(text[a:b]) > 6:
            continue
        mentions = [m for m in find_mentions(text, a, b) if not m.anaphor and m.qualified]
        if mentions and content:
            return Attribution(mentions, (lo, b + 1), (b + 1, hi), text[lo:b + 1].strip())
        if mentions:
            return Attribution(mentions, (a - 1, hi), (lo, a - 1), text[a - 1:hi].strip())
    return None


def anchors(text: str, lo: int, hi: int, quotes) -> list:
    """Candidate attribution anchors in a sentence, outside quotations, in text order."""
    lex = lexicon()
    found = [(m.start(), 0, m) for m in lex.verbs.finditer(text, lo, hi)]
    found += [(m.start(), 1, m) for m in lex.according.finditer(text, lo, hi)]
    found += [(m.start(), 2, m) for m in lex.report_noun.finditer(text, lo, hi)]
    return sorted((a for a in found if not _inside(a[0], quotes)), key=lambda a: a[:2])


def attribution(text: str, lo: int, hi: int, quotes, skip, candidates=None) -> Attribution | None:
    """The first anchor in text[lo:hi] that resolves to a source."""
    for start, kind, m in candidates if candidates is not None else anchors(text, lo, hi, quotes):
        if start < lo or m.end() > hi:
            continue
        if kind == 0:
            found = _verb_attribution(text, lo, hi, m, quotes, skip)
        elif kind == 1:
            found = _according(text, lo, hi, m, skip)
        else:
            found = _report_noun(text, lo, hi, m, skip)
        if found:
            return found
    return _headline(text, lo, hi)


# --- the document walk -------------------------------------------------------------------

@dataclass
class Claim:
    start: int
    end: int
    frame: tuple[int, int]
    content: tuple[int, int]
    scope: list[tuple[int, int]]  # where this claim's status cues may sit
    exclude: list[tuple[int, int]]  # nested statements inside the scope
    source: str
    kind: str | None
    role: str | None
    chain: tuple[str, ...]
    status: str = "reported"
    cue: str = ""
    quoted: bool = False
    nested: bool = False
    event_date: object = None
    claim_id: str = ""
    text: str = ""
    antecedent: "Claim | None" = field(default=None, repr=False)

    @property
    def via(self) -> str:
        return VIA_SEPARATOR.join(self.chain) if len(self.chain) > 1 else ""

    def in_content(self, pos: int) -> bool:
        return self.content[0] <= pos < self.content[1] and not (self.frame[0] <= pos < self.frame[1])


def _clauses(text: str, lo: int, hi: int, quotes) -> list[tuple[int, int]]:
    cuts = [m for m in _CLAUSE_SEP.finditer(text, lo, hi) if not _inside(m.start(), quotes)]
    spans, start = [], lo
    for m in cuts:
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, hi))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _status(claim: Claim, cues: list[Cue], fallback: str, quotes) -> tuple[str, str]:
    best = None
    for c in cues:
        if any(a <= c.start < b for a, b in claim.scope) and not _inside(c.start, claim.exclude) and not _inside(c.start, quotes):
            if best is None or STRENGTH[c.status] > STRENGTH[best.status]:
                best = c
    return (best.status, best.text) if best else ("reported", fallback)


def _tidy(piece: str) -> str:
    piece = " ".join(piece.split()).strip(" ,;:-–—")
    return piece if _WORDCHAR.search(piece) else ""


def _claim_text(text: str, claim: Claim) -> str:
    a, b = claim.content
    holes = sorted([claim.frame] + claim.exclude)
    pieces, pos = [], a
    for x, y in holes:
        if y <= pos or x >= b:
            continue
        pieces.append(text[pos:max(pos, x)])
        pos = max(pos, y)
    pieces.append(text[pos:b])
    return ", ".join(p for p in (_tidy(p) for p in pieces) if p)


def _event_date(text: str, claim: Claim, dates, starts) -> object:
    lo, hi = (claim.scope[0][0], claim.scope[-1][1]) if claim.nested else (claim.start, claim.end)
    found = []
    for d in dates[bisect_left(starts, lo):bisect_left(starts, hi)]:
        if d.date is not None:
            since = bool(_SINCE.search(text, max(0, d.start - 12), d.start))
            found.append((since, not claim.in_content(d.start), d.start, d.date))
    return min(found)[3] if found else None


class _Walk:
    """State carried from sentence to sentence: the last named source (for "The statement
    ... said"), a quotation to continue, and a colon lead-in that frames the next paragraph."""

    def __init__(self, parsed):
        self.parsed, self.text = parsed, parsed.doc.text
        self.claims: list[Claim] = []
        self.last: Claim | None = None
        self.quoting: list[Claim] = []
        self.lead_in: Claim | None = None
        self.lead_in_paragraph = -1

    def run(self) -> list[Claim]:
        paragraph, prev_end = 0, 0
        for sent in self.parsed.sentences:
            if "\n" in self.text[prev_end:sent.start]:
                paragraph += 1
            prev_end = sent.end
            self.sentence(sent, paragraph)
        self.finish()
        return self.claims

    def _resolve(self, m: Mention, prefix: tuple[str, ...], relay: tuple[str, ...]):
        """(source, kind, role, chain, antecedent) of a mention."""
        if m.anaphor:
            if self.last is None:
                return None
            return self.last.source, self.last.kind, self.last.role, self.last.chain, self.last
        return m.name, m.kind, m.role, prefix + relay + (m.name,) + m.hops, None

    def sentence(self, sent, paragraph: int) -> None:
        text, lo, hi = self.text, sent.start, sent.end
        quotes = quote_spans(text, lo, hi)
        cues = find_cues(text, lo, hi, quotes)
        cue_spans = [(c.start, c.end) for c in cues]
        lead = self.lead_in if paragraph == self.lead_in_paragraph else None
        prefix = lead.chain if lead else ()
        groups: list[list] = []  # [clause_start, clause_end, attribution|None]
        candidates = anchors(text, lo, hi, quotes)
        for a, b in _clauses(text, lo, hi, quotes):
            found = attribution(text, a, b, quotes, quotes + cue_spans, candidates)
            if found is None and groups:
                groups[-1][1] = b  # "..., but nothing has been verified" joins the clause before
            else:
                groups.append([a, b, found])
        made: list[Claim] = []
        for a, b, found in groups:
            if found is None:
                made += self._unattributed(sent, a, b, quotes, cues, lead)
                continue
            outer = self._attributed(a, b, found, prefix, quotes, cues, lead)
            if not outer:  # an anaphor with nothing to refer to
                made += self._unattributed(sent, a, b, quotes, cues, lead)
                continue
            c0, c1 = found.content
            if c1 - c0 < 40 and _OBJECT_ANAPHOR.fullmatch(_claim_text(text, outer[0])):
                for c in outer:  # "..., but officials denied them": about the statement before
                    c.antecedent = made[-1] if made else self.last
            made += outer
            made += self._nested(a, b, found, outer, quotes, cues, cue_spans, candidates)
        for c in made:
            before = c.antecedent
            if before is not None and STRENGTH[c.status] > STRENGTH[before.status] and c.status != "confirmed":
                before.status, before.cue = c.status, c.cue  # "The statement, though unconfirmed, ..."
        # a sentence that only qualifies the statement before ("The report could not be
        # verified.") changes its status and is not a statement of its own
        made = [c for c in made if c.antecedent is None or c.source == AUTHOR or _claim_text(text, c)]
        self.claims += made
        top = [c for c in made if not c.nested and c.source != AUTHOR]
        if top:
            self.last = top[-1]
        self.quoting = [c for c in top if c.quoted]
        if text[lo:hi].rstrip().endswith(":") and top:
            self.lead_in, self.lead_in_paragraph = top[0], paragraph + 1

    def _attributed(self, a, b, found: Attribution, prefix, quotes, cues, lead) -> list[Claim]:
        out = []
        for m in found.sources:
            resolved = self._resolve(m, prefix, found.relay)
            if resolved is None:
                continue
            source, kind, role, chain, antecedent = resolved
            claim = Claim(a, b, found.frame, found.content, [(a, b)], [], source, kind, role, chain, antecedent=antecedent)
            claim.quoted = _overlaps(*found.content, quotes) and not _inside(found.frame[0], quotes)
            claim.status, claim.cue = _status(claim, cues, found.cue, quotes)
            if lead is not None and claim.status == "reported" and lead.status != "reported":
                claim.status, claim.cue = lead.status, lead.cue
            out.append(claim)
        return out

    def _nested(self, a, b, found: Attribution, outer: list[Claim], quotes, cues, skip, candidates) -> list[Claim]:
        """A statement inside another's content: "The Cradle says that militia sources have
        yet to confirm X" relays the militia sources through The Cradle."""
        c0, c1 = found.content
        if found.frame[0] >= c0 and found.frame[1] <= c1 and found.frame[0] > c0:
            return []  # content around the frame ("X, according to Y, Z"): no nesting
        inner = attribution(self.text, c0, c1, quotes, skip, candidates)
        if inner is None:
            return []
        end = c1
        if lexicon().subordinator.match(self.text, c0, inner.frame[1]):
            # "although militia sources have yet to confirm X, ..." ends at the comma
            comma = self.text.find(",", inner.frame[1], c1)
            while comma >= 0 and _inside(comma, quotes):
                comma = self.text.find(",", comma + 1, c1)
            end = comma if comma >= 0 else c1
        out = []
        for m in inner.sources:
            resolved = self._resolve(m, outer[0].chain, inner.relay)
            if resolved is None or m.anaphor:
                continue
            source, kind, role, chain, _ = resolved
            claim = Claim(a, b, inner.frame, (inner.content[0], min(end, inner.content[1])), [(c0, end)], [], source, kind, role, chain, nested=True)
            claim.quoted = _overlaps(*claim.content, quotes)
            claim.status, claim.cue = _status(claim, cues, inner.cue, quotes)
            out.append(claim)
        for c in outer if out else ():
            c.exclude.append((c0, end))  # the nested statement's cues are not the outer's
            c.status, c.cue = _status(c, cues, found.cue, quotes)
        return out

    def _unattributed(self, sent, a, b, quotes, cues, lead) -> list[Claim]:
        text = self.text
        base = None
        if lead is not None:
            base = lead
        elif a == sent.start and text[a] in "\"“" and self.quoting:
            base = self.quoting[-1]  # a quotation continued from the sentence before
        if base is not None:
            claim = Claim(a, b, (a, a), (a, b), [(a, b)], [], base.source, base.kind, base.role, base.chain)
            claim.quoted = bool(quotes)
            claim.status, claim.cue = _status(claim, cues, base.cue if base is not lead else "", quotes)
            if claim.status == "reported" and base.status != "reported":
                claim.status, claim.cue = base.status, base.cue
            return [claim]
        if _words(text[a:b]) < 3 or text[a:b].rstrip().endswith("?"):
            return []
        claim = Claim(a, b, (a, a), (a, b), [(a, b)], [], AUTHOR, AUTHOR, None, ())
        claim.status, claim.cue = _status(claim, cues, "", quotes)
        return [claim]

    def finish(self) -> None:
        text, dates = self.text, self.parsed.dates
        starts = [d.start for d in dates]
        self.claims.sort(key=lambda c: (c.start, c.nested, c.frame[0]))
        seen: dict[int, int] = {}
        for c in self.claims:
            n = seen[c.start] = seen.get(c.start, -1) + 1
            c.claim_id = f"c{c.start}-{n}"
            c.text = _claim_text(text, c) or _tidy(text[c.start:c.end]) or text[c.start:c.end]
            c.event_date = _event_date(text, c, dates, starts)


def claims_at(claims: list[Claim], starts: list[int], pos: int) -> list[Claim]:
    """The statement(s) holding `pos`: a nested one if its scope holds it, else the clause's
    top-level rows. `claims` sorted by start, `starts` their starts."""
    k = bisect_right(starts, pos)
    if k == 0:
        return []
    covering = [c for c in claims[bisect_left(starts, starts[k - 1]):k] if pos < c.end]  # clauses never overlap
    nested = [c for c in covering if c.nested and any(a <= pos < b for a, b in c.scope)]
    return nested or [c for c in covering if not c.nested]


_memo: list = [None, None]


def analyse(parsed) -> list[Claim]:
    """Claims of one parsed document (memoized for the last document, since frames and
    events read the same analysis)."""
    if _memo[0] is not parsed:
        _memo[0], _memo[1] = parsed, _Walk(parsed).run()
    return _memo[1]


def extract(parsed) -> list[dict]:
    text, doc_id = parsed.doc.text, parsed.doc.doc_id
    return [
        {
            "doc_id": doc_id,
            "claim_id": c.claim_id,
            "claim": c.text,
            "source": c.source,
            "source_kind": c.kind,
            "via": c.via,
            "status": c.status,
            "cue": c.cue,
            "event_date": c.event_date.isoformat() if c.event_date else None,
            "start": c.start,
            "end": c.end,
            "quote": text[c.start:c.end],
        }
        for c in analyse(parsed)
    ]
