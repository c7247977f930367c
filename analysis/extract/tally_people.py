"""Casualty counts of people: "69 U.S. troops were injured", "killing three American
soldiers", "injuries to 45 troops", "killed a US contractor", "five people had been
injured" right after U.S. casualties; never the people of the other side or of another
nationality."""

from __future__ import annotations

from analysis.extract.tally_reading import Reading
from analysis.extract.tally_rules import rules


def someone_else(view, kb: int) -> bool:
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


def people_count(view, words, k: int, i: int, kb: int) -> Reading | None:
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
        named = _named_before(view, kb)
        if named:
            return Reading(named, "", i, people=True)  # "killed Sgt. Jane Doe, 31, and two others"
        return Reading(None, "and", i, people=True)  # "injured four service members and a US contractor"
    return None


def _named_before(view, kb: int) -> str | None:
    """The measure of a casualty verb whose objects, up to the "and" before the number,
    are people named ("killed Sgt. Jane Doe, 31, and two others": the two others are the
    count the text states; the named dead are no number, and their sum is not stated)."""
    r, toks, st = rules(), view.toks, view.st
    for i in range(kb - 2, max(-1, kb - 18), -1):
        if toks[i][2] in r.verbs:
            between = st[toks[i][1] : toks[kb - 1][0]]
            if not r.named_people.fullmatch(between) or not view.us_context():
                return None
            foreign = any(t[2] in r.foreign_adjectives for t in toks[i:kb])
            return None if foreign else r.cues[toks[i][2]]
    return None


def article_count(view, k: int, kb: int, qs: int) -> Reading | None:
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
    found = people_count(view, words, k, min(i, len(words) - 1), kb)
    if found is None or (found.measure is None and found.elliptic != "and"):
        return None
    return found


def generic_count(view, k: int, i: int) -> Reading | None:
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
