"""The book's calculations, each in one place: the points of the count series, its step
line, pace and busiest stretch, Syria's share, same-day disagreements, the statements'
time axis, the dates as prose, and the source notes under the charts. Notebooks, findings
and charts call these; none of them computes a figure of its own."""

from __future__ import annotations

import datetime as dt
import statistics
import textwrap

import pandas as pd
import yaml

from analysis.report.docref import catalogue
from analysis.store.reference import PLACE_NAMES, REFERENCE, REFERENCE_TABLES, TALLIES, column_for

ANNOTATIONS = REFERENCE / "annotations.yml"
STATUS_WORDS = {"ok": "holds", "mismatch": "does not hold", "reviewed": "source inconsistent (reviewed)"}
MIN_GAP_DAYS = 3  # a rate over a shorter gap is dominated by the unknown hour of each count
QUOTE_EXCERPT = 50  # characters of a reference quote the book shows; the rest is at its source


def annotations(tables: dict, path=ANNOTATIONS):
    """Events to mark on the count chart, dated by the rows reference/annotations.yml
    points at (one row per distinct date found); entries matching nothing are skipped."""
    rows = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        frame = tables.get(entry["table"])
        if frame is None or frame.empty:
            continue
        keep = pd.Series(True, index=frame.index)
        for column, value in (entry.get("where") or {}).items():
            keep &= frame[column].astype("string").eq(str(value)).fillna(False)
        for column, words in (entry.get("contains") or {}).items():
            keep &= frame[column].astype("string").str.contains(str(words), case=False, regex=False).fillna(False)
        found = frame.loc[keep]
        for date in sorted(set(found[entry["date_column"]].dropna().astype(str))):
            precision = found.loc[found[entry["date_column"]].astype(str) == date].get("precision")
            night = precision is not None and (precision == "night").any()
            path = next((t.path for t in REFERENCE_TABLES if t.name == entry["table"]), f"{entry['table']}.csv")
            rows.append(
                {
                    "date": date,
                    "label": entry["label"],
                    "night": bool(night),
                    "from_file": path,
                    "after": entry.get("after", ""),
                    "after_source": entry.get("after_source", ""),
                }
            )
    return pd.DataFrame(rows, columns=["date", "label", "night", "from_file", "after", "after_source"])


def attack_points(reference, tallies, documents):
    """Every dated attack count, reference and extracted, as one tidy table: one row per
    report and place (total, Iraq, Syria). `step` marks the reports the step line joins:
    high and medium confidence (low ones are shown but not joined)."""
    rows = []
    for n, r in enumerate(reference.itertuples(), start=1):
        for column in ("total_attacks", "iraq", "syria"):
            value = getattr(r, column)
            if pd.isna(value) or pd.isna(r.as_of_date):
                continue
            rows.append(
                {
                    "date": r.as_of_date,
                    "place": PLACE_NAMES[column],
                    "value": int(value),
                    "origin": "reference",
                    "confidence": r.confidence,
                    "step": r.confidence in ("high", "medium"),
                    "basis": r.as_of_basis,
                    "source_url": r.source_url,
                    "note": "" if pd.isna(r.note) else r.note,
                    "row": f"{TALLIES.path} row {n}",
                    "document": "",
                }
            )
    urls = dict(zip(documents.doc_id, documents.url))
    labels = {d: v["label"] for d, v in catalogue(documents).items()}
    attacks = tallies[(tallies.measure == "attacks") & tallies.as_of.notna() & tallies.value.notna()]
    for t in attacks.itertuples():
        column = column_for(t.location)
        if column is None:
            continue
        rows.append(
            {
                "date": t.as_of,
                "place": PLACE_NAMES[column],
                "value": int(t.value),
                "origin": "extracted",
                "confidence": "extracted",
                "step": False,
                "basis": "extracted from the document",
                "source_url": urls.get(t.doc_id, ""),
                "note": f"attributed to {t.attributed_to if isinstance(t.attributed_to, str) else 'no one'}; "
                "data/tallies.csv",
                "row": f"tallies.csv {t.tally_id}",
                "document": labels.get(t.doc_id, str(t.doc_id)),
            }
        )
    columns = [
        "date",
        "place",
        "value",
        "origin",
        "confidence",
        "step",
        "basis",
        "source_url",
        "note",
        "row",
        "document",
    ]
    table = pd.DataFrame(rows, columns=columns)
    order = {p: i for i, p in enumerate(PLACE_NAMES.values())}
    by_place = lambda c: c.map(order) if c.name == "place" else c  # noqa: E731
    return table.sort_values(["place", "date", "origin", "value"], key=by_place, kind="stable").reset_index(drop=True)


def source_list(points):
    """The chart's points folded back to one row per report, for the list of sources:
    the counts it gives, how sure and how it is dated, and where it comes from."""
    rows = []
    for (date, confidence, basis, url, note), group in points.groupby(
        ["date", "confidence", "basis", "source_url", "note"], sort=False, dropna=False
    ):
        values = dict(zip(group.place, group.value))
        total = values.pop(PLACE_NAMES["total_attacks"], None)
        split = ", ".join(f"{place} {values[place]}" for place in ("Iraq", "Syria") if place in values)
        count = f"{total} ({split})" if total is not None and split else str(total) if total is not None else split
        sure = f"{confidence} confidence" if confidence != "extracted" else ""
        known = "; ".join(str(x) for x in (sure, basis, note) if x)
        rows.append({"date": date, "attacks": count, "source": url, "how known": known})
    return (
        pd.DataFrame(rows, columns=["date", "attacks", "source", "how known"])
        .sort_values(["date", "attacks"], kind="stable")
        .reset_index(drop=True)
    )


def statement_list(statements):
    """The reference statements as the book lists them: narrow columns first, then the
    quote's opening words with the curator's notes, which need the room. The whole quote is
    at the linked source: these are public statements that news articles print too, and
    the book reproduces no article's text beyond a short excerpt."""
    return pd.DataFrame(
        {
            "date": statements.date,
            "who": statements.speaker + " (" + statements.role + ")",
            "frame": statements.frame,
            "confidence": statements.confidence,
            "source_title": statements.source_title,
            "source": statements.source_url,
            "quote and notes": "“"
            + statements.quote.map(lambda quote: textwrap.shorten(quote, QUOTE_EXCERPT, placeholder=" …"))
            + "” Notes: "
            + statements.notes.fillna("none"),
        }
    ).reset_index(drop=True)


def count_start(reference) -> str | None:
    """The day the series counts from: the start date most reports give."""
    starts = reference.since_date.dropna()
    return statistics.mode(sorted(starts)) if len(starts) else None


def step_series(points, place: str, start: str | None):
    """One value per date for the step line: the highest joined report of the day (a
    later report of the same day has counted more), from 0 on the start date."""
    joined = points[(points.place == place) & points.step]
    series = joined.groupby("date")["value"].max()
    if start and len(series) and start < series.index.min():
        series = pd.concat([pd.Series({start: 0}), series])
    return series.rename_axis("date").rename("value")


def pace(points, start: str | None):
    """Attacks per day between consecutive dates of the total's step series."""
    series = step_series(points, PLACE_NAMES["total_attacks"], start)
    rows = []
    for (d0, v0), (d1, v1) in zip(series.items(), list(series.items())[1:]):
        days = (dt.date.fromisoformat(d1) - dt.date.fromisoformat(d0)).days
        rows.append(
            {
                "from": d0,
                "to": d1,
                "days": days,
                "count_from": int(v0),
                "count_to": int(v1),
                "attacks": int(v1 - v0),
                "per_day": round((v1 - v0) / days, 2),
                "gap_long_enough": days >= MIN_GAP_DAYS,
            }
        )
    columns = ["from", "to", "days", "count_from", "count_to", "attacks", "per_day", "gap_long_enough"]
    return pd.DataFrame(rows, columns=columns)


def syria_share(points):
    """Share of the attacks counted in Syria, for every report giving both countries."""
    split = points[points.place.isin(["Iraq", "Syria"])]
    key = ["date", "origin", "source_url", "confidence"]
    wide = split.pivot_table(index=key, columns="place", values="value", aggfunc="max").reset_index()
    if wide.empty or not {"Iraq", "Syria"} <= set(wide.columns):
        return pd.DataFrame(columns=key + ["iraq", "syria", "share_syria"])
    wide = wide.dropna(subset=["Iraq", "Syria"]).rename(columns={"Iraq": "iraq", "Syria": "syria"})
    wide["iraq"], wide["syria"] = wide.iraq.astype(int), wide.syria.astype(int)
    wide["share_syria"] = (wide.syria / (wide.iraq + wide.syria)).round(3)
    wide.columns.name = None
    return wide[key + ["iraq", "syria", "share_syria"]].sort_values(["date", "origin", "syria"]).reset_index(drop=True)


def statement_points(statements, justifications, documents):
    """Reference statements and the documents' own framing on one time axis. Month-only
    dates sit mid-month; extracted rows are dated by their document's publication date."""
    rows = []
    for s in statements.itertuples():
        month_only = len(s.date) == 7
        rows.append(
            {
                "date": s.date,
                "x": s.date + "-15" if month_only else s.date,
                "frame": s.frame,
                "speaker": s.speaker,
                "origin": "reference",
                "confidence": s.confidence,
                "date_precision": "month" if month_only else "day",
                "source_url": s.source_url,
            }
        )
    published = dict(zip(documents.doc_id, documents.published))
    urls = dict(zip(documents.doc_id, documents.url))
    for j in justifications.itertuples():
        when = published.get(j.doc_id)
        if pd.isna(when):
            continue
        speaker = j.speaker if isinstance(j.speaker, str) else "(author)"
        rows.append(
            {
                "date": when,
                "x": when,
                "frame": j.frame,
                "speaker": speaker,
                "origin": "extracted",
                "confidence": j.voice,
                "date_precision": "publication date",
                "source_url": urls.get(j.doc_id, ""),
            }
        )
    columns = ["date", "x", "frame", "speaker", "origin", "confidence", "date_precision", "source_url"]
    return pd.DataFrame(rows, columns=columns).sort_values(["x", "frame", "speaker"]).reset_index(drop=True)


def nearby_statements(statements, justifications, documents, days: int = 31):
    """For each speaker quoted in their own words in a document, the reference
    statements by the same speaker within `days` of its publication (empty when the
    reference has no transcript of that line)."""
    published = dict(zip(documents.doc_id, documents.published))
    rows = []
    own = justifications[justifications.voice == "speaker's own words"]
    for j in own.drop_duplicates(["doc_id", "speaker"]).itertuples():
        when = published.get(j.doc_id)
        if pd.isna(when) or not isinstance(j.speaker, str):
            continue
        day = dt.date.fromisoformat(when)
        same = statements[statements.speaker == j.speaker]
        near = [
            s.date
            for s in same.itertuples()
            if abs((dt.date.fromisoformat(s.date if len(s.date) == 10 else s.date + "-15") - day).days) <= days
        ]
        rows.append(
            {
                "doc_id": j.doc_id,
                "speaker": j.speaker,
                "published": when,
                "reference_statements_by_speaker": len(same),
                "within_days": days,
                "nearby": "; ".join(near),
            }
        )
    return pd.DataFrame(
        rows, columns=["doc_id", "speaker", "published", "reference_statements_by_speaker", "within_days", "nearby"]
    )


# --- one figure, one place -------------------------------------------------------------------


def readable_extremes(pace_table):
    """(busiest, quietest) of the gaps long enough to read, or None when there are none."""
    readable = pace_table[pace_table.gap_long_enough] if len(pace_table) else pace_table
    if not len(readable):
        return None
    return readable.loc[readable.per_day.idxmax()], readable.loc[readable.per_day.idxmin()]


def overall_pace(pace_table) -> float:
    """Attacks a day over the whole series: the first count to the last over all the days."""
    return (pace_table.count_to.iloc[-1] - pace_table.count_from.iloc[0]) / pace_table.days.sum()


def same_day_reports(points):
    """For each place and day, the distinct values the reference reports give, sorted (a
    list of one value when they agree)."""
    refs = points[points.origin == "reference"]
    return refs.groupby(["place", "date"])["value"].agg(lambda v: sorted(set(v)))


def day_long(value) -> str:
    """A date as prose: '11 January 2024' ('January 2024' for a month-only date)."""
    if not isinstance(value, str) or not value:
        return "an unknown date"
    if len(value) == 7:
        return dt.date.fromisoformat(value + "-01").strftime("%B %Y")
    day = dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def day_short(value) -> str:
    """A date on a chart: '11 Jan 2024'."""
    day = pd.Timestamp(value)
    return f"{day.day} {day:%b %Y}"


# --- where the figures come from -------------------------------------------------------------


def _documents_phrase(documents) -> str:
    titles = [f"“{t}”" if isinstance(t, str) and t else d for d, t in zip(documents.doc_id, documents.title)]
    if len(titles) <= 2:
        return " and ".join(titles)
    return f"{len(titles)} documents"


def source_notes(
    documents, tallies, claims, tables=("tallies", "checks", "claims", "justifications", "events")
) -> dict:
    """The line under each chart saying where its figures come from, per table: who the
    figures are attributed to and through whom they were relayed (tallies), which
    documents hold them, and which data file. Computed once for a whole notebook."""
    phrase = _documents_phrase(documents)
    notes = {}
    for table in tables:
        note = _tally_attribution(tallies, claims) if table == "tallies" else ""
        notes[table] = f"{note}extracted from {phrase} by the pipeline; data/{table}.csv."
    return notes


def _tally_attribution(tallies, claims) -> str:
    sources = sorted(set(tallies.attributed_to.dropna()))
    relays = set()
    for row in tallies.itertuples():
        overlapping = claims[(claims.doc_id == row.doc_id) & (claims.start < row.end) & (claims.end > row.start)]
        relays.update(v for v in overlapping.via.dropna() if ">" in v)
    note = f"figures attributed to {', '.join(sources) or 'unnamed sources'}"
    if relays:
        note += f" (relayed as {'; '.join(sorted(relays))})"
    return note + ", "


# --- how accurate the extraction is -------------------------------------------------------


def _score(value) -> str:
    """A score as the accuracy table prints it, three decimals ("1.000", "0.947"); blank when
    the row has none (dates have no recall)."""
    return "" if value is None or pd.isna(value) else f"{float(value):.3f}"


def accuracy_table(accuracy):
    """bench/accuracy.csv as the methods chapter shows it: one row per measure, date field
    and frame, with recall, precision and F1 (accuracy for dates) and how many were annotated."""
    wide = accuracy.pivot_table(index=["part", "item", "scoring"], columns="metric", values="value", aggfunc="first")
    rows = []
    for (part, item, scoring), r in wide.iterrows():
        if part == "documents" or (part == "tallies" and scoring == "loose" and item != "all"):
            continue
        what = {
            "tallies": f"tallies, {item}",
            "dates": f"dates, {item.replace('_', ' ')}",
            "frames": f"frames, {item}",
        }[part]
        rows.append(
            {
                "what": what,
                "matched on": "doc, measure, value, places"
                if scoring == "strict"
                else "doc, measure, value"
                if scoring == "loose"
                else scoring,
                "recall": _score(r.get("recall")),
                "precision": _score(r.get("precision")),
                "F1": _score(r.get("f1")),
                "accuracy": _score(r.get("accuracy")),
                "annotated": int(r["annotated"]),
            }
        )
    order = {"tallies": 0, "dates": 1, "frames": 2}
    table = pd.DataFrame(rows, columns=["what", "matched on", "recall", "precision", "F1", "accuracy", "annotated"])
    key = table.what.str.split(",").str[0].map(order) * 1000 + (~table.what.str.endswith(", all")).astype(int)
    table = table.assign(_key=key, _strict=-table["matched on"].str.len())
    return table.sort_values(["_key", "what", "_strict"]).drop(columns=["_key", "_strict"]).reset_index(drop=True)
