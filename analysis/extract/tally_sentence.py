"""One sentence's tallies: which numbers count attacks or U.S. casualties (tally_count),
their qualifier, and what the sentence's own clauses say of each: where (tally_place),
over which window (tally_window), on whose authority and against whom (tally_facts); then
the parts and totals linked within the sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.extract.tally_count import read
from analysis.extract.tally_facts import attributions, clause_facts, nearest
from analysis.extract.tally_place import REGION, first_group, listed_after
from analysis.extract.tally_reading import Number, numbers, qualifier
from analysis.extract.tally_rules import OF_THEM, SEGMENT_STOP, rules
from analysis.extract.tally_view import SentenceView
from analysis.extract.tally_window import apply_window, date_roles

_TRAILING = re.compile(r"[\s\w.,]{0,24}[.!?\"”’')]*")


@dataclass(eq=False)
class Tally:
    sentence: object
    clause: tuple[int, int]  # sentence-local offsets of the clause
    s: int  # number, sentence-local
    e: int
    qs: int  # qualifier start (== s without one)
    text: str
    value: int
    qualifier: str
    measure: str | None
    elliptic: str = ""  # see tally_reading.Reading
    np_end: int = 0
    disposition: bool = False
    seg_end: int = 0
    own_places: list = field(default_factory=list)  # (start, end, name) after the number
    places: list = field(default_factory=list)  # names
    detail: str = ""
    kind: str = ""  # tally_window.KINDS
    since: str = ""
    as_of: str = ""
    since_stated: bool = False  # a start was stated, even one too vague to give a day
    cumulative_cue: bool = False
    new_event: bool = False  # the clause starts another attack ("a similar attack", "in two attacks")
    anaphor: bool = False  # "the attacks", "these attacks": refers back to attacks counted before
    period_anaphor: bool = False  # "during this period"
    reached: bool = False  # "brings the total to 52", "the tally stood at 98": a total reached
    spoken: str = ""  # the day the clause's source spoke, if stated
    source: str = ""
    target: str = ""
    perpetrator: str = ""
    weapons: str = ""
    carried: set = field(default_factory=set)
    part_of: Tally | None = None
    split: str = ""
    part_cue: bool = False

    @property
    def start(self) -> int:
        return self.sentence.start + self.s


def sentence_tallies(sentence, mentions, doc) -> list[Tally]:
    """Tallies of one sentence with the fields its own clauses state."""
    view = SentenceView(sentence, mentions, doc)
    nums = numbers(view)
    if not nums:
        return []
    candidates = [_candidate(view, n) for n in nums]
    _elliptic_measures(view, candidates, doc.prev_tallies)
    tallies = _kept(view, candidates)
    if not tallies:
        return []
    _segments(view, tallies, nums)
    _facts(view, tallies)
    _link_in_sentence(tallies, doc)
    return [t for t in tallies if not (t.disposition and t.part_of is not None)]


def _candidate(view, n: Number) -> Tally | None:
    qual, qs = qualifier(view.st, n.s)
    clause = view.clause_at(n.s)
    got = read(view, n, qs, clause)
    if got is None:
        return None
    k = view.token_at(n.e)
    toks = view.toks
    np_end = toks[min(k + got.last, len(toks) - 1)][1] if k < len(toks) else n.e
    return Tally(
        view.sentence, clause, n.s, n.e, qs, n.text, n.value, qual, got.measure, got.elliptic, np_end, got.disposition
    )


def _elliptic_measures(view, candidates: list[Tally | None], prev_tallies) -> None:
    """Elliptic numbers take the measure of the number just before them when that is a
    tally ("53 attacks in Iraq and 77 in Syria"), else of the next tally ("53 in Iraq and 77
    in Syria, for a total of 130 attacks"), else, after "Of those", of the previous
    sentence's last tally. "... and a US contractor" takes the casualty it is joined to."""
    r = rules()
    for i, t in enumerate(candidates):
        if t is None or not t.elliptic or t.measure:
            continue
        before = candidates[i - 1] if i > 0 else None
        if t.elliptic == "and":
            ok = before is not None and before.measure not in (None, "attacks")
            t.measure = before.measure if ok and before.clause == t.clause else None
        elif t.elliptic == "times":  # "N times" with no attack word of its own: another count of attacks
            ok = before is not None and before.measure == "attacks" and before.clause == t.clause
            t.measure = "attacks" if ok else None
        elif t.elliptic == "severity":  # "wounded three, one of them critically": a part of the wounded
            ok = before is not None and before.measure in ("injured", "casualties")
            t.measure = before.measure if ok else None
        elif i > 0:
            t.measure = before.measure if before is not None else None
        else:
            later = next((c for c in candidates[i + 1 :] if c is None or not c.elliptic), None)
            t.measure = later.measure if later is not None else None
            if later is None and prev_tallies and (t.elliptic == "total" or r.part_cue.search(view.st, 0, t.qs)):
                t.measure = prev_tallies[-1].measure  # "Of those, 53 were in Iraq"; "That brings the total to 130"
            elif later is None and _continues_split(view, t, prev_tallies):
                t.measure = prev_tallies[-1].measure  # "... 32 of those attacks were in Iraq. 34 were in Syria."


def _continues_split(view, t: Tally, prev_tallies) -> bool:
    """An elliptic count opening its sentence ("Another 98 were in Syria.") continues the
    split of the sentence before, whose last count is located, or opens the split of that
    sentence's total ("At least 38 attacks ... Twenty-one were in Syria and the rest in
    Iraq"), when it is smaller and says where they were ("900 are in Syria" is a troop level)."""
    if t.elliptic != "split" or not prev_tallies or prev_tallies[-1].sentence.index != view.sentence.index - 1:
        return False
    if rules().split_opener.fullmatch(view.st, 0, t.qs) is None:
        return False
    return bool(prev_tallies[-1].own_places) or _opens_split(view, t, prev_tallies[-1])


def _opens_split(view, t: Tally, total: Tally) -> bool:
    k = view.token_at(t.e)
    verb = view.toks[k][2] if k < len(view.toks) else ""
    return total.part_of is None and total.value > t.value and verb in rules().split_past


def _kept(view, candidates) -> list[Tally]:
    """Zero and single-attack counts describe one incident unless a window or a perfect
    tense says otherwise ("no troops have been injured since Dec. 25" vs "no U.S.
    personnel were hurt"); a single attack counted "one time" beside other counts stays. A
    pause ("no attacks since Feb. 4") states no figure."""
    r = rules()
    return [
        t
        for t in candidates
        if t is not None
        and t.measure
        and not (t.value == 0 and t.measure == "attacks")  # "no attacks since Feb. 4": a pause, not a count
        and (
            t.value > 1
            or t.qualifier != "exact"
            or (t.value == 1 and (t.measure != "attacks" or t.elliptic or _one_time(view, t)))
            or r.window_cue.search(view.st, t.clause[0], t.clause[1])
        )
    ]


def _one_time(view, t: Tally) -> bool:
    return view.st[t.e : t.e + 6].strip().lower().startswith("time")


def _segments(view, tallies: list[Tally], nums: list[Number]) -> None:
    """Each tally's own stretch of words (up to the next number or a comma after its noun
    phrase), the place named first in it, and whether a subset cue opens it."""
    r, st, places = rules(), view.st, view.places
    number_starts = [n.s for n in nums]
    for i, t in enumerate(tallies):
        nxt = tallies[i + 1] if i + 1 < len(tallies) else None
        t.seg_end = nxt.qs if nxt is not None and nxt.clause == t.clause else t.clause[1]
        later = [s for s in number_starts if s >= t.e]
        t.seg_end = min(t.seg_end, later[0]) if later else t.seg_end  # "... and 900 in Syria"
        stop = SEGMENT_STOP.search(st, max(t.np_end, t.e), t.seg_end)
        t.seg_end = stop.start() if stop else t.seg_end  # "170 attacks, most of them in Syria": not its own place
        group = first_group(st, places, t.e, t.seg_end)
        t.own_places = listed_after(st, group, places, nxt.qs if nxt else len(st))  # "in Iraq, Syria"
        t.part_cue = (
            t.elliptic in ("part", "severity")
            or bool(r.part_cue.search(st, tallies[i - 1].e if i else t.clause[0], t.qs))
            or bool(OF_THEM.match(st, t.e))  # "about 30 of them in Syria"
            or bool(i and r.breakdown_cue.search(st, tallies[i - 1].e, t.qs))  # "80 were hurt: 45 ..."
        )
    for t, q in zip(tallies, tallies[1:]):
        if t.own_places or not q.own_places or t.measure != q.measure or t.measure == "attacks":
            continue
        if t.clause == q.clause and (t.np_end > q.s or q.elliptic == "and" or _others(view, q)):
            t.own_places = list(q.own_places)  # coordinated: "A soldier and two contractors were hurt in Iraq"


def _others(view, q: Tally) -> bool:
    """ "A soldier was critically wounded and two others suffered minor injuries when a drone
    hit Erbil": the others were hurt in the same place."""
    k = view.token_at(q.e)
    return k < len(view.toks) and view.toks[k][2] in rules().others_heads


def _facts(view, tallies: list[Tally]) -> None:
    """Place, window, source, target, perpetrator, weapons and detail of each tally, from
    its clause (a trailing attribution counts for every clause)."""
    r, st, places = rules(), view.st, view.places
    # A place right after a count is that count's alone only when a same-measure count
    # in the sentence could be its total or sibling ("53 attacks in Iraq and 77 in Syria").
    claimed = {p for t in tallies for p in t.own_places if any(o is not t and o.measure == t.measure for o in tallies)}
    last = view.clauses[-1]
    last_sources = attributions(st, *last)
    trailing = [a for a in last_sources if _TRAILING.fullmatch(st[a[1] :])]
    trailing_roles = date_roles(view, last[0], last[1], True) if trailing else []
    facts: dict[tuple[int, int], dict] = {}
    for t in tallies:
        cs, ce = t.clause
        if t.clause not in facts:
            has_speech = bool(trailing) or bool(r.speech_any.search(st, cs, ce))
            facts[t.clause] = clause_facts(st, cs, ce, last_sources if t.clause == last else None)
            facts[t.clause]["roles"] = date_roles(view, cs, ce, has_speech)
        f = facts[t.clause]
        free = [p for p in places if p not in claimed and p[0] < _parts_start(t, tallies)]
        free = [p for p in free if not _other_measure_clause(st, t, tallies, p[0])]
        if t.elliptic == "ordinal":  # "Thursday's attack on Ain al-Asad was the 158th": that attack's place
            free = [p for p in free if p[2] in r.regions or p[2] == REGION]  # "... in the region ... the 171st"
        t.places = [p[2] for p in t.own_places or _nearest_group(st, free, cs, ce, t.s) or free]
        apply_window(view, t, f["roles"], trailing_roles)
        t.source = nearest(f["sources"] or trailing, t)
        if f["targets"]:
            t.target = min((min(abs(a - t.s), abs(b - t.s)), i, name) for a, b, i, name in f["targets"])[2]
        t.perpetrator, t.weapons = f["perpetrator"], f["weapons"]
        hi = max(t.np_end, t.e, min(t.seg_end, t.np_end + 30))  # "one service member in critical condition"
        lo = max(cs, t.qs - 24)  # "killed or wounded 66 troops"
        t.detail = next(
            (name for name, rx in r.details if rx.search(st, lo if name == "injured or killed" else t.qs, hi)), ""
        )
        if t.detail == "injured or killed":
            t.measure = "injured"


def _other_measure_clause(st: str, t: Tally, tallies: list[Tally], at: int) -> bool:
    """The place at `at` lies in a joined clause of its own (", and three Americans died at
    Tower 22") that holds a count of another measure and not t: it is that count's place."""
    lo, hi = sorted((t.s, at))
    joins = [m.end() for m in rules().clause_join.finditer(st, lo, hi)]
    if not joins:
        return False
    if at > t.s:  # the clause from the last join before the place to the next join after it
        a = joins[-1]
        after = rules().clause_join.search(st, at)
        b = after.start() if after else len(st)
    else:
        before = [m.end() for m in rules().clause_join.finditer(st, 0, at)]
        a, b = (before[-1] if before else 0), rules().clause_join.search(st, at).start()
    return any(q is not t and q.measure != t.measure and a <= q.s < b for q in tallies)


def _parts_start(t: Tally, tallies: list[Tally]) -> int:
    """Where the parts of a count begin ("three attacks on U.S. bases: two at al-Asad in western
    Iraq and one at al-Tanf"): the places after it are theirs, not the total's."""
    return min(
        (q.qs for q in tallies if q.s > t.s and q.part_cue and q.measure == t.measure), default=len(t.sentence.text)
    )


def _nearest_group(st: str, places, cs: int, ce: int, at: int):
    """The places of the clause nearest before the number ("bases in Iraq and Syria were
    hit four times; in Syria a rocket wounded one soldier": four takes Iraq and Syria, one
    takes Syria), else the first group after it."""
    inside = [p for p in places if cs <= p[0] < ce]
    groups: list[list] = []
    for p in inside:
        if groups and rules().place_list.fullmatch(st, groups[-1][-1][1], p[0]):
            groups[-1].append(p)
        else:
            groups.append([p])
    before = [g for g in groups if g[0][0] < at]
    return before[-1] if before else groups[0] if groups else []


def _link_in_sentence(tallies: list[Tally], doc) -> None:
    """Parts and totals: a count whose own place lies inside a same-measure count's
    places ("53 attacks in Iraq" inside "130 ... in Iraq and Syria"), that follows a subset
    cue ("including", "of which", "Of those,", "Of the attacks,"), that goes on with a split
    ("..., 32 were in Iraq and 34 in Syria"), or that is a severity subset of a larger count
    before it ("three injuries ..., leaving one in critical condition")."""
    prev_tallies = doc.prev_tallies
    for n, p in enumerate(tallies):
        own = {pl[2] for pl in p.own_places}
        others = [t for t in tallies if t is not p and t.measure == p.measure and t.part_of is None]
        others.sort(key=lambda t: (t.s > p.s, abs(t.s - p.s)))
        total = _total_by_place(p, own, others, tallies) if own else None
        if total is None and p.part_cue:
            total = _cued_total(p, others, n, doc)
        if total is None and own and p.elliptic == "split":
            sibling = next((t for t in tallies[:n][::-1] if t.measure == p.measure), None)
            if sibling is not None and sibling.split == "location" and sibling.part_of.value >= p.value:
                total = sibling.part_of  # "Of the attacks, 32 were in Iraq and 34 in Syria"
        if total is None and p is not tallies[0] and not own:
            total = next((t for t in others if t.s < p.s and _of_total(t)), None)  # "Of the 80 injured, 40 were ..."
        if total is None and p.elliptic == "split" and p is tallies[0] and prev_tallies:
            last = prev_tallies[-1]
            total = last.part_of if last.split == "location" else None
            if total is None and not last.own_places and last.measure == p.measure and last.value > p.value:
                total = last  # "At least 38 attacks ... Twenty-one were in Syria"
        if total is None and p.detail in ("critical condition", "serious condition"):
            total = next((t for t in others if t.s < p.s and t.value > p.value), None)
        if total is not None and total.part_of is not p:
            p.part_of = total
            if own and (not total.places or own < set(total.places)):
                p.split = "location"
            else:
                p.split = "type" if p.detail else "subset"


def _cued_total(p: Tally, others: list[Tally], n: int, doc) -> Tally | None:
    """The total a subset cue points at: the nearest count before the part in its
    sentence, else, for the sentence's first count, the last sentence's count of that
    measure, else the nearest one in the three sentences before ("Of the attacks, ..." after
    a sentence about injuries). Never a count smaller than the part."""
    earlier = [t for t in others if t.s < p.s]
    if not earlier and n == 0:
        earlier = [t for t in doc.prev_tallies if t.measure == p.measure and t.part_of is None][-1:]
        earlier = earlier or doc.recent(p.sentence.index, p.measure)[:1]
    return next((t for t in earlier[:1] if t.value >= p.value), None)


def _of_total(t: Tally) -> bool:
    """The count opens a partitive: "Of the 80 injured, ..."."""
    return rules().of_total.search(t.sentence.text, 0, t.qs) is not None


def _total_by_place(p: Tally, own: set, others: list[Tally], tallies: list[Tally]) -> Tally | None:
    """A count with no place is the total of located counts only in a split ("Of the 151
    attacks, 53 were in Iraq and 98 in Syria") or when marked as a total."""
    split = sum(1 for t in tallies if t.measure == p.measure and t.own_places) >= 2
    for t in others:
        places = set(t.places)
        if (places and own < places) or (not places and not t.own_places and (split or t.elliptic == "total")):
            return t
    return None
