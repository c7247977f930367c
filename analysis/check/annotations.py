"""Annotation files for `python -m analysis evaluate`: hand-annotated tallies (the schema of
the development set's expected.json) and stated reasons (justifications.json), read and
checked so that a malformed entry fails loudly, naming the file and the entry, instead
of scoring zero."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

MEASURES = ("attacks", "injured", "killed")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# field -> kind of check; every field listed is required (`note` is the only optional one)
TALLY_FIELDS = {
    "doc": "doc",
    "quote": "quote",
    "measure": "measure",
    "value": "int",
    "location": "text",
    "since": "date",
    "as_of": "date",
    "attributed_to": "optional text",
}
REASON_FIELDS = {"doc": "doc", "quote": "quote", "frame": "text", "speaker": "optional text"}


class AnnotationError(Exception):
    """An annotation file that cannot be scored against: the path and a one-line problem."""

    def __init__(self, path, problem):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


def load_tallies(path, texts):
    """Read and check an ``expected.json``, so that a malformed entry fails loudly instead of scoring zero."""
    return [_check_entry(path, i, entry, TALLY_FIELDS, texts) for i, entry in enumerate(_read_list(path))]


def load_reasons(path, texts):
    """Read and check a ``justifications.json`` (same checks as ``load_tallies``)."""
    return [_check_entry(path, i, entry, REASON_FIELDS, texts) for i, entry in enumerate(_read_list(path))]


def _read_list(path):
    """The file's JSON list, or AnnotationError saying why not (entry indices in messages count from 0)."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError(path, f"cannot read the file ({exc.__class__.__name__}: {exc})") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AnnotationError(path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if not isinstance(data, list):
        raise AnnotationError(path, f"expected a JSON list of entries, got {_json_type(data)}")
    for i, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise AnnotationError(path, f"entry {i}: expected an object, got {_json_type(entry)}")
    return data


def _json_type(value):
    """JSON's name for a parsed value's type, for error messages."""
    names = {dict: "object", list: "list", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _check_entry(path, i, entry, fields, texts):
    """Return the entry if every field is present and well formed and its quote is in its document."""
    for name, kind in fields.items():
        if name not in entry:
            raise AnnotationError(path, f"entry {i}: missing field {name!r}")
        problem = _field_problem(kind, entry[name])
        if problem:
            raise AnnotationError(path, f"entry {i}: field {name!r} {problem} (got {_short(entry[name])})")
    doc = entry["doc"]
    if doc not in texts:
        raise AnnotationError(path, f"entry {i}: document {doc!r} is not in the corpus")
    if entry["quote"] not in texts[doc]:
        raise AnnotationError(path, f"entry {i}: quote not found in document {doc!r}: {_short(entry['quote'])}")
    if entry.get("since") and entry.get("as_of") and entry["since"] > entry["as_of"]:
        raise AnnotationError(path, f"entry {i}: since {entry['since']} is after as_of {entry['as_of']}")
    return entry


def _field_problem(kind, value):
    """What is wrong with one field's value for its kind of check, or None."""
    if kind in ("doc", "quote", "text"):
        return None if isinstance(value, str) and value.strip() else "must be a non-empty string"
    if kind == "optional text":
        return None if value is None or isinstance(value, str) else "must be a string or null"
    if kind == "int":
        return None if isinstance(value, int) and not isinstance(value, bool) else "must be an integer"
    if kind == "measure":
        return None if value in MEASURES else f"must be one of {', '.join(MEASURES)}"
    if value is None:
        return None
    try:
        ok = isinstance(value, str) and bool(_ISO_DAY.fullmatch(value)) and bool(dt.date.fromisoformat(value))
    except ValueError:
        ok = False
    return None if ok else "must be an ISO date YYYY-MM-DD or null"


def _short(value, limit=60):
    """A value's repr cut to ``limit`` characters, to keep error messages on one line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
