"""Rows to CSV bytes that are stable: fixed column order, rows sorted by the table's key,
LF line endings, floats rounded, so the same input always gives the same file."""

from __future__ import annotations

import csv
import hashlib
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


def sort_key(table: Table):
    """The function that orders a table's rows: by its sort_key, or else its primary key."""
    key = table.sort_key or table.primary_key
    return lambda r: tuple(_sort_value(r.get(k)) for k in key)


def to_csv(table: Table, rows: list[dict]) -> bytes:
    """Rows as CSV bytes: fixed column order, rows sorted by the table's key, LF endings."""
    buffer = io.BytesIO()
    write_csv(table, sorted(rows, key=sort_key(table)), buffer)
    return buffer.getvalue()


def write_csv(table: Table, ordered, handle, chunk: int = 1 << 16) -> tuple[int, str]:
    """Write rows already in the table's order to a binary handle, about `chunk`
    characters at a time (neither the table nor a large piece of it is held); returns the
    byte count and the sha256 hex digest."""
    digest, size = hashlib.sha256(), 0
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    columns, known = table.columns, set(table.columns)
    for row in ordered:
        if not row.keys() <= known:
            raise ValueError(f"{table.name}: row has columns not in the schema: {sorted(set(row) - known)}")
        # text, the most common cell, is written as it is without a call to _cell
        writer.writerow([v if type(v) is str else _cell(v) for v in map(row.get, columns)])
        if buffer.tell() >= chunk:
            size += _flush(buffer, handle, digest)
    size += _flush(buffer, handle, digest)
    return size, digest.hexdigest()


def _flush(buffer: io.StringIO, handle, digest) -> int:
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    handle.write(data)
    digest.update(data)
    return len(data)
