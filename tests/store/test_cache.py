"""The per-document cache: a run through it writes the same bytes as a run without it, a
second run extracts nothing, a new document is the only one extracted, and a change to a
lexicon (any file of the package) makes every entry miss."""

import shutil
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.extract import pipeline
from analysis.store import cache

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


@pytest.fixture
def counted(monkeypatch):
    """How many documents the pipeline extracts (through the cache or not)."""
    calls = []
    real = pipeline.extract_document

    def counting(doc):
        calls.append(doc.doc_id)
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_document", counting)
    return calls


def extract(corpus, out, cache_dir=None):
    argv = ["extract", str(corpus), "--out", str(out)] + (["--cache", str(cache_dir)] if cache_dir else [])
    assert main(argv) == 0


def test_cached_runs_write_the_bytes_of_a_full_run(tmp_path, snapshot, counted, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES, corpus)
    extract(corpus, tmp_path / "full")
    n = len(counted)
    assert n == len(list(corpus.glob("*.txt"))) > 3
    extract(corpus, tmp_path / "first", tmp_path / "cache")
    assert len(counted) == 2 * n
    extract(corpus, tmp_path / "second", tmp_path / "cache")
    assert len(counted) == 2 * n  # every document from the cache
    assert snapshot(tmp_path / "first") == snapshot(tmp_path / "full") == snapshot(tmp_path / "second")

    added = corpus / "z_added.txt"  # a document written for this test
    added.write_text("Two rockets hit a base in Syria on Monday, injuring three U.S. troops.\n", encoding="utf-8")
    (corpus / "z_added.meta.yml").write_text("published: 2024-01-10\n", encoding="utf-8")
    extract(corpus, tmp_path / "third", tmp_path / "cache")
    assert counted[2 * n :] == ["z_added"]
    extract(corpus, tmp_path / "full-again")
    assert snapshot(tmp_path / "third") == snapshot(tmp_path / "full-again")

    (corpus / "z_added.meta.yml").write_text("published: 2024-01-11\n", encoding="utf-8")  # a changed sidecar
    extract(corpus, tmp_path / "fourth", tmp_path / "cache")
    assert counted[-1] == "z_added" and counted.count("z_added") == 3


def test_a_changed_lexicon_makes_every_entry_miss(tmp_path, counted, monkeypatch):
    package = tmp_path / "analysis"
    shutil.copytree(cache.PACKAGE_ROOT, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_ROOT", package)
    extract(FIXTURES, tmp_path / "a", tmp_path / "cache")
    n = len(counted)
    extract(FIXTURES, tmp_path / "b", tmp_path / "cache")
    assert len(counted) == n
    lexicon = package / "lexicons" / "tallies.yml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# an edited rule file\n", encoding="utf-8")
    extract(FIXTURES, tmp_path / "c", tmp_path / "cache")
    assert len(counted) == 2 * n  # every document again
    assert len([p for p in (tmp_path / "cache").iterdir() if p.is_dir()]) == 1  # the old version's entries removed


def test_a_damaged_entry_is_extracted_again(tmp_path, counted, snapshot):
    extract(FIXTURES, tmp_path / "a", tmp_path / "cache")
    n = len(counted)
    entry = sorted((tmp_path / "cache").glob("*/*.json"))[0]
    entry.write_bytes(entry.read_bytes()[:10])
    extract(FIXTURES, tmp_path / "b", tmp_path / "cache")
    assert len(counted) == n + 1
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
