"""Command line: `python -m analysis.publish {serve,stamp,publish,pdf,checks} ...`. Every refusal
is one line on stderr and exit 1, so make stops with the reason in front of the reader."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.paths import ROOT, display_path
from analysis.publish.pdf import print_pdf, printable_page
from analysis.publish.site import SITE, STAMP, Refused, publish, serve, write_stamp


def failed_checks(data: Path) -> int:
    """Print every failed required check of `data` (a STRICT=0 build's), and how many were
    reviewed as the source's own; always exit 0: the build chose to go on."""
    from analysis.report.headline import failed_checks as failing
    from analysis.report.headline import reviewed_checks
    from analysis.report.load import load_table

    checks = load_table("checks", data)
    failed, reviewed = failing(checks), reviewed_checks(checks)
    if len(reviewed):
        print(f"{len(reviewed)} required check(s) reviewed as the source's own inconsistency (see the sidecars).")
    if failed.empty:
        return 0
    print(f"WARNING: {len(failed)} required check(s) FAIL in {display_path(data)} (listed on the book's first page):")
    for row in failed.sort_values("check_id").itertuples():
        print(f"  {row.check_id}: {row.description} [{row.formula}]")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m analysis.publish", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve the built site on 127.0.0.1 until Ctrl-C")
    s.add_argument("site", nargs="?", type=Path, default=SITE)
    s.add_argument("--port", type=int, default=0, help="0 (default): a free port")
    st = sub.add_parser("stamp", help="record the commit `make test` just passed on")
    st.add_argument("stamp", nargs="?", type=Path, default=STAMP)
    pu = sub.add_parser("publish", help="push the built site to the gh-pages branch of a remote")
    pu.add_argument("site", nargs="?", type=Path, default=SITE)
    pu.add_argument("--remote", default="origin", help="a remote name or URL (default origin)")
    pu.add_argument("--stamp", type=Path, default=STAMP)
    pd = sub.add_parser("pdf", help="print a singlehtml build to one PDF")
    pd.add_argument("singlehtml", type=Path)
    pd.add_argument("pdf", type=Path)
    ch = sub.add_parser("checks", help="list the failed required checks of a data folder (after a build)")
    ch.add_argument("data", type=Path)
    args = p.parse_args(argv)
    if args.command == "checks":
        return failed_checks(args.data)
    try:
        if args.command == "serve":
            return serve(args.site, port=args.port)
        if args.command == "stamp":
            print(f"make test passed on {write_stamp(ROOT, args.stamp)[:12]}: recorded in {display_path(args.stamp)}")
        elif args.command == "publish":
            print(publish(args.site, args.remote, ROOT, args.stamp))
        elif args.command == "pdf":
            from pypdf import PdfReader

            pdf = print_pdf(printable_page(args.singlehtml), args.pdf)
            print(f"wrote {display_path(pdf)}: {len(PdfReader(pdf).pages)} pages")
    except Refused as exc:
        print(f"error: cannot {args.command}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
