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
    kind = type(value)
    if kind is str:  # the common cases first, with the results of the general rule below
        return (2, 0, value) if value else _FIRST
    if kind is int:
        return (1, value, "")
    if value is None or value == "":
        return _FIRST
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value, "")
    return (2, 0, str(value))


_FIRST = (0, 0, "")


def sort_key(table: Table):
    """The function that orders a table's rows: by its sort_key, or else its primary key."""
    key = table.sort_key or table.primary_key
    return lambda r: tuple(map(_sort_value, map(r.get, key)))


def to_csv(table: Table, rows: list[dict]) -> bytes:
    """Rows as CSV bytes: fixed column order, rows sorted by the table's key, LF endings."""
    buffer = io.BytesIO()
    write_csv(table, sorted(rows, key=sort_key(table)), buffer)
    return buffer.getvalue()


class _Lines(list):
    """A file for csv.writer that keeps each line it writes (one write call per row)."""

    write = list.append


def row_lines(table: Table, rows: list[dict]) -> list[str]:
    """Each row as its line of the table's CSV file (LF included), in the order given."""
    columns, known = table.columns, set(table.columns)
    for row in rows:
        if not row.keys() <= known:
            raise ValueError(f"{table.name}: row has columns not in the schema: {sorted(set(row) - known)}")
    lines = _Lines()
    # text, the most common cell, is written as it is without a call to _cell
    csv.writer(lines, lineterminator="\n").writerows(
        [v if type(v) is str else _cell(v) for v in map(row.get, columns)] for row in rows
    )
    return lines


def write_csv(table: Table, ordered, handle, chunk: int = 1 << 16) -> tuple[int, str]:
    """Write rows already in the table's order to a binary handle (see write_lines)."""
    return write_lines(table, (line for row in ordered for line in row_lines(table, [row])), handle, chunk)


def write_lines(table: Table, lines, handle, chunk: int = 1 << 16) -> tuple[int, str]:
    """Write the header and then the rows' lines (row_lines), already in the table's
    order, to a binary handle, about `chunk` characters at a time (neither the table nor a
    large piece of it is held); returns the byte count and the sha256 hex digest."""
    digest, size = hashlib.sha256(), 0
    pending, held = [_header(table)], 0
    for line in lines:
        pending.append(line)
        held += len(line)
        if held >= chunk:
            size += _flush(pending, handle, digest)
            held = 0
    size += _flush(pending, handle, digest)
    return size, digest.hexdigest()


def _header(table: Table) -> str:
    lines = _Lines()
    csv.writer(lines, lineterminator="\n").writerow(table.columns)
    return lines[0]


def _flush(pending: list, handle, digest) -> int:
    data = "".join(pending).encode("utf-8")
    pending.clear()
    handle.write(data)
    digest.update(data)
    return len(data)
