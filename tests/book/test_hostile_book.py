"""Hostile text: a throwaway copy of the book is built from tests/hostile/ (a document and
sidecar full of <script>, onerror=, MyST roles and directives, math, Markdown, very long
lines) without a warning, and opened in a real browser (headless Chromium through
Playwright, see book_visit.py): no script from the document runs, no dialog opens,
nothing in the article is live markup, and the payloads are visible as literal text.
With SCREENSHOTS=1, screenshots go to _build/screenshots/hostile/.

Without /usr/bin/chromium (or the playwright package) the module is skipped, except
when CI is set: CI must prove the site works, so there it fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from . import site_check as sc
from .book_visit import (
    CHART_CHAPTERS,
    ROOT,
    SCREENSHOTS,
    chapter_problems,
    error_outputs,
    intro_glue_problems,
    report,
    skip_without_a_browser,
    visit_book,
)

skip_without_a_browser()

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
JB_FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]  # as `make book`

# Strings from tests/hostile/ that must reach the reader as literal text wherever the
# tables carry them (the test checks each is in the fixture, so edits cannot drop one).
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<svg onload="window.__pwned=4"></svg>',
    "{eval}`__import__('os').system('touch /tmp/pwned')`",
    "$$\\int_0^1 x\\,dx$$",
    "[click here](javascript:window.__pwned=5)",
    "{{ attacks_total }}",
    "{glue:text}`attacks_total`",
    '<iframe src="javascript:window.__pwned=6"></iframe>',
    "<script>alert('xss')</script>",
    "<script>window.__pwned=7</script>",
    "<style>body{display:none}</style>",
    '<a href="javascript:window.__pwned=8">oil</a>',
    "{cite:p}`nonexistent-key`",
    "$\\alpha$",
]
# Payloads that must be shown in these chapters whatever else changes.
REQUIRED_ON = {"tallies": ["<script>", '<img src=x onerror="window.__pwned=2">'], "claims": ["<script>", "{eval}`"]}


def _strip_ansi(line: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", line)


def _summary(line: str) -> str:
    """A build warning in one readable line: a traceback printed into a cell output is
    shown by where it starts and the exception it ends with."""
    if "Traceback" not in line:
        return line[:400]
    frames = re.findall(r"File (\S+?):(\d+), in (\w+)", line)
    raised = re.findall(r"(?:\\n|^)(\w+(?:Error|Exception|Warning)): ?(.*?)(?=\\n|'? as \"|$)", line)
    where = ", ".join(f"{Path(f).name}:{n} {fn}" for f, n, fn in frames[:1] + frames[-1:])
    what = "; ".join(f"{name}: {message}" for name, message in raised if message.strip())[:300]
    return f"{line.split(': WARNING', 1)[0]}: WARNING: a cell output is a traceback ({where}): {what}"


# Everything the hostile book is made from. A build is kept in _build/hostile-book/ with
# the digest of these files (and of the Python that built it), so an unchanged warm tree
# reuses it, as `make` reuses the site; a change to any of them builds it again.
INPUTS = (
    "analysis",
    "book",
    "_static",
    "_ext",
    "reference",
    "tests/hostile",
    "_config.yml",
    "_toc.yml",
    "requirements.txt",
    "bench/results.csv",
    "bench/accuracy.csv",
    "tests/book/test_hostile_book.py",
)
KEPT = ROOT / "_build" / "hostile-book"
SKIPPED = {"__pycache__", ".ipynb_checkpoints", "_build"}


def inputs_digest() -> str:
    digest = hashlib.sha256(f"{sys.version}\n{sys.executable}\n".encode())
    for name in INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            relative = file.relative_to(ROOT)
            if not SKIPPED & set(relative.parts):
                digest.update(relative.as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def build_hostile_book(tmp: Path) -> dict:
    """A throwaway book in `tmp`: the project's _config.yml (execution forced), _toc.yml,
    _static/ and book/, with data/ extracted from tests/hostile/ and the notebooks pointed
    at it through REPORT_DATA (analysis.paths). Returns the build's exit code and warnings."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = "force"
    (tmp / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    shutil.copy2(ROOT / "_toc.yml", tmp / "_toc.yml")
    shutil.copy2(ROOT / "requirements.txt", tmp / "requirements.txt")  # book/status.md includes it
    shutil.copytree(ROOT / "_static", tmp / "_static")
    shutil.copytree(ROOT / "book", tmp / "book", ignore=shutil.ignore_patterns(".ipynb_checkpoints", "_build"))
    local_extensions = (config.get("sphinx") or {}).get("local_extensions") or {}
    for folder in sorted(set(local_extensions.values())):  # folders of local Sphinx extensions, if any
        shutil.copytree(ROOT / folder, tmp / folder, dirs_exist_ok=True)
    data = tmp / "data"
    env = {**os.environ, "REPORT_DATA": str(data), "PYTHONDONTWRITEBYTECODE": "1"}
    extract = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(HOSTILE), "--out", str(data), "--strict"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert extract.returncode == 0, f"extract failed on tests/hostile/:\n{extract.stderr}"
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    build = subprocess.run(
        [str(jupyter_book if jupyter_book.exists() else shutil.which("jupyter-book")), "build", str(tmp), *JB_FLAGS],
        cwd=tmp,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = _strip_ansi(build.stdout + build.stderr)
    warnings = [
        _summary(line)
        for line in log.splitlines()
        if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line) and "Kernel is running over TCP" not in line
    ]
    assert (tmp / "_build" / "html" / "index.html").exists(), (
        f"the hostile book did not build (exit {build.returncode}):\n{log[-3000:]}"
    )
    return {"returncode": build.returncode, "warnings": warnings}


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """The hostile book built from the tree as it is: the kept build when its inputs are
    unchanged, else a new one, built in a temporary folder outside the project (as a
    reader's copy would be) and kept (its site, data, _toc.yml and pages) in place of the
    old one; a build that fails is not kept."""
    digest, result = inputs_digest(), KEPT / "build.json"
    kept = json.loads(result.read_text(encoding="utf-8")) if result.exists() else {}
    if kept.get("inputs") != digest:
        tmp = tmp_path_factory.mktemp("hostile-book")
        kept = {"inputs": digest, **build_hostile_book(tmp)}
        KEPT.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=".hostile-book-", dir=KEPT.parent))
        try:
            for part in ("_toc.yml", "book", "data", "_build/html"):
                copy = shutil.copy2 if (tmp / part).is_file() else shutil.copytree
                (new / part).parent.mkdir(parents=True, exist_ok=True)
                copy(tmp / part, new / part)
            (new / "build.json").write_text(json.dumps(kept), encoding="utf-8")
            shutil.rmtree(KEPT, ignore_errors=True)
            new.rename(KEPT)
        finally:
            shutil.rmtree(new, ignore_errors=True)
    return {"root": KEPT, "html": KEPT / "_build" / "html", "data": KEPT / "data", **kept}


def typographic(text: str) -> str:
    """Undo Sphinx's smart quotes and dashes, the one change prose may make to quoted
    text (captions are prose; tables are not)."""
    for fancy, plain in (
        ("\u2018", "'"),
        ("\u2019", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u2014", "---"),
        ("\u2013", "--"),
        ("\u2026", "..."),
    ):
        text = text.replace(fancy, plain)
    return text


def _fixture_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(HOSTILE.iterdir()) if p.is_file())


def _table_text(data: Path) -> str:
    from analysis.report.load import load_table

    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    frames = [load_table(r["name"], data) for r in package["resources"]]
    return "\n".join(str(v) for f in frames for col in f.columns for v in f[col].dropna())


def test_hostile_text_stays_inert_in_the_browser(browser, hostile_book):
    fixture = _fixture_text()
    assert not [p for p in PAYLOADS if p not in fixture], "PAYLOADS lists strings tests/hostile/ no longer holds"
    data = hostile_book["data"]
    title = yaml.safe_load((HOSTILE / "hostile_doc.meta.yml").read_text(encoding="utf-8"))["title"]
    in_tables = [p for p in PAYLOADS if p in _table_text(data)]
    assert len(in_tables) >= 12, f"the pipeline keeps too few payloads for the test to mean much: {in_tables}"

    problems: dict[str, list[str]] = {}
    with (
        sc.serve(hostile_book["html"]) as base,
        visit_book(browser, base, hostile_book["root"], SCREENSHOTS and SCREENSHOTS / "hostile") as visits,
    ):
        shown = {}
        for name, visit in visits.items():
            visit.page.bring_to_front()  # the tab a reader looks at (a mouse moves over a painted page)
            visit.page.mouse.move(400, 400)  # give mouse-over handlers a chance, were there any
            found = visit.problems() + visit.images + error_outputs(visit)
            if not visit.page.evaluate("() => window.__pwned === undefined"):
                found.append(
                    f"a script from the document ran: window.__pwned = {visit.page.evaluate('() => window.__pwned')}"
                )
            found += [f"live markup in the article: {m}" for m in sc.live_markup(visit)]
            width = visit.page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if width[0] > width[1] + 1:
                found.append(
                    f"the page scrolls sideways ({width[0]}px wide in a {width[1]}px window): a long line is not wrapped"
                )
            found += [f"a long line does not wrap: {c}" for c in sc.wide_cells(visit)]
            if visit.name in CHART_CHAPTERS:
                found += chapter_problems(visit)
            shown[name] = sc.text(visit)
            problems[name] = found
        for page, needles in REQUIRED_ON.items():
            problems[page] += [f"{n!r} is not visible as text" for n in needles if n not in shown[page]]
        everything = "\n".join(shown.values())
        problems["(any page)"] = [
            f"{p!r} is in data/ but no page shows it as text" for p in in_tables if p not in everything
        ]
        if title not in shown["documents"]:
            problems["documents"].append(f"the document's title is not shown verbatim in the table: {title!r}")
        if typographic(title) not in typographic(shown["tallies"]):  # the chart captions quote it
            problems["tallies"].append(f"the document's title is not shown verbatim under the charts: {title!r}")
        problems["intro"] += intro_glue_problems(visits["intro"], hostile_book["root"] / "book" / "intro.md", data)
    assert not any(problems.values()), "hostile text is not inert or not shown as text:\n" + report(problems)


def test_hostile_book_builds_without_warnings(hostile_book):
    assert hostile_book["returncode"] == 0 and not hostile_book["warnings"], (
        f"jupyter-book build of the hostile book exited {hostile_book['returncode']} with:\n"
        + "\n".join(hostile_book["warnings"][:20])
    )
