"""The pytest plugin that words nbval's failures (analysis/publish/nbval_drift.py): one
failed cell's stored and fresh outputs compared as data, named as in the whole notebook."""

from analysis.publish.drift import Change, render
from analysis.publish.nbval_drift import cell_drift
from tests.publish.notebook_outputs import notebook, table


def test_a_failed_cell_is_compared_as_rows_and_named_as_in_its_notebook():
    nb = notebook(
        ("## The ledger", [table([{"tally_id": "d:1", "value": 5}])]),
        ("## The ledger", [table([{"tally_id": "d:1", "value": 7}])]),
    )
    fresh = [table([{"tally_id": "d:1", "value": 8}])]
    found = cell_drift("book/x.ipynb", nb.cells, 3, nb.cells[3].outputs, fresh)
    assert found["cell"] == "book/x.ipynb, the code cell under 'The ledger'"
    [change] = [Change(**c) for c in found["changes"]]
    assert (change.item, change.row, change.old, change.new) == ("The ledger (2)", "Tally id: d:1", "7", "8")
    assert 'table "The ledger (2)": 1 row changed' in render([change])


def test_a_cell_that_differs_only_in_how_it_is_drawn_is_listed_apart():
    nb = notebook(("## Counts", [table([{"tally_id": "d:1", "value": 5}])]))
    found = cell_drift("book/x.ipynb", nb.cells, 1, nb.cells[1].outputs, nb.cells[1].outputs)
    assert found["changes"] == []
    text = render([], [found["cell"]])
    assert "differ only in how they are drawn" in text and "book/x.ipynb, the code cell under 'Counts'" in text
