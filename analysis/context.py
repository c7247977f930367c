"""Curated reference tables beside the extracted ones.

reference/ holds two hand-curated tables (the Pentagon's running attack count, and
officials' stated reasons for the US presence in Syria, 2014-2024). They are not
extracted from seeds/, so they are copied byte for byte into data/context/, described in
the data package with their own schemas, and validated like the extracted tables. The
extracted attack tallies are checked against the count series (`reconcile`), and the
book's count-over-time and justification timeline read them through the helpers here.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
import statistics
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

from analysis import checks
from analysis.paths import ROOT
from analysis.tables import Field, Table

REFERENCE = ROOT / "reference"
CONFIDENCE = ("high", "medium", "low")
FRAMES = ("counter-ISIS", "oil", "counter-Iran", "regime-change/Assad", "force-protection", "other")
BASES = ("stated", "inferred from publication date and weekday", "date of the Tower 22 attack", "unknown")
CURATED = "Curated by hand from public sources and copied unchanged from reference/; not extracted from seeds/. "


@dataclass(frozen=True)
class PatternField(Field):
    """A string field whose values must match a pattern (a month-only date, say)."""

    pattern: str = ""

    def descriptor(self) -> dict:
        out = super().descriptor()
        out.setdefault("constraints", {})["pattern"] = self.pattern
        return out


@dataclass(frozen=True)
class ReferenceTable(Table):
    """A table kept as received: its file lives under data/context/, not beside the
    extracted tables, so nobody mistakes it for pipeline output."""

    file: str = ""

    @property
    def path(self) -> str:
        return f"context/{self.file}"


TALLIES = ReferenceTable(
    name="context_pentagon_tallies",
    file="pentagon_tallies.csv",
    title="Reference: the Pentagon's cumulative attack counts, Oct 2023 to Feb 2024",
    description=CURATED + (
        "One row per news report quoting a Pentagon count of attacks on US forces in Iraq and Syria (after "
        "28 January 2024, 'the Middle East'). Reports of the same day may disagree; every one is kept. The "
        "2023-12-31 figure is an Inspector General quarterly count, not a briefing figure."
    ),
    fields=(
        Field("as_of_date", "date", "Date the count is as of; empty when the source gives none"),
        Field("as_of_basis", "string", "How the as-of date is known", required=True, enum=BASES),
        Field("total_attacks", "integer",
              "Cumulative attacks since since_date (Iraq and Syria; later the Middle East)"),
        Field("iraq", "integer", "Of which in Iraq, when the source splits the count"),
        Field("syria", "integer", "Of which in Syria, when the source splits the count"),
        Field("injured", "integer", "Cumulative US troops injured, when reported"),
        Field("killed", "integer", "US troops killed, when reported"),
        Field("since_date", "date", "Start of the count (usually 2023-10-17); empty when the source does not say"),
        Field("source_url", "string", "The report the row comes from", required=True),
        Field("confidence", "string",
              "high: a named outlet quoting a named official, date stated; medium: date inferred or "
              "secondary outlet; low: a single unreliable repost, or no date", required=True, enum=CONFIDENCE),
        Field("note", "string", "Caveats about the row"),
    ),
    primary_key=("source_url", "as_of_date"),
)

STATEMENTS = ReferenceTable(
    name="context_justification_statements",
    file="justification_statements.csv",
    title="Reference: officials' stated reasons for US forces in Syria, 2014 to 2024",
    description=CURATED + (
        "A purposive selection of dated statements by US officials, chosen to show how the stated reasons "
        "moved; not a sample, so not a count (counter-ISIS statements far outnumber the others in the full "
        "record). No 2020 statement is included. The Pentagon line quoted in the seed article is not in it."
    ),
    fields=(
        PatternField("date", "string", "YYYY-MM-DD, or YYYY-MM where only the month is certain", required=True,
                     pattern=r"\d{4}-\d{2}(-\d{2})?"),
        Field("speaker", "string", "Who said it", required=True),
        Field("role", "string", "The speaker's office at the time", required=True),
        Field("frame", "string", "The reason given for the presence", required=True, enum=FRAMES),
        Field("quote", "string", "The words as published by source_url; '...' marks a cut", required=True),
        Field("source_url", "string", "Where the quote was published", required=True),
        Field("source_title", "string", "Title of that page", required=True),
        Field("notes", "string", "Variants of the wording, how the date is known, and whether the row states a reason "
              "for the presence or only a goal of the mission"),
        Field("confidence", "string",
              "high: dated official transcript or agreeing major outlets; medium: wording varies or the frame "
              "is an interpretation; low: a single secondary source, a video caption, or a month inferred",
              required=True, enum=CONFIDENCE),
    ),
    primary_key=("date", "speaker", "frame"),
)

REFERENCE_TABLES = (TALLIES, STATEMENTS)
AGREEMENT = "reference_agreement"


def _widened(f: Field) -> Field:
    if f.name == "kind":
        return dataclasses.replace(f, enum=f.enum + (AGREEMENT,), description=f.description + (
            "; reference_agreement: an extracted attack count against the curated Pentagon series in "
            "context/pentagon_tallies.csv (any report of the same day, and the high- or medium-confidence "
            "reports either side)"))
    if f.name == "expected":
        return dataclasses.replace(
            f, description=f.description + "; for reference agreement, the same-day reference count")
    if f.name == "evidence":
        return dataclasses.replace(f, description=f.description + (
            "; reference agreement checks add the reference rows used, as 'context/pentagon_tallies.csv row N' "
            "(N counts data rows, header excluded)"))
    return f


# The checks table as written: checks.TABLE plus the cross-table kind added here.
CHECKS = dataclasses.replace(
    checks.TABLE,
    fields=tuple(_widened(f) for f in checks.TABLE.fields),
    description=checks.TABLE.description + " Also each extracted attack count against the curated reference series.",
)
PACKAGE_NOTE = (
    " The tables under context/ are different: curated reference tables copied unchanged from reference/, not "
    "extracted; their rows cite `source_url` instead of offsets."
)


def output_tables(tables) -> list[Table]:
    """The extracted tables with checks widened to admit reference agreement rows."""
    return [CHECKS if t.name == CHECKS.name else t for t in tables]


def reference_files() -> dict[str, bytes]:
    """Output path -> bytes of every reference table, read as is (no re-encoding)."""
    return {t.path: (REFERENCE / t.file).read_bytes() for t in REFERENCE_TABLES}


def resources(files: dict[str, bytes]) -> list[dict]:
    return [t.resource(files[t.path]) for t in REFERENCE_TABLES]


def read_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


# --- the extracted tallies against the reference series -----------------------------

# Which reference column counts the same places as an extracted tally's location.
COLUMNS = {frozenset({"Iraq", "Syria"}): "total_attacks", frozenset({"Iraq"}): "iraq", frozenset({"Syria"}): "syria"}
PLACE_NAMES = {"total_attacks": "Iraq and Syria", "iraq": "Iraq", "syria": "Syria"}


def column_for(location) -> str | None:
    if not isinstance(location, str) or not location:
        return None
    return COLUMNS.get(frozenset(checks._places({"location": location})))


def _series(reference_rows: list[dict], column: str, since, confidence=CONFIDENCE) -> list[tuple[str, int, int]]:
    """(as-of date, value, row number) of every dated reference report for `column`
    that counts from the same start as the tally (or does not say)."""
    return [
        (r["as_of_date"], int(r[column]), n)
        for n, r in enumerate(reference_rows, start=1)
        if r.get("as_of_date") and r.get(column) and r.get("confidence") in confidence
        and (not since or not r.get("since_date") or r["since_date"] == since)
    ]


def _listing(points) -> str:
    return ", ".join(f"{v} on {d}" for d, v, _ in points)


def reconcile(tally_rows: list[dict], reference_rows: list[dict], reference_path: str = TALLIES.path) -> list[dict]:
    """Check rows comparing each extracted attacks tally that has an as-of date with the
    reference series: a report of the same day should give the same count, and a
    cumulative count should lie between the reports either side of it (high and medium
    confidence only: a low one may be another kind of count, like the Inspector
    General's). Tallies for places the series does not count, or dated outside it, give
    no row."""
    out = []
    for t in tally_rows:
        column = column_for(t.get("location"))
        if t.get("measure") != "attacks" or not t.get("as_of") or column is None or t.get("value") is None:
            continue
        series = _series(reference_rows, column, t.get("since"))
        trusted = _series(reference_rows, column, t.get("since"), confidence=("high", "medium"))
        before = [p for p in trusted if p[0] < t["as_of"]]
        after = [p for p in trusted if p[0] > t["as_of"]]
        before = [p for p in before if p[0] == max(d for d, _, _ in before)] if before else []
        after = [p for p in after if p[0] == min(d for d, _, _ in after)] if after else []
        same = [p for p in series if p[0] == t["as_of"]]
        if not same and not (before and after):
            continue
        lo, hi = checks._range({"value": t["value"], "qualifier": t.get("qualifier")})
        value = t["value"]
        matching = [p for p in same if lo <= p[1] <= hi]
        above_before = not before or min(v for _, v, _ in before) <= hi
        below_after = not after or lo <= max(v for _, v, _ in after)
        between = above_before and below_after
        ok = bool(matching or not same) and between
        place = PLACE_NAMES[column]
        values = lambda points: "/".join(str(v) for _, v, _ in points)  # noqa: E731
        chain = f"{values(before)} ({before[0][0]}) {'≤' if above_before else '>'} " if before else ""
        chain += str(value) + (f" {'≤' if below_after else '>'} {values(after)} ({after[0][0]})" if after else "")
        parts = [chain] if before or after else []
        if same:
            parts.append(f"{value} {'=' if matching else '≠'} {values(same)} ({t['as_of']})")
        formula = "; ".join(parts)
        day = f"it reports {_listing(same)}" if same else f"it has no report on {t['as_of']}"
        sides = " and ".join(f"{_listing(p)} {word}" for p, word in ((before, "before"), (after, "after")) if p)
        description = (f"The extracted count of {t.get('number_text') or value} attacks in {place} as of {t['as_of']} "
                       f"{'agrees' if ok else 'does not agree'} with the curated Pentagon series: {day}"
                       + (f", with {sides}." if sides else "."))
        used = before + (matching or same) + after
        out.append({
            "check_id": f"{t['doc_id']}:{AGREEMENT}:{t['number_start']}",
            "doc_id": t["doc_id"],
            "kind": AGREEMENT,
            "description": description,
            "formula": formula,
            "expected": (matching or same)[0][1] if same else None,
            "observed": value,
            "status": "ok" if ok else "mismatch",
            "required": False,
            "evidence": ";".join([t["tally_id"]] + [f"{reference_path} row {n}" for _, _, n in used]),
        })
    return out


# --- helpers for the book -------------------------------------------------------------

ANNOTATIONS = REFERENCE / "annotations.yml"
MIN_GAP_DAYS = 3  # a rate over a shorter gap is dominated by the unknown hour of each count


def annotations(tables: dict, path=ANNOTATIONS):
    """Events to mark on the count chart, dated by the rows reference/annotations.yml
    points at (one row per distinct date found); entries matching nothing are skipped."""
    import pandas as pd

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
            rows.append({"date": date, "label": entry["label"], "night": bool(night), "from_file": path,
                         "after": entry.get("after", ""), "after_source": entry.get("after_source", "")})
    return pd.DataFrame(rows, columns=["date", "label", "night", "from_file", "after", "after_source"])


def attack_points(reference, tallies, documents):
    """Every dated attack count, reference and extracted, as one tidy table: one row per
    report and place (total, Iraq, Syria). `step` marks the reports the step line joins:
    high and medium confidence (low ones are shown but not joined)."""
    import pandas as pd

    rows = []
    for n, r in enumerate(reference.itertuples(), start=1):
        for column in ("total_attacks", "iraq", "syria"):
            value = getattr(r, column)
            if pd.isna(value) or pd.isna(r.as_of_date):
                continue
            rows.append({"date": r.as_of_date, "place": PLACE_NAMES[column], "value": int(value), "origin": "reference",
                         "confidence": r.confidence, "step": r.confidence in ("high", "medium"),
                         "basis": r.as_of_basis, "source_url": r.source_url, "note": "" if pd.isna(r.note) else r.note,
                         "row": f"{TALLIES.path} row {n}"})
    urls = dict(zip(documents.doc_id, documents.url))
    attacks = tallies[(tallies.measure == "attacks") & tallies.as_of.notna()]
    for t in attacks.itertuples():
        column = column_for(t.location)
        if column is None:
            continue
        rows.append({"date": t.as_of, "place": PLACE_NAMES[column], "value": int(t.value), "origin": "extracted",
                     "confidence": "extracted", "step": False, "basis": "extracted from the document",
                     "source_url": urls.get(t.doc_id, ""),
                     "note": f"attributed to {t.attributed_to if isinstance(t.attributed_to, str) else 'no one'}; "
                             "data/tallies.csv",
                     "row": f"tallies.csv {t.tally_id}"})
    columns = ["date", "place", "value", "origin", "confidence", "step", "basis", "source_url", "note", "row"]
    table = pd.DataFrame(rows, columns=columns)
    order = {p: i for i, p in enumerate(PLACE_NAMES.values())}
    by_place = lambda c: c.map(order) if c.name == "place" else c  # noqa: E731
    return table.sort_values(["place", "date", "origin", "value"], key=by_place, kind="stable").reset_index(drop=True)


def source_list(points):
    """The chart's points folded back to one row per report, for the list of sources:
    the counts it gives, how sure and how it is dated, and where it comes from."""
    import pandas as pd

    rows = []
    for (date, confidence, basis, url, note), group in points.groupby(
            ["date", "confidence", "basis", "source_url", "note"], sort=False, dropna=False):
        values = dict(zip(group.place, group.value))
        total = values.pop(PLACE_NAMES["total_attacks"], None)
        split = ", ".join(f"{place} {values[place]}" for place in ("Iraq", "Syria") if place in values)
        count = f"{total} ({split})" if total is not None and split else str(total) if total is not None else split
        sure = f"{confidence} confidence" if confidence != "extracted" else ""
        known = "; ".join(str(x) for x in (sure, basis, note) if x)
        rows.append({"date": date, "attacks": count, "source": url, "how known": known})
    return pd.DataFrame(rows, columns=["date", "attacks", "source", "how known"]).sort_values(
        ["date", "attacks"], kind="stable").reset_index(drop=True)


def statement_list(statements):
    """The reference statements as the book lists them: narrow columns first, then the
    quote with the curator's notes, which need the room."""
    import pandas as pd

    return pd.DataFrame({
        "date": statements.date,
        "who": statements.speaker + " (" + statements.role + ")",
        "frame": statements.frame,
        "confidence": statements.confidence,
        "source_title": statements.source_title,
        "source": statements.source_url,
        "quote and notes": "“" + statements.quote + "” Notes: " + statements.notes.fillna("none"),
    }).reset_index(drop=True)


def count_start(reference) -> str | None:
    """The day the series counts from: the start date most reports give."""
    starts = reference.since_date.dropna()
    return statistics.mode(sorted(starts)) if len(starts) else None


def step_series(points, place: str, start: str | None):
    """One value per date for the step line: the highest joined report of the day (a
    later report of the same day has counted more), from 0 on the start date."""
    import pandas as pd

    joined = points[(points.place == place) & points.step]
    series = joined.groupby("date")["value"].max()
    if start and len(series) and start < series.index.min():
        series = pd.concat([pd.Series({start: 0}), series])
    return series.rename_axis("date").rename("value")


def pace(points, start: str | None):
    """Attacks per day between consecutive dates of the total's step series."""
    import pandas as pd

    series = step_series(points, PLACE_NAMES["total_attacks"], start)
    rows = []
    for (d0, v0), (d1, v1) in zip(series.items(), list(series.items())[1:]):
        days = (dt.date.fromisoformat(d1) - dt.date.fromisoformat(d0)).days
        rows.append({"from": d0, "to": d1, "days": days, "count_from": int(v0), "count_to": int(v1),
                     "attacks": int(v1 - v0), "per_day": round((v1 - v0) / days, 2),
                     "gap_long_enough": days >= MIN_GAP_DAYS})
    columns = ["from", "to", "days", "count_from", "count_to", "attacks", "per_day", "gap_long_enough"]
    return pd.DataFrame(rows, columns=columns)


def syria_share(points):
    """Share of the attacks counted in Syria, for every report giving both countries."""
    import pandas as pd

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


def frame_lane(frame: str) -> str:
    """The reference frame an extracted frame belongs to ('regime-change' is the
    reference's 'regime-change/Assad')."""
    return next((f for f in FRAMES if f == frame or f.startswith(frame + "/")), frame)


def statement_points(statements, justifications, documents):
    """Reference statements and the documents' own framing on one time axis. Month-only
    dates sit mid-month; extracted rows are dated by their document's publication date."""
    import pandas as pd

    rows = []
    for s in statements.itertuples():
        month_only = len(s.date) == 7
        rows.append({"date": s.date, "x": s.date + "-15" if month_only else s.date, "frame": s.frame,
                     "speaker": s.speaker, "origin": "reference", "confidence": s.confidence,
                     "date_precision": "month" if month_only else "day", "source_url": s.source_url})
    published = dict(zip(documents.doc_id, documents.published))
    urls = dict(zip(documents.doc_id, documents.url))
    for j in justifications.itertuples():
        when = published.get(j.doc_id)
        if pd.isna(when):
            continue
        speaker = j.speaker if isinstance(j.speaker, str) else "(author)"
        rows.append({"date": when, "x": when, "frame": frame_lane(j.frame), "speaker": speaker,
                     "origin": "extracted", "confidence": j.voice, "date_precision": "publication date",
                     "source_url": urls.get(j.doc_id, "")})
    columns = ["date", "x", "frame", "speaker", "origin", "confidence", "date_precision", "source_url"]
    return pd.DataFrame(rows, columns=columns).sort_values(["x", "frame", "speaker"]).reset_index(drop=True)


def nearby_statements(statements, justifications, documents, days: int = 31):
    """For each speaker quoted in their own words in a document, the reference
    statements by the same speaker within `days` of its publication (empty when the
    reference has no transcript of that line)."""
    import pandas as pd

    published = dict(zip(documents.doc_id, documents.published))
    rows = []
    own = justifications[justifications.voice == "speaker's own words"]
    for j in own.drop_duplicates(["doc_id", "speaker"]).itertuples():
        when = published.get(j.doc_id)
        if pd.isna(when) or not isinstance(j.speaker, str):
            continue
        day = dt.date.fromisoformat(when)
        same = statements[statements.speaker == j.speaker]
        near = [s.date for s in same.itertuples()
                if abs((dt.date.fromisoformat(s.date if len(s.date) == 10 else s.date + "-15") - day).days) <= days]
        rows.append({"doc_id": j.doc_id, "speaker": j.speaker, "published": when,
                     "reference_statements_by_speaker": len(same), "within_days": days, "nearby": "; ".join(near)})
    return pd.DataFrame(rows, columns=["doc_id", "speaker", "published", "reference_statements_by_speaker",
                                       "within_days", "nearby"])


class Linked:
    """A table whose URL column becomes links, for the source lists under the charts:
    every cell is HTML-escaped, only http(s) addresses become links, and the link text is
    `text_column` (dropped as a column) or else the site's host name."""

    def __init__(self, frame, url_column: str = "source_url", text_column: str | None = None):
        frame = frame.reset_index(drop=True).astype(object)
        self.frame = frame.where(frame.notna(), "")
        self.url_column, self.text_column = url_column, text_column

    def _link(self, url, text) -> str:
        url = str(url)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return html.escape(url)
        label = html.escape(str(text) if text else parts.hostname or url)
        return f'<a href="{html.escape(url, quote=True)}" rel="noopener nofollow">{label}</a>'

    def _repr_html_(self) -> str:
        columns = [c for c in self.frame.columns if c != self.text_column]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
        body = []
        for _, row in self.frame.iterrows():
            text = row[self.text_column] if self.text_column else ""
            cells = [self._link(row[c], text) if c == self.url_column else html.escape(str(row[c])) for c in columns]
            body.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        return f'<table class="report-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'

    def __repr__(self) -> str:
        import pandas as pd

        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            return self.frame.to_string(index=False)
