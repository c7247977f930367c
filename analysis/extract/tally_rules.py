"""The tally extractor's rules, compiled once from lexicons/tallies.yml, places.yml,
numbers.yml and dates.yml: cue words, gazetteers and the patterns built from them."""

from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace

from analysis.text.lexicon import load_lexicon
from analysis.text.numbers import counting_words
from analysis.text.regex import alternation, gated, trie

MEASURES = ("attacks", "injured", "killed", "casualties")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "fewer_than")
SPLITS = ("location", "type", "window", "subset")


def _set(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def rules() -> SimpleNamespace:
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
    speech, data = alternation(lex["speech_verbs"]), alternation(lex["data_nouns"])
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
        attack_cue=gated(rf"\b(?:{alternation(lex['attack_cues'])})\b", re.I),
        times_blocks=_set(lex["times_blocks"]),
        times_mods=_set(lex["times_modifiers"]),
        us_context=gated(lex["us_context"], re.I),
        other_conflicts=gated(lex["other_conflicts"]),
        us_actor=gated(lex["us_actor"], re.I),
        other_target_nouns=_set(lex["other_target_nouns"]),
        qualifier=gated(rf"(?<![\w'’-])(?:{alternation(quals)})\s+$", re.I),
        qualifier_names=quals,
        name_before=frozenset(lex["name_before_number"]),
        before_blocks=_set(lex["before_blocks"]),
        split_before=_set(lex["split_before"]),
        total_before=gated("|".join(lex["total_before"]), re.I),
        total_after=re.compile("|".join(lex["total_after"]), re.I),
        part_cue=gated("|".join(lex["part_cues"]), re.I),
        count_phrase=gated(lex["count_phrase"].replace("{heads}", alternation(all_heads)), re.I),
        rise_phrase=gated(lex["rise_phrase"].replace("{heads}", alternation(all_heads)), re.I),
        tally_word=gated(lex["tally_word"], re.I),
        bare_followers=_set(lex["bare_followers"]),
        after_verb=_set(lex["after_casualty_verb"]) | {""},
        location_word=gated(
            rf"\b(?:{alternation(gaz['location_words'])})\s+(?:the\s+)?(?:(?:{alternation(gaz['directions'])})\s+)?$",
            re.I,
        ),
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
        source_scan=gated(
            "|".join(
                f"(?P<s{i}>{'(?i:' if rx.flags & re.I else '(?:'}{rx.pattern}))" for i, (_, rx) in enumerate(sources)
            ),
            limit=3,
        ),
        speech_any=gated(rf"\b(?:{speech})\b|\baccording\s+to\b", re.I),
        # "<source> [Name Name] said", "<source>, Name, said", "<source> data"
        attr_after=re.compile(
            rf"(?:['’]s)?(?:\s*,\s*[^,]{{1,60}},\s*|\s+(?:[A-Z][\w.'’-]*\s+){{0,7}}|\s*)(?:(?:has|have|had)\s+)?(?:{speech})\b"
            rf"|(?:['’]s)?\s+(?:{data})\b"
        ),
        # "according to <source>", "said <source>", "data from <source>", headline ": <source>"
        attr_before=gated(
            rf"(?:\b(?:according\s+to|per|citing)\s+(?:[\w.'’-]+\s+){{0,4}}|\b(?:{speech})\s+(?:on\s+\w+\s+)?(?:(?:a|an|the|two|three|several)\s+)?"
            rf"|\b(?:{data})\s+(?:from|by|compiled\s+by|released\s+by)\s+(?:the\s+)?|:\s*)$",
            re.I,
        ),
        attr_appositive=re.compile(rf",\s*(?:(?:has|have)\s+)?(?:{speech})\b"),
        roles={name: gated(p, re.I) for name, p in lex["date_roles"].items()},
        anchors=[(date, gated("|".join(p), re.I)) for date, p in lex["since_anchors"].items()],
        place=gated(rf"(?<![\w-])(?:{alternation(place_names)})(?![\w-])(?!['’]s\b)"),
        place_names={" ".join(k.split()): v for k, v in place_names.items()},
        sites=frozenset(" ".join(s.split()) for s in sites),
        regions=frozenset(gaz["regions"]),
        not_locations=gated("|".join(gaz["not_locations"]), re.I, limit=3),
        number=_number_pattern(),
        month_before=re.compile(rf"\b{alternation(_month_stems())}[a-z]*\.?\s*$"),
        under_exposure=_set(lex["under_exposure_after"]),
        coordinators=_set(lex["coordinators"]),
        target_prepositions=_set(lex["target_prepositions"]),
        member_heads=_set(lex["member_heads"]),
        member_us_words=_set(lex["member_us_words"]),
        casualty_prepositions=_set(lex["casualty_prepositions"]),
        part_determiners=_set(lex["part_determiners"]),
        part_pronouns=_set(lex["part_pronouns"]),
        agent_prepositions=_set(lex["agent_prepositions"]),
    )


def _number_pattern() -> re.Pattern:
    """A number as written; "a"/"an" never count alone ("an attack" is one incident, not a tally)."""
    w = rf"(?:{trie(counting_words())})\b"
    return gated(
        r"(?<![\w$€£¥#.,/:\-])(?:"
        r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![\w%°]|[.,:/][0-9]|-\w)"
        r"|(?P<special>half\s+a\s+dozen|a\s+dozen|a\s+couple\s+of|a\s+pair\s+of)\b"
        rf"|(?P<words>{w}(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+){w})*(?:\s+dozen\b)?)(?!-\w)"
        r"|(?P<no>no)\b(?!-)"
        r")",
        re.I,
    )


def _month_stems() -> list[str]:
    """Month names as their first three or four letters ("Sept"), from lexicons/dates.yml:
    "Oct. 17" is a date even where the date finder missed it."""
    names = [name.rstrip(".") for names in load_lexicon("dates")["months"] for name in names]
    return sorted({n[:4] if n.startswith("Sept") else n[:3] for n in names})


TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}(?:-\w+)*|\w+(?:['’.\-]\w+)*|[^\w\s]")
OF_THEM = re.compile(r"\s+of\s+(?:them|those|these|whom)\b", re.I)
SEGMENT_STOP = re.compile(r"[,;:(—–]|\s-\s")
CLAUSE_BREAK = re.compile(r";|,\s+(?:but|while|whereas|although|though|yet)\b|\s+but\s+", re.I)
PLACE_LIST = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?:now|also|even|then|later)\s+)?(?:(?:in|to)\s+)?(?:the\s+)?"
)
