"""Attributed claims (stub)."""
from analysis.tables import Field, Table

TABLE = Table("claims", "Claims", "Claims.", (Field("doc_id", "string", "Document id", True), Field("start", "integer", "Start", True)), ("doc_id", "start"))


def extract(parsed):
    return []
