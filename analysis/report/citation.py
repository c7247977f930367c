"""The citation the book shows (introduction, How to cite), generated from CITATION.cff,
the one place it is written."""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from analysis.paths import ROOT
from analysis.report.docref import anchor, catalogue, day

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


class Bibliography:
    """One entry per document, generated from its sidecar's fields in documents.csv:
    publisher (year, day). Title. Address. How the date is known, and any caveat. Each
    entry has the id the tables link to (docref.doc_href)."""

    def __init__(self, documents):
        self.entries = []
        docs = catalogue(documents)
        rows = documents.astype(object).where(documents.notna(), None).to_dict("records")
        for row in sorted(
            rows, key=lambda r: (docs[r["doc_id"]]["publisher"].casefold(), r["published"] or "", r["doc_id"])
        ):
            self.entries.append((row, docs[row["doc_id"]]))

    def _repr_html_(self) -> str:
        items = []
        for row, doc in self.entries:
            url = row.get("url") or ""
            link = (
                f' <a href="{html.escape(url, quote=True)}" rel="noopener nofollow">{html.escape(url)}</a>.'
                if url.startswith(("http://", "https://"))
                else ""
            )
            outlet = "" if row.get("outlet") else " Original outlet not established; found at this address."
            basis = f" Date: {html.escape(row['published_basis'])}" if row.get("published_basis") else ""
            note = f" Note: {html.escape(row['note'])}" if row.get("note") else ""
            items.append(
                f'<li id="{anchor("doc", row["doc_id"])}" class="report-reference">{html.escape(doc["publisher"])} '
                f"({html.escape(day(row.get('published')))}). <em>{html.escape(doc['title'] or row['doc_id'])}</em>."
                f'{link}{html.escape(outlet)}{basis}{note} <span class="report-doc-id">Document id: '
                f"<code>{html.escape(row['doc_id'])}</code>.</span></li>"
            )
        return f'<ol class="report-bibliography">{"".join(items)}</ol>'

    def __repr__(self) -> str:
        return "\n".join(
            f"{doc['publisher']} ({day(row.get('published'))}). {doc['title']}. {row.get('url') or ''}"
            for row, doc in self.entries
        )


def bibliography(documents) -> Bibliography:
    return Bibliography(documents)
