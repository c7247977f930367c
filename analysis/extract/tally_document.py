"""What a tally's own clause leaves out, taken from the rest of the document, and marked in
`carried`:

- the place: from the total it is part of, from the same figure stated elsewhere (a
  headline and its body), from "All were within Syria" after it; a running total from the
  running total before it (never from the incident just described), an incident's count
  from the nearest sentence that names a place;
- the window: a running total takes its start only from another running total (never from
  a few days' count), its as-of day from the briefing (a transcript's day), a count with
  the same start, or the counts just before; one attack's casualties take the attack's day
  (the total they are part of, the same figure elsewhere, the paragraph's dateline in a
  timeline, the day of the attack described just before); "during this period" takes the
  period named nearby;
- the source and target: from the total or the counts just before.
"""

from __future__ import annotations

from bisect import bisect_left

from analysis.extract.tally_context import RUNNING, Context
from analysis.extract.tally_nearby import PlaceIndex
from analysis.extract.tally_parts import place_only_sentences, rest_places, same_figure, sum_of_parts, totals_from_parts
from analysis.extract.tally_place import resolve_region
from analysis.extract.tally_rules import rules
from analysis.extract.tally_window import is_short


def complete(parsed, doc, per_sentence) -> None:
    """Fill every tally's missing fields, in an order where each pass can use the last."""
    ctx = Context(parsed, doc, per_sentence)
    tallies = [t for found in per_sentence for t in found]
    ctx.stated_windows = _stated_windows(tallies)
    totals_from_parts(tallies)
    rest_places(ctx, tallies)
    place_only_sentences(ctx)
    _datelines(ctx)
    same_figure(tallies)
    sum_of_parts(tallies)
    index_of_places = None  # built when the first count needs a place from elsewhere
    for index, found in enumerate(per_sentence):
        for n, t in enumerate(found):
            chain = _chain(per_sentence, index, found, n)
            _part_of_running(t)
            _carry_window(ctx, t, chain, tallies)
            _carry_fields(t, chain)
            if not t.places:
                index_of_places = index_of_places or PlaceIndex(ctx)
                t.places = _nearby_places(ctx, t, found[:n], index, index_of_places)
                if t.places:
                    t.carried.add("location")
            if index_of_places is not None:
                index_of_places.update(index)  # its kind or places may have changed
    for t in tallies:
        day = t.as_of or (doc.published.isoformat() if doc.published else "")  # the day the count holds
        t.places = resolve_region(t.places, day)


def _chain(per_sentence, index: int, found, n: int) -> list:
    """Donors for what a tally leaves out: its total, the tallies before it in its
    sentence, then those of the two sentences before, nearest first."""
    t = found[n]
    chain = ([t.part_of] if t.part_of else []) + found[:n][::-1]
    for back in range(index - 1, max(-1, index - 3), -1):
        chain += per_sentence[back][::-1]
    return chain


def _datelines(ctx: Context) -> None:
    """In a timeline paragraph ("NOV. 17 – U.S. troops ... are attacked three times"), one
    day's counts and its incidents' casualties are that day's."""
    if not ctx.datelines:
        return
    for i, found in enumerate(ctx.per_sentence):
        day = ctx.datelines.get(ctx.paragraphs[i])
        if not day:
            continue
        for t in found:
            undated = not t.since and not t.as_of
            if (
                t.kind in ("incident", "day")
                and undated
                or (t.kind == "cumulative" and not t.cumulative_cue and undated)
            ):
                t.kind, t.since, t.as_of = "day", day, day
                t.carried.update(("since", "as_of"))


def _part_of_running(t) -> None:
    """A part of a running total with no window of its own ("Of the 80 injured, 40 were
    evaluated for brain injuries") counts over the total's window."""
    total = t.part_of
    if total is None or total.kind not in RUNNING or t.kind != "incident" or t.since or t.as_of:
        return
    t.kind, t.since_stated = total.kind, True
    t.since, t.as_of = total.since, total.as_of
    t.carried.update(f for f, v in (("since", t.since), ("as_of", t.as_of)) if v)


def _carry_window(ctx: Context, t, chain, tallies) -> None:
    if _attacks_window(ctx, t):
        return
    if t.kind == "incident" and not t.since:
        _incident_day(ctx, t)
    elif t.kind == "day" and not t.since:
        day = ctx.datelines.get(ctx.paragraphs[t.sentence.index], "")
        if day:
            t.since = t.as_of = day
            t.carried.update(("since", "as_of"))
    elif t.kind in RUNNING:
        _running_window(ctx, t, chain, tallies)


def _attacks_window(ctx: Context, t) -> bool:
    """Casualties "in those attacks", "in the attacks", "during that period", with no day
    of their own, count over the window of the attacks counted just before (in the sentence
    or the two before it): "... attacked 150 times since Oct. 17. 59 were injured in those
    attacks." """
    if t.measure == "attacks" or not (t.anaphor or t.period_anaphor) or t.since or t.as_of or t.part_of:
        return False
    index = t.sentence.index
    earlier = [d for d in ctx.per_sentence[index] if d.s < t.s][::-1]
    earlier += [d for i in (index - 1, index - 2) if i >= 0 for d in ctx.per_sentence[i][::-1]]
    donor = next((d for d in earlier if d.measure == "attacks" and d.part_of is None), None)
    if donor is None or not (donor.since or donor.as_of or donor.since_stated):
        return False
    t.kind, t.since, t.as_of, t.since_stated = donor.kind, donor.since, donor.as_of, True
    t.carried.update(f for f, v in (("since", t.since), ("as_of", t.as_of)) if v)
    return True


def _incident_day(ctx: Context, t) -> None:
    """One attack's casualties: the day of the total they are part of, else of the attack
    the sentences just before describe (unless this clause starts another one); with no
    attack day anywhere, the figure holds as of the day it was reported (its start unknown)."""
    total = t.part_of
    if total is not None and total.kind in ("day", "incident") and total.since:
        t.since, t.as_of = total.since, total.as_of
        t.carried.update(("since", "as_of"))
        return
    index = t.sentence.index
    for i in range(index - 1, max(-1, index - 4), -1):
        day = "" if t.new_event or t.anaphor else ctx.event_day(i)
        if day:
            t.kind, t.since, t.as_of = "day", day, day
            t.carried.update(("since", "as_of"))
            return
    t.as_of = t.spoken


def _running_window(ctx: Context, t, chain, tallies) -> None:
    """A running total's start from another running total (not a few days' count), its
    as-of day from a transcript's day, a count with the same start, or the counts before."""
    published = ctx.doc.published
    if t.period_anaphor and not t.since and _period_nearby(ctx, t):
        return
    if not t.since_stated:
        donor = next((d for d in chain if d.kind == "cumulative" and d.since and not is_short(d, published)), None)
        since = donor.since if donor is not None else ""
        if not since and t.kind == "cumulative":
            since = next((s for s in map(ctx.campaign_since, _before(t, 1)) if s), "")
        if since:
            t.since = since
            t.carried.add("since")
    if t.as_of:
        return
    same_start = ctx.stated_windows.get(t.since, []) if t.since else []
    if ctx.doc.transcript and published is not None:
        t.as_of = published.isoformat()
    elif same_start:
        t.as_of = _nearest_stated(same_start, t.start)
    else:
        donor = next((d for d in chain if d.as_of and not _one_attack(d) and not _other_day(t, d)), None)
        t.as_of = donor.as_of if donor is not None else ""
    if t.as_of:
        t.carried.add("as_of")


def _stated_windows(tallies) -> dict[str, list[tuple[int, str]]]:
    """Start day -> (offset, as-of day) of the running totals that state both, in order."""
    out: dict[str, list[tuple[int, str]]] = {}
    for t in tallies:
        if t.kind in RUNNING and t.since and t.as_of:
            out.setdefault(t.since, []).append((t.start, t.as_of))
    return out


def _nearest_stated(stated: list[tuple[int, str]], at: int) -> str:
    """The as-of day of the stated window nearest `at` (the earlier one on a tie)."""
    k = bisect_left(stated, (at, ""))
    near = [stated[i] for i in (k - 1, k) if 0 <= i < len(stated) and stated[i][0] != at]
    return min(near, key=lambda x: (abs(x[0] - at), x[0]))[1] if near else ""


def _one_attack(t) -> bool:
    """One attack's casualties: their day is no running total's as-of day."""
    return t.kind == "incident" or (t.kind == "day" and t.measure != "attacks")


def _other_day(t, d) -> bool:
    """One day's count says nothing of when a running total with its own start holds
    ("four attacks on Wednesday. The monitor has documented 92 since October 19"), unless
    those attacks brought the total to its figure ("... brings the total since October 17
    to 52")."""
    return d.kind == "day" and t.since_stated and bool(t.since) and not t.reached


def _before(t, n: int) -> range:
    index = t.sentence.index
    return range(index - 1, max(-1, index - 1 - n), -1)


def _period_nearby(ctx: Context, t) -> bool:
    """ "during this period": the period ("the last quarter") named in the sentence or the
    two before or after it."""
    index = t.sentence.index
    order = [index] + [i for d in (1, 2) for i in (index + d, index - d)]
    for i in order:
        if not 0 <= i < len(ctx.sentences):
            continue
        period = next((x for x in ctx.roles(i) if x.role == "period"), None)
        if period is not None:
            t.kind, t.since, t.as_of = "period", period.iso, period.until
            t.carried.update(("since", "as_of"))
            return True
    return False


def _carry_fields(t, chain) -> None:
    for name, column in (("source", "attributed_to"), ("target", "target")):
        if not getattr(t, name):
            donor = next((d for d in chain if getattr(d, name)), None)
            if donor is not None:
                setattr(t, name, getattr(donor, name))
                t.carried.add(column)


def _nearby_places(ctx: Context, t, earlier, index: int, near: PlaceIndex) -> list[str]:
    if t.part_of is not None and t.part_of.places:
        return list(t.part_of.places)
    for d in earlier[::-1]:
        if d.places and d.part_of is None and not _casualties_joined(t, d):
            return list(d.places)
    if t.kind in RUNNING or t.anaphor:
        running = _running_places(ctx, index, near)
        if running:
            return running
    running = t.kind in RUNNING or t.anaphor
    heads_parts = rules().heads_parts.search(t.sentence.text, 0, t.qs) is not None
    for i in near.donors_near(index, bool(running)):
        found = ctx.per_sentence[i]
        if i > index and heads_parts:
            break  # "Among the 21 hurt, ...": the sentences after it place its parts
        if found and all((d.kind in RUNNING) != running for d in found):
            continue  # an incident is not where a running total was counted, nor the reverse
        if any(_part_of_sentence(d, index) for d in found):
            continue  # "Two dozen of the attacks hit bases in Syria": a part's place, not the total's
        if not found and t.kind in RUNNING and not t.anaphor and (t.elliptic == "ordinal" or ctx.event_day(i)):
            continue  # "A drone struck a base in Syria on Monday. It was the 118th attack ...": one attack's place
        named = {pl for d in found for pl in d.places}
        widest = max((d for d in found if d.part_of is None), key=lambda d: len(set(d.places)), default=None)
        if widest is not None and named and set(widest.places) >= named:
            return list(widest.places)  # the sentence's total ("130 ... in Iraq and Syria")
        sentence = ctx.places(i)
        if named or sentence:
            return sorted(named | set(sentence))
    return []


def _running_places(ctx: Context, index: int, near: PlaceIndex) -> list[str]:
    """The places of the nearest earlier running total (the union of a sentence's
    coordinated counts: "ten times in Iraq and three times in Syria"), else later."""
    for i in near.running_near(index):
        found = [d for d in ctx.per_sentence[i] if d.kind in RUNNING and d.places and not _part_of_sentence(d, index)]
        if found:
            return sorted({pl for d in found for pl in d.places})
    return []


def _part_of_sentence(d, index: int) -> bool:
    """d is a part (or a part of a part) of a count in sentence `index`."""
    total, depth = d.part_of, 0
    while total is not None and depth < 8:
        if total.sentence.index == index:
            return True
        total, depth = total.part_of, depth + 1
    return False


def _casualties_joined(t, d) -> bool:
    """ "Three were hurt at al-Asad, and militants have attacked bases 50 times": the place
    of casualties in a clause of their own is not where all the attacks were."""
    joined = rules().clause_join.search(t.sentence.text, d.e, t.s) is not None
    return t.measure == "attacks" and d.measure != "attacks" and joined
