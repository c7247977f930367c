"""Load documents and their metadata sidecars, refusing bad input with a message that
names the file and the problem.

Normalization, stated once: a UTF-8 byte-order mark is dropped and Windows (CRLF) or old
Mac (CR) line endings become LF. Every offset in every table is into the text *after*
this normalization, which is what `Document.text` holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import reprlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.paths import display_path

SIDECAR_SUFFIX = ".meta.yml"
SIDECAR_FIELDS = {
    "title": "the document's headline",
    "outlet": "who published it; null when not established",
    "url": "where the text was found",
    "published": "publication date, ISO YYYY-MM-DD; relative dates resolve against it",
    "published_basis": "one sentence: how the publication date is known",
    "language": "ISO 639-1 code",
    "note": "free-text caveat about the document or its provenance",
    "reviewed": "checks the analyst reviewed as the source's own inconsistency: a list of "
    "{check: <kind>:<number_start> (the check id without the document id), note: what the source prints}",
}
EARLIEST_PUBLICATION = dt.date(1990, 1, 1)
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text) -> str:
    """Escape control characters (newlines included) and lone surrogates, so that a
    hostile file name or YAML value cannot break the one-line message format."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), str(text))


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 2, 3, 3, 60, 60


def _short(value) -> str:
    """A bounded repr: YAML aliases can make a small file hold an exponentially large value."""
    return _REPR.repr(value)[:100]


class InputError(Exception):
    """Bad input a user can fix: reported as one line naming the file, exit code 2."""

    def __init__(self, path, problem: str):
        self.path = one_line(display_path(path) if path is not None else "-")
        self.problem = one_line(problem)
        super().__init__(f"{self.path}: {self.problem}")


class InputWarning(str):
    """A recoverable problem, printed as `warning: <file>: <problem>`; a str (so warning
    lists stay lists of text) that keeps its parts for --strict to report as an error."""

    def __new__(cls, path, problem: str):
        self = super().__new__(cls, f"{one_line(display_path(path))}: {one_line(problem)}")
        self.path, self.problem = path, problem
        return self


@dataclass(frozen=True)
class Document:
    doc_id: str
    path: str
    text: str
    sha256: str
    meta: dict = field(default_factory=dict)

    @property
    def published(self) -> dt.date | None:
        return self.meta.get("published")


def decode_text(raw: bytes, path) -> str:
    """UTF-8 without BOM, LF line endings; NUL bytes mean a binary file, not text."""
    if b"\x00" in raw:
        raise InputError(path, "binary content (NUL bytes); expected a UTF-8 text file")
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = bom + exc.start  # offset into the file, BOM included
        problem = f"not valid UTF-8 (byte 0x{raw[at]:02x} at offset {at}); re-save the file as UTF-8"
        raise InputError(path, problem) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_text(raw: bytes, path) -> str:
    """Decode and normalize line endings; reject what is not a text document."""
    text = decode_text(raw, path)
    if not text.strip():
        raise InputError(path, "empty document (no text beyond whitespace)")
    controls = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\v")
    if controls > 8:
        raise InputError(path, "binary content (control characters); expected a UTF-8 text file")
    return text


def _check_date(value, path, key: str, today: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:  # fromisoformat alone would also take "20240112" and week dates
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                raise ValueError
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            problem = f"sidecar field '{key}' must be an ISO date (YYYY-MM-DD), got {_short(value)}"
            raise InputError(path, problem) from None
    if not isinstance(value, dt.date):
        raise InputError(
            path, f"sidecar field '{key}' must be an ISO date (YYYY-MM-DD), got {type(value).__name__} {_short(value)}"
        )
    if value > today:
        raise InputError(path, f"sidecar field '{key}' is in the future ({value.isoformat()})")
    if value < EARLIEST_PUBLICATION:
        raise InputError(path, f"sidecar field '{key}' is before {EARLIEST_PUBLICATION.year} ({value.isoformat()})")
    return value


def _check_reviews(value, path) -> list[dict]:
    """`reviewed:` is a list of {check, note}, both non-empty text: a review must say why."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(
            path, f"sidecar field 'reviewed' must be a list of {{check, note}}, got {type(value).__name__}"
        )
    out = []
    for item in value:
        if not isinstance(item, dict) or set(map(str, item)) != {"check", "note"}:
            raise InputError(
                path, f"sidecar field 'reviewed': each entry needs exactly 'check' and 'note', got {_short(item)}"
            )
        check, note = item["check"], item["note"]
        if not (isinstance(check, str) and check.strip() and isinstance(note, str) and note.strip()):
            raise InputError(
                path, f"sidecar field 'reviewed': 'check' and 'note' must be non-empty text, got {_short(item)}"
            )
        out.append({"check": check.strip(), "note": note.strip()})
    return out


def read_sidecar(path: Path, warnings: list[str], today: dt.date | None = None) -> dict:
    """Parse a sidecar with YAML's safe loader only (no Python objects), check types."""
    today = today or dt.date.today()
    text = decode_text(path.read_bytes(), path)
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
        raise InputError(path, f"invalid YAML{where}: {problem}") from None
    except (ValueError, OverflowError) as exc:  # e.g. the implicit date 2024-13-45
        raise InputError(path, f"invalid YAML value: {exc}") from None
    except RecursionError:
        raise InputError(path, "invalid YAML: nested too deeply") from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise InputError(path, f"sidecar must be a mapping of fields, got {type(loaded).__name__}")
    meta = {}
    for key, value in loaded.items():
        key = str(key)
        if key not in SIDECAR_FIELDS:
            known = ", ".join(SIDECAR_FIELDS)
            warnings.append(InputWarning(path, f"unknown sidecar key {_short(key)} ignored (known: {known})"))
            continue
        if key == "published":
            meta[key] = _check_date(value, path, key, today) if value is not None else None
        elif key == "reviewed":
            meta[key] = _check_reviews(value, path)
        elif value is None:
            meta[key] = None
        elif not isinstance(value, str):
            raise InputError(path, f"sidecar field '{key}' must be text, got {type(value).__name__} {_short(value)}")
        elif re.search(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]", value):  # YAML escapes can produce these
            raise InputError(path, f"sidecar field '{key}' contains control characters or lone surrogates")
        else:
            meta[key] = value.strip()
    return meta


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def doc_id_for(path: Path) -> str:
    return path.stem


def _collision_key(doc_id: str) -> str:
    """Case, width and punctuation folded: 'A-b' and 'a_b' would be confusable ids."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", doc_id).casefold())


def list_inputs(inputs: list[str | Path]) -> list[Path]:
    """Expand folders to their *.txt files (sorted); refuse paths that do not exist.
    A file named twice (as itself and through its folder) is read once."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise InputError(path, "folder has no .txt documents")
            files.extend(found)
        elif path.is_file():
            if path.suffix != ".txt":
                raise InputError(path, "not a .txt document")
            files.append(path)
        elif path.exists():
            raise InputError(path, "not a regular file or folder")
        else:
            raise InputError(path, "no such file or folder")
    if not files:
        raise InputError(None, "no documents given")
    unique = {p.resolve(): p for p in reversed(files)}
    return [p for p in files if unique[p.resolve()] is p]


def load_document(path: Path, warnings: list[str], today: dt.date | None = None) -> Document:
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(path, f"document is {size} bytes, above the {MAX_DOCUMENT_BYTES}-byte limit")
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a folder, expected a .txt file") from None
    except OSError as exc:  # permission denied, vanished since listed, I/O error
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    text = normalize_text(raw, path)
    meta: dict = {}
    side = sidecar_path(path)
    if side.is_file():
        try:
            meta = read_sidecar(side, warnings, today)
        except OSError as exc:
            raise InputError(side, f"cannot read the sidecar ({exc.strerror or exc})") from None
        if meta.get("published") is None:
            warnings.append(InputWarning(side, "no 'published' date; relative dates left unresolved"))
    else:
        problem = f"no sidecar {side.name}; publication date unknown, relative dates left unresolved"
        warnings.append(InputWarning(path, problem))
    return Document(
        doc_id=doc_id_for(path),
        path=display_path(path),
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        meta=meta,
    )


def iter_corpus(inputs, warnings: list[str], today: dt.date | None = None):
    """Yield documents one at a time (so large corpora stream), after checking that
    no two document ids collide."""
    files = list_inputs(inputs)
    seen: dict[str, Path] = {}
    for path in files:
        try:  # the id goes into UTF-8 tables; undecodable name bytes would not survive
            str(path).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(path, "path is not valid UTF-8; rename the file or folder") from None
        key = _collision_key(doc_id_for(path))
        if key in seen:
            raise InputError(
                path,
                f"document id '{doc_id_for(path)}' collides with {display_path(seen[key])} (ids must differ after case and punctuation folding)",
            )
        seen[key] = path
    for path in files:
        yield load_document(path, warnings, today)


def load_corpus(inputs, warnings: list[str] | None = None, today: dt.date | None = None) -> list[Document]:
    return list(iter_corpus(inputs, warnings if warnings is not None else [], today))
