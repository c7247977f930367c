"""A per-document cache of extraction results, so a rebuild after adding one document
re-extracts that document only, and an unchanged document is not even parsed.

An entry is keyed by everything the result depends on: the document's id, shown path,
the bytes of its text (their sha256) and of its sidecar as read, and a fingerprint of the
package (every .py and .yml under analysis/, lexicons included, and the Python version).
A sidecar changed in any byte misses, so it is parsed and checked again (a bad one is
refused as without the cache). An entry keeps what parsing said besides the rows (the
sidecar's warnings and reviews), which a hit repeats, and the rows already prepared for
the tables (sort keys and CSV lines, analysis.store.runs), so a hit is not formatted
again. Any change to the code or the rules changes the fingerprint, so every entry
misses; entries of other fingerprints are removed when a run opens the cache, so it
holds one version. Entries are JSON written all-or-nothing (a concurrent reader sees a
whole entry or none); the cache lives under _build/, never in data/, and deleting it
only costs time."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import NamedTuple

from analysis.store.runs import LINES, prepare
from analysis.text.corpus import Document, InputWarning, iter_sources, latest_today, parse_source

PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # analysis/


def fingerprint(root: Path | None = None) -> str:
    """sha256 of every source and rule file of the package, by relative path."""
    root = Path(root or PACKAGE_ROOT)
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yml") and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def source_key(source) -> str:
    """The entry's name for a document as read (analysis.text.corpus.Source)."""
    digest = hashlib.sha256()
    for part in (source.doc_id, source.shown, source.sha256):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    if source.sidecar_raw is not None:  # else no sidecar: distinct from an empty one
        digest.update(b"sidecar\0" + source.sidecar_raw)
    return digest.hexdigest()


def open_cache(folder: Path) -> Path:
    """The folder of this package version's entries (created), other versions' removed."""
    folder = Path(folder)
    mine = folder / fingerprint()[:32]
    if folder.is_dir():
        for other in folder.iterdir():
            if other != mine and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
    mine.mkdir(parents=True, exist_ok=True)
    return mine


class Hit(NamedTuple):
    result: dict  # the tables read as rows (and the result's warnings)
    prepared: dict  # every table as [sort keys, lines] (analysis.store.runs.prepare), as JSON has them


class Miss(NamedTuple):
    doc: Document
    entry: Path
    noted: dict  # what parsing said besides the document: kept in the entry


def through_cache(files: list[Path], warnings: list, folder: Path, reviews: dict, today=None):
    """Each listed document as a Hit (its result, from the entry in `folder`, from
    open_cache) or a Miss (parsed, to be extracted by `resolve`), in order. The warnings
    and the reviews (doc_id: its sidecar's `reviewed:`) are noted as parsing would note them."""
    today = today or latest_today()
    for source in iter_sources(files, warnings):
        path = folder / f"{source_key(source)}.json"
        entry = _entry(path, today.isoformat())
        if entry is not None:
            warnings += [InputWarning(source.sidecar, problem) for problem in entry["warnings"]]
            if entry["reviewed"]:
                reviews[source.doc_id] = entry["reviewed"]
            yield Hit(entry["result"], entry[LINES])
            continue
        noted: list = []
        doc = parse_source(source, noted, today)
        warnings += noted
        if doc.meta.get("reviewed"):
            reviews[doc.doc_id] = doc.meta["reviewed"]
        yield Miss(doc, path, {"warnings": [w.problem for w in noted], "reviewed": doc.meta.get("reviewed")})


def resolver(function, tables, rows_read):
    """The function that turns through_cache's items into results: a Hit's from its
    entry, a Miss extracted by `function(doc)` and stored. Each result has every one of
    `tables` prepared (under runs.LINES: sort keys and CSV lines, so rows are formatted
    once), and the tables named in `rows_read` as rows too (the only ones an entry keeps
    as rows). Picklable, so workers can run it."""
    return partial(resolve, function, tuple(tables), tuple(rows_read))


def resolve(function, tables, rows_read, item):
    if isinstance(item, Hit):
        prepared = {
            name: ([tuple(map(tuple, k)) for k in keys], lines) for name, (keys, lines) in item.prepared.items()
        }
        return {**item.result, LINES: prepared}
    result = function(item.doc)
    prepared = {t.name: prepare(t, result[t.name]) for t in tables}
    names = {t.name for t in tables}
    kept = {k: v for k, v in result.items() if k in rows_read or k not in names}
    entry = {**item.noted, "result": kept, LINES: prepared}
    _write(item.entry, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return {**result, LINES: prepared}


def _entry(path: Path, today: str) -> dict | None:
    """The entry at `path`, or None when there is none or it cannot be used (damaged, or
    dated after today: the clock went back, so the sidecar must be checked again)."""
    try:
        entry = json.loads(path.read_bytes())
        published = entry["result"]["documents"][0]["published"]
        if (
            isinstance(entry["warnings"], list)
            and isinstance(entry[LINES], dict)
            and (published is None or published <= today)
        ):
            return entry
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        pass
    return None


def _write(path: Path, content: bytes) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError:  # a full disk or a read-only cache costs a re-extraction, nothing else
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
