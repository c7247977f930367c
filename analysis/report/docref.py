"""How the book names a document wherever one of its rows is shown: the outlet and the
published day, linked to the document's entry in the references, and anchors for rows
that prose and charts link to. One place, so every table and tooltip says it the same way."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd

REFERENCES_PAGE = "references.html"
TALLIES_PAGE = "tallies.html"


def _text(value) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else ""


def anchor(kind: str, key) -> str:
    """An HTML id for a row: the kind, then the key with anything but letters, digits,
    '-' and '_' replaced (tally ids hold ':'), so a fragment link needs no escaping."""
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(key))


def doc_href(doc_id) -> str:
    """The document's entry in the references (the bibliography the corpus generates)."""
    return f"{REFERENCES_PAGE}#{anchor('doc', doc_id)}"


def tally_href(tally_id) -> str:
    """A tally's row in the tallies chapter, the evidence behind a figure."""
    return f"{TALLIES_PAGE}#{anchor('tally', tally_id)}"


def publisher(row) -> str:
    """Who published a document: its outlet, else the host it was found on, else its id."""
    outlet = _text(row.get("outlet"))
    if outlet:
        return outlet
    host = urlsplit(_text(row.get("url"))).hostname or ""
    return host.removeprefix("www.") or str(row.get("doc_id", "unknown document"))


def day(value) -> str:
    """'12 Jan 2024' for a table cell; 'undated' when the day is unknown."""
    if not _text(value):
        return "undated"
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%b %Y}"


def label(row) -> str:
    """'Outlet, 12 Jan 2024': the words a table cell or tooltip names a document by."""
    return f"{publisher(row)}, {day(row.get('published'))}"


def short_label(text: str, width: int = 26) -> str:
    """'Publisher, 12 Jan 2024' with a long publisher cut to `width`, for a chart's axis."""
    import textwrap

    who, _, when = text.rpartition(", ")
    return f"{textwrap.shorten(who, width, placeholder='…')}, {when}" if who else text


def catalogue(documents: pd.DataFrame) -> dict[str, dict]:
    """doc_id -> {label, href, published, publisher, title} for every document."""
    out = {}
    for row in documents.astype(object).where(documents.notna(), None).to_dict("records"):
        out[row["doc_id"]] = {
            "label": label(row),
            "href": doc_href(row["doc_id"]),
            "published": _text(row.get("published")),
            "publisher": publisher(row),
            "title": _text(row.get("title")),
        }
    return out


def with_document(frame: pd.DataFrame, documents: pd.DataFrame, date_column: str | None = None) -> pd.DataFrame:
    """The rows with a `document` column (outlet and published day) and a hidden
    `document_href`, sorted by `date_column` (else the publication day), then document."""
    docs = catalogue(documents)
    out = frame.copy()
    ids = out["doc_id"].astype(object)
    out.insert(0, "document", [docs.get(d, {}).get("label", str(d)) for d in ids])
    out["document_href"] = [docs.get(d, {}).get("href", "") for d in ids]
    out["_published"] = [docs.get(d, {}).get("published", "") for d in ids]
    keys = [date_column, "_published", "doc_id"] if date_column else ["_published", "doc_id"]
    sort = out[keys].astype("string").fillna("").replace("", "~")  # undated rows last
    order = sort.sort_values(keys, kind="stable").index
    return out.loc[order].drop(columns=["_published"]).reset_index(drop=True)


HEDGES = {"at_least": "at least", "more_than": "more than", "about": "about", "fewer_than": "fewer than"}


def figure_text(value, qualifier) -> str:
    """A count as the source hedges it: '130', 'at least 120', 'more than 180'."""
    if value is None or pd.isna(value):
        return ""
    hedge = HEDGES.get(qualifier) if isinstance(qualifier, str) else None
    return f"{hedge} {int(value)}" if hedge else str(int(value))


def window_text(since, as_of) -> str:
    """The window a count covers, in words: 'since 17 Oct 2023, as of 11 Jan 2024'."""
    if _text(since) and _text(as_of) and since == as_of:
        return f"on {day(as_of)}"  # one incident's day, not a span
    parts = []
    if _text(since):
        parts.append(f"since {day(since)}")
    if _text(as_of):
        parts.append(f"as of {day(as_of)}")
    return ", ".join(parts) or "not stated"


def tally_ledger(tallies: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The tallies as the book lists them: document, what is counted, the figure as
    hedged, place, window, source, evidence; in date order of the documents and, in each,
    in the order of its text."""
    rows = tallies.sort_values("number_start") if "number_start" in tallies else tallies
    frame = pd.DataFrame(
        {
            "doc_id": rows.doc_id,
            "measure": rows.measure.map({"casualties": "injured or killed"}).fillna(rows.measure),
            "figure": [figure_text(v, q) for v, q in zip(rows.value, rows.qualifier)],
            "location": rows.location,
            "window": [window_text(a, b) for a, b in zip(rows.since, rows.as_of)],
            "attributed_to": rows.attributed_to,
            "quote": rows.quote,
            "tally_id": rows.tally_id,
        }
    )
    return with_document(frame, documents)
