"""Shared test setup: Hypothesis profiles (CI runs 1,000 examples per property), the
command line run in-process, folder snapshots and the offsets check, extractions made once
per session (however many pytest-xdist workers ask), and the order in which `make test`
hands the tests to its workers."""

import csv
import fcntl
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "default")

SEED_ID = "000_1c69196dbcf4aa03"  # the report's first document, the one the seed tests are about


def _read(path: Path) -> bytes:
    with open(path, "rb") as handle:  # not Path.read_bytes, which some tests patch
        return handle.read()


def _snapshot(folder: Path) -> dict[str, bytes]:
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): _read(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _offsets_hold(out: Path, texts: dict[str, str]) -> int:
    """Assert every `start`/`end` (or `X_start`/`X_end`) pair lies within its document and,
    where the row also carries the span (`text` or `X_text`), that it equals the slice.
    Returns how many spans were checked."""
    checked = 0
    for table in sorted(Path(out).glob("*.csv")):
        with open(table, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if "doc_id" not in row:
                    break
                text = texts[row["doc_id"]]
                for col in row:
                    if not (col == "start" or col.endswith("_start")):
                        continue
                    prefix = col[: -len("start")]
                    if row[col] == "" or row.get(prefix + "end", "") == "":
                        continue
                    start, end = int(row[col]), int(row[prefix + "end"])
                    assert 0 <= start <= end <= len(text), (table.name, row)
                    if row.get(prefix + "text"):
                        assert text[start:end] == row[prefix + "text"], (table.name, row)
                    checked += 1
    return checked


@pytest.fixture(scope="session")
def snapshot():
    """Every file under a folder (hidden ones too) by relative path, to compare byte for byte."""
    return _snapshot


@pytest.fixture(scope="session")
def offsets_hold():
    return _offsets_hold


@pytest.fixture
def run(capsys):
    """Call `python -m analysis` in-process; returns (exit code, stdout, stderr lines)."""
    from analysis.cli import main

    def _run(*argv):
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err.splitlines()

    return _run


def shared_folder(tmp_path_factory, name: str, build) -> Path:
    """A folder made once per test session by `build(folder)`: the first pytest-xdist
    worker to ask builds it under a lock in the session's temporary folder, which every
    worker shares; the others wait for it and read it. Whoever uses it must not change it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # popen-gw0/.. is the session's folder, the same for every worker
    folder, done = root / "shared" / name, root / "shared" / f"{name}.done"
    done.parent.mkdir(parents=True, exist_ok=True)
    with open(root / "shared" / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():  # a build that failed left no mark: the next to ask tries again, and fails too
            build(folder)
            done.touch()
    return folder


def extracted(tmp_path_factory, name: str, *argv) -> Path:
    """`python -m analysis extract <argv> --out <folder>`, in-process, once per session."""

    def build(folder):
        from analysis.cli import main

        assert main(["extract", *map(str, argv), "--out", str(folder)]) == 0

    return shared_folder(tmp_path_factory, name, build)


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """The seed document extracted once through the command line, shared by every
    end-to-end test (each reads the table it checks). Selected by its id, so the tests
    about the seed hold however many documents an analyst adds to seeds/."""
    from analysis.paths import SEEDS

    return extracted(tmp_path_factory, "seed", SEEDS / f"{SEED_ID}.txt")


FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


@pytest.fixture(scope="session")
def fixture_corpus_data(tmp_path_factory) -> Path:
    """tests/fixtures/corpus extracted with --strict once, for the book run over it and the
    property tests that blank its cells."""
    return extracted(tmp_path_factory, "fixture-corpus", FIXTURE_CORPUS, "--strict")


# How `make test` spreads the tests over its pytest-xdist workers (`--dist loadgroup`, with
# the work units below: pytest 9 ignores the name xdist_group marks add to a test's id, so
# the grouping is done here, from the ids). A test goes to whichever worker is free, except
# that each notebook's cells, which nbval runs in order in one kernel, go together to one
# worker, and so do the tests of a module in TOGETHER, which share a module fixture too
# costly to build twice (a browser's visit of a built book, the hostile book's build, the
# PDF; the parallel runs' corpus and reference run, whose Dask clusters also go one at a
# time then, never both asking for the same dashboard port). The units are handed out in this order (`--no-loadscope-reorder`): those in
# SLOWEST_FIRST first (a module by its path, a test by its function's name), then the rest
# as collected, so no worker is left with a long one at the end.
TOGETHER = (
    "tests/book/test_site.py",
    "tests/book/test_hostile_book.py",
    "tests/publish/test_pdf.py",
    "tests/extract/test_parallel.py",
)
SLOWEST_FIRST = (
    "tests/book/test_hostile_book.py",
    "tests/book/test_site.py",
    "test_every_notebook_runs_over_the_fixture_corpus",
    "test_a_long_document_takes_linear_time_and_keeps_every_offset",
    "test_time_is_linear_in_sentence_length",
    "test_findings_survive_any_blank_optional_field",
    "test_charts_survive_any_blank_optional_field",
    "tests/publish/test_pdf.py",
    "test_concurrent_runs_never_mix_their_files",
    "test_a_changed_country_count_fails_the_notebook_that_shows_it",
    "test_the_unchanged_seeds_pass_the_same_notebook",
)


def work_unit(nodeid: str) -> str:
    """The tests that must run on one worker, one after another, share a work unit."""
    path = nodeid.split("::", 1)[0]
    return path if path.endswith(".ipynb") or path in TOGETHER else nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WorkUnits(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return WorkUnits(config, log)


def pytest_collection_modifyitems(config, items):
    """On a worker, the tests in the order their units are handed out (the controller
    takes the order of the workers' collection)."""
    if not hasattr(config, "workerinput"):
        return  # one process (TEST_WORKERS=0): the tests run as collected, each module's together
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}

    def order(item) -> int:
        unit = work_unit(item.nodeid)
        return rank.get(unit if unit != item.nodeid else getattr(item, "originalname", item.name), len(rank))

    items.sort(key=order)


def read_table(out: Path, name: str) -> list[dict]:
    with open(Path(out) / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
