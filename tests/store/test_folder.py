"""The output folder is replaced all-or-nothing: a failed validation, a kill mid-run or a
concurrent run never leaves a mix of files or loses the previous good output."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.paths import ROOT
from analysis.store import folder as tables
from analysis.store.folder import replace_folder

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
# Runs `python -m analysis` with the validate step replaced: argv[1] is how long it
# stalls, argv[2] a file written once the staging folder holds every table.
STALLING = """
import sys, time
from pathlib import Path
import analysis.cli as cli
validate = cli.validate_folder
def stall(folder, *shown_as):
    Path(sys.argv[2]).write_text(str(folder))
    time.sleep(float(sys.argv[1]))
    validate(folder, *shown_as)
cli.validate_folder = stall
sys.exit(cli.main(sys.argv[3:]))
"""


def corpus(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        (folder / f"{name}.txt").write_text(f"US forces at {name} came under attack on Friday.\n")
        (folder / f"{name}.meta.yml").write_text("published: 2024-01-12\n")
    return folder


def assert_consistent(out: Path) -> set[str]:
    """Every table matches the hash and size datapackage.json records; returns the doc ids."""
    package = json.loads((out / "datapackage.json").read_text())
    for resource in package["resources"]:
        content = (out / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest(), resource["path"]
        assert resource["bytes"] == len(content)
    lines = (out / "documents.csv").read_text().splitlines()[1:]
    return {line.split(",")[0] for line in lines}


def hidden_leftovers(parent: Path) -> list[str]:
    return sorted(n for n in os.listdir(parent) if n.startswith(".out."))


@pytest.fixture
def out(tmp_path, run):
    corpus(tmp_path / "old", "old")
    code, _, err = run("extract", tmp_path / "old", "--out", tmp_path / "out")
    assert (code, err) == (0, [])
    return tmp_path / "out"


def test_a_schema_violation_leaves_the_old_folder(tmp_path, out, run, snapshot, monkeypatch):
    from analysis.extract import documents as corpus_module

    monkeypatch.chdir(tmp_path)  # so the message shows out/datapackage.json
    real = corpus_module.document_row
    monkeypatch.setattr(corpus_module, "document_row", lambda doc, s: {**real(doc, s), "chars": "many"})
    corpus(tmp_path / "new", "new")
    before = snapshot(tmp_path)
    code, _, err = run("extract", tmp_path / "new", "--out", out)
    assert code == 2 and len(err) == 1 and "tables fail validation" in err[0] and "documents" in err[0], err
    assert err[0].startswith("error: out/datapackage.json: "), err
    assert snapshot(tmp_path) == before and hidden_leftovers(tmp_path) == []


def test_any_failure_before_the_swap_leaves_the_old_folder(out, snapshot):
    before = snapshot(out)

    def refuse(staging):
        assert (staging / "a.csv").read_bytes() == b"new\n"
        raise ValueError("invalid")

    with pytest.raises(ValueError):
        replace_folder(out, {"a.csv": b"new\n"}, validate=refuse)
    assert snapshot(out) == before and hidden_leftovers(out.parent) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_replacement_leaves_exactly_the_new_files(exchange, out, snapshot, monkeypatch):
    if not exchange:
        monkeypatch.setattr(tables, "_exchange", lambda a, b: False)
    replace_folder(out, {"a.csv": b"new\n", "sub/b.txt": b"b"})
    assert snapshot(out) == {"a.csv": b"new\n", "sub/b.txt": b"b"}
    assert hidden_leftovers(out.parent) == []


def test_a_first_run_creates_missing_parents_and_a_symlinked_out_keeps_its_link(tmp_path, snapshot):
    replace_folder(tmp_path / "a" / "b" / "out", {"datapackage.json": b"1"})
    assert snapshot(tmp_path / "a" / "b" / "out") == {"datapackage.json": b"1"}
    (tmp_path / "link").symlink_to(tmp_path / "a" / "b" / "out")
    replace_folder(tmp_path / "link", {"datapackage.json": b"2"})
    assert (tmp_path / "link").is_symlink() and snapshot(tmp_path / "a" / "b" / "out") == {"datapackage.json": b"2"}


def test_a_kill_between_the_two_renames_is_repaired_by_the_next_run(tmp_path, snapshot):
    """Without renameat2 the swap is two renames; a kill between them leaves only the
    hidden backup, which the next run puts back before doing anything else."""
    backup = tmp_path / ".out.old-abc"
    backup.mkdir()
    (backup / "datapackage.json").write_bytes(b"{}")
    with pytest.raises(ValueError):
        replace_folder(tmp_path / "out", {"x": b"new"}, validate=lambda staging: (_ for _ in ()).throw(ValueError()))
    assert snapshot(tmp_path / "out") == {"datapackage.json": b"{}"} and hidden_leftovers(tmp_path) == []


def test_sigkill_mid_write_leaves_the_old_folder_and_the_next_run_cleans_up(tmp_path, out, run, snapshot):
    corpus(tmp_path / "new", "new")
    ctl = tmp_path / "ctl"
    ctl.mkdir()
    before, listing = snapshot(out), sorted(os.listdir(tmp_path))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            STALLING,
            "60",
            str(ctl / "staged"),
            "extract",
            str(tmp_path / "new"),
            "--out",
            str(out),
        ],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (ctl / "staged").exists():
            assert proc.poll() is None and time.monotonic() < deadline, "the run never reached validation"
            time.sleep(0.02)
        staging = Path((ctl / "staged").read_text())
        assert staging.is_dir() and (staging / "datapackage.json").is_file()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert snapshot(out) == before
    assert sorted(os.listdir(tmp_path)) == sorted(listing + [staging.name]) and staging.name.startswith(".out.tmp-")
    code, _, err = run("extract", tmp_path / "new", "--out", out)
    assert (code, err) == (0, []) and hidden_leftovers(tmp_path) == []
    assert assert_consistent(out) == {"new"}


def test_concurrent_runs_never_mix_their_files(tmp_path):
    """Four runs with different corpora write the same folder at once, each stalling
    inside the critical section; the result is one run's files, consistent with its
    datapackage.json."""
    corpora = {f"c{i}": {f"c{i}_{j}" for j in range(i + 1)} for i in range(4)}
    for name, ids in corpora.items():
        corpus(tmp_path / name, *ids)
    out = tmp_path / "out"
    for _ in range(2):
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    STALLING,
                    "0.3",
                    str(tmp_path / f"{name}.staged"),
                    "extract",
                    str(tmp_path / name),
                    "--out",
                    str(out),
                ],
                env=ENV,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for name in corpora
        ]
        results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
        assert all(code == 0 for _, _, code in results), results
        assert assert_consistent(out) in corpora.values()
        assert hidden_leftovers(tmp_path) == []


def test_a_failed_first_run_removes_the_parents_it_created(tmp_path):
    with pytest.raises(ValueError):
        replace_folder(
            tmp_path / "x" / "y" / "out", {"a": b"1"}, validate=lambda s: (_ for _ in ()).throw(ValueError())
        )
    assert os.listdir(tmp_path) == []
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep").write_text("mine")
    with pytest.raises(ValueError):
        replace_folder(
            tmp_path / "x" / "y" / "out", {"a": b"1"}, validate=lambda s: (_ for _ in ()).throw(ValueError())
        )
    assert sorted(os.listdir(tmp_path / "x")) == ["keep"]  # only what the run made is removed


@pytest.mark.parametrize("name", ["o?t", "o*", "[o]ut"])
def test_stale_cleanup_takes_no_other_folder_s_backup(name, tmp_path, snapshot):
    """`.out.old-*` beside `o?t` was matched as a glob and moved into `o?t`."""
    backup = tmp_path / ".out.old-abc"
    backup.mkdir()
    (backup / "datapackage.json").write_bytes(b"out's")
    replace_folder(tmp_path / name, {"datapackage.json": b"new"})
    assert snapshot(tmp_path / name) == {"datapackage.json": b"new"}
    assert snapshot(backup) == {"datapackage.json": b"out's"}


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"])
def test_an_interrupt_during_staging_says_one_line_and_leaves_no_debris(sig, code, tmp_path, out, snapshot):
    """Ctrl-C printed a KeyboardInterrupt traceback; SIGTERM left `.out.tmp-*` behind."""
    corpus(tmp_path / "new", "new")
    ctl = tmp_path / "ctl"
    ctl.mkdir()
    before, listing = snapshot(out), sorted(os.listdir(tmp_path))
    argv = [
        sys.executable,
        "-c",
        STALLING,
        "60",
        str(ctl / "staged"),
        "extract",
        str(tmp_path / "new"),
        "--out",
        str(out),
    ]
    proc = subprocess.Popen(argv, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (ctl / "staged").exists():
            assert proc.poll() is None and time.monotonic() < deadline, "the run never reached validation"
            time.sleep(0.02)
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    name = {signal.SIGINT: "SIGINT (Ctrl-C)", signal.SIGTERM: "SIGTERM"}[sig]
    assert proc.returncode == code and stdout == ""
    assert stderr.splitlines() == [f"error: interrupted by {name}; stopped cleanly"], stderr
    assert snapshot(out) == before and sorted(os.listdir(tmp_path)) == listing


def test_check_target_refuses_the_working_directory_and_its_parents(tmp_path, monkeypatch):
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    for target in (".", "", "..", str(tmp_path)):
        with pytest.raises(IsADirectoryError, match="working directory"):
            tables.check_target(Path(target))
    assert tables.check_target(Path("c")) == tmp_path / "a" / "b" / "c"
