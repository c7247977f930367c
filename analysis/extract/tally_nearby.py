"""Which sentences a count without a place can take its place from, found without walking
the whole document for every count (that walk made a long document quadratic).

The walk in tally_document visits sentences nearest first (earlier ones, then later ones)
and stops at the first that can give a place. A sentence can give one only if it names a
place itself or holds a count with a place, and is not a sentence of the other kind of
count (running totals against incidents). This index keeps, per kind, the sorted
sentences that may give a place (a superset: the walk still decides), so the walk skips
the rest; `update` re-reads a sentence after one of its counts changed."""

from __future__ import annotations

from bisect import bisect_left, insort

from analysis.extract.tally_context import RUNNING


class PlaceIndex:
    def __init__(self, ctx):
        self.ctx = ctx
        self.static = [bool(ctx.places(i)) for i in range(len(ctx.per_sentence))]
        self.donors = {False: [], True: []}  # running? -> sentences that may give a place
        self.running = []  # sentences holding a running total with a place
        for i in range(len(ctx.per_sentence)):
            self._add(i)

    def _gives(self, i: int, running: bool) -> bool:
        found = self.ctx.per_sentence[i]
        if found and all((d.kind in RUNNING) != running for d in found):
            return False
        return self.static[i] or any(d.places for d in found)

    def _add(self, i: int) -> None:
        for running, where in self.donors.items():
            if self._gives(i, running):
                _insert(where, i)
        if any(d.kind in RUNNING and d.places for d in self.ctx.per_sentence[i]):
            _insert(self.running, i)

    def update(self, i: int) -> None:
        """Sentence i's counts changed (a place or a kind): read it again."""
        for where in (*self.donors.values(), self.running):
            k = bisect_left(where, i)
            if k < len(where) and where[k] == i:
                del where[k]
        self._add(i)

    def donors_near(self, index: int, running: bool):
        """Candidate sentences, nearest earlier first, then later ones, never `index`."""
        return _around(self.donors[running], index)

    def running_near(self, index: int):
        return _around(self.running, index)


def _insert(where: list[int], i: int) -> None:
    k = bisect_left(where, i)
    if k == len(where) or where[k] != i:
        insort(where, i)


def _around(where: list[int], index: int):
    k = bisect_left(where, index)
    yield from where[k - 1 :: -1] if k else ()
    yield from (i for i in where[k:] if i != index)
