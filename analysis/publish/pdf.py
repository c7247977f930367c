"""The PDF edition (`make pdf`): the singlehtml build printed by Debian's headless
Chromium, one bookmark per heading."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from analysis.paths import display_path
from analysis.publish.site import Refused
from analysis.publish.toc import toc_root

CHROMIUM = Path("/usr/bin/chromium")
HEADLESS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def printable_page(singlehtml: Path) -> Path:
    """The one page of a singlehtml build, holding every chapter in _toc.yml order. Sphinx
    writes it at the root document's path (book/intro.html) but with links relative to the
    build's top folder, so styles and figures only load from a copy placed there."""
    page = Path(singlehtml) / f"{toc_root()}.html"
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
            [
                str(chromium),
                *HEADLESS,
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                "--generate-pdf-document-outline",
                f"--print-to-pdf={partial}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if done.returncode or not partial.is_file() or partial.stat().st_size == 0:
        raise Refused(f"chromium printed no PDF from {display_path(page)} (exit {done.returncode})")
    partial.replace(pdf)
    return pdf
