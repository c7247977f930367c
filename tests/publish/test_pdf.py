"""The PDF edition (`make pdf`, _build/pdf/report.pdf): one bookmarked section per chapter in
_toc.yml order, each starting a new page, and the figures, tables and glued key numbers of
the site. Runs `make pdf` first when the PDF is missing or older than the built site.

Without /usr/bin/chromium the module is skipped, except when CI is set: there it fails.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from analysis.publish import pdf as publish_pdf
from analysis.report import findings
from analysis.report.citation import citation
from analysis.report.load import load_table

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "_build" / "pdf" / "report.pdf"
SITE_INDEX = ROOT / "_build" / "html" / "index.html"

if not publish_pdf.CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(f"the PDF edition needs {publish_pdf.CHROMIUM}", allow_module_level=True)


@pytest.fixture(scope="module")
def pdf() -> PdfReader:
    if not PDF.exists() or (SITE_INDEX.exists() and PDF.stat().st_mtime < SITE_INDEX.stat().st_mtime):
        done = subprocess.run(["make", "--no-print-directory", "pdf"], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return PdfReader(PDF)


@pytest.fixture(scope="module")
def text(pdf) -> str:
    """All the PDF's text with ligatures undone and no whitespace, so a line break inside
    a phrase cannot hide it."""
    raw = "".join(page.extract_text() for page in pdf.pages)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))


def squeeze(value) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def page_title(entry: str) -> str:
    """A page's title as its source gives it: the first `# ` heading of the .md, or of the
    notebook's first Markdown cell."""
    md = ROOT / f"{entry}.md"
    if md.exists():
        lines = md.read_text(encoding="utf-8").splitlines()
    else:
        cells = json.loads((ROOT / f"{entry}.ipynb").read_text(encoding="utf-8"))["cells"]
        lines = "".join(next(c for c in cells if c["cell_type"] == "markdown")["source"]).splitlines()
    return next(line[2:].strip() for line in lines if line.startswith("# "))


def toc_entries() -> tuple[str, list[str]]:
    spec = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [c["file"] for part in spec.get("parts", [spec]) for c in part["chapters"]]
    return spec["root"], chapters


def bookmarks(pdf: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page) of every bookmark, in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append(
                    (depth, unicodedata.normalize("NFKC", item.title).strip(), pdf.get_destination_page_number(item))
                )

    walk(pdf.outline, 0)
    return found


def test_one_section_per_chapter_in_toc_order_each_on_a_new_page(pdf):
    root, chapters = toc_entries()
    marks = bookmarks(pdf)
    assert marks and marks[0][:2] == (0, page_title(root)), marks[:3]
    sections = [(title, page) for depth, title, page in marks if depth == 1]
    found, position = [], 0
    for entry in chapters:
        title = unicodedata.normalize("NFKC", page_title(entry))
        while position < len(sections) and sections[position][0] != title:
            position += 1
        assert position < len(sections), f"chapter {entry} ({title!r}) has no bookmark after {found[-1:]} in {sections}"
        found.append(sections[position])
        position += 1
    pages = [page for _, page in found]
    assert pages == sorted(set(pages)), f"chapters not each on a later page: {found}"


def test_the_glued_key_figures_are_printed(text):
    figures = findings.tally_figures(load_table("tallies"), load_table("checks"))
    assert squeeze(f"{figures['attacks_total']} attacks") in text
    for key in ("attacks_as_of", "attacks_since", "attacks_per_day", "injured_total", "split_check"):
        assert squeeze(figures[key]) in text, key


def test_figures_and_tables_are_whole(pdf, text):
    """Every chart of the single-page build is in the PDF, and the widest column (the evidence
    quote) is printed in full rather than cut at the page edge."""
    page = (ROOT / "_build" / "singlehtml" / "report.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="report-chart" id="([^"]+)"', page)  # inline SVG, printed as vectors
    assert charts, "no charts in the single-page build"
    assert text.count(squeeze("Download this chart's data")) >= len(charts)
    for quote in load_table("tallies").quote.dropna():
        assert squeeze(quote) in text, quote[:60]


def test_the_citation_is_printed(text):
    assert squeeze(citation().text) in text
