"""Tallies: running counts of attacks on U.S. forces and of U.S. casualties.

Rule-based so that every row can be explained by a cue word: a number is a tally when the
words after it say what is counted (an attack noun, an injury noun, or U.S. people with a
casualty word attached), or when it is a part or the total of such a count ("53 attacks
in Iraq and 77 in Syria", "for a total of 130"). Cue words, gazetteers and normalizations
live in lexicons/tallies.yml and lexicons/places.yml, not here.

Place, window, source and target come from the tally's own clause. What the clause leaves
out is taken from the total the tally belongs to or from the nearest earlier tally (for
the place: the nearest sentence that names one), and the `carried` column says so.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from types import SimpleNamespace
from functools import lru_cache

from analysis.fastre import gated, trie as _trie
from analysis.lexicon import load_lexicon
from analysis.numbers import SCALES, TENS, UNITS, parse_number
from analysis.tables import Field, Table

MEASURES = ("attacks", "injured", "killed", "casualties")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "fewer_than")
SPLITS = ("location", "type", "window", "subset")

TABLE = Table(
    name="tallies",
    title="Tallies",
    description=(
        "One row per tally statement: a count of attacks on U.S. forces or of U.S. casualties, "
        "with where, since when, as of when and on whose word. `quote` is the sentence; "
        "text[start:end] == quote and text[number_start:number_end] == number_text."
    ),
    fields=(
        Field("tally_id", "string", "doc_id:number_start; checks.csv cites tallies by it", required=True),
        Field("doc_id", "string", "Document id", required=True),
        Field("measure", "string", "What is counted", required=True, enum=MEASURES),
        Field("value", "integer", "The count as an integer", required=True),
        Field("qualifier", "string", "How the count is hedged: 'at least 151' is at_least, 'nearly 70' fewer_than", required=True, enum=QUALIFIERS),
        Field("detail", "string", "Kind of injury when stated (e.g. traumatic brain injury)"),
        Field("location", "string", "Country or region; several are joined with ' and ' in alphabetical order. Empty only when the document names none"),
        Field("target", "string", "Who was attacked or hurt, normalized (U.S. troops, U.S. forces, U.S. and coalition forces)"),
        Field("perpetrator", "string", "Who attacked, normalized; empty when the clause does not say"),
        Field("weapons", "string", "Weapons named in the tally's clause, '; '-joined in order of mention"),
        Field("since", "date", "First day of the window counted; empty when not stated or carried"),
        Field("as_of", "date", "Day the count runs to: an explicit 'as of', else the day the source spoke"),
        Field("attributed_to", "string", "Source of the count, normalized (Pentagon, Pentagon spokesman, U.S. officials, ...)"),
        Field("carried", "string", "Fields not stated in the tally's own clause, ';'-joined: taken from its total, an earlier tally or, for location, a neighbouring sentence"),
        Field("part_of", "string", "tally_id of the larger count this one is part of"),
        Field("split", "string", "How this part divides that count", enum=SPLITS),
        Field("number_text", "string", "The number as written", required=True),
        Field("number_start", "integer", "Offset of the number in the document text", required=True),
        Field("number_end", "integer", "End offset of the number", required=True),
        Field("quote", "string", "The sentence stating the tally", required=True),
        Field("start", "integer", "Offset of the sentence in the document text", required=True),
        Field("end", "integer", "End offset of the sentence", required=True),
    ),
    primary_key=("doc_id", "number_start"),
)


# --- rules compiled from the lexicons ------------------------------------------------


def _alt(words) -> str:
    """Regex alternation, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _set(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def _rules() -> SimpleNamespace:
    """Every rule, compiled once from lexicons/tallies.yml and lexicons/places.yml."""
    lex, gaz = load_lexicon("tallies"), load_lexicon("places")
    heads = {m: _set(ws) for m, ws in lex["heads"].items()}
    cues = {w: m for m, ws in lex["casualty_cues"].items() for w in _set(ws)}
    quals = {q.lower(): name for name, qs in lex["qualifiers"].items() for q in qs}
    all_heads = [w for ws in lex["heads"].values() for w in ws]
    place_names: dict[str, str] = {}
    sites = set()
    for group in ("countries", "regions"):
        for name, forms in gaz[group].items():
            place_names.update({f: name for f in forms})
    for country, forms in gaz["sites"].items():
        place_names.update({f: country for f in forms})
        sites.update(forms)
    people_names = {name: pats for name, pats in lex["source_people"].items()}
    speech, data = _alt(lex["speech_verbs"]), _alt(lex["data_nouns"])
    sources = [(s["name"], re.compile(s["pattern"], re.I)) for s in lex["sources"]]
    sources += [(name, re.compile(r"\b(?:" + "|".join(p) + r")\b")) for name, p in people_names.items()]
    return SimpleNamespace(
        heads=heads,
        people=_set(lex["people"]),
        people_mods=_set(lex["people_modifiers"]),
        attack_mods=_set(lex["attack_modifiers"]),
        injury_mods=_set(lex["injury_modifiers"]),
        cues=cues,
        verbs=_set(lex["casualty_verbs"]),
        cue_stops=_set(lex["cue_stops"]),
        copulas=_set(lex["copulas"]),
        details=[(name, gated("|".join(p), re.I)) for name, p in lex["details"].items()],
        attack_cue=gated(rf"\b(?:{_alt(lex['attack_cues'])})\b", re.I),
        times_blocks=_set(lex["times_blocks"]),
        times_mods=_set(lex["times_modifiers"]),
        us_context=gated(lex["us_context"], re.I),
        other_conflicts=gated(lex["other_conflicts"]),
        us_actor=gated(lex["us_actor"], re.I),
        other_target_nouns=_set(lex["other_target_nouns"]),
        qualifier=gated(rf"(?<![\w'’-])(?:{_alt(quals)})\s+$", re.I),
        qualifier_names=quals,
        name_before=frozenset(lex["name_before_number"]),
        before_blocks=_set(lex["before_blocks"]),
        split_before=_set(lex["split_before"]),
        total_before=gated("|".join(lex["total_before"]), re.I),
        total_after=re.compile("|".join(lex["total_after"]), re.I),
        part_cue=gated("|".join(lex["part_cues"]), re.I),
        count_phrase=gated(lex["count_phrase"].replace("{heads}", _alt(all_heads)), re.I),
        rise_phrase=gated(lex["rise_phrase"].replace("{heads}", _alt(all_heads)), re.I),
        tally_word=gated(lex["tally_word"], re.I),
        bare_followers=_set(lex["bare_followers"]),
        after_verb=_set(lex["after_casualty_verb"]) | {""},
        location_word=gated(rf"\b(?:{_alt(gaz['location_words'])})\s+(?:the\s+)?(?:(?:{_alt(gaz['directions'])})\s+)?$", re.I),
        all_mods=_set(lex["people_modifiers"]) | _set(lex["attack_modifiers"]) | _set(lex["injury_modifiers"]),
        other_people=_set(lex["other_people"]),
        other_targets=_set(lex["other_targets"]),
        window_cue=gated("|".join(lex["window_cues"]), re.I),
        targets=[(t["name"], gated(t["pattern"], re.I)) for t in lex["targets"]],
        perpetrators=[(p["name"], gated(p["pattern"], re.I)) for p in lex["perpetrators"]],
        perp_before=gated(lex["perpetrator_before"], re.I),
        perp_after=re.compile(lex["perpetrator_after"], re.I),
        weapons=[(name, gated(r"\b(?:" + "|".join(p) + r")\b", re.I)) for name, p in lex["weapons"].items()],
        sources=sources,
        speech=speech,
        source_keywords=tuple(k.lower() for k in lex["source_keywords"]),
        # one scan for every source pattern; the group name gives its priority
        source_scan=gated("|".join(f"(?P<s{i}>{'(?i:' if rx.flags & re.I else '(?:'}{rx.pattern}))"
                                        for i, (_, rx) in enumerate(sources)), limit=3),
        speech_any=gated(rf"\b(?:{speech})\b|\baccording\s+to\b", re.I),
        # "<source> [Name Name] said", "<source>, Name, said", "<source> data"
        attr_after=re.compile(
            rf"(?:['’]s)?(?:\s*,\s*[^,]{{1,60}},\s*|\s+(?:[A-Z][\w.'’-]*\s+){{0,7}}|\s*)(?:(?:has|have|had)\s+)?(?:{speech})\b"
            rf"|(?:['’]s)?\s+(?:{data})\b"),
        # "according to <source>", "said <source>", "data from <source>", headline ": <source>"
        attr_before=gated(
            rf"(?:\b(?:according\s+to|per|citing)\s+(?:[\w.'’-]+\s+){{0,4}}|\b(?:{speech})\s+(?:on\s+\w+\s+)?(?:(?:a|an|the|two|three|several)\s+)?"
            rf"|\b(?:{data})\s+(?:from|by|compiled\s+by|released\s+by)\s+(?:the\s+)?|:\s*)$", re.I),
        attr_appositive=re.compile(rf",\s*(?:(?:has|have)\s+)?(?:{speech})\b"),
        roles={name: gated(p, re.I) for name, p in lex["date_roles"].items()},
        anchors=[(date, gated("|".join(p), re.I)) for date, p in lex["since_anchors"].items()],
        place=gated(rf"(?<![\w-])(?:{_alt(place_names)})(?![\w-])(?!['’]s\b)"),
        place_names={" ".join(k.split()): v for k, v in place_names.items()},
        sites=frozenset(" ".join(s.split()) for s in sites),
        regions=frozenset(gaz["regions"]),
        not_locations=gated("|".join(gaz["not_locations"]), re.I, limit=3),
    )


_W = rf"(?:{_trie((set(UNITS) | set(TENS) | set(SCALES)) - {'a', 'an', 'no', 'none', 'single'})})\b"
# A number as written; "a"/"an" never count alone ("an attack" is one incident, not a tally).
_NUMBER = gated(
    r"(?<![\w$€£¥#.,/:\-])(?:"
    r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![\w%°]|[.,:/][0-9]|-\w)"
    r"|(?P<special>half\s+a\s+dozen|a\s+dozen|a\s+couple\s+of|a\s+pair\s+of)\b"
    rf"|(?P<words>{_W}(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+){_W})*(?:\s+dozen\b)?)(?!-\w)"
    r"|(?P<no>no)\b(?!-)"
    r")",
    re.I,
)
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}(?:-\w+)*|\w+(?:['’.\-]\w+)*|[^\w\s]")
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$")
_OF_THEM = re.compile(r"\s+of\s+(?:them|those|these|whom)\b", re.I)
_SEGMENT_STOP = re.compile(r"[,;:(—–]|\s-\s")
_CLAUSE_BREAK = re.compile(r";|,\s+(?:but|while|whereas|although|though|yet)\b|\s+but\s+", re.I)
_PLACE_LIST = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?:now|also|even|then|later)\s+)?(?:(?:in|to)\s+)?(?:the\s+)?")


# --- one sentence --------------------------------------------------------------------


@dataclass
class _Tally:
    sentence: object
    clause: tuple[int, int]  # sentence-local offsets of the clause
    s: int  # number, sentence-local
    e: int
    qs: int  # qualifier start (== s without one)
    text: str
    value: int
    qualifier: str
    measure: str | None
    elliptic: str = ""  # "split" (77 in Syria), "total" (a total of 130): measure from a neighbour; "part" (57 of the attacks)
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
    part_of: "_Tally | None" = None
    split: str = ""
    part_cue: bool = False

    @property
    def start(self) -> int:
        return self.sentence.start + self.s


def _join_places(names) -> str:
    """'Iraq and Syria'; a region is dropped when a country is named beside it."""
    names = set(names)
    regions = names & _rules().regions
    names = sorted(names - regions if names - regions else names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _find_places(st: str, masks) -> list[tuple[int, int, str]]:
    """Places named as where something happened: after a location word, in a list with
    one, or a known site. Spans inside a perpetrator's name are ignored."""
    r = _rules()
    found: list[tuple[int, int, str]] = []
    for m in r.place.finditer(st):
        if any(a <= m.start() < b for a, b in masks):
            continue
        key = " ".join(m.group().split())
        ok = key in r.sites or r.location_word.search(st, max(0, m.start() - 40), m.start())
        if not ok and found:
            ok = _PLACE_LIST.fullmatch(st, found[-1][1], m.start()) is not None
        if ok:
            found.append((m.start(), m.end(), r.place_names[key]))
    return found


def _numbers(st: str, spans) -> list[tuple[int, int, int, str]]:
    """(start, end, value, text) of every number that is not part of a date or a year."""
    out = []
    for m in _NUMBER.finditer(st):
        s, e = m.span()
        if any(a < e and s < b for a, b, *_ in spans):
            continue
        if m["digits"] and len(m["digits"]) == 4 and 1800 <= int(m["digits"]) <= 2100:
            continue  # a year
        if m["digits"] and _MONTH_BEFORE.search(st, max(0, s - 12), s):
            continue  # "Oct. 17" when the date finder missed it
        value = 0 if m["no"] else parse_number(m.group())
        if value is not None:
            out.append((s, e, value, m.group()))
    return out


def _qualifier(st: str, s: int) -> tuple[str, int]:
    """(qualifier, where it starts) from the words right before the number."""
    r = _rules()
    m = r.qualifier.search(st, max(0, s - 30), s)
    if not m:
        return "exact", s
    word = " ".join(m.group().lower().split())
    prev = st[max(0, m.start() - 8):m.start()].lower().split()
    if word == "under" and prev and prev[-1] in ("come", "came", "coming", "been", "is", "are", "was", "were"):
        return "exact", s  # "came under 151 attacks"
    return r.qualifier_names[word], m.start()


def _measure_after(words: list[str], j: int, limit: int) -> tuple[str | None, int]:
    """First casualty cue in words[j:j+limit] before a stop word or punctuation."""
    r = _rules()
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
    r = _rules()
    n = 0
    while n < len(words) and n < 6 and words[n] in r.all_mods:
        n += 1
    for i in range(min(n, len(words) - 1), -1, -1):
        head, mods = words[i], words[:i]
        if mods and mods[-1] in ("and", ",", "or"):
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
    r = _rules()
    words = [t[2] for t in toks[k:k + 16]]
    kb = bisect_left(starts, qs)
    prev = toks[kb - 1] if kb > 0 else None
    prev_word = prev[2] if prev else ""
    if prev_word in r.before_blocks or (prev and st[prev[0]:prev[1]] in r.name_before):
        return None  # "no one", "Tower 22"
    n = 0
    while n < 3 and words[n:n + 1] and words[n] in r.times_mods:
        n += 1
    if words[n:n + 1] == ["times"]:  # "attacked 130 times", "32 separate times in Iraq"
        if words[n + 1:n + 2] and words[n + 1] in r.times_blocks and words[n + 1:n + 3] != ["as", "of"]:
            return None  # "three times as many"
        cues = list(r.attack_cue.finditer(st, max(clause[0], qs - 80), qs))
        if not cues:
            return None
        cue = cues[-1]
        for t in toks[bisect_left(starts, cue.end()):kb]:
            if t[2] in ("by", "from"):
                break  # "under attack from militias": the attackers, not the target
            if t[2] in r.other_target_nouns:
                return None  # "attacked ships 30 times"
        if r.us_actor.search(st, max(clause[0], cue.start() - 60), cue.start()):
            return None  # "the U.S. has struck back three times"
        return "attacks", "", n
    kind, i = _head(words)
    if kind == "attacks":
        if words[i + 1:i + 2] and words[i + 1] in ("on", "against", "targeting"):
            if any(w in r.other_targets for w in words[i + 2:i + 6]):
                return None  # "attacks on commercial shipping"
        return "attacks", "", i
    if kind in MEASURES:
        return (kind, "", i) if kind == "attacks" or us_context() else None  # "1,200 dead" in Israel
    if kind == "people":
        if words[i] in ("members", "member") and words[i + 1:i + 2] == ["of"]:
            if not any(w in ("u.s.", "us", "american", "military", "coalition", "service") for w in words[i + 2:i + 6]):
                return None  # "members of Kataib Hezbollah"
        if prev_word in r.verbs:
            return r.cues[prev_word], "", i
        if prev_word in ("to", "among") and kb > 1 and toks[kb - 2][2] in r.cues:
            return r.cues[toks[kb - 2][2]], "", i  # "injuries to 45 troops"
        measure, at = _measure_after(words, i + 1, 8)
        return (measure, "", at) if measure else None  # no casualty word: a troop level
    if words[:1] == ["of"] and words[1:2] and words[1] in ("the", "these", "those", "all"):
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
        elif words[j] == "of" and words[j + 1:j + 2] and words[j + 1] in ("them", "those", "these", "whom"):
            j += 2
        else:
            break
    if j > 0:
        measure, at = _measure_after(words, j, 5)
        if measure:
            return (measure, "", at) if us_context() else None
        if words[j:j + 1] == ["in"]:
            return None, "split", j
    if prev_word in r.verbs and (first in r.after_verb or not first[0].isalnum()):
        if not us_context() or any(t[2] in r.other_people for t in toks if clause[0] <= t[0] < clause[1]):
            return None  # whose dead? nothing says U.S. troops, or the clause counts militants too
        return r.cues[prev_word], "", 0
    m = r.count_phrase.search(st, clause[0], qs) or r.rise_phrase.search(st, clause[0], qs)
    if m:
        head = m.group("head").lower()
        return next(ms for ms, ws in r.heads.items() if head in ws), "", 0
    after = st[toks[k][0]:toks[k][0] + 30] if k < len(toks) else ""
    if r.total_before.search(st, max(clause[0], qs - 40), qs) or r.tally_word.search(st, clause[0], qs) or r.total_after.match(after):
        return None, "total", 0
    if first == "in" and (prev_word in r.split_before or kb == 0 or prev[0] < clause[0]):
        return None, "split", 0
    return None


def _attributions(st: str, cs: int, ce: int) -> list[tuple[int, int, str]]:
    """(start, end of the whole attribution, normalized source) for sources that a
    speech verb, 'according to' or a data noun ties to the clause."""
    r = _rules()
    low = st[cs:ce].lower()
    if not any(k in low for k in r.source_keywords):
        return []
    taken: list[tuple[int, int, str]] = []
    found = [(int(m.lastgroup[1:]), m.start(), m.end()) for m in r.source_scan.finditer(st, cs, ce)]
    for priority, a, b in sorted(found):  # titles before bare names: "Jane Doe, a Pentagon spokeswoman, said"
        name = r.sources[priority][0]
        tail = r.attr_after.match(st, b)
        lead = r.attr_before.search(st, max(0, a - 60), a)
        if not (tail or lead) and re.search(r",\s*(?:a|an|the)\s+$", st[max(0, a - 8):a]):
            tail = r.attr_appositive.match(st, b)  # "Jane Doe, a Pentagon spokeswoman, said"
        if lead and lead.group().startswith(":") and st[b:].strip(" .\"'”’") != "":
            lead = None  # ": Pentagon" only at the end of a headline
        if not (tail or lead):
            continue
        end = tail.end() if tail else b
        if any(x < end and a < y for x, y, _ in taken):
            continue
        taken.append((a, end, name))
    return sorted(taken)


def _date_roles(st: str, mentions, cs: int, ce: int, has_speech: bool) -> list[tuple[int, str, str]]:
    """(position, role, ISO date) for dates in the clause: since, as_of or statement."""
    r = _rules()
    out = []
    for m in mentions:
        if not (cs <= m[0] < ce) or m[2] is None:
            continue
        iso = m[2].isoformat()
        lo = max(cs, m[0] - 60)
        if r.roles["since"].search(st, lo, m[0]) and not r.roles["as_of"].search(st, lo, m[0]):
            out.append((m[0], "since", iso))
        elif r.roles["between"].search(st, lo, m[0]):
            out.append((m[0], "since", iso))
        elif r.roles["as_of"].search(st, lo, m[0]):
            out.append((m[0], "as_of", iso))
        elif has_speech and r.roles["statement"].search(st, cs, m[0]):
            out.append((m[0], "statement", iso))
    for date, rx in r.anchors:
        for m in rx.finditer(st, cs, ce):
            out.append((m.start(), "since", date))
    return sorted(out)


def _pick(roles, role: str, t: _Tally) -> str:
    """The date of that role in the tally's own segment, else the nearest before it,
    else the nearest after it in the clause."""
    own = [iso for pos, rl, iso in roles if rl == role and t.e <= pos < t.seg_end]
    if own:
        return own[0]
    before = [iso for pos, rl, iso in roles if rl == role and pos < t.s]
    if before:
        return before[-1]
    after = [iso for pos, rl, iso in roles if rl == role and pos >= t.e]
    return after[0] if after else ""


def _sentence_places(st: str) -> list[tuple[int, int, str]]:
    """Places a sentence names, ignoring those inside group or war names ("Islamic
    Resistance in Iraq", "since the war in Gaza began")."""
    r = _rules()
    if not r.place.search(st):
        return []
    masks = [m.span() for _, rx in r.perpetrators for m in rx.finditer(st)]
    return _find_places(st, masks + [m.span() for m in r.not_locations.finditer(st)])


def _sentence_tallies(sentence, mentions, prev_tallies) -> list[_Tally]:
    """Tallies of one sentence with the fields its own clauses state."""
    r = _rules()
    st = sentence.text
    dates = [(m.start - sentence.start, m.end - sentence.start, m.date) for m in mentions]
    numbers = _numbers(st, dates)
    if not numbers:
        return []
    if st.isascii():  # lowercase once; same tokens, since the pattern ignores ASCII case
        toks = [(*m.span(), m.group()) for m in _TOKEN.finditer(st.lower())]
    else:
        toks = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(st)]
    starts = [t[0] for t in toks]
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(st)] + [len(st)]
    clauses = list(zip(cuts, cuts[1:]))
    # A bare casualty count ("killing three") needs U.S. people in view: named in this
    # sentence, or a tally in one of the two before it. Worked out only when asked.
    known: list[bool] = []

    def us_context() -> bool:
        if not known:
            known.append(bool((any(t[2] in r.people for t in toks) or r.us_context.search(st) or (
                prev_tallies and prev_tallies[0].sentence.index >= sentence.index - 2)) and not r.other_conflicts.search(st)))
        return known[0]

    candidates: list[_Tally | None] = []
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
        candidates.append(_Tally(sentence, clause, s, e, qs, written, value, qualifier, measure, elliptic, np_end))
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
            later = next((c for c in candidates[i + 1:] if c is None or not c.elliptic), None)
            t.measure = later.measure if later is not None else None
            if later is None and prev_tallies and (t.elliptic == "total" or r.part_cue.search(st, 0, t.qs)):
                t.measure = prev_tallies[-1].measure  # "Of those, 53 were in Iraq"; "That brings the total to 130"
    tallies = [t for t in candidates if t is not None and t.measure]
    # Zero and single-attack counts describe one incident unless a window or a perfect
    # tense says otherwise ("no troops have been injured since Dec. 25" vs "no U.S.
    # personnel were hurt").
    tallies = [t for t in tallies if t.value > 1 or t.qualifier != "exact" or (t.value == 1 and (t.measure != "attacks" or t.elliptic))
               or r.window_cue.search(st, t.clause[0], t.clause[1])]
    if not tallies:
        return []
    places = _sentence_places(st)
    number_starts = [n[0] for n in numbers]
    for i, t in enumerate(tallies):
        nxt = tallies[i + 1] if i + 1 < len(tallies) else None
        t.seg_end = nxt.qs if nxt is not None and nxt.clause == t.clause else t.clause[1]
        k = bisect_left(number_starts, t.e)
        t.seg_end = min(t.seg_end, number_starts[k]) if k < len(number_starts) else t.seg_end  # "... and 900 in Syria"
        stop = _SEGMENT_STOP.search(st, max(t.np_end, t.e), t.seg_end)
        t.seg_end = stop.start() if stop else t.seg_end  # "170 attacks, most of them in Syria": not its own place
        t.own_places = [p for p in places if t.e <= p[0] < t.seg_end]
        for p in places:  # "in Iraq, Syria": a list of places runs past the comma
            if t.own_places and p[0] >= t.own_places[-1][1] and p[0] < (nxt.qs if nxt else len(st)) \
                    and _PLACE_LIST.fullmatch(st, t.own_places[-1][1], p[0]):
                t.own_places.append(p)
        t.part_cue = (t.elliptic == "part" or bool(r.part_cue.search(st, tallies[i - 1].e if i else t.clause[0], t.qs))
                      or bool(_OF_THEM.match(st, t.e)))  # "about 30 of them in Syria"
    # A place right after a count is that count's alone only when a same-measure count
    # in the sentence could be its total or sibling ("53 attacks in Iraq and 77 in Syria").
    claimed = {p for t in tallies for p in t.own_places if any(o is not t and o.measure == t.measure for o in tallies)}
    last = clauses[-1]
    last_sources = _attributions(st, *last)
    trailing = [a for a in last_sources if re.fullmatch(r"[\s\w.,]{0,24}[.!?\"”’')]*", st[a[1]:])]
    facts: dict[tuple[int, int], dict] = {}
    for t in tallies:
        cs, ce = t.clause
        if t.clause not in facts:
            facts[t.clause] = _clause_facts(st, cs, ce, dates, bool(trailing), last_sources if t.clause == last else None)
        f = facts[t.clause]
        t.places = [p[2] for p in t.own_places] or [p[2] for p in places if cs <= p[0] < ce and p not in claimed] or [
            p[2] for p in places if p not in claimed]
        t.since = _pick(f["roles"], "since", t)
        t.as_of = _pick(f["roles"], "as_of", t) or _pick(f["roles"], "statement", t)
        if not t.as_of and trailing:
            roles = _date_roles(st, dates, last[0], last[1], True)
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


def _clause_facts(st: str, cs: int, ce: int, dates, trailing: bool, sources=None) -> dict:
    """What one clause says, shared by every tally in it: dated roles, sources (given when
    already found), targets, the perpetrator tied to the attacks and the weapons named."""
    r = _rules()
    perps = [(m.start(), name) for name, rx in r.perpetrators for m in rx.finditer(st, cs, ce)
             if r.perp_before.search(st, max(0, m.start() - 30), m.start()) or r.perp_after.match(st, m.end(), ce)]
    named = sorted((m.start(), name) for name, rx in r.weapons for m in rx.finditer(st, cs, ce))
    return {
        "roles": _date_roles(st, dates, cs, ce, trailing or bool(r.speech_any.search(st, cs, ce))),
        "sources": _attributions(st, cs, ce) if sources is None else sources,
        "targets": [(m.start(), m.end(), i, name) for i, (name, rx) in enumerate(r.targets) for m in rx.finditer(st, cs, ce)],
        "perpetrator": min(perps)[1] if perps else "",
        "weapons": "; ".join(dict.fromkeys(name for _, name in named)),
    }


def _link_in_sentence(tallies: list[_Tally], prev_tallies: list[_Tally]) -> None:
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


# --- the document ------------------------------------------------------------------


def extract(parsed) -> list[dict]:
    """Tally rows for one parsed document (see the module docstring for the rules)."""
    text = parsed.doc.text
    doc_id = parsed.doc.doc_id
    mentions = sorted(parsed.dates, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]
    per_sentence: list[list[_Tally]] = []
    previous: list[_Tally] = []
    for sentence in parsed.sentences:
        lo = bisect_left(mention_starts, sentence.start)
        hi = bisect_left(mention_starts, sentence.end)
        found = _sentence_tallies(sentence, mentions[lo:hi], previous)
        per_sentence.append(found)
        if found:
            previous = found
    sentence_places = _LazyPlaces(parsed.sentences)
    tallies = [t for found in per_sentence for t in found]
    if not tallies:
        return []
    _totals_from_parts(tallies)
    _carry(per_sentence, sentence_places)
    _link_across(per_sentence)
    _link_windows(tallies)
    return [_row(doc_id, text, t) for t in tallies]


class _LazyPlaces:
    """Place names per sentence, found only for the sentences a carry looks at."""

    def __init__(self, sentences):
        self.sentences, self.cache = sentences, {}

    def __getitem__(self, i: int) -> list[str]:
        if i not in self.cache:
            self.cache[i] = [p[2] for p in _sentence_places(self.sentences[i].text)]
        return self.cache[i]


def _totals_from_parts(tallies: list[_Tally]) -> None:
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


def _carry(per_sentence: list[list[_Tally]], sentence_places: list[list[str]]) -> None:
    """Fill what a tally's clause leaves out from its total, else the nearest earlier
    tally in the same or the two previous sentences; the place from the nearest sentence
    (earlier first) that names one."""
    for index, found in enumerate(per_sentence):
        for n, t in enumerate(found):
            chain = ([t.part_of] if t.part_of else []) + found[:n][::-1]
            for back in range(index - 1, max(-1, index - 3), -1):
                chain += per_sentence[back][::-1]
            for name, column in (("since", "since"), ("as_of", "as_of"), ("source", "attributed_to"), ("target", "target")):
                if not getattr(t, name):
                    donor = next((d for d in chain if getattr(d, name)), None)
                    if donor is not None:
                        setattr(t, name, getattr(donor, name))
                        t.carried.add(column)
            if not t.places:
                t.places = _nearby_places(t, found[:n], per_sentence, sentence_places, index)
                if t.places:
                    t.carried.add("location")


def _nearby_places(t: _Tally, earlier: list[_Tally], per_sentence, sentence_places, index: int) -> list[str]:
    if t.part_of is not None and t.part_of.places:
        return list(t.part_of.places)
    for d in earlier[::-1]:
        if d.places and d.part_of is None:
            return list(d.places)
    order = list(range(index - 1, -1, -1)) + list(range(index + 1, len(per_sentence)))
    for i in order:
        named = {pl for d in per_sentence[i] for pl in d.places}
        widest = max((d for d in per_sentence[i] if d.part_of is None), key=lambda d: len(set(d.places)), default=None)
        if widest is not None and named and set(widest.places) >= named:
            return list(widest.places)  # the sentence's total ("130 ... in Iraq and Syria")
        if named or sentence_places[i]:
            return sorted(named | set(sentence_places[i]))
    return []


def _link_across(per_sentence: list[list[_Tally]]) -> None:
    """A split stated in the sentence before or after its total: "... attacked at least
    60 times. There have been 32 attacks in Iraq and 28 in Syria." """
    for index, found in enumerate(per_sentence):
        for p in found:
            own = {pl[2] for pl in p.own_places}
            if p.part_of is not None or not own:
                continue
            for near in (index - 1, index + 1):
                if not 0 <= near < len(per_sentence):
                    continue
                totals = [t for t in per_sentence[near] if t.part_of is None and t.measure == p.measure and own < set(t.places)
                          and (not t.as_of or not p.as_of or t.as_of == p.as_of)]
                if totals:
                    p.part_of, p.split = totals[-1 if near < index else 0], "location"
                    break


def _link_windows(tallies: list[_Tally]) -> None:
    """A count for a later start date, same measure, place and as-of date, is part of
    the longer window's count ("no troops injured since Dec. 25" inside "69 injured")."""
    same_window: dict[tuple, list] = {}  # (measure, as_of) -> tallies, in order
    for t in tallies:
        same_window.setdefault((t.measure, t.as_of), []).append(t)
    for p in tallies:
        if p.part_of is not None or not p.since or not p.as_of:
            continue
        wider = [t for t in same_window[(p.measure, p.as_of)] if t is not p and t.part_of is None
                 and t.since and t.since < p.since and set(t.places) >= set(p.places)]
        if wider:
            p.part_of = min(wider, key=lambda t: abs(t.start - p.start))
            p.split = "window"


def tally_id(doc_id: str, number_start: int) -> str:
    return f"{doc_id}:{number_start}"


def _row(doc_id: str, text: str, t: _Tally) -> dict:
    start = t.sentence.start + t.s
    return {
        "tally_id": tally_id(doc_id, start),
        "doc_id": doc_id,
        "measure": t.measure,
        "value": t.value,
        "qualifier": t.qualifier,
        "detail": t.detail or None,
        "location": _join_places(t.places) or None,
        "target": t.target or None,
        "perpetrator": t.perpetrator or None,
        "weapons": t.weapons or None,
        "since": t.since or None,
        "as_of": t.as_of or None,
        "attributed_to": t.source or None,
        "carried": ";".join(f for f in ("location", "target", "since", "as_of", "attributed_to") if f in t.carried) or None,
        "part_of": tally_id(doc_id, t.part_of.start) if t.part_of is not None else None,
        "split": t.split or None,
        "number_text": t.text,
        "number_start": start,
        "number_end": t.sentence.start + t.e,
        "quote": t.sentence.text,
        "start": t.sentence.start,
        "end": t.sentence.end,
    }
