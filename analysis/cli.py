"""Command line: `python -m analysis extract INPUT... --out DIR` writes the tables;
`python -m analysis evaluate CORPUS --expected FILE` scores the extraction against hand
annotations without writing anything into the corpus; `drift` and `run-notebooks`
compare and refresh the book's stored outputs.

Exit codes: 0 success (warnings may be printed), 2 bad input or an operating-system
error (one line naming the file and the problem, nothing written), 130 after Ctrl-C and
143 after SIGTERM (one line; a half-written output is removed), anything else a bug
(traceback shown). A summary line that cannot be printed (stdout full or closed) after
the output folder was written is a one-line warning on stderr, and the exit stays 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import threading
from pathlib import Path

from analysis.extract import pipeline
from analysis.extract.gather import ROWS_READ, Gathered
from analysis.paths import display_path
from analysis.store import codebook, reference
from analysis.store.csv import write_lines
from analysis.store.folder import check_target, staged, write_files
from analysis.store.package import describe, json_bytes
from analysis.store.runs import SpillError
from analysis.text.corpus import InputError, iter_corpus, iter_documents, list_inputs
from analysis.text.errors import os_problem
from analysis.text.inputs import Resolver, within

EXIT_BAD_INPUT = 2
MAX_JOBS = 1024  # above this a value is a typo, not a request; below it, capped at the CPUs
SPILL = ".runs"  # inside the staging folder: the tables' sorted runs, removed before validation
_SIGNAL_NAMES = {signal.SIGINT: "SIGINT (Ctrl-C)", signal.SIGTERM: "SIGTERM"}


class Stopped(BaseException):
    """SIGTERM (or SIGINT) arrived: raised where the run is, so cleanup blocks run."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _noting_reviews(documents, reviews: dict):
    """Pass the documents on, keeping each sidecar's `reviewed:` checks by doc_id."""
    for doc in documents:
        if doc.meta.get("reviewed"):
            reviews[doc.doc_id] = doc.meta["reviewed"]
        yield doc


def extract_rows(
    files: list[Path], warnings: list[str], spill: Path, jobs: int = 1, engine: str = "local", cache: Path | None = None
) -> Gathered:
    """Run the per-document pipeline over the listed files and gather the rows by table,
    in sorted runs under `spill` (analysis.extract.gather); workers are capped at the CPU
    count and the number of documents, and checks an analyst reviewed in a sidecar are
    marked so (check.checks.apply_reviews). With `cache`, a document whose result is
    there is neither parsed nor extracted again (analysis.store.cache)."""
    from analysis.extract import parallel

    jobs = parallel.worker_count(jobs, len(files))
    reviews: dict = {}
    function = pipeline.extract_document
    if cache is None:
        documents = _noting_reviews(iter_documents(files, warnings), reviews)
    else:
        from analysis.store import cache as result_cache

        documents = result_cache.through_cache(files, warnings, result_cache.open_cache(cache), reviews)
        function = result_cache.resolver(function, pipeline.TABLES, ROWS_READ)
    if engine == "local" and jobs <= 1:
        results = map(function, documents)
    else:
        results = parallel.map_documents(documents, jobs=jobs, engine=engine, function=function)  # streams, in order
    tallies = reference.read_rows(reference.reference_files()[reference.TALLIES.path])
    gathered = Gathered(pipeline.TABLES, spill, reviews, warnings, tallies)
    for result in results:
        gathered.add(result)
    gathered.finish()
    return gathered


def refuse_inputs_inside(files: list[Path], out: Path) -> None:
    """The run replaces `out` whole: an input inside it (as named, or where its links
    lead) would be deleted by the run that read it."""
    target, resolver = os.path.realpath(out), Resolver()
    for path in files:
        in_folder = os.path.join(resolver.folder(path.parent), path.name)
        if within(in_folder, target) or within(resolver.file(path), target):
            problem = f"lies inside the output folder {display_path(out)}, which this run replaces; move it out first"
            raise InputError(path, problem)


def write_tables(gathered: Gathered, folder: Path) -> None:
    """Write every file of the output folder into `folder`: the tables, merged from their
    runs, the curated reference tables (copied unchanged into context/), data package,
    codebook."""
    curated = reference.reference_files()
    resources = []
    for table in pipeline.TABLES:
        with open(folder / table.path, "wb") as handle:
            resources.append(table.resource_of(*write_lines(table, gathered.runs[table.name].merged(), handle)))
            handle.flush()
            os.fsync(handle.fileno())
    package = describe(resources, reference.resources(curated))
    files = dict(curated)
    files["datapackage.json"] = json_bytes(package)
    files["README.md"] = codebook.render(package).encode("utf-8")
    write_files(folder, files)


def validate_folder(folder: Path, shown_as: Path | None = None) -> None:
    """Check every table against datapackage.json before it may replace the old data.
    `shown_as` names the output folder in the message, not the staging copy that is removed."""
    from analysis.store.validation import validate_package

    problems = validate_package(folder / "datapackage.json")
    if problems:
        problem = "tables fail validation: " + "; ".join(problems[:5])
        raise InputError((shown_as or folder) / "datapackage.json", problem)


def _output_folder(out: str) -> Path:
    """The --out folder, checked before anything is read."""
    if out == "":
        raise InputError("", "--out is empty; name the output folder")
    try:
        check_target(Path(out))
    except OSError as exc:
        raise InputError(out, f"cannot write the output folder ({exc.strerror or exc})") from None
    return Path(out)


def _cache_folder(cache: str | None) -> Path | None:
    if cache is None:
        return None
    try:
        Path(cache).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(cache, f"cannot write the cache folder ({exc.strerror or exc})") from None
    return Path(cache)


def _jobs(jobs: int) -> int:
    if not 1 <= jobs <= MAX_JOBS:
        raise InputError("--jobs", f"must be from 1 to {MAX_JOBS}, got {jobs} (it is capped at the CPU count anyway)")
    return jobs


def _refuse_on_warnings(args, warnings: list, gathered: Gathered) -> None:
    """Print the warnings; with --strict, a warning or a failing required check stops the run."""
    for line in warnings if not args.strict else ():
        print(f"warning: {line}", file=sys.stderr)
    if args.strict and warnings:
        first = warnings[0]
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        problem = f"{getattr(first, 'problem', first)}{more}; --strict makes warnings errors"
        raise InputError(getattr(first, "path", None), problem)
    if args.strict and gathered.failed:
        # The book publishes data/; a required check that fails must stop it, not be charted.
        (failed, path), more = gathered.failed[0], gathered.failures - 1
        raise InputError(
            path,
            f"required check fails: {failed['description']} [{failed['formula']}]"
            f"{f' (and {more} more)' if more else ''}; --strict stops here",
        )


def cmd_extract(args) -> int:
    warnings: list[str] = []
    jobs = _jobs(args.jobs)
    files = list_inputs(args.inputs, warnings)
    out = _output_folder(args.out)
    refuse_inputs_inside(files, out)  # before anything is read
    cache = _cache_folder(args.cache)
    reading = False  # an OSError while the documents are read is not the output folder's
    try:
        with staged(out, validate=lambda staging: validate_folder(staging, out)) as staging:
            spill = staging / SPILL
            spill.mkdir()
            reading = True
            gathered = extract_rows(files, warnings, spill, jobs=jobs, engine=args.engine, cache=cache)
            reading = False
            _refuse_on_warnings(args, warnings, gathered)
            counts = ", ".join(f"{name} {n}" for name, n in gathered.counts.items())
            write_tables(gathered, staging)
            del gathered
            shutil.rmtree(spill)
    except OSError as exc:  # permission, a file where a folder should be, disk full
        if reading and not isinstance(exc, SpillError):
            raise
        raise InputError(args.out, f"cannot write the output folder ({exc.strerror or exc})") from None
    curated = ", ".join(t.path for t in reference.REFERENCE_TABLES)
    summary = f"wrote {display_path(out)}/: {counts} (extracted); {curated} (curated, copied from reference/)\n"
    return _print(summary, result=False)


def _print(text: str, result: bool = True) -> int:
    """Write to stdout and flush, so a full disk or a closed pipe shows here and not as a
    traceback at exit. When stdout only carries a summary (`result=False`) of work already
    done, that is a warning and exit 0; when it carries the result, an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    except OSError as exc:
        problem = f"cannot write to standard output ({exc.strerror or exc})"
        _silence_stdout()
        if result:
            raise InputError("<stdout>", problem) from None
        print(f"warning: <stdout>: {problem}; the output folder was written", file=sys.stderr)
        return 0


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's own flush at exit cannot fail too."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no real file descriptor (stdout replaced in-process)
        pass


def cmd_evaluate(args) -> int:
    """Extract the corpus in memory and score it against the annotations."""
    import json

    from analysis.check import annotations, evaluate, evaluate_text
    from analysis.store.folder import write_file

    warnings: list[str] = []
    documents = list(iter_corpus([args.corpus], warnings))
    texts = {d.doc_id: d.text for d in documents}
    try:
        expected = annotations.load_tallies(args.expected, texts)
        reasons = annotations.load_reasons(args.justifications, texts) if args.justifications else None
    except annotations.AnnotationError as exc:
        raise InputError(Path(exc.path), exc.problem) from None
    rows: dict[str, list[dict]] = {"tallies": [], "justifications": []}
    for doc in documents:
        result = pipeline.extract_document(doc)
        rows["tallies"] += result["tallies"]
        rows["justifications"] += result["justifications"]
    reason_rows = rows["justifications"] if reasons is not None else None
    scores = evaluate.score(rows["tallies"], reason_rows, expected, reasons, texts)
    outputs = []
    if args.misses:
        found = evaluate.misses(rows["tallies"], reason_rows, expected, reasons, texts)
        outputs.append((args.misses, evaluate_text.render_misses(found).encode("utf-8")))
    if args.csv:
        outputs.append((args.csv, evaluate_text.accuracy_csv(scores)))
    for path, content in outputs:
        try:
            write_file(Path(path), content)
        except OSError as exc:
            raise InputError(path, f"cannot write the file ({exc.strerror or exc})") from None
    return _print(json.dumps(scores, indent=2, sort_keys=True) + "\n" if args.json else evaluate_text.render(scores))


def cmd_notebooks(args) -> int:
    from analysis.publish.toc import toc_notebooks

    return _print("".join(f"{path}\n" for path in toc_notebooks()))


def cmd_run_notebooks(args) -> int:
    """`make outputs`: store fresh outputs, logging what changed with the reason."""
    from analysis.publish.changelog import LOG
    from analysis.publish.notebooks import refresh
    from analysis.publish.site import Refused

    try:
        done = refresh(args.notebooks, args.reason or "")
    except Refused as exc:
        raise InputError(LOG, str(exc)) from None
    return _print(done + "\n", result=False)


def cmd_drift(args) -> int:
    """`make drift`: what the notebooks show now against their stored outputs; exit 1
    when anything drifted or a notebook failed to run."""
    from analysis.publish.drift import render
    from analysis.publish.notebooks import drift
    from analysis.publish.toc import toc_notebooks

    changes, failed = drift(args.notebooks or toc_notebooks())
    text = render(changes) + "".join(f"error: {line}\n" for line in failed)
    _print(text or "No drift: every notebook shows what its stored outputs show.\n")
    return 1 if changes or failed else 0


class _Parser(argparse.ArgumentParser):
    """argparse, with a hint when a file name was taken for an option (`-doc.txt`)."""

    argv: list[str] = []

    def error(self, message):
        strays = [a for a in self.argv if a.startswith("-") and (a.endswith(".txt") or os.path.exists(a))]
        if strays:
            message += f" ({strays[0]} was read as an option: write ./{strays[0]} to name the file)"
        super().error(message)


def parser(argv: list[str] = ()) -> argparse.ArgumentParser:
    cls = type("Parser", (_Parser,), {"argv": list(argv)})
    p = cls(prog="python -m analysis", description=__doc__.splitlines()[0])
    p.add_argument("--debug", action="store_true", help="show tracebacks for bad input too")
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract every table from documents into an output folder")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt files or folders of them")
    ex.add_argument("--out", required=True, metavar="DIR", help="output folder, replaced all-or-nothing")
    ex.add_argument("--strict", action="store_true", help="treat warnings as errors")
    ex.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help=f"worker processes (default 1; at most {MAX_JOBS}), capped at the CPU count and at the number of documents",
    )
    ex.add_argument("--engine", choices=["local", "dask"], default="local", help="where workers run")
    ex.add_argument(
        "--cache", metavar="DIR", help="reuse each unchanged document's rows from DIR (keyed by text, sidecar and code)"
    )
    # SUPPRESS as default too, so `--debug extract ...` is not reset by the subcommand.
    ex.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    ex.set_defaults(func=cmd_extract)
    ev = sub.add_parser("evaluate", help="score the extraction of a corpus against hand annotations")
    ev.add_argument("corpus", metavar="CORPUS_DIR", help="folder of .txt documents with their sidecars (read only)")
    ev.add_argument("--expected", required=True, metavar="FILE", help="annotated tallies (the schema of expected.json)")
    ev.add_argument("--justifications", metavar="FILE", help="annotated reasons (the schema of justifications.json)")
    ev.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    ev.add_argument("--misses", metavar="FILE", help="write every miss and invented row, grouped by kind, to FILE")
    ev.add_argument("--csv", metavar="FILE", help="write the scores as a long table (bench/accuracy.csv)")
    ev.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    ev.set_defaults(func=cmd_evaluate)
    nb = sub.add_parser("notebooks", help="list the notebooks in _toc.yml, in order")
    nb.set_defaults(func=cmd_notebooks)
    run = sub.add_parser("run-notebooks", help="re-execute notebooks in place, storing their outputs")
    run.add_argument("notebooks", nargs="+")
    run.add_argument("--reason", help="why the figures changed (required when they did); logged in book/changes.csv")
    run.set_defaults(func=cmd_run_notebooks)
    dr = sub.add_parser("drift", help="execute the notebooks afresh and report what differs from their stored outputs")
    dr.add_argument("notebooks", nargs="*", help="default: every notebook in _toc.yml")
    dr.set_defaults(func=cmd_drift)
    return p


def _stop(signum, frame):
    raise Stopped(signum)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser(argv).parse_args(argv)
    # SIGTERM unwinds like Ctrl-C, so the staging folder is removed; only the main thread may set it.
    own = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if own else None
    try:
        return args.func(args)
    except InputError as exc:
        if args.debug:
            raise
        print(f"error: {exc.path}: {exc.problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # what the checks above did not foresee: still the user's environment
        if args.debug:
            raise
        shown = InputError(exc.filename if exc.filename is not None else None, os_problem(exc))
        print(f"error: {shown.path}: {shown.problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, Stopped) as exc:
        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        print(f"error: interrupted by {_SIGNAL_NAMES.get(signum, signum)}; stopped cleanly", file=sys.stderr)
        return 128 + signum
    finally:
        if own:
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
