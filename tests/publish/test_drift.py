"""The drift report (analysis/publish/drift.py): what a notebook shows now against its
stored outputs, in words: a glued figure old -> new, a table's rows added, removed or
changed, a chart through the table it plotted, and the changed figures last."""

from analysis.publish.drift import compare, render
from analysis.publish.outputs import notebook_items
from tests.publish.notebook_outputs import glued, notebook, plotted, table

NB = "book/example.ipynb"


def changes(stored, fresh):
    return compare(notebook_items(stored.cells), notebook_items(fresh.cells), NB)


def test_a_changed_glued_figure_is_named_with_its_old_and_new_value_and_closes_the_report():
    stored = notebook(("# Tallies", [glued("attacks_in_syria", 41), glued("attacks_in_iraq", 12)]))
    fresh = notebook(("# Tallies", [glued("attacks_in_syria", 40), glued("attacks_in_iraq", 13)]))
    found = changes(stored, fresh)
    assert [(c.kind, c.item, c.old, c.new) for c in found] == [
        ("figure", "attacks_in_syria", "41", "40"),
        ("figure", "attacks_in_iraq", "12", "13"),
    ]
    last = render(found).splitlines()[-2:]
    assert last == [
        f"  attacks_in_syria: 41 -> 40 ({NB})",
        f"  attacks_in_iraq: 12 -> 13 ({NB})",
    ]


def test_a_glued_string_is_compared_as_the_string_not_its_repr():
    found = changes(
        notebook(("# A", [glued("as_of", "3 March 2024")])), notebook(("# A", [glued("as_of", "4 March 2024")]))
    )
    assert (found[0].old, found[0].new) == ("3 March 2024", "4 March 2024")


def test_nothing_changed_is_an_empty_report():
    nb = notebook(("# A", [glued("n", 3), table([{"tally_id": "d:1", "value": 3}])]))
    assert changes(nb, nb) == [] and render([]) == ""


def test_a_table_reports_rows_added_removed_and_changed_by_their_key_not_as_html():
    old_rows = [
        {"tally_id": "d:10", "place": "Syria", "value": 41},
        {"tally_id": "d:20", "place": "Iraq", "value": 12},
    ]
    new_rows = [
        {"tally_id": "d:10", "place": "Syria", "value": 40},
        {"tally_id": "e:5", "place": "Iraq and Syria", "value": 70},
    ]
    found = changes(notebook(("## The ledger", [table(old_rows)])), notebook(("## The ledger", [table(new_rows)])))
    assert [(c.change, c.row, c.column, c.old, c.new) for c in found] == [
        ("changed", "Tally id: d:10", "Figure", "41", "40"),
        ("added", "Tally id: e:5", "", "", "Place: Iraq and Syria; Figure: 70"),
        ("removed", "Tally id: d:20", "", "Place: Iraq; Figure: 12", ""),
    ]
    text = render(found)
    assert 'table "The ledger": 1 row changed, 1 row added, 1 row removed' in text
    assert "[Tally id: d:10] Figure: 41 -> 40" in text and "added [Tally id: e:5]" in text
    assert "<td>" not in text and "<tr" not in text


def test_a_hidden_key_column_names_rows_without_being_compared_as_a_cell():
    def shown(value):
        rows = [{"document": "Daily, 1 Feb 2024", "claim": value, "claim_id": "c7"}]
        return notebook(("## Claims", [table(rows, hidden=("claim_id",), key=("claim_id",))]))

    found = changes(shown("twelve attacks"), shown("thirteen attacks"))
    assert [(c.row, c.column, c.old, c.new) for c in found] == [
        ("Claim id: c7", "Claim", "twelve attacks", "thirteen attacks")
    ]


def test_a_chart_is_compared_through_its_plotted_table():
    old = notebook(("## Counts", [plotted([{"tally_id": "d:10", "value": 41}, {"tally_id": "d:20", "value": 12}])]))
    new = notebook(("## Counts", [plotted([{"tally_id": "d:10", "value": 40}, {"tally_id": "d:20", "value": 12}])]))
    found = changes(old, new)
    assert [(c.kind, c.item, c.row, c.old, c.new) for c in found] == [
        ("chart", "fig-counts", "Tally id: d:10", "41", "40")
    ]
    assert "chart fig-counts: 1 row changed" in render(found)


def test_a_chart_drawn_differently_from_the_same_table_has_not_drifted():
    rows = [{"tally_id": "d:10", "value": 41}]
    stored, fresh = notebook(("## Counts", [plotted(rows)])), notebook(("## Counts", [plotted(rows)]))
    html = fresh.cells[1].outputs[0]["data"]["text/html"]
    fresh.cells[1].outputs[0]["data"]["text/html"] = html.replace("<p>", "<p><svg><path d='M 0 1'/></svg>", 1)
    assert changes(stored, fresh) == []


def test_a_chart_whose_caption_changed_over_the_same_table_is_reported():
    rows = [{"tally_id": "d:10", "value": 41}]
    found = changes(
        notebook(("## C", [plotted(rows, fig="One count.")])), notebook(("## C", [plotted(rows, fig="Two counts.")]))
    )
    assert (
        len(found) == 1 and found[0].kind == "chart" and "One count." in found[0].old and "Two counts." in found[0].new
    )


def test_an_item_that_appears_or_goes_away_is_added_or_removed():
    found = changes(notebook(("# A", [glued("n", 3)])), notebook(("# A", [glued("m", 4)])))
    assert [(c.item, c.change) for c in found] == [("m", "added"), ("n", "removed")]
    assert "figure m added: 4" in render(found)
