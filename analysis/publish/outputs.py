"""What a notebook shows, read back from its outputs as data rather than rendered bytes:
each glued figure by its glue name, each chart by its id with the table it plotted, each
shown table by the section it stands in, with its rows (the table payload that
analysis/report/display.py stores in the output's metadata). The drift report and the changelog
compare these, so a changed count reads `77 -> 76`, not as two HTML strings."""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass

from analysis.report.display import TABLE_META

GLUE_PREFIX = "application/papermill.record/"
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_CHART_ID = re.compile(r'class="report-(?:no-)?chart"\s+id="([^"]+)"')
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# The table of glued figures as stored before tables carried their rows (its role).
_FIGURES_HEAD = "<thead><tr><th>Figure</th><th>Value</th></tr></thead>"


@dataclass(frozen=True)
class Item:
    """One thing a notebook shows. `kind` is figure (a glued value), chart, table or
    output (anything else a cell shows: markdown, a bibliography, printed text); `text`
    is what a reader sees as text, `table` the rows when the output carries them, and
    `section` the heading the output stands under (where the book links to it)."""

    kind: str
    name: str
    text: str
    table: dict | None
    section: str


def heading_before(cells, index: int) -> str:
    """The last markdown heading at or before cell `index` (the notebook's title when the
    output stands before any section), or "" for a notebook without one."""
    for cell in reversed(cells[: index + 1]):
        if cell.get("cell_type") == "markdown":
            found = _HEADING.findall(_source(cell))
            if found:
                return found[-1]
    return ""


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def shown_text(data: dict) -> str:
    """Markdown when the output has it, else its plain text; a glued string's repr
    ('12 January 2024' with its quotes) is read back as the string."""
    if "text/markdown" in data:
        return _joined(data["text/markdown"])
    text = _joined(data.get("text/plain", ""))
    if len(text) >= 2 and text[0] in "'\"" and text[-1] == text[0]:
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        if isinstance(value, str):
            return value
    return text


def chart_text(html: str) -> str:
    """What a reader sees of a chart besides its drawing: the sentence that stands in for
    it, its caption and source, as text (the SVG is compared through its table)."""
    import html as html_lib

    return " ".join(html_lib.unescape(_TAG.sub(" ", _SVG.sub(" ", html))).split())


def _output_item(output, section: str) -> Item | None:
    kind = output.get("output_type")
    if kind == "stream":
        name = f"{section}: {output.get('name', 'stream')}"
        return Item("output", name, _joined(output.get("text", "")), None, section)
    if kind == "error":
        return Item("output", f"{section}: error", f"{output.get('ename')}: {output.get('evalue')}", None, section)
    data = dict(output.get("data", {}))
    metadata = output.get("metadata") or {}
    table = metadata.get(TABLE_META)
    glued = metadata.get("scrapbook", {}).get("name")
    if glued:
        data = {k.removeprefix(GLUE_PREFIX): v for k, v in data.items()}
        return Item("figure", glued, shown_text(data), table, section)
    html = _joined(data.get("text/html", ""))
    role = (table or {}).get("role")
    if role == "figures" or (table is None and _FIGURES_HEAD in html):
        return None  # the table of glued figures: each figure is compared as its glue record
    chart = (table or {}).get("name") if role == "chart" else None
    if chart is None and table is None:
        found = _CHART_ID.search(html)
        chart = found.group(1) if found else None
    if chart:
        return Item("chart", chart, chart_text(html) or shown_text(data), table, section)
    if table is not None or 'class="report-table-wrap"' in html:
        return Item("table", section, shown_text(data), table, section)
    return Item("output", section, shown_text(data), None, section)


def cell_items(outputs, section: str, taken: Counter | None = None) -> list[Item]:
    """The items of one cell's outputs. `taken` counts the names already used in the
    notebook: a second table under the same heading is named "<heading> (2)"."""
    taken = Counter() if taken is None else taken
    found = []
    for output in outputs:
        item = _output_item(output, section)
        if item is None:
            continue
        taken[(item.kind, item.name)] += 1
        if taken[(item.kind, item.name)] > 1:
            item = Item(item.kind, f"{item.name} ({taken[(item.kind, item.name)]})", item.text, item.table, section)
        found.append(item)
    return found


def notebook_items(cells) -> dict[tuple[str, str], Item]:
    """Every item the code cells of a notebook show, by (kind, name), in reading order."""
    taken: Counter = Counter()
    items: dict[tuple[str, str], Item] = {}
    for index, cell in enumerate(cells):
        if cell.get("cell_type") == "code":
            for item in cell_items(cell.get("outputs", []), heading_before(cells, index), taken):
                items[(item.kind, item.name)] = item
    return items


def names_before(cells, index: int) -> Counter:
    """The names the code cells before `index` use (so one cell's items, read alone, are
    named as in the whole notebook)."""
    taken: Counter = Counter()
    for i, cell in enumerate(cells[:index]):
        if cell.get("cell_type") == "code":
            cell_items(cell.get("outputs", []), heading_before(cells, i), taken)
    return taken
