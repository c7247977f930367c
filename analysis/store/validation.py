"""Validate the written tables against their data package: bytes and hash, the header,
every cell's type and constraints (required, enum, pattern), row lengths and primary-key
uniqueness.

The tables this project writes use a small part of Table Schema (string, integer, number,
date and boolean fields; required, enum and pattern constraints; a primary key; UTF-8
CSV), and checking that part directly is about fifteen times faster than Frictionless,
whose per-cell work was a fifth of an extraction run. A package using anything else is
handed to Frictionless whole, as are the tests' second opinions (tests/store).

The package is handed to Frictionless parsed, with an explicit base folder, never as a
path string: given a string, Frictionless reads `*`, `?` and `[` in it as a glob and `#`
as unsafe, so an output path such as `~/proj#2/data` failed every run.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import hashlib
import itertools
import json
import math
import re
from pathlib import Path

_TYPES = {"string", "integer", "number", "date", "boolean"}
_CONSTRAINTS = {"required", "enum", "pattern"}
_RESOURCE_KEYS = {"name", "path", "title", "description", "format", "mediatype", "encoding", "bytes", "hash", "schema"}
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_START = object()  # before the first row's key
CHUNK_ROWS = 2_000  # rows checked together by _clean (a few MB)


def validate_package(descriptor: Path) -> list[str]:
    """Problems found, as short messages naming table, row and field; empty when valid."""
    descriptor = Path(descriptor)
    package = json.loads(descriptor.read_bytes())
    if not all(_plain(r) for r in package.get("resources", [])):
        return validate_with_frictionless(descriptor)
    problems: list[str] = []
    for resource in package["resources"]:
        problems += _resource_problems(resource, descriptor.parent)
    return problems


def validate_with_frictionless(descriptor: Path) -> list[str]:
    """The same checks by Frictionless (any Table Schema)."""
    import frictionless

    descriptor = Path(descriptor)
    package = frictionless.Package.from_descriptor(json.loads(descriptor.read_bytes()), basepath=str(descriptor.parent))
    report = package.validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            where = task.name
            row = getattr(error, "row_number", None)
            if row:
                where += f" row {row}"
            problems.append(f"{where}: {error.message}")
    for error in report.errors:
        problems.append(error.message)
    return problems


def _plain(resource: dict) -> bool:
    """Whether the resource uses only the part of Table Schema checked here."""
    schema = resource.get("schema")
    if (
        not isinstance(schema, dict)
        or set(resource) - _RESOURCE_KEYS
        or set(schema) - {"fields", "primaryKey", "missingValues"}
    ):
        return False
    if resource.get("format", "csv") != "csv" or resource.get("encoding", "utf-8") != "utf-8":
        return False
    if schema.get("missingValues", [""]) != [""] or not isinstance(resource.get("path"), str):
        return False
    for f in schema.get("fields", []):
        if set(f) - {"name", "type", "description", "constraints"} or f.get("type", "string") not in _TYPES:
            return False
        if set(f.get("constraints", {})) - _CONSTRAINTS:
            return False
    return True


def _resource_problems(resource: dict, base: Path) -> list[str]:
    """Read in a stream (a table may be larger than the memory a run should take)."""
    name, path = resource["name"], base / resource["path"]
    problems = []
    try:
        digest, size = hashlib.sha256(), 0
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        if "bytes" in resource and size != resource["bytes"]:
            problems.append(f"{name}: byte count is {size}, the package says {resource['bytes']}")
        if "hash" in resource:
            stated = resource["hash"] if ":" in resource["hash"] else "md5:" + resource["hash"]
            if "sha256:" + digest.hexdigest() != stated:
                problems.append(f"{name}: hash is sha256:{digest.hexdigest()}, the package says {resource['hash']}")
        with open(path, encoding="utf-8", newline="") as handle:
            if _clean(resource["schema"], handle):
                return problems
        with open(path, encoding="utf-8", newline="") as handle:
            found = _table_problems(name, resource["schema"], handle)
        if found is None:  # the rows are not grouped by their first key field: check again, holding every key
            with open(path, encoding="utf-8", newline="") as handle:
                found = _table_problems(name, resource["schema"], handle, grouped=False)
        return problems + found
    except UnicodeDecodeError as exc:
        return problems + [f"{name}: not UTF-8 ({exc.reason})"]
    except OSError as exc:
        return problems + [f"{name}: cannot read {resource['path']} ({exc.strerror or exc})"]


def _table_problems(name: str, schema: dict, lines, grouped: bool = True) -> list[str] | None:
    """The problems of one table's rows. Primary-key uniqueness needs the keys seen so far;
    `grouped`, only those of the current value of the first key field, which is exact
    while that value never decreases (rows with equal keys are then neighbours), so a
    sorted table of any length is checked in little memory; None when it does decrease."""
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    rows = csv.reader(lines)
    header = next(rows, None)
    if header != names:
        return [f"{name}: header {header} is not the schema's fields {names}"]
    key = [names.index(k) for k in schema.get("primaryKey", [])]
    checked = [(i, f["name"], _cell_check(f)) for i, f in enumerate(fields) if i in key or _constrained(f)]
    problems, seen, width, group = [], {}, len(names), _START
    for number, row in enumerate(rows, start=2):
        if len(row) != width or not any(row):
            what = "a blank row" if not any(row) else f"{len(row)} cells for {width} fields"
            problems.append(f"{name} row {number}: {what}")
            continue
        values = {}
        for i, field_name, check in checked:
            values[i], problem = check(row[i])
            if problem:
                problems.append(f'{name} row {number}: field "{field_name}" {problem}')
        if key:
            ident = tuple(values[i] for i in key)
            if grouped and (group is _START or ident[0] != group):
                if group is not _START and not _above(ident[0], group):
                    return None
                group = ident[0]
                seen.clear()
            if ident in seen:
                problems.append(f"{name} row {number}: primary key {list(ident)} repeats row {seen[ident]}")
            else:
                seen[ident] = number
    return problems


def _clean(schema: dict, lines, chunk: int = CHUNK_ROWS) -> bool:
    """True only when _table_problems would find nothing: the same checks a column of
    `chunk` rows at a time, in bulk (a table is checked in about a tenth of the time, in
    little memory). False means "look closer": the caller runs _table_problems, so the
    messages are always its own."""
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    rows = csv.reader(lines)
    if next(rows, None) != names:
        return False
    width, blank = len(names), [""] * len(names)
    key = [names.index(k) for k in schema.get("primaryKey", [])]
    checked = [(i, _column_check(f)) for i, f in enumerate(fields) if i in key or _constrained(f)]
    casts = [_KEY_CASTS[fields[i].get("type", "string")] for i in key]
    group, seen = _START, set()
    while block := list(itertools.islice(rows, chunk)):
        if set(map(len, block)) != {width} or blank in block:
            return False
        columns = list(zip(*block))
        if not all(check(columns[i]) for i, check in checked):
            return False
        if key:
            if any("" in columns[i] for i in key):
                return False
            idents = list(zip(*(map(cast, columns[i]) for cast, i in zip(casts, key))))
            firsts = [ident[0] for ident in idents]
            if firsts != sorted(firsts) or (group is not _START and firsts[0] < group):
                return False
            unique = set(idents)
            if len(unique) != len(idents) or not seen.isdisjoint(unique):
                return False
            start = bisect.bisect_left(firsts, firsts[-1])
            tail = set(idents[start:])
            seen = seen | tail if start == 0 and firsts[-1] == group else tail
            group = firsts[-1]
    return True


def _column_check(field: dict):
    """A function column -> True when no cell of it has a problem (False: maybe one has)."""
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    required = constraints.get("required", False)
    if set(constraints) - {"required", "enum"} or (kind != "string" and "enum" in constraints):
        cell_check = _cell_check(field)
        return lambda column: all(cell_check(cell)[1] is None for cell in column)
    allowed = set(constraints["enum"]) if "enum" in constraints else None
    whole = _WHOLE.get(kind)

    def check(column) -> bool:
        if required and "" in column:
            return False
        if allowed is not None and not set(column) - {""} <= allowed:
            return False
        if whole is not None:  # every cell one line of the type's pattern (or empty)
            joined = "\n".join(column)
            if joined.count("\n") != len(column) - 1 or not whole.fullmatch(joined):
                return False
        if kind == "number":
            return all(map(math.isfinite, map(float, filter(None, column))))
        if kind == "date":
            try:
                all(map(dt.date.fromisoformat, filter(None, column)))
            except ValueError:
                return False
        if kind == "boolean":
            return set(column) <= _BOOLEANS
        return True

    return check


def _above(value, previous) -> bool:
    try:
        return value > previous
    except TypeError:  # an empty cell (None) beside a value
        return False


def _constrained(field: dict) -> bool:
    """Whether any cell of the field can be wrong (a free text field cannot)."""
    return field.get("type", "string") != "string" or bool(field.get("constraints"))


def _cell_check(field: dict):
    """A function cell -> (value, problem or None) for one field."""
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    required = constraints.get("required", False)
    enum = constraints.get("enum")
    pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
    cast = _CASTS[kind]
    allowed = None if enum is None else {cast(str(e)) if kind != "string" else e for e in enum}

    def check(cell: str):
        if cell == "":
            return None, "is required but empty" if required else None
        value = cast(cell)
        if value is None:
            return None, f"is not a valid {kind}: {cell!r}"
        if allowed is not None and value not in allowed:
            return value, f"is not one of the allowed values: {cell!r}"
        if pattern is not None and not pattern.fullmatch(cell):
            return value, f"does not match the pattern {pattern.pattern!r}: {cell!r}"
        return value, None

    return check


def _integer(cell: str):
    return int(cell) if _INTEGER.fullmatch(cell) else None


def _number(cell: str):
    if not _NUMBER.fullmatch(cell):
        return None
    value = float(cell)
    return value if math.isfinite(value) else None


def _date(cell: str):
    if not _DATE.fullmatch(cell):
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        return None


def _boolean(cell: str):
    return {
        "true": True,
        "True": True,
        "TRUE": True,
        "1": True,
        "false": False,
        "False": False,
        "FALSE": False,
        "0": False,
    }.get(cell)


_BOOLEANS = {"", "true", "True", "TRUE", "1", "false", "False", "FALSE", "0"}
# A column joined by line breaks: each line empty or one cell of the type (no cell of
# these types holds a line break, and _clean counts them).
_WHOLE = {
    kind: re.compile(f"(?:{cell.pattern})?(?:\\n(?:{cell.pattern})?)*")
    for kind, cell in (("integer", _INTEGER), ("number", _NUMBER), ("date", _DATE))
}
_CASTS = {"string": lambda cell: cell, "integer": _integer, "number": _number, "date": _date, "boolean": _boolean}
_KEY_CASTS = {"string": str, "integer": int, "number": float, "date": dt.date.fromisoformat, "boolean": _boolean}
