"""How the book shows things: tables (one HTML wrapper for every table, its cells
escaped so no markup from a document reaches the page), text pasted into prose, glued
figures, the data downloads and the codebook."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from analysis.paths import DATA, ROOT
from analysis.report.load import package
from analysis.store import codebook


class Shown:
    """A table as the book shows it: HTML-escaped cells, no index, empty cells blank, long
    text wrapping (see _static). With `url_column`, that column's http(s) addresses become
    links whose text is `text_column` (not shown as a column) or else the site's host name;
    any other address stays text."""

    def __init__(self, frame, url_column: str | None = None, text_column: str | None = None):
        frame = frame.reset_index(drop=True).astype(object)
        self.frame = frame.where(frame.notna(), "")
        self.url_column, self.text_column = url_column, text_column

    def _link(self, url, text) -> str:
        url = str(url)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return html.escape(url)
        label = html.escape(str(text) if text else parts.hostname or url)
        return f'<a href="{html.escape(url, quote=True)}" rel="noopener nofollow">{label}</a>'

    def _repr_html_(self) -> str:
        if self.url_column is None:
            return self.frame.to_html(index=False, escape=True, classes="report-table", border=0)
        columns = [c for c in self.frame.columns if c != self.text_column]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
        body = []
        for _, row in self.frame.iterrows():
            text = row[self.text_column] if self.text_column else ""
            cells = [self._link(row[c], text) if c == self.url_column else html.escape(str(row[c])) for c in columns]
            body.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        return f'<table class="report-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            return self.frame.to_string(index=False, na_rep="")


def show(frame, url_column: str | None = None, text_column: str | None = None) -> Shown:
    return Shown(frame, url_column, text_column)


def markdown(text: str):
    """Text pasted into prose with {glue:md}; escaped so a document's words stay words."""
    from IPython.display import Markdown

    escaped = "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|$:~&" else ch for ch in text)
    return Markdown(escaped)


def figures_table(figures: dict) -> Shown:
    """Every glued figure as a table shown under the glue cell, so nbval compares each value."""
    return show(pd.DataFrame({"figure": list(figures), "value": [str(v) for v in figures.values()]}))


def glue_all(figures: dict) -> Shown:
    """Glue every figure under its name (for the prose) and return the table of them all."""
    from myst_nb import glue

    for key, value in figures.items():
        glue(key, value, display=False)
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
