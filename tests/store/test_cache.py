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


def copied(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES, corpus)
    return corpus


def test_a_changed_sidecar_with_the_same_text_misses_and_is_parsed_again(tmp_path, counted, snapshot):
    corpus = copied(tmp_path)
    extract(corpus, tmp_path / "a", tmp_path / "cache")
    n = len(counted)
    side = corpus / "f09_undated_outlet.meta.yml"
    side.write_text(side.read_text(encoding="utf-8").replace("State media report", "A retitled report"))
    extract(corpus, tmp_path / "b", tmp_path / "cache")
    assert counted[n:] == ["f09_undated_outlet"]
    assert "A retitled report" in (tmp_path / "b" / "documents.csv").read_text(encoding="utf-8")
    extract(corpus, tmp_path / "full")
    assert snapshot(tmp_path / "b") == snapshot(tmp_path / "full")


def test_an_unchanged_document_is_not_parsed_again(tmp_path, monkeypatch):
    """A hit needs the bytes only: neither the text's checks nor the sidecar's YAML run."""
    from analysis.text import corpus as corpus_module

    extract(FIXTURES, tmp_path / "a", tmp_path / "cache")
    parsed = []
    real = corpus_module.parse_source
    monkeypatch.setattr(corpus_module, "parse_source", lambda *a, **k: parsed.append(1) or real(*a, **k))
    monkeypatch.setattr(cache, "parse_source", corpus_module.parse_source)
    extract(FIXTURES, tmp_path / "b", tmp_path / "cache")
    assert parsed == []


@pytest.mark.parametrize(
    "body, problem",
    [
        ("title: [unclosed\n", "invalid YAML"),
        ("published: 2999-01-01\n", "is in the future"),
        ("reviewed: yes\n", "sidecar field 'reviewed' must be a list"),
    ],
)
def test_a_bad_sidecar_is_refused_when_its_text_is_cached(tmp_path, run, snapshot, body, problem):
    corpus = copied(tmp_path)
    out, cache_dir = tmp_path / "out", tmp_path / "cache"
    code, _, err = run("extract", corpus, "--out", out, "--cache", cache_dir)
    assert code == 0, err
    before = snapshot(out)
    (corpus / "f09_undated_outlet.meta.yml").write_text(body, encoding="utf-8")
    code, _, err = run("extract", corpus, "--out", out, "--cache", cache_dir)
    assert code == 2 and len(err) == 1, err
    assert err[0].startswith("error: ") and "f09_undated_outlet.meta.yml" in err[0] and problem in err[0], err
    assert snapshot(out) == before


def test_a_hit_repeats_what_parsing_said(tmp_path, run, snapshot):
    """Warnings about a sidecar (an unknown key, no date, a key twice), a reviewed check
    and a stale review come out of a cached run as out of a fresh one, in the same order;
    --strict stops at the same warning."""
    corpus = copied(tmp_path)
    side = corpus / "f06_review_reasons.meta.yml"
    text = side.read_text(encoding="utf-8").replace("published: 2024-01-30\n", "")
    side.write_text(text + "colour: blue\nlanguage: en\nreviewed:\n  - check: split_sum:1\n    note: Not a check.\n")
    (corpus / "f08_post_pause.meta.yml").unlink()  # no sidecar at all
    fresh = run("extract", corpus, "--out", tmp_path / "fresh")
    assert fresh[0] == 0 and len(fresh[2]) >= 5, fresh
    first = run("extract", corpus, "--out", tmp_path / "first", "--cache", tmp_path / "cache")
    cached = run("extract", corpus, "--out", tmp_path / "cached", "--cache", tmp_path / "cache")
    assert fresh[2] == first[2] == cached[2]
    assert snapshot(tmp_path / "fresh") == snapshot(tmp_path / "cached")
    assert "reviewed" in (tmp_path / "cached" / "checks.csv").read_text(encoding="utf-8")  # f03's review, applied
    strict = [
        run("extract", corpus, "--out", tmp_path / "s", "--strict", *c)[2]
        for c in ([], ["--cache", tmp_path / "cache"])
    ]
    assert strict[0] == strict[1] and len(strict[0]) == 1, strict


def test_an_entry_dated_after_today_misses(tmp_path):
    """A clock set back: a date once in the past is now in the future, so the sidecar is
    checked again (and refused) rather than its entry used."""
    import datetime as dt

    from analysis.extract import pipeline
    from analysis.store.cache import Hit, Miss, open_cache, resolver, through_cache
    from analysis.text.inputs import list_inputs

    folder = open_cache(tmp_path / "cache")
    files = list_inputs([FIXTURES / "f09_undated_outlet.txt"])
    function = resolver(pipeline.extract_document, pipeline.TABLES, ["documents", "tallies", "checks"])
    [item] = through_cache(files, [], folder, {})
    assert isinstance(item, Miss)
    function(item)
    [item] = through_cache(files, [], folder, {})
    assert isinstance(item, Hit)
    with pytest.raises(Exception, match="in the future"):
        list(through_cache(files, [], folder, {}, today=dt.date(2024, 1, 1)))
