"""A per-document cache of extraction results, so a rebuild after adding one document
re-extracts that document only.

An entry is keyed by everything the result depends on: the document's id, shown path,
text (its sha256) and parsed sidecar, and a fingerprint of the package (every .py and
.yml under analysis/, lexicons included, and the Python version). Any change to the code
or the rules changes the fingerprint, so every entry misses; entries of other
fingerprints are removed when a run opens the cache, so it holds one version. Entries are
JSON written all-or-nothing (a concurrent reader sees a whole entry or none); the cache
lives under _build/, never in data/, and deleting it only costs time."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # analysis/


def fingerprint(root: Path | None = None) -> str:
    """sha256 of every source and rule file of the package, by relative path."""
    root = Path(root or PACKAGE_ROOT)
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yml") and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def entry_key(doc) -> str:
    meta = json.dumps(doc.meta, sort_keys=True, default=str, ensure_ascii=False)
    parts = (doc.doc_id, doc.path, doc.sha256, meta)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


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


def cached(function, folder: Path):
    """`function(doc)` through the cache in `folder` (from open_cache); picklable, so
    local workers can run it."""
    return partial(_through, function, Path(folder))


def _through(function, folder: Path, doc):
    path = folder / f"{entry_key(doc)}.json"
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        pass
    result = function(doc)
    _write(path, json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return result


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
