"""Rows to CSV bytes that are stable: fixed column order, rows sorted by the table's key,
LF line endings, floats rounded, so the same input always gives the same file."""

from __future__ import annotations

import csv
import io

from analysis.store.schema import Table


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def _sort_value(value):
    # Integers sort numerically, everything else as text; None first.
    if value is None or value == "":
        return (0, 0, "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value, "")
    return (2, 0, str(value))


def to_csv(table: Table, rows: list[dict]) -> bytes:
    """Rows as CSV bytes: fixed column order, rows sorted by the table's key, LF endings."""
    key = table.sort_key or table.primary_key
    ordered = sorted(rows, key=lambda r: tuple(_sort_value(r.get(k)) for k in key))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    columns, known = table.columns, set(table.columns)
    for row in ordered:
        if not row.keys() <= known:
            raise ValueError(f"{table.name}: row has columns not in the schema: {sorted(set(row) - known)}")
        # text, the most common cell, is written as it is without a call to _cell
        writer.writerow([v if type(v) is str else _cell(v) for v in map(row.get, columns)])
    return buffer.getvalue().encode("utf-8")
