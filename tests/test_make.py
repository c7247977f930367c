"""The Makefile's own guards: seeds with any name, and the closing note of `make test`
when the browser tests could not run."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.paths import ROOT

TEXT = "US forces were attacked on Friday in Syria.\n"


def make(folder: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(folder), *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture
def project(tmp_path) -> Path:
    """The Makefile in a bare folder, its environment stamp faked with this interpreter."""
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "analysis").mkdir()
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".installed").touch()
    (tmp_path / "seeds").mkdir()
    for name in ("plain", "a seed with spaces", "semi;colon", "colon:name"):
        (tmp_path / "seeds" / f"{name}.txt").write_text(TEXT)
        (tmp_path / "seeds" / f"{name}.meta.yml").write_text("published: 2024-01-12\n")
    return tmp_path


def test_seeds_with_spaces_or_semicolons_build_and_rebuild_only_on_change(project):
    """`$(wildcard seeds/*)` split 'a seed with spaces.txt' into words: No rule to make target."""
    python = f"PY={sys.executable}"
    first = make(project, "data", python)
    assert first.returncode == 0, first.stderr
    assert "analysis extract 'seeds'" in first.stdout and (project / "data" / "datapackage.json").is_file()
    assert "a seed with spaces" in (project / "data" / "documents.csv").read_text()
    again = make(project, "data", python)
    assert again.returncode == 0 and "analysis extract" not in again.stdout, again.stdout
    (project / "seeds" / "semi;colon.txt").write_text(TEXT + "Officials said 3 drones were shot down.\n")
    changed = make(project, "data", python)
    assert changed.returncode == 0 and "analysis extract 'seeds'" in changed.stdout, changed.stderr


@pytest.mark.parametrize("chromium, says", [("/nonexistent/chromium", True), ("/bin/sh", False)])
def test_make_test_ends_by_saying_when_the_browser_tests_did_not_run(chromium, says):
    """pytest only says '2 skipped'; the note names what is missing and the command."""
    done = make(ROOT, "-s", "browser-note", f"CHROMIUM={chromium}")
    assert done.returncode == 0
    if says:
        lines = done.stdout.splitlines()
        assert len(lines) == 2 and "the browser and PDF tests did not run" in lines[0] and chromium in lines[0]
        assert "make browser-deps" in lines[1]
    else:
        assert done.stdout == ""


def test_the_note_comes_after_the_test_summary():
    recipe = (ROOT / "Makefile").read_text().split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index("pytest") < recipe.index("browser-note") and "exit $${status:-0}" in recipe
