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

from analysis.paths import display_path, display_paths
from analysis.text.errors import InputError, InputWarning, one_line, os_problem  # noqa: F401 (callers import them here)
from analysis.text.inputs import list_inputs, real, utf8_name

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
# A sidecar holds a few short fields; a megabyte is a thousand times what the seeds need,
# and the bound keeps a huge or hostile one from stalling the YAML parser.
MAX_SIDECAR_BYTES = 1024 * 1024
# Binary content: more than 8 control characters (tab and line breaks aside) within any
# 4,096 characters, anywhere in the document.
CONTROL_WINDOW, MAX_CONTROLS = 4096, 8
# "Today" for the future-date check is the date in UTC+14, the first zone to reach a new
# day: a document dated today anywhere on Earth is accepted on any machine, in any zone.
LATEST_ZONE = dt.timezone(dt.timedelta(hours=14))
_CONTROLS = re.compile(r"[\x00-\x08\x0d-\x1f\x7f-\x9f]")  # category Cc but \t \n \v \f


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 2, 3, 3, 60, 60


def _short(value) -> str:
    """A bounded repr: YAML aliases can make a small file hold an exponentially large value."""
    return _REPR.repr(value)[:100]


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
    at = [m.start() for m in _CONTROLS.finditer(text)]
    if any(at[i + MAX_CONTROLS] - at[i] < CONTROL_WINDOW for i in range(len(at) - MAX_CONTROLS)):
        raise InputError(path, "binary content (control characters); expected a UTF-8 text file")
    return text


def latest_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in LATEST_ZONE, whatever the machine's time zone."""
    return (now or dt.datetime.now(LATEST_ZONE)).astimezone(LATEST_ZONE).date()


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


# libyaml's parser (PyYAML's C loader) is ten times faster than the pure-Python one, but
# the two disagree at the edges (tabs, tags, block-scalar headers, nesting depth). It reads
# only a sidecar of the plain form every sidecar so far has: comment lines and `key: value`
# lines whose value is empty, a quoted string without escapes or line breaks, or a plain
# scalar without YAML indicators. Anything else, or a refusal, goes to the pure loader, so
# results and messages are always the pure loader's.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
_CHAR = "[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufeff\\ufffe\\uffff"  # printable, no line break
_SIMPLE_LINE = re.compile(
    rf"""(?:\#{_CHAR}]*|[A-Za-z_][A-Za-z0-9_]{{0,63}}:(?:\ +(?:"{_CHAR}"\\]*"|'{_CHAR}']*'|"""
    rf"""{_CHAR}\s\-?:,\[\]{{}}\#&*!|>'"%@`](?:{_CHAR}:\#]|:(?=[^\s:\#]))*))?\ *)?""",
    re.X,
)


def _simple(text: str) -> bool:
    return all(_SIMPLE_LINE.fullmatch(line) for line in text.split("\n"))


def _load_yaml(text: str) -> tuple[object, list[str]]:
    """yaml.safe_load, plus the keys the top-level mapping holds more than once (PyYAML
    silently keeps the last value of a repeated key)."""
    if _FAST_LOADER is not None and _simple(text):
        try:
            return _load_with(_FAST_LOADER, text)
        except yaml.YAMLError:
            pass
    return _load_with(yaml.SafeLoader, text)


def _load_with(loader_class, text: str) -> tuple[object, list[str]]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        keys = (
            [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
            if isinstance(node, yaml.MappingNode)
            else []
        )
        repeated = sorted({k for k in keys if keys.count(k) > 1}, key=keys.index)
        return (loader.construct_document(node) if node is not None else None), repeated
    finally:
        loader.dispose()


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
    return parse_sidecar(path.read_bytes(), path, warnings, today)


def parse_sidecar(raw: bytes, path: Path, warnings: list[str], today: dt.date | None = None) -> dict:
    """The checked fields of a sidecar's bytes (read from `path`, which messages name)."""
    today = today or latest_today()
    text = decode_text(raw, path)
    try:
        loaded, repeated = _load_yaml(text)
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
    for key in repeated:
        warnings.append(InputWarning(path, f"sidecar key {_short(key)} appears more than once; the last value is used"))
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
    return utf8_name(path.stem)


def _collision_key(doc_id: str) -> str:
    """Case, width and punctuation folded: 'A-b' and 'a_b' would be confusable ids."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", doc_id).casefold())


def _sidecar(path: Path, warnings: list[str]) -> Path | None:
    """The document's sidecar, or None when there is none (with a warning saying so). A
    link is followed only to a file in the document's folder (as listed, or where the
    document really is)."""
    side = sidecar_path(path)
    try:
        if not side.is_file():
            problem = f"no sidecar {side.name}; publication date unknown, relative dates left unresolved"
            warnings.append(InputWarning(path, problem))
            return None
    except OSError as exc:  # e.g. a 251-character stem: its sidecar's name is too long
        raise InputError(path, f"cannot look up its sidecar ({os_problem(exc)})") from None
    if side.is_symlink() and not (
        real(side).is_relative_to(real(path.parent)) or real(side).is_relative_to(real(path).parent)
    ):
        warnings.append(
            InputWarning(side, "a link to a file outside the document's folder; not followed, so no sidecar")
        )
        return None
    return side


@dataclass(frozen=True)
class Source:
    """A document's bytes and its sidecar's, as read and not yet parsed: what the cache
    (analysis.store.cache) keys on, so an unchanged document needs no parsing at all."""

    path: Path
    doc_id: str
    shown: str  # the path as the tables show it
    raw: bytes
    sha256: str
    sidecar: Path | None = None
    sidecar_raw: bytes | None = None
    problem: InputError | None = None  # the sidecar could not be read: raised when parsed, after the text's checks


def read_source(path: Path, warnings: list[str], show=display_path) -> Source:
    """Read a document and its sidecar (the bytes only; their checks are parse_source's)."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(path, f"document is {size} bytes, above the {MAX_DOCUMENT_BYTES}-byte limit")
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a folder, expected a .txt file") from None
    except OSError as exc:  # permission denied, vanished since listed, I/O error
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    found = dict(path=path, doc_id=doc_id_for(path), raw=raw, sha256=hashlib.sha256(raw).hexdigest())
    try:
        side = _sidecar(path, warnings)
        if side is not None:
            found["sidecar"] = side
            size = side.stat().st_size
            if size > MAX_SIDECAR_BYTES:
                raise InputError(side, f"sidecar is {size} bytes, above the {MAX_SIDECAR_BYTES}-byte limit")
            found["sidecar_raw"] = side.read_bytes()
    except InputError as exc:
        found["problem"] = exc
    except OSError as exc:
        found["problem"] = InputError(side, f"cannot read the sidecar ({exc.strerror or exc})")
    return Source(shown=utf8_name(show(path)), **found)


def parse_source(source: Source, warnings: list[str], today: dt.date | None = None) -> Document:
    """The document of what read_source read: its text normalized, its sidecar checked."""
    text = normalize_text(source.raw, source.path)
    if source.problem is not None:
        raise source.problem
    meta: dict = {}
    side = source.sidecar
    if side is not None:
        meta = parse_sidecar(source.sidecar_raw, side, warnings, today)
        if meta.get("published") is None:
            warnings.append(InputWarning(side, "no 'published' date; relative dates left unresolved"))
    return Document(doc_id=source.doc_id, path=source.shown, text=text, sha256=source.sha256, meta=meta)


def load_document(path: Path, warnings: list[str], today: dt.date | None = None) -> Document:
    return parse_source(read_source(path, warnings), warnings, today)


def iter_corpus(inputs, warnings: list[str], today: dt.date | None = None):
    """Yield the documents of files and folders one at a time (so large corpora stream)."""
    return iter_documents(list_inputs(inputs, warnings), warnings, today)


def iter_documents(files: list[Path], warnings: list[str], today: dt.date | None = None):
    """Yield documents one at a time from listed files, after checking that no two
    document ids collide."""
    for source in iter_sources(files, warnings):
        yield parse_source(source, warnings, today)


def iter_sources(files: list[Path], warnings: list[str]):
    """Yield each listed file's Source (its bytes, unparsed) one at a time, after checking
    that no two document ids collide."""
    _check_ids(files)
    show = display_paths()
    for path in files:
        yield read_source(path, warnings, show)


def _check_ids(files: list[Path]) -> None:
    seen: dict[str, Path] = {}
    for path in files:
        try:  # the id goes into UTF-8 tables; undecodable name bytes would not survive
            utf8_name(path)
        except UnicodeDecodeError:
            raise InputError(path, "path is not valid UTF-8; rename the file or folder") from None
        key = _collision_key(doc_id_for(path))
        if key in seen:
            raise InputError(
                path,
                f"document id '{doc_id_for(path)}' collides with {display_path(seen[key])} (ids must differ after case and punctuation folding)",
            )
        seen[key] = path


def load_corpus(inputs, warnings: list[str] | None = None, today: dt.date | None = None) -> list[Document]:
    return list(iter_corpus(inputs, warnings if warnings is not None else [], today))
