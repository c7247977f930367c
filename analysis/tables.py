"""Table schemas, CSV serialization and the all-or-nothing writer of the output folder.

Each extractor module declares its own `TABLE`; this module turns rows into sorted,
byte-stable CSV, describes every table in a Frictionless Data Package, validates the
files against it, and only then swaps the new folder in place of the old one.
"""
from __future__ import annotations

import contextlib
import csv
import ctypes
import errno
import fcntl
import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless type: string, integer, number, date, boolean
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None

    def descriptor(self) -> dict:
        out = {"name": self.name, "type": self.type, "description": self.description}
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    sort_key: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def resource(self, content: bytes) -> dict:
        return {
            "name": self.name,
            "path": self.path,
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(content),
            "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
            "schema": {
                "fields": [f.descriptor() for f in self.fields],
                "primaryKey": list(self.primary_key),
                "missingValues": [""],
            },
        }


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
    for row in ordered:
        unknown = set(row) - set(table.columns)
        if unknown:
            raise ValueError(f"{table.name}: row has columns not in the schema: {sorted(unknown)}")
        writer.writerow([_cell(row.get(c)) for c in table.columns])
    return buffer.getvalue().encode("utf-8")


def datapackage(tables: list[Table], contents: dict[str, bytes], extra_resources: list[dict] = ()) -> dict:
    return {
        "profile": "data-package",
        "name": "us-forces-iraq-syria-report",
        "title": "Attacks on US forces in Iraq and Syria, and the stated reasons for the US presence: tables extracted from news documents",
        "description": (
            "Written by `python -m analysis extract`; never edited by hand. Every extracted row carries "
            "`doc_id`, `start` and `end` such that the document text sliced at [start:end] is its evidence."
        ),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}],
        "sources": [{"title": "Source documents in seeds/, listed in documents.csv with URL and SHA-256"}],
        "resources": [t.resource(contents[t.name]) for t in tables] + list(extra_resources),
    }


# --- all-or-nothing replacement of the output folder -------------------------------

_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD = -100
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP if hasattr(errno, "EOPNOTSUPP") else errno.EINVAL):
        return False
    raise OSError(err, os.strerror(err), str(a))


@contextlib.contextmanager
def locked(parent: Path):
    """Serialize concurrent runs writing into the same parent folder."""
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _check_target(out: Path) -> None:
    """Refuse targets whose replacement would lose something: a file, or a folder that
    is not a previous output (no datapackage.json), such as `--out seeds` or `--out .`."""
    if not out.name:
        raise IsADirectoryError(errno.EISDIR, "refusing to replace a filesystem root", str(out))
    for ancestor in out.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, f"{ancestor.name} is a file, not a folder", str(ancestor))
            break
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "it exists and is not a folder", str(out))
    if out.is_dir() and any(out.iterdir()) and not (out / "datapackage.json").is_file():
        reason = "it holds files but no datapackage.json, so it is not a previous output; refusing to replace it"
        raise FileExistsError(errno.EEXIST, reason, str(out))
    if (out.parent.exists() and not os.access(out.parent, os.W_OK)) or (out.exists() and not os.access(out, os.W_OK)):
        raise PermissionError(errno.EACCES, "not writable", str(out))


def _clean_stale(out: Path) -> None:
    """Remove what a killed run left behind (called under the lock, so no live run owns
    it); if a kill fell between the two renames of the fallback swap, put the old folder back."""
    parent = out.parent
    for backup in sorted(parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime, reverse=True):
        if not out.exists():
            os.rename(backup, out)
        else:
            shutil.rmtree(backup, ignore_errors=True)
    for stale in parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_folder(out: Path, files: dict[str, bytes], validate=None) -> None:
    """Write `files` (relative path -> bytes) as the new content of `out`.

    The files go to a hidden sibling `.OUT.tmp-*` first, are validated there, and the
    folder is swapped in with one atomic rename, so a failure or a kill at any point
    leaves `out` exactly as it was. A lock on the parent serializes concurrent runs, so
    the folder always holds one run's files.
    """
    out = Path(os.path.realpath(out))  # a symlinked --out replaces its target, not the link
    _check_target(out)
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    with locked(parent):
        _check_target(out)  # again: a concurrent run may have changed it while we waited
        _clean_stale(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
        try:
            for rel, content in sorted(files.items()):
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
            if validate is not None:
                validate(staging)
            os.chmod(staging, 0o755)
            if out.exists():
                if not _exchange(staging, out):
                    backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=parent))
                    os.rmdir(backup)
                    os.rename(out, backup)
                    os.rename(staging, out)
                    staging = backup
            else:
                os.rename(staging, out)
                staging = None
            _fsync_dir(parent)
        finally:
            if staging is not None and staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


def json_bytes(obj) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
