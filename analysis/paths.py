"""Every path the project uses, resolved from the package so notebooks never depend on
the directory they run in."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# The book reads this folder; REPORT_DATA points a throwaway build at other tables.
DATA = Path(os.environ.get("REPORT_DATA", ROOT / "data")).resolve()
BOOK = ROOT / "book"
LEXICONS = Path(__file__).resolve().parent / "lexicons"


def display_path(path) -> str:
    """A path as shown in messages and tables: relative to the project or the working
    directory when possible, so no machine-specific prefix leaks into outputs. Never
    raises: a link loop, a deleted working directory or a name too long for the system
    still give something to show (the path as given when it is relative, else its name)."""
    if str(path) == "":
        return "''"  # an empty argument, which Path would turn into "."
    path = Path(path)
    try:  # links in the folders resolved, not the last name: a link is shown as itself
        last = path.name not in ("", ".", "..")
        resolved = Path(os.path.realpath(path.parent)) / path.name if last else Path(os.path.realpath(path))
    except (OSError, ValueError):
        return path.name if path.is_absolute() else path.as_posix()
    return _shown(resolved, (_cwd(), ROOT)) or path.name or path.as_posix()


def _shown(resolved: Path, bases) -> str | None:
    for base in bases:
        if base is not None and resolved.is_relative_to(base):
            return resolved.relative_to(base).as_posix()
    return None


def display_paths():
    """display_path for the many files of a few folders (the documents of a run): each
    folder is resolved and shown once, the working directory looked up once."""
    folders: dict[str, str | None] = {}  # None: shown by display_path itself
    bases = (_cwd(), ROOT)

    def show(path) -> str:
        path = Path(path)
        if path.name in ("", ".", ".."):
            return display_path(path)
        parent = os.fspath(path.parent)
        if parent not in folders:
            try:
                shown = _shown(Path(os.path.realpath(parent)), bases)
                folders[parent] = "" if shown is None else shown  # "": outside, shown by its name
            except (OSError, ValueError):
                folders[parent] = None
        shown = folders[parent]
        if shown is None:
            return display_path(path)
        return path.name if shown in ("", ".") else f"{shown}/{path.name}"

    return show


def _cwd() -> Path | None:
    try:
        return Path(os.path.realpath(os.getcwd()))
    except OSError:  # the working directory was deleted
        return None
