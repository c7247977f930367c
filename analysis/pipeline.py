"""The per-document pipeline: parse once (sentences, dates), run every extractor, then
compute checks. `extract_document` is a pure function of one document, so it can be
mapped over processes or a Dask cluster with identical results."""
from __future__ import annotations

from dataclasses import dataclass

from analysis import checks, claims, corpus, dates, events, frames, tallies
from analysis.corpus import Document
from analysis.sentences import Sentence, split_sentences
from analysis.tables import Table

TABLES: list[Table] = [corpus.TABLE, tallies.TABLE, checks.TABLE, claims.TABLE, frames.TABLE, events.TABLE]


@dataclass(frozen=True)
class ParsedDocument:
    doc: Document
    sentences: list[Sentence]
    dates: list[dates.DateMention]

    @property
    def text(self) -> str:
        return self.doc.text


def parse(doc: Document) -> ParsedDocument:
    return ParsedDocument(doc, split_sentences(doc.text), dates.find_dates(doc.text, doc.published))


def extract_document(doc: Document) -> dict[str, list[dict]]:
    parsed = parse(doc)
    tally_rows = tallies.extract(parsed)
    claim_rows = claims.extract(parsed)
    return {
        "documents": [corpus.document_row(doc, parsed.sentences)],
        "tallies": tally_rows,
        "checks": checks.compute(parsed, tally_rows),
        "claims": claim_rows,
        "justifications": frames.extract(parsed),
        "events": events.extract(parsed, claim_rows),
    }
