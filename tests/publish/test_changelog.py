"""The changelog of the published figures (analysis/publish/changelog.py) and the refresh
that writes it (analysis/publish/notebooks.py: `make outputs REASON=...`): a change is
logged with its reason, a refresh without one is refused with nothing written, and a
refresh that changes nothing writes nothing. The kernel is replaced by prepared outputs,
so the tests run in a second."""

import csv
import os

import nbformat
import pytest

from analysis.publish import changelog, notebooks
from analysis.publish.site import Refused
from analysis.report.changelog import LOG_COLUMNS
from tests.publish.notebook_outputs import glued, notebook, table


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A stored notebook gluing 41 and 12, and a kernel that now computes `fresh`."""
    path = tmp_path / "tallies.ipynb"
    nbformat.write(notebook(("# Tallies", [glued("attacks_in_syria", 41), glued("attacks_in_iraq", 12)])), path)
    fresh = {"nb": nbformat.read(path, as_version=4)}
    monkeypatch.setattr(notebooks, "execute", lambda nb: fresh["nb"])
    return path, fresh, tmp_path / "changes.csv"


def refresh(path, log, reason=""):
    return notebooks.refresh([str(path)], reason, log=log, day="2024-03-01", commit="abc123")


def rows(log):
    with open(log, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_refresh_that_changes_nothing_writes_nothing(book):
    path, _, log = book
    os.utime(path, ns=(0, 0))  # a day long past: any write would change it
    assert refresh(path, log, "no reason needed") == "no figure, table or chart changed: nothing logged"
    assert not log.exists() and path.stat().st_mtime_ns == 0


def test_a_change_without_a_reason_is_refused_and_nothing_is_written(book):
    path, fresh, log = book
    fresh["nb"] = notebook(("# Tallies", [glued("attacks_in_syria", 40), glued("attacks_in_iraq", 13)]))
    before = path.read_bytes()
    with pytest.raises(Refused, match=r'2 figure\(s\).*REASON="\.\.\."'):
        refresh(path, log, "   ")
    assert not log.exists() and path.read_bytes() == before


def test_a_change_is_logged_with_its_reason_then_the_same_refresh_logs_nothing(book):
    path, fresh, log = book
    fresh["nb"] = notebook(("# Tallies", [glued("attacks_in_syria", 40), glued("attacks_in_iraq", 13)]))
    done = refresh(path, log, "A corrected  split\nin the source")
    assert done.startswith("logged 2 change(s) to 2 item(s)")
    logged = rows(log)
    assert [(r["item"], r["old"], r["new"]) for r in logged] == [
        ("attacks_in_syria", "41", "40"),
        ("attacks_in_iraq", "12", "13"),
    ]
    assert {(r["date"], r["commit"], r["reason"], r["kind"]) for r in logged} == {
        ("2024-03-01", "abc123", "A corrected split in the source", "figure")
    }
    assert nbformat.read(path, as_version=4).cells[1].outputs == fresh["nb"].cells[1].outputs
    fresh["nb"] = nbformat.read(path, as_version=4)
    assert refresh(path, log).startswith("no figure")
    assert len(rows(log)) == 2


def test_a_table_change_is_logged_row_by_row(book):
    path, fresh, log = book
    nbformat.write(notebook(("## The ledger", [table([{"tally_id": "d:1", "value": 5}])])), path)
    fresh["nb"] = notebook(
        ("## The ledger", [table([{"tally_id": "d:1", "value": 6}, {"tally_id": "d:2", "value": 1}])])
    )
    refresh(path, log, "a new document")
    assert [(r["kind"], r["item"], r["row"], r["change"], r["old"], r["new"]) for r in rows(log)] == [
        ("table", "The ledger", "Tally id: d:1", "changed", "5", "6"),
        ("table", "The ledger", "Tally id: d:2", "added", "", "Figure: 1"),
    ]


def test_a_log_with_another_header_is_refused_not_appended_to(tmp_path):
    log = tmp_path / "changes.csv"
    log.write_text("day,what\n", encoding="utf-8")
    with pytest.raises(Refused, match="header"):
        changelog.append([dict.fromkeys(LOG_COLUMNS, "x")], log)
    assert log.read_text(encoding="utf-8") == "day,what\n"


def test_a_glued_figure_links_to_the_page_that_pastes_it():
    change = notebooks.Change("book/tallies.ipynb", "figure", "attacks_total", "changed", old="1", new="2")
    pages = [
        (
            "book/intro",
            [
                {
                    "cell_type": "markdown",
                    "source": "# Introduction\n\n## Key findings\n\n{glue:text}`tallies.ipynb::attacks_total`",
                }
            ],
        ),
        ("book/tallies", [{"cell_type": "markdown", "source": "# Attack tallies"}]),
    ]
    assert changelog.where_shown(change, pages) == ("book/intro", "key-findings")
    chart = notebooks.Change("book/tallies.ipynb", "chart", "fig-counts", "changed")
    assert changelog.where_shown(chart, pages) == ("book/tallies", "fig-counts")
