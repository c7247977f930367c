"""A pytest plugin that explains nbval's failures in words: `make test` loads it
(`-p analysis.publish.nbval_drift`). For each notebook cell nbval failed, it compares the
cell's stored outputs with the ones nbval just computed, as data (analysis/publish/drift.py),
and at the end prints the drift report, or writes it to `--drift-report FILE` (empty
when nothing drifted) for make to print last. Nothing is executed twice: the fresh
outputs are nbval's own. The comparison happens where the cell ran and travels in the
test report, so it also works with pytest-xdist."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest

from analysis.paths import ROOT

PROPERTY = "nbval_drift"


def pytest_addoption(parser):
    parser.addoption(
        "--drift-report",
        metavar="FILE",
        default=None,
        help="write the drift report of failed notebook cells to FILE (empty when none drifted) instead of printing it",
    )


def pytest_configure(config):
    config.pluginmanager.register(DriftCollector(config), "nbval-drift-collector")


def _notebook(path) -> str:
    path = Path(path).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def cell_drift(notebook: str, cells, index: int, stored, fresh) -> dict:
    """The changes from one cell's stored outputs to its fresh ones, named as in the whole
    notebook; JSON-ready, to travel in a test report."""
    from analysis.publish.drift import compare
    from analysis.publish.outputs import cell_items, heading_before, names_before

    section, taken = heading_before(cells, index), names_before(cells, index)
    old = {(i.kind, i.name): i for i in cell_items(stored, section, Counter(taken))}
    new = {(i.kind, i.name): i for i in cell_items(fresh, section, Counter(taken))}
    return {
        "cell": f"{notebook}, the code cell under {section!r}",
        "changes": [asdict(c) for c in compare(old, new, notebook)],
    }


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    cell = getattr(item, "cell", None)
    nb = getattr(getattr(item, "parent", None), "nb", None)
    if call.when == "call" and report.failed and cell is not None and nb is not None:
        index = next((i for i, c in enumerate(nb.cells) if c is cell), None)
        if index is not None:
            found = cell_drift(_notebook(item.path), nb.cells, index, cell.outputs, item.test_outputs or [])
            report.user_properties.append((PROPERTY, json.dumps(found)))
    return report


class DriftCollector:
    """Gathers the cells' drift from the test reports (in the controlling process under
    xdist) and reports it once the tests are done."""

    def __init__(self, config):
        self.config, self.found = config, []

    def pytest_runtest_logreport(self, report):
        self.found += [json.loads(value) for name, value in report.user_properties if name == PROPERTY]

    def report(self) -> str:
        from analysis.publish.drift import Change, render

        changes = [Change(**c) for found in self.found for c in found["changes"]]
        unexplained = [found["cell"] for found in self.found if not found["changes"]]
        return render(changes, unexplained)

    def pytest_terminal_summary(self, terminalreporter):
        if hasattr(self.config, "workerinput"):  # an xdist worker: the controller reports
            return
        text, target = self.report(), self.config.getoption("drift_report")
        if target:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_text(text, encoding="utf-8")
        elif text:
            terminalreporter.write_sep("=", "drift report")
            terminalreporter.write(text)
