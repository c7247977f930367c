"""The book checked in a real browser (headless Chromium through Playwright).

1. The built site (_build/html, from `make book`): every page in _toc.yml order loads
   without console errors, its images load and show, the notebook chapters show a chart
   and a table, the intro shows the glued numbers computed from data/, and every
   internal link (and #fragment) resolves. Full-page screenshots go to
   _build/screenshots/<page>.png for a reviewer.
2. Hostile text: a throwaway copy of the book is built from tests/hostile/ (a document
   and sidecar full of <script>, onerror=, MyST roles and directives, math, Markdown,
   very long lines) and opened in the browser: no script from the document runs, no
   dialog opens, nothing in the article is live markup, and the payloads are visible as
   literal text. Screenshots go to _build/screenshots/hostile/.

Without /usr/bin/chromium (or the playwright package) the module is skipped, except
when CI is set: CI must prove the site works, so there it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from . import site_check as sc

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
# Notebook chapters that must each show at least one chart and one table.
CHART_CHAPTERS = ["documents", "tallies", "count_over_time", "claims", "justifications", "timeline"]
JB_FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]  # as `make book`

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None

_MISSING = (
    "playwright is not installed"
    if sync_playwright is None
    else None
    if sc.CHROMIUM.exists()
    else f"{sc.CHROMIUM} not found (install Debian's chromium)"
)
if _MISSING and not os.environ.get("CI"):
    pytest.skip(f"browser tests need headless Chromium: {_MISSING}", allow_module_level=True)


# --- shared ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if _MISSING:  # only reached with CI set
        pytest.fail(f"CI is set, so the browser tests must run, but {_MISSING}", pytrace=False)
    with sync_playwright() as playwright:
        browser = sc.launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def page_name(entry: str) -> str:
    return entry.rsplit("/", 1)[-1]


@contextmanager
def visit_book(browser, base: str, book: Path, shots: Path):
    """Open every _toc.yml page of the book served at `base` in one browser context (side
    by side, each in its tab), wait for its images and for its network to go quiet,
    screenshot each; yields {name: Visit} while the pages are open."""
    context = browser.new_context(viewport=sc.VIEWPORT)
    try:
        opened = sc.open_pages(context, [(f"{base}{entry}.html", page_name(entry)) for entry in sc.toc_pages(book)])
        for visit in opened:
            sc.image_problems(visit)
        for visit in opened:
            visit.page.wait_for_load_state("networkidle")
            sc.screenshot(visit, shots)
        yield {visit.name: visit for visit in opened}
    finally:
        context.close()


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}: {p}" for page, found in problems.items() for p in found)


def key_findings(data: Path):
    """The key findings and the checks line the intro pastes, computed from the tables in
    `data` the same way the documents chapter computes them (nothing typed here)."""
    from analysis.report import keyfindings
    from analysis.report.load import load_tables

    tables = load_tables(["documents", "tallies", "checks", "claims", "justifications"], data)
    return keyfindings.key_findings(tables), keyfindings.checks_banner(tables["checks"], tables["documents"])


def intro_glue_problems(visit, intro_md: Path, data: Path) -> list[str]:
    """The intro shows the key findings and the checks line computed from `data`, every
    glued value is pasted and non-empty, and its links to evidence rows and documents
    are there."""
    findings, banner = key_findings(data)
    source = intro_md.read_text(encoding="utf-8")
    problems = [
        f"{intro_md.name} does not paste {key}" for key in ("key-findings", "required-checks") if key not in source
    ]
    section = "#key-findings" if sc.count(visit, "#key-findings") else "article"
    shown = " ".join(sc.text(visit, section).split())
    for line in repr(findings).splitlines():
        if " ".join(line.removeprefix("- ").split()) not in shown:
            problems.append(f"a key finding is not on the page: {line[:200]!r}")
    article = " ".join(sc.text(visit, "article").split())
    if " ".join(repr(banner).splitlines()[0].split()) not in article:
        problems.append(f"the checks line is not on the page: {repr(banner)[:200]!r}")
    pasted = visit.page.eval_on_selector_all(".pasted-text, .pasted-inline", "els => els.map(e => e.innerText)")
    problems += [f"an empty pasted value (#{i})" for i, v in enumerate(pasted) if not v.strip()]
    if sc.count(visit, 'ul.report-findings a[href*="#tally-"]') < 1:
        problems.append("the key findings link no evidence row")
    return problems


def chapter_problems(visit) -> list[str]:
    """A notebook chapter shows a chart (an SVG in a figure, with its data download), a
    table, and no error output."""
    problems = []
    if sc.count(visit, "figure.report-chart svg") < 1:
        problems.append("no chart (an <svg> inside a <figure class=report-chart>)")
    if sc.count(visit, "figure.report-chart svg") > sc.count(visit, "a.report-chart-data"):
        problems.append("a chart without its 'download this chart's data' link")
    if sc.count(visit, "table.report-table, div.cell_output table") < 1:
        problems.append("no table (table.report-table or a table in a cell output)")
    return problems


def error_outputs(visit) -> list[str]:
    """Cell outputs that are tracebacks or stderr: a failing display (a chart that could
    not be drawn) does not stop execution, it shows a traceback where the chart should be."""
    found = visit.page.eval_on_selector_all(
        "div.output.traceback, div.output.stderr, div.output.error",
        "els => els.map(e => e.innerText.split('\\n').map(l => l.trim()).filter(l => /[A-Za-z]/.test(l)).slice(-2).join(' | '))",
    )
    return [f"error output in a cell: {t[:400]}" for t in found]


# --- 1. the built site ---------------------------------------------------------------


@pytest.fixture(scope="module")
def served():
    """The built site on a local port: its base URL."""
    if not (HTML / "index.html").exists():
        pytest.fail(f"{(HTML / 'index.html').relative_to(ROOT)} does not exist: run make book first", pytrace=False)
    with sc.serve(HTML) as base:
        yield base


@pytest.fixture(scope="module")
def site(browser, served):
    with visit_book(browser, served, ROOT, SCREENSHOTS) as visits:
        yield served, visits


# The tests that read the one visit of the built site go together to one pytest-xdist
# worker, and so do the two about the hostile book (its build is shared): see conftest.py.
SITE = pytest.mark.xdist_group("built-site")
HOSTILE_BOOK = pytest.mark.xdist_group("hostile-book")


@SITE
def test_every_page_loads_without_errors(site):
    _, visits = site
    problems = {
        name: v.problems() + error_outputs(v) + [f"live markup in the article: {m}" for m in sc.live_markup(v)]
        for name, v in visits.items()
    }
    assert not any(problems.values()), "the browser reports problems:\n" + report(problems)


@SITE
def test_every_image_loads_and_shows(site):
    _, visits = site
    problems = {name: v.images for name, v in visits.items()}
    assert not any(problems.values()), "broken images:\n" + report(problems)


@SITE
def test_notebook_chapters_show_a_chart_and_a_table(site):
    _, visits = site
    missing = [c for c in CHART_CHAPTERS if c not in visits]
    assert not missing, f"chapters missing from _toc.yml: {missing}"
    problems = {c: chapter_problems(visits[c]) for c in CHART_CHAPTERS}
    assert not any(problems.values()), "\n" + report(problems)


@SITE
def test_intro_shows_the_glued_numbers(site):
    from analysis.paths import DATA

    _, visits = site
    problems = intro_glue_problems(visits["intro"], ROOT / "book" / "intro.md", DATA)
    assert not problems, "\n".join(problems)


@SITE
def test_every_chart_mark_has_a_tooltip_and_most_link_to_evidence(site):
    _, visits = site
    problems = {}
    for name in CHART_CHAPTERS:
        page = visits[name].page
        marks = page.eval_on_selector_all(
            "svg.report-svg .report-mark", "els => els.map(e => !!e.querySelector('title'))"
        )
        linked = page.locator("svg.report-svg a .report-mark").count()
        charts = page.locator("figure.report-chart").count()
        found = [] if all(marks) else [f"{marks.count(False)} marks without a tooltip"]
        if charts and not marks:
            found.append("charts without a single tagged mark")
        if name in ("tallies", "count_over_time", "timeline") and charts and not linked:
            found.append("no mark links to its evidence")
        problems[name] = found
    assert not any(problems.values()), "\n" + report(problems)


@SITE
def test_long_tables_filter_and_sort_in_the_browser(site):
    _, visits = site
    page = visits["claims"].page
    table = page.locator("table.report-table-long").first
    rows = table.locator("tbody tr")
    total = rows.count()
    assert total >= 12 and page.locator("input.report-table-search").count() >= 1
    word = table.locator("tbody tr td").nth(1).inner_text().split()[0]
    page.locator("input.report-table-search").first.fill(word)
    visible = sum(1 for i in range(total) if rows.nth(i).is_visible())
    assert 1 <= visible <= total
    page.locator("input.report-table-search").first.fill("")
    table.locator("th").first.click()
    assert table.locator("th").first.get_attribute("aria-sort") in ("ascending", "descending")


def test_pages_fit_a_phone(browser, served):
    """At 390 px nothing makes the page scroll sideways: wide tables scroll inside their
    own container, charts shrink to the column."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    problems = {}
    try:
        pages = [(f"{served}{entry}.html", page_name(entry)) for entry in sc.toc_pages(ROOT)]
        for visit in sc.open_pages(context, pages):
            extra = visit.page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            problems[visit.name] = [f"scrolls sideways by {extra}px"] if extra > 1 else []
    finally:
        context.close()
    assert not any(problems.values()), "\n" + report(problems)


@SITE
def test_internal_links_resolve(site):
    base, visits = site
    links: dict[str, set[str]] = {}
    for name, visit in visits.items():
        for link in sc.site_links(visit, base):
            links.setdefault(link, set()).add(name)
    assert len(links) > len(visits), f"only {len(links)} internal links found; is the navigation there?"
    problems = sc.link_problems(links)
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(problems)


# --- 2. hostile text -----------------------------------------------------------------

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


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """A throwaway book: the project's _config.yml (execution forced), _toc.yml, _static/
    and book/, with data/ extracted from tests/hostile/ and the notebooks pointed at it
    through REPORT_DATA (analysis.paths)."""
    tmp = tmp_path_factory.mktemp("hostile-book")
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
    html = tmp / "_build" / "html"
    assert (html / "index.html").exists(), f"the hostile book did not build (exit {build.returncode}):\n{log[-3000:]}"
    return {"root": tmp, "html": html, "data": data, "returncode": build.returncode, "warnings": warnings}


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


@HOSTILE_BOOK
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
        visit_book(browser, base, hostile_book["root"], SCREENSHOTS / "hostile") as visits,
    ):
        shown = {}
        for name, visit in visits.items():
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


@HOSTILE_BOOK
def test_hostile_book_builds_without_warnings(hostile_book):
    assert hostile_book["returncode"] == 0 and not hostile_book["warnings"], (
        f"jupyter-book build of the hostile book exited {hostile_book['returncode']} with:\n"
        + "\n".join(hostile_book["warnings"][:20])
    )
