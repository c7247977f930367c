"""The benchmark appendix's table (analysis/report/bench_table.py), on rows written here."""

import pandas as pd

from analysis.report.bench_table import COLUMNS, benchmark_table

SHOWN = "python bench/bench_extract.py --reps 3 --sizes 10,20"


def _results():
    return pd.DataFrame(
        [
            [
                "pipeline",
                "",
                1,
                10,
                0.01,
                0.5,
                0.5,
                20.0,
                0.02,
                0.02,
                None,
                3,
                f"[extract(d) for d in docs] (in {SHOWN})",
                "synthetic",
            ],
            [
                "cli",
                "local",
                2,
                10,
                0.01,
                0.3,
                0.6,
                33.3,
                0.03,
                0.017,
                40.0,
                3,
                "python -m analysis extract n10 --out out --jobs 2",
                "synthetic",
            ],
            [
                "cli",
                "dask",
                2,
                10,
                0.01,
                0.4,
                0.7,
                25.0,
                0.025,
                0.014,
                41.0,
                3,
                "python -m analysis extract n10 --out out --engine dask",
                "real",
            ],
            [
                "cli-cache-add-one",
                "",
                1,
                11,
                0.01,
                0.1,
                0.1,
                110.0,
                0.1,
                0.1,
                39.0,
                3,
                "python -m analysis extract c --out out --cache x (after the full run, one document added: 8.0% of the full run's CPU seconds)",
                "real",
            ],
        ],
        columns=[
            "what",
            "engine",
            "jobs",
            "n_docs",
            "mb",
            "seconds",
            "cpu_seconds",
            "docs_per_s",
            "mb_per_s",
            "mb_per_cpu_s",
            "peak_mb",
            "reps",
            "command",
            "corpus",
        ],
    )


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
