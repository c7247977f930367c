"""The per-document results gathered into tables without holding every row: each
table's rows go to sorted runs in a spill folder (analysis.store.runs) and are merged in
order when written, so a run's memory stays flat as the corpus grows. What spans
documents stays in memory and is small: row counts, the first failing required check,
the reviews' stale names. The reference agreement (check.reconcile) compares each tally
with the curated series alone, so its rows are made as each document's tallies come."""

from __future__ import annotations

from pathlib import Path

from analysis.check import checks
from analysis.check.reconcile import reconcile
from analysis.extract.pipeline import WARNINGS
from analysis.store.runs import LINES, SortedRuns
from analysis.text.corpus import InputWarning

ROWS_READ = ("documents", "tallies", "checks")  # the tables add() reads as rows; the others may come prepared
SPILL_ROWS = 20_000  # rows buffered across tables before they are spilled: a few tens of MB


class Gathered:
    def __init__(self, tables, folder: Path, reviews: dict, warnings: list, reference_rows: list[dict]):
        self.tables, self.reviews, self.warnings = tables, reviews, warnings
        self.reference_rows = reference_rows  # the curated attack counts, for the reference agreement
        self.series: dict = {}  # reconcile's series read from them, kept from one document to the next
        self.runs = {t.name: SortedRuns(t, folder) for t in tables}
        self.counts = {t.name: 0 for t in tables}
        self.failed: list[tuple[dict, str | None]] = []  # (first failing required check, its document's path)
        self.failures = 0
        self.stale: list[tuple[str, str, str | None]] = []
        self.buffered = 0

    def add(self, result: dict) -> None:
        """One document's result: its warnings noted, its reviews applied, its rows buffered."""
        doc = result["documents"][0]
        for problem in result.pop(WARNINGS, ()):
            self.warnings.append(InputWarning(doc["path"], problem))
        prepared = result.pop(LINES, None) or {}  # tables formatted already (analysis.store.cache)
        reviews = {doc["doc_id"]: self.reviews.pop(doc["doc_id"])} if doc["doc_id"] in self.reviews else {}
        if reviews:
            prepared.pop("checks", None)  # its rows may change
        result["checks"], stale = checks.apply_reviews(result["checks"], reviews)
        self.stale += [(d, problem, doc.get("path")) for d, problem in stale]
        for row in result["checks"]:
            if row.get("required") and row.get("status") == "mismatch":
                self.failures += 1
                self.failed = self.failed or [(row, doc.get("path"))]
        for name, runs in self.runs.items():
            if name in prepared:
                runs.add_prepared(*prepared[name])
                n = len(prepared[name][1])
            else:
                runs.add(result[name])
                n = len(result[name])
            self.counts[name] += n  # the summary counts the rows extracted, not the agreement
            self.buffered += n
        agreement = reconcile(result["tallies"], self.reference_rows, memo=self.series)
        self.runs["checks"].add(agreement)
        self.buffered += len(agreement)
        if self.buffered >= SPILL_ROWS:
            for runs in self.runs.values():
                runs.spill()
            self.buffered = 0

    def finish(self) -> None:
        """After the last document: the stale reviews, in the order of their documents' ids;
        and, when anything was spilled, the rest too, so the rows are not held while the
        runs are merged."""
        if any(runs.runs for runs in self.runs.values()):
            for runs in self.runs.values():
                runs.spill()
        for doc_id, problem, path in sorted(self.stale):
            self.warnings.append(InputWarning(path or doc_id, problem))
