"""Attack tallies (stub; the extractor replaces this)."""
from analysis.tables import Field, Table

TABLE = Table("tallies", "Tallies", "One row per tally statement.", (Field("doc_id", "string", "Document id", True), Field("number_start", "integer", "Offset of the number", True)), ("doc_id", "number_start"))


def extract(parsed):
    return []
