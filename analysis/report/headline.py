"""The introduction's key findings, computed from the corpus whatever its size: the
latest-dated official cumulative count with its split, source and document; how many
documents and outlets over which dates; the latest injury and death figures with their
windows; documents that disagree on the same day; the checks that fail. Every number,
date and count in these sentences comes from the tables."""

from __future__ import annotations

import re

import pandas as pd

from analysis.report.docref import catalogue
from analysis.text.lexicon import load_lexicon

MEASURE_WORDS = {"injured": "injured", "killed": "killed", "casualties": "injured or killed"}


def _text(value) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else ""


def official_names() -> list[str]:
    """Every name and alias of a US-government source in the gazetteer (lexicons/sources.yml)."""
    names = []
    for entry in load_lexicon("sources").get("named", []):
        if entry.get("kind") == "US government":
            names += [entry["name"], *entry.get("aliases", [])]
    return sorted(set(names), key=lambda n: (-len(n), n))


def is_official(attributed_to) -> bool:
    """A figure attributed to a US-government source: a gazetteer name found in the
    attribution as whole words ('Pentagon spokesperson' is the Pentagon)."""
    text = _text(attributed_to)
    return bool(text) and any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in official_names())


def is_wide(location) -> bool:
    """A count over more than one country (or a region): 'Iraq and Syria', 'Middle East'."""
    text = _text(location)
    return bool(text) and (" and " in text or "," in text or text in ("Middle East", "the region"))


def totals(tallies: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Tallies of one measure that are not a part of another count."""
    part = tallies.part_of.astype("string").fillna("") if "part_of" in tallies else ""
    return tallies[(tallies.measure == measure) & (part == "")]


def headline_tally(tallies: pd.DataFrame) -> pd.Series | None:
    """The cumulative attack count readers ask about first: among whole counts (not a
    country part) with an as-of day, those attributed to an official source, cumulative
    (a start day, or more than one country) and region-wide are preferred; each
    preference is dropped when nothing meets it, so a corpus always yields its
    best-stated figure; then the latest as-of day and the largest count."""
    attacks = totals(tallies, "attacks")
    if attacks.empty:
        attacks = tallies[tallies.measure == "attacks"]
    if attacks.empty:
        return None
    dated = attacks.as_of.notna()
    official = attacks.attributed_to.map(is_official).astype(bool)
    wide = attacks.location.map(is_wide).astype(bool)
    cumulative = attacks.since.notna() | wide
    every = pd.Series(True, index=attacks.index)
    for keep in (
        dated & official & cumulative & wide,
        dated & official & cumulative,
        dated & cumulative & wide,
        dated & cumulative,
        dated,
        every,
    ):
        pick = attacks[keep.to_numpy()]
        if len(pick):
            break
    if pick.as_of.notna().any():
        pick = pick[pick.as_of == pick.as_of.max()]
    return pick.sort_values(["value", "doc_id", "number_start"], ascending=[False, True, True]).iloc[0]


def parts_of(tallies: pd.DataFrame, head) -> pd.DataFrame:
    """The country parts stated with a count (split by location), in the order stated."""
    if head is None or "part_of" not in tallies:
        return tallies.iloc[0:0]
    parts = tallies[(tallies.part_of == head.tally_id) & (tallies.split == "location")]
    return parts.sort_values("number_start")


def check_status(check) -> str:
    """A check's status in words: reviewed mismatches are the source's own."""
    status = _text(check.get("status"))
    if status == "ok":
        return "holds"
    if status == "reviewed":
        return "does not hold: source inconsistent (reviewed)"
    return "does not hold"


def split_check(checks: pd.DataFrame, head) -> pd.Series | None:
    """The split-sum check of the headline count (its evidence lists the total first)."""
    if head is None or checks.empty:
        return None
    sums = checks[(checks.kind == "split_sum") & (checks.doc_id == head.doc_id)]
    first = sums.evidence.astype("string").str.split(";").str[0]
    found = sums[(first == head.tally_id).fillna(False).to_numpy()]
    return found.iloc[0] if len(found) else None


def latest_by_measure(tallies: pd.DataFrame, documents: pd.DataFrame, measure: str) -> pd.Series | None:
    """The latest whole figure of a measure: by as-of day (figures without one only when
    none has one, then by the publication day of their document); the largest of that
    day. None when the corpus has no such figure."""
    rows = totals(tallies, measure)
    rows = rows[rows.value.fillna(0) > 0]
    if rows.empty:
        return None
    published = {d: v["published"] for d, v in catalogue(documents).items()}
    day = rows.as_of.astype("string").fillna(rows.doc_id.map(published).astype("string")).fillna("")
    rows = rows.assign(_day=day.to_numpy())
    if rows.as_of.notna().any():  # a figure that says the day it holds to beats one dated by publication
        rows = rows[rows.as_of.notna().to_numpy()]
    latest = rows[rows._day == rows._day.max()]
    return latest.sort_values(["value", "doc_id", "number_start"], ascending=[False, True, True]).iloc[0]


def none_since(tallies: pd.DataFrame, doc_id, measure: str = "injured") -> str | None:
    """'none since <day>' in the same document: a zero figure with a start day."""
    zero = tallies[(tallies.doc_id == doc_id) & (tallies.measure == measure) & (tallies.value == 0)]
    zero = zero[zero.since.notna()].sort_values("number_start")
    return str(zero.since.iloc[0]) if len(zero) else None


def disagreements(tallies: pd.DataFrame) -> list[dict]:
    """Whole counts of the same measure, place and as-of day that differ between
    documents: one entry per (measure, place, day), its values and documents."""
    rows = tallies[tallies.as_of.notna() & tallies.location.notna()]
    if "part_of" in rows:
        rows = rows[rows.part_of.isna()]
    out = []
    for (measure, place, day), group in rows.groupby(["measure", "location", "as_of"], sort=True):
        by_doc = group.groupby("doc_id")["value"].max()
        if by_doc.nunique() > 1 and len(by_doc) > 1:
            out.append({"measure": measure, "place": place, "day": day, "values": by_doc.to_dict()})
    return out


def failed_checks(checks: pd.DataFrame) -> pd.DataFrame:
    """Required checks that fail and were not reviewed as the source's own."""
    if checks.empty:
        return checks
    required = checks.required.fillna(False).astype(bool)
    return checks[required.to_numpy() & (checks.status == "mismatch").to_numpy()]


def reviewed_checks(checks: pd.DataFrame) -> pd.DataFrame:
    return checks[(checks.status == "reviewed").to_numpy()] if len(checks) else checks
