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


def display_path(path: Path) -> str:
    """A path as shown in messages and tables: relative to the project or the working
    directory when possible, so no machine-specific prefix leaks into outputs."""
    path = Path(path)
    for base in (Path.cwd(), ROOT):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.name
