"""One table's rows, sorted without holding them all: each row is kept as its CSV line
(formatted once, as it comes) with its sort key and its place in the order added; the
buffer is sorted and spilled to a run file when full, and `merged()` then yields every
line in the table's order by merging the runs (rows with equal keys keep the order they
were added in: the bytes are those of one stable sort over every row). A table that
never fills its buffer never touches the disk."""

from __future__ import annotations

import heapq
import itertools
import pickle
import tempfile
from pathlib import Path

from analysis.store.csv import row_lines, sort_key
from analysis.store.schema import Table

MAX_RUNS = 64  # more are merged into one first, so a merge never opens too many files
BATCH = 32  # entries pickled together in a run file: a merge holds one batch a run
LINES = "lines"  # a result's key for its tables' rows already prepared, {table: prepare(rows)}, when it has them


class SpillError(OSError):
    """A run could not be written (a full disk, say): a problem of the output folder."""


def prepare(table: Table, rows: list[dict]) -> tuple[list[tuple], list[str]]:
    """The rows' sort keys and their CSV lines: all a table's runs keep of them."""
    return list(map(sort_key(table), rows)), row_lines(table, rows)


class SortedRuns:
    def __init__(self, table: Table, folder: Path):
        self.table, self.folder = table, Path(folder)
        self.key = sort_key(table)
        self.buffer: list[tuple] = []  # (sort key, place added, line)
        self.runs: list[Path] = []
        self._added = itertools.count()

    def add(self, rows: list[dict]) -> None:
        self.add_prepared(*prepare(self.table, rows))

    def add_prepared(self, keys: list[tuple], lines: list[str]) -> None:
        """Buffer rows given as prepare() gives them (formatted before, by a worker or the cache)."""
        self.buffer.extend(zip(keys, self._added, lines))

    def spill(self) -> None:
        """Write the buffer, sorted, as one more run."""
        if not self.buffer:
            return
        self.buffer.sort()  # (key, place added) is unique: lines are never compared
        self.runs.append(self._write(self.buffer))
        self.buffer = []
        if len(self.runs) >= MAX_RUNS:
            runs, self.runs = self.runs, []
            self.runs.append(self._write(heapq.merge(*map(_read, runs))))
            for run in runs:
                run.unlink()

    def merged(self):
        """Every line added, in the table's order (then in the order added)."""
        self.buffer.sort()
        return (entry[2] for entry in heapq.merge(*map(_read, self.runs), iter(self.buffer)))

    def _write(self, entries) -> Path:
        try:
            handle = tempfile.NamedTemporaryFile(
                dir=self.folder, prefix=f"{self.table.name}-", suffix=".run", delete=False
            )
            with handle:
                entries = iter(entries)
                while batch := list(itertools.islice(entries, BATCH)):
                    pickle.dump(batch, handle, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise SpillError(exc.errno, exc.strerror) from None
        return Path(handle.name)


def _read(path: Path):
    """The entries of one run, a batch at a time."""
    with open(path, "rb") as handle:
        while True:
            try:
                yield from pickle.load(handle)
            except EOFError:
                return
