"""Every chart returns the figure and the table it plotted (what nbval compares): on small
hand-made tables the table holds exactly the plotted values, and an empty table gives a
figure that says so instead of failing."""

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.report import derive
from analysis.report.charts import benchmark, claims, count, documents, justifications, style, tallies, timeline

SOURCE = "a source note"


@pytest.fixture(autouse=True, scope="module")
def house_style():
    style.apply()


def texts(fig: Figure) -> str:
    """Every text drawn on the figure, and the source note kept for its caption."""
    drawn = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    return drawn + " " + getattr(fig, "report_source", "")


CLAIMS = pd.DataFrame(
    {
        "claim": ["a", "b", "c"],
        "source_kind": ["US government", "author", "US government"],
        "status": ["confirmed", "reported", "unconfirmed"],
        "start": [0, 10, 30],
        "end": [10, 30, 40],
        "via": ["Times > Pentagon", None, "Times > Pentagon"],
    }
)


def test_epistemic_map_measures_each_voice_by_its_share_of_the_text():
    fig, table = documents.epistemic_map(CLAIMS, SOURCE)
    assert table[["source_kind", "status", "chars", "share_of_text"]].values.tolist() == [
        ["US government", "confirmed", 10, 0.25],
        ["US government", "unconfirmed", 10, 0.25],
        ["author", "reported", 20, 0.5],
    ]
    assert "25% of the attributed text is confirmed" in texts(fig) and SOURCE in texts(fig)


def test_claims_by_kind_and_relay_links():
    _, table = claims.claims_by_kind(CLAIMS, SOURCE)
    assert table.claims.sum() == 3
    _, links = claims.relay_chains(CLAIMS, SOURCE)
    assert links.values.tolist() == [["Times", "Pentagon", 2]]


TALLIES = pd.DataFrame(
    {
        "tally_id": ["d:1", "d:2", "d:3", "d:4", "e:1"],
        "doc_id": ["d", "d", "d", "d", "e"],
        "measure": ["attacks", "attacks", "attacks", "injured", "attacks"],
        "value": [130, 53, 77, 5, 140],
        "qualifier": ["exact"] * 5,
        "detail": [None] * 5,
        "location": ["Iraq and Syria", "Iraq", "Syria", "Syria", "Iraq and Syria"],
        "since": ["2023-10-17"] * 3 + [None, "2023-10-17"],
        "as_of": ["2024-01-11"] * 4 + ["2024-01-18"],
        "attributed_to": ["Pentagon"] * 5,
        "part_of": [None, "d:1", "d:1", None, None],
        "split": [None, "location", "location", None, None],
        "number_text": ["130", "53", "77", "five", "140"],
        "number_start": [10, 20, 30, 40, 10],
        "weapons": ["drone; rocket", None, None, "rocket", None],
    }
)
DOCUMENTS = pd.DataFrame(
    {
        "doc_id": ["d", "e"],
        "title": ["A", "B"],
        "outlet": ["Daily", None],
        "url": ["https://a.example/x", "https://www.b.example/y"],
        "published": ["2024-01-12", "2024-01-19"],
    }
)
CHECKS = pd.DataFrame(
    {
        "check_id": ["d:split_sum:1", "d:rate:attacks_per_day:1"],
        "doc_id": ["d", "d"],
        "kind": ["split_sum", "rate"],
        "evidence": ["d:1;d:2;d:3", "d:1"],
        "formula": ["53 + 77 = 130", "130 / 86 days = 1.51"],
        "status": ["ok", "ok"],
        "description": ["split", "130 attacks over 86 days is 1.51 attacks a day."],
        "observed": [130.0, 1.5116],
    }
)


def test_tally_charts_plot_the_counts_splits_pace_injuries_and_weapons():
    fig, counts = tallies.counts_over_time(TALLIES, SOURCE, DOCUMENTS)
    assert counts.value.tolist() == [53, 77, 130, 140] and isinstance(fig, Figure)
    assert counts.document.tolist()[-1] == "b.example, 19 Jan 2024"  # no outlet: the host names it
    _, split = tallies.attack_split(TALLIES, CHECKS, SOURCE, DOCUMENTS)
    assert split[["total", "parts", "sum_of_parts", "status"]].values.tolist() == [
        [130, "Iraq 53; Syria 77", 130, "holds"]
    ]
    one_gap, pace = tallies.attacks_per_day(TALLIES, CHECKS, SOURCE, DOCUMENTS)
    assert isinstance(one_gap, str) and "the count grew by 10 in 7 days: 1.43 a day." in one_gap
    assert pace[["from", "to", "days", "attacks", "per_day"]].values.tolist() == [
        ["2024-01-11", "2024-01-18", 7, 10, 1.43]
    ]
    _, injuries = tallies.injury_window(TALLIES, SOURCE, DOCUMENTS)
    assert injuries[["value", "dated_by", "since"]].values.tolist() == [[5, "as of", ""]]
    _, weapons = tallies.weapons_named(TALLIES, SOURCE)
    assert weapons.values.tolist() == [["rocket", 2], ["drone", 1]]


def test_a_chart_with_nothing_to_show_is_a_sentence():
    one_day = TALLIES[TALLIES.doc_id == "d"]
    sentence, table = tallies.counts_over_time(one_day, SOURCE, DOCUMENTS)
    assert isinstance(sentence, str) and "as of one day, 11 Jan 2024" in sentence and len(table) == 3
    sentence, _ = tallies.attacks_per_day(one_day, CHECKS, SOURCE, DOCUMENTS)
    assert "no pace between reports: 130 attacks over 86 days is 1.51 attacks a day." in sentence
    sentence, _ = tallies.weapons_named(one_day.assign(weapons=["drone; rocket", None, None, None]), SOURCE)
    assert sentence == "The tally sentences name 2 kinds of weapon, each once: drone, rocket."


def test_frames_by_speaker_counts_statements_per_frame_speaker_and_voice():
    rows = pd.DataFrame(
        {
            "frame": ["oil", "oil", "counter-ISIS"],
            "speaker": ["Trump", "Trump", None],
            "voice": ["speaker's own words"] * 2 + ["author's framing"],
        }
    )
    _, table = justifications.frames_by_speaker(rows, SOURCE)
    assert table.values.tolist() == [
        ["counter-ISIS", "(author)", "author's framing", 1],
        ["oil", "Trump", "speaker's own words", 2],
    ]


def test_timeline_keeps_dated_events_in_date_order():
    events = pd.DataFrame(
        {
            "date": ["2024-01-11", None, "2023-10-17"],
            "precision": ["day", "day", "day"],
            "date_text": ["Thursday", "x", "Oct. 17"],
            "event": ["b", "x", "a"],
            "source": [None] * 3,
            "status": [None] * 3,
            "start": [5, 1, 0],
        }
    )
    _, table = timeline.timeline(events, SOURCE)
    assert table.event.tolist() == ["a", "b"]


def test_timeline_closes_up_on_the_busiest_stretch_and_keeps_every_event_in_its_table():
    days = ["2019-05-01"] + [f"2024-01-{d:02d}" for d in range(1, 29)] + ["2025-09-09"]
    events = pd.DataFrame(
        {
            "doc_id": [f"doc{i % 7}" for i in range(len(days))],
            "date": days,
            "precision": ["day"] * len(days),
            "date_text": ["x"] * len(days),
            "event": [f"event {i}" for i in range(len(days))],
            "source": [None] * len(days),
            "status": [None] * len(days),
            "start": range(len(days)),
        }
    )
    start, end = timeline.dense_window(events.date)
    assert start == pd.Timestamp("2024-01-01") and end - start == pd.Timedelta(days=timeline.DENSE_DAYS)
    fig, table = timeline.timeline(events, SOURCE)
    assert len(table) == len(days) and len(fig.axes) == 2  # overview and close-up


def test_count_charts_plot_the_points_pace_and_share():
    points = pd.DataFrame(
        {
            "date": ["2024-01-01", "2024-01-11", "2024-01-11", "2024-01-11"],
            "place": ["Iraq and Syria", "Iraq and Syria", "Iraq and Syria", "Syria"],
            "value": [100, 130, 131, 77],
            "origin": ["reference"] * 4,
            "confidence": ["high"] * 4,
            "step": [True] * 4,
            "note": [""] * 4,
            "source_url": ["u"] * 4,
        }
    )
    marks = pd.DataFrame(columns=["date", "label", "night", "from_file", "after", "after_source"])
    fig, table = count.count_over_time(points, marks, "2023-10-17", SOURCE)
    assert table.same_day_reports.tolist() == ["100", "130/131", "130/131", "77"]
    assert "131 by 11 Jan 2024" in texts(fig)
    pace = derive.pace(points, "2023-10-17")
    _, plotted = count.attack_pace(pace, SOURCE)
    assert plotted.per_day.tolist() == pace.per_day.tolist()


def test_benchmark_plots_one_process_runs_against_the_baselines():
    results = pd.DataFrame(
        {
            "what": ["pipeline", "pipeline", "re", "quantulum3"],
            "jobs": [1, 1, 1, 1],
            "n_docs": [1000, 4000, 1000, 1000],
            "mb_per_cpu_s": [0.6, 0.61, 98.0, 0.04],
            "peak_mb": [80, 90, 10, 10],
        }
    )
    fig, table = benchmark.benchmark(results, SOURCE)
    assert len(table) == 4 and "up to 0.61 MB" in texts(fig)


def test_benchmark_plots_real_articles_apart_with_their_own_baselines():
    results = pd.DataFrame(
        {
            "what": ["pipeline", "cli", "cli", "quantulum3", "quantulum3"],
            "jobs": [1, 1, 1, 1, 1],
            "n_docs": [1000, 1000, 1000, 200, 200],
            "mb_per_cpu_s": [0.6, 0.5, 0.4, 0.07, 0.05],
            "peak_mb": [80, 90, 95, None, None],
            "corpus": ["synthetic", "synthetic", "real", "synthetic", "real"],
        }
    )
    fig, table = benchmark.benchmark(results, SOURCE)
    shown = texts(fig)
    assert "cli (one process, real)" in shown and "cli (one process, synthetic)" in shown
    assert "quantulum3 (real)" in shown and "up to 0.60 MB" in shown


@pytest.mark.parametrize(
    "chart, args",
    [
        (documents.epistemic_map, (CLAIMS.iloc[0:0],)),
        (claims.relay_chains, (CLAIMS.iloc[0:0],)),
    ],
)
def test_an_empty_table_gives_a_figure_that_says_so(chart, args):
    fig, table = chart(*args, SOURCE)
    assert table.empty and isinstance(fig, Figure)


@pytest.mark.parametrize(
    "chart, args",
    [
        (tallies.counts_over_time, (TALLIES.iloc[0:0], SOURCE, DOCUMENTS)),
        (tallies.attack_split, (TALLIES.iloc[0:0], CHECKS.iloc[0:0], SOURCE, DOCUMENTS)),
        (tallies.attacks_per_day, (TALLIES.iloc[0:0], CHECKS.iloc[0:0], SOURCE, DOCUMENTS)),
        (tallies.injury_window, (TALLIES.iloc[0:0], SOURCE, DOCUMENTS)),
        (tallies.weapons_named, (TALLIES.iloc[0:0], SOURCE)),
        (justifications.frames_by_speaker, (pd.DataFrame(columns=["frame", "speaker", "voice", "doc_id"]), SOURCE)),
    ],
)
def test_an_empty_table_gives_a_sentence_instead_of_a_chart(chart, args):
    sentence, table = chart(*args)
    assert table.empty and isinstance(sentence, str) and sentence.endswith(".")
