"""Speed and scale: worker processes and Dask give byte-identical output folders, the
corpus streams through them, and the speed-ups (gated patterns, the date prefilter)
match exactly what the plain patterns match. No timing assertions."""

import contextlib
import os
import socket
import sys
import warnings
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
    # --engine dask starts its own LocalCluster: worker processes on 127.0.0.1, no dashboard,
    # and its scheduler's web server on a free port, never the dashboard's fixed 8787 (two
    # runs at once would compete for it: "Port 8787 is already in use")
    with socket.socket() as taken, warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        with contextlib.suppress(OSError):  # taken already: it is in use either way
            taken.bind(("127.0.0.1", 8787))
            taken.listen()
        code, _, err = run("extract", corpus, "--out", tmp_path / "out", "--engine", "dask", "--jobs", "2")
    assert not [w for w in said if "8787" in str(w.message)], [str(w.message) for w in said]
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
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # not the fixed 8787
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
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # not the fixed 8787
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


def test_jobs_are_capped_at_the_cpus_and_the_documents(tmp_path, run, monkeypatch):
    """`--jobs 10000` with one document started 4,872 processes."""
    import multiprocessing

    started: list[int] = []
    real_pool = multiprocessing.Pool

    def pool(processes, **kwargs):
        started.append(processes)
        return real_pool(1, **kwargs)

    monkeypatch.setattr(multiprocessing, "Pool", pool)
    write_corpus(tmp_path / "one", 1, seed=1)
    assert run("extract", tmp_path / "one", "--out", tmp_path / "o1", "--jobs", "1000")[0] == 0
    assert started == []  # one document: no pool at all
    write_corpus(tmp_path / "three", 3, seed=1)
    assert run("extract", tmp_path / "three", "--out", tmp_path / "o3", "--jobs", "1000")[0] == 0
    assert started in ([], [min(3, parallel.cpu_count())])  # [] on a one-CPU machine
    assert parallel.worker_count(1000, 3) == min(3, parallel.cpu_count())
    assert parallel.worker_count(1000) == parallel.cpu_count() and parallel.worker_count(0, 5) == 1


# Runs `python -m analysis` with a slow extractor (forked workers inherit it); each worker
# writes its pid into argv[1] once it has started on a document.
SLOW = """
import os, sys, time
from pathlib import Path
import analysis.extract.pipeline as pipeline
import analysis.cli as cli
def slow(doc):
    (Path(sys.argv[1]) / str(os.getpid())).touch()
    time.sleep(0.5)
    return real(doc)
real, pipeline.extract_document = pipeline.extract_document, slow
sys.exit(cli.main(sys.argv[2:]))
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("how", ["sigterm", "sigkill", "ctrl-c"])
def test_stopping_a_run_with_two_workers_is_quiet_and_leaves_no_workers(how, corpus, tmp_path):
    """Killing the parent left workers that printed BrokenPipeError tracebacks; Ctrl-C
    (SIGINT to the whole process group, as a terminal sends it) printed one traceback per
    worker."""
    import signal
    import subprocess
    import time

    pids = tmp_path / "pids"
    pids.mkdir()
    argv = [
        sys.executable,
        "-c",
        SLOW,
        str(pids),
        "extract",
        str(corpus),
        "--out",
        str(tmp_path / "out"),
        "--jobs",
        "2",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while len(os.listdir(pids)) < 2:
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.poll() else ""
            time.sleep(0.05)
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGTERM if how == "sigterm" else signal.SIGKILL)
        _, stderr = proc.communicate(timeout=30)
        workers = [int(p) for p in os.listdir(pids)]
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in workers), "workers outlived the run"
    finally:
        if proc.poll() is None:
            proc.kill()
    expected = {
        "sigterm": ["error: interrupted by SIGTERM; stopped cleanly"],
        "sigkill": [],
        "ctrl-c": ["error: interrupted by SIGINT (Ctrl-C); stopped cleanly"],
    }
    assert stderr.splitlines() == expected[how] or (how == "sigkill" and "Traceback" not in stderr), stderr
    assert proc.returncode == {"sigterm": 143, "sigkill": -9, "ctrl-c": 130}[how]
