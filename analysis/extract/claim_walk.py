"""The claims analysis walks a document sentence by sentence: each sentence is cut into
clauses, each clause gets its attribution (analysis.extract.attribution) or is the
author's, and what a sentence leaves behind carries to the next: the last source named
(for "The statement ... said", "the spokeswoman said"), a quotation to continue, a lead-in
ending in a colon (for the next paragraph) and a transcript's speaker label ("MS. ROE:")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from analysis.extract import furniture, names
from analysis.extract.attribution import Attribution, anchors, attribution
from analysis.extract.claim import AUTHOR, STRENGTH, Claim, claim_text, status
from analysis.extract.sources import Cue, Mention, find_cues, inside, lexicon, overlaps, quote_spans, word_count

_CLAUSE_SEP = re.compile(r"\s+[-–—]+\s+|;\s+|,\s+(?=(?:but|while|whereas|yet)\b)")
_OBJECT_ANAPHOR = re.compile(
    r"(?i)(?:them|it|this|that|these|those|the (?:claims?|reports?|statements?|allegations?)|these (?:claims|reports))\.?"
)
_QUESTION = re.compile(r"\?[\s”\"’']*$")
_LABEL = re.compile(r"[ \t]*((?:[A-Z][A-Z.'’-]*[ \t]+){0,6}[A-Z][A-Z.'’-]*):[ \t]+")


INTRODUCED_REACH = 5000  # characters back to look for "spokeswoman Jane Roe" behind "the spokeswoman"


@dataclass
class _State:
    text: str
    claims: list[Claim] = field(default_factory=list)
    last: Claim | None = None  # the last source named, for "The statement ... said"
    last_speaker: Claim | None = None  # the last one that is no outlet, for "the spokeswoman said"
    quoting: list[Claim] = field(default_factory=list)  # a quotation the next sentence may continue
    lead_in: Claim | None = None  # "..., according to Military Times:" frames the next paragraph
    lead_in_paragraph: int = -1
    label: Claim | None = None  # a transcript's "MS. ROE:" speaks for the paragraph
    label_paragraph: int = -1
    label_names: dict[str, str] = field(default_factory=dict)  # "Roe" -> "Jane Roe", from earlier labels
    paragraph_span: tuple[int, int] = (0, 0)  # the paragraph whose quotations are below
    paragraph_quotes: list = field(default_factory=list)


@dataclass(frozen=True)
class _Sentence:
    lo: int
    hi: int
    paragraph: int
    quotes: list
    cues: list[Cue]
    skip: list  # quotations and cue words: no source sits there
    candidates: list
    lead: Claim | None


def walk(text: str, sentences) -> list[Claim]:
    """Every claim of a document, in the order found (claims.analyse sorts and numbers them)."""
    state = _State(text)
    cut = furniture.spans(text)
    paragraph, prev_end = 0, 0
    for k, sent in enumerate(sentences):
        new_paragraph = "\n" in text[prev_end : sent.start]
        paragraph += new_paragraph
        new_paragraph = new_paragraph or k == 0
        prev_end = sent.end
        for lo, hi in furniture.outside(text, sent.start, sent.end, cut):
            if new_paragraph and lo == sent.start:
                lo = _speaker_label(state, lo, hi, paragraph)
            _sentence(state, lo, hi, paragraph)
    return state.claims


def _speaker_label(state: _State, lo: int, hi: int, paragraph: int) -> int:
    """A transcript's speaker label opening a paragraph ("MS. ROE: ..."): the paragraph is
    that person's (the full name from earlier in the document, "Q" the questioner)."""
    m = _LABEL.match(state.text, lo, hi)
    if not m or len(m.group(1)) > 60 or not m.group(1).isupper():
        return lo
    label = " ".join(w.capitalize() for w in m.group(1).split())
    name = "questioner" if label == "Q" else names.full_name(label, state.text)
    name = state.label_names.setdefault(name.split()[-1], name) if " " in name else state.label_names.get(name, name)
    name, kind, role = lexicon().entries.get(m.group(1), lexicon().entries.get(name, (name, None, None)))
    state.label = Claim(lo, lo, (lo, lo), (lo, lo), [], [], name, kind, role, (name,))
    state.label_paragraph = paragraph
    return m.end() if m.end() < hi else lo


def _quotes(state: _State, lo: int, hi: int) -> list[tuple[int, int]]:
    """The quotations of text[lo:hi], read over its whole paragraph (once per paragraph): a
    straight quote mark that closes a quotation opened sentences before opens no new one."""
    text = state.text
    if not (state.paragraph_span[0] <= lo < state.paragraph_span[1]):
        par_lo, par_hi = text.rfind("\n", 0, lo) + 1, text.find("\n", hi)
        par_hi = par_hi if par_hi >= 0 else len(text)
        state.paragraph_span, state.paragraph_quotes = (par_lo, par_hi), quote_spans(text, par_lo, par_hi)
    spans = state.paragraph_quotes
    first = max(0, bisect_left(spans, (lo, lo)) - 1)
    out = []
    for a, b in spans[first:]:
        if a >= hi:
            break
        if b > lo:
            out.append((max(a, lo), min(b, hi)))
    return out


def _sentence(state: _State, lo: int, hi: int, paragraph: int) -> None:
    text = state.text
    quotes = _quotes(state, lo, hi)
    cues = find_cues(text, lo, hi, quotes)
    lead = state.lead_in if paragraph == state.lead_in_paragraph else None
    skip = quotes + [(c.start, c.end) for c in cues]
    s = _Sentence(lo, hi, paragraph, quotes, cues, skip, anchors(text, lo, hi, quotes), lead)
    made: list[Claim] = []
    for a, b, found in _groups(text, s):
        if _QUESTION.search(text, a, b):
            continue  # a question states nothing
        made += _group_claims(state, s, a, b, found, made)
    made = _qualified(text, made)
    state.claims += made
    _remember(state, s, made)


def _clauses(text: str, lo: int, hi: int, quotes) -> list[tuple[int, int]]:
    cuts = [m for m in _CLAUSE_SEP.finditer(text, lo, hi) if not inside(m.start(), quotes)]
    spans, start = [], lo
    for m in cuts:
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, hi))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _groups(text: str, s: _Sentence) -> list[list]:
    """[clause start, clause end, attribution or None]: a clause without its own anchor joins
    the one before ("..., but nothing has been verified"), and a source named after the
    statement at the end of the sentence covers the clauses before it ("X happened, but
    Y did not, officials said")."""
    groups: list[list] = []
    for a, b in _clauses(text, s.lo, s.hi, s.quotes):
        found = attribution(text, a, b, s.quotes, s.skip, s.candidates)
        if found is None and groups:
            groups[-1][1] = b
        else:
            groups.append([a, b, found])
    if len(groups) == 2 and groups[0][2] is None and groups[1][2] is not None:
        found = groups[1][2]
        if found.content[1] <= found.frame[0] and found.content[0] == groups[1][0]:
            found.content = (groups[0][0], found.content[1])
            groups = [[groups[0][0], groups[1][1], found]]
    return groups


def _group_claims(state: _State, s: _Sentence, a: int, b: int, found, made: list[Claim]) -> list[Claim]:
    if found is None:
        return _unattributed(state, s, a, b)
    outer = _attributed(state, s, a, b, found)
    if not outer:  # an anaphor with nothing to refer to
        return _unattributed(state, s, a, b)
    c0, c1 = found.content
    if c1 - c0 < 40 and _OBJECT_ANAPHOR.fullmatch(claim_text(state.text, outer[0])):
        for c in outer:  # "..., but officials denied them": about the statement before
            c.antecedent = made[-1] if made else state.last
    return outer + _nested(state, s, a, b, found, outer)


def _qualified(text: str, made: list[Claim]) -> list[Claim]:
    """A sentence that only qualifies the statement before ("The report could not be
    verified.") changes its status and is not a statement of its own."""
    for c in made:
        before = c.antecedent
        if before is not None and STRENGTH[c.status] > STRENGTH[before.status] and c.status != "confirmed":
            before.status, before.cue = c.status, c.cue  # "The statement, though unconfirmed, ..."
    return [c for c in made if c.antecedent is None or c.source == AUTHOR or claim_text(text, c)]


def _remember(state: _State, s: _Sentence, made: list[Claim]) -> None:
    top = [c for c in made if not c.nested and c.source != AUTHOR]
    if top:
        state.last = top[-1]
        speakers = [c for c in top if not (c.kind and "media" in c.kind)]
        state.last_speaker = speakers[-1] if speakers else state.last_speaker
    state.quoting = [c for c in top if c.quoted]
    if state.text[s.lo : s.hi].rstrip().endswith(":") and top:
        state.lead_in, state.lead_in_paragraph = top[0], s.paragraph + 1


# --- one clause ----------------------------------------------------------------------------


def _resolve(state: _State, m: Mention, prefix: tuple[str, ...], relay: tuple[str, ...]):
    """(source, kind, role, chain, antecedent) of a mention; None for an anaphor with
    nothing before it. "the spokeswoman" is the last source that is no outlet, or an
    unnamed one when there is none; a short name is the full one from the document."""
    if m.anaphor or m.definite:
        before = state.last_speaker if m.definite else state.last
        if before is not None:
            return before.source, before.kind, before.role, before.chain, None if m.definite else before
        if not m.definite:
            return None
        introduced = _introduced(state.text, m)
        if introduced:  # "the spokeswoman": "spokeswoman Jane Roe", named before
            m = Mention(m.start, m.end, introduced, None)
    name, kind, role = m.name, m.kind, m.role
    if kind is None and role is None and not m.definite:
        name = names.full_name(name, state.text)
        name = lexicon().short_forms.get(name, name)
        name, kind, role = lexicon().entries.get(name, (name, kind, role))
    return name, kind, role, prefix + relay + (name,) + m.hops, None


def _introduced(text: str, m: Mention) -> str | None:
    """The person named with this role earlier in the document ("spokeswoman Jane Roe")."""
    head = text[m.start : m.end].split()[-1]
    pattern = rf"(?i:\b{re.escape(head)})\s+((?:[A-Z][\w.'’-]*\s+){{0,3}}[A-Z][\w'’-]+)"
    found = list(re.finditer(pattern, text[max(0, m.start - INTRODUCED_REACH) : m.start]))
    return names.strip_titles(found[-1].group(1)) if found else None


def _new(state: _State, a: int, b: int, found: Attribution, resolved, content, scope, nested=False) -> Claim:
    source, kind, role, chain, antecedent = resolved
    return Claim(a, b, found.frame, content, scope, [], source, kind, role, chain, nested=nested, antecedent=antecedent)


def _attributed(state: _State, s: _Sentence, a: int, b: int, found: Attribution) -> list[Claim]:
    out = []
    prefix = s.lead.chain if s.lead else ()
    for m in found.sources:
        resolved = _resolve(state, m, prefix, found.relay)
        if resolved is None:
            continue
        claim = _new(state, a, b, found, resolved, found.content, [(a, b)])
        claim.quoted = overlaps(*found.content, s.quotes) and not inside(found.frame[0], s.quotes)
        claim.status, claim.cue = status(claim, s.cues, found.cue, s.quotes)
        if s.lead is not None and claim.status == "reported" and s.lead.status != "reported":
            claim.status, claim.cue = s.lead.status, s.lead.cue
        out.append(claim)
    return out


def _nested(state: _State, s: _Sentence, a: int, b: int, found: Attribution, outer: list[Claim]) -> list[Claim]:
    """A statement inside another's content: "The Cradle says that militia sources have
    yet to confirm X" relays the militia sources through The Cradle; a quotation followed
    by ", the Post reported" is the Post relaying the speaker."""
    text = state.text
    c0, c1 = found.content
    if found.frame[0] >= c0 and found.frame[1] <= c1 and found.frame[0] > c0:
        return []  # content around the frame ("X, according to Y, Z"): no nesting
    inner = attribution(text, c0, c1, s.quotes, s.skip, s.candidates)
    if inner is None:
        return []
    if _relaying_outlet(inner, c1, outer):
        for c in outer:
            c.chain = (inner.sources[0].name,) + c.chain
            c.exclude.append((inner.frame[0], c1))
        return []
    end = _nested_end(text, s, c0, c1, inner)
    out = []
    for m in inner.sources:
        resolved = _resolve(state, m, outer[0].chain, inner.relay)
        if resolved is None or m.anaphor:
            continue
        claim = _new(state, a, b, inner, resolved, (inner.content[0], min(end, inner.content[1])), [(c0, end)], True)
        claim.quoted = overlaps(*claim.content, s.quotes)
        claim.status, claim.cue = status(claim, s.cues, inner.cue, s.quotes)
        out.append(claim)
    for c in outer if out else ():
        c.exclude.append((c0, end))  # the nested statement's cues are not the outer's
        c.status, c.cue = status(c, s.cues, found.cue, s.quotes)
    return out


def _relaying_outlet(inner: Attribution, c1: int, outer: list[Claim]) -> bool:
    """'X said, "...," the Washington Post reported': an outlet named after a quotation at
    the end of the statement relays it."""
    kind = inner.sources[0].kind
    return (
        len(inner.sources) == 1
        and inner.content[1] <= inner.frame[0]
        and inner.frame[1] >= c1 - 1
        and all(c.quoted for c in outer)
        and (kind is not None and "media" in kind or inner.sources[0].name == "Reuters")
    )


def _nested_end(text: str, s: _Sentence, c0: int, c1: int, inner: Attribution) -> int:
    """ "although militia sources have yet to confirm X, ..." ends at the comma."""
    if not lexicon().subordinator.match(text, c0, inner.frame[1]):
        return c1
    comma = text.find(",", inner.frame[1], c1)
    while comma >= 0 and inside(comma, s.quotes):
        comma = text.find(",", comma + 1, c1)
    return comma if comma >= 0 else c1


def _unattributed(state: _State, s: _Sentence, a: int, b: int) -> list[Claim]:
    """The author's assertion, or the continuation of a lead-in, a quotation or a
    transcript speaker's turn."""
    text = state.text
    label = state.label if s.paragraph == state.label_paragraph else None
    base = s.lead or label
    if base is None and a == s.lo and text[a] in '"“' and state.quoting:
        base = state.quoting[-1]  # a quotation continued from the sentence before
    if base is not None and (base is not label or word_count(text[a:b]) >= 3):
        claim = Claim(a, b, (a, a), (a, b), [(a, b)], [], base.source, base.kind, base.role, base.chain)
        claim.quoted = bool(s.quotes)
        claim.status, claim.cue = status(claim, s.cues, base.cue if base is not s.lead else "", s.quotes)
        if claim.status == "reported" and base.status != "reported":
            claim.status, claim.cue = base.status, base.cue
        return [claim]
    if word_count(text[a:b]) < 3 or label is not None:
        return []  # too short to state anything, or a greeting in a speaker's turn
    claim = Claim(a, b, (a, a), (a, b), [(a, b)], [], AUTHOR, AUTHOR, None, ())
    claim.status, claim.cue = status(claim, s.cues, "", s.quotes)
    return [claim]
