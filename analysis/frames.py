"""Justification frames (stub)."""
from analysis.tables import Field, Table

TABLE = Table("justifications", "Justifications", "Justifications.", (Field("doc_id", "string", "Document id", True), Field("start", "integer", "Start", True)), ("doc_id", "start"))


def extract(parsed):
    return []
