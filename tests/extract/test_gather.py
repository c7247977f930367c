"""Tables gathered in sorted runs (analysis/extract/gather.py, through the command line):
the output of a run that spills after every document, merging many runs, is byte for
byte that of one held in memory, and no run file is left behind, whether the run
succeeds or fails."""

import os
from pathlib import Path

import pytest

from analysis.extract import gather, pipeline
from analysis.paths import ROOT
from analysis.store import runs
from analysis.store.csv import to_csv
from analysis.text.corpus import iter_corpus

CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def spilled(tmp_path, run, monkeypatch):
    """The fixture corpus extracted spilling after every document (several runs a table,
    merged into one on the way too); returns the output and how many runs were written."""
    written = []
    monkeypatch.setattr(gather, "SPILL_ROWS", 1)
    monkeypatch.setattr(runs, "MAX_RUNS", 5)
    real = runs.SortedRuns._write
    monkeypatch.setattr(runs.SortedRuns, "_write", lambda self, rows: written.append(1) or real(self, rows))
    code, _, err = run("extract", CORPUS, "--out", tmp_path / "spilled")
    assert code == 0, err
    return tmp_path / "spilled", len(written)


def test_spilled_output_is_that_of_one_in_memory(tmp_path, run, spilled, monkeypatch):
    out, written = spilled
    assert written > 2 * len(pipeline.TABLES)
    monkeypatch.setattr(gather, "SPILL_ROWS", 10**9)
    code, _, err = run("extract", CORPUS, "--out", tmp_path / "memory")
    assert code == 0, err
    assert files_under(out) == files_under(tmp_path / "memory")
    # and each table that has no cross-document rows is one sort over every document's rows
    results = [pipeline.extract_document(doc) for doc in iter_corpus([CORPUS], [])]
    for table in pipeline.TABLES:
        if table.name != "checks":
            rows = [row for result in results for row in result[table.name]]
            assert (out / table.path).read_bytes() == to_csv(table, rows), table.name


def no_runs_left(parent: Path) -> None:
    assert [p for p in parent.rglob("*.run")] == []
    assert [n for n in os.listdir(parent) if n.startswith(".")] == []


def test_no_run_file_is_left_after_success(spilled):
    out, _ = spilled
    no_runs_left(out.parent)
    assert not (out / ".runs").exists()


def interrupted_at_the_fourth(extract):
    seen = []

    def extract_document(doc):
        seen.append(doc)
        if len(seen) == 4:
            raise KeyboardInterrupt
        return extract(doc)

    return extract_document


@pytest.mark.parametrize("failure, code", [("validation", 2), ("interrupted", 130)])
def test_no_run_file_is_left_after_a_failure(tmp_path, run, monkeypatch, snapshot, failure, code):
    """Failing after runs were written: at validation (the tables are merged, the runs
    removed) or by Ctrl-C while the documents are read (the runs are still there)."""
    from analysis.extract import documents

    monkeypatch.setattr(gather, "SPILL_ROWS", 1)
    if failure == "validation":
        real = documents.document_row
        monkeypatch.setattr(documents, "document_row", lambda doc, s: {**real(doc, s), "chars": "many"})
    else:
        monkeypatch.setattr(pipeline, "extract_document", interrupted_at_the_fourth(pipeline.extract_document))
    before = snapshot(tmp_path)
    got, _, err = run("extract", CORPUS, "--out", tmp_path / "a" / "out")
    assert got == code and len(err) == 1, err
    assert snapshot(tmp_path) == before
    no_runs_left(tmp_path)
