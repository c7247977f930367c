"""The numbers the book's prose quotes, computed from the tables so that no figure in
the text is typed by hand. Each function returns a flat dict ready for myst-nb `glue`."""
from __future__ import annotations

import datetime as dt

import pandas as pd


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def headline_tally(tallies: pd.DataFrame) -> pd.Series | None:
    """The attacks tally readers ask about first: the latest as-of date, and at that date
    the largest count (the combined total rather than a country split)."""
    attacks = tallies[(tallies.measure == "attacks") & tallies.as_of.notna()]
    if attacks.empty:
        attacks = tallies[tallies.measure == "attacks"]
    if attacks.empty:
        return None
    latest = attacks[attacks.as_of == attacks.as_of.max()] if attacks.as_of.notna().any() else attacks
    return latest.sort_values(["value", "number_start"], ascending=[False, True]).iloc[0]


TALLY_DEFAULTS = {
    "attacks_total": "no", "attacks_location": "no stated place", "attacks_since": "an unstated date",
    "attacks_as_of": "an unstated date", "attacks_source": "no named source", "window_days": "unknown",
    "attacks_per_day": "an unknown number", "injured_total": "No", "no_injuries_since": "no stated date",
    "split_check": "no split stated",
}


def tally_figures(tallies: pd.DataFrame, checks: pd.DataFrame) -> dict:
    out = dict(TALLY_DEFAULTS)
    head = headline_tally(tallies)
    if head is None:
        return out
    out |= {
        "attacks_total": int(head.value),
        "attacks_location": head.location if isinstance(head.location, str) else "an unnamed place",
        "attacks_since": head.since if isinstance(head.since, str) else "an unstated date",
        "attacks_as_of": head.as_of if isinstance(head.as_of, str) else "an unstated date",
        "attacks_source": head.attributed_to if isinstance(head.attributed_to, str) else "an unnamed source",
    }
    same = tallies[(tallies.doc_id == head.doc_id) & (tallies.measure == "attacks") & (tallies.as_of == head.as_of)
                   & (tallies.value < head.value)]
    for row in same.itertuples():
        if isinstance(row.location, str) and " and " not in row.location:
            out[f"attacks_in_{row.location.lower().replace(' ', '_')}"] = int(row.value)
    if isinstance(head.since, str) and isinstance(head.as_of, str):
        days = (dt.date.fromisoformat(head.as_of) - dt.date.fromisoformat(head.since)).days
        out["window_days"] = days
        out["attacks_per_day"] = round(int(head.value) / days, 2) if days > 0 else "undefined"
    injured = tallies[(tallies.doc_id == head.doc_id) & (tallies.measure == "injured")]
    if not injured.empty:
        out["injured_total"] = int(injured.value.max())
        zero = injured[injured.value == 0]
        if not zero.empty and isinstance(zero.iloc[0].since, str):
            out["no_injuries_since"] = zero.iloc[0].since
    doc_checks = checks[(checks.doc_id == head.doc_id) & (checks.kind == "split_sum")]
    if not doc_checks.empty:
        first = doc_checks.iloc[0]
        out["split_check"] = f"{first.formula} ({'holds' if first.status == 'ok' else 'does not hold'})"
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


def as_table(figures: dict):
    """Shown under the glue cell so nbval compares every glued value."""
    from analysis.book import show

    return show(pd.DataFrame({"figure": list(figures), "value": [str(v) for v in figures.values()]}))


def rule_figures() -> dict:
    """How many entries each rule file holds (items of every list in it), for the
    methods chapter."""
    from analysis.lexicon import load_lexicon
    from analysis.paths import LEXICONS

    def count(node) -> int:
        if isinstance(node, list):
            return sum(count(item) if isinstance(item, (list, dict)) else 1 for item in node)
        if isinstance(node, dict):
            return sum(count(value) for value in node.values() if isinstance(value, (list, dict)))
        return 0

    return {f"rules_{path.stem}": count(load_lexicon(path.stem)) for path in sorted(LEXICONS.glob("*.yml"))}


def corpus_figures(documents: pd.DataFrame) -> dict:
    return {
        "corpus_documents": len(documents),
        "corpus_words": int(documents.words.sum()),
        "corpus_sentences": int(documents.sentences.sum()),
        "corpus_dated": int(documents.published.notna().sum()),
    }
