"""A number and the noun it counts: which numbers in a sentence are tallies of attacks on
U.S. forces or of U.S. casualties, read from the words around them ("53 attacks",
"attacked 130 times", "injured 69 U.S. troops", "three were killed", "killed a US
contractor", "57 of the attacks", "77 in Syria"), and whose they are."""

from __future__ import annotations

from bisect import bisect_left

from analysis.extract.tally_people import article_count, generic_count, measure_after, people_count, someone_else
from analysis.extract.tally_reading import Number, Reading
from analysis.extract.tally_rules import MEASURES, rules


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
    if found.people and r.other_conflicts.search(view.st) and not _us_people(view, k):
        return None  # "Israel's military says 187 soldiers have been killed": another war's dead
    if found.measure != "attacks" and not found.people and someone_else(view, kb):
        return None  # "three Iraqi soldiers were killed and 12 wounded"
    if found.measure != "attacks" and prev and prev[2] in r.verbs:
        if r.us_agent.search(view.st, max(0, prev[0] - 60), prev[0]):
            return None  # "U.S. forces killed three in a raid": the U.S. side's dead are someone else's
    return found


def _us_people(view, k: int) -> bool:
    """The people counted are named American ("three U.S. soldiers"), whatever else the
    sentence is about."""
    r = rules()
    for _, _, word in view.toks[k : k + 6]:
        if word in r.people:
            return False
        if word in r.us_people_words:
            return True
    return False


def _reading(view, num: Number, k: int, kb: int, qs: int, clause) -> Reading | None:
    words = [t[2] for t in view.toks[k : k + 16]]
    if num.article:
        return article_count(view, k, kb, qs)
    if num.ordinal:
        return _ordinal(view, words, kb, qs, clause)
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
        return people_count(view, words, k, i, kb)
    if kind == "generic":
        return generic_count(view, k, i)
    for special in (_named_part(view, words, k, kb, qs, clause), _severity(view, words), _partitive(view, words)):
        if special is not None:
            return special or None
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


def _ordinal(view, words, kb: int, qs: int, clause) -> Reading | None:
    """ "the 115th attack on U.S. forces since Oct. 17", "the first attack since Feb. 4 and
    the 171st since mid-October", "attacked for the 92nd time": an attack that brought the
    count to that number. Only after "the" and before an attack noun, standing for the
    attack noun said before it, or as the time of an attack cue; "the 718th Engineer
    Company" counts nothing."""
    r = rules()
    if words[:1] == ["time"] and r.attack_cue.search(view.st, max(clause[0], qs - 40), qs):
        return Reading("attacks", "ordinal")
    if kb == 0 or view.toks[kb - 1][2] not in r.ordinal_determiners:
        return None
    kind, i = head(words)
    if kind == "attacks":
        found = _attacks(view, words, i)
        return Reading("attacks", "ordinal", i) if found else None
    said = any(t[2] in r.heads["attacks"] for t in view.toks[:kb])
    if said and (not words or words[0] in r.ordinal_followers):
        return Reading("attacks", "ordinal")
    return None


def _named_part(view, words, k: int, kb: int, qs: int, clause):
    """ "Of the attacks, 32 were in Iraq", "Among the wounded, 12 suffered brain injuries": a
    part whose measure the cue's noun names; False when the number counts something else
    ("Of the attacks, three rockets ..."), None when no such cue opens it."""
    r = rules()
    m = r.named_part.search(view.st, clause[0], qs)
    if m is None:
        return None
    first = words[0] if words else ""
    if first and first[0].isalnum() and first not in r.copulas | r.bare_followers | r.part_verbs:
        return False
    measure = r.part_heads[m["head"].lower()]
    if measure != "attacks" and not view.us_context():
        return False
    bare = _bare(view, words, k, kb, qs, clause)  # "12 were evaluated for brain injuries": read that far
    if bare is not None and bare.measure == measure:
        return Reading(measure, "part", bare.last, bare.disposition)
    return Reading(measure, "part")


def _severity(view, words):
    """ "wounded three, one of them critically", "four were hurt, two seriously": a severity
    subset of the casualty count before it (its measure comes from that count); "three
    seriously wounded" is a count of its own. None when no severity word follows."""
    r = rules()
    j = 2 if words[:1] == ["of"] and words[1:2] and words[1] in r.part_pronouns else 0
    if words[j : j + 1] == ["were"] or words[j : j + 1] == ["was"]:
        j += 1
    if not (words[j : j + 1] and words[j] in r.severity_adverbs) or not view.us_context():
        return None
    nxt = words[j + 1] if j + 1 < len(words) else ""
    if nxt in r.cues:
        return Reading(r.cues[nxt], "", j + 1)
    if nxt and nxt[0].isalnum() and nxt not in r.bare_followers:
        return False
    return Reading(None, "severity", j)


def _partitive(view, words):
    """ "57 of the attacks were in Syria": a part of a count; None when not partitive."""
    r = rules()
    if not (words[:1] == ["of"] and words[1:2] and words[1] in r.part_determiners):
        return None
    kind, i = head(words[2:])
    if kind in MEASURES and (kind == "attacks" or view.us_context()):
        return Reading(kind, "part", i + 2)
    return None


def _at_site(view, k: int) -> bool:
    """ "two at al-Asad": "at" and a place from the gazetteer right after it."""
    toks = view.toks
    if k >= len(toks) or toks[k][2] != "at":
        return False
    return any(0 <= p[0] - toks[k][1] <= 5 for p in view.places)


def _named_measure(view, word: str) -> Reading | None:
    """ "the number of attacks rose to 97", "the death toll ... rose to 20,000": the measure
    of the head named, casualties only with U.S. people in view (not Gaza's toll)."""
    measure = next(ms for ms, ws in rules().heads.items() if word in ws)
    return Reading(measure) if measure == "attacks" or view.us_context() else None


def _bare(view, words, k: int, kb: int, qs: int, clause) -> Reading | None:
    """A bare number: "three were killed", "killing three", "77 in Syria", "a total of 130"."""
    r, st, toks = rules(), view.st, view.toks
    named = r.count_after.match(st, toks[k - 1][1]) if k else None
    if named:  # "brings to 151 the number of attacks"
        word = named.group("head").lower()
        return _named_measure(view, word)
    first = words[0] if words else ""
    if kb and toks[kb - 1][2] == "from" and r.rise_from.search(st, clause[0], qs) and head(words)[0] is None:
        return Reading(None, "earlier")  # "rose to 97 from 83 a week earlier": the figure before
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
    if m and m["head"].lower() in r.aimed_heads:  # "Militia strikes on US forces surpass 170"
        return Reading("attacks") if r.aimed_target.match(st, m.end("head")) else None
    if m:
        word = m.group("head").lower()
        return _named_measure(view, word)
    after = st[toks[k][0] : toks[k][0] + 30] if k < len(toks) else ""
    if (
        r.total_before.search(st, max(clause[0], qs - 40), qs)
        or r.tally_word.search(st, clause[0], qs)
        or r.total_after.match(after)
    ):
        return Reading(None, "total")
    if (first == "in" or _at_site(view, k)) and (prev_word in r.split_before or kb == 0 or prev[0] < clause[0]):
        return Reading(None, "split")  # "77 in Syria", "three attacks: two at al-Asad and one at al-Tanf"
    return None
