"""The numbers the book's prose quotes, computed from the tables so that no figure in
the text is typed by hand. Each function returns a flat dict ready for myst-nb `glue`."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.report import headline
from analysis.report.derive import count_start, day_long, overall_pace, readable_extremes, same_day_reports
from analysis.report.docref import catalogue
from analysis.text.lexicon import lexicon_names, load_lexicon


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


TALLY_DEFAULTS = {
    "attacks_total": "no",
    "attacks_location": "no stated place",
    "attacks_since": "a day the text does not state",
    "attacks_as_of": "an unstated date",
    "attacks_source": "no named source",
    "attacks_document": "no document",
    "window_days": "unknown",
    "attacks_per_day": "an unknown number",
    "injured_total": "No",
    "no_injuries_since": "no stated date",
    "split_check": "no country split is stated with this count",
}


def tally_figures(tallies: pd.DataFrame, checks: pd.DataFrame, documents: pd.DataFrame | None = None) -> dict:
    """The headline count (headline.headline_tally), its parts, window and rate, the
    injuries its document reports, and its split check, as glued figures."""
    out = dict(TALLY_DEFAULTS)
    head = headline.headline_tally(tallies)
    if head is None:
        return out
    text = lambda value, key: value if isinstance(value, str) and value else TALLY_DEFAULTS[key]  # noqa: E731
    out |= {
        "attacks_total": int(head.value),
        "attacks_location": text(head.location, "attacks_location"),
        "attacks_since": text(head.since, "attacks_since"),
        "attacks_as_of": text(head.as_of, "attacks_as_of"),
        "attacks_source": text(head.attributed_to, "attacks_source"),
    }
    if documents is not None:
        out["attacks_document"] = catalogue(documents).get(head.doc_id, {}).get("label", str(head.doc_id))
    for row in headline.parts_of(tallies, head).itertuples():
        if isinstance(row.location, str) and " and " not in row.location:
            out[f"attacks_in_{row.location.lower().replace(' ', '_')}"] = int(row.value)
    if isinstance(head.since, str) and isinstance(head.as_of, str):
        days = (dt.date.fromisoformat(head.as_of) - dt.date.fromisoformat(head.since)).days
        out["window_days"] = days
        out["attacks_per_day"] = round(int(head.value) / days, 2) if days > 0 else "undefined"
    injured = headline.totals(tallies[tallies.doc_id == head.doc_id], "injured")
    if not injured.empty:
        out["injured_total"] = int(injured.value.max())
        since = headline.none_since(tallies, head.doc_id)
        if since:
            out["no_injuries_since"] = since
    check = headline.split_check(checks, head)
    if check is not None:
        out["split_check"] = f"{check.formula} ({headline.check_status(check)})"
    return out


def claim_figures(claims: pd.DataFrame) -> dict:
    counts = claims.status.value_counts()
    authored = claims.source_kind == "author"
    return {
        "claims_total": len(claims),
        "claims_confirmed": _int(counts.get("confirmed", 0)),
        "claims_unconfirmed_or_rumor": _int(counts.get("unconfirmed", 0) + counts.get("rumor", 0)),
        "claims_reported": _int(counts.get("reported", 0)),
        "claims_sources": int(claims.loc[~authored, "source"].nunique()),
        "claims_relayed": int(claims.via.dropna().str.contains(">").sum()),
    }


def frame_figures(justifications: pd.DataFrame) -> dict:
    return {
        "frames_statements": len(justifications),
        "frames_distinct": int(justifications.frame.nunique()),
        "frames_list": ", ".join(sorted(justifications.frame.unique())) or "none",
    }


def rule_figures() -> dict:
    """How many entries each rule file holds (items of every list in it), for the
    methods chapter."""

    def count(node) -> int:
        if isinstance(node, list):
            return sum(count(item) if isinstance(item, (list, dict)) else 1 for item in node)
        if isinstance(node, dict):
            return sum(count(value) for value in node.values() if isinstance(value, (list, dict)))
        return 0

    return {f"rules_{name}": count(load_lexicon(name)) for name in lexicon_names()}


def _outlet_sentence(missing: int, total: int) -> str:
    if not missing:
        return "Every document's outlet is established."
    which = "The document has" if total == 1 else f"{missing} of the documents have"
    return (
        f"{which} no established outlet: the tables name the site the text was found on instead, and the "
        "note column of data/documents.csv says what is known."
    )


def corpus_figures(documents: pd.DataFrame) -> dict:
    published = documents.published.dropna()
    outlets = {v["publisher"] for v in catalogue(documents).values()}
    return {
        "corpus_documents": len(documents),
        "corpus_outlets": len(outlets),
        "corpus_no_outlet": int(documents.outlet.isna().sum()),
        "corpus_outlet_sentence": _outlet_sentence(int(documents.outlet.isna().sum()), len(documents)),
        "corpus_first": day_long(published.min()) if len(published) else "no date",
        "corpus_last": day_long(published.max()) if len(published) else "no date",
        "corpus_words": int(documents.words.sum()),
        "corpus_sentences": int(documents.sentences.sum()),
        "corpus_dated": int(documents.published.notna().sum()),
    }


def count_figures(
    checks: pd.DataFrame,
    points: pd.DataFrame,
    pace: pd.DataFrame,
    share: pd.DataFrame,
    marks: pd.DataFrame,
    reference: pd.DataFrame,
) -> dict:
    """The numbers of the count-over-time chapter: the reference check of the extracted
    counts, the series' span, its disagreements, pace, Syria's share, and what the
    marked events change."""
    return (
        agreement_figures(checks)
        | series_figures(points, reference)
        | dispute_figures(points)
        | pace_figures(pace)
        | share_figures(share)
        | mark_figures(marks, reference)
    )


def agreement_figures(checks: pd.DataFrame) -> dict:
    agreement = checks[checks.kind == "reference_agreement"] if not checks.empty else checks
    out = {
        "agreement_checks": len(agreement),
        "agreement_ok": int((agreement.status == "ok").sum()) if len(agreement) else 0,
    }
    if len(agreement):
        top = agreement.sort_values(["observed", "check_id"], ascending=[False, True]).iloc[0].description
        n, ok = out["agreement_checks"], out["agreement_ok"]
        lead = f"{ok} of the {n} extracted counts dated inside the series agree with it; the largest: " if n > 1 else ""
        out["agreement_headline"] = lead + (top[:1].lower() + top[1:] if lead else top)
    else:
        out["agreement_headline"] = "No extracted attack count has an as-of date inside the reference series."
    return out


def series_figures(points: pd.DataFrame, reference: pd.DataFrame) -> dict:
    total = points[(points.place == "Iraq and Syria") & (points.origin == "reference")]
    start = count_start(reference)
    others = sorted(set(reference.since_date.dropna()) - {start})
    other_rows = int(reference.since_date.isin(others).sum())
    span = (dt.date.fromisoformat(total.date.max()) - dt.date.fromisoformat(total.date.min())).days if len(total) else 0
    return {
        "series_span_months": round(span / 30.44) if len(total) else 0,
        "series_count_start": day_long(start) if start else "an unstated day",
        "series_start_stated": int(reference.since_date.notna().sum()),
        "series_start_unstated": int(reference.since_date.isna().sum()),
        "series_other_starts": (f"{other_rows} of them from " + " and ".join(day_long(d) for d in others))
        if others
        else "none from another day",
        "series_reports": int(len(reference)),
        "series_dated_totals": int(len(total)),
        "series_undated": int(reference.as_of_date.isna().sum()),
        "series_first": day_long(total.date.min()) if len(total) else "no date",
        "series_last": day_long(total.date.max()) if len(total) else "no date",
        "series_last_value": int(total.loc[total.date == total.date.max(), "value"].max()) if len(total) else "no",
    }


def dispute_figures(points: pd.DataFrame) -> dict:
    spread = same_day_reports(points)
    disputed = spread[spread.map(len) > 1]
    out = {"disputed_days": int(disputed.index.get_level_values("date").nunique()), "disputed_example": "none"}
    if len(disputed):
        (place, day), values = max(disputed.items(), key=lambda kv: (kv[1][-1] - kv[1][0], kv[0][1]))
        listed = ", ".join(map(str, values[:-1])) + f" and {values[-1]}"
        out["disputed_example"] = f"{listed} attacks in {place} as of {day_long(day)}"
    return out


def pace_figures(pace: pd.DataFrame) -> dict:
    extremes = readable_extremes(pace)
    if extremes is None:
        return {"pace_overall": "unknown", "pace_busiest": "unknown", "pace_quietest": "unknown", "pace_short_gaps": 0}
    busiest, quietest = extremes
    return {
        "pace_overall": round(overall_pace(pace), 2),
        "pace_busiest": f"{busiest.per_day:.2f} attacks a day from {day_long(busiest['from'])} "
        f"to {day_long(busiest['to'])} "
        f"({busiest.attacks} attacks in {busiest.days} days)",
        "pace_quietest": f"{quietest.per_day:.2f} a day from {day_long(quietest['from'])} to {day_long(quietest['to'])} "
        f"({quietest.attacks} attacks in {quietest.days} days)",
        "pace_short_gaps": int((~pace.gap_long_enough).sum()),
    }


def share_figures(share: pd.DataFrame) -> dict:
    ref_share = share[share.origin == "reference"] if len(share) else share
    if not len(ref_share):
        return {"syria_share_first": "unknown", "syria_share_last": "unknown", "syria_share_last_split": "no date"}
    out = {}
    first, last = ref_share.iloc[0], ref_share.iloc[-1]
    for key, row in (("syria_share_first", first), ("syria_share_last", last)):
        out[key] = f"{row.share_syria:.0%} on {day_long(row.date)} ({row.syria} of {row.iraq + row.syria})"
    out["syria_share_last_split"] = day_long(last.date)
    return out


def mark_figures(marks: pd.DataFrame, reference: pd.DataFrame) -> dict:
    out = {
        "marks_listed": "none",
        "after_label": "no marked event",
        "after_date": "no date",
        "after_change": "nothing is recorded as changing",
        "after_reports": 0,
        "after_split": 0,
    }
    listed = []
    for mark in marks.sort_values("date").itertuples():
        when = day_long(mark.date)
        if mark.night:
            following = dt.date.fromisoformat(mark.date) + dt.timedelta(days=1)
            when = f"the night of {when.split()[0]} to {day_long(following.isoformat())}"
        listed.append(f"the {mark.label} ({when}; date from data/{mark.from_file})")
        if mark.after:
            dated = reference[reference.as_of_date.notna() & reference.total_attacks.notna()]
            later = dated[dated.as_of_date >= mark.date]
            out |= {
                "after_label": mark.label,
                "after_date": day_long(mark.date),
                "after_change": mark.after,
                "after_reports": int(len(later)),
                "after_split": int((later.iraq.notna() | later.syria.notna()).sum()),
            }
    if listed:
        out["marks_listed"] = " and ".join(listed)
    return out


def statement_figures(
    statements: pd.DataFrame,
    points: pd.DataFrame,
    nearby: pd.DataFrame,
    justifications: pd.DataFrame,
    documents: pd.DataFrame | None = None,
) -> dict:
    """The numbers of the justification timeline: span, gaps, the documents' own frames
    on it, and whether the reference holds a transcript of a Pentagon line a document
    quotes (`pentagon_sentence`, said whatever the corpus holds)."""
    ref = points[points.origin == "reference"]
    years = sorted({int(d[:4]) for d in statements.date})
    missing = [str(y) for y in range(years[0], years[-1] + 1) if y not in years] if years else []
    own_frames = points[points.origin == "extracted"]
    days = sorted(set(own_frames.date.dropna()))
    out = {
        "statements_total": len(statements),
        "statements_first_year": years[0] if years else "none",
        "statements_last_year": years[-1] if years else "none",
        "statements_missing_years": (", ".join(missing[:-1]) + " and " + missing[-1])
        if len(missing) > 1
        else (missing[0] if missing else "none"),
        "statements_month_only": int((ref.date_precision == "month").sum()),
        "statements_low": int((statements.confidence == "low").sum()),
        "docs_statements": len(own_frames),
        "docs_frames_on_axis": ", ".join(sorted(own_frames.frame.unique())) or "none",
        "docs_frame_count": int(own_frames.frame.nunique()),
        "docs_published": (
            "on " + day_long(days[0]) if len(days) == 1 else f"from {day_long(days[0])} to {day_long(days[-1])}"
        )
        if days
        else "on no known day",
        "docs_days": len(days),
    }
    pentagon = justifications.speaker_role.fillna("").str.contains("Pentagon")
    own = justifications[(justifications.voice == "speaker's own words") & pentagon & justifications.speaker.notna()]
    labels = {d: v["label"] for d, v in catalogue(documents).items()} if documents is not None else {}
    matched = nearby[nearby.speaker.isin(own.speaker)] if len(own) and len(nearby) else nearby.iloc[0:0]
    if len(matched):
        line = own[own.speaker.isin(matched.speaker)].sort_values(["doc_id", "start"]).iloc[0]
        row = matched[(matched.speaker == line.speaker) & (matched.doc_id == line.doc_id)]
        row = row.iloc[0] if len(row) else matched[matched.speaker == line.speaker].iloc[0]
        by_speaker = statements[statements.speaker == line.speaker].date.sort_values()
        dates = ", ".join(day_long(d) for d in by_speaker) or "none"
        where = labels.get(line.doc_id, str(line.doc_id))
        out |= {
            "pentagon_line": line.quote,
            "pentagon_speaker": line.speaker,
            "pentagon_document": where,
            "pentagon_in_reference": "yes" if row.nearby else "no",
            "pentagon_speaker_statements": dates,
            "pentagon_within_days": int(row.within_days),
        }
        out["pentagon_sentence"] = f"The Pentagon line quoted in {where}, in the words of {line.speaker}, " + (
            f"has a statement by the same speaker in this table within {int(row.within_days)} days ({row.nearby})."
            if row.nearby
            else f"has no public transcript in this table: its curator did not find one, and the table's "
            f"statements by {line.speaker} are dated {dates}, none within {int(row.within_days)} days of the "
            f"document. It is known here only from the document, which reads: “{line.quote}”"
        )
    else:
        out |= {
            "pentagon_line": "none",
            "pentagon_speaker": "none",
            "pentagon_document": "none",
            "pentagon_in_reference": "no",
            "pentagon_speaker_statements": "none",
            "pentagon_within_days": 0,
            "pentagon_sentence": "No document quotes a Pentagon speaker's own words on why US forces are in Syria.",
        }
    return out


def accuracy_figures(accuracy: pd.DataFrame) -> dict:
    """The headline accuracy figures the methods chapter quotes, from bench/accuracy.csv."""

    def value(part, item, scoring, metric):
        hit = accuracy[
            (accuracy.part == part)
            & (accuracy.item == item)
            & (accuracy.scoring.fillna("") == scoring)
            & (accuracy.metric == metric)
        ]
        return float(hit.value.iloc[0]) if len(hit) and pd.notna(hit.value.iloc[0]) else None

    def share(x):
        return "not measured" if x is None else f"{x:.2f}"

    return {
        "accuracy_documents": int(value("documents", "all", "", "scored") or 0),
        "accuracy_tally_recall": share(value("tallies", "all", "strict", "recall")),
        "accuracy_tally_precision": share(value("tallies", "all", "strict", "precision")),
        "accuracy_dates": share(value("dates", "all", "exact day", "accuracy")),
        "accuracy_frame_recall": share(value("frames", "all", "doc and frame", "recall")),
        "accuracy_frame_precision": share(value("frames", "all", "doc and frame", "precision")),
    }
