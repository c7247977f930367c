"""Sources and status cues in text: who a statement rests on (gazetteer names, unnamed
sources such as "a US official", anaphors such as "the statement") and the words that say
how sure it is ("confirmed", "have yet to confirm"). Names, kinds and cue words live in
lexicons/sources.yml and lexicons/cues.yml; the attribution and claims modules use these
scanners."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.text.lexicon import load_lexicon
from analysis.text.regex import alternation, gated

_QUOTE = re.compile(r'["“”]')
WORD = re.compile(r"\w[\w'’.-]*")
_TOKEN = re.compile(r"\S+")
_NAME_TOKEN = r"(?:(?:al|el|bin|ibn|abu|de|van|von)[- ])?[A-Z][\w.'’-]*"
_NAME_BEFORE = re.compile(rf"((?:{_NAME_TOKEN}\s+){{0,5}}{_NAME_TOKEN})((?:\s+[a-z]+){{0,3}})\s*$")
_NAME_AFTER = re.compile(rf"\s*((?:{_NAME_TOKEN}\s+){{0,5}}{_NAME_TOKEN})")
OPENER = re.compile(r"(?i)[\s,]*(?:(?:but|and|so|yet|while|meanwhile|additionally|however|also)\b[\s,]*)*")
_COORDINATOR = re.compile(r"\s*,\s*|\s+(?:and|or)\s+")
_CONJUNCTION = re.compile(r",|\band\b|\bor\b|&")


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
    nat = alternation(un["nationalities"], flexible_spaces=False)
    unnamed_head = gated(
        rf"(?<![\w-])(?P<head>{alternation(_either_case(un['heads']), flexible_spaces=False)})(?![\w-])"
    )
    unnamed_prefix = re.compile(  # what may stand before a head: "Iraqi and Russian", "militia"
        rf"(?<![\w-])(?P<nats>{nat}(?:(?:\s*,\s*|\s+(?:and|or)\s+){nat})*\s+)?"
        rf"(?P<quals>(?:{alternation(_either_case(un['qualifiers']), flexible_spaces=False)}\s+){{0,3}})$"
    )
    statuses = tuple(cue["status_cues"])
    groups = "|".join(f"(?P<s{i}>" + "|".join(cue["status_cues"][s]) + ")" for i, s in enumerate(statuses))
    aux = alternation(cue["auxiliaries"], flexible_spaces=False)
    negators = "|".join(cue["negators"])
    return Lexicon(
        named=gated(rf"(?<![\w-]){alternation(entries, flexible_spaces=False)}(?![\w-])"),
        entries=entries,
        unnamed_head=unnamed_head,
        unnamed_prefix=unnamed_prefix,
        heads={k.lower(): v for k, v in un["heads"].items()},
        kind_rules=tuple((frozenset(r["words"]), r["kind"]) for r in un["kind_rules"]),
        relay=re.compile(
            rf"\s*(?:['’]s)?\s+((?:[a-z][\w-]*\s+){{0,2}}?{alternation(src['relay_roles'], flexible_spaces=False)})(?![\w-])"
        ),
        anaphor=re.compile(rf"(?<![\w-]){alternation(src['anaphora'], flexible_spaces=False, flags='i')}(?![\w-])"),
        not_names=frozenset(src["not_names"]) | frozenset(src["titles"]),
        quiet=frozenset(cue["auxiliaries"]) | frozenset(cue["between_subject_and_verb"]),
        verbs=gated(rf"(?<![\w-]){alternation(cue['attribution_verbs'], flexible_spaces=False)}(?![\w-])", limit=3),
        according=gated(r"(?<![\w-])[Aa]ccording(?:\s+to)?\s+"),
        report_noun=gated(
            rf"(?<![\w-]){alternation(_either_case(cue['report_nouns']), flexible_spaces=False)}(?![\w-])"
        ),
        report_tail=re.compile(r"\s+(?:(?!that\b|of\b)[\w'’-]+\s+){0,5}?(?:that|of)(?![\w-])"),
        addressee=re.compile(rf"\s+{alternation(cue['addressees'], flexible_spaces=False)}(?![\w-])"),
        aside=re.compile(rf"(?i)[\s,]*(?:{alternation(cue['asides'], flexible_spaces=False)}\b|\w+ing\b)"),
        subordinator=re.compile(rf"\s*{alternation(cue['subordinators'], flexible_spaces=False, flags='i')}\b"),
        cues=gated(rf"(?<![\w-])(?:{groups})(?![\w-])", limit=3),
        cues_any_case=gated(rf"(?i)(?<![\w-])(?:{groups})(?![\w-])", limit=3),
        cue_status=statuses,
        negation=gated(
            rf"(?i)(?:\b{aux}\s+)?\b(?:{negators})\b(?:\s+[\w'’-]+){{0,{int(cue['negation_window'])}}}?\s+$"
        ),
        negated=dict(cue["negated"]),
    )


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


def inside(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


def overlaps(a: int, b: int, spans) -> bool:
    return any(a < y and x < b for x, y in spans)


def word_count(s: str) -> int:
    return len(WORD.findall(s))


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
        if inside(start, quotes):
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
        if overlaps(m.start(), m.end(), skip):
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
        if overlaps(start, h.end(), skip) or overlaps(start, h.end(), [(n.start, n.end) for n in named]):
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
        best = sorted(
            best
            + [
                b
                for b in bare
                if any(
                    _CONJUNCTION.search(text, *sorted((b.end, o.start) if b.end <= o.start else (o.end, b.start)))
                    for o in best
                )
            ],
            key=lambda x: x.start,
        )
        return _heads_of_conjuncts(text, best)
    if bare:
        return bare
    first = OPENER.match(text, lo, hi).end()
    anaphor = lex.anaphor.match(text, first, hi)  # only as the head of the span: "The statement ..."
    if anaphor and not overlaps(anaphor.start(), anaphor.end(), skip):
        return [Mention(anaphor.start(), anaphor.end(), anaphor.group(), None, anaphor=True)]
    return _unknown_name(text, lo, hi, fallback) if fallback else []


def _heads_of_conjuncts(text: str, mentions: list[Mention]) -> list[Mention]:
    """Keep one source per conjunct: in "Pentagon press secretary Pat Ryder" the person,
    in "IRNA and Sputnik" both."""
    kept = []
    for i, m in enumerate(mentions):
        nxt = next((n for n in mentions[i + 1 :] if n.start >= m.end), None)
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
    if len(tokens) == 1 and where == "before" and not text[lo : m.start(1)].strip():
        return []  # "Emerging reports ..." : a lone capitalized word opening a clause is no name
    return [Mention(tokens[0].start(), m.end(1), " ".join(t.group() for t in tokens), None)]
