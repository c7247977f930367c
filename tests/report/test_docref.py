"""How a row names its document (analysis/report/docref.py): outlet (or the host when
no outlet is established) and published day, a link to its entry, date order."""

import pandas as pd

from analysis.report import docref

DOCUMENTS = pd.DataFrame(
    {
        "doc_id": ["b", "a", "c"],
        "title": ["B", "A", None],
        "outlet": ["Daily", None, None],
        "url": ["https://daily.example/b", "https://www.mirror.example/a", None],
        "published": ["2024-02-01", "2023-12-24", None],
    }
)


def test_a_document_is_named_by_outlet_or_host_and_day():
    docs = docref.catalogue(DOCUMENTS)
    assert docs["b"]["label"] == "Daily, 1 Feb 2024"
    assert docs["a"]["label"] == "mirror.example, 24 Dec 2023"
    assert docs["c"]["label"] == "c, undated"
    assert docs["b"]["href"] == "references.html#doc-b"


def test_anchors_are_safe_fragments():
    assert docref.anchor("tally", "000_x:1687") == "tally-000_x-1687"
    assert docref.tally_href("d:1") == "tallies.html#tally-d-1"


def test_rows_gain_their_document_and_come_in_date_order_undated_last():
    rows = pd.DataFrame({"doc_id": ["c", "b", "a", "b"], "n": [1, 2, 3, 4]})
    out = docref.with_document(rows, DOCUMENTS)
    assert out.n.tolist() == [3, 2, 4, 1]
    assert out.document.tolist()[0] == "mirror.example, 24 Dec 2023"
    assert out.document_href.tolist()[-1] == "references.html#doc-c"


def test_the_ledger_says_figures_and_windows_as_the_source_hedges_them():
    tallies = pd.DataFrame(
        {
            "tally_id": ["b:1", "b:2"],
            "doc_id": ["b", "b"],
            "measure": ["attacks", "casualties"],
            "value": pd.array([180, 3], dtype="Int64"),
            "qualifier": ["more_than", "exact"],
            "location": ["Middle East", None],
            "since": ["2023-10-17", None],
            "as_of": [None, None],
            "attributed_to": [None, None],
            "quote": ["q1", "q2"],
            "number_start": [1, 2],
        }
    )
    ledger = docref.tally_ledger(tallies, DOCUMENTS)
    assert ledger.figure.tolist() == ["more than 180", "3"]
    assert ledger.window.tolist() == ["since 17 Oct 2023", "not stated"]
    assert ledger.measure.tolist() == ["attacks", "injured or killed"]


def test_a_window_of_one_day_is_said_as_that_day():
    assert docref.window_text("2024-02-04", "2024-02-04") == "on 4 Feb 2024"
    assert docref.window_text("2024-02-01", "2024-02-04") == "since 1 Feb 2024, as of 4 Feb 2024"
