"""Property: no figure, finding or chart of the book fails, or prints a missing value
(nan, <NA>, None, np.float64), when any optional field of any row is empty. The tables
start from the fixture corpus's extraction (tests/fixtures/corpus, every column real);
Hypothesis blanks a random choice of cells in the columns that may be empty."""

from __future__ import annotations

import re

import matplotlib
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.report import derive, findings, keyfindings
from analysis.report.charts import claims as claim_charts
from analysis.report.charts import count, justifications, style, tallies, timeline
from analysis.report.load import load_tables

OPTIONAL = {
    "tallies": ["qualifier", "detail", "location", "since", "as_of", "attributed_to", "part_of", "split", "weapons"],
    "documents": ["title", "outlet", "url", "published", "published_basis", "note"],
    "claims": ["source_kind", "via", "cue", "event_date"],
    "justifications": ["speaker", "speaker_role", "date", "cue"],
    "events": ["date", "source", "status"],
    "checks": ["expected", "observed"],
}
MISSING = re.compile(r"(?<![\w-])(?:nan|NaN|<NA>|None|np\.float64|NaT)(?![\w-])")


@pytest.fixture(scope="module")
def corpus_tables(fixture_corpus_data):
    names = ["documents", "tallies", "checks", "claims", "justifications", "events", "context_pentagon_tallies"]
    names.append("context_justification_statements")
    return load_tables(names, fixture_corpus_data)


def blanked(tables: dict, data) -> dict:
    """The tables with a drawn set of optional cells emptied (one draw per table, so
    Hypothesis shrinks to the fewest blank cells quickly)."""
    out = dict(tables)
    for name, columns in OPTIONAL.items():
        frame = tables[name].copy()
        n = len(frame) * len(columns)
        mask = data.draw(st.lists(st.booleans(), min_size=n, max_size=n), label=name)
        for i, column in enumerate(columns):
            rows = pd.Series(mask[i * len(frame) : (i + 1) * len(frame)], index=frame.index, dtype=bool)
            frame.loc[rows, column] = pd.NA
        out[name] = frame
    return out


def texts(result) -> str:
    fig, table = result
    if isinstance(fig, str):
        return fig
    drawn = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    return drawn + " " + " ".join(str(c) for c in table.columns)


def figures_of(t: dict) -> list[str]:
    documents, tallies_, checks = t["documents"], t["tallies"], t["checks"]
    reference, statements = t["context_pentagon_tallies"], t["context_justification_statements"]
    points = derive.attack_points(reference, tallies_, documents)
    start = derive.count_start(reference)
    marks = derive.annotations({"context_pentagon_tallies": reference, "events": t["events"]})
    pace = derive.pace(points, start)
    share = derive.syria_share(points)
    spoken = derive.statement_points(statements, t["justifications"], documents)
    nearby = derive.nearby_statements(statements, t["justifications"], documents)
    out = [repr(keyfindings.key_findings(t)), repr(keyfindings.checks_banner(checks, documents))]
    out += [str(v) for v in findings.tally_figures(tallies_, checks, documents).values()]
    out += [str(v) for v in findings.count_figures(checks, points, pace, share, marks, reference).values()]
    out += [str(v) for v in findings.corpus_figures(documents).values()]
    out += [
        str(v) for v in findings.statement_figures(statements, spoken, nearby, t["justifications"], documents).values()
    ]
    out.append(derive.source_notes(documents, tallies_, t["claims"])["tallies"])
    return out


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_findings_survive_any_blank_optional_field(corpus_tables, data):
    t = blanked(corpus_tables, data)
    found = [text[max(0, m.start() - 100) : m.end() + 20] for text in figures_of(t) if (m := MISSING.search(text))]
    assert not found, found[:3]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_charts_survive_any_blank_optional_field(corpus_tables, data):
    style.apply()
    t = blanked(corpus_tables, data)
    documents, tallies_, checks = t["documents"], t["tallies"], t["checks"]
    results = [
        tallies.counts_over_time(tallies_, "s", documents),
        tallies.attack_split(tallies_, checks, "s", documents),
        tallies.attacks_per_day(tallies_, checks, "s", documents),
        tallies.injury_window(tallies_, "s", documents),
        tallies.weapons_named(tallies_, "s"),
        justifications.frames_by_speaker(t["justifications"], "s"),
        justifications.frames_over_time(t["justifications"], documents, "s"),
        timeline.timeline(t["events"], "s", documents),
        claim_charts.claims_by_kind(t["claims"], "s"),
        claim_charts.relay_chains(t["claims"], "s"),
    ]
    points = derive.attack_points(t["context_pentagon_tallies"], tallies_, documents)
    marks = derive.annotations({"context_pentagon_tallies": t["context_pentagon_tallies"], "events": t["events"]})
    results.append(count.count_over_time(points, marks, derive.count_start(t["context_pentagon_tallies"]), "s"))
    found = [texts(r) for r in results if MISSING.search(texts(r))]
    assert not found, found[:2]
