"""The benchmark appendix's table (analysis/report/bench_table.py), on rows written here."""

import sys

import pandas as pd

from analysis.paths import ROOT
from analysis.report.bench_table import COLUMNS, benchmark_table

sys.path.insert(0, str(ROOT / "bench"))
import bench_extract  # noqa: E402

SHOWN = "python bench/bench_extract.py --reps 3 --sizes 10,20"


def _row(what, engine, jobs, cpu, mb_per_cpu_s, peak, command, corpus):
    return {
        "what": what, "engine": engine, "jobs": jobs, "n_docs": 10, "mb": 0.01, "seconds": cpu,
        "cpu_seconds": cpu, "docs_per_s": 10 / cpu, "mb_per_s": 0.01 / cpu, "mb_per_cpu_s": mb_per_cpu_s,
        "peak_mb": peak, "reps": 3, "command": command, "corpus": corpus,
    }  # fmt: skip


def _results():
    """Rows in the columns bench/bench_extract.py writes to bench/results.csv."""
    rows = [
        _row("pipeline", "", 1, 0.5, 0.02, None, f"[extract(d) for d in docs] (in {SHOWN})", "synthetic"),
        _row("cli", "local", 2, 0.6, 0.017, 40.0, "python -m analysis extract n10 --out out --jobs 2", "synthetic"),
        _row("cli", "dask", 2, 0.7, 0.014, 41.0, "python -m analysis extract n10 --out out --engine dask", "real"),
        _row(
            "cli-cache-add-one",
            "",
            1,
            0.1,
            0.1,
            39.0,
            "python -m analysis extract c --out out --cache x (after the full run, one document added: 8.0% of the full run's CPU seconds)",
            "real",
        ),  # fmt: skip
    ]
    return pd.DataFrame(rows, columns=bench_extract.COLUMNS)


def test_every_row_is_shown_in_the_targets_units():
    table = benchmark_table(_results())
    assert list(table.columns) == list(COLUMNS.values())
    assert len(table) == 4
    assert table["MB per CPU s"].tolist() == [0.02, 0.017, 0.014, 0.1]
    assert table["peak MB"].tolist()[1:] == [40.0, 41.0, 39.0]


def test_the_command_keeps_only_what_differs_between_rows():
    commands = benchmark_table(_results())["timed"].tolist()
    assert commands[0] == "[extract(d) for d in docs]"
    assert commands[1] == "extract n10 --out out --jobs 2"
    assert commands[3] == "extract c --out out --cache x"


def test_a_dask_row_says_so_and_a_local_one_is_the_default():
    assert benchmark_table(_results())["what"].tolist() == ["pipeline", "cli", "cli (dask)", "cli-cache-add-one"]


def test_the_committed_results_fit_the_table():
    from analysis.report.load import load_benchmark

    results = load_benchmark()
    table = benchmark_table(results)
    assert len(table) == len(results)
    assert not table["timed"].str.contains("bench_extract.py|python -m").any()
