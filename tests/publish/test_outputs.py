"""What a notebook shows, read back from its stored outputs (analysis/publish/outputs.py)."""

import numpy as np

from analysis.publish.outputs import notebook_items
from analysis.report.display import figures_table
from tests.publish.notebook_outputs import glued, notebook, plotted, shown, table


def test_items_are_named_by_glue_name_chart_id_and_section_in_reading_order():
    nb = notebook(
        ("# Tallies", [glued("attacks_total", 130), shown(figures_table({"attacks_total": np.int64(130)}))]),
        ("## The counts", [plotted([{"tally_id": "d:1", "value": 130}], name="fig-counts")]),
        ("## The ledger", [table([{"tally_id": "d:1", "value": 130}]), table([{"tally_id": "d:1", "value": 1}])]),
    )
    items = notebook_items(nb.cells)
    # the table of glued figures is left out: each figure is compared as its glue record
    assert list(items) == [
        ("figure", "attacks_total"),
        ("chart", "fig-counts"),
        ("table", "The ledger"),
        ("table", "The ledger (2)"),
    ]
    assert items[("figure", "attacks_total")].text == "130"
    assert items[("chart", "fig-counts")].table["rows"] == [["d:1", 130]]
    assert items[("table", "The ledger")].section == "The ledger"
