"""bench/peak.py, which make bench runs each extraction through: it must run the real
command line and report that process's own peak memory, not the high-water mark of the
process that started it (what getrusage's ru_maxrss gives a child on Linux)."""

from __future__ import annotations

import os
import subprocess
import sys

from analysis.paths import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def test_peak_reports_the_extract_process_s_own_high_water_mark(tmp_path):
    ballast = b"x" * (300 * 1024 * 1024)  # make this process's own peak far larger than extract's
    peak = tmp_path / "peak"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_PEAK_FILE": str(peak)}
    command = [sys.executable, str(ROOT / "bench" / "peak.py"), "analysis", "extract", str(CORPUS)]
    done = subprocess.run([*command, "--out", str(tmp_path / "out")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "datapackage.json").exists()
    kib = int(peak.read_text())
    assert 10_000 < kib < len(ballast) // 1024, kib
