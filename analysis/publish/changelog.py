"""The changelog of the published figures: `make outputs REASON="..."` re-executes the
notebooks, compares what they show with their stored outputs (the drift report's
comparison) and appends one row per change to book/changes.csv, with the day, the commit
it was made on, the reason, and the chapter that shows the item. A refresh that changes
something needs a reason; one that changes nothing writes nothing."""

from __future__ import annotations

import csv
import datetime
import re
import subprocess
from pathlib import Path

from analysis.paths import ROOT
from analysis.publish.drift import Change
from analysis.publish.outputs import heading_before
from analysis.publish.site import Refused
from analysis.publish.toc import TOC, toc_pages
from analysis.report.changelog import LOG, LOG_COLUMNS

LOG_PAGE = "book/changes.ipynb"  # renders the log: re-executed after it, never logged itself


def make_id(text: str) -> str:
    """The id Sphinx gives a section with this heading (docutils' rule)."""
    from docutils.nodes import make_id as docutils_id

    return docutils_id(re.sub(r"[`*_{}]", "", text))


def page_texts(toc: Path = TOC) -> list[tuple[str, list[dict]]]:
    """Every page's markdown as cells (a .md page is one cell), in table-of-contents order."""
    import nbformat

    found = []
    for page in toc_pages(toc):
        md, nb = toc.parent / f"{page}.md", toc.parent / f"{page}.ipynb"
        if nb.is_file():
            cells = [c for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "markdown"]
        elif md.is_file():
            cells = [{"cell_type": "markdown", "source": md.read_text(encoding="utf-8")}]
        else:
            continue
        found.append((page, [dict(c) for c in cells]))
    return found


def _glue_patterns(key: str, notebook: str, same_page: bool) -> list[re.Pattern]:
    name, k = re.escape(Path(notebook).name), re.escape(key)
    patterns = [
        re.compile(rf"{name}::{k}(?![\w-])"),
        re.compile(rf"\{{glue(?::[\w-]+)?\}}[ \t]+{k}[ \t]*\n(?::[\w-]+:.*\n)*?:doc:[ \t]*{name}"),
    ]
    if same_page:
        patterns.append(re.compile(rf"\{{glue(?::[\w-]+)?\}}(?:`{k}(?::[^`]*)?`|[ \t]+{k}[ \t]*\n)"))
    return patterns


def _section_at(cells: list[dict], index: int, position: int) -> str:
    """The heading in force at `position` of markdown cell `index`."""
    head = dict(cells[index], source="".join(cells[index]["source"])[:position])
    return heading_before([*cells[:index], head], index)


def where_shown(change: Change, pages: list[tuple[str, list[dict]]]) -> tuple[str, str]:
    """(page, anchor) of the chapter that shows the changed item: a chart's own figure; a
    glued figure's first page pasting it (in table-of-contents order), else the section
    of its notebook that glues it; a table or other output its section."""
    page = change.notebook.removesuffix(".ipynb")
    if change.kind == "chart":
        return page, change.item
    if change.kind == "figure":
        for other, cells in pages:
            for pattern in _glue_patterns(change.item, change.notebook, other == page):
                for index, cell in enumerate(cells):
                    found = pattern.search("".join(cell["source"]))
                    if found:
                        return other, make_id(_section_at(cells, index, found.start()))
    return page, make_id(change.section)


def current_commit(repo: Path = ROOT) -> str:
    """The commit the refresh is made on (HEAD), or "" outside a git checkout."""
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def log_rows(changes: list[Change], reason: str, day: str, commit: str, pages) -> list[dict]:
    rows = []
    for c in changes:
        chapter, anchor = where_shown(c, pages)
        rows.append(
            {
                "date": day,
                "commit": commit,
                "notebook": c.notebook,
                "kind": c.kind,
                "item": c.item,
                "row": c.row,
                "column": c.column,
                "change": c.change,
                "old": c.old,
                "new": c.new,
                "chapter": chapter,
                "anchor": anchor,
                "reason": reason,
            }
        )
    return rows


def append(rows: list[dict], log: Path = LOG) -> None:
    """Append rows to the log, writing its header first when it is new; a log whose
    header is not LOG_COLUMNS is refused, not appended to."""
    log = Path(log)
    if log.is_file() and log.stat().st_size:
        with open(log, newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle), [])
        if header != LOG_COLUMNS:
            raise Refused(f"{log.name}: its header is not {','.join(LOG_COLUMNS)}")
        new = False
    else:
        new = True
    with open(log, "a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=LOG_COLUMNS, lineterminator="\n")
        if new:
            writer.writeheader()
        writer.writerows(rows)


def today() -> str:
    return datetime.datetime.now(datetime.UTC).date().isoformat()
