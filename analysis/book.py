"""What the book's notebooks call: load tables from data/ and list chapters."""
from __future__ import annotations

from pathlib import Path

import yaml

from analysis.paths import DATA, ROOT


def toc_notebooks(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """Notebook paths (relative to the project) in table-of-contents order."""
    spec = yaml.safe_load(toc.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    candidate = ROOT / f"{node[key]}.ipynb"
                    if candidate.exists():
                        found.append(candidate.relative_to(ROOT).as_posix())
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found


def load_table(name: str, data: Path = DATA):
    """A table from data/ as a DataFrame, typed from datapackage.json (integers stay
    integers even with empty cells, dates stay ISO text for display)."""
    import json

    import pandas as pd

    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == name)
    dtypes = {}
    for f in resource["schema"]["fields"]:
        dtypes[f["name"]] = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(f["type"], "string")
    return pd.read_csv(data / resource["path"], dtype=dtypes, keep_default_na=False, na_values=[""])


def execute_in_place(paths: list[str]) -> None:
    """Re-execute notebooks and store their outputs, byte-stable: no timing metadata,
    kernel started in the project root so relative paths cannot creep in."""
    import nbformat
    from nbclient import NotebookClient

    for path in paths:
        nb = nbformat.read(ROOT / path, as_version=4)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        NotebookClient(
            nb, timeout=300, kernel_name="python3", record_timing=False, resources={"metadata": {"path": str(ROOT / "book")}}
        ).execute()
        nbformat.write(nb, ROOT / path)
        print(f"executed {path}")
