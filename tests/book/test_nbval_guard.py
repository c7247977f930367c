"""The regression tests must catch drift: if a figure in a seed document changes, nbval
fails in the notebook cells that show it, and `make test`'s drift report (run here with
the same flags) names the figure with its old and new value; on the unchanged data
nbval passes and the report is empty."""

import os
import re
import shutil
import subprocess
import sys

from analysis.paths import ROOT, SEEDS

NOTEBOOK = "book/tallies.ipynb"


def _nbval(data_dir, report) -> subprocess.CompletedProcess:
    """nbval as `make test` runs it (NBVAL_FLAGS in the Makefile)."""
    env = dict(os.environ, REPORT_DATA=str(data_dir))
    flags = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/book/nbval_sanitize.cfg"]
    flags += ["-p", "analysis.publish.nbval_drift", "--drift-report", str(report)]
    return subprocess.run(
        [sys.executable, "-m", "pytest", NOTEBOOK, *flags, "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _extract(seeds, out) -> None:
    subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(seeds), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def test_a_changed_country_count_fails_the_notebook_that_shows_it(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    changed, bumped = 0, []
    for doc in seeds.glob("*.txt"):
        text = doc.read_text(encoding="utf-8")

        # Bump the first count stated for Syria ("77 in Syria" -> "78 in Syria").
        def bump(m):
            bumped.append(int(m.group(1)))
            return f"{int(m.group(1)) + 1}{m.group(2)}"

        new, n = re.subn(r"\b(\d+)( (?:attacks )?in Syria)", bump, text, count=1)
        if n:
            doc.write_text(new, encoding="utf-8")
            changed += 1
    assert changed, "no '<number> in Syria' found in the seeds to change"
    _extract(seeds, tmp_path / "data")
    report = tmp_path / "drift.txt"
    result = _nbval(tmp_path / "data", report)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "tallies.ipynb" in result.stdout and "failed" in result.stdout
    text = report.read_text(encoding="utf-8")
    old = bumped[0]
    assert f"  attacks_in_syria: {old} -> {old + 1} (book/tallies.ipynb)" in text.splitlines()[-6:], text
    assert "<td" not in text and "papermill" not in text


def test_the_unchanged_seeds_pass_the_same_notebook(tmp_path):
    _extract(SEEDS, tmp_path / "data")
    report = tmp_path / "drift.txt"
    result = _nbval(tmp_path / "data", report)
    assert result.returncode == 0, result.stdout[-2000:]
    assert report.read_text(encoding="utf-8") == ""


def test_the_one_sanitize_rule_leaves_out_only_a_charts_drawing():
    """Two drawings of the same table compare equal; a changed table does not (its CSV link)."""
    import pandas as pd
    from matplotlib.figure import Figure
    from nbval.plugin import get_sanitize_patterns

    from analysis.report.charts.svg import chart

    [(regex, replace)] = get_sanitize_patterns((ROOT / "tests/book/nbval_sanitize.cfg").read_text(encoding="utf-8"))

    def page(values, width=4):
        fig = Figure(figsize=(width, 2))
        fig.add_subplot().plot(values)
        return re.sub(
            regex, replace, chart(fig, pd.DataFrame({"value": values}), "fig-x", "alt", "cap", "src")._repr_html_()
        )

    assert page([1, 2]) == page([1, 2], width=5)  # drawn differently, same data
    assert page([1, 2]) != page([1, 3])
    assert "<svg>" in page([1, 2]) and "<path" not in page([1, 2])
