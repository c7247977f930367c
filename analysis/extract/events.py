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


class _Clauses:
    """Short clauses of one document, with the bounds and words of each span found once:
    a sentence with many dates costs its length once, not once per date (issue 15)."""

    def __init__(self, text: str):
        self.text = text
        self._parts: dict[tuple[int, int], tuple[list[int], list[tuple[int, int]]]] = {}
        self._words: dict[tuple[int, int], tuple[list[tuple[int, int]], list[int]]] = {}
        self._joined: dict[tuple[int, int], str] = {}

    def parts(self, lo: int, hi: int):
        """The non-blank stretches of [lo, hi) between bounds, and their starts."""
        if (lo, hi) not in self._parts:
            text = self.text
            cuts = [lo] + [x for m in _BOUND.finditer(text, lo, hi) for x in (m.start(), m.end())] + [hi]
            parts = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if text[cuts[i] : cuts[i + 1]].strip()]
            self._parts[lo, hi] = ([a for a, _ in parts], parts)
        return self._parts[lo, hi]

    def words(self, a: int, b: int):
        """The words of [a, b) as (start, end), and their ends."""
        if (a, b) not in self._words:
            words = [(m.start(), m.end()) for m in _WORD.finditer(self.text, a, b)]
            self._words[a, b] = (words, [y for _, y in words])
        return self._words[a, b]

    def joined(self, a: int, b: int, quotes: bool = True) -> str:
        if (a, b, quotes) not in self._joined:
            span = self.text[a:b]
            self._joined[a, b, quotes] = " ".join((_QUOTES.sub("", span) if quotes else span).split())
        return self._joined[a, b, quotes]

    def short(self, lo: int, hi: int, pos: int) -> str:
        """The comma-bounded stretch around `pos`, joined to its neighbour when it is just
        the date ("Overnight, the US and UK launched ..."), capped at MAX_WORDS words."""
        starts, parts = self.parts(lo, hi)
        k = bisect_right(starts, pos) - 1  # parts are sorted and disjoint
        if k < 0 or pos >= parts[k][1]:
            return self.joined(lo, hi, quotes=False)
        a, b = parts[k]
        if len(self.words(a, b)[0]) < 4 and len(parts) > 1:
            a, b = (parts[k - 1][0], b) if k > 0 else (a, parts[k + 1][1])
        words, ends = self.words(a, b)
        if len(words) > MAX_WORDS:
            at = bisect_right(ends, pos)  # the first word ending after pos
            at = at if at < len(words) else 0
            first = max(0, min(at - MAX_WORDS // 2, len(words) - MAX_WORDS))
            a, b = words[first][0], words[first + MAX_WORDS - 1][1]
        return self.joined(a, b).strip(" ,;:.")


def extract(parsed) -> list[dict]:
    text, doc_id = parsed.doc.text, parsed.doc.doc_id
    claims = parsed.claims
    sentences = parsed.sentences
    starts = [c.start for c in claims]
    sentence_starts = [s.start for s in sentences]
    clauses = _Clauses(text)
    rows: dict[tuple, dict] = {}
    for d in parsed.dates:
        here = claims_at(claims, starts, d.start)
        if here:
            c = here[0]
            start, end = c.start, c.end
            if c.source != AUTHOR and c.frame[0] <= d.start < c.frame[1]:
                event = _TRAILING_THAT.sub("", clauses.joined(*c.frame, quotes=False))
            else:
                lo, hi = c.scope[0] if c.nested else c.content
                event = clauses.short(lo, hi, d.start)
            source = "; ".join(dict.fromkeys(x.source for x in here))
            status = c.status
        else:
            k = bisect_right(sentence_starts, d.start) - 1
            sent = sentences[k] if k >= 0 and d.start < sentences[k].end else None
            start, end = (sent.start, sent.end) if sent else (d.start, d.end)
            event, source, status = clauses.short(start, end, d.start), None, None
        if (start, d.text) in rows:
            continue  # the first mention wins; its quote is not sliced again (a copy of the sentence)
        rows[start, d.text] = {
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
        }
    return list(rows.values())
