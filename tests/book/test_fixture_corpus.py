"""The book over a corpus that is not the seed: tests/fixtures/corpus, nine short
documents written for the tests (cumulative counts on four dates with country splits,
an incident with injuries and no start date, a source whose parts do not add up and
whose sidecar records that review, relayed and unconfirmed claims, reasons given by
several speakers, an article with no tally, a document with no established outlet).

Its data is extracted with --strict (the review lets it pass), and every notebook of the
book is executed over it: no cell fails or writes to stderr, and the key findings are the
corpus's, not the seed's. Without the review, --strict refuses the corpus and a
non-strict run names the failed check."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from analysis.paths import ROOT
from analysis.publish.toc import toc_notebooks
from analysis.report.load import load_table

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
INCONSISTENT = "f03_gazette_inconsistent"


def test_the_fixture_corpus_is_what_its_docstring_says(fixture_corpus_data):
    tallies, documents = load_table("tallies", fixture_corpus_data), load_table("documents", fixture_corpus_data)
    attacks = tallies[(tallies.measure == "attacks") & tallies.part_of.isna()]
    assert attacks.as_of.nunique() >= 3 and (tallies.split == "location").sum() >= 6
    injured = tallies[tallies.measure == "injured"]
    assert (injured.since.isna() & injured.as_of.isna()).any()
    assert set(documents.doc_id) - set(tallies.doc_id), "a document with no tally"
    claims = load_table("claims", fixture_corpus_data)
    assert claims.via.str.contains(">").fillna(False).any() and (claims.status == "unconfirmed").any()
    assert load_table("justifications", fixture_corpus_data).speaker.nunique() >= 3
    assert documents.outlet.isna().any()


def test_a_reviewed_inconsistency_passes_strict_and_is_shown_as_reviewed(fixture_corpus_data):
    checks = load_table("checks", fixture_corpus_data)
    reviewed = checks[checks.status == "reviewed"]
    assert reviewed.doc_id.tolist() == [INCONSISTENT] and reviewed.kind.tolist() == ["split_sum"]
    assert "the source's" in reviewed.review_note.iloc[0]


def test_without_the_review_strict_refuses_and_a_first_look_names_the_check(tmp_path, run, capsys):
    from analysis.publish.__main__ import main as publish_main

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    sidecar = corpus / f"{INCONSISTENT}.meta.yml"
    text = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(text[: text.index("reviewed:")], encoding="utf-8")
    code, _, err = run("extract", corpus, "--out", tmp_path / "strict", "--strict")
    assert code == 2 and "required check fails" in err[-1] and not (tmp_path / "strict").exists()
    code, _, err = run("extract", corpus, "--out", tmp_path / "first-look")
    assert code == 0
    assert publish_main(["checks", str(tmp_path / "first-look")]) == 0  # what make book prints at the end
    out = capsys.readouterr().out
    assert "WARNING: 1 required check(s) FAIL" in out and f"{INCONSISTENT}:split_sum:" in out


def test_a_stale_review_is_reported(tmp_path, run):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    sidecar = corpus / f"{INCONSISTENT}.meta.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("split_sum:", "split_sum:9"), encoding="utf-8")
    code, _, err = run("extract", corpus, "--out", tmp_path / "out", "--strict")
    assert code == 2 and "not a failing check of this document" in err[-1]


# What the notebooks show of the fixture corpus, by notebook: its key findings, not the seed's.
SHOWN = {
    "book/documents.ipynb": [
        "As of 2024-02-04, the Pentagon counted 170 attacks on US forces in Iraq and Syria",
        "9 documents from 9 outlets",
        "source inconsistent (reviewed)",
    ],
}
NOT_SHOWN = {"book/documents.ipynb": ["seed"]}


def test_the_shown_findings_name_notebooks_of_the_book():
    assert set(SHOWN) | set(NOT_SHOWN) <= set(toc_notebooks())


@pytest.mark.parametrize("path", toc_notebooks())
def test_every_notebook_runs_over_the_fixture_corpus(path, fixture_corpus_data, monkeypatch):
    """Each notebook in its own kernel, as the book runs it (one test per notebook, so
    pytest-xdist spreads them)."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("REPORT_DATA", str(fixture_corpus_data))
    nb = nbformat.read(ROOT / path, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "book")}}
    ).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    stderr = [o.text for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not errors and not stderr, (path, errors[:1], stderr[:1])
    shown = "\n".join(str(v) for c in nb.cells for o in c.get("outputs", []) for v in o.get("data", {}).values())
    assert [phrase for phrase in SHOWN.get(path, []) if phrase not in shown] == []
    assert [word for word in NOT_SHOWN.get(path, []) if word in shown.lower()] == []
    assert os.environ["REPORT_DATA"] == str(fixture_corpus_data)
