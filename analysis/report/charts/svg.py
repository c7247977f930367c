"""Charts as linked evidence: the figure written as SVG text (crisp at any zoom, and text
that nbval can compare), each plotted mark carrying a tooltip (its figure, day and
document) and a link to its evidence, and under the chart a link to download the table
it plotted as CSV. A chart with nothing to show is a sentence instead.

The SVG is made deterministic (fixed hash salt in style.STYLE, no date or creator in its
metadata) and its ids are prefixed with the chart's name, so several charts inline on
one page cannot collide."""

from __future__ import annotations

import html
import io
import re
import urllib.parse
import xml.etree.ElementTree as ET

import pandas as pd
from matplotlib.figure import Figure

from analysis.report.display import TABLE_META, row_key, table_payload

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


def tag(artist, tip: str, href: str | None = None) -> None:
    """Give a plotted mark its tooltip and the page it links to (its evidence)."""
    fig = artist.get_figure(root=True) if hasattr(artist, "get_figure") else artist.figure
    marks = fig.__dict__.setdefault("report_marks", {})
    gid = f"mark{len(marks)}"
    artist.set_gid(gid)
    marks[gid] = (tip, href)


def _svg_text(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def svg_markup(fig: Figure, name: str, alt: str) -> str:
    """The figure as inline SVG: tooltips and links on the tagged marks, ids prefixed
    with `name`, no <style> element (the page's CSS styles it), sized by the page."""
    ET.register_namespace("", SVG_NS)  # write <svg>, not <ns0:svg>
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(_svg_text(fig))
    marks = fig.__dict__.get("report_marks", {})
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in list(root.iter()):
        gid = element.get("id")
        if gid in marks:
            tip, href = marks[gid]
            title = ET.Element(f"{{{SVG_NS}}}title")
            title.text = tip
            element.insert(0, title)
            element.set("class", "report-mark")
            if href:
                parent = parents[element]
                link = ET.Element(f"{{{SVG_NS}}}a", {"href": href})
                parent.insert(list(parent).index(element), link)
                parent.remove(element)
                link.append(element)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{{{SVG_NS}}}style" or child.tag == f"{{{SVG_NS}}}metadata":
                parent.remove(child)
    width = root.get("width", "")
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None)
    root.set("class", "report-svg")
    root.set("role", "img")
    root.set("aria-label", alt)
    root.set("preserveAspectRatio", "xMinYMin meet")
    root.set("style", f"max-width: {width}" if width else "")
    text = ET.tostring(root, encoding="unicode")
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", name) + "-"

    def rename(match: re.Match) -> str:
        return match.group(1) + prefix + match.group(2) + match.group(3)

    text = re.sub(r'(\bid=")([^"]+)(")', lambda m: rename(m) if m.group(2) in ids else m.group(0), text)
    text = re.sub(r'(href="#)([^"]+)(")', lambda m: rename(m) if m.group(2) in ids else m.group(0), text)
    return re.sub(r"(url\(#)([^)]+)(\))", lambda m: rename(m) if m.group(2) in ids else m.group(0), text)


def csv_link(table: pd.DataFrame, name: str) -> str:
    """A link that downloads the plotted table as CSV, carried in the page itself (a
    data: address), so it works offline and from a copy of the site."""
    clean = table.drop(columns=[c for c in table.columns if str(c).endswith("_href")], errors="ignore")
    text = clean.to_csv(index=False, lineterminator="\n")
    href = "data:text/csv;charset=utf-8," + urllib.parse.quote(text, safe="")
    rows = len(clean)
    return (
        f'<a class="report-chart-data" download="{html.escape(name)}.csv" href="{href}">'
        f"Download this chart's data (CSV, {rows} row{'s' if rows != 1 else ''})</a>"
    )


class Chart:
    """What a notebook shows for a chart: the SVG, its caption and source, the CSV link;
    or, when `fig` is a sentence (nothing worth drawing), that sentence and the link."""

    def __init__(self, fig, table: pd.DataFrame, name: str, alt: str, caption: str, source: str):
        self.fig, self.table, self.name = fig, table, name
        self.alt, self.caption, self.source = alt, caption, source

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        """The plotted table as data in the output's metadata, for the drift report (nbval
        compares a chart through its CSV link: the SVG's bytes depend on the machine)."""
        table = self.table.reset_index(drop=True).astype(object)
        table = table.where(table.notna(), "")
        columns = [c for c in table.columns if not str(c).endswith("_href")]
        return {}, {TABLE_META: table_payload(table, columns, row_key(table, columns), role="chart", name=self.name)}

    def _repr_html_(self) -> str:
        link = csv_link(self.table, self.name)
        note = f"{html.escape(self.caption)} Source: {html.escape(self.source)}"
        if isinstance(self.fig, str):
            return (
                f'<div class="report-no-chart" id="{html.escape(self.name)}"><p>{html.escape(self.fig)}</p>'
                f'<p class="report-chart-note">{note} {link}</p></div>'
            )
        return (
            f'<figure class="report-chart" id="{html.escape(self.name)}">'
            f"{svg_markup(self.fig, self.name, self.alt)}"
            f"<figcaption>{note}<br>{link}</figcaption></figure>"
        )

    def __repr__(self) -> str:
        what = self.fig if isinstance(self.fig, str) else f"chart {self.name}: {self.alt}"
        return f"{what} ({len(self.table)} rows plotted)"


def chart(fig, table: pd.DataFrame, name: str, alt: str, caption: str, source: str) -> Chart:
    return Chart(fig, table, name, alt, caption, source)
