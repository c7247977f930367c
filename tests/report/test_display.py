"""Tables as the book shows them (analysis/report/display.py): escaped cells, readable
headings, document links, row anchors, long tables marked for the filter script, long
unbroken runs allowed to wrap, and no numpy repr in any value."""

import numpy as np
import pandas as pd

from analysis.report import display


def test_cells_are_escaped_and_headings_readable():
    html = display.show(pd.DataFrame({"attributed_to": ["<script>x</script>"], "value": [1]}))._repr_html_()
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<th>Attributed to</th><th>Figure</th>" in html


def test_the_document_column_links_to_its_entry_and_rows_carry_anchors():
    frame = pd.DataFrame(
        {"document": ["Daily, 1 Feb 2024"], "document_href": ["references.html#doc-b"], "tally_id": ["b:1"]}
    )
    html = display.show(frame, row_ids=("tally", "tally_id"), hidden=("tally_id",))._repr_html_()
    assert '<tr id="tally-b-1">' in html
    assert '<a href="references.html#doc-b">Daily, 1 Feb 2024</a>' in html
    assert "tally_id" not in html.split("<tbody>")[0] and "document_href" not in html


def test_only_web_addresses_become_external_links():
    frame = pd.DataFrame({"source": ["https://a.example/x", "javascript:alert(1)"], "title": ["A", "B"]})
    html = display.show(frame, url_column="source", text_column="title")._repr_html_()
    assert '<a href="https://a.example/x" rel="noopener nofollow">A</a>' in html
    assert "javascript:alert(1)" not in html.replace("B", "")  # shown as its text, not as a link
    assert 'href="javascript' not in html


def test_long_tables_get_the_filter_class_and_scroll_sideways():
    short = display.show(pd.DataFrame({"a": range(3)}))._repr_html_()
    long = display.show(pd.DataFrame({"a": range(display.LONG_TABLE)}))._repr_html_()
    assert "report-table-long" not in short and "report-table-long" in long
    assert short.startswith('<div class="report-table-wrap">')


def test_long_runs_wrap_at_their_punctuation_and_words_stay_whole():
    out = display._breakable("see https://example.org/a/very-long-path_name?x=1&y=2 now")
    assert "<wbr>" in out and "&amp;" in out and out.startswith("see ") and out.endswith(" now")
    assert display._breakable("ordinary words stay whole") == "ordinary words stay whole"


def test_values_are_plain_python_and_booleans_read_as_words():
    assert repr(display.plain(np.float64(1.43))) == "1.43"
    assert display.plain(pd.NA) == "" and display.plain(None) == ""
    html = display.show(pd.DataFrame({"required": [True, False], "date": ["2023-10-17", "x"]}))._repr_html_()
    assert "<td>yes</td>" in html and "<td>no</td>" in html
    assert '<td class="report-nowrap">2023-10-17</td>' in html


def test_the_figures_table_names_figures_in_words():
    text = repr(display.figures_table({"attacks_total": np.int64(130), "some_new_key": 2.5}))
    assert "Attacks counted" in text and "Some new key" in text and "np." not in text


def test_whole_numbers_in_a_column_with_blanks_read_as_counts():
    html = display.show(pd.DataFrame({"expected": [10.0, np.nan], "observed": [1.5, 3.0]}))._repr_html_()
    assert ">10<" in html and "10.0" not in html and ">1.5<" in html and ">3<" in html


def test_a_table_carries_its_rows_as_metadata_keyed_by_an_id_or_a_text_column():
    from IPython.core.formatters import DisplayFormatter

    frame = pd.DataFrame({"value": [3, 3], "place": ["Iraq", "Syria"], "note": ["a", "b"]})
    data, metadata = DisplayFormatter().format(display.show(frame))
    assert set(data) == {"text/html", "text/plain"}  # nothing myst-nb would not know how to render
    table = metadata[display.TABLE_META]
    assert table["key"] == ["place"] and table["rows"] == [[3, "Iraq", "a"], [3, "Syria", "b"]]
    assert display.row_key(frame.assign(tally_id=["t1", "t2"]), ["value", "place"]) == ["tally_id"]
    assert display.row_key(pd.DataFrame({"n": [1, 2], "m": [5, 5]}), ["m", "n"]) == ["m", "n"]
