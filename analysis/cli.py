"""Command line: `python -m analysis extract INPUT... --out DIR` writes the tables;
`python -m analysis evaluate CORPUS --expected FILE` scores the extraction against hand
annotations without writing anything into the corpus.

Exit codes: 0 success (warnings may be printed), 2 bad input (one line naming the file
and the problem, nothing written), anything else a bug (traceback shown).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.check import checks
from analysis.check.reconcile import reconcile
from analysis.extract import pipeline
from analysis.paths import display_path
from analysis.store import codebook, reference
from analysis.store.csv import to_csv
from analysis.store.folder import replace_folder
from analysis.store.package import datapackage, json_bytes
from analysis.text.corpus import InputError, InputWarning, iter_corpus

EXIT_BAD_INPUT = 2


def _noting_reviews(documents, reviews: dict):
    """Pass the documents on, keeping each sidecar's `reviewed:` checks by doc_id."""
    for doc in documents:
        if doc.meta.get("reviewed"):
            reviews[doc.doc_id] = doc.meta["reviewed"]
        yield doc


def extract_rows(
    inputs, warnings: list[str], jobs: int = 1, engine: str = "local", reviews: dict | None = None
) -> dict[str, list[dict]]:
    """Run the per-document pipeline over every input and gather the rows by table;
    checks an analyst reviewed in a sidecar are marked so (check.checks.apply_reviews)."""
    reviews = {} if reviews is None else reviews
    documents = _noting_reviews(iter_corpus(inputs, warnings), reviews)
    if engine == "local" and jobs <= 1:
        results = map(pipeline.extract_document, documents)
    else:
        from analysis.extract import parallel

        results = parallel.map_documents(documents, jobs=jobs, engine=engine)  # streams, in order
    gathered: dict[str, list[dict]] = {t.name: [] for t in pipeline.TABLES}
    for result in results:
        for name, rows in result.items():
            gathered[name].extend(rows)
    gathered["checks"], stale = checks.apply_reviews(gathered["checks"], reviews)
    paths = {d["doc_id"]: d.get("path") for d in gathered["documents"]}
    warnings.extend(InputWarning(paths.get(doc) or doc, problem) for doc, problem in stale)
    return gathered


def build_files(rows: dict[str, list[dict]]) -> dict[str, bytes]:
    """Every file of the output folder, as bytes: tables, the curated reference tables
    (copied unchanged into context/), data package, codebook. The extracted tallies are
    checked against the reference count series here, since that check spans documents."""
    curated = reference.reference_files()
    agreement = reconcile(rows["tallies"], reference.read_rows(curated[reference.TALLIES.path]))
    rows = {**rows, "checks": rows["checks"] + agreement}
    tables = pipeline.TABLES
    contents = {t.name: to_csv(t, rows[t.name]) for t in tables}
    package = datapackage(tables, contents, reference.resources(curated))
    files = {t.path: contents[t.name] for t in tables} | curated
    files["datapackage.json"] = json_bytes(package)
    files["README.md"] = codebook.render(package).encode("utf-8")
    return files


def validate_folder(folder: Path, shown_as: Path | None = None) -> None:
    """Check every table against datapackage.json before it may replace the old data.
    `shown_as` names the output folder in the message, not the staging copy that is removed."""
    from analysis.store.validation import validate_package

    problems = validate_package(folder / "datapackage.json")
    if problems:
        problem = "tables fail validation: " + "; ".join(problems[:5])
        raise InputError((shown_as or folder) / "datapackage.json", problem)


def cmd_extract(args) -> int:
    warnings: list[str] = []
    rows = extract_rows(args.inputs, warnings, jobs=args.jobs, engine=args.engine)
    for line in warnings if not args.strict else ():
        print(f"warning: {line}", file=sys.stderr)
    if args.strict and warnings:
        first = warnings[0]
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        problem = f"{getattr(first, 'problem', first)}{more}; --strict makes warnings errors"
        raise InputError(getattr(first, "path", None), problem)
    failed = [c for c in rows["checks"] if c.get("required") and c.get("status") == "mismatch"]
    if args.strict and failed:
        # The book publishes data/; a required check that fails must stop it, not be charted.
        doc = next((d for d in rows["documents"] if d["doc_id"] == failed[0]["doc_id"]), {})
        more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        raise InputError(
            doc.get("path"),
            f"required check fails: {failed[0]['description']} [{failed[0]['formula']}]{more}; --strict stops here",
        )
    files = build_files(rows)
    try:
        replace_folder(Path(args.out), files, validate=lambda staging: validate_folder(staging, Path(args.out)))
    except OSError as exc:  # permission, a file where a folder should be, disk full
        raise InputError(args.out, f"cannot write the output folder ({exc.strerror or exc})") from None
    counts = ", ".join(f"{name} {len(r)}" for name, r in rows.items())
    curated = ", ".join(t.path for t in reference.REFERENCE_TABLES)
    print(f"wrote {display_path(Path(args.out))}/: {counts} (extracted); {curated} (curated, copied from reference/)")
    return 0


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
    print(
        json.dumps(scores, indent=2, sort_keys=True) if args.json else evaluate_text.render(scores),
        end="\n" if args.json else "",
    )
    return 0


def cmd_notebooks(args) -> int:
    from analysis.publish.toc import toc_notebooks

    for path in toc_notebooks():
        print(path)
    return 0


def cmd_run_notebooks(args) -> int:
    from analysis.publish.notebooks import execute_in_place

    execute_in_place(args.notebooks)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    p.add_argument("--debug", action="store_true", help="show tracebacks for bad input too")
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract every table from documents into an output folder")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt files or folders of them")
    ex.add_argument("--out", required=True, metavar="DIR", help="output folder, replaced all-or-nothing")
    ex.add_argument("--strict", action="store_true", help="treat warnings as errors")
    ex.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    ex.add_argument("--engine", choices=["local", "dask"], default="local", help="where workers run")
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
    run.set_defaults(func=cmd_run_notebooks)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        if args.debug:
            raise
        print(f"error: {exc.path}: {exc.problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
