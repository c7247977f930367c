"""The book's calculations on small hand-made tables: the step series, pace between
reports, the readable extremes, Syria's share, same-day disagreements, dates as prose,
the source notes and the chart marks."""

import pandas as pd
import pytest

from analysis.report import derive
from analysis.report.load import load_table


def points(rows):
    """Points as derive.attack_points makes them: (date, place, value, origin, confidence)."""
    frame = pd.DataFrame(rows, columns=["date", "place", "value", "origin", "confidence"])
    frame["step"] = frame.confidence.isin(["high", "medium"])
    frame["source_url"] = "https://example.org/" + frame.date
    return frame


SERIES = points(
    [
        ("2024-01-01", "Iraq and Syria", 100, "reference", "high"),
        ("2024-01-01", "Iraq and Syria", 103, "reference", "medium"),  # a later report of the day
        ("2024-01-02", "Iraq and Syria", 104, "reference", "low"),  # not joined by the line
        ("2024-01-11", "Iraq and Syria", 130, "reference", "high"),
        ("2024-01-12", "Iraq and Syria", 131, "reference", "high"),
        ("2024-01-11", "Iraq", 53, "reference", "high"),
        ("2024-01-11", "Syria", 77, "reference", "high"),
        ("2024-01-11", "Iraq and Syria", 130, "extracted", "extracted"),
    ]
)


def test_step_series_takes_the_highest_joined_report_of_a_day_from_zero_at_the_start():
    series = derive.step_series(SERIES, "Iraq and Syria", "2023-12-25")
    assert series.to_dict() == {"2023-12-25": 0, "2024-01-01": 103, "2024-01-11": 130, "2024-01-12": 131}
    assert derive.step_series(SERIES, "Iraq and Syria", None).index[0] == "2024-01-01"
    assert derive.step_series(SERIES, "Jordan", None).empty


def test_pace_between_consecutive_reports_and_which_gaps_can_be_read():
    pace = derive.pace(SERIES, None)
    assert pace[["from", "to", "days", "attacks", "per_day"]].values.tolist() == [
        ["2024-01-01", "2024-01-11", 10, 27, 2.7],
        ["2024-01-11", "2024-01-12", 1, 1, 1.0],
    ]
    assert pace.gap_long_enough.tolist() == [True, False]  # one day is shorter than MIN_GAP_DAYS
    busiest, quietest = derive.readable_extremes(pace)
    assert busiest["from"] == quietest["from"] == "2024-01-01"  # the one-day gap is not ranked
    assert derive.overall_pace(pace) == pytest.approx(28 / 11)
    assert derive.readable_extremes(pace[~pace.gap_long_enough]) is None


def test_syria_share_per_report_that_gives_both_countries():
    share = derive.syria_share(SERIES)
    assert share[["date", "iraq", "syria", "share_syria"]].values.tolist() == [["2024-01-11", 53, 77, 0.592]]
    assert derive.syria_share(SERIES[SERIES.place != "Syria"]).empty


def test_same_day_reports_lists_every_distinct_reference_value():
    spread = derive.same_day_reports(SERIES)
    assert spread[("Iraq and Syria", "2024-01-01")] == [100, 103]
    assert spread[("Iraq and Syria", "2024-01-11")] == [130]  # the extracted point is not a report


@pytest.mark.parametrize(
    "value, long, short",
    [("2024-01-11", "11 January 2024", "11 Jan 2024"), ("2021-05", "May 2021", None), (None, "an unknown date", None)],
)
def test_dates_as_prose(value, long, short):
    assert derive.day_long(value) == long
    if short:
        assert derive.day_short(value) == short


def test_source_notes_name_sources_relays_documents_and_file():
    documents = pd.DataFrame({"doc_id": ["a"], "title": ["A headline"]})
    tallies = pd.DataFrame(
        {"doc_id": ["a", "a"], "attributed_to": ["Pentagon", None], "start": [0, 50], "end": [40, 90]}
    )
    claims = pd.DataFrame(
        {"doc_id": ["a", "a"], "start": [0, 100], "end": [40, 120], "via": ["Military Times > Pentagon", "Other > Far"]}
    )
    notes = derive.source_notes(documents, tallies, claims)
    assert notes["tallies"] == (
        "figures attributed to Pentagon (relayed as Military Times > Pentagon), "
        "extracted from “A headline” by the pipeline; data/tallies.csv."
    )
    assert notes["claims"] == "extracted from “A headline” by the pipeline; data/claims.csv."
    many = pd.DataFrame({"doc_id": list("abc"), "title": [None, "B", "C"]})
    assert "extracted from 3 documents" in derive.source_notes(many, tallies, claims)["events"]


def test_chart_marks_are_dated_from_the_data(seed_out):
    series = load_table("context_pentagon_tallies", seed_out)
    events = load_table("events", seed_out)
    marks = derive.annotations({"context_pentagon_tallies": series, "events": events})
    tower = series.loc[series.as_of_basis == "date of the Tower 22 attack", "as_of_date"]
    night = events.loc[(events.precision == "night") & events.event.str.contains("Houthis"), "date"]
    assert sorted(marks.date) == sorted(set(tower) | set(night))
    assert marks.loc[marks.date.isin(tower), "after"].str.contains("Middle East").all()


def test_the_accuracy_table_prints_scores_with_three_decimals_and_blanks_where_none():
    accuracy = pd.DataFrame(
        {
            "part": ["tallies"] * 4 + ["dates"] * 2,
            "item": ["all"] * 4 + ["since"] * 2,
            "scoring": ["strict"] * 4 + ["day"] * 2,
            "metric": ["recall", "precision", "f1", "annotated", "accuracy", "annotated"],
            "value": [1.0, 0.9473, 0.97, 55, 0.5, 38],
        }
    )
    table = derive.accuracy_table(accuracy)
    rows = {r.what: r for r in table.itertuples()}
    assert rows["tallies, all"].recall == "1.000" and rows["tallies, all"].precision == "0.947"
    assert rows["dates, since"].recall == "" and rows["dates, since"].accuracy == "0.500"


def test_the_reference_statements_show_a_short_excerpt_of_each_quote_and_the_whole_note():
    quote = "We are in this region for a single reason, and that reason is the lasting defeat of the group"
    statements = pd.DataFrame(
        {
            "date": ["2020-01-01"],
            "speaker": ["A. Spokesperson"],
            "role": ["Press secretary"],
            "frame": ["counter-ISIS"],
            "confidence": ["high"],
            "source_title": ["A briefing"],
            "source_url": ["https://example.org/briefing"],
            "quote": [quote],
            "notes": ["Said at a briefing; the transcript is at the source."],
        }
    )
    shown = derive.statement_list(statements)["quote and notes"].iloc[0]
    excerpt = shown.split("”")[0].lstrip("“")
    assert excerpt.endswith(" …") and len(excerpt) <= derive.QUOTE_EXCERPT and quote.startswith(excerpt[:-2])
    assert shown.endswith("Notes: Said at a briefing; the transcript is at the source.")
