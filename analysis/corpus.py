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
}
EARLIEST_PUBLICATION = dt.date(1990, 1, 1)
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


class InputError(Exception):
    """Bad input a user can fix: reported as one line naming the file, exit code 2."""

    def __init__(self, path, problem: str):
        self.path = display_path(path) if path is not None else "-"
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


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


def normalize_text(raw: bytes, path) -> str:
    """Decode and normalize line endings; reject what is not a text document."""
    if b"\x00" in raw:
        raise InputError(path, "binary content (NUL bytes); expected a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); re-save the file as UTF-8"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(path, f"sidecar field '{key}' must be an ISO date (YYYY-MM-DD), got {value!r}") from None
    if not isinstance(value, dt.date):
        raise InputError(path, f"sidecar field '{key}' must be an ISO date (YYYY-MM-DD), got {type(value).__name__} {value!r}")
    if value > today:
        raise InputError(path, f"sidecar field '{key}' is in the future ({value.isoformat()})")
    if value < EARLIEST_PUBLICATION:
        raise InputError(path, f"sidecar field '{key}' is before {EARLIEST_PUBLICATION.year} ({value.isoformat()})")
    return value


def read_sidecar(path: Path, warnings: list[str], today: dt.date | None = None) -> dict:
    """Parse a sidecar with YAML's safe loader only (no Python objects), check types."""
    today = today or dt.date.today()
    raw = path.read_bytes()
    try:
        loaded = yaml.safe_load(normalize_text(raw, path) if raw.strip() else "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"invalid YAML{where}: {problem}") from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise InputError(path, f"sidecar must be a mapping of fields, got {type(loaded).__name__}")
    meta = {}
    for key, value in loaded.items():
        key = str(key)
        if key not in SIDECAR_FIELDS:
            warnings.append(f"{display_path(path)}: unknown sidecar key '{key}' ignored (known: {', '.join(SIDECAR_FIELDS)})")
            continue
        if key == "published":
            meta[key] = _check_date(value, path, key, today) if value is not None else None
        elif value is None or isinstance(value, str):
            meta[key] = value.strip() if isinstance(value, str) else None
        else:
            raise InputError(path, f"sidecar field '{key}' must be text, got {type(value).__name__} {value!r}")
    return meta


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def doc_id_for(path: Path) -> str:
    return path.stem


def _collision_key(doc_id: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", unicodedata.normalize("NFKC", doc_id).casefold())


def list_inputs(inputs: list[str | Path]) -> list[Path]:
    """Expand folders to their *.txt files (sorted); refuse paths that do not exist."""
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
    return files


def load_document(path: Path, warnings: list[str], today: dt.date | None = None) -> Document:
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(path, f"document is {size} bytes, above the {MAX_DOCUMENT_BYTES}-byte limit")
        raw = path.read_bytes()
    except PermissionError:
        raise InputError(path, "cannot read the file (permission denied)") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, expected a .txt file") from None
    text = normalize_text(raw, path)
    meta: dict = {}
    side = sidecar_path(path)
    if side.is_file():
        try:
            meta = read_sidecar(side, warnings, today)
        except PermissionError:
            raise InputError(side, "cannot read the sidecar (permission denied)") from None
    else:
        warnings.append(
            f"{display_path(path)}: no sidecar {side.name}; publication date unknown, relative dates left unresolved"
        )
    if meta.get("published") is None and side.is_file():
        warnings.append(f"{display_path(side)}: no 'published' date; relative dates left unresolved")
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
        key = _collision_key(doc_id_for(path))
        if key in seen:
            raise InputError(
                path, f"document id '{doc_id_for(path)}' collides with {display_path(seen[key])} (ids must differ after case and punctuation folding)"
            )
        seen[key] = path
    for path in files:
        yield load_document(path, warnings, today)


def load_corpus(inputs, warnings: list[str] | None = None, today: dt.date | None = None) -> list[Document]:
    return list(iter_corpus(inputs, warnings if warnings is not None else [], today))


# --- the documents table -----------------------------------------------------------
from analysis.tables import Field, Table  # noqa: E402  (kept beside the row it describes)

TABLE = Table(
    name="documents",
    title="Documents",
    description="One row per source document: where it came from, when it was published and how that is known, and its size.",
    fields=(
        Field("doc_id", "string", "Document id: the file name without .txt", required=True),
        Field("title", "string", "Headline, from the sidecar"),
        Field("outlet", "string", "Publisher; empty when not established"),
        Field("url", "string", "Where the text was found"),
        Field("published", "date", "Publication date (ISO); empty when unknown"),
        Field("published_basis", "string", "How the publication date is known"),
        Field("language", "string", "ISO 639-1 language code"),
        Field("note", "string", "Caveat about the document or its provenance"),
        Field("path", "string", "File path relative to the project", required=True),
        Field("sha256", "string", "SHA-256 of the file's bytes as read", required=True),
        Field("chars", "integer", "Characters after normalization (the offsets' range)", required=True),
        Field("words", "integer", "Whitespace-separated words", required=True),
        Field("sentences", "integer", "Sentences found by the splitter", required=True),
    ),
    primary_key=("doc_id",),
)


def document_row(doc: Document, sentences) -> dict:
    published = doc.meta.get("published")
    return {
        "doc_id": doc.doc_id,
        **{k: doc.meta.get(k) for k in ("title", "outlet", "url", "published_basis", "language", "note")},
        "published": published.isoformat() if published else None,
        "path": doc.path,
        "sha256": doc.sha256,
        "chars": len(doc.text),
        "words": len(doc.text.split()),
        "sentences": len(sentences),
    }
