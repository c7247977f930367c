"""Consistency checks (stub)."""
from analysis.tables import Field, Table

TABLE = Table("checks", "Checks", "Consistency checks.", (Field("check_id", "string", "Check id", True),), ("check_id",))


def compute(parsed, tally_rows):
    return []
