"""The extracted attack counts against the curated Pentagon series
(analysis/check/reconcile.py): agreement on the same day and between the reports either
side, which must flag a count that disagrees."""

import pytest

from analysis.check import reconcile
from analysis.report.load import load_table


def test_the_seed_counts_agree_with_the_reference_series(seed_out):
    checks = load_table("checks", seed_out)
    tallies = load_table("tallies", seed_out)
    agreement = checks[checks.kind == "reference_agreement"]
    dated = tallies[(tallies.measure == "attacks") & tallies.as_of.notna()]
    assert len(agreement) == len(dated) > 0
    assert (agreement.status == "ok").all(), agreement.description.tolist()
    assert (agreement.expected == agreement.observed).all()  # each matches a report of the same day
    assert not agreement.required.any()
    for row in agreement.itertuples():
        assert row.evidence.split(";")[0] in set(dated.tally_id)
        assert "context/pentagon_tallies.csv row" in row.evidence


COLUMNS = ("as_of_date", "total_attacks", "iraq", "syria", "since_date", "confidence")
REFERENCE_ROWS = [
    dict(zip(COLUMNS, row))
    for row in (
        ("2024-01-09", "127", "52", "75", "", "high"),
        ("2024-01-11", "130", "53", "77", "2023-10-17", "high"),
        ("2024-01-13", "500", "", "", "", "low"),
        ("2024-01-18", "140", "57", "83", "", "high"),
    )
]


def tally(value, as_of, location="Iraq and Syria", qualifier="exact", since="2023-10-17", measure="attacks"):
    return {
        "tally_id": f"made-up:{value}",
        "doc_id": "made-up",
        "measure": measure,
        "value": value,
        "qualifier": qualifier,
        "location": location,
        "since": since,
        "as_of": as_of,
        "number_text": str(value),
        "number_start": value,
    }


@pytest.mark.parametrize(
    "made_up, status",
    [
        (tally(130, "2024-01-11"), "ok"),
        (tally(53, "2024-01-11", "Iraq"), "ok"),
        (tally(131, "2024-01-11"), "mismatch"),  # the same day's report says 130
        (tally(77, "2024-01-11", "Iraq"), "mismatch"),  # Syria's figure read as Iraq's
        (tally(135, "2024-01-15"), "ok"),  # no report that day, between 130 and 140
        (tally(145, "2024-01-15"), "mismatch"),  # above the next report: a cumulative count cannot fall
        (tally(125, "2024-01-10"), "mismatch"),  # below the previous report
        (tally(135, "2024-01-13"), "mismatch"),  # the only same-day report (low confidence) says 500
        (tally(128, "2024-01-15", qualifier="at_least"), "ok"),  # "at least 128" fits 130..140
    ],
)
def test_reconcile_checks_a_made_up_tally(made_up, status):
    rows = reconcile.reconcile([made_up], REFERENCE_ROWS)
    assert [r["status"] for r in rows] == [status], rows
    assert rows[0]["kind"] == "reference_agreement" and rows[0]["evidence"].startswith("made-up:")


@pytest.mark.parametrize(
    "made_up",
    [
        tally(130, "2024-01-11", location="Yemen"),  # a place the series does not count
        tally(130, None),  # no as-of date
        tally(69, "2024-01-11", measure="injured"),
        tally(10, "2023-10-20"),  # before the series: nothing on one side to compare with
    ],
)
def test_reconcile_skips_what_it_cannot_compare(made_up):
    assert reconcile.reconcile([made_up], REFERENCE_ROWS) == []


def test_reconcile_ignores_reports_counted_from_another_start():
    """A count since 7 October is not compared with a report since 17 October, only with
    reports that do not say when their count starts."""
    [row] = reconcile.reconcile([tally(130, "2024-01-11", since="2023-10-07")], REFERENCE_ROWS)
    assert row["expected"] is None and row["formula"] == "127 (2024-01-09) ≤ 130 ≤ 140 (2024-01-18)"


def test_the_series_kept_between_calls_give_the_rows_of_fresh_ones():
    """A run passes one memo for every document (analysis.extract.gather): the rows are
    those of calls that each read the series afresh, whatever the order of the tallies."""
    made_up = [tally(130, "2024-01-11"), tally(53, "2024-01-11", "Iraq"), tally(145, "2024-01-15")]
    made_up += [tally(130, "2024-01-11", since="2023-10-07"), tally(135, "2024-01-13")]
    memo: dict = {}
    for t in made_up + made_up[::-1]:
        assert reconcile.reconcile([t], REFERENCE_ROWS, memo=memo) == reconcile.reconcile([t], REFERENCE_ROWS)
    assert memo  # the series were kept
