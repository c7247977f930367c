"""Parts, totals and repeats across a document: a total's places from its located parts
(and from "the rest in Syria"), "All of them were in Iraq" after a count, a figure stated twice
(headline and body) that shares what one copy leaves out, and a headline's total whose parts
the body gives by place."""

from __future__ import annotations

from analysis.extract.tally_context import RUNNING, Context
from analysis.extract.tally_rules import rules


def totals_from_parts(tallies) -> None:
    """A total with no place of its own covers the places of its location parts
    ("Of the 130 attacks, 53 were in Iraq and 77 in Syria" is Iraq and Syria)."""
    parts_of: dict[int, list] = {}
    for p in tallies:
        if p.part_of is not None and p.split == "location":
            parts_of.setdefault(id(p.part_of), []).append(p)
    for t in tallies:
        parts = parts_of.get(id(t), [])
        if not t.places and len(parts) >= 2:
            t.places = sorted({pl for p in parts for pl in p.places})
            t.carried.add("location")


def rest_places(ctx: Context, tallies) -> None:
    """ "Of those, 60 were in Syria and the rest in Iraq": a total with located parts also
    covers the place of "the rest", said after its last part or in the next sentence."""
    parts_of: dict[int, list] = {}
    for p in tallies:
        if p.part_of is not None and p.split == "location":
            parts_of.setdefault(id(p.part_of), []).append(p)
    for t in tallies:
        parts = parts_of.get(id(t))
        if not parts or (t.places and "location" not in t.carried):
            continue
        last = parts[-1]
        rest = _rest_place(ctx, last.sentence.index, last.e) or _rest_place(ctx, last.sentence.index + 1, 0)
        if rest:
            t.places = sorted({pl for p in parts for pl in p.places} | set(rest))
            t.carried.add("location")


def _rest_place(ctx: Context, i: int, lo: int) -> list[str]:
    if i >= len(ctx.sentences):
        return []
    m = rules().rest_phrase.search(ctx.sentences[i].text, lo)
    if m is None or (lo == 0 and m.start() > 12):
        return []
    return [p[2] for p in ctx.view(i).places if m.end() <= p[0] <= m.end() + 12][:1]


def place_only_sentences(ctx: Context) -> None:
    """ "Militias struck U.S. troops five more times. All of them were in Iraq.": the place
    of the counts just before, which named none."""
    for i, found in enumerate(ctx.per_sentence):
        if found or i == 0 or not ctx.per_sentence[i - 1]:
            continue
        if not rules().place_only.match(ctx.sentences[i].text):
            continue
        names = ctx.places(i)
        for t in ctx.per_sentence[i - 1]:
            if names and not t.own_places:
                t.places = sorted(set(names))
                t.carried.add("location")


def same_figure(tallies) -> None:
    """A figure stated twice (headline and body, paraphrase and quote) is one statement:
    what one copy leaves out, the other may state (its place, its attack's day)."""
    by_key: dict[tuple, list] = {}
    for t in tallies:
        by_key.setdefault((t.measure, t.value), []).append(t)
    for group in by_key.values():
        if len(group) < 2:
            continue
        located = [o for o in group if o.places and "location" not in o.carried]
        dated = [o for o in group if o.kind == "day" and o.since]
        running = [o for o in group if o.kind in RUNNING]  # "... injured 80 troops. Of the 80 injured, ..."
        for t in group:
            if not t.places:
                donor = next((o for o in located if o is not t and _compatible(t, o)), None)
                if donor is not None:
                    t.places = list(donor.places)
                    t.carried.add("location")
            if t.kind == "incident" and not t.since:
                donor = next((o for o in dated if o is not t and _compatible(t, o)), None)
                donor = donor or next(
                    (o for o in running if o is not t and o.start < t.start and _compatible(t, o)), None
                )
                if donor is not None:
                    t.kind, t.since, t.as_of, t.since_stated = donor.kind, donor.since, donor.as_of, True
                    t.carried.update(f for f, v in (("since", t.since), ("as_of", t.as_of)) if v)


def sum_of_parts(tallies) -> None:
    """A total stated without a place (a headline's "two dozen troops injured") whose
    parts the body gives by place ("Twenty ... in Syria", "another four ... in Iraq"):
    it covers their places, and they are its parts."""
    for t in tallies:
        if t.places or t.part_of is not None or t.sentence.index > 1:
            continue  # the headline or the lead only
        pool = [p for p in tallies if p.start > t.start and p.measure == t.measure and p.places and p.part_of is None]
        pool = [p for p in pool if 0 < p.value < t.value and not any(q.part_of is p for q in tallies)][:24]
        parts = next((c for c in _pairs_and_triples(pool) if sum(p.value for p in c) == t.value), None)
        if parts is None or len({frozenset(p.places) for p in parts}) < len(parts):
            continue
        t.places = sorted({pl for p in parts for pl in p.places})
        t.carried.add("location")
        for p in parts:
            p.part_of, p.split = t, "location"


def _pairs_and_triples(pool):
    n = len(pool)
    for i in range(n):
        for j in range(i + 1, n):
            yield (pool[i], pool[j])
    for i in range(n):
        for j in range(i + 1, n):
            for k in range(j + 1, n):
                yield (pool[i], pool[j], pool[k])


def _compatible(t, o) -> bool:
    """Two copies of one figure: no two different places, no two different days."""
    places = not t.places or not o.places or set(t.places) == set(o.places)
    return places and (not t.since or not o.since or t.since == o.since)
