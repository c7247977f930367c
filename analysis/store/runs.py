"""One table's rows, sorted without holding them all: rows are buffered, and each full
buffer is sorted and spilled to a run file; `merged()` then yields every row in the
table's order by merging the runs (heapq.merge, stable, so rows with equal keys keep the
order they were added in: the bytes are those of one sort over every row). A table that
never fills its buffer never touches the disk."""

from __future__ import annotations

import heapq
import pickle
import tempfile
from pathlib import Path

from analysis.store.csv import sort_key
from analysis.store.schema import Table

MAX_RUNS = 64  # more are merged into one first, so a merge never opens too many files


class SpillError(OSError):
    """A run could not be written (a full disk, say): a problem of the output folder."""


class SortedRuns:
    def __init__(self, table: Table, folder: Path):
        self.table, self.folder = table, Path(folder)
        self.key = sort_key(table)
        self.buffer: list[dict] = []
        self.runs: list[Path] = []

    def add(self, rows: list[dict]) -> None:
        self.buffer.extend(rows)

    def spill(self) -> None:
        """Write the buffer, sorted, as one more run."""
        if not self.buffer:
            return
        self.buffer.sort(key=self.key)
        self.runs.append(self._write(self.buffer))
        self.buffer = []
        if len(self.runs) >= MAX_RUNS:
            runs, self.runs = self.runs, []
            self.runs.append(self._write(heapq.merge(*map(_read, runs), key=self.key)))
            for run in runs:
                run.unlink()

    def merged(self):
        """Every row added, in the table's order (then in the order added)."""
        self.buffer.sort(key=self.key)
        return heapq.merge(*map(_read, self.runs), iter(self.buffer), key=self.key)

    def _write(self, rows) -> Path:
        try:
            handle = tempfile.NamedTemporaryFile(
                dir=self.folder, prefix=f"{self.table.name}-", suffix=".run", delete=False
            )
            with handle:
                for row in rows:
                    pickle.dump(row, handle, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise SpillError(exc.errno, exc.strerror) from None
        return Path(handle.name)


def _read(path: Path):
    """The rows of one run, one at a time."""
    with open(path, "rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return
