"""What tests/book/test_site.py and test_hostile_book.py check in every page a browser
shows of a book (headless Chromium through Playwright): a book's pages opened side by
side, the problems a reader would meet, a chapter's chart and table, the intro's glued
numbers. Without /usr/bin/chromium (or the playwright package) those modules are skipped,
except when CI is set: CI must prove the site works, so there they fail."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from . import site_check as sc

ROOT = Path(__file__).resolve().parents[2]
# Full-page screenshots of every page the tests open, for a reviewer, with SCREENSHOTS=1
# (they take a third of a book's visit; `python -m tests.book.shoot` takes them at a laptop's
# and a phone's width).
SCREENSHOTS = ROOT / "_build" / "screenshots" if os.environ.get("SCREENSHOTS") else None
# Notebook chapters that must each show at least one chart and one table.
CHART_CHAPTERS = ["documents", "tallies", "count_over_time", "claims", "justifications", "timeline"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None

MISSING = (
    "playwright is not installed"
    if sync_playwright is None
    else None
    if sc.CHROMIUM.exists()
    else f"{sc.CHROMIUM} not found (install Debian's chromium)"
)


def skip_without_a_browser() -> None:
    """Called at the top of a browser test module: skips it where the browser is missing,
    unless CI is set (then the `browser` fixture fails each test)."""
    if MISSING and not os.environ.get("CI"):
        pytest.skip(f"browser tests need headless Chromium: {MISSING}", allow_module_level=True)


@contextmanager
def browser_session():
    if MISSING:  # only reached with CI set
        pytest.fail(f"CI is set, so the browser tests must run, but {MISSING}", pytrace=False)
    with sync_playwright() as playwright:
        browser = sc.launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def page_name(entry: str) -> str:
    return entry.rsplit("/", 1)[-1]


@contextmanager
def visit_book(browser, base: str, book: Path, shots: Path | None):
    """Open every _toc.yml page of the book served at `base` in one browser context (side
    by side, each in its tab), wait for its images and for its network to go quiet,
    screenshot each into `shots` (if given); yields {name: Visit} while the pages are open."""
    context = browser.new_context(viewport=sc.VIEWPORT)
    try:
        opened = sc.open_pages(context, [(f"{base}{entry}.html", page_name(entry)) for entry in sc.toc_pages(book)])
        for visit in opened:
            sc.image_problems(visit)
        for visit in opened:
            visit.page.wait_for_load_state("networkidle")
            if shots:
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
