"""The built site (_build/html, from `make book`) checked in a real browser (headless
Chromium through Playwright, see book_visit.py): every page in _toc.yml order loads
without console errors, its images load and show, the notebook chapters show a chart and
a table, the intro shows the glued numbers computed from data/, every internal link (and
#fragment) resolves, and no page scrolls sideways on a phone. With SCREENSHOTS=1,
full-page screenshots go to _build/screenshots/<page>.png for a reviewer. (The same pages
built from hostile text: test_hostile_book.py.)

Without /usr/bin/chromium (or the playwright package) the module is skipped, except
when CI is set: CI must prove the site works, so there it fails.
"""

from __future__ import annotations

import pytest

from . import site_check as sc
from .book_visit import (
    CHART_CHAPTERS,
    ROOT,
    SCREENSHOTS,
    chapter_problems,
    error_outputs,
    intro_glue_problems,
    page_name,
    report,
    skip_without_a_browser,
    visit_book,
)

skip_without_a_browser()

HTML = ROOT / "_build" / "html"


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


def test_every_page_loads_without_errors(site):
    _, visits = site
    problems = {
        name: v.problems() + error_outputs(v) + [f"live markup in the article: {m}" for m in sc.live_markup(v)]
        for name, v in visits.items()
    }
    assert not any(problems.values()), "the browser reports problems:\n" + report(problems)


def test_every_image_loads_and_shows(site):
    _, visits = site
    problems = {name: v.images for name, v in visits.items()}
    assert not any(problems.values()), "broken images:\n" + report(problems)


def test_notebook_chapters_show_a_chart_and_a_table(site):
    _, visits = site
    missing = [c for c in CHART_CHAPTERS if c not in visits]
    assert not missing, f"chapters missing from _toc.yml: {missing}"
    problems = {c: chapter_problems(visits[c]) for c in CHART_CHAPTERS}
    assert not any(problems.values()), "\n" + report(problems)


def test_intro_shows_the_glued_numbers(site):
    from analysis.paths import DATA

    _, visits = site
    problems = intro_glue_problems(visits["intro"], ROOT / "book" / "intro.md", DATA)
    assert not problems, "\n".join(problems)


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


def test_internal_links_resolve(site):
    base, visits = site
    links: dict[str, set[str]] = {}
    for name, visit in visits.items():
        for link in sc.site_links(visit, base):
            links.setdefault(link, set()).add(name)
    assert len(links) > len(visits), f"only {len(links)} internal links found; is the navigation there?"
    problems = sc.link_problems(links)
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(problems)
