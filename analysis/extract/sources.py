"""Sources and status cues in text: who a statement rests on (gazetteer names, unnamed
sources such as "a US official", anaphors such as "the statement") and the words that say
how sure it is ("confirmed", "have yet to confirm"). Names, kinds and cue words live in
lexicons/sources.yml and lexicons/cues.yml; the attribution and claims modules use these
scanners."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.extract import names
from analysis.text.lexicon import load_lexicon
from analysis.text.regex import alternation, gated

_QUOTE = re.compile(r'["“”]')
WORD = re.compile(r"\w[\w'’.-]*")
_TOKEN = re.compile(r"[\w.'’&-]+")
_PRONOUN_BEFORE = re.compile(r"(?<![\w-])(?:he|she|they)(?=(?:\s+[\w'’-]+){0,3}\s*$)")
_DEFINITE = re.compile(r"(?i)\bthe\s+$")
_TITLE_GAP = re.compile(r"(?:\s+(?:[a-z][\w'’-]*|[A-Z][a-z]{0,4}\.))*\s+")
_NAME_TOKEN = r"(?:(?:al|el|bin|ibn|abu|de|van|von)[- ])?[A-Z][\w.'’-]*(?:\s+&\s+[A-Z][\w.'’-]*)?"
_NAME_BEFORE = re.compile(rf"((?:{_NAME_TOKEN}\s+){{0,5}}{_NAME_TOKEN})((?:\s+[a-z]+){{0,3}})\s*$")
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
    definite: bool = False  # "the spokeswoman": the source named before, if there is one


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
    places: frozenset
    role_words: frozenset  # lowercase words of a title before a name ("foreign policy chief")
    short_forms: dict  # "U.S." as a speaker -> "US government"
    prepositions: frozenset  # a name right after one is an object ("from within Syria")
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
        not_names=frozenset(src["not_names"])
        | frozenset(src["titles"])
        | frozenset(t.rstrip(".") for t in src["titles"]),
        places=frozenset(src["places"]),
        role_words=frozenset(src["role_words"]),
        short_forms={str(k): v for k, v in src["short_forms"].items()},
        prepositions=frozenset(src["prepositions"]),
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


def _named(text: str, lo: int, hi: int, skip) -> list[Mention]:
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
    return named


def _unnamed(text: str, lo: int, hi: int, skip, named) -> tuple[list[Mention], list[Mention]]:
    """Unnamed sources: qualified ("Iraqi militia sources", one per nationality) and bare
    ("sources"; "the official" refers back to a source named before, so it is definite)."""
    lex = lexicon()
    qualified, bare = [], []
    for h in lex.unnamed_head.finditer(text, lo, hi):
        m = lex.unnamed_prefix.search(text, max(lo, h.start() - 120), h.start())
        start = m.start() if m else h.start()
        if overlaps(start, h.end(), skip) or overlaps(start, h.end(), [(n.start, n.end) for n in named]):
            continue
        info = lex.heads[h.group().lower()]
        quals = m.group("quals").split() if m else []
        nats = [n for n in _COORDINATOR.split((m.group("nats") or "").strip()) if n] if m else []
        if not nats and not quals:
            definite = bool(_DEFINITE.search(text, max(lo, start - 5), start))
            bare.append(Mention(start, h.end(), info["bare_name"], info["kind"], qualified=False, definite=definite))
            continue
        for nat in nats or [None]:
            words = [w for w in [nat, *quals, h.group().lower()] if w]
            qualified.append(Mention(start, h.end(), " ".join(words), _unnamed_kind(set(words), info["kind"])))
    return qualified, bare


def _coordinated(text: str, bare: list[Mention], best: list[Mention]) -> list[Mention]:
    """Bare heads coordinated with a named source ("a monitor and a local official")."""
    return [
        b
        for b in bare
        if any(
            _CONJUNCTION.search(text, *sorted((b.end, o.start) if b.end <= o.start else (o.end, b.start))) for o in best
        )
    ]


def find_mentions(text: str, lo: int, hi: int, skip=(), fallback: str = "") -> list[Mention]:
    """Sources named in text[lo:hi], best evidence first: gazetteer names and qualified
    unnamed sources (a person named after an office's title wins: "White House adviser
    Jane Roe"); else a bare "sources"/"reports"; else an anaphor; else an unknown
    capitalized name ending the span (`fallback="before"`, a subject before its verb) or
    opening it (`fallback="after"`, '..., said John Smith')."""
    named = _named(text, lo, hi, skip)
    qualified, bare = _unnamed(text, lo, hi, skip, named)
    best = sorted(named + qualified, key=lambda x: x.start)
    if best:
        best = _heads_of_conjuncts(text, sorted(best + _coordinated(text, bare, best), key=lambda x: x.start))
        return _person_after_office(text, lo, hi, best, fallback) if fallback else best
    if bare:
        return bare
    first = OPENER.match(text, lo, hi).end()
    anaphor = lexicon().anaphor.match(text, first, hi)  # as the head of the span: "The statement ..."
    if anaphor and overlaps(anaphor.start(), anaphor.end(), skip):
        anaphor = None
    if anaphor and _only_quiet(text, anaphor.end(), hi):
        return [Mention(anaphor.start(), anaphor.end(), anaphor.group(), None, anaphor=True)]
    pronoun = _PRONOUN_BEFORE.search(text, lo, hi) if fallback == "before" else None
    if pronoun and _only_quiet(text, pronoun.end(), hi):  # "... a few days after he reiterated"
        return [Mention(pronoun.start(), pronoun.end(), pronoun.group(), None, anaphor=True)]
    if anaphor:
        return []  # "the group the U.S. has accused": the head is the object of a relative clause
    return _unknown_name(text, lo, hi, fallback) if fallback else []


def _only_quiet(text: str, lo: int, hi: int) -> bool:
    """Only auxiliaries and adverbs in text[lo:hi]: "The report could not be" keeps the
    anaphor as the subject, "the group the U.S. has" does not (it is the object)."""
    quiet = lexicon().quiet
    return all(w.lower() in quiet or w.endswith("ly") for w in WORD.findall(text, lo, hi))


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


def _person_after_office(text: str, lo: int, hi: int, best: list[Mention], where: str) -> list[Mention]:
    """ "White House national security adviser Jane Roe said": the person, not the office."""
    office = best[-1]
    person = _unknown_name(text, office.end, hi, where)
    if not person or person[0].start < office.end or not _TITLE_GAP.fullmatch(text, office.end, person[0].start):
        return best
    title = " ".join([office.name] + text[office.end : person[0].start].split())
    return best[:-1] + [Mention(person[0].start, person[0].end, person[0].name, office.kind, title)]


def _name_tokens(text: str, lo: int, hi: int, where: str) -> list[re.Match]:
    """The capitalized words of a name in the span: before a verb, the run ending it; after
    a verb, the last run before anything that is neither a title nor a role word."""
    lex = lexicon()
    if where == "before":
        m = _NAME_BEFORE.search(text, lo, hi)
        if not m or any(w not in lex.quiet and not w.endswith("ly") for w in m.group(2).split()):
            return []
        return list(_TOKEN.finditer(text, m.start(1), m.end(1)))
    tokens: list[re.Match] = []
    for t in _TOKEN.finditer(text, lo, hi):
        word = t.group()
        if word[0].isupper() or (word == "&" and tokens):
            tokens.append(t)
        elif word.lower() in lex.role_words:
            tokens = []  # "EU foreign policy chief Josep Borrell": the run after the role words
        else:
            break
    return tokens


def _unknown_name(text: str, lo: int, hi: int, where: str) -> list[Mention]:
    lex = lexicon()
    tokens = _name_tokens(text, lo, hi, where)
    cut = max((i + 1 for i, t in enumerate(tokens) if t.group() in lex.not_names), default=0)
    tokens = [t for t in tokens[cut:] if any(ch.isalpha() for ch in t.group()) or t.group() == "&"]
    if not tokens:
        return []
    name = " ".join(t.group() for t in tokens)
    name = name if re.search(r"(?:^|\s)(?:[A-Z]\.)+$", name) else name.rstrip(".")  # "U.S." keeps its period
    if (name in lex.places or tokens[-1].group() in lex.places) and name not in lex.short_forms:
        return []  # "Gaza", "Haifa": a place is no source (a country speaking is its government)
    before_name = text[max(lo, tokens[0].start() - 12) : tokens[0].start()].split()
    if where == "before" and before_name and before_name[-1].lower() in lex.prepositions:
        return []  # "launched from within Syria": an object, not the subject
    if len(tokens) == 1 and where == "before" and not text[lo : tokens[0].start()].strip():
        # a lone capitalized word opening a clause is no name ("Emerging reports ..."),
        # unless the document names that person in full or it follows a quotation or a comma
        before = text[max(0, lo - 3) : lo].rstrip()[-1:]
        if not (names.is_known(name, text) or name in lex.short_forms or before in ("”", '"', ",", "’")):
            return []
    return [Mention(tokens[0].start(), tokens[-1].end(), name, None)]
