"""How the book shows things: tables (one HTML wrapper for every table, its cells
escaped so no markup from a document reaches the page, carrying its rows as data for the
drift report), text pasted into prose, glued figures, the data downloads and the
codebook."""

from __future__ import annotations

import html
import math
import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from analysis.paths import DATA, ROOT
from analysis.report.labels import column_label, figure_label
from analysis.report.load import package
from analysis.store import codebook

LONG_TABLE = 12  # rows from which a table gets a search box and sortable columns (_static/report-tables.js)
# The rows of a shown table as data, stored in its output's metadata in the notebook, so
# a drift is reported as rows added, removed or changed (analysis/publish/drift.py), not
# as HTML. Metadata, not a mime type of its own: myst-nb renders nothing of it (it would
# warn about an unknown type), and nbval, which compares the HTML, leaves metadata out.
TABLE_META = "report_table"
# Columns that identify a row on their own, tried in this order before any other.
ID_COLUMNS = ("tally_id", "check_id", "claim_id", "event_id", "statement_id", "doc_id")


def plain(value):
    """A numpy or pandas scalar as the Python value it holds, so no repr such as
    np.float64(1.43) reaches a page; missing values become empty text."""
    if value is None or (not isinstance(value, (str, list, tuple, dict)) and pd.isna(value)):
        return ""
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value


_SHORT = re.compile(r"\d{4}-\d{2}(-\d{2})?|[-+]?\d[\d,.]*%?|\d{1,2} [A-Z][a-z]{2} \d{4}")


def _nowrap(value) -> str:
    """Dates and numbers stay on one line ('2023-10-17' is not split at its hyphens)."""
    return ' class="report-nowrap"' if _SHORT.fullmatch(str(plain(value))) else ""


_LONG_TOKEN = re.compile(r"(\S{24,})")


def _breakable(text: str) -> str:
    """HTML-escape `text`, letting a long unbroken run (an address, a file path) wrap
    after its slashes, dots, dashes and underscores, and a run with none of those every
    20 characters, so no column is forced wider than the page; ordinary words are never
    broken."""
    out = []
    for i, piece in enumerate(_LONG_TOKEN.split(text)):
        if i % 2 == 0:
            out.append(html.escape(piece))
            continue
        parts = re.split(r"(?<=[/.\-_?=,:])(?=\w)", piece)
        if len(parts) == 1:
            parts = [piece[j : j + 20] for j in range(0, len(piece), 20)]
        out.append("<wbr>".join(html.escape(p) for p in parts))
    return "".join(out)


def _json_value(value):
    """A cell as JSON holds it exactly: text, integers, booleans and finite floats stay
    themselves; anything else (a date, inf) becomes its text."""
    value = plain(value)
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)


def _unique(frame: pd.DataFrame, columns: list[str]) -> bool:
    try:
        return bool(columns) and not frame.duplicated(subset=columns).any()
    except TypeError:  # an unhashable cell (a list): cannot key on it
        return False


def _is_text(frame: pd.DataFrame, column) -> bool:
    """A column of words (not numbers, not yes/no): what can name a row without being the
    figure that changes."""
    values = [plain(v) for v in frame[column]]
    return any(isinstance(v, str) and v != "" for v in values) and not any(
        isinstance(v, (bool, int, float)) for v in values
    )


def row_key(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """The columns that identify a row of `frame`: the first id column (ID_COLUMNS, then
    any other `*_id`) that is unique; else the first shown column of text that is (so a
    changed figure does not rename its row); else the shortest run of leading shown
    columns that is; else all of them. A key that is not unique still works: the drift
    report numbers repeats."""
    ids = [c for c in ID_COLUMNS if c in frame.columns] + [
        c for c in frame.columns if str(c).endswith("_id") and c not in ID_COLUMNS
    ]
    for column in ids + [c for c in columns if _is_text(frame, c)]:
        if _unique(frame, [column]):
            return [column]
    for n in range(1, len(columns) + 1):
        if _unique(frame, list(columns[:n])):
            return list(columns[:n])
    return list(columns)


def table_payload(
    frame: pd.DataFrame,
    columns: list[str],
    key: list[str],
    labels: dict[str, str] | None = None,
    role: str = "table",
    name: str | None = None,
) -> dict:
    """The table as data (TABLE_META): its columns (the shown ones, then any hidden key
    column, listed in `hidden`), their headings, the columns that identify a row, and
    every row in order.
    `role` says what shows it: a table, a chart's plotted table, or the table of glued
    figures (whose values the glue records already carry)."""
    labels = labels or {}
    shown = list(columns) + [c for c in key if c not in columns]
    return {
        "role": role,
        "name": name,
        "columns": [str(c) for c in shown],
        "labels": [labels.get(c) or column_label(c) for c in shown],
        "key": [str(c) for c in key],
        "hidden": [str(c) for c in shown if c not in columns],
        "rows": [[_json_value(v) for v in row] for row in frame[shown].itertuples(index=False, name=None)],
    }


class Shown:
    """A table as the book shows it: HTML-escaped cells, no index, empty cells blank,
    readable column names, inside a container that scrolls sideways on a phone.

    `links` maps a shown column to the (hidden) column holding its link target: an
    internal page (`references.html#doc-...`) or an http(s) address; any other address
    stays text. `url_column` (with `text_column` for the link text) shows a column of
    web addresses as links. `row_ids=(kind, column)` gives each row an id that prose and
    charts link to. Columns ending in `_href` are never shown. `key` names the columns
    that identify a row (default: the row-id column, else `row_key`); `role` is carried in
    the table's data (see table_payload)."""

    def __init__(
        self,
        frame,
        url_column: str | None = None,
        text_column: str | None = None,
        links: dict[str, str] | None = None,
        row_ids: tuple[str, str] | None = None,
        labels: dict[str, str] | None = None,
        hidden: tuple[str, ...] = (),
        key: tuple[str, ...] | None = None,
        role: str = "table",
    ):
        frame = frame.reset_index(drop=True).astype(object)
        self.frame = frame.where(frame.notna(), "")
        self.url_column, self.text_column = url_column, text_column
        self.links = dict(links or {})
        if "document" in self.frame.columns and "document_href" in self.frame.columns:
            self.links.setdefault("document", "document_href")
        self.row_ids, self.labels, self.hidden = row_ids, labels or {}, set(hidden)
        self.key = list(key) if key else [row_ids[1]] if row_ids else None
        self.role = role

    def columns(self) -> list[str]:
        hidden = {self.text_column, *self.links.values(), *self.hidden}
        return [c for c in self.frame.columns if c not in hidden and not str(c).endswith("_href")]

    def _link(self, url, text) -> str:
        url, text = str(url), str(text)
        parts = urlsplit(url)
        if not url or (parts.scheme and parts.scheme not in ("http", "https")):
            return html.escape(text or url)
        external = ' rel="noopener nofollow"' if parts.scheme else ""
        shown = text or (parts.hostname if parts.scheme else "") or url
        return f'<a href="{html.escape(url, quote=True)}"{external}>{html.escape(shown)}</a>'

    def _cell(self, row, column) -> str:
        value = plain(row[column])
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, float) and value.is_integer():
            value = int(value)  # a count in a column that also holds blanks: 10, not 10.0
        if column == self.url_column:
            return self._link(value, row[self.text_column] if self.text_column else "")
        if column in self.links:
            return self._link(row[self.links[column]], value)
        return _breakable(str(value))

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        """No data of its own (IPython adds _repr_html_ and __repr__); the rows as metadata."""
        columns = self.columns()
        key = self.key or row_key(self.frame, columns)
        return {}, {TABLE_META: table_payload(self.frame, columns, key, self.labels, self.role)}

    def _repr_html_(self) -> str:
        columns = self.columns()
        head = "".join(f"<th>{html.escape(self.labels.get(c) or column_label(c))}</th>" for c in columns)
        body = []
        for _, row in self.frame.iterrows():
            row_id = ""
            if self.row_ids:
                from analysis.report.docref import anchor

                row_id = f' id="{html.escape(anchor(self.row_ids[0], row[self.row_ids[1]]), quote=True)}"'
            cells = "".join(f"<td{_nowrap(row[c])}>{self._cell(row, c)}</td>" for c in columns)
            body.append(f"<tr{row_id}>{cells}</tr>")
        long = " report-table-long" if len(self.frame) >= LONG_TABLE else ""
        return (
            f'<div class="report-table-wrap"><table class="report-table{long}">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        shown = self.frame[self.columns()].rename(columns=lambda c: self.labels.get(c) or column_label(c))
        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            return shown.to_string(index=False, na_rep="")


def show(frame, url_column: str | None = None, text_column: str | None = None, **options) -> Shown:
    return Shown(frame, url_column, text_column, **options)


def markdown(text: str):
    """Text pasted into prose with {glue:md}; escaped so a document's words stay words."""
    from IPython.display import Markdown

    escaped = "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|$:~&" else ch for ch in str(text))
    return Markdown(escaped)


class Html:
    """A block of HTML built by the report (escaped where it quotes a document), pasted
    with the {glue} directive or shown as a cell's output."""

    def __init__(self, body: str, text: str):
        self.body, self.text = body, text

    def _repr_html_(self) -> str:
        return self.body

    def __repr__(self) -> str:
        return self.text


def figures_table(figures: dict) -> Shown:
    """Every glued figure as a table shown under the glue cell, so nbval compares each
    value; the figure is named in words, not by its glue key."""
    frame = pd.DataFrame(
        {"figure": [figure_label(k) for k in figures], "value": [str(plain(v)) for v in figures.values()]}
    )
    return show(frame, labels={"figure": "Figure", "value": "Value"}, key=("figure",), role="figures")


def glue_all(figures: dict) -> Shown:
    """Glue every figure under its name (for the prose) and return the table of them all."""
    from myst_nb import glue

    for key, value in figures.items():
        glue(key, plain(value), display=False)
    return figures_table(figures)


def downloads_markdown(data: Path = DATA):
    """A download link per table, from the data package (nothing typed twice)."""
    from IPython.display import Markdown

    # Root-relative link; a throwaway book (REPORT_DATA elsewhere) keeps its data/ beside it.
    rel = data.relative_to(ROOT).as_posix() if data.is_relative_to(ROOT) else data.name
    lines = ["| file | rows | what it holds |", "|---|---|---|"]
    for resource in package(data)["resources"]:
        rows = max(0, (data / resource["path"]).read_text(encoding="utf-8").count("\n") - 1)
        lines.append(
            f"| {{download}}`{resource['path']} </{rel}/{resource['path']}>` | {rows} | {resource.get('title', '')} |"
        )
    lines.append(
        f"| {{download}}`datapackage.json </{rel}/datapackage.json>` | | the data package: every table's schema |"
    )
    return Markdown("\n".join(lines))


def codebook_markdown(data: Path = DATA):
    from IPython.display import Markdown

    return Markdown(codebook.render(package(data), heading_level=2))
