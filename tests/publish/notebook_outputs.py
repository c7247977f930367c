"""Small synthetic notebooks for the drift and changelog tests: cells whose outputs are
what IPython and myst-nb's glue store for the book's display objects, built without a
kernel so the tests stay fast."""

from __future__ import annotations

import nbformat
import pandas as pd
from IPython.core.formatters import DisplayFormatter

from analysis.publish.outputs import GLUE_PREFIX
from analysis.report.charts.svg import chart
from analysis.report.display import show


def shown(obj) -> dict:
    """The execute_result a code cell ending in `obj` stores."""
    data, metadata = DisplayFormatter().format(obj)
    return nbformat.v4.new_output("execute_result", data=data, metadata=metadata, execution_count=1)


def glued(name: str, value) -> dict:
    """What `glue(name, value, display=False)` stores: the value's repr under the glue prefix."""
    return nbformat.v4.new_output(
        "display_data",
        data={GLUE_PREFIX + "text/plain": repr(value)},
        metadata={"scrapbook": {"mime_prefix": GLUE_PREFIX, "name": name}},
    )


def table(rows: list[dict], **kwargs) -> dict:
    return shown(show(pd.DataFrame(rows), **kwargs))


def plotted(rows: list[dict], name: str = "fig-counts", fig="An SVG would be drawn here.") -> dict:
    """A chart's output; `fig` a sentence stands in for the figure (the no-chart case
    draws no SVG, so the tests need no fonts)."""
    return shown(chart(fig, pd.DataFrame(rows), name, "alt text", "A caption.", "a source"))


def notebook(*cells: tuple[str, list[dict]]) -> nbformat.NotebookNode:
    """A notebook of (markdown heading, outputs of the code cell under it) pairs."""
    nb = nbformat.v4.new_notebook()
    for heading, outputs in cells:
        nb.cells.append(nbformat.v4.new_markdown_cell(heading))
        code = nbformat.v4.new_code_cell("shown")
        code.outputs = outputs
        nb.cells.append(code)
    return nb
