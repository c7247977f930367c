"""Publishing (analysis/publish/site.py): the gh-pages push and its refusals, against
throwaway git repositories in tmp_path (never the project's own remote), and the preview
server's clean stop on Ctrl-C."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analysis.publish import site as publish
from analysis.publish.__main__ import main as publish_main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _hermetic_git(monkeypatch):
    """No global or system git config (signing, hooks, default branch) leaks into the tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def project(tmp_path):
    """A committed project with a built site under _build/html (untracked, as in the real one)
    and a bare repository standing in for the remote."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    repo = tmp_path / "work"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.org")
    (repo / "README.md").write_text("a report\n")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "first")
    site = repo / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<h1>The report</h1>\n")
    (site / "_static").mkdir()
    (site / "_static" / "style.css").write_text("h1 { color: navy }\n")
    return {"repo": repo, "site": site, "remote": remote, "stamp": repo / "_build" / ".tested"}


def published_files(remote: Path) -> list[str]:
    return git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()


def test_publish_pushes_the_site_with_nojekyll_and_skips_an_unchanged_site(project):
    p = project
    publish.write_stamp(p["repo"], p["stamp"])
    message = publish.publish(p["site"], str(p["remote"]), p["repo"], p["stamp"])
    assert message.startswith("published")
    assert sorted(published_files(p["remote"])) == [".nojekyll", "_static/style.css", "index.html"]
    first = git(p["remote"], "rev-parse", "gh-pages")
    assert (
        git(p["remote"], "log", "-1", "--format=%s", "gh-pages")
        == f"Site built from {git(p['repo'], 'rev-parse', 'HEAD')}"
    )

    message = publish.publish(p["site"], str(p["remote"]), p["repo"], p["stamp"])
    assert "nothing to publish" in message
    assert git(p["remote"], "rev-parse", "gh-pages") == first
    assert git(p["repo"], "rev-parse", "gh-pages") == first  # the local branch is not left ahead

    (p["site"] / "index.html").write_text("<h1>The report, revised</h1>\n")
    publish.write_stamp(p["repo"], p["stamp"])  # the site changed: tests run again
    publish.publish(p["site"], str(p["remote"]), p["repo"], p["stamp"])
    second = git(p["remote"], "rev-parse", "gh-pages")
    assert second != first and git(p["remote"], "rev-parse", "gh-pages^") == first


def test_publish_builds_on_the_remote_branch_from_a_fresh_clone(project, tmp_path):
    """A second machine without a local gh-pages still adds to the published history."""
    p = project
    publish.write_stamp(p["repo"], p["stamp"])
    publish.publish(p["site"], str(p["remote"]), p["repo"], p["stamp"])
    first = git(p["remote"], "rev-parse", "gh-pages")
    git(p["repo"], "branch", "-D", "gh-pages")
    (p["site"] / "index.html").write_text("<h1>Rebuilt elsewhere</h1>\n")
    publish.write_stamp(p["repo"], p["stamp"])
    publish.publish(p["site"], str(p["remote"]), p["repo"], p["stamp"])
    assert git(p["remote"], "rev-parse", "gh-pages^") == first


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda r: (r / "README.md").write_text("edited\n"), "uncommitted changes (README.md)"),
        (lambda r: (r / "notes.txt").write_text("new\n"), "uncommitted changes (notes.txt)"),
    ],
)
def test_publish_refuses_a_dirty_tree(project, change, reason):
    p = project
    publish.write_stamp(p["repo"], p["stamp"])
    change(p["repo"])
    with pytest.raises(publish.Refused, match=re.escape(reason)):
        publish.publish(p["site"], str(p["remote"]), p["repo"], p["stamp"])
    assert not git(p["remote"], "branch", "--list", "gh-pages")


def test_untracked_build_output_does_not_make_the_tree_dirty(project):
    (project["repo"] / "_build" / "screenshots").mkdir()
    (project["repo"] / "_build" / "screenshots" / "a.png").write_bytes(b"png")
    assert publish.uncommitted(project["repo"]) == []


def test_publish_refuses_without_tests_passed_on_this_commit(project):
    p = project
    args = (p["site"], str(p["remote"]), p["repo"], p["stamp"])
    with pytest.raises(publish.Refused, match=r"`make test` has not passed on commit .*make test-stamp"):
        publish.publish(*args)

    publish.write_stamp(p["repo"], p["stamp"])
    (p["repo"] / "README.md").write_text("second\n")
    git(p["repo"], "commit", "-q", "-am", "second")
    with pytest.raises(publish.Refused, match=r"last passed on commit \w+, not on HEAD \w+"):
        publish.publish(*args)

    publish.write_stamp(p["repo"], p["stamp"])
    later = p["stamp"].stat().st_mtime + 10
    os.utime(p["site"] / "index.html", (later, later))
    with pytest.raises(publish.Refused, match="rebuilt after `make test` passed"):
        publish.publish(*args)
    assert not git(p["remote"], "branch", "--list", "gh-pages")


def test_stamp_refuses_a_dirty_tree(project):
    (project["repo"] / "README.md").write_text("edited\n")
    with pytest.raises(publish.Refused, match="uncommitted changes"):
        publish.write_stamp(project["repo"], project["stamp"])
    assert not project["stamp"].exists()


def test_cli_refusal_is_one_line_and_exit_1(tmp_path, capsys):
    code = publish_main(
        [
            "publish",
            str(tmp_path / "no-site"),
            "--remote",
            str(tmp_path / "none.git"),
            "--stamp",
            str(tmp_path / "no-stamp"),
        ]
    )
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and len(err) == 1 and err[0].startswith("error: cannot publish: "), err


# --- serve -------------------------------------------------------------------------------


def test_serve_answers_on_localhost_and_stops_on_sigint(tmp_path):
    (tmp_path / "index.html").write_text("<h1>preview</h1>\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis.publish", "serve", str(tmp_path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert url and int(url.group(1)) > 0, line
        assert urllib.request.urlopen(url.group(0), timeout=10).read() == b"<h1>preview</h1>\n"
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0 and "stopped" in out and "Traceback" not in err, err


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_ctrl_c_under_make_stops_the_server_and_make_exits_0(tmp_path):
    """As a reader runs it: make on a terminal, Ctrl-C typed. Without the server taking the
    terminal's foreground, make itself would die of SIGINT (exit 130)."""
    (tmp_path / "index.html").write_text("<h1>preview</h1>\n")
    (tmp_path / "Makefile").write_text(f"serve:\n\t{sys.executable} -m analysis.publish serve {tmp_path}\n")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(tmp_path)
        os.execvp("make", ["make", "--no-print-directory", "serve"])
    out, sent, deadline = b"", False, time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the terminal closed: everyone exited
                break
            if not chunk:
                break
            out += chunk
        if not sent and b"Ctrl-C stops" in out:
            time.sleep(0.3)
            os.write(fd, b"\x03")
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = out.decode(errors="replace")
    assert sent, text
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "stopped" in text and "Traceback" not in text and "Interrupt" not in text, text
