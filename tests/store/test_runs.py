"""Sorted runs (analysis/store/runs.py): rows spilled in runs and merged come out as the
lines of the order one stable sort over every row gives, and a table that fits its buffer never
touches the disk."""

from analysis.store import runs
from analysis.store.csv import row_lines, sort_key
from analysis.store.runs import SortedRuns
from analysis.store.schema import Field, Table

TABLE = Table(
    name="things",
    title="Things",
    description="Rows to sort",
    fields=(Field("doc_id", "string", "d"), Field("start", "integer", "s"), Field("note", "string", "n")),
    primary_key=("doc_id", "start"),
)


def rows():
    # Starts that sort differently as numbers and as text, ties (same key, told apart by
    # note only, so their order is the order added), a missing start.
    out = []
    for i in range(60):
        out.append({"doc_id": f"d{i % 3}", "start": (i * 7) % 15 if i % 11 else None, "note": f"n{i}"})
    return out


def test_runs_merge_to_one_stable_sort(tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "MAX_RUNS", 4)  # so runs are also merged into one on the way
    table = SortedRuns(TABLE, tmp_path)
    added = rows()
    for i in range(0, len(added), 5):
        table.add(added[i : i + 5])
        table.spill()
        assert 1 <= len(list(tmp_path.iterdir())) < 4
    table.add(added[:0])
    assert list(table.merged()) == row_lines(TABLE, sorted(added, key=sort_key(TABLE)))


def test_rows_that_fit_the_buffer_stay_in_memory(tmp_path):
    table = SortedRuns(TABLE, tmp_path)
    table.add(rows())
    assert list(table.merged()) == row_lines(TABLE, sorted(rows(), key=sort_key(TABLE)))
    assert list(tmp_path.iterdir()) == []
