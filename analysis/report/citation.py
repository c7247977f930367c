"""The citation the book shows (introduction, How to cite), generated from CITATION.cff,
the one place it is written."""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from analysis.paths import ROOT

CITATION = ROOT / "CITATION.cff"


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
    return (
        f"{' and '.join(_authors(cff))} ({year}). {cff['title']} (version {cff['version']}). "
        f"{cff.get('url') or cff['repository-code']}"
    )


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
        return (
            f'<div class="report-citation"><p>{text}</p>\n<p>BibTeX:</p>\n'
            f'<pre class="report-bibtex">{html.escape(self.bibtex)}</pre></div>'
        )

    def __repr__(self) -> str:
        return f"{self.text}\n\n{self.bibtex}"


def citation(path: Path = CITATION) -> Citation:
    return Citation(load_citation(path))
