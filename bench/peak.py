"""Run `python -m analysis ...` and write the process's own peak resident memory (VmHWM, in
KiB) to $BENCH_PEAK_FILE when it ends. VmHWM belongs to the process's memory map, which
starts afresh at exec, so unlike getrusage's ru_maxrss it does not include the high-water
mark of the process that started it. Worker processes (--jobs) are not counted: the figure
is the parent's, which is where rows would pile up."""

from __future__ import annotations

import atexit
import os
import runpy
import sys


def _write_peak() -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["BENCH_PEAK_FILE"], "w", encoding="ascii") as out:
        out.write(peak)


if __name__ == "__main__":
    atexit.register(_write_peak)
    sys.argv = ["analysis", *sys.argv[2:]] if sys.argv[1:2] == ["analysis"] else sys.argv
    runpy.run_module("analysis", run_name="__main__", alter_sys=True)
