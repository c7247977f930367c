"""Executing the book's notebooks: in memory, to compare what they show now with their
stored outputs (`make drift`), and in place (`make outputs`), so the stored outputs that
nbval compares are refreshed only when someone means to, and every refresh that changes
a figure is logged with its reason (analysis/publish/changelog.py)."""

from __future__ import annotations

import copy
from pathlib import Path

from analysis.paths import ROOT
from analysis.publish.drift import Change, compare
from analysis.publish.outputs import notebook_items


class NotebookFailed(Exception):
    """A cell raised while the notebook ran: there is no fresh output to compare."""


def read(path: str):
    import nbformat

    return nbformat.read(ROOT / path, as_version=4)


def execute(nb):
    """A copy of `nb` executed from the top, byte-stable: no timing metadata, kernel
    started in the book folder so relative paths cannot creep in."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # not its warning that TCP is unencrypted
        resources={"metadata": {"path": str(ROOT / "book")}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        last = [line for line in str(exc).splitlines() if line.strip()][-1:] or ["(no message)"]
        raise NotebookFailed(last[0]) from exc
    return nb


def changes_of(path: str, stored, fresh) -> list[Change]:
    return compare(notebook_items(stored.cells), notebook_items(fresh.cells), path)


def drift(paths: list[str]) -> tuple[list[Change], list[str]]:
    """Execute each notebook afresh (nothing written) and compare it with its stored
    outputs: the changes, and one line per notebook that failed to run."""
    changes, failed = [], []
    for path in paths:
        stored = read(path)
        try:
            fresh = execute(stored)
        except NotebookFailed as exc:
            failed.append(f"{path}: a cell failed: {exc}")
            continue
        changes += changes_of(path, stored, fresh)
    return changes, failed


def write(path: str, nb) -> bool:
    """Store `nb` at `path` unless the file already holds exactly that: False then, and
    the file is left untouched (not even its modification time)."""
    import nbformat

    text = nbformat.writes(nb) + "\n"
    target = ROOT / path
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True


def refresh(paths: list[str], reason: str = "", log=None, day: str | None = None, commit: str | None = None) -> str:
    """`make outputs`: execute every notebook, log what changed with `reason` (refused,
    with nothing written, when something changed and no reason is given), then execute
    the page that shows the log and store the outputs of every notebook whose file they
    change. Returns what it did, in one line, after the drift report of what it logged."""
    from analysis.publish import changelog
    from analysis.publish.drift import render
    from analysis.publish.site import Refused

    log = changelog.LOG if log is None else log
    stored = {path: read(path) for path in paths}
    fresh = {}
    for path, nb in stored.items():
        if path != changelog.LOG_PAGE:
            try:
                fresh[path] = execute(nb)
            except NotebookFailed as exc:
                raise Refused(f"{path}: a cell failed, so nothing was stored: {exc}") from None
    changes = [c for path in fresh for c in changes_of(path, stored[path], fresh[path])]
    items = len({(c.notebook, c.kind, c.item) for c in changes})
    if changes and not reason.strip():
        raise Refused(
            f"this refresh changes {items} figure(s), table(s) or chart(s) (`make drift` lists them): "
            'say why with make outputs REASON="..."'
        )
    if changes:
        rows = changelog.log_rows(
            changes,
            " ".join(reason.split()),
            day or changelog.today(),
            commit or changelog.current_commit(),
            changelog.page_texts(),
        )
        changelog.append(rows, log)
    if changelog.LOG_PAGE in stored:
        fresh[changelog.LOG_PAGE] = execute(stored[changelog.LOG_PAGE])
    for path in paths:
        print(f"{'stored' if write(path, fresh[path]) else 'unchanged'} {path}")
    if not changes:
        return "no figure, table or chart changed: nothing logged"
    print(render(changes), end="")
    return f"logged {len(changes)} change(s) to {items} item(s) in {Path(log).name}"
