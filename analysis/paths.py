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
    for base in (_cwd(), ROOT):
        if base is not None and resolved.is_relative_to(base):
            return resolved.relative_to(base).as_posix()
    return path.name or path.as_posix()


def _cwd() -> Path | None:
    try:
        return Path(os.path.realpath(os.getcwd()))
    except OSError:  # the working directory was deleted
        return None
