"""Dated events: one row per date expression in a document, with the short clause it
dates and the source and status of the statement that carries it.

Dates come from analysis.text.dates (resolved against the publication date); the statement
comes from the claims analysis, so "a Pentagon spokesman said Thursday" dates the
statement, while "no troops have been injured since Dec. 25" dates its content.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from analysis.extract.claims import AUTHOR, STATUSES, claims_at
from analysis.store.schema import DOC_ID, END, QUOTE, START, Field, Table
from analysis.text.dates import PRECISIONS

TABLE = Table(
    name="events",
    title="Dated events",
    description=(
        "One row per date expression (analysis.text.dates) with the event it dates. `start`/`end`/`quote` "
        "are the evidence clause (the claims table's clause when the date sits in a statement); "
        "`source` and `status` are that statement's."
    ),
    fields=(
        DOC_ID,
        Field(
            "date",
            "date",
            "The date (ISO); for a night, the date it began; for 'days before', the reference date; empty when it cannot be resolved (no publication date)",
        ),
        Field(
            "precision",
            "string",
            "How precise the date is, from analysis.text.dates: day, night, week, month, approximate, days-before (some days before `date`), year",
            required=True,
            enum=PRECISIONS,
        ),
        Field("date_text", "string", "The date expression as written", required=True),
        Field(
            "event",
            "string",
            "Short clause around the date: what happened then (or, for a date in the attribution words, the statement itself)",
            required=True,
        ),
        Field(
            "source",
            "string",
            "Source(s) of the statement carrying the date, as in claims.csv ('; '-joined); 'author' for the author's assertion; empty outside any statement",
        ),
        Field("status", "string", "Status of that statement in claims.csv", enum=STATUSES),
        START,
        END,
        QUOTE,
    ),
    primary_key=("doc_id", "start", "date_text"),
)

_BOUND = re.compile(r'[,;:()"“”]|\s[-–—]+\s')
_WORD = re.compile(r"\S+")
_QUOTES = re.compile(r'["“”]')
_TRAILING_THAT = re.compile(r"(?:\s+that)?[\s,:]*$")
MAX_WORDS = 25


def _short_clause(text: str, lo: int, hi: int, pos: int) -> str:
    """The comma-bounded stretch around `pos`, joined to its neighbour when it is just the
    date ("Overnight, the US and UK launched ..."), capped at MAX_WORDS words."""
    cuts = [lo] + [x for m in _BOUND.finditer(text, lo, hi) for x in (m.start(), m.end())] + [hi]
    parts = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if text[cuts[i] : cuts[i + 1]].strip()]
    k = next((i for i, (a, b) in enumerate(parts) if a <= pos < b), None)
    if k is None:
        return " ".join(text[lo:hi].split())
    a, b = parts[k]
    if len(_WORD.findall(text[a:b])) < 4 and len(parts) > 1:
        a, b = (parts[k - 1][0], b) if k > 0 else (a, parts[k + 1][1])
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, a, b)]
    if len(words) > MAX_WORDS:
        at = next((i for i, (x, y) in enumerate(words) if y > pos), 0)
        first = max(0, min(at - MAX_WORDS // 2, len(words) - MAX_WORDS))
        a, b = words[first][0], words[first + MAX_WORDS - 1][1]
    return " ".join(_QUOTES.sub("", text[a:b]).split()).strip(" ,;:.")


def extract(parsed) -> list[dict]:
    text, doc_id = parsed.doc.text, parsed.doc.doc_id
    claims = parsed.claims
    sentences = parsed.sentences
    starts = [c.start for c in claims]
    sentence_starts = [s.start for s in sentences]
    rows: dict[tuple, dict] = {}
    for d in parsed.dates:
        here = claims_at(claims, starts, d.start)
        if here:
            c = here[0]
            start, end = c.start, c.end
            if c.source != AUTHOR and c.frame[0] <= d.start < c.frame[1]:
                event = " ".join(text[c.frame[0] : c.frame[1]].split())
                event = _TRAILING_THAT.sub("", event)
            else:
                lo, hi = c.scope[0] if c.nested else c.content
                event = _short_clause(text, lo, hi, d.start)
            source = "; ".join(dict.fromkeys(x.source for x in here))
            status = c.status
        else:
            k = bisect_right(sentence_starts, d.start) - 1
            sent = sentences[k] if k >= 0 and d.start < sentences[k].end else None
            start, end = (sent.start, sent.end) if sent else (d.start, d.end)
            event, source, status = _short_clause(text, start, end, d.start), None, None
        rows.setdefault(
            (start, d.text),
            {
                "doc_id": doc_id,
                "date": d.date.isoformat() if d.date else None,
                "precision": d.precision,
                "date_text": d.text,
                "event": event or d.text,
                "source": source,
                "status": status,
                "start": start,
                "end": end,
                "quote": text[start:end],
            },
        )
    return list(rows.values())
