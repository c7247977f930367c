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

from analysis.extract.attribution import Attribution, anchors, attribution
from analysis.extract.sources import Cue, Mention, find_cues, inside, lexicon, overlaps, quote_spans, word_count
from analysis.store.schema import DOC_ID, END, QUOTE, START, Field, Table

_CLAUSE_SEP = re.compile(r"\s+[-–—]+\s+|;\s+|,\s+(?=(?:but|while|whereas|yet)\b)")
_OBJECT_ANAPHOR = re.compile(
    r"(?i)(?:them|it|this|that|these|those|the (?:claims?|reports?|statements?|allegations?)|these (?:claims|reports))\.?"
)
_WORDCHAR = re.compile(r"\w")
_SINCE = re.compile(r"(?i)\b(?:since|from)\s+(?:the\s+)?$")

SOURCE_KINDS = (
    "state media (Iran)",
    "state media (Russia)",
    "regional media",
    "US media",
    "US government",
    "armed group",
    "anonymous/local sources",
    "author",
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
        DOC_ID,
        Field(
            "claim_id",
            "string",
            "Stable id within the document: c<start>-<n>, n counting rows that share the evidence clause",
            required=True,
        ),
        Field("claim", "string", "What is stated: the clause's content without its attribution words", required=True),
        Field(
            "source",
            "string",
            "Normalized source the statement rests on (lexicons/sources.yml); for a relay, the origin of the chain; 'author' for the author's own assertion",
            required=True,
        ),
        Field(
            "source_kind", "string", "Kind of source; empty when the source is not in the gazetteer", enum=SOURCE_KINDS
        ),
        Field(
            "via",
            "string",
            "Relay chain, outermost first, joined by ' > ', ending with the origin: 'Military Times > Pentagon' is the author relaying Military Times relaying the Pentagon, 'Sputnik > regional correspondent' is Sputnik relaying its correspondent; empty when the author cites the source directly",
        ),
        Field(
            "status",
            "string",
            "How the article presents the statement: confirmed, reported (stated on the source's or author's word, no verification marker), unconfirmed, denied, or rumor; the strongest cue wins (denied > rumor > unconfirmed > confirmed > reported)",
            required=True,
            enum=STATUSES,
        ),
        Field(
            "cue",
            "string",
            "The words that set the status, as written (e.g. 'said', 'have yet to confirm'); empty for a bare assertion of the author",
        ),
        Field(
            "event_date",
            "date",
            "When it happened, resolved by analysis.text.dates: the first date in the statement's content, else in its attribution words ('said Thursday'), a 'since ...' bound only when there is nothing else; empty if none",
        ),
        START,
        END,
        QUOTE,
    ),
    primary_key=("doc_id", "claim_id"),
    sort_key=("doc_id", "start", "claim_id"),
)


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
    antecedent: Claim | None = field(default=None, repr=False)

    @property
    def via(self) -> str:
        return VIA_SEPARATOR.join(self.chain) if len(self.chain) > 1 else ""

    def in_content(self, pos: int) -> bool:
        return self.content[0] <= pos < self.content[1] and not (self.frame[0] <= pos < self.frame[1])


def _clauses(text: str, lo: int, hi: int, quotes) -> list[tuple[int, int]]:
    cuts = [m for m in _CLAUSE_SEP.finditer(text, lo, hi) if not inside(m.start(), quotes)]
    spans, start = [], lo
    for m in cuts:
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, hi))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _status(claim: Claim, cues: list[Cue], fallback: str, quotes) -> tuple[str, str]:
    best = None
    for c in cues:
        if (
            any(a <= c.start < b for a, b in claim.scope)
            and not inside(c.start, claim.exclude)
            and not inside(c.start, quotes)
        ):
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
        pieces.append(text[pos : max(pos, x)])
        pos = max(pos, y)
    pieces.append(text[pos:b])
    return ", ".join(p for p in (_tidy(p) for p in pieces) if p)


def _event_date(text: str, claim: Claim, dates, starts) -> object:
    lo, hi = (claim.scope[0][0], claim.scope[-1][1]) if claim.nested else (claim.start, claim.end)
    found = []
    for d in dates[bisect_left(starts, lo) : bisect_left(starts, hi)]:
        if d.date is not None:
            since = bool(_SINCE.search(text, max(0, d.start - 12), d.start))
            found.append((since, not claim.in_content(d.start), d.start, d.date))
    return min(found)[3] if found else None


class _Walk:
    """State carried from sentence to sentence: the last named source (for "The statement
    ... said"), a quotation to continue, and a colon lead-in that frames the next paragraph."""

    def __init__(self, text: str, sentences, dates):
        self.text, self.sentences, self.dates = text, sentences, dates
        self.claims: list[Claim] = []
        self.last: Claim | None = None
        self.quoting: list[Claim] = []
        self.lead_in: Claim | None = None
        self.lead_in_paragraph = -1

    def run(self) -> list[Claim]:
        paragraph, prev_end = 0, 0
        for sent in self.sentences:
            if "\n" in self.text[prev_end : sent.start]:
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
            claim = Claim(
                a, b, found.frame, found.content, [(a, b)], [], source, kind, role, chain, antecedent=antecedent
            )
            claim.quoted = overlaps(*found.content, quotes) and not inside(found.frame[0], quotes)
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
            while comma >= 0 and inside(comma, quotes):
                comma = self.text.find(",", comma + 1, c1)
            end = comma if comma >= 0 else c1
        out = []
        for m in inner.sources:
            resolved = self._resolve(m, outer[0].chain, inner.relay)
            if resolved is None or m.anaphor:
                continue
            source, kind, role, chain, _ = resolved
            claim = Claim(
                a,
                b,
                inner.frame,
                (inner.content[0], min(end, inner.content[1])),
                [(c0, end)],
                [],
                source,
                kind,
                role,
                chain,
                nested=True,
            )
            claim.quoted = overlaps(*claim.content, quotes)
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
        elif a == sent.start and text[a] in '"“' and self.quoting:
            base = self.quoting[-1]  # a quotation continued from the sentence before
        if base is not None:
            claim = Claim(a, b, (a, a), (a, b), [(a, b)], [], base.source, base.kind, base.role, base.chain)
            claim.quoted = bool(quotes)
            claim.status, claim.cue = _status(claim, cues, base.cue if base is not lead else "", quotes)
            if claim.status == "reported" and base.status != "reported":
                claim.status, claim.cue = base.status, base.cue
            return [claim]
        if word_count(text[a:b]) < 3 or text[a:b].rstrip().endswith("?"):
            return []
        claim = Claim(a, b, (a, a), (a, b), [(a, b)], [], AUTHOR, AUTHOR, None, ())
        claim.status, claim.cue = _status(claim, cues, "", quotes)
        return [claim]

    def finish(self) -> None:
        text, dates = self.text, self.dates
        starts = [d.start for d in dates]
        self.claims.sort(key=lambda c: (c.start, c.nested, c.frame[0]))
        seen: dict[int, int] = {}
        for c in self.claims:
            n = seen[c.start] = seen.get(c.start, -1) + 1
            c.claim_id = f"c{c.start}-{n}"
            c.text = _claim_text(text, c) or _tidy(text[c.start : c.end]) or text[c.start : c.end]
            c.event_date = _event_date(text, c, dates, starts)


def claims_at(claims: list[Claim], starts: list[int], pos: int) -> list[Claim]:
    """The statement(s) holding `pos`: a nested one if its scope holds it, else the clause's
    top-level rows. `claims` sorted by start, `starts` their starts."""
    k = bisect_right(starts, pos)
    if k == 0:
        return []
    covering = [c for c in claims[bisect_left(starts, starts[k - 1]) : k] if pos < c.end]  # clauses never overlap
    nested = [c for c in covering if c.nested and any(a <= pos < b for a, b in c.scope)]
    return nested or [c for c in covering if not c.nested]


def analyse(text: str, sentences, dates) -> list[Claim]:
    """Claims of one document, from its sentences and dates. Run once per document by the
    pipeline and carried on the parsed document, since frames and events read them too."""
    return _Walk(text, sentences, dates).run()


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
            "quote": text[c.start : c.end],
        }
        for c in parsed.claims
    ]
