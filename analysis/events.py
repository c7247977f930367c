"""Events (stub)."""
from analysis.tables import Field, Table

TABLE = Table("events", "Events", "Events.", (Field("doc_id", "string", "Document id", True), Field("start", "integer", "Start", True)), ("doc_id", "start"))


def extract(parsed, claim_rows):
    return []
