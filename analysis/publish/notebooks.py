"""Re-execute the book's notebooks in place (`make outputs`), so the stored outputs that
nbval compares are refreshed only when someone means to."""

from __future__ import annotations

from analysis.paths import ROOT


def execute_in_place(paths: list[str]) -> None:
    """Re-execute notebooks and store their outputs, byte-stable: no timing metadata,
    kernel started in the book folder so relative paths cannot creep in."""
    import nbformat
    from nbclient import NotebookClient

    for path in paths:
        nb = nbformat.read(ROOT / path, as_version=4)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            record_timing=False,
            resources={"metadata": {"path": str(ROOT / "book")}},
        ).execute()
        nbformat.write(nb, ROOT / path)
        print(f"executed {path}")
