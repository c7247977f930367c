"""One sentence's tallies: which numbers count attacks or U.S. casualties, their
qualifier, measure, place, window, source and target as the sentence's own clauses state
them, and the parts and totals linked within it."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from analysis.extract.tally_facts import attributions, clause_facts, date_roles, pick
from analysis.extract.tally_rules import CLAUSE_BREAK, MEASURES, OF_THEM, PLACE_LIST, SEGMENT_STOP, TOKEN, rules
from analysis.text.numbers import parse_number


@dataclass
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
    elliptic: str = (
        ""  # "split" (77 in Syria), "total" (a total of 130): measure from a neighbour; "part" (57 of the attacks)
    )
    np_end: int = 0
    seg_end: int = 0
    own_places: list = field(default_factory=list)  # (start, end, name) after the number
    places: list = field(default_factory=list)  # names
    detail: str = ""
    since: str = ""
    as_of: str = ""
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


def join_places(names) -> str:
    """'Iraq and Syria'; a region is dropped when a country is named beside it."""
    names = set(names)
    regions = names & rules().regions
    names = sorted(names - regions if names - regions else names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _find_places(st: str, masks) -> list[tuple[int, int, str]]:
    """Places named as where something happened: after a location word, in a list with
    one, or a known site. Spans inside a perpetrator's name are ignored."""
    r = rules()
    found: list[tuple[int, int, str]] = []
    for m in r.place.finditer(st):
        if any(a <= m.start() < b for a, b in masks):
            continue
        key = " ".join(m.group().split())
        ok = key in r.sites or r.location_word.search(st, max(0, m.start() - 40), m.start())
        if not ok and found:
            ok = PLACE_LIST.fullmatch(st, found[-1][1], m.start()) is not None
        if ok:
            found.append((m.start(), m.end(), r.place_names[key]))
    return found


def _numbers(st: str, spans) -> list[tuple[int, int, int, str]]:
    """(start, end, value, text) of every number that is not part of a date or a year."""
    r = rules()
    out = []
    for m in r.number.finditer(st):
        s, e = m.span()
        if any(a < e and s < b for a, b, *_ in spans):
            continue
        if m["digits"] and len(m["digits"]) == 4 and 1800 <= int(m["digits"]) <= 2100:
            continue  # a year
        if m["digits"] and r.month_before.search(st, max(0, s - 12), s):
            continue  # "Oct. 17" when the date finder missed it
        value = 0 if m["no"] else parse_number(m.group())
        if value is not None:
            out.append((s, e, value, m.group()))
    return out


def _qualifier(st: str, s: int) -> tuple[str, int]:
    """(qualifier, where it starts) from the words right before the number."""
    r = rules()
    m = r.qualifier.search(st, max(0, s - 30), s)
    if not m:
        return "exact", s
    word = " ".join(m.group().lower().split())
    prev = st[max(0, m.start() - 8) : m.start()].lower().split()
    if word == "under" and prev and prev[-1] in r.under_exposure:
        return "exact", s  # "came under 151 attacks"
    return r.qualifier_names[word], m.start()


def _measure_after(words: list[str], j: int, limit: int) -> tuple[str | None, int]:
    """First casualty cue in words[j:j+limit] before a stop word or punctuation."""
    r = rules()
    for k in range(j, min(len(words), j + limit)):
        w = words[k]
        if w in r.cues:
            return r.cues[w], k
        if w in r.cue_stops or not w[0].isalnum():
            break
    return None, -1


def _head(words: list[str]):
    """(measure or "people", index of the head) for the noun phrase right after the
    number, trying the longest run of allowed modifiers first ("69 U.S. troops",
    "four separate rocket and drone attacks", "34 injured")."""
    r = rules()
    n = 0
    while n < len(words) and n < 6 and words[n] in r.all_mods:
        n += 1
    for i in range(min(n, len(words) - 1), -1, -1):
        head, mods = words[i], words[:i]
        if mods and mods[-1] in r.coordinators:
            continue
        if head in r.heads["attacks"] and all(w in r.attack_mods for w in mods):
            return "attacks", i
        for measure in ("injured", "killed", "casualties"):
            if head in r.heads[measure] and all(w in r.injury_mods or w in r.people_mods for w in mods):
                return measure, i
        if head in r.people and all(w in r.people_mods for w in mods):
            return "people", i
    return None, -1


def _classify(st: str, toks, starts, k: int, qs: int, clause: tuple[int, int], us_context):
    """(measure, elliptic kind, index of the last token read, relative to k) for the
    number whose next token is toks[k]; None when the number is not a tally.
    `us_context()` says whether U.S. people are in view."""
    r = rules()
    words = [t[2] for t in toks[k : k + 16]]
    kb = bisect_left(starts, qs)
    prev = toks[kb - 1] if kb > 0 else None
    prev_word = prev[2] if prev else ""
    if prev_word in r.before_blocks or (prev and st[prev[0] : prev[1]] in r.name_before):
        return None  # "no one", "Tower 22"
    n = 0
    while n < 3 and words[n : n + 1] and words[n] in r.times_mods:
        n += 1
    if words[n : n + 1] == ["times"]:  # "attacked 130 times", "32 separate times in Iraq"
        if words[n + 1 : n + 2] and words[n + 1] in r.times_blocks and words[n + 1 : n + 3] != ["as", "of"]:
            return None  # "three times as many"
        cues = list(r.attack_cue.finditer(st, max(clause[0], qs - 80), qs))
        if not cues:
            return None
        cue = cues[-1]
        for t in toks[bisect_left(starts, cue.end()) : kb]:
            if t[2] in r.agent_prepositions:
                break  # "under attack from militias": the attackers, not the target
            if t[2] in r.other_target_nouns:
                return None  # "attacked ships 30 times"
        if r.us_actor.search(st, max(clause[0], cue.start() - 60), cue.start()):
            return None  # "the U.S. has struck back three times"
        return "attacks", "", n
    kind, i = _head(words)
    if kind == "attacks":
        if words[i + 1 : i + 2] and words[i + 1] in r.target_prepositions:
            if any(w in r.other_targets for w in words[i + 2 : i + 6]):
                return None  # "attacks on commercial shipping"
        return "attacks", "", i
    if kind in MEASURES:
        return (kind, "", i) if kind == "attacks" or us_context() else None  # "1,200 dead" in Israel
    if kind == "people":
        if words[i] in r.member_heads and words[i + 1 : i + 2] == ["of"]:
            if not any(w in r.member_us_words for w in words[i + 2 : i + 6]):
                return None  # "members of Kataib Hezbollah"
        if prev_word in r.verbs:
            return r.cues[prev_word], "", i
        if prev_word in r.casualty_prepositions and kb > 1 and toks[kb - 2][2] in r.cues:
            return r.cues[toks[kb - 2][2]], "", i  # "injuries to 45 troops"
        measure, at = _measure_after(words, i + 1, 8)
        return (measure, "", at) if measure else None  # no casualty word: a troop level
    if words[:1] == ["of"] and words[1:2] and words[1] in r.part_determiners:
        kind, i = _head(words[2:])  # "57 of the attacks were in Syria"
        if kind in MEASURES and (kind == "attacks" or us_context()):
            return kind, "part", i + 2
    first = words[0] if words else ""
    if first and first[0].isalnum() and first not in r.copulas and first not in r.bare_followers:
        return None  # counts something else: "three rockets", "five miles", "2,500 troops"
    # A bare number: "three were killed", "killing three", "77 in Syria", "a total of 130".
    j = 0
    while j < len(words) and j < 5:
        if words[j] in r.copulas:
            j += 1
        elif words[j] == "of" and words[j + 1 : j + 2] and words[j + 1] in r.part_pronouns:
            j += 2
        else:
            break
    if j > 0:
        measure, at = _measure_after(words, j, 5)
        if measure:
            return (measure, "", at) if us_context() else None
        if words[j : j + 1] == ["in"]:
            return None, "split", j
    if prev_word in r.verbs and (first in r.after_verb or not first[0].isalnum()):
        if not us_context() or any(t[2] in r.other_people for t in toks if clause[0] <= t[0] < clause[1]):
            return None  # whose dead? nothing says U.S. troops, or the clause counts militants too
        return r.cues[prev_word], "", 0
    m = r.count_phrase.search(st, clause[0], qs) or r.rise_phrase.search(st, clause[0], qs)
    if m:
        head = m.group("head").lower()
        return next(ms for ms, ws in r.heads.items() if head in ws), "", 0
    after = st[toks[k][0] : toks[k][0] + 30] if k < len(toks) else ""
    if (
        r.total_before.search(st, max(clause[0], qs - 40), qs)
        or r.tally_word.search(st, clause[0], qs)
        or r.total_after.match(after)
    ):
        return None, "total", 0
    if first == "in" and (prev_word in r.split_before or kb == 0 or prev[0] < clause[0]):
        return None, "split", 0
    return None


def sentence_places(st: str) -> list[tuple[int, int, str]]:
    """Places a sentence names, ignoring those inside group or war names ("Islamic
    Resistance in Iraq", "since the war in Gaza began")."""
    r = rules()
    if not r.place.search(st):
        return []
    masks = [m.span() for _, rx in r.perpetrators for m in rx.finditer(st)]
    return _find_places(st, masks + [m.span() for m in r.not_locations.finditer(st)])


def sentence_tallies(sentence, mentions, prev_tallies) -> list[Tally]:
    """Tallies of one sentence with the fields its own clauses state."""
    r = rules()
    st = sentence.text
    dates = [(m.start - sentence.start, m.end - sentence.start, m.date) for m in mentions]
    numbers = _numbers(st, dates)
    if not numbers:
        return []
    if st.isascii():  # lowercase once; same tokens, since the pattern ignores ASCII case
        toks = [(*m.span(), m.group()) for m in TOKEN.finditer(st.lower())]
    else:
        toks = [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(st)]
    starts = [t[0] for t in toks]
    cuts = [0] + [m.start() for m in CLAUSE_BREAK.finditer(st)] + [len(st)]
    clauses = list(zip(cuts, cuts[1:]))
    # A bare casualty count ("killing three") needs U.S. people in view: named in this
    # sentence, or a tally in one of the two before it. Worked out only when asked.
    known: list[bool] = []

    def us_context() -> bool:
        if not known:
            known.append(
                bool(
                    (
                        any(t[2] in r.people for t in toks)
                        or r.us_context.search(st)
                        or (prev_tallies and prev_tallies[0].sentence.index >= sentence.index - 2)
                    )
                    and not r.other_conflicts.search(st)
                )
            )
        return known[0]

    candidates: list[Tally | None] = []
    for s, e, value, written in numbers:
        clause = next((c for c in clauses if c[0] <= s < c[1]), clauses[-1])
        qualifier, qs = _qualifier(st, s)
        k = bisect_left(starts, e)
        got = _classify(st, toks, starts, k, qs, clause, us_context)
        if got is None:
            candidates.append(None)
            continue
        measure, elliptic, last = got
        np_end = toks[min(k + last, len(toks) - 1)][1] if k < len(toks) else e
        candidates.append(Tally(sentence, clause, s, e, qs, written, value, qualifier, measure, elliptic, np_end))
    # Elliptic numbers take the measure of the number just before them when that is a
    # tally ("53 attacks in Iraq and 77 in Syria"), else of the next tally
    # ("53 in Iraq and 77 in Syria, for a total of 130 attacks"), else, after "Of those",
    # of the previous sentence's last tally.
    for i, t in enumerate(candidates):
        if t is None or not t.elliptic or t.measure:
            continue
        if i > 0:
            t.measure = candidates[i - 1].measure if candidates[i - 1] is not None else None
        else:
            later = next((c for c in candidates[i + 1 :] if c is None or not c.elliptic), None)
            t.measure = later.measure if later is not None else None
            if later is None and prev_tallies and (t.elliptic == "total" or r.part_cue.search(st, 0, t.qs)):
                t.measure = prev_tallies[-1].measure  # "Of those, 53 were in Iraq"; "That brings the total to 130"
    tallies = [t for t in candidates if t is not None and t.measure]
    # Zero and single-attack counts describe one incident unless a window or a perfect
    # tense says otherwise ("no troops have been injured since Dec. 25" vs "no U.S.
    # personnel were hurt").
    tallies = [
        t
        for t in tallies
        if t.value > 1
        or t.qualifier != "exact"
        or (t.value == 1 and (t.measure != "attacks" or t.elliptic))
        or r.window_cue.search(st, t.clause[0], t.clause[1])
    ]
    if not tallies:
        return []
    places = sentence_places(st)
    number_starts = [n[0] for n in numbers]
    for i, t in enumerate(tallies):
        nxt = tallies[i + 1] if i + 1 < len(tallies) else None
        t.seg_end = nxt.qs if nxt is not None and nxt.clause == t.clause else t.clause[1]
        k = bisect_left(number_starts, t.e)
        t.seg_end = min(t.seg_end, number_starts[k]) if k < len(number_starts) else t.seg_end  # "... and 900 in Syria"
        stop = SEGMENT_STOP.search(st, max(t.np_end, t.e), t.seg_end)
        t.seg_end = stop.start() if stop else t.seg_end  # "170 attacks, most of them in Syria": not its own place
        t.own_places = [p for p in places if t.e <= p[0] < t.seg_end]
        for p in places:  # "in Iraq, Syria": a list of places runs past the comma
            if (
                t.own_places
                and p[0] >= t.own_places[-1][1]
                and p[0] < (nxt.qs if nxt else len(st))
                and PLACE_LIST.fullmatch(st, t.own_places[-1][1], p[0])
            ):
                t.own_places.append(p)
        t.part_cue = (
            t.elliptic == "part"
            or bool(r.part_cue.search(st, tallies[i - 1].e if i else t.clause[0], t.qs))
            or bool(OF_THEM.match(st, t.e))
        )  # "about 30 of them in Syria"
    # A place right after a count is that count's alone only when a same-measure count
    # in the sentence could be its total or sibling ("53 attacks in Iraq and 77 in Syria").
    claimed = {p for t in tallies for p in t.own_places if any(o is not t and o.measure == t.measure for o in tallies)}
    last = clauses[-1]
    last_sources = attributions(st, *last)
    trailing = [a for a in last_sources if re.fullmatch(r"[\s\w.,]{0,24}[.!?\"”’')]*", st[a[1] :])]
    facts: dict[tuple[int, int], dict] = {}
    for t in tallies:
        cs, ce = t.clause
        if t.clause not in facts:
            facts[t.clause] = clause_facts(
                st, cs, ce, dates, bool(trailing), last_sources if t.clause == last else None
            )
        f = facts[t.clause]
        t.places = (
            [p[2] for p in t.own_places]
            or [p[2] for p in places if cs <= p[0] < ce and p not in claimed]
            or [p[2] for p in places if p not in claimed]
        )
        t.since = pick(f["roles"], "since", t)
        t.as_of = pick(f["roles"], "as_of", t) or pick(f["roles"], "statement", t)
        if not t.as_of and trailing:
            roles = date_roles(st, dates, last[0], last[1], True)
            t.as_of = next((iso for pos, rl, iso in roles if rl == "statement"), "")
        sources = f["sources"] or trailing
        if sources:
            t.source = min(sources, key=lambda a: min(abs(a[0] - t.s), abs(a[1] - t.s)))[2]
        if f["targets"]:
            t.target = min((min(abs(a - t.s), abs(b - t.s)), i, name) for a, b, i, name in f["targets"])[2]
        t.perpetrator, t.weapons = f["perpetrator"], f["weapons"]
        t.detail = next((name for name, rx in r.details if rx.search(st, t.qs, max(t.np_end, t.e))), "")
    _link_in_sentence(tallies, prev_tallies)
    return tallies


def _link_in_sentence(tallies: list[Tally], prev_tallies: list[Tally]) -> None:
    """Parts and totals: a count whose own place lies inside a same-measure count's
    places ("53 attacks in Iraq" inside "130 ... in Iraq and Syria"), or that follows a
    subset cue ("including", "of which", "Of those,")."""
    for p in tallies:
        own = {pl[2] for pl in p.own_places}
        others = [t for t in tallies if t is not p and t.measure == p.measure and t.part_of is None]
        others.sort(key=lambda t: (t.s > p.s, abs(t.s - p.s)))
        # A count with no place is the total of located counts only in a split ("Of the
        # 151 attacks, 53 were in Iraq and 98 in Syria") or when marked as a total.
        split = sum(1 for t in tallies if t.measure == p.measure and t.own_places) >= 2
        total = None
        if own:
            for t in others:
                places = set(t.places)
                if (places and own < places) or (not places and not t.own_places and (split or t.elliptic == "total")):
                    total = t
                    break
        if total is None and p.part_cue:
            earlier = [t for t in others if t.s < p.s]
            if not earlier and p is tallies[0]:
                earlier = [t for t in prev_tallies if t.measure == p.measure and t.part_of is None][-1:]
            total = earlier[0] if earlier else None
        if total is not None and total.part_of is not p:
            p.part_of = total
            if own and (not total.places or own < set(total.places)):
                p.split = "location"
            else:
                p.split = "type" if p.detail else "subset"
