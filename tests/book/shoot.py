"""Screenshot every page of a built book at a laptop's and a phone's width, for a person
to review, and list what a reader should never see: NA, nan, <NA>, np.float64, a page
that scrolls sideways.

    .venv/bin/python -m tests.book.shoot _build/html _build/screenshots/seed

Screenshots go under _build/ (never committed): <out>/<width>/<page>.png.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from . import site_check as sc

WIDTHS = (1280, 390)
NEVER = re.compile(r"(?<![\w-])(?:NaN|nan|<NA>|NA|np\.float64)(?![\w-])")


def shoot(html: Path, out: Path, book: Path = Path(".")) -> list[str]:
    from playwright.sync_api import sync_playwright

    problems = []
    pages = sc.toc_pages(book)
    with sync_playwright() as playwright, sc.serve(html) as base:
        browser = sc.launch(playwright)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            for entry in pages:
                name = entry.rsplit("/", 1)[-1]
                visit = sc.open_page(context, f"{base}{entry}.html", name)
                sc.image_problems(visit)
                visit.page.wait_for_load_state("networkidle")
                sc.screenshot(visit, out / str(width))
                text = sc.text(visit, "article")
                found = sorted(set(NEVER.findall(text)))
                scroll = visit.page.evaluate(
                    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                for p in visit.problems() + visit.images + [f"shows {w!r}" for w in found]:
                    problems.append(f"{width}px {name}: {p}")
                if scroll > 1:
                    problems.append(f"{width}px {name}: the page scrolls sideways by {scroll}px")
                visit.page.close()
            context.close()
        browser.close()
    return problems


if __name__ == "__main__":
    html, out = Path(sys.argv[1]), Path(sys.argv[2])
    found = shoot(html, out)
    print("\n".join(found) or "no problems found")
    print(f"screenshots in {out}/<width>/")
