"""Which files a run reads: the .txt documents named on the command line, or found in a
named folder.

Links: a file named on the command line is read wherever it points, since the user chose
it. A link found inside an input folder is followed only when it stays inside that folder,
so a published table can never carry a file from elsewhere on the machine (a link to
/etc/passwd among the documents is skipped with a warning naming the link).

Names are text decoded as UTF-8 whatever the locale says: document ids go into UTF-8
tables, and with `LC_ALL=C PYTHONUTF8=0` Python decodes file names as ASCII.
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis.text.errors import InputError, InputWarning, os_problem


def real(path) -> Path:
    """The path with every link resolved (never raises on loops, unlike Path.resolve)."""
    return Path(os.path.realpath(path))


class Resolver:
    """`real` for the many files of a few folders: each folder's links are resolved once
    (a file that is not itself a link resolves to its folder's real path and its name),
    so a run over thousands of documents does not walk the same folders thousands of
    times. One per run: a folder's links do not change while it is listed and read."""

    def __init__(self):
        self._folders: dict[str, str] = {}

    def folder(self, path) -> str:
        key = os.fspath(path)
        found = self._folders.get(key)
        if found is None:
            found = self._folders[key] = os.path.realpath(key)
        return found

    def file(self, path) -> str:
        """os.path.realpath(path), as text."""
        path = Path(path)
        if path.name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        return os.path.join(self.folder(path.parent), path.name)


def within(path: str, folder: str) -> bool:
    """Path.is_relative_to for resolved paths as text, without pathlib's parsing."""
    return path == folder or path.startswith(folder if folder.endswith("/") else folder + "/")


def is_inside(path, folder) -> bool:
    """True when `path`, links resolved, is `folder` or lies under it."""
    return real(path).is_relative_to(real(folder))


def utf8_name(name) -> str:
    """A path as text, its bytes decoded as UTF-8 (UnicodeDecodeError if they are not)."""
    return os.fsencode(name).decode("utf-8")


def _kind(path: Path) -> str | None:
    """'folder', 'file', 'other', or None when nothing is there; an OSError on the way
    (a name too long, a link loop, a folder that cannot be entered) is bad input."""
    try:
        if path.is_dir():
            return "folder"
        if path.is_file():
            return "file"
        os.stat(path)  # is_dir and is_file say False for a link loop; stat says why
        return "other"
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(path, f"cannot open it ({os_problem(exc)})") from None
    except ValueError:  # an embedded NUL byte
        raise InputError(path, "not a valid path") from None


def _folder_documents(folder: Path, warnings: list[str]) -> list[Path]:
    """The folder's *.txt files, sorted; links that leave the folder are skipped."""
    try:
        entries = sorted((e.name, e) for e in os.scandir(folder) if e.name.endswith(".txt"))
    except OSError as exc:
        raise InputError(folder, f"cannot list the folder ({os_problem(exc)})") from None
    found = []
    base = real(folder)
    for name, entry in entries:
        path = folder / name
        try:  # a plain file, as the listing already says (no system call): the common case
            if entry.is_file(follow_symlinks=False):
                found.append(path)
                continue
        except OSError:
            pass
        if path.is_symlink() and not real(path).is_relative_to(base):
            warnings.append(InputWarning(path, "a link to a file outside its folder; skipped (not followed)"))
            continue
        try:
            if path.is_file():
                found.append(path)
            elif path.is_symlink() and not path.exists():
                os.stat(path)  # a loop raises; a dangling link is just not a document
        except FileNotFoundError:
            continue
        except OSError as exc:
            warnings.append(InputWarning(path, f"cannot open it ({os_problem(exc)}); skipped"))
    return found


def list_inputs(inputs, warnings: list[str] | None = None) -> list[Path]:
    """Expand folders to their *.txt files (sorted); refuse paths that do not exist.
    A file named twice (as itself and through its folder) is read once."""
    warnings = warnings if warnings is not None else []
    files: list[Path] = []
    for item in inputs:
        if str(item) == "":
            raise InputError("", "an empty argument is not a file or folder")
        path = Path(item)
        kind = _kind(path)
        if kind == "folder":
            found = _folder_documents(path, warnings)
            if not found:
                raise InputError(path, "folder has no .txt documents")
            files.extend(found)
        elif kind == "file":
            if path.suffix != ".txt":
                raise InputError(path, "not a .txt document")
            files.append(path)
        elif kind == "other":
            raise InputError(path, "not a regular file or folder")
        else:
            raise InputError(path, "no such file or folder")
    if not files:
        raise InputError(None, "no documents given")
    resolver = Resolver()
    reals = [resolver.file(p) for p in files]
    unique = {r: p for r, p in zip(reversed(reals), reversed(files))}
    return [p for r, p in zip(reals, files) if unique[r] is p]
