"""make bench's incremental rows (bench/bench_extract.py cache_rows): a full run through a
fresh cache, a re-run with nothing changed and one after adding a document, measured on a
scratch copy that is removed afterwards, with each row's share of the full run."""

from __future__ import annotations

import argparse
import sys

from analysis.paths import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def test_the_cache_rows_time_a_full_run_a_no_change_run_and_one_more_document(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    sys.modules.pop("bench_extract", None)
    import bench_extract

    n = 12  # the nine fixture documents and three repeats
    args = argparse.Namespace(real=CORPUS, cache_size=n, reps=1)
    rows = bench_extract.cache_rows(args, folder=tmp_path)
    assert [r["what"] for r in rows] == ["cli-cache-full", "cli-cache-no-change", "cli-cache-add-one"]
    assert [r["n_docs"] for r in rows] == [n, n, n + 1]
    assert rows[2]["mb"] >= rows[0]["mb"] and all(r["corpus"] == "real" for r in rows)
    assert "--cache" in rows[2]["command"] and "of the full run's CPU seconds" in rows[2]["command"]
    assert rows[1]["cpu_seconds"] < rows[0]["cpu_seconds"]  # nothing extracted again
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", f"real-n{n}"]  # the scratch copy and cache removed
    assert "of the full run)**; target 10%: " in bench_extract.cache_summary(rows)[0]
    args.real = tmp_path / "absent"
    assert bench_extract.cache_rows(args, folder=tmp_path) == []
