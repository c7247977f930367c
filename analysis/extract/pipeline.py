"""The per-document pipeline: parse once (sentences, dates, the claims every later
extractor reads), run every extractor, then compute checks. `extract_document` is a pure
function of one document, so it can be mapped over processes or a Dask cluster with
identical results. A sentence longer than the hard ceiling is cut into pieces first
(analysis.text.sentence_limit); the result then carries WARNINGS for the caller to print."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.check import checks
from analysis.extract import claims, documents, events, frames, tallies
from analysis.store.schema import Table
from analysis.text import dates
from analysis.text.corpus import Document
from analysis.text.sentence_limit import MAX_SENTENCE_CHARS, cap_sentences
from analysis.text.sentences import Sentence, split_sentences

TABLES: list[Table] = [documents.TABLE, tallies.TABLE, checks.TABLE, claims.TABLE, frames.TABLE, events.TABLE]
WARNINGS = "warnings"  # a result key beside the tables, present only when there is something to say


@dataclass(frozen=True)
class ParsedDocument:
    doc: Document
    sentences: list[Sentence]
    dates: list[dates.DateMention]
    claims: list[claims.Claim]
    cut: tuple[tuple[int, int], ...] = ()  # (start, end) of each sentence cut at the ceiling


def parse(doc: Document) -> ParsedDocument:
    sentences, cut = cap_sentences(doc.text, split_sentences(doc.text))
    mentions = dates.find_dates(doc.text, doc.published)
    return ParsedDocument(doc, sentences, mentions, claims.analyse(doc.text, sentences, mentions), tuple(cut))


def extract_document(doc: Document) -> dict[str, list[dict]]:
    parsed = parse(doc)
    tally_rows = tallies.extract(parsed)
    result = {
        "documents": [documents.document_row(doc, parsed.sentences)],
        "tallies": tally_rows,
        "checks": checks.compute(tally_rows),
        "claims": claims.extract(parsed),
        "justifications": frames.extract(parsed),
        "events": events.extract(parsed),
    }
    if parsed.cut:
        (start, end), more = parsed.cut[0], len(parsed.cut) - 1
        result[WARNINGS] = [
            f"a sentence of {end - start} characters at offset {start}{f' (and {more} more)' if more else ''} has no "
            f"sentence end within {MAX_SENTENCE_CHARS} characters; cut into pieces, so rows from it may miss context"
        ]
    return result
