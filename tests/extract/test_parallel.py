"""Speed and scale: worker processes and Dask give byte-identical output folders, the
corpus streams through them, and the speed-ups (gated patterns, the date prefilter)
match exactly what the plain patterns match. No timing assertions."""

import sys
from pathlib import Path

import pytest

from analysis.extract import parallel, pipeline
from analysis.paths import ROOT
from analysis.text.corpus import Document, InputError, iter_corpus

sys.path.insert(0, str(ROOT / "bench"))
from make_corpus import document, write_corpus  # noqa: E402

N_DOCS = 36


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A few dozen synthetic documents, one of them without a sidecar (a warning)."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, N_DOCS, seed=7)
    (folder / "synthetic_00003.meta.yml").unlink()
    return folder


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    """The single-process run everything is compared with: (folder, stderr lines)."""
    from analysis.cli import main

    out = tmp_path_factory.mktemp("single") / "out"
    assert main(["extract", str(corpus), "--out", str(out)]) == 0
    return out


def test_jobs_2_writes_the_same_bytes(corpus, single, run, snapshot, tmp_path):
    code, _, err = run("extract", corpus, "--out", tmp_path / "out", "--jobs", "2")
    assert code == 0
    assert snapshot(tmp_path / "out") == snapshot(single)
    assert [line for line in err if line.startswith("warning:")] == [f"warning: {line}" for line in _warnings(corpus)]


def test_dask_engine_writes_the_same_bytes(corpus, single, run, snapshot, tmp_path):
    # --engine dask starts its own LocalCluster: worker processes on 127.0.0.1, no dashboard
    code, _, err = run("extract", corpus, "--out", tmp_path / "out", "--engine", "dask", "--jobs", "2")
    assert code == 0
    assert snapshot(tmp_path / "out") == snapshot(single)
    assert [line for line in err if line.startswith("warning:")] == [f"warning: {line}" for line in _warnings(corpus)]


def test_dask_on_a_given_cluster_returns_results_in_order(corpus):
    from distributed import Client, LocalCluster

    expected = [pipeline.extract_document(d) for d in iter_corpus([corpus], [])]
    with (
        LocalCluster(
            processes=False,
            n_workers=1,
            threads_per_worker=2,
            protocol="tcp://",
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        got = list(parallel.map_documents(iter_corpus([corpus], []), jobs=2, engine="dask", chunksize=3, client=client))
    assert got == expected


def _warnings(corpus):
    found: list[str] = []
    for _ in iter_corpus([corpus], found):
        pass
    return found


def _documents(n, pulled):
    """n in-memory synthetic documents, counting how many the consumer has taken."""
    import random

    rng = random.Random(1)
    for i in range(n):
        pulled.append(i)
        text, _ = document(rng)
        yield Document(doc_id=f"d{i}", path=f"d{i}.txt", text=text, sha256="0" * 64, meta={})


@pytest.mark.parametrize("engine, jobs", [("local", 2), ("dask", 1)])
def test_documents_stream_through_the_workers(engine, jobs):
    """The first result arrives long before the corpus has been read: a bounded number of
    documents is in flight, whatever the corpus size."""
    from distributed import Client, LocalCluster

    pulled: list[int] = []
    n = 3000 if engine == "local" else 400
    if engine == "dask":
        with (
            LocalCluster(
                processes=False,
                n_workers=1,
                threads_per_worker=1,
                protocol="tcp://",
                host="127.0.0.1",
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            results = parallel.map_documents(
                _documents(n, pulled), jobs=jobs, engine=engine, chunksize=4, client=client
            )
            next(results)
            assert len(pulled) <= 4 * 16  # at most three windows of 16 and the one being read
            results.close()
        return
    results = parallel.map_documents(_documents(n, pulled), jobs=jobs, engine=engine)
    next(results)
    assert len(pulled) < n // 2
    results.close()


def test_input_error_in_the_corpus_is_raised_as_without_workers():
    def documents():
        yield from _documents(40, [])
        raise InputError("bad.txt", "not valid UTF-8")

    with pytest.raises(InputError, match="not valid UTF-8"):
        list(parallel.map_documents(documents(), jobs=2))
