"""What the repository commits as generated output (data/, bench/ results, the book's
stored notebooks and its changes log) names no machine: no absolute path of the checkout,
of the home folder or of the temporary folder, and no memory address. Another clone must
get the same bytes."""

from __future__ import annotations

import re
import subprocess

import pytest

from analysis.paths import ROOT

GENERATED = ("data/", "bench/results.csv", "bench/results.md", "bench/accuracy.csv", "book/")
MACHINE = re.compile(r"(?<![\w.])/(?:work|home|tmp|root|Users|private/var)/[\w.-]+|0x[0-9a-f]{8,}")


def committed_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", *GENERATED], cwd=ROOT, capture_output=True, text=True, check=True)
    return [p for p in listed.stdout.splitlines() if p.endswith((".csv", ".json", ".md", ".ipynb"))]


@pytest.mark.parametrize("path", committed_files())
def test_a_generated_file_names_no_machine(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    found = sorted(set(MACHINE.findall(text)))
    assert not found, f"{path} names this machine: {found[:5]}"


def test_the_pattern_finds_what_it_is_for():
    assert MACHINE.findall("--real /work/shared/dev/docs and <object at 0x7f3a9c2b1e40>") == [
        "/work/shared",
        "0x7f3a9c2b1e40",
    ]
    assert not MACHINE.findall("see ../shared/dev/docs or https://example.org/tmp/x")
