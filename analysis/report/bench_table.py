"""The benchmark appendix's table: every row of bench/results.csv in the units the targets
use, with the command each row timed cut to what differs between rows (the benchmark's own
command line, the same for every row, and each row's note are in bench/results.md), so
the table fits a laptop's page."""

from __future__ import annotations

import re

_OWN_COMMAND = re.compile(r"\s*\((?:in python bench/bench_extract\.py|a fresh cache|after the full run)[^)]*\)$")
_PROGRAM = re.compile(r"^python -m analysis ")
COLUMNS = {
    "corpus": "corpus",
    "what": "what",
    "jobs": "jobs",
    "n_docs": "documents",
    "mb": "MB",
    "cpu_seconds": "CPU seconds",
    "mb_per_s": "MB/s",
    "mb_per_cpu_s": "MB per CPU s",
    "peak_mb": "peak MB",
    "command": "timed",
}
DIGITS = {"MB": 2, "CPU seconds": 2, "MB/s": 3, "MB per CPU s": 3, "peak MB": 0}


def benchmark_table(results):
    """bench/results.csv as the appendix shows it: a Dask row named so in `what` (a local
    one is the default); the command without the benchmark's invocation, a row's note or
    the `python -m analysis` every command-line row starts with."""
    table = results.copy()
    dask = table["engine"].fillna("").eq("dask")
    table.loc[dask, "what"] = table.loc[dask, "what"] + " (dask)"
    table["command"] = table["command"].str.replace(_OWN_COMMAND, "", regex=True).str.replace(_PROGRAM, "", regex=True)
    table = table[list(COLUMNS)].rename(columns=COLUMNS)
    return table.round(DIGITS)
