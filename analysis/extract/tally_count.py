"""A number and the noun it counts: which numbers in a sentence are tallies of attacks on
U.S. forces or of U.S. casualties, read from the words around them ("53 attacks",
"attacked 130 times", "injured 69 U.S. troops", "three were killed", "killed a US
contractor", "57 of the attacks", "77 in Syria"), and whose they are."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from analysis.extract.tally_rules import MEASURES, rules
from analysis.text.numbers import parse_number


@dataclass(frozen=True)
class Number:
    s: int  # sentence-local offsets of the number as written
    e: int
    value: int
    text: str
    article: bool  # "a"/"an" standing for one person


@dataclass(frozen=True)
class Reading:
    """What the words around a number say it counts."""

    measure: str | None  # None: taken from a neighbouring tally (see `elliptic`)
    elliptic: str = (
        ""  # "split" (77 in Syria), "total" (a total of 130), "part" (57 of the attacks), "and" (... and a contractor)
    )
    last: int = 0  # index, relative to the first token after the number, of the last word read
    disposition: bool = False  # counted only by a disposition word ("were treated")
    people: bool = False  # the number's own noun names the people counted ("69 U.S. troops")


def numbers(view) -> list[Number]:
    """Every number in the sentence that is not part of a date, a year or a duration."""
    r, st = rules(), view.st
    out = []
    for m in r.number.finditer(st):
        s, e = m.span()
        if any(a < e and s < b for a, b, _ in view.dates):
            continue
        if m["digits"] and len(m["digits"]) == 4 and 1800 <= int(m["digits"]) <= 2100:
            continue  # a year
        if m["digits"] and r.month_before.search(st, max(0, s - 12), s):
            continue  # "Oct. 17" when the date finder missed it
        k = view.token_at(e)
        if k < len(view.toks) and view.toks[k][2] in r.duration_units:
            continue  # "three months", "24 hours": a duration, not a count
        written = m["digits"] if m["plus"] else m.group()  # "170-plus"
        value = 0 if m["no"] else 1 if m["article"] else 2 if m["twice"] else parse_number(written)
        if value is not None:
            out.append(Number(s, e, value, m.group(), bool(m["article"])))
    return out


def qualifier(st: str, s: int) -> tuple[str, int]:
    """(qualifier, where it starts) from the words right before the number ("170-plus" is
    more than 170)."""
    r = rules()
    if st[s : s + 12].split(" ")[0].rstrip(".,;:").endswith(("-plus", "+")):
        return "more_than", s
    m = r.qualifier.search(st, max(0, s - 30), s)
    if not m:
        return "exact", s
    word = " ".join(m.group().lower().split())
    prev = st[max(0, m.start() - 8) : m.start()].lower().split()
    if word == "under" and prev and prev[-1] in r.under_exposure:
        return "exact", s  # "came under 151 attacks"
    return r.qualifier_names[word], m.start()


def head(words: list[str]):
    """(measure, "people" or "generic", index of the head) for the noun phrase right after
    the number, trying the longest run of allowed modifiers first ("69 U.S. troops", "four
    separate rocket and drone attacks", "34 injured", "five people")."""
    r = rules()
    n = 0
    while n < len(words) and n < 6 and words[n] in r.all_mods:
        n += 1
    for i in range(min(n, len(words) - 1), -1, -1):
        word, mods = words[i], words[:i]
        if mods and mods[-1] in r.coordinators:
            continue
        if word in r.heads["attacks"] and all(w in r.attack_mods for w in mods):
            return "attacks", i
        for measure in ("injured", "killed", "casualties"):
            if word in r.heads[measure] and all(w in r.injury_mods or w in r.people_mods for w in mods):
                return measure, i
        if word in r.people and all(w in r.people_mods for w in mods):
            return "people", i
        if word in r.generic_people and not mods:
            return "generic", i
        if word in r.aimed_heads and all(w in r.attack_mods for w in mods):
            return "aimed", i
    return None, -1


def read(view, num: Number, qs: int, clause: tuple[int, int]) -> Reading | None:
    """What the number counts, or None when it is not a tally (or not one of U.S. forces)."""
    r = rules()
    k = view.token_at(num.e)
    kb = view.token_at(qs)
    prev = view.toks[kb - 1] if kb > 0 else None
    if prev and (prev[2] in r.before_blocks or view.st[prev[0] : prev[1]] in r.name_before):
        return None  # "no one", "Tower 22"
    found = _reading(view, num, k, kb, qs, clause)
    if found is None or found.measure is None:
        return found
    if found.measure == "attacks" and view.others_attack():
        return None  # "ISIS cells ... where at least 13 attacks have been reported"
    if found.measure == "attacks" and prev and prev[2] in r.circumstance_words:
        if not r.window_cue.search(view.st, *clause):
            return None  # "four were injured in two drone attacks", "killed in one of these attacks"
    if found.measure == "killed" and r.non_attack_deaths.search(view.st, *clause):
        return None  # "died of a cardiac episode": not killed in an attack
    if found.measure != "attacks" and not found.people and _someone_else(view, kb):
        return None  # "three Iraqi soldiers were killed and 12 wounded"
    if found.measure != "attacks" and prev and prev[2] in r.verbs:
        if r.us_agent.search(view.st, max(0, prev[0] - 60), prev[0]):
            return None  # "U.S. forces killed three in a raid": the U.S. side's dead are someone else's
    return found


def _someone_else(view, kb: int) -> bool:
    """The people last named before a bare casualty count are not American: other people
    ("militants") or people of another nationality ("Iraqi soldiers")."""
    r, toks = rules(), view.toks
    for i in range(kb - 1, -1, -1):
        word = toks[i][2]
        if word in r.other_people:
            return True
        if word in r.people:
            return any(toks[j][2] in r.foreign_adjectives for j in range(max(0, i - 3), i))
    return False


def _reading(view, num: Number, k: int, kb: int, qs: int, clause) -> Reading | None:
    words = [t[2] for t in view.toks[k : k + 16]]
    if num.article:
        return _article(view, k, kb, qs)
    times = _times(view, words, num, kb, qs, clause)
    if times is not None:
        return times or None
    kind, i = head(words)
    if kind == "attacks":
        return _attacks(view, words, i)
    if kind == "aimed":
        after = view.toks[k + i][1]
        return Reading("attacks", "", i) if rules().aimed_target.match(view.st, after) else None
    if kind in MEASURES:
        return Reading(kind, "", i) if view.us_context() else None  # "1,200 dead" in Israel
    if kind == "people":
        return _people(view, words, k, i, kb)
    if kind == "generic":
        return _generic(view, k, i)
    partitive = _partitive(view, words)
    if partitive is not None:
        return partitive or None
    return _bare(view, words, k, kb, qs, clause)


def _times(view, words, num: Number, kb: int, qs: int, clause):
    """ "attacked 130 times", "32 separate times in Iraq", "one time on Monday": a Reading,
    False when it is "times" but no count of attacks, None when it is not "times"."""
    r, st, toks = rules(), view.st, view.toks
    n = 0
    while n < 3 and words[n : n + 1] and words[n] in r.times_mods:
        n += 1
    word = words[n] if n < len(words) else ""
    if num.text.lower() == "twice":
        n, word = -1, "times"  # "attacked twice"
    if word not in r.times_words or (word == "time" and num.value != 1):
        return None
    if words[n + 1 : n + 2] and words[n + 1] in r.times_blocks and words[n + 1 : n + 3] != ["as", "of"]:
        return False  # "three times as many"
    cues = list(r.attack_cue.finditer(st, max(clause[0], qs - 80), qs))
    if not cues:
        return Reading(None, "times", max(n, 0))  # "... 44 times in Iraq and 53 times in Syria"
    cue = cues[-1]
    for t in toks[bisect_left(view.starts, cue.end()) : kb]:
        if t[2] in r.agent_prepositions:
            break  # "under attack from militias": the attackers, not the target
        if t[2] in r.other_target_nouns:
            return False  # "attacked ships 30 times"
    if r.us_actor.search(st, max(clause[0], cue.start() - 60), cue.start()):
        return False  # "the U.S. has struck back three times"
    return Reading("attacks", "", max(n, 0))


def _attacks(view, words, i: int) -> Reading | None:
    """ "53 attacks", "four separate rocket and drone attacks": unless the head only
    modifies the next noun ("two attack drones") or the attacks are on someone else
    ("attacks on commercial shipping")."""
    r = rules()
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt in r.attack_compounds:
        return None
    after = [w for w in words[i + 2 : i + 6] if w != "the"]
    if (
        nxt in r.target_prepositions
        and not set(after[:1]) & r.member_us_words
        and any(w in r.other_targets for w in after)
    ):
        return None  # "attacks on commercial shipping", but not "attacks on U.S. and Israeli targets"
    return Reading("attacks", "", i)


def _people(view, words, k: int, i: int, kb: int) -> Reading | None:
    """People with a casualty word attached ("killing three American soldiers", "69 U.S.
    troops were injured", "injuries to 45 troops", "the killing of three troops"); without
    one the number is a troop level."""
    r, toks = rules(), view.toks
    if words[i] in r.member_heads and words[i + 1 : i + 2] == ["of"]:
        if not any(w in r.member_us_words for w in words[i + 2 : i + 6]):
            return None  # "members of Kataib Hezbollah"
    prev = toks[kb - 1][2] if kb > 0 else ""
    if prev in r.verbs:
        return Reading(r.cues[prev], "", i, people=True)
    if prev in r.casualty_prepositions and kb > 1 and toks[kb - 2][2] in r.cues:
        return Reading(r.cues[toks[kb - 2][2]], "", i, people=True)
    measure, at, word = measure_after(view, k + i + 1, 8)
    if measure:
        return Reading(measure, "", at - k, word in r.disposition_cues, people=True)
    if prev in ("and", ","):
        return Reading(None, "and", i, people=True)  # "injured four service members and a US contractor"
    return None


def _article(view, k: int, kb: int, qs: int) -> Reading | None:
    """ "a"/"an" before a singular U.S. person: one casualty when a casualty word is attached
    ("killed a US contractor", "A service member suffers a concussion"), never in "the
    first time a soldier was killed" or "if a soldier is hurt"."""
    r = rules()
    if r.article_blocks.search(view.st, max(0, qs - 40), qs):
        return None
    words = [t[2] for t in view.toks[k : k + 8]]
    i = 0
    while i < len(words) - 1 and words[i] not in r.people and words[i] in r.all_mods:
        i += 1
    found = _people(view, words, k, min(i, len(words) - 1), kb)
    if found is None or (found.measure is None and found.elliptic != "and"):
        return None
    return found


def _generic(view, k: int, i: int) -> Reading | None:
    """ "five people had been injured": U.S. casualties only right after a sentence that
    reports U.S. personnel hurt or killed, and with nobody else named."""
    r = rules()
    measure, at, _ = measure_after(view, k + i + 1, 8)
    if not measure or not view.doc.us_casualty_before(view.sentence.index):
        return None
    if any(t[2] in r.other_people - r.generic_people for t in view.toks) or r.other_conflicts.search(view.st):
        return None
    return Reading(measure, "", at - k, people=True)


def measure_after(view, j: int, limit: int) -> tuple[str | None, int, str]:
    """(measure, token index, cue word) of the first casualty cue in the `limit` tokens from
    toks[j], before a stop word or punctuation. Quotation marks are read through ("suffered
    “minor injuries”"), and so is a place ("two troops in Iraq were injured"); a condition
    phrase counts as injured ("one service member in critical condition")."""
    r, toks, st = rules(), view.toks, view.st
    end = min(len(toks), j + limit)
    k = j
    while k < end:
        w = toks[k][2]
        if w in r.cues:
            return r.cues[w], k, w
        if w in "“”\"'‘’":
            k += 1
            continue
        if r.condition_cue.match(st, toks[k - 1][1] if k else 0):
            return "injured", k, w
        if w in ("in", "at"):
            place = next((p for p in view.places if p[0] > toks[k][0] and p[0] - toks[k][1] < 30), None)
            if place is not None and r.location_word.search(st, max(0, place[0] - 40), place[0]):
                k = view.token_at(place[1])
                end = min(len(toks), k + 4)
                continue
        if w in r.cue_stops or not w[0].isalnum():
            break
        k += 1
    return None, -1, ""


def _partitive(view, words):
    """ "57 of the attacks were in Syria": a part of a count; None when not partitive."""
    r = rules()
    if not (words[:1] == ["of"] and words[1:2] and words[1] in r.part_determiners):
        return None
    kind, i = head(words[2:])
    if kind in MEASURES and (kind == "attacks" or view.us_context()):
        return Reading(kind, "part", i + 2)
    return None


def _bare(view, words, k: int, kb: int, qs: int, clause) -> Reading | None:
    """A bare number: "three were killed", "killing three", "77 in Syria", "a total of 130"."""
    r, st, toks = rules(), view.st, view.toks
    named = r.count_after.match(st, toks[k - 1][1]) if k else None
    if named:  # "brings to 151 the number of attacks"
        word = named.group("head").lower()
        return Reading(next(ms for ms, ws in r.heads.items() if word in ws))
    first = words[0] if words else ""
    if first and first[0].isalnum() and first not in r.copulas and first not in r.bare_followers:
        return None  # counts something else: "three rockets", "five miles", "2,500 troops"
    j = 0
    while j < len(words) and j < 5:
        if words[j] in r.copulas:
            j += 1
        elif words[j] == "of" and words[j + 1 : j + 2] and words[j + 1] in r.part_pronouns:
            j += 2
        else:
            break
    if j > 0:
        measure, at, word = measure_after(view, k + j, 5)
        if measure:
            return Reading(measure, "", at - k, word in r.disposition_cues) if view.us_context() else None
        if words[j : j + 1] == ["in"]:
            return Reading(None, "split", j)
    prev = toks[kb - 1] if kb > 0 else None
    prev_word = prev[2] if prev else ""
    if prev_word in r.verbs and (first in r.after_verb or not first[0].isalnum()):
        if not view.us_context() or any(t[2] in r.other_people for t in toks if clause[0] <= t[0] < clause[1]):
            return None  # whose dead? nothing says U.S. troops, or the clause counts militants too
        return Reading(r.cues[prev_word])
    m = r.count_phrase.search(st, clause[0], qs) or r.rise_phrase.search(st, clause[0], qs)
    if m:
        word = m.group("head").lower()
        return Reading(next(ms for ms, ws in r.heads.items() if word in ws))
    after = st[toks[k][0] : toks[k][0] + 30] if k < len(toks) else ""
    if (
        r.total_before.search(st, max(clause[0], qs - 40), qs)
        or r.tally_word.search(st, clause[0], qs)
        or r.total_after.match(after)
    ):
        return Reading(None, "total")
    if first == "in" and (prev_word in r.split_before or kb == 0 or prev[0] < clause[0]):
        return Reading(None, "split")
    return None
