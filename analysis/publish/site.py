"""Preview the built site (`make serve`) and push it to a gh-pages branch
(`make publish`), refusing, in one line, whatever would publish something untested."""

from __future__ import annotations

import functools
import http.server
import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from analysis.paths import ROOT, display_path

SITE = ROOT / "_build" / "html"
STAMP = ROOT / "_build" / ".tested"


class Refused(Exception):
    """A reason not to go on, worded for the person at the terminal."""


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
        raise Refused(
            f"tests passed, but on uncommitted changes ({_some(dirty)}): commit them and run `make test-stamp` again"
        )
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
        return (
            f"`make test` has not passed on commit {head[:12]} (no {display_path(stamp)}): run `make test-stamp` first"
        )
    tested = stamp.read_text(encoding="utf-8").strip()
    if tested != head:
        return f"`make test` last passed on commit {tested[:12]}, not on HEAD {head[:12]}: run `make test-stamp` first"
    if (site / "index.html").stat().st_mtime > stamp.stat().st_mtime:
        return "the site was rebuilt after `make test` passed: run `make test-stamp` again"
    return None


def publish(
    site: Path = SITE, remote: str = "origin", repo: Path = ROOT, stamp: Path = STAMP, branch: str = "gh-pages"
) -> str:
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
    done = subprocess.run(
        [str(ghp_import), "-n", "-b", branch, "-r", remote, "-m", f"Site built from {head}", str(site)],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise Refused(f"ghp-import failed: {' '.join((done.stderr or done.stdout).split())}")
    new = _git(repo, "rev-parse", branch)
    if (
        published
        and new != published
        and _git(repo, "rev-parse", f"{new}^{{tree}}") == _git(repo, "rev-parse", f"{published}^{{tree}}")
    ):
        _git(repo, "update-ref", f"refs/heads/{branch}", published, new)
        return f"the site on {remote} {branch} is already this one ({published[:12]}): nothing to publish"
    _git(repo, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    return f"published {display_path(site)} to {remote} {branch} ({new[:12]}, built from {head[:12]})"
