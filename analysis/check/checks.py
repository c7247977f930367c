"""Consistency checks computed per document from its tally rows: do the parts of a split
add up to its total, does a part cover the same window as its total, and the rates the
numbers imply. Every check writes its arithmetic out in `formula`, so a reader can redo
it from the tallies named in `evidence`.

Hedged counts are compared as ranges: "at least 151" is 151 or more, "more than 60" is
61 or more, "about 70" is within 10% of 70, and a ceiling ("nearly", "almost", "at most",
"fewer than" 70) is 70 or less. The ceiling includes the stated number because the
tallies' `fewer_than` holds inclusive words ("at most", "no more than") and rounding ones
("nearly 61" for parts of 30 and 31) beside strict ones, and a required check must not
call a text that can be read consistently a contradiction; `more_than` stays strict, since
its inclusive counterpart is `at_least`. Messages give a hedged total as written ("nearly 61").
"""

from __future__ import annotations

import datetime as dt

from analysis.store.schema import DOC_ID, Field, Table, places, value_range
from analysis.text.lexicon import load_lexicon

AGREEMENT = "reference_agreement"  # written by check/reconcile.py, across documents
KINDS = ("split_sum", "part_bound", "window_agreement", "rate", AGREEMENT)
STATUSES = ("ok", "mismatch", "reviewed")

TABLE = Table(
    name="checks",
    title="Checks",
    description=(
        "Consistency checks over each document's tallies: split sums (required to hold), parts "
        "against their totals, windows of parts against their totals, and derived rates."
        " Also each extracted attack count against the curated reference series."
    ),
    fields=(
        Field(
            "check_id",
            "string",
            "doc_id:kind:number_start of the tally checked (rates: doc_id:rate:metric:number_start)",
            required=True,
        ),
        DOC_ID,
        Field(
            "kind",
            "string",
            "split_sum: parts against their total; part_bound: a part is not above its total; "
            "window_agreement: a part and its total share since and as-of dates; rate: a derived figure"
            "; reference_agreement: an extracted attack count against the curated Pentagon series in "
            "context/pentagon_tallies.csv (any report of the same day, and the high- or medium-confidence "
            "reports either side)",
            required=True,
            enum=KINDS,
        ),
        Field("description", "string", "The check in one readable sentence", required=True),
        Field("formula", "string", "The arithmetic done, e.g. '53 + 77 = 130'", required=True),
        Field(
            "expected",
            "number",
            "What the stated total (or agreement, 0 days apart) requires; empty for rates"
            "; for reference agreement, the same-day reference count",
        ),
        Field("observed", "number", "What the parts give (sum, part, days apart) or the rate's value"),
        Field(
            "status",
            "string",
            "ok or mismatch; rates are always ok; reviewed: a mismatch the analyst recorded in the document's "
            "sidecar (`reviewed:`) as the source's own inconsistency, see review_note",
            required=True,
            enum=STATUSES,
        ),
        Field(
            "required",
            "boolean",
            "True when the check must hold for the tallies to be consistent (split sums)",
            required=True,
        ),
        Field(
            "evidence",
            "string",
            "tally_id of every tally used, ';'-joined, total first"
            "; reference agreement checks add the reference rows used, as 'context/pentagon_tallies.csv row N' "
            "(N counts data rows, header excluded)",
            required=True,
        ),
        Field("review_note", "string", "For a reviewed check, the analyst's note from the sidecar; else empty"),
    ),
    primary_key=("check_id",),
)


def _days(since, as_of) -> int | None:
    if not since or not as_of:
        return None
    return (dt.date.fromisoformat(as_of) - dt.date.fromisoformat(since)).days


def _check(row, kind, description, formula, expected, observed, ok, required, evidence, metric=""):
    key = f"{kind}:{metric}" if metric else kind
    return {
        "check_id": f"{row['doc_id']}:{key}:{row['number_start']}",
        "doc_id": row["doc_id"],
        "kind": kind,
        "description": description,
        "formula": formula,
        "expected": expected,
        "observed": observed,
        "status": "ok" if ok else "mismatch",
        "required": required,
        "evidence": ";".join(r["tally_id"] for r in evidence),
        "review_note": None,
    }


def _admitted(row) -> tuple[float, float]:
    """The counts a tally's value and hedge admit (see the module docstring)."""
    lo, hi = value_range(row["value"], row["qualifier"])
    return (lo, max(hi, row["value"])) if row["qualifier"] == "fewer_than" else (lo, hi)


def _stated(row) -> str:
    """The number as the text states it, hedge included: 'nearly 61', '130'."""
    hedge = row.get("qualifier")
    if hedge in (None, "", "exact"):
        return row["number_text"]
    quote, start = row.get("quote"), row.get("start")
    before = quote[: row["number_start"] - start].rstrip() if quote is not None and start is not None else ""
    for phrase in sorted(load_lexicon("tallies")["qualifiers"].get(hedge, []), key=len, reverse=True):
        head = before[: len(before) - len(phrase)]
        if before.lower().endswith(phrase.lower()) and not (head and head[-1].isalnum()):
            return f"{before[len(head) :]} {row['number_text']}"
    return f"{hedge.replace('_', ' ')} {row['number_text']}"


def _split_checks(total, parts) -> list[dict]:
    out = []
    located = [p for p in parts if p.get("split") == "location"]
    covered = [places(p.get("location")) for p in located]
    disjoint = sum(len(c) for c in covered) == len(set().union(*covered)) if covered else False
    if len(located) >= 2 and disjoint and set().union(*covered) == places(total.get("location")):
        lo = sum(_admitted(p)[0] for p in located)
        hi = sum(_admitted(p)[1] for p in located)
        t_lo, t_hi = _admitted(total)
        ok = max(lo, t_lo) <= min(hi, t_hi)
        observed = sum(p["value"] for p in located)
        formula = " + ".join(str(p["value"]) for p in located) + f" = {observed}"
        if observed != total["value"] or total["qualifier"] not in (None, "", "exact"):
            formula += f" (stated total {_stated(total)})"
        listing = ", ".join(f"{p['location']} ({p['number_text']})" for p in located)
        verdict = "add up to" if ok else "do not add up to"
        description = f"The {total['measure']} by place, {listing}, {verdict} the stated total for {total['location']} ({_stated(total)})."
        out.append(
            _check(total, "split_sum", description, formula, total["value"], observed, ok, True, [total] + located)
        )
        rest = [p for p in parts if p not in located]
    else:
        rest = parts
    for p in rest:
        ok = _admitted(p)[0] <= _admitted(total)[1]
        description = (
            f"A part ({p['value']} {p['measure']}, split by {p.get('split') or 'subset'}) is "
            f"{'not above' if ok else 'above'} the count it belongs to ({_stated(total)})."
        )
        out.append(
            _check(
                p,
                "part_bound",
                description,
                f"{p['value']} ≤ {total['value']}",
                total["value"],
                p["value"],
                ok,
                False,
                [total, p],
            )
        )
    for p in parts:
        if p.get("split") == "window":
            continue  # a window split is a different window by definition
        gaps, said = [], []
        for name, label in (("since", "since"), ("as_of", "as of")):
            a, b = total.get(name), p.get(name)
            if a or b:
                said.append(f"{label} {b or '?'} = {a or '?'}")
                gaps.append(abs(_days(a, b)) if a and b else None)
        if not said:
            continue
        ok = all(g == 0 for g in gaps)
        observed = None if None in gaps else max(gaps)
        description = (
            f"The part ({p['value']}, {p.get('location') or 'no place'}) and its total ({total['value']}) "
            f"{'cover the same window' if ok else 'do not state the same window'}."
        )
        out.append(_check(p, "window_agreement", description, "; ".join(said), 0, observed, ok, False, [total, p]))
    return out


def _rates(rows, by_id) -> list[dict]:
    out = []
    first_attacks: dict = {}  # (since, as_of, location) -> the first whole attack count of that window
    for a in rows:
        if a["measure"] == "attacks" and not a.get("part_of") and a["value"]:
            first_attacks.setdefault((a.get("since"), a.get("as_of"), a.get("location")), a)
    for r in rows:
        days = _days(r.get("since"), r.get("as_of"))
        if r["measure"] == "attacks" and r.get("split") != "location" and days and days > 0:
            rate = r["value"] / days
            description = (
                f"{r['number_text']} attacks over the {days} days from {r['since']} to {r['as_of']} "
                f"is {rate:.2f} attacks a day."
            )
            out.append(
                _check(
                    r,
                    "rate",
                    description,
                    f"{r['value']} / {days} days = {rate:.2f}",
                    None,
                    round(rate, 4),
                    True,
                    False,
                    [r],
                    "attacks_per_day",
                )
            )
        total = by_id.get(r.get("part_of") or "")
        if r.get("split") == "location" and total is not None and total["value"]:
            share = r["value"] / total["value"]
            description = (
                f"{r['location']} accounts for {share:.1%} of the {total['measure']} counted for {total['location']}."
            )
            out.append(
                _check(
                    r,
                    "rate",
                    description,
                    f"{r['value']} / {total['value']} = {share:.1%}",
                    None,
                    round(share, 4),
                    True,
                    False,
                    [total, r],
                    "share",
                )
            )
        if r["measure"] != "attacks" and not r.get("part_of") and r.get("since") and r.get("as_of"):
            a = first_attacks.get((r.get("since"), r.get("as_of"), r.get("location")))
            if a is not None:
                per = r["value"] / a["value"]
                description = f"{r['number_text']} {r['measure']} over {a['number_text']} attacks in the same window is {per:.2f} per attack."
                out.append(
                    _check(
                        r,
                        "rate",
                        description,
                        f"{r['value']} / {a['value']} = {per:.2f}",
                        None,
                        round(per, 4),
                        True,
                        False,
                        [a, r],
                        f"{r['measure']}_per_attack",
                    )
                )
    return out


def compute(tally_rows) -> list[dict]:
    """Check rows for one document's tallies."""
    by_id = {r["tally_id"]: r for r in tally_rows}
    parts_of: dict = {}  # tally_id -> its parts, in order (one pass, not one per total)
    for p in tally_rows:
        parts_of.setdefault(p.get("part_of"), []).append(p)
    out = []
    for total in tally_rows:
        parts = parts_of.get(total["tally_id"], [])
        if parts:
            out.extend(_split_checks(total, parts))
    out.extend(_rates(tally_rows, by_id))
    return out


def apply_reviews(rows: list[dict], reviews: dict[str, list[dict]]) -> tuple[list[dict], list[tuple[str, str]]]:
    """Mark the mismatches an analyst reviewed (a document's sidecar `reviewed:` names the
    check as `<kind>:<number_start>`) as the source's own: status `reviewed`, with the
    note. Returns the rows and, per review that names no failing check of its document,
    (doc_id, problem), so a stale review is reported rather than silently kept."""
    out, used = [], set()
    wanted = {(doc, r["check"].removeprefix(f"{doc}:")): r["note"] for doc, rs in reviews.items() for r in rs}
    for row in rows:
        key = (row["doc_id"], row["check_id"].removeprefix(f"{row['doc_id']}:"))
        if key in wanted and row.get("status") == "mismatch":
            row = {**row, "status": "reviewed", "review_note": wanted[key]}
            used.add(key)
        out.append(row)
    problems = [
        (doc, f"sidecar reviews check '{check}', which is not a failing check of this document")
        for (doc, check) in sorted(set(wanted) - used)
    ]
    return out, problems
