"""Map the per-document pipeline over local worker processes or a Dask cluster.

`pipeline.extract_document` is a pure function of one document, so where it runs changes
nothing: both engines return the results in input order and the tables come out
byte-identical to a single-process run. Both stream: documents are read one at a time in
this process (where input warnings and errors are raised, as without workers) and only a
bounded number are in flight, so memory holds the rows, not the corpus.

    local  a multiprocessing.Pool fed `chunksize` documents per task, a few tasks at a time
    dask   dask.bag over windows of documents, computed on a distributed cluster: the one
           named by Dask's `scheduler-address` setting (DASK_SCHEDULER_ADDRESS) if set,
           else a LocalCluster of `jobs` worker processes on 127.0.0.1 without dashboard

Workers never outnumber the CPUs (more only add memory and start-up time), and local
workers leave interrupts to the parent: they ignore Ctrl-C (the parent stops the pool)
and die with the parent if it is killed, so neither leaves a traceback or an orphan.
"""

from __future__ import annotations

import ctypes
import itertools
import multiprocessing
import os
import signal
from collections import deque

from analysis.extract import pipeline
from analysis.text.corpus import InputError

CHUNKSIZE = 16  # documents per task: a document takes about a millisecond
_PR_SET_PDEATHSIG = 1  # Linux prctl: a signal sent to this process when its parent dies


def cpu_count() -> int:
    """CPUs this process may run on (fewer than the machine's under taskset or a container)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_count(jobs: int, documents: int | None = None) -> int:
    """`jobs` capped at the CPU count and at the number of documents, at least 1."""
    return max(1, min(jobs, cpu_count(), documents if documents is not None else jobs))


def map_documents(
    documents, jobs: int = 1, engine: str = "local", chunksize: int = CHUNKSIZE, client=None, function=None
):
    """Results of `function` (default `pipeline.extract_document`; a picklable stand-in
    for it, such as the cached one) for each document, in order (an iterator).
    `client`: a distributed.Client to use instead of starting a cluster (engine dask)."""
    function = function or pipeline.extract_document
    if engine == "dask":
        return _dask(documents, max(1, jobs), chunksize, client, function)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}")
    jobs = worker_count(jobs)
    if jobs <= 1:
        return map(function, documents)
    return _processes(documents, jobs, chunksize, function)


def _worker_init(parent: int) -> None:
    """Leave Ctrl-C to the parent, die by default on SIGTERM (Pool.terminate), and ask
    Linux to send SIGTERM when the parent dies, so a killed run leaves no orphans."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the pipes' EOF still ends the worker
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _extract_batch(function, batch):
    return [function(doc) for doc in batch]


def _processes(documents, jobs: int, chunksize: int, function):
    """Batches go to the pool only as results come back (at most `4 * jobs` in flight).
    Pool.imap is not used: its feeder thread drains the input into a pipe that fills up,
    and terminating the pool while that thread is blocked can hang."""
    with multiprocessing.Pool(jobs, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        for batch in _batches(documents, chunksize):
            pending.append(pool.apply_async(_extract_batch, (function, batch)))
            if len(pending) >= 4 * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _batches(iterable, size: int):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _dask(documents, jobs: int, chunksize: int, client, function):
    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster

    owned = []
    if client is None:
        address = dask.config.get("scheduler-address", None)
        if address:
            try:
                client = Client(address)
            except (OSError, TimeoutError) as exc:  # unreachable: distributed waits its connect timeout
                raise InputError(
                    "DASK_SCHEDULER_ADDRESS", f"cannot reach the Dask scheduler at {address} ({exc})"
                ) from None
        else:
            cluster = LocalCluster(  # no dashboard; its web server (health, metrics) on a free port, not 8787
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            )
            client = Client(cluster)
            owned.append(cluster)
        owned.insert(0, client)
    try:
        pending: deque = deque()
        for window in _batches(documents, chunksize * jobs * 4):  # at most three windows in flight
            bag = db.from_sequence(window, partition_size=chunksize).map(function)
            pending.append(client.compute(bag))
            if len(pending) > 2:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for thing in owned:
            thing.close()
