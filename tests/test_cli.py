"""The command line's contract: bad input gives exit 2 and one line `error: <file>:
<problem>` with the previous output untouched; recoverable problems are warnings; a BOM
and Windows line endings change nothing; a bug shows its traceback."""

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import read_table

from analysis.paths import ROOT, SEEDS
from analysis.text.corpus import InputError

TEXT = "US forces were attacked on Friday in Syria.\nOfficials said 3 drones were shot down on Jan. 11.\n"
META = "title: A test\npublished: 2024-01-12\npublished_basis: stated in the text\nlanguage: en\n"
SEED = SEEDS / "000_1c69196dbcf4aa03.txt"


def write_doc(folder: Path, name="doc", text=TEXT, meta=META) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if meta is not None:
        (folder / f"{name}.meta.yml").write_bytes(meta if isinstance(meta, bytes) else meta.encode("utf-8"))
    return path


@pytest.fixture
def out(tmp_path, run):
    """A previous good output folder, which every failing run must leave as it was."""
    write_doc(tmp_path / "prev")
    folder = tmp_path / "out"
    code, _, err = run("extract", tmp_path / "prev", "--out", folder)
    assert (code, err) == (0, [])
    return folder


def doc(text=TEXT, meta=META, flags=()):
    """A case: one document `in/doc.txt` (and its sidecar unless meta is None)."""

    def setup(tmp, monkeypatch):
        write_doc(tmp / "in", text=text, meta=meta)
        return [tmp / "in"], list(flags), None

    return setup


def unreadable(tmp, monkeypatch):
    """Root reads through chmod 000, so refuse the read the way the OS would."""
    path = write_doc(tmp / "in")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == path.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return [path], [], None


def files(*names):
    def setup(tmp, monkeypatch):
        (tmp / "in").mkdir()
        (tmp / "in" / "notes.md").write_text("not a document")
        for name in names:
            write_doc(tmp / "in", name=name)
        return [tmp / "in"], [], None

    return setup


def args(make):
    """A case given as raw arguments: make(tmp) -> (inputs, out override)."""

    def setup(tmp, monkeypatch):
        write_doc(tmp / "in")
        inputs, target = make(tmp)
        return inputs, [], target

    return setup


def parent_is_a_file(tmp):
    (tmp / "afile").write_text("not a folder")
    return [tmp / "in"], tmp / "afile" / "out"


def non_output_folder(tmp):
    (tmp / "notes").mkdir()
    (tmp / "notes" / "keep.md").write_text("precious")
    return [tmp / "in"], tmp / "notes"


def undecodable_name(tmp):
    folder = os.fsencode(tmp / "in")
    with open(folder + b"/caf\xe9.txt", "wb") as handle:
        handle.write(TEXT.encode())
    return [tmp / "in"], None


def case(make):
    """A case given as make(tmp, monkeypatch) -> (inputs, flags, out override), with
    `in/doc.txt` and its sidecar written first; `tmp/out` is the previous good output."""

    def setup(tmp, monkeypatch):
        write_doc(tmp / "in")
        return make(tmp, monkeypatch)

    return setup


def inputs_inside_out(tmp, monkeypatch):
    write_doc(tmp / "out")  # `extract seeds --out out; cp seeds/* out/; extract out --out out`
    return [tmp / "out"], [], None


def inputs_inside_out_through_a_link(tmp, monkeypatch):
    write_doc(tmp / "out")
    (tmp / "link").symlink_to(tmp / "out")
    return [tmp / "link"], [], None


def chdir_then_out(folder: str, target: str):
    def make(tmp, monkeypatch):
        (tmp / folder).mkdir(exist_ok=True)
        monkeypatch.chdir(tmp / folder)
        return [tmp / "in"], [], target

    return make


def long_stem(tmp, monkeypatch):
    """A 251-character stem is a legal file name, but its sidecar's name is not."""
    return [write_doc(tmp / "long", name="a" * 251, meta=None)], [], None


def loop(tmp):
    (tmp / "loop").symlink_to(tmp / "loop")
    return tmp / "loop"


def locked(listing: bool):
    """Root enters any folder, so refuse the way the OS would for another user."""

    def make(tmp, monkeypatch):
        import os as real_os

        write_doc(tmp / "locked" / "in")
        if listing:
            scandir = real_os.scandir
            monkeypatch.setattr(real_os, "scandir", lambda p=".": _deny(p) if "locked" in str(p) else scandir(p))
        else:
            is_dir = Path.is_dir
            monkeypatch.setattr(Path, "is_dir", lambda self: _deny(self) if "locked" in str(self) else is_dir(self))
        return [tmp / "locked" / "in"], [], None

    return make


def _deny(path):
    raise PermissionError(13, "Permission denied", str(path))


def link_out_of_the_corpus(name: str):
    def make(tmp, monkeypatch):
        (tmp / "elsewhere").mkdir()
        (tmp / "elsewhere" / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n")
        (tmp / "in" / name).unlink(missing_ok=True)
        (tmp / "in" / name).symlink_to(tmp / "elsewhere" / "secret.txt")
        return [tmp / "in"], ["--strict"], None

    return make


def unreachable_scheduler(tmp, monkeypatch):
    import dask
    import distributed  # noqa: F401  (sets the distributed.* defaults)

    monkeypatch.setitem(dask.config.config, "scheduler-address", "tcp://127.0.0.1:9")
    monkeypatch.setitem(dask.config.config["distributed"]["comm"]["timeouts"], "connect", "1s")
    return [tmp / "in"], ["--engine", "dask"], None


FUTURE = (dt.date.today() + dt.timedelta(days=400)).isoformat()
PWN = "!!python/object/apply:os.system ['touch PWNED']"

ERRORS = [
    pytest.param(doc(text=b""), "doc.txt", "empty document", id="empty"),
    pytest.param(doc(text=b" \n\t\r\n  "), "doc.txt", "empty document", id="whitespace-only"),
    pytest.param(doc(text=b"\xef\xbb\xbf\r\n"), "doc.txt", "empty document", id="bom-only"),
    pytest.param(doc(text=b"%PDF-1.4\x00\x01\x02binary"), "doc.txt", "binary content", id="nul-bytes"),
    pytest.param(doc(text=bytes(range(1, 32)) * 4), "doc.txt", "binary content", id="control-chars"),
    pytest.param(doc(text="Attaque à Tanf, café.".encode("latin-1")), "doc.txt", "not valid UTF-8", id="latin-1"),
    pytest.param(doc(meta="title: [unclosed\n"), "doc.meta.yml", "invalid YAML at line", id="yaml-syntax"),
    pytest.param(doc(meta=f"title: {PWN}\n"), "doc.meta.yml", "python/object/apply", id="yaml-unsafe-value"),
    pytest.param(doc(meta=f"{PWN}\n"), "doc.meta.yml", "invalid YAML", id="yaml-unsafe-document"),
    pytest.param(doc(meta="- a list\n- not a mapping\n"), "doc.meta.yml", "must be a mapping", id="yaml-list"),
    pytest.param(
        doc(meta="published: 2024-13-45\n"), "doc.meta.yml", "month must be in 1..12", id="yaml-impossible-date"
    ),
    pytest.param(doc(meta="title: caf\xe9\n".encode("latin-1")), "doc.meta.yml", "not valid UTF-8", id="yaml-latin-1"),
    pytest.param(doc(meta='title: "\\ud800"\n'), "doc.meta.yml", "lone surrogates", id="yaml-surrogate"),
    pytest.param(doc(meta="published: yesterday\n"), "doc.meta.yml", "'published' must be an ISO date", id="date-word"),
    pytest.param(
        doc(meta="published: '20240112'\n"), "doc.meta.yml", "'published' must be an ISO date", id="date-compact"
    ),
    pytest.param(doc(meta="published: 2024\n"), "doc.meta.yml", "got int 2024", id="date-number"),
    pytest.param(doc(meta="title: 42\n"), "doc.meta.yml", "'title' must be text, got int 42", id="title-number"),
    pytest.param(doc(meta="language: no\n"), "doc.meta.yml", "'language' must be text, got bool", id="norway-problem"),
    pytest.param(doc(meta=f"published: {FUTURE}\n"), "doc.meta.yml", "in the future", id="date-future"),
    pytest.param(doc(meta="published: 1989-12-31\n"), "doc.meta.yml", "before 1990", id="date-before-1990"),
    pytest.param(files(), "in", "no .txt documents", id="no-documents"),
    pytest.param(args(lambda t: ([t / "missing.txt"], None)), "missing.txt", "no such file", id="missing-path"),
    pytest.param(args(lambda t: ([t / "in" / "doc.meta.yml"], None)), "doc.meta.yml", "not a .txt", id="not-txt"),
    pytest.param(files("A-b", "a_b"), "A-b.txt", "collides", id="colliding-ids"),
    pytest.param(args(undecodable_name), "caf\\udce9.txt", "not valid UTF-8", id="undecodable-name"),
    pytest.param(unreadable, "doc.txt", "cannot read the file (Permission denied)", id="unreadable"),
    pytest.param(args(parent_is_a_file), "afile/out", "cannot write the output folder", id="out-parent-is-file"),
    pytest.param(args(lambda t: ([t / "in"], t / "in" / "doc.txt")), "doc.txt", "not a folder", id="out-is-file"),
    pytest.param(args(non_output_folder), "notes", "not a previous output", id="out-not-an-output"),
    pytest.param(doc(meta=None, flags=["--strict"]), "doc.txt", "no sidecar", id="strict-no-sidecar"),
    pytest.param(
        doc(meta=META + "colour: red\n", flags=["--strict"]), "doc.meta.yml", "unknown sidecar key", id="strict-key"
    ),
    # issue 15: the run deleted its own inputs, refused nothing, or showed a traceback
    pytest.param(case(inputs_inside_out), "out/doc.txt", "inside the output folder", id="inputs-inside-out"),
    pytest.param(
        case(inputs_inside_out_through_a_link), "out/doc.txt", "inside the output folder", id="inputs-inside-out-link"
    ),
    pytest.param(case(lambda t, m: ([""], [], None)), "''", "empty argument", id="empty-input"),
    pytest.param(case(lambda t, m: ([t / "in"], [], "")), "''", "--out is empty", id="empty-out"),
    pytest.param(case(chdir_then_out("empty", ".")), "error: .:", "working directory", id="out-is-empty-cwd"),
    pytest.param(case(chdir_then_out("out", ".")), "error: .:", "working directory", id="out-is-cwd"),
    pytest.param(case(chdir_then_out("out/context", "..")), "error: ..:", "working directory", id="out-holds-cwd"),
    pytest.param(doc(flags=["--jobs", "0"]), "--jobs", "must be from 1 to 1024, got 0", id="jobs-zero"),
    pytest.param(doc(flags=["--jobs", "10000"]), "--jobs", "must be from 1 to 1024, got 10000", id="jobs-absurd"),
    pytest.param(case(long_stem), "a" * 251 + ".txt", "File name too long", id="stem-251-chars"),
    pytest.param(
        case(lambda t, m: ([t / "/".join(["d" * 200] * 25) / "x.txt"], [], None)),
        "/x.txt",
        "File name too long",
        id="path-over-path-max",
    ),
    pytest.param(case(lambda t, m: ([loop(t)], [], None)), "loop", "symbolic link", id="loop-as-input"),
    pytest.param(case(lambda t, m: ([t / "in"], [], loop(t))), "loop", "symbolic links", id="loop-as-out"),
    pytest.param(case(locked(listing=False)), "locked/in", "Permission denied", id="folder-cannot-be-entered"),
    pytest.param(case(locked(listing=True)), "locked/in", "cannot list the folder", id="folder-cannot-be-listed"),
    pytest.param(
        doc(text="US forces were attacked on Friday. " * 200 + "\x01" * 9), "doc.txt", "binary", id="control-chars-late"
    ),
    pytest.param(
        doc(meta=META + "note: " + "x" * (1 << 20) + "\n"), "doc.meta.yml", "1048576-byte limit", id="sidecar-too-big"
    ),
    pytest.param(
        doc(meta=META + "title: Another\n", flags=["--strict"]), "doc.meta.yml", "more than once", id="strict-dup-key"
    ),
    pytest.param(case(link_out_of_the_corpus("passwd.txt")), "in/passwd.txt", "outside its folder", id="link-out"),
    pytest.param(
        case(link_out_of_the_corpus("doc.meta.yml")),
        "doc.meta.yml",
        "outside the document's folder",
        id="sidecar-link-out",
    ),
    pytest.param(case(unreachable_scheduler), "DASK_SCHEDULER_ADDRESS", "127.0.0.1:9", id="dask-unreachable"),
]


@pytest.mark.parametrize("setup, name, phrase", ERRORS)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    setup, name, phrase, tmp_path, out, run, snapshot, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # where the unsafe YAML would create PWNED
    inputs, flags, target = setup(tmp_path, monkeypatch)
    before, listing = snapshot(tmp_path), sorted(os.listdir(tmp_path))
    code, stdout, err = run("extract", *inputs, "--out", out if target is None else target, *flags)
    assert code == 2
    assert len(err) == 1 and err[0].startswith("error: "), err
    assert name in err[0] and phrase in err[0], err[0]
    assert stdout == ""
    assert snapshot(tmp_path) == before and sorted(os.listdir(tmp_path)) == listing
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    "meta, name, phrase",
    [
        (None, "doc.txt", "no sidecar doc.meta.yml"),
        (META + "colour: red\n", "doc.meta.yml", "unknown sidecar key 'colour' ignored"),
        ("title: Undated\n", "doc.meta.yml", "no 'published' date"),
        ("", "doc.meta.yml", "no 'published' date"),
    ],
    ids=["no-sidecar", "unknown-key", "no-date", "empty-sidecar"],
)
def test_recoverable_problems_warn_and_still_write(meta, name, phrase, tmp_path, run, snapshot):
    write_doc(tmp_path / "in", meta=meta)
    code, stdout, err = run("extract", tmp_path / "in", "--out", tmp_path / "out")
    assert code == 0 and stdout.startswith("wrote ")
    assert err and all(line.startswith("warning: ") for line in err)
    assert any(f"warning: {name}: " in line and phrase in line for line in err), err
    assert "datapackage.json" in snapshot(tmp_path / "out")


def test_bom_and_windows_line_endings_change_nothing_but_the_file_hash(tmp_path, run, snapshot, offsets_hold):
    text = SEED.read_text(encoding="utf-8")
    sidecar = SEED.with_name(SEED.stem + ".meta.yml").read_bytes()
    variants = {
        "lf": text.encode(),
        "bom-crlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
    }
    results = {}
    for label, raw in variants.items():
        write_doc(tmp_path / label, name=SEED.stem, text=raw, meta=sidecar)
        code, _, err = run("extract", tmp_path / label, "--out", tmp_path / f"out-{label}")
        assert (code, err) == (0, [])
        results[label] = snapshot(tmp_path / f"out-{label}")
        offsets_hold(tmp_path / f"out-{label}", {SEED.stem: text})
    strip = lambda files: {k: v for k, v in files.items() if k not in ("documents.csv", "datapackage.json")}  # noqa: E731
    assert strip(results["bom-crlf"]) == strip(results["lf"]) == strip(results["cr"])
    for label in variants:
        doc_row = results[label]["documents.csv"].decode().splitlines()[1]
        assert f",{len(text)}," in doc_row  # chars: the normalized length, the offsets' range


@pytest.mark.parametrize("argv", [["--debug", "extract"], ["extract", "--debug"]])
def test_debug_shows_the_traceback_for_bad_input(argv, tmp_path):
    from analysis.cli import main

    with pytest.raises(InputError, match="no such file"):
        main([*argv, str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")])


def test_a_bug_is_not_disguised_as_bad_input(tmp_path, out, snapshot, monkeypatch):
    from analysis.cli import main
    from analysis.extract import pipeline

    def broken(doc):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(pipeline, "extract_document", broken)
    before = snapshot(out)
    with pytest.raises(RuntimeError):
        main(["extract", str(tmp_path / "prev"), "--out", str(out)])
    assert snapshot(out) == before


def test_real_process_prints_no_traceback_for_bad_input_and_one_for_a_bug(tmp_path):
    write_doc(tmp_path / "in", text=b"\xff\xfe not utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bad = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.splitlines() == [
        "error: in/doc.txt: not valid UTF-8 (byte 0xff at offset 0); re-save the file as UTF-8"
    ]
    bug = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, analysis.extract.pipeline as p, analysis.cli as c\n"
            "p.extract_document = lambda d: 1 / 0\nsys.exit(c.main(sys.argv[1:]))",
            "extract",
            str(SEEDS),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert bug.returncode not in (0, 2) and "Traceback" in bug.stderr and "ZeroDivisionError" in bug.stderr
    assert not (tmp_path / "out").exists()


def varied_text(size: int) -> str:
    """About `size` bytes of varied sentences (numbers, dates, names differ, so no extractor
    sees one repeated line), the same stream whatever the size: a longer text is a shorter
    one continued."""
    import random

    rng = random.Random(20)
    places = ["al-Tanf", "Ain al-Asad", "Erbil", "the Conoco field", "Rumalyn", "Harir", "al-Omar", "Baghdad airport"]
    days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Jan. 4",
        "Dec. 29",
        "Oct. 17",
    ]
    forms = [
        "US forces at {p} came under attack on {d}, officials said.",
        "The Pentagon said there had been {n} attacks on US forces in Iraq and Syria since {d}.",
        "“We will respond at a time of our choosing,” Gen. Ryder told reporters on {d}.",
        "{n} drones were shot down near {p}; no injuries were reported.",
        "The U.S. says its troops remain in Syria to ensure the enduring defeat of ISIS.",
        "Militias said the strike on {p} was retaliation for US support of Israel.",
        "Is the presence at {p} legal? Damascus says it is an occupation.",
    ]
    parts, written = [], 0
    while written < size:
        sentence = rng.choice(forms).format(p=rng.choice(places), d=rng.choice(days), n=rng.randint(1, 200))
        parts.append(sentence + ("\n" if rng.random() < 0.15 else " "))
        written += len(sentence.encode()) + 1
    return "".join(parts)


def test_a_long_document_takes_linear_time_and_keeps_every_offset(tmp_path, run, offsets_hold):
    """One long document goes through the whole command line (read, extracted, its rows
    spilled to a sorted run and merged, written, validated) with no warning, its length
    recorded and every offset pointing at its quote; and a document eight times longer
    takes about eight times the CPU time (at most thirteen), not sixty-four, so the size a run can take is
    bounded by time, not by a quadratic pass (this stood in for a 20 MB document, which
    took a minute to prove the same)."""
    from analysis.extract.gather import SPILL_ROWS

    def extract(size: int) -> tuple[float, int]:
        text = varied_text(size)
        folder = tmp_path / str(size)
        write_doc(folder / "in", name="big", text=text)
        started = time.process_time()
        code, _, err = run("extract", folder / "in", "--out", folder / "out")
        elapsed = time.process_time() - started
        assert (code, err) == (0, []), err
        assert f",{len(text)}," in (folder / "out" / "documents.csv").read_text().splitlines()[1]
        assert offsets_hold(folder / "out", {"big": text}) > 0
        rows = sum(len(read_table(folder / "out", p.stem)) for p in (folder / "out").glob("*.csv"))
        return elapsed, rows

    extract(2_000)  # load the lexicons and compile the rules, which the small run would be charged for
    small = min(extract(250_000)[0] for _ in range(2))  # the smaller run is the noisier
    large, rows = extract(2_000_000)
    assert rows > SPILL_ROWS, f"{rows} rows: too few to spill, so the merge of runs went untested"
    # linear gives about 8 (6 measured: the small run's fixed costs weigh more), quadratic
    # about 64; a pass that scans the text before each sentence (C speed) gave 20
    assert large / small < 13, f"250 KB: {small:.2f} s, 2 MB: {large:.2f} s of CPU"
    print(f"250 KB: {small:.2f} s, 2 MB: {large:.2f} s of CPU ({large / small:.1f} times)")


def test_strict_refuses_to_publish_a_failed_required_check(tmp_path, capsys):
    """A split that does not add up to its total is charted without --strict, but the
    book's --strict extraction stops: nothing is written and the check is named."""
    from analysis.cli import main

    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "split.txt").write_text(
        "Troops in Iraq and Syria were attacked 40 times since Nov. 2, officials said, "
        "with 15 attacks in Iraq and 26 in Syria.\n",
        encoding="utf-8",
    )
    (docs / "split.meta.yml").write_text("published: 2023-12-01\n", encoding="utf-8")
    assert main(["extract", str(docs), "--out", str(tmp_path / "loose")]) == 0
    checks = (tmp_path / "loose" / "checks.csv").read_text(encoding="utf-8")
    assert "mismatch" in checks
    capsys.readouterr()
    assert main(["extract", str(docs), "--out", str(tmp_path / "strict"), "--strict"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "split.txt" in err[0] and "required check fails" in err[0]
    assert not (tmp_path / "strict").exists()


# --- issue 15: what else a hostile or unlucky user tried -----------------------------


@pytest.mark.parametrize(
    "argv, named",
    [
        (["extract", "in", "--out", "out", "--jobs", "abc"], "invalid int value: 'abc'"),
        (["extract", "-doc.txt", "--out", "out"], "write ./-doc.txt"),
        (["extract", "in", "-doc.txt", "--out", "out"], "unrecognized arguments: -doc.txt"),
        (["extract", "in"], "--out"),
        (["extrct", "in"], "invalid choice: 'extrct'"),
    ],
    ids=["jobs-not-a-number", "dash-file-alone", "dash-file-second", "no-out", "unknown-command"],
)
def test_usage_errors_end_with_a_line_naming_the_problem(argv, named, capsys):
    from analysis.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert exit_.value.code == 2 and "error:" in err[-1] and named in err[-1], err


def test_help_says_jobs_are_capped(capsys):
    from analysis.cli import main

    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    assert "capped at the CPU count and at the number of documents" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("name", ["proj#2", "a[1]", "what?", "star*", "sp ace%20", "{a,b}~"])
def test_any_character_in_the_output_path_validates(name, tmp_path, run, snapshot):
    """Frictionless read `*?[` as a glob and `#` as unsafe when given the package's path."""
    write_doc(tmp_path / "in")
    code, _, err = run("extract", tmp_path / "in", "--out", tmp_path / name / "out")
    assert (code, err) == (0, []), err
    assert "datapackage.json" in snapshot(tmp_path / name / "out")


def _python(tmp, code: str, *argv, cwd=None, env=None, **kwargs):
    kwargs = {"stderr": subprocess.PIPE, **kwargs} if "stdout" in kwargs else {"capture_output": True, **kwargs}
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, argv)],
        text=True,
        cwd=cwd or tmp,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        **kwargs,
    )


MAIN = "import sys\nfrom analysis.cli import main\nsys.exit(main(sys.argv[1:]))"


def test_a_deleted_working_directory_is_no_traceback(tmp_path):
    """display_path called Path.cwd() and resolve(), which fail once the directory is gone."""
    write_doc(tmp_path / "in")

    def in_a_deleted_directory(*argv):
        (tmp_path / "gone").mkdir()
        script = 'cd gone && rmdir ../gone && exec "$0" -m analysis "$@"'
        return subprocess.run(
            ["sh", "-c", script, sys.executable, *map(str, argv)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    done = in_a_deleted_directory("extract", tmp_path / "in", "--out", tmp_path / "out")
    assert (done.returncode, done.stderr) == (0, "") and done.stdout.startswith("wrote out/: "), done.stderr
    done = in_a_deleted_directory("extract", "in", "--out", tmp_path / "out2")
    assert done.returncode == 2 and done.stderr.splitlines() == ["error: in: no such file or folder"]


def test_a_full_stdout_after_the_swap_is_a_warning_and_exit_0(tmp_path, snapshot):
    """The data is written, so the run succeeded; the lost summary line is said on stderr."""
    write_doc(tmp_path / "in")
    with open("/dev/full", "w") as full:
        done = _python(tmp_path, MAIN, "extract", "in", "--out", "out", stdout=full)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "warning: <stdout>: cannot write to standard output (No space left on device); the output folder was written"
    ]
    assert "datapackage.json" in snapshot(tmp_path / "out")


def test_a_full_stdout_is_an_error_when_stdout_is_the_result(tmp_path):
    with open("/dev/full", "w") as full:
        done = _python(tmp_path, MAIN, "notebooks", stdout=full)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["error: <stdout>: cannot write to standard output (No space left on device)"]


def test_utf8_names_under_the_c_locale(tmp_path):
    """LC_ALL=C PYTHONUTF8=0 makes Python decode file names as ASCII."""
    write_doc(tmp_path / "in", name="café")
    done = _python(tmp_path, MAIN, "extract", "in", "--out", "out", env={"LC_ALL": "C", "PYTHONUTF8": "0"})
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    row = (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").splitlines()[1]
    assert row.startswith("café,") and ",in/café.txt," in row


def test_links_out_of_an_input_folder_are_not_read(tmp_path, run):
    """Without --strict the link is skipped with a warning naming it; nothing of the
    file it points at reaches the tables."""
    write_doc(tmp_path / "in")
    (tmp_path / "elsewhere").mkdir()
    secret = "root:x:0:0:Secret Operator:/root:/bin/bash\n"
    write_doc(tmp_path / "elsewhere", name="secret", text=secret)
    (tmp_path / "in" / "passwd.txt").symlink_to(tmp_path / "elsewhere" / "secret.txt")
    write_doc(tmp_path / "in" / "sub", name="other")
    (tmp_path / "in" / "inside.txt").symlink_to(tmp_path / "in" / "sub" / "other.txt")  # stays inside: read
    (tmp_path / "in" / "inside.meta.yml").symlink_to(tmp_path / "in" / "sub" / "other.meta.yml")
    code, _, err = run("extract", tmp_path / "in", "--out", tmp_path / "out")
    assert code == 0 and len(err) == 1 and "passwd.txt: a link to a file outside its folder; skipped" in err[0], err
    tables = b"".join(p.read_bytes() for p in (tmp_path / "out").glob("*.csv"))
    assert b"Secret Operator" not in tables and b"inside," in tables
    code, _, err = run("extract", tmp_path / "in" / "passwd.txt", "--out", tmp_path / "named")
    assert code == 0 and b"Secret Operator" in (tmp_path / "named" / "claims.csv").read_bytes()  # named: followed


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "UTC", "Etc/GMT-14"])  # POSIX signs: GMT+12 is UTC-12
def test_published_today_anywhere_is_accepted_in_every_zone(zone, tmp_path):
    """'In the future' is decided on dates in UTC+14, the first zone to reach a day, so
    the machine's zone never changes the outcome."""
    from analysis.text.corpus import latest_today

    today = latest_today()
    tomorrow = today + dt.timedelta(days=1)
    for name, day in (("today", today), ("tomorrow", tomorrow)):
        write_doc(tmp_path / name, meta=f"published: {day.isoformat()}\n")
    env = {"TZ": zone}
    done = _python(tmp_path, MAIN, "extract", "today", "--out", "out", env=env)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    done = _python(tmp_path, MAIN, "extract", "tomorrow", "--out", "out2", env=env)
    assert done.returncode == 2 and "is in the future" in done.stderr


def test_latest_today_is_the_date_in_utc_plus_14():
    from analysis.text.corpus import latest_today

    utc = dt.UTC
    assert latest_today(dt.datetime(2024, 1, 12, 9, 59, tzinfo=utc)) == dt.date(2024, 1, 12)
    assert latest_today(dt.datetime(2024, 1, 12, 10, 0, tzinfo=utc)) == dt.date(2024, 1, 13)


LONG = [
    "officials said US forces were attacked on Friday and ",  # the repro: a date every 53 characters
    "militants fired 3 rockets and 12 drones at the base near Erbil since Oct. 17 and ",
    '"we will respond," a spokesman said on Jan. 4, and ',
]


@pytest.mark.parametrize("unit", LONG, ids=["dates", "numbers", "quotes"])
def test_time_is_linear_in_sentence_length(unit):
    """A sentence ten times longer takes about ten times as long (it took a hundred times:
    the events extractor rescanned the sentence for every date in it)."""
    from analysis.extract import pipeline
    from analysis.text.corpus import Document

    def best_of(runs: int, size: int) -> float:
        text = unit * (size // len(unit)) + "\n"
        doc = Document("t", "t.txt", text, "0" * 64, {"published": dt.date(2024, 1, 12)})
        times = []
        for _ in range(runs):
            started = time.process_time()
            pipeline.extract_document(doc)
            times.append(time.process_time() - started)
        return min(times)

    best_of(1, 2_000)  # load the lexicons
    # the small run, the noisier, best of three; the large one, ten times the work, of two
    small, large = best_of(3, 20_000), best_of(2, 200_000)
    # linear gives about 10, quadratic about 100
    assert large / small < 40, f"20 KB: {small:.2f} s, 200 KB: {large:.2f} s"


def test_a_megabyte_sentence_is_cut_with_a_warning(tmp_path, run, offsets_hold, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = LONG[0] * (1_000_000 // len(LONG[0]))
    write_doc(tmp_path / "in", text=text)
    code, _, err = run("extract", tmp_path / "in", "--out", tmp_path / "out")
    assert code == 0 and len(err) == 1, err
    assert err[0].startswith("warning: in/doc.txt: a sentence of ") and "cut into pieces" in err[0], err
    offsets_hold(tmp_path / "out", {"doc": text})
    code, _, err = run("extract", tmp_path / "in", "--out", tmp_path / "strict", "--strict")
    assert code == 2 and "cut into pieces" in err[0] and "--strict" in err[0]


def test_cells_are_verbatim_even_when_a_spreadsheet_would_run_them(tmp_path, run, offsets_hold):
    """The stated policy (README, 'Spreadsheet formulas'): no cell is altered, so every
    quote still equals its document slice."""
    title = '=HYPERLINK("http://example.invalid/?leak","open")'
    text = "- A BYLINE HERE\n@someone said US forces were attacked on Friday.\n+3 drones were shot down on Jan. 11.\n"
    write_doc(tmp_path / "in", text=text, meta=META.replace("title: A test", f"title: '{title}'"))
    code, _, err = run("extract", tmp_path / "in", "--out", tmp_path / "out")
    assert (code, err) == (0, [])
    documents = read_table(tmp_path / "out", "documents")
    assert documents[0]["title"] == title
    quotes = {r["quote"] for r in read_table(tmp_path / "out", "claims")}
    assert any(q.startswith(("-", "@", "+")) for q in quotes), quotes
    offsets_hold(tmp_path / "out", {"doc": text})
