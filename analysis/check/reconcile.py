"""The extracted attack counts against the curated reference series: the one check that
reads more than its document (the series), so it runs in the parent as each document's
tallies come (analysis.extract.gather), not in the per-document pipeline; each tally is
compared with the series alone, so no document waits for another."""

from __future__ import annotations

from analysis.check.checks import AGREEMENT
from analysis.store.reference import PLACE_NAMES, TALLIES, column_for
from analysis.store.schema import value_range
from analysis.store.vocabulary import CONFIDENCE


def _series(reference_rows: list[dict], column: str, since, confidence=CONFIDENCE) -> list[tuple[str, int, int]]:
    """(as-of date, value, row number) of every dated reference report for `column`
    that counts from the same start as the tally (or does not say)."""
    return [
        (r["as_of_date"], int(r[column]), n)
        for n, r in enumerate(reference_rows, start=1)
        if r.get("as_of_date")
        and r.get(column)
        and r.get("confidence") in confidence
        and (not since or not r.get("since_date") or r["since_date"] == since)
    ]


def _listing(points) -> str:
    return ", ".join(f"{v} on {d}" for d, v, _ in points)


def _values(points) -> str:
    return "/".join(str(v) for _, v, _ in points)


def _neighbours(trusted, as_of: str):
    """The trusted reports of the nearest day before and of the nearest day after `as_of`."""
    before = [p for p in trusted if p[0] < as_of]
    after = [p for p in trusted if p[0] > as_of]
    before = [p for p in before if p[0] == max(d for d, _, _ in before)] if before else []
    after = [p for p in after if p[0] == min(d for d, _, _ in after)] if after else []
    return before, after


def reconcile(
    tally_rows: list[dict], reference_rows: list[dict], reference_path: str = TALLIES.path, memo: dict | None = None
) -> list[dict]:
    """Check rows comparing each extracted attacks tally that has an as-of date with the
    reference series: a report of the same day should give the same count, and a
    cumulative count should lie between the reports either side of it (high and medium
    confidence only: a low one may be another kind of count, like the Inspector
    General's). Tallies for places the series does not count, or dated outside it, give
    no row. `memo` keeps the series read from `reference_rows` for the next call with the
    same rows (a run calls this once a document)."""
    memo = {} if memo is None else memo

    def series_of(column, since, confidence=CONFIDENCE):
        key = (column, since, confidence)
        if key not in memo:
            memo[key] = _series(reference_rows, column, since, confidence)
        return memo[key]

    out = []
    for t in tally_rows:
        column = column_for(t.get("location"))
        if t.get("measure") != "attacks" or not t.get("as_of") or column is None or t.get("value") is None:
            continue
        series = series_of(column, t.get("since"))
        before, after = _neighbours(series_of(column, t.get("since"), confidence=("high", "medium")), t["as_of"])
        same = [p for p in series if p[0] == t["as_of"]]
        if same or (before and after):
            out.append(_agreement(t, PLACE_NAMES[column], before, same, after, reference_path))
    return out


def _agreement(t: dict, place: str, before, same, after, reference_path: str) -> dict:
    """One check row: the tally's range against the same-day reports and its neighbours."""
    lo, hi = value_range(t["value"], t.get("qualifier"))
    value = t["value"]
    matching = [p for p in same if lo <= p[1] <= hi]
    above_before = not before or min(v for _, v, _ in before) <= hi
    below_after = not after or lo <= max(v for _, v, _ in after)
    ok = bool(matching or not same) and above_before and below_after
    chain = f"{_values(before)} ({before[0][0]}) {'≤' if above_before else '>'} " if before else ""
    chain += str(value) + (f" {'≤' if below_after else '>'} {_values(after)} ({after[0][0]})" if after else "")
    parts = [chain] if before or after else []
    if same:
        parts.append(f"{value} {'=' if matching else '≠'} {_values(same)} ({t['as_of']})")
    day = f"it reports {_listing(same)}" if same else f"it has no report on {t['as_of']}"
    sides = " and ".join(f"{_listing(p)} {word}" for p, word in ((before, "before"), (after, "after")) if p)
    description = (
        f"The extracted count of {t.get('number_text') or value} attacks in {place} as of {t['as_of']} "
        f"{'agrees' if ok else 'does not agree'} with the curated Pentagon series: {day}"
        + (f", with {sides}." if sides else ".")
    )
    used = before + (matching or same) + after
    return {
        "check_id": f"{t['doc_id']}:{AGREEMENT}:{t['number_start']}",
        "doc_id": t["doc_id"],
        "kind": AGREEMENT,
        "description": description,
        "formula": "; ".join(parts),
        "expected": (matching or same)[0][1] if same else None,
        "observed": value,
        "status": "ok" if ok else "mismatch",
        "required": False,
        "evidence": ";".join([t["tally_id"]] + [f"{reference_path} row {n}" for _, _, n in used]),
    }
