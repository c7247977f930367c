"""Read the stored tables (data/ and the committed benchmark results) for the book. The
book reads only what the pipeline wrote; it never runs the extractor."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.paths import DATA, ROOT

BENCHMARK = ROOT / "bench" / "results.csv"
ACCURACY = ROOT / "bench" / "accuracy.csv"


def package(data: Path = DATA) -> dict:
    """data/datapackage.json: every table's schema."""
    return json.loads((data / "datapackage.json").read_text(encoding="utf-8"))


def load_table(name: str, data: Path = DATA):
    """A table from data/ as a DataFrame, typed from datapackage.json (integers stay
    integers even with empty cells, dates stay ISO text for display)."""
    import pandas as pd

    resource = next(r for r in package(data)["resources"] if r["name"] == name)
    dtypes = {}
    for f in resource["schema"]["fields"]:
        dtypes[f["name"]] = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(f["type"], "string")
    return pd.read_csv(data / resource["path"], dtype=dtypes, keep_default_na=False, na_values=[""])


def load_tables(names, data: Path = DATA) -> dict:
    """Several tables at once, by name (a notebook's whole input in one call)."""
    return {name: load_table(name, data) for name in names}


def load_benchmark(path: Path = BENCHMARK):
    """The committed benchmark results (written by `make bench`, never by the book)."""
    import pandas as pd

    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def load_accuracy(path: Path = ACCURACY):
    """The committed accuracy scores (written by `make evaluate`, never by the book)."""
    import pandas as pd

    return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"scoring": "string"})
