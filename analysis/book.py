"""What the book's notebooks call: load tables from data/ and list chapters."""
from __future__ import annotations

from pathlib import Path

import yaml

from analysis.paths import DATA, ROOT


def toc_pages(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """Every page of the book (paths without suffix, relative to the book's root), in
    table-of-contents order."""
    spec = yaml.safe_load(toc.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found


def toc_notebooks(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """Notebook paths (relative to the project) in table-of-contents order."""
    return [f"{page}.ipynb" for page in toc_pages(toc) if (toc.parent / f"{page}.ipynb").exists()]


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


def _documents_phrase(documents) -> str:
    titles = [f"“{t}”" if isinstance(t, str) and t else d for d, t in zip(documents.doc_id, documents.title)]
    if len(titles) <= 2:
        return " and ".join(titles)
    return f"{len(titles)} documents"


def source_note(table: str, data: Path = DATA) -> str:
    """The line under a chart saying where its figures come from, computed from the
    tables: who the figures are attributed to, through whom they were relayed, which
    document quotes them, and which data file holds them."""
    documents = load_table("documents", data)
    note = ""
    if table == "tallies":
        tallies = load_table("tallies", data)
        claims = load_table("claims", data)
        sources = sorted(set(tallies.attributed_to.dropna()))
        relays = set()
        for row in tallies.itertuples():
            overlapping = claims[(claims.doc_id == row.doc_id) & (claims.start < row.end) & (claims.end > row.start)]
            relays.update(v for v in overlapping.via.dropna() if ">" in v)
        note = f"figures attributed to {', '.join(sources) or 'unnamed sources'}"
        if relays:
            note += f" (relayed as {'; '.join(sorted(relays))})"
        note += ", "
    return f"{note}extracted from {_documents_phrase(documents)} by the pipeline; data/{table}.csv."


class Shown:
    """A table as the book shows it: HTML-escaped cells (no markup from a document can
    reach the page), no index, empty cells blank, long text wrapping (see _static)."""

    def __init__(self, frame):
        frame = frame.reset_index(drop=True).astype(object)
        self.frame = frame.where(frame.notna(), "")

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, escape=True, classes="report-table", border=0)

    def __repr__(self) -> str:
        import pandas as pd

        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            return self.frame.to_string(index=False, na_rep="")


def show(frame) -> Shown:
    return Shown(frame)


def markdown(text: str):
    """Text pasted into prose with {glue:md}; escaped so a document's words stay words."""
    from IPython.display import Markdown

    escaped = "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|$:~&" else ch for ch in text)
    return Markdown(escaped)


def _package(data: Path = DATA) -> dict:
    import json

    return json.loads((data / "datapackage.json").read_text(encoding="utf-8"))


def downloads_markdown(data: Path = DATA):
    """A download link per table, from the data package (nothing typed twice)."""
    from IPython.display import Markdown

    package = _package(data)
    # Root-relative link; a throwaway book (REPORT_DATA elsewhere) keeps its data/ beside it.
    rel = data.relative_to(ROOT).as_posix() if data.is_relative_to(ROOT) else data.name
    lines = ["| file | rows | what it holds |", "|---|---|---|"]
    for resource in package["resources"]:
        rows = max(0, (data / resource["path"]).read_text(encoding="utf-8").count("\n") - 1)
        lines.append(f"| {{download}}`{resource['path']} </{rel}/{resource['path']}>` | {rows} | {resource.get('title', '')} |")
    lines.append(f"| {{download}}`datapackage.json </{rel}/datapackage.json>` | | the data package: every table's schema |")
    return Markdown("\n".join(lines))


def codebook_markdown(data: Path = DATA):
    from IPython.display import Markdown

    from analysis import codebook

    return Markdown(codebook.render(_package(data), heading_level=2))


def load_benchmark(path: Path = ROOT / "bench" / "results.csv"):
    """The committed benchmark results (written by `make bench`, never by the book)."""
    import pandas as pd

    return pd.read_csv(path, keep_default_na=False, na_values=[""])
