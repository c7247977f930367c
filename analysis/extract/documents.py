"""The documents table: one row per source document, from its sidecar and its text."""

from __future__ import annotations

from analysis.store.schema import DOC_ID, Field, Table
from analysis.text.corpus import Document

TABLE = Table(
    name="documents",
    title="Documents",
    description="One row per source document: where it came from, when it was published and how that is known, and its size.",
    fields=(
        DOC_ID,
        Field("title", "string", "Headline, from the sidecar"),
        Field("outlet", "string", "Publisher; empty when not established"),
        Field("url", "string", "Where the text was found"),
        Field("published", "date", "Publication date (ISO); empty when unknown"),
        Field("published_basis", "string", "How the publication date is known"),
        Field("language", "string", "ISO 639-1 language code"),
        Field("note", "string", "Caveat about the document or its provenance"),
        Field("path", "string", "File path relative to the project", required=True),
        Field("sha256", "string", "SHA-256 of the file's bytes as read", required=True),
        Field("chars", "integer", "Characters after normalization (the offsets' range)", required=True),
        Field("words", "integer", "Whitespace-separated words", required=True),
        Field("sentences", "integer", "Sentences found by the splitter", required=True),
    ),
    primary_key=("doc_id",),
)


def document_row(doc: Document, sentences) -> dict:
    published = doc.meta.get("published")
    return {
        "doc_id": doc.doc_id,
        **{k: doc.meta.get(k) for k in ("title", "outlet", "url", "published_basis", "language", "note")},
        "published": published.isoformat() if published else None,
        "path": doc.path,
        "sha256": doc.sha256,
        "chars": len(doc.text),
        "words": len(doc.text.split()),
        "sentences": len(sentences),
    }
