"""Shared test setup: Hypothesis profiles (CI runs 1,000 examples per property), the
command line run in-process, folder snapshots and the offsets check, and the order in
which `make test` hands the tests to its pytest-xdist workers."""

import csv
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


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """The seed document extracted once through the command line, shared by every
    end-to-end test (each reads the table it checks). Selected by its id, so the tests
    about the seed hold however many documents an analyst adds to seeds/."""
    from analysis.cli import main
    from analysis.paths import SEEDS

    out = tmp_path_factory.mktemp("seed") / "out"
    assert main(["extract", str(SEEDS / f"{SEED_ID}.txt"), "--out", str(out)]) == 0
    return out


SLOWEST_FIRST = ("test_twenty_megabyte_document",)


def pytest_collection_modifyitems(config, items):
    """`make test` runs under pytest-xdist with `--dist loadscope`: each module (and each
    notebook, whose cells nbval runs in order in one kernel) goes whole to one worker, so
    module-scoped fixtures (a book, a browser, a corpus extraction) are built once. The
    module with the slowest test is handed out first, so no worker waits on it at the end."""
    items.sort(key=lambda item: getattr(item, "originalname", item.name) not in SLOWEST_FIRST)


def read_table(out: Path, name: str) -> list[dict]:
    with open(Path(out) / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
