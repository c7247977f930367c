"""The per-document pipeline: parse once (sentences, dates, the claims every later
extractor reads), run every extractor, then compute checks. `extract_document` is a pure
function of one document, so it can be mapped over processes or a Dask cluster with
identical results."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.check import checks
from analysis.extract import claims, documents, events, frames, tallies
from analysis.store.schema import Table
from analysis.text import dates
from analysis.text.corpus import Document
from analysis.text.sentences import Sentence, split_sentences

TABLES: list[Table] = [documents.TABLE, tallies.TABLE, checks.TABLE, claims.TABLE, frames.TABLE, events.TABLE]


@dataclass(frozen=True)
class ParsedDocument:
    doc: Document
    sentences: list[Sentence]
    dates: list[dates.DateMention]
    claims: list[claims.Claim]


def parse(doc: Document) -> ParsedDocument:
    sentences = split_sentences(doc.text)
    mentions = dates.find_dates(doc.text, doc.published)
    return ParsedDocument(doc, sentences, mentions, claims.analyse(doc.text, sentences, mentions))


def extract_document(doc: Document) -> dict[str, list[dict]]:
    parsed = parse(doc)
    tally_rows = tallies.extract(parsed)
    return {
        "documents": [documents.document_row(doc, parsed.sentences)],
        "tallies": tally_rows,
        "checks": checks.compute(tally_rows),
        "claims": claims.extract(parsed),
        "justifications": frames.extract(parsed),
        "events": events.extract(parsed),
    }
