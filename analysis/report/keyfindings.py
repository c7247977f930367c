"""The introduction's key findings as sentences, one list for the whole corpus, with
links to the evidence row and the document's entry. With one document they read as the
single-document book always did; nothing in them is typed by hand."""

from __future__ import annotations

import html

import pandas as pd

from analysis.report import findings, headline
from analysis.report.display import Html
from analysis.report.docref import catalogue, tally_href


def _a(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


class Sentence:
    """One finding, as HTML (escaped, with links) and as plain text."""

    def __init__(self):
        self.parts: list[tuple[str, str]] = []

    def add(self, text: str, href: str | None = None) -> Sentence:
        self.parts.append((_a(href, text) if href else html.escape(text), text))
        return self

    @property
    def html(self) -> str:
        return "".join(h for h, _ in self.parts)

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.parts)


def corpus_sentence(documents: pd.DataFrame) -> Sentence:
    f = findings.corpus_figures(documents)
    n, outlets = f["corpus_documents"], f["corpus_outlets"]
    s = Sentence().add(f"The corpus holds {_plural(n, 'document')} from {_plural(outlets, 'outlet')}, ")
    if f["corpus_first"] == f["corpus_last"]:
        s.add(f"published on {f['corpus_first']}")
    else:
        s.add(f"published between {f['corpus_first']} and {f['corpus_last']}")
    undated = n - f["corpus_dated"]
    s.add(f" ({_plural(undated, 'document')} without a date)." if undated else ".")
    return s


def count_sentence(tallies, checks, documents) -> Sentence:
    f = findings.tally_figures(tallies, checks, documents)
    head = headline.headline_tally(tallies)
    if head is None:
        return Sentence().add("No document states a count of attacks on US forces.")
    docs = catalogue(documents)
    source = f"the {f['attacks_source']}" if isinstance(head.attributed_to, str) else "a source the text does not name"
    s = Sentence().add(f"As of {f['attacks_as_of']}, {source} counted {f['attacks_total']} attacks on US forces in ")
    s.add(f"{f['attacks_location']}" + (f" since {f['attacks_since']}" if isinstance(head.since, str) else ""))
    s.add(f", about {f['attacks_per_day']} a day" if f["window_days"] != "unknown" else "")
    parts = headline.parts_of(tallies, head)
    if len(parts):
        where = lambda p: p.location if isinstance(p.location, str) else "a place not stated"  # noqa: E731
        s.add(" (" + _and([f"{int(p.value)} in {where(p)}" for p in parts.itertuples() if pd.notna(p.value)]) + ")")
    if headline.split_check(checks, head) is None:
        s.add(". No country split is stated with it. ")
    else:
        s.add(". The pipeline's check of the country split against the total: " + f"{f['split_check']}. ")
    which = (
        "latest-dated official cumulative count" if headline.is_official(head.attributed_to) else "latest-dated count"
    )
    s.add(f"It is the corpus's {which}, reported in ")
    doc = docs.get(head.doc_id, {})
    s.add(doc.get("label", str(head.doc_id)), doc.get("href"))
    s.add(" (").add("evidence", tally_href(head.tally_id)).add(").")
    return s


def casualty_sentences(tallies, documents) -> list[Sentence]:
    docs = catalogue(documents)
    out = []
    for measure, words in headline.MEASURE_WORDS.items():
        row = headline.latest_by_measure(tallies, documents, measure)
        if row is None:
            if measure != "casualties":
                out.append(Sentence().add(f"No document reports US personnel {words}."))
            continue
        place = f" in {row.location}" if isinstance(row.location, str) else ""
        window = []
        if isinstance(row.since, str) and isinstance(row.as_of, str) and row.since == row.as_of:
            window.append(f"on {row.as_of}")  # one incident's day, not a span
        else:
            if isinstance(row.since, str):
                window.append(f"since {row.since}")
            window.append(f"as of {row.as_of}" if isinstance(row.as_of, str) else "with no as-of day")
        who = f", attributed to {row.attributed_to}" if isinstance(row.attributed_to, str) else ""
        detail = f" ({row.detail})" if isinstance(row.detail, str) and row.detail else ""
        s = Sentence().add(f"The latest figure of US personnel {words}: {int(row.value)}{detail}{place}, ")
        s.add(" ".join(window) + who + "; reported in ")
        doc = docs.get(row.doc_id, {})
        s.add(doc.get("label", str(row.doc_id)), doc.get("href")).add(" (")
        s.add("evidence", tally_href(row.tally_id)).add(")")
        since = headline.none_since(tallies, row.doc_id, measure) if measure == "injured" else None
        s.add(f"; the same document reports none since {since}." if since else ".")
        out.append(s)
    return out


def disagreement_sentence(tallies, documents) -> Sentence:
    found = headline.disagreements(tallies)
    if not found:
        return Sentence().add("No two documents give different counts for the same measure, place and day.")
    docs = catalogue(documents)
    s = Sentence().add(f"Documents disagree on {_plural(len(found), 'figure')} of the same measure, place and day")
    widest = max(found, key=lambda d: (max(d["values"].values()) - min(d["values"].values()), d["day"]))
    s.add(f"; the widest: {widest['measure']} in {widest['place']} as of {widest['day']}, ")
    items = sorted(widest["values"].items(), key=lambda kv: (kv[1], kv[0]))
    for i, (doc_id, value) in enumerate(items):
        s.add(" and " if i == len(items) - 1 else ", " if i else "")
        s.add(f"{int(value)} in ").add(docs.get(doc_id, {}).get("label", doc_id), docs.get(doc_id, {}).get("href"))
    return s.add(".")


def claims_sentence(claims) -> Sentence:
    f = findings.claim_figures(claims)
    return Sentence().add(
        f"Of {f['claims_total']} claims in the documents, {f['claims_confirmed']} are presented as confirmed and "
        f"{f['claims_unconfirmed_or_rumor']} as unconfirmed or rumour."
    )


def frames_sentence(justifications) -> Sentence:
    f = findings.frame_figures(justifications)
    if not f["frames_distinct"]:
        return Sentence().add("The documents give no reason for the US presence in Syria.")
    reasons = "reason" if f["frames_distinct"] == 1 else "different reasons"
    return Sentence().add(
        f"The documents give {f['frames_distinct']} {reasons} for the US presence: {f['frames_list']}."
    )


def key_findings(tables: dict) -> Html:
    """The list the introduction pastes (glued as HTML from the documents chapter)."""
    tallies, checks, documents = tables["tallies"], tables["checks"], tables["documents"]
    sentences = [corpus_sentence(documents), count_sentence(tallies, checks, documents)]
    sentences += casualty_sentences(tallies, documents)
    sentences += [disagreement_sentence(tallies, documents), claims_sentence(tables["claims"])]
    sentences.append(frames_sentence(tables["justifications"]))
    body = "".join(f"<li>{s.html}</li>" for s in sentences)
    return Html(f'<ul class="report-findings">{body}</ul>', "\n".join(f"- {s.text}" for s in sentences))


def checks_banner(checks: pd.DataFrame, documents: pd.DataFrame) -> Html:
    """Failed required checks, listed prominently (a build with STRICT=0 shows them);
    otherwise one line saying every required check holds, and which were reviewed."""
    failed, reviewed = headline.failed_checks(checks), headline.reviewed_checks(checks)
    required = int(checks.required.fillna(False).astype(bool).sum()) if len(checks) else 0
    docs = catalogue(documents)
    if failed.empty:
        if not required:
            text = (
                "No required consistency check applies: no document gives a total together with all its country parts."
            )
        else:
            text = f"Every required consistency check holds ({_plural(required, 'check')})."
            if len(reviewed):
                text = (
                    f"Every required consistency check holds or was reviewed ({_plural(required, 'check')}; "
                    f"{len(reviewed)} shown as source inconsistent (reviewed): the source's own figures do not add up)."
                )
        return Html(f'<p class="report-checks-ok">{html.escape(text)}</p>', text)
    items, lines = [], []
    for row in failed.sort_values("check_id").itertuples():
        doc = docs.get(row.doc_id, {})
        label = doc.get("label", row.doc_id)
        short = str(row.check_id).removeprefix(f"{row.doc_id}:")
        items.append(
            f"<li>{_a(doc.get('href', ''), label)}: {html.escape(row.description)} "
            f"[{html.escape(row.formula)}] (check <code>{html.escape(row.check_id)}</code>; in its sidecar, "
            f"<code>reviewed: [{{check: {html.escape(short)}, note: ...}}]</code>)</li>"
        )
        lines.append(f"- {label}: {row.description} [{row.formula}] (check {row.check_id})")
    head = (
        f"{_plural(len(failed), 'required check')} {'fails' if len(failed) == 1 else 'fail'}. "
        "The figures below include the counts concerned. If the source itself prints figures that do not add "
        "up, record a review in the document's sidecar (see the README); otherwise the extraction is wrong."
    )
    body = (
        f'<div class="admonition warning report-checks-failed"><p class="admonition-title">'
        f"{html.escape(head)}</p><ul>{''.join(items)}</ul></div>"
    )
    return Html(body, head + "\n" + "\n".join(lines))
