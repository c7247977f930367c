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

from bisect import bisect_left, bisect_right

from analysis.extract import quotations
from analysis.extract.claim import (
    AUTHOR,
    SOURCE_KINDS,
    STATUSES,
    STRENGTH,
    VIA_SEPARATOR,
    Claim,
    claim_text,
    event_date,
    tidy,
)
from analysis.extract.claim_walk import walk
from analysis.extract.sources import find_cues
from analysis.store.schema import DOC_ID, END, QUOTE, START, Field, Table

__all__ = [
    "AUTHOR",
    "SOURCE_KINDS",
    "STATUSES",
    "STRENGTH",
    "VIA_SEPARATOR",
    "Claim",
    "analyse",
    "claims_at",
    "extract",
    "find_cues",
]

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
    claims = quotations.attribute(text, walk(text, sentences))
    claims.sort(key=lambda c: (c.start, c.nested, c.frame[0]))
    starts = [d.start for d in dates]
    seen: dict[int, int] = {}
    for c in claims:
        n = seen[c.start] = seen.get(c.start, -1) + 1
        c.claim_id = f"c{c.start}-{n}"
        c.text = claim_text(text, c) or tidy(text[c.start : c.end]) or text[c.start : c.end]
        c.event_date = event_date(text, c, dates, starts)
    return claims


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
