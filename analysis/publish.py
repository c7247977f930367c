"""Publishing the built book: preview it (`make serve`), push it to gh-pages (`make publish`),
print it to one PDF (`make pdf`), and the citation the book shows, generated from CITATION.cff.

Command line: `python -m analysis.publish {serve,stamp,publish,pdf} ...`. Every refusal is one
line on stderr and exit 1, so make stops with the reason in front of the reader.
"""
from __future__ import annotations

import argparse
import functools
import html
import http.server
import os
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml

from analysis.paths import ROOT, display_path

SITE = ROOT / "_build" / "html"
STAMP = ROOT / "_build" / ".tested"
CITATION = ROOT / "CITATION.cff"
CHROMIUM = Path("/usr/bin/chromium")
HEADLESS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class Refused(Exception):
    """A reason not to go on, worded for the person at the terminal."""


# --- serve -------------------------------------------------------------------------------


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that drops a connection is not worth a traceback in a preview."""
        print(f"error serving {client_address[0]}: {sys.exc_info()[1]}", file=sys.stderr)


@contextmanager
def _ctrl_c_to_this_process_only():
    """Under `make serve`, Ctrl-C would interrupt make too, which then exits 130 although the
    server stopped cleanly. Taking the terminal's foreground for this process alone lets
    Ctrl-C reach only the server; the terminal is handed back on the way out."""
    try:
        before = os.tcgetpgrp(0)
    except OSError:  # no terminal (CI, a pipe): nothing to take
        before = None
    if before != os.getpgrp():  # no terminal, or started in the background: leave it alone
        yield
        return
    ttou = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # a background group may not set the foreground
    try:
        os.setpgid(0, 0)
        os.tcsetpgrp(0, os.getpgrp())
    except OSError:  # already a group or session leader: Ctrl-C reaches only us anyway
        signal.signal(signal.SIGTTOU, ttou)
        yield
        return
    try:
        yield
    finally:
        os.tcsetpgrp(0, before)
        signal.signal(signal.SIGTTOU, ttou)


def serve(site: Path = SITE, host: str = "127.0.0.1", port: int = 0) -> int:
    """Serve the built site over HTTP (port 0: a free one) until Ctrl-C, then exit 0: search
    and downloads behave as on the published site, which file:// pages cannot promise."""
    site = Path(site)
    if not (site / "index.html").is_file():
        raise Refused(f"no built site at {display_path(site)}: run `make book` first")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with _ctrl_c_to_this_process_only(), _Server((host, port), handler) as server:
        print(f"Serving {display_path(site)} at http://{host}:{server.server_port}/ (Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nstopped", flush=True)
    return 0


# --- publish -----------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if done.returncode:
        lines = (done.stderr or done.stdout).strip().splitlines() or ["(no message)"]
        raise Refused(f"git {args[0]} failed: {lines[-1]}")
    return done.stdout.rstrip()  # not lstrip: `git status --porcelain` starts with a space


def uncommitted(repo: Path) -> list[str]:
    """Paths `git status` reports, except untracked build output under _build/."""
    lines = _git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()
    return [line[3:] for line in lines if not (line.startswith("?? ") and line[3:].startswith("_build/"))]


def write_stamp(repo: Path = ROOT, stamp: Path = STAMP) -> str:
    """Record the commit `make test` just passed on. A dirty tree gets no stamp: the tests
    did not run on any commit."""
    dirty = uncommitted(repo)
    if dirty:
        raise Refused(f"tests passed, but on uncommitted changes ({_some(dirty)}): commit them and run `make test-stamp` again")
    head = _git(repo, "rev-parse", "HEAD")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(head + "\n", encoding="utf-8")
    return head


def _some(paths: list[str]) -> str:
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def refusal(repo: Path, site: Path, stamp: Path) -> str | None:
    """Why this site may not be published, or None: it must exist, come from a clean tree,
    and `make test` must have passed on this very commit, after which the site was not rebuilt."""
    if not (site / "index.html").is_file():
        return f"no built site at {display_path(site)}: run `make test-stamp` first"
    dirty = uncommitted(repo)
    if dirty:
        return f"the working tree has uncommitted changes ({_some(dirty)}): commit or stash them first"
    head = _git(repo, "rev-parse", "HEAD")
    if not stamp.is_file():
        return f"`make test` has not passed on commit {head[:12]} (no {display_path(stamp)}): run `make test-stamp` first"
    tested = stamp.read_text(encoding="utf-8").strip()
    if tested != head:
        return f"`make test` last passed on commit {tested[:12]}, not on HEAD {head[:12]}: run `make test-stamp` first"
    if (site / "index.html").stat().st_mtime > stamp.stat().st_mtime:
        return "the site was rebuilt after `make test` passed: run `make test-stamp` again"
    return None


def publish(site: Path = SITE, remote: str = "origin", repo: Path = ROOT, stamp: Path = STAMP,
            branch: str = "gh-pages") -> str:
    """Commit the site to `branch` with ghp-import (-n: with .nojekyll, so _static/ is served)
    on top of the remote's branch, and push it. An unchanged site makes no commit: history
    then shows one commit per change a reader could see."""
    site, repo = Path(site).resolve(), Path(repo).resolve()
    problem = refusal(repo, site, stamp)
    if problem:
        raise Refused(problem)
    head = _git(repo, "rev-parse", "HEAD")
    listed = _git(repo, "ls-remote", "--heads", remote, f"refs/heads/{branch}")
    published = listed.split()[0] if listed else None
    if published:  # build on what readers see now, whatever the local branch holds
        _git(repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/heads/{branch}")
    ghp_import = Path(sys.executable).with_name("ghp-import")
    done = subprocess.run([str(ghp_import), "-n", "-b", branch, "-r", remote, "-m", f"Site built from {head}", str(site)],
                          cwd=repo, capture_output=True, text=True)
    if done.returncode:
        raise Refused(f"ghp-import failed: {' '.join((done.stderr or done.stdout).split())}")
    new = _git(repo, "rev-parse", branch)
    if published and new != published and _git(repo, "rev-parse", f"{new}^{{tree}}") == _git(repo, "rev-parse", f"{published}^{{tree}}"):
        _git(repo, "update-ref", f"refs/heads/{branch}", published, new)
        return f"the site on {remote} {branch} is already this one ({published[:12]}): nothing to publish"
    _git(repo, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    return f"published {display_path(site)} to {remote} {branch} ({new[:12]}, built from {head[:12]})"


# --- pdf ---------------------------------------------------------------------------------


def printable_page(singlehtml: Path, toc: Path = ROOT / "_toc.yml") -> Path:
    """The one page of a singlehtml build, holding every chapter in _toc.yml order. Sphinx
    writes it at the root document's path (book/intro.html) but with links relative to the
    build's top folder, so styles and figures only load from a copy placed there."""
    root = yaml.safe_load(toc.read_text(encoding="utf-8"))["root"]
    page = Path(singlehtml) / f"{root}.html"
    if not page.is_file():
        raise Refused(f"no singlehtml build at {display_path(page)}")
    copy = Path(singlehtml) / "report.html"
    copy.write_bytes(page.read_bytes())
    return copy


def print_pdf(page: Path, pdf: Path, chromium: Path = CHROMIUM) -> Path:
    """Print one page to PDF with Debian's headless Chromium (no downloaded browser), with a
    bookmark per heading and no header or footer (they would show a local file path and the
    time of printing). Written aside and then moved, so a failure leaves no partial PDF."""
    page, pdf = Path(page).resolve(), Path(pdf)
    if not page.is_file():
        raise Refused(f"no page to print at {display_path(page)}")
    if not Path(chromium).exists():
        raise Refused(f"{chromium} not found: install Debian's chromium")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf.with_name(pdf.name + ".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        done = subprocess.run(
            [str(chromium), *HEADLESS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
             "--generate-pdf-document-outline", f"--print-to-pdf={partial}", page.as_uri()],
            capture_output=True, text=True, timeout=600,
        )
    if done.returncode or not partial.is_file() or partial.stat().st_size == 0:
        raise Refused(f"chromium printed no PDF from {display_path(page)} (exit {done.returncode})")
    partial.replace(pdf)
    return pdf


# --- citation ----------------------------------------------------------------------------


def load_citation(path: Path = CITATION) -> dict:
    """CITATION.cff, with its preferred citation (the report) laid over the top level."""
    cff = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return cff | cff.get("preferred-citation", {})


def _authors(cff: dict) -> list[str]:
    names = []
    for a in cff["authors"]:
        names.append(a.get("name") or " ".join(p for p in (a.get("given-names"), a.get("family-names")) if p))
    return names


def reference(cff: dict) -> str:
    """One line a reader can paste into a reference list (author-year, as the book's own)."""
    year = cff.get("year") or str(cff.get("date-released", "n.d."))[:4]
    return (f"{' and '.join(_authors(cff))} ({year}). {cff['title']} (version {cff['version']}). "
            f"{cff.get('url') or cff['repository-code']}")


def bibtex(cff: dict) -> str:
    """A BibTeX @misc entry; names and title double-braced so styles keep them as written."""
    year = cff.get("year") or str(cff.get("date-released", ""))[:4]
    url = cff.get("url") or cff["repository-code"]
    key = f"{url.rstrip('/').rsplit('/', 1)[-1]}-{year}"
    fields = {
        "author": " and ".join(f"{{{n}}}" for n in _authors(cff)),
        "title": f"{{{cff['title']}}}",
        "year": year,
        "url": url,
        "note": f"Version {cff['version']}",
    }
    return f"@misc{{{key},\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v) + "\n}"


class Citation:
    """The citation as the book shows it (HTML, pasted into the introduction with the glue
    directive, which carries HTML across documents) and as plain text."""

    def __init__(self, cff: dict):
        self.text, self.bibtex = reference(cff), bibtex(cff)
        self.url, self.title = cff.get("url") or cff["repository-code"], cff["title"]

    def _repr_html_(self) -> str:
        url = html.escape(self.url)
        text = html.escape(self.text).replace(html.escape(self.title), f"<em>{html.escape(self.title)}</em>", 1)
        text = text.replace(url, f'<a href="{url}">{url}</a>')
        return (f'<div class="report-citation"><p>{text}</p>\n<p>BibTeX:</p>\n'
                f'<pre class="report-bibtex">{html.escape(self.bibtex)}</pre></div>')

    def __repr__(self) -> str:
        return f"{self.text}\n\n{self.bibtex}"


def citation(path: Path = CITATION) -> Citation:
    return Citation(load_citation(path))


# --- command line ------------------------------------------------------------------------


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
    args = p.parse_args(argv)
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
