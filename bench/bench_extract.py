"""Benchmark the extractor on synthetic and real-article corpora; writes bench/results.md and bench/results.csv.

For each corpus size N (bench/make_corpus.py, written to a temporary folder):

  cli       `python -m analysis extract nN --out out [--jobs J] [--engine E]` in a child
            process (run in the temporary folder, the project on PYTHONPATH): wall time
            and peak resident memory (ru_maxrss from wait4: the largest process of the
            run, workers included)
  pipeline  `pipeline.extract_document` over the documents, in this process, one core:
            the full per-document pipeline (parse, every extractor, checks) without
            reading files or writing tables
Side by side, in this process, on the same texts:
  quantulum3  `quantulum3.parser.parse(text)` on a sample of the smallest corpus (slow)
  re          `re.findall(r"[0-9]+", text)` over every text of the largest corpus (a floor)

Real articles (the targets are measured on them; synthetic text is cheaper): the
development corpus (--real, default ../shared/dev/docs) repeated to each --real-sizes N
under _build/bench/real-nN (bench/real_corpus.py; third-party text, never committed),
with `cli` rows for every --jobs value and the quantulum3 and `re` peers on the same
texts, in the same run. Where that folder is absent the real rows are skipped, saying so.

Incremental rows (`cli-cache-*`, --cache-size documents of real articles, default 4,000):
a full run through a fresh `--cache` (what `make data` runs), a re-run with nothing
changed, and a re-run after one document is added, each with its share of the full run's
CPU seconds (the target: adding one document costs at most 10%). `--only-cache` runs
them alone, writing _build/bench/results-cache.md unless --out says otherwise.

MB are UTF-8 megabytes (10^6 bytes) of document text. Each row has wall seconds and CPU
seconds (this process's, or the child's and its workers' from wait4): on a shared machine
the wall clock also counts time spent waiting for a core, so per-core throughput is MB per
CPU second. Rows repeated --reps times show medians. Results carry no absolute paths and
no timestamps.

    python bench/bench_extract.py                       # 1,000 / 4,000 / 16,000 documents
    python bench/bench_extract.py --sizes 1000,64000 --jobs 1,2,4 --engines local,dask --reps 3
    python bench/bench_extract.py --only-cache --reps 3  # the incremental rows alone
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import write_corpus  # noqa: E402
from real_corpus import write_real_corpus  # noqa: E402

from analysis.extract import pipeline  # noqa: E402
from analysis.text.corpus import iter_corpus  # noqa: E402

COLUMNS = [
    "what",
    "engine",
    "jobs",
    "n_docs",
    "mb",
    "seconds",
    "cpu_seconds",
    "docs_per_s",
    "mb_per_s",
    "mb_per_cpu_s",
    "peak_mb",
    "reps",
    "command",
    "corpus",
]


def ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x]


def row(what, n_docs, mb, times, command, engine="", jobs=1, peak_mb=None, corpus="synthetic") -> dict:
    """A result row from (wall, cpu) seconds of each repetition."""
    sec, cpu = statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
    return {
        "what": what,
        "engine": engine,
        "jobs": jobs,
        "n_docs": n_docs,
        "mb": round(mb, 3),
        "seconds": round(sec, 3),
        "cpu_seconds": round(cpu, 3),
        "docs_per_s": round(n_docs / sec, 1),
        "mb_per_s": round(mb / sec, 4),
        "mb_per_cpu_s": round(mb / cpu, 4),
        "peak_mb": None if peak_mb is None else round(peak_mb, 1),
        "reps": len(times),
        "command": command,
        "corpus": corpus,
    }


def run_cli(
    folder: Path, name: str, jobs: int, engine: str, extra: tuple[str, ...] = ()
) -> tuple[tuple[float, float], float, list[str]]:
    """((wall, CPU seconds), peak MB, argv shown) of one extract run in a child process."""
    argv = ["-m", "analysis", "extract", name, "--out", "out"]
    argv += ["--jobs", str(jobs)] if jobs > 1 else []
    argv += ["--engine", engine] if engine != "local" else []
    argv += list(extra)
    peak_file = folder / ".peak-kb"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_PEAK_FILE": str(peak_file)}
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "peak.py"), *argv[1:]],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"extract failed ({child.returncode}): {err.decode(errors='replace')[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime  # the child's and, once it has waited for them, its workers'
    # Not usage.ru_maxrss: Linux carries the forking process's high-water mark into the
    # child's, so every run would read at least this benchmark's own size.
    peak_kb = int(peak_file.read_text())
    peak_file.unlink()
    return (seconds, cpu), peak_kb / 1024, ["python", *argv]


def cli_row(folder: Path, name: str, n: int, mb: float, jobs: int, engine: str, reps: int, corpus: str) -> dict:
    """The results row of `reps` command-line runs over one corpus: median times and peak."""
    runs = [run_cli(folder, name, jobs, engine) for _ in range(reps)]
    print(f"  cli --jobs {jobs} {engine}: {statistics.median(r[0][0] for r in runs):.1f} s", file=sys.stderr)
    times, peak = [r[0] for r in runs], statistics.median(r[1] for r in runs)
    shown = shlex.join(runs[0][2])
    return row("cli", n, mb, times, shown, engine if jobs > 1 else "", jobs, peak, corpus=corpus)


def texts_of(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def timed(function, items) -> tuple[float, float]:
    """(wall, CPU seconds) of function(item) over the items, this process only."""
    wall = cpu = 0.0
    for item in items:
        w0, c0 = time.perf_counter(), time.process_time()
        function(item)
        wall, cpu = wall + time.perf_counter() - w0, cpu + time.process_time() - c0
    return wall, cpu


def time_pipeline(folder: Path) -> tuple[float, float]:
    """pipeline.extract_document over a corpus read one document at a time (reading is not
    timed). One document first, untimed, so that rules are compiled."""
    pipeline.extract_document(next(iter_corpus([folder], [])))
    return timed(pipeline.extract_document, iter_corpus([folder], []))


def time_quantulum(texts: list[str]) -> tuple[float, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "classifier dependencies not installed": it runs without them
        from quantulum3 import parser

        parser.parse(texts[0])  # load its unit tables before timing
        return timed(parser.parse, texts)


def time_regex(texts: list[str]) -> tuple[float, float]:
    return timed(re.compile(r"[0-9]+").findall, texts)


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| what | jobs | documents | MB | seconds | CPU seconds | docs/s | MB/s | MB per CPU s | peak MB | reps | command |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        what = r["what"] + (f" ({r['engine']})" if r["engine"] else "")
        peak = "" if r["peak_mb"] is None else f"{r['peak_mb']:,.0f}"
        lines.append(
            f"| {what} | {r['jobs']} | {r['n_docs']:,} | {r['mb']:.2f} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} "
            f"| {r['docs_per_s']:,.0f} | {r['mb_per_s']:.3f} | {r['mb_per_cpu_s']:.3f} | {peak} | {r['reps']} | `{r['command']}` |"
        )
    return lines


def _relative(arg: str) -> str:
    """An absolute path in the recorded command as it reads from the project's root, so the
    committed results name no machine's folders."""
    return os.path.relpath(arg, ROOT) if os.path.isabs(arg) else arg


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=ints, default=[1000, 4000, 16000], help="corpus sizes (default 1000,4000,16000)")
    ap.add_argument("--jobs", type=ints, default=[1, 2], help="--jobs values for the command line (default 1,2)")
    ap.add_argument(
        "--engines", default="local", help="engines for jobs > 1: local, dask or local,dask (default local)"
    )
    ap.add_argument("--reps", type=int, default=1, help="repetitions of every timing; medians shown (default 1)")
    ap.add_argument("--sample", type=int, default=200, help="documents given to quantulum3 (default 200)")
    ap.add_argument("--seed", type=int, default=20240112, help="corpus seed")
    ap.add_argument(
        "--real",
        type=Path,
        default=ROOT.parent / "shared" / "dev" / "docs",
        help="real articles (default ../shared/dev/docs)",
    )
    ap.add_argument(
        "--real-sizes",
        type=ints,
        default=[1000, 4000, 16000],
        help="real-article corpus sizes (default 1000,4000,16000)",
    )
    ap.add_argument(
        "--cache-size",
        type=int,
        default=4000,
        help="real-article documents of the incremental (--cache) rows (default 4000; 0 skips them)",
    )
    ap.add_argument(
        "--only-cache",
        action="store_true",
        help="run the incremental rows alone, for a quick measure (written to --out, by default "
        "_build/bench/results-cache.md, and the .csv beside it; the committed results are left alone)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        help="results file (.md; the .csv beside it; default bench/results.md)",
    )
    args = ap.parse_args(argv)
    if args.out is None:
        args.out = ROOT / ("_build/bench/results-cache.md" if args.only_cache else "bench/results.md")
        args.out.parent.mkdir(parents=True, exist_ok=True)
    given = argv if argv is not None else sys.argv[1:]
    shown = shlex.join(["python", "bench/bench_extract.py", *map(_relative, given)])
    load = os.getloadavg()[0]
    if args.only_cache:
        cached = cache_rows(args)
        write_rows(
            args,
            cached,
            ["# Incremental rows only", "", f"Generated by `{shown}`.", "", *table(cached), "", *cache_summary(cached)],
        )
        return 0
    engines = [e for e in args.engines.split(",") if e]
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sizes = sorted(args.sizes)
        for n in sizes:
            write_corpus(tmp / f"n{n}", n, args.seed)
        mb = {n: sum(p.stat().st_size for p in (tmp / f"n{n}").glob("*.txt")) / 1e6 for n in sizes}
        for n in sizes:
            print(f"n={n}: {mb[n]:.2f} MB", file=sys.stderr)
            spent = [time_pipeline(tmp / f"n{n}") for _ in range(args.reps)]
            rows.append(
                row(
                    "pipeline",
                    n,
                    mb[n],
                    spent,
                    f"[pipeline.extract_document(d) for d in iter_corpus(['n{n}'])] (in {shown})",
                )
            )
            for jobs in args.jobs:
                for engine in engines if jobs > 1 else ["local"]:
                    rows.append(cli_row(tmp, f"n{n}", n, mb[n], jobs, engine, args.reps, "synthetic"))
        small, large = sizes[0], sizes[-1]
        sample = texts_of(tmp / f"n{small}")[: args.sample]
        sample_mb = sum(len(t.encode("utf-8")) for t in sample) / 1e6
        rows.append(
            row(
                "quantulum3",
                len(sample),
                sample_mb,
                [time_quantulum(sample) for _ in range(args.reps)],
                f"[quantulum3.parser.parse(t) for t in first {len(sample)} texts of n{small}] (in {shown})",
            )
        )
        texts = texts_of(tmp / f"n{large}")
        rows.append(
            row(
                "re",
                len(texts),
                mb[large],
                [time_regex(texts) for _ in range(args.reps)],
                f"[re.findall(r'[0-9]+', t) for t in texts of n{large}] (in {shown})",
            )
        )
    real = real_rows(args, shown, engines) if args.real_sizes else []
    real += cache_rows(args) if args.cache_size else []
    write(args, rows, real, shown, sizes, (load, os.getloadavg()[0]))
    return 0


def real_rows(args, shown: str, engines: list[str]) -> list[dict]:
    """cli rows and both peers on the development corpus repeated to each size, built
    under _build/bench/ (the texts are third-party: never committed)."""
    if not args.real.is_dir():
        print(f"skipping the real-article rows: {args.real} is absent", file=sys.stderr)
        return []
    folder = ROOT / "_build" / "bench"
    sizes = sorted(args.real_sizes)
    paths = {n: write_real_corpus(args.real, folder / f"real-n{n}", n) for n in sizes}
    mb = {n: sum(p.stat().st_size for p in paths[n]) / 1e6 for n in sizes}
    rows = []
    for n in sizes:
        print(f"real n={n}: {mb[n]:.2f} MB", file=sys.stderr)
        for jobs in args.jobs:
            for engine in engines if jobs > 1 else ["local"]:
                rows.append(cli_row(folder, f"real-n{n}", n, mb[n], jobs, engine, args.reps, "real"))
    small, large = sizes[0], sizes[-1]
    sample = [p.read_text(encoding="utf-8") for p in paths[small][: args.sample]]
    rows.append(
        row(
            "quantulum3",
            len(sample),
            sum(len(t.encode("utf-8")) for t in sample) / 1e6,
            [time_quantulum(sample) for _ in range(args.reps)],
            f"[quantulum3.parser.parse(t) for t in first {len(sample)} texts of real-n{small}] (in {shown})",
            corpus="real",
        )
    )
    texts = [p.read_text(encoding="utf-8") for p in paths[large]]
    rows.append(
        row(
            "re",
            len(texts),
            mb[large],
            [time_regex(texts) for _ in range(args.reps)],
            f"[re.findall(r'[0-9]+', t) for t in texts of real-n{large}] (in {shown})",
            corpus="real",
        )
    )
    return rows


ADDED = "zz-added-copy"  # the stem of the document the incremental row adds (sorts last)


def cache_rows(args, folder: Path | None = None) -> list[dict]:
    """Issue 16's incremental target on the real articles at --cache-size documents: a full
    run through a fresh cache (`--cache`, as `make data` runs), a re-run with nothing
    changed, and a re-run after one document is added (a copy of the first text, with its
    sidecar, under a new stem); medians of --reps. The corpus is linked file by file into
    a scratch folder beside it, so the shared copy is never changed."""
    if not args.real.is_dir():
        print(f"skipping the cache rows: {args.real} is absent", file=sys.stderr)
        return []
    n, folder = args.cache_size, folder or ROOT / "_build" / "bench"
    paths = write_real_corpus(args.real, folder / f"real-n{n}", n)
    mb = sum(p.stat().st_size for p in paths) / 1e6
    name = f"real-n{n}-cache"
    corpus, cache = folder / name, folder / f"{name}.extract-cache"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.copytree(folder / f"real-n{n}", corpus, copy_function=os.link)
    first = paths[0]
    added = (corpus / f"{ADDED}.txt", corpus / f"{ADDED}.meta.yml")
    runs: dict[str, list] = {"full": [], "no-change": [], "add-one": []}
    try:
        for _ in range(args.reps):
            shutil.rmtree(cache, ignore_errors=True)
            for path in added:
                path.unlink(missing_ok=True)
            extra = ("--cache", cache.name)
            runs["full"].append(run_cli(folder, name, 1, "local", extra))
            runs["no-change"].append(run_cli(folder, name, 1, "local", extra))
            shutil.copyfile(first, added[0])
            shutil.copyfile(first.with_name(first.stem + ".meta.yml"), added[1])
            runs["add-one"].append(run_cli(folder, name, 1, "local", extra))
    finally:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    full_cpu = statistics.median(r[0][1] for r in runs["full"])
    rows = []
    more = first.stat().st_size / 1e6
    for label, docs, size, how in (
        ("full", n, mb, "a fresh cache"),
        ("no-change", n, mb, "after the full run, nothing changed"),
        ("add-one", n + 1, mb + more, "after the full run, one document added"),
    ):
        times = [r[0] for r in runs[label]]
        share = statistics.median(t[1] for t in times) / full_cpu
        command = shlex.join(runs[label][0][2]) + f" ({how}: {share:.1%} of the full run's CPU seconds)"
        peak = statistics.median(r[1] for r in runs[label])
        rows.append(row(f"cli-cache-{label}", docs, size, times, command, peak_mb=peak, corpus="real"))
        print(
            f"  cli --cache, {label}: {statistics.median(t[1] for t in times):.2f} CPU s ({share:.1%})", file=sys.stderr
        )
    return rows


def cache_summary(rows: list[dict]) -> list[str]:
    """The incremental target, read from the cache rows."""
    if not rows:
        return ["- Cache rows skipped: the development corpus (--real) was absent."]
    by = {r["what"]: r for r in rows}
    full, same, one = by["cli-cache-full"], by["cli-cache-no-change"], by["cli-cache-add-one"]
    share = one["cpu_seconds"] / full["cpu_seconds"]
    return [
        f"- Incremental, real articles, {full['n_docs']:,} documents through `--cache`: the full run takes "
        f"{full['cpu_seconds']:.2f} CPU seconds, a re-run with nothing changed {same['cpu_seconds']:.2f}, and one "
        f"after adding one document **{one['cpu_seconds']:.2f} ({share:.1%} of the full run)**; target 10%: "
        f"{'met' if share <= 0.10 else 'not met'}."
    ]


def real_summary(rows: list[dict]) -> list[str]:
    """The targets of issue 16, read from the real-article rows."""
    if not rows:
        return ["- Real-article rows skipped: the development corpus (--real) was absent."]
    cli = {(r["jobs"], r["engine"], r["n_docs"]): r for r in rows if r["what"] == "cli"}
    one = sorted((k[2], r) for k, r in cli.items() if k[0] == 1)
    quant = next(r for r in rows if r["what"] == "quantulum3")
    floor = next(r for r in rows if r["what"] == "re")
    n, mid = next(((n, r) for n, r in one if n == 4000), one[-1])
    met = "met" if mid["mb_per_s"] >= 1 else "not met"
    lines = [
        f"- Real articles, one process, {n:,} documents: **{mid['mb_per_s']:.2f} MB/s** of wall time "
        f"({mid['mb_per_cpu_s']:.2f} MB per CPU second); target 1.0 MB/s: {met}.",
        f"- Real articles, per CPU second: **{mid['mb_per_cpu_s'] / quant['mb_per_cpu_s']:,.1f}x** quantulum3 "
        f"(target 25x: {'met' if mid['mb_per_cpu_s'] / quant['mb_per_cpu_s'] >= 25 else 'not met'}); "
        f"the `re` floor is {floor['mb_per_cpu_s'] / mid['mb_per_cpu_s']:,.0f} times faster.",
    ]
    if len(one) > 1:
        (n0, a), (n1, b) = one[0], one[-1]
        ratio = b["peak_mb"] / a["peak_mb"]
        peaks = ", ".join(f"{r['peak_mb']:,.0f} MB" for _, r in one)
        lines.append(
            f"- Real articles, peak memory: {peaks} for "
            f"{', '.join(f'{n:,}' for n, _ in one)} documents; {n1:,} vs {n0:,}: {ratio:.2f}x "
            f"(target 1.3x: {'met' if ratio <= 1.3 else 'not met'})."
        )
    for (jobs, engine, n), r in sorted(cli.items()):
        if jobs > 1 and (1, "", n) in cli:
            lines.append(
                f"- Real articles, `--jobs {jobs}`{f' --engine {engine}' if engine != 'local' else ''}, {n:,} documents: "
                f"{cli[(1, '', n)]['seconds'] / r['seconds']:.2f}x one process by wall time (target 1.7x at 16,000)."
            )
    return lines


def write(args, rows: list[dict], real: list[dict], shown: str, sizes: list[int], load: tuple[float, float]) -> None:
    by = {(r["what"], r["jobs"], r["engine"], r["n_docs"]): r for r in rows}
    small, large = sizes[0], sizes[-1]
    ours = by[("pipeline", 1, "", small)]
    quant = next(r for r in rows if r["what"] == "quantulum3")
    floor = next(r for r in rows if r["what"] == "re")
    lines = [
        "# Extraction benchmark",
        "",
        f"Generated by `{shown}`; do not edit by hand. Machine-readable copy: `{args.out.with_suffix('.csv').name}`.",
        "",
        f"Corpora from `bench/make_corpus.py` (seed {args.seed}), one per size, written to a temporary folder; "
        "`cli` rows ran there with the project on `PYTHONPATH`. `pipeline` rows time `pipeline.extract_document` "
        "(parse, every extractor, checks) in one process on one core, without reading files or writing tables. "
        "Peak MB is the command-line process's own high-water mark (VmHWM, read by `bench/peak.py`; workers aside). "
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
        f"1-minute load average {load[0]:.1f} before the run and {load[1]:.1f} after it (other work on the machine "
        "makes wall seconds longer than CPU seconds).",
        "",
        "## Synthetic corpora",
        "",
        *table(rows),
        "",
        "## Real articles",
        "",
        f"The development corpus (`{args.real.name}`, {len(list(args.real.glob('*.txt'))) if args.real.is_dir() else 0} "
        "articles) repeated to each size under `_build/bench/real-nN`; `cli` rows ran in `_build/bench`.",
        "",
        *(table(real) if real else ["(skipped: the development corpus was absent)"]),
        "",
        "## Summary",
        "",
        *real_summary([r for r in real if not r["what"].startswith("cli-cache-")]),
        *(cache_summary([r for r in real if r["what"].startswith("cli-cache-")]) if args.cache_size else []),
        f"- Per core, the full pipeline runs at **{ours['mb_per_cpu_s']:.2f} MB per CPU second** "
        f"({ours['n_docs'] / ours['cpu_seconds']:,.0f} documents per CPU second; {ours['mb_per_s']:.2f} MB/s of wall time) "
        f"on the {small:,}-document synthetic corpus (issue 16's targets are read on the real articles, above).",
        f"- quantulum3 (quantities only, {quant['n_docs']} documents): {quant['mb_per_cpu_s']:.3f} MB per CPU second. "
        f"The pipeline's throughput is **{ours['mb_per_cpu_s'] / quant['mb_per_cpu_s']:,.1f}x** quantulum3's "
        f"({ours['mb_per_s'] / quant['mb_per_s']:,.1f}x by wall time).",
        f"- `re` digit scan (the floor): {floor['mb_per_cpu_s']:,.1f} MB per CPU second; the pipeline's throughput is "
        f"**{ours['mb_per_cpu_s'] / floor['mb_per_cpu_s']:.4f}x** the floor's ({floor['mb_per_cpu_s'] / ours['mb_per_cpu_s']:,.0f} times slower).",
    ]
    if large != small:
        for what, jobs in (("pipeline", 1), ("cli", 1)):
            a, b = by.get((what, jobs, "", small)), by.get((what, jobs, "", large))
            if a and b:
                ratio = (b["cpu_seconds"] / b["n_docs"]) / (a["cpu_seconds"] / a["n_docs"])
                lines.append(
                    f"- CPU cost per document, {what} ({'in process' if what == 'pipeline' else 'command line, one process'}), "
                    f"{large:,} vs {small:,} documents: {ratio:.2f}x "
                    f"({'linear, within 15%' if abs(ratio - 1) <= 0.15 else 'not within 15% of linear'})."
                )
    for jobs, engine in sorted(
        {(r["jobs"], r["engine"]) for r in rows if r["what"] == "cli"}, key=lambda k: (k[0], k[1] != "local")
    ):
        runs = [by[("cli", jobs, engine, n)] for n in sizes]
        label = f"--jobs {jobs}" + (f" --engine {engine}" if engine not in ("", "local") else "")
        line = f"- `{label}`: peak memory " + ", ".join(f"{r['peak_mb']:,.0f} MB" for r in runs)
        if jobs > 1:
            line += "; wall-time speed-up over one process " + ", ".join(
                f"{by[('cli', 1, '', n)]['seconds'] / r['seconds']:.2f}x"
                for n, r in zip(sizes, runs)
                if ("cli", 1, "", n) in by
            )
        lines.append(line + f" (for {', '.join(f'{n:,}' for n in sizes)} documents).")
    write_rows(args, rows + real, lines)


def write_rows(args, rows: list[dict], lines: list[str]) -> None:
    """The .md (`lines`) and the .csv (`rows`) of a run."""
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
    args.out.with_suffix(".csv").write_text(buffer.getvalue(), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    raise SystemExit(main())
