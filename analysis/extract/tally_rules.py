"""The tally extractor's rules, compiled once from lexicons/tallies.yml, places.yml,
numbers.yml and dates.yml: cue words, gazetteers and the patterns built from them, grouped
by what they decide (the count, whose it is, where, the window, the source)."""

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
    """Every rule, compiled once from the lexicons."""
    lex, gaz = load_lexicon("tallies"), load_lexicon("places")
    return SimpleNamespace(
        **_count_rules(lex),
        **_whose_rules(lex),
        **_place_rules(gaz),
        **_window_rules(lex),
        **_source_rules(lex),
        **_grammar_rules(lex),
    )


def _part_rules(lex, all_heads: list[str]) -> dict:
    """What opens a part of an earlier count: "of those", a colon, "Of the attacks, ...",
    a severity subset."""
    return dict(
        part_cue=gated("|".join(lex["part_cues"]), re.I),
        breakdown_cue=re.compile(lex["breakdown_cue"]),
        named_part=gated(
            lex["named_part_cue"].replace("{heads}", alternation(all_heads + list(lex["aimed_heads"]))), re.I
        ),
        part_heads={
            **{w: m for m, ws in lex["heads"].items() for w in _set(ws)},
            **dict.fromkeys(_set(lex["aimed_heads"]), "attacks"),
        },
        part_verbs=_set(lex["part_verbs"]),
        severity_adverbs=_set(lex["severity_adverbs"]),
    )


def _count_rules(lex) -> dict:
    """What a number counts: head nouns, casualty cues, modifiers, qualifiers, totals."""
    quals = {q.lower(): name for name, qs in lex["qualifiers"].items() for q in qs}
    rise_quals = {q.lower(): name for name, qs in lex["rise_qualifiers"].items() for q in qs}
    all_heads = [w for ws in lex["heads"].values() for w in ws]
    return dict(
        heads={m: _set(ws) for m, ws in lex["heads"].items()},
        people=_set(lex["people"]),
        people_mods=_set(lex["people_modifiers"]),
        attack_mods=_set(lex["attack_modifiers"]),
        injury_mods=_set(lex["injury_modifiers"]),
        all_mods=_set(lex["people_modifiers"]) | _set(lex["attack_modifiers"]) | _set(lex["injury_modifiers"]),
        cues={w: m for m, ws in lex["casualty_cues"].items() for w in _set(ws)},
        verbs=_set(lex["casualty_verbs"]),
        cue_stops=_set(lex["cue_stops"]),
        copulas=_set(lex["copulas"]),
        details=[(name, gated("|".join(p), re.I)) for name, p in lex["details"].items()],
        attack_cue=gated(rf"\b(?:{alternation(lex['attack_cues'])})\b", re.I),
        times_blocks=_set(lex["times_blocks"]),
        times_mods=_set(lex["times_modifiers"]),
        times_words=_set(lex["times_words"]),
        qualifier=gated(rf"(?<![\w'’-])(?:{alternation(quals)})\s+$", re.I),
        qualifier_names=quals,
        name_before=frozenset(lex["name_before_number"]),
        before_blocks=_set(lex["before_blocks"]),
        split_before=_set(lex["split_before"]),
        total_before=gated("|".join(lex["total_before"]), re.I),
        total_after=re.compile("|".join(lex["total_after"]), re.I),
        **_part_rules(lex, all_heads),
        count_phrase=gated(lex["count_phrase"].replace("{heads}", alternation(all_heads)), re.I),
        count_after=re.compile(lex["count_after"].replace("{heads}", alternation(all_heads)), re.I),
        rise_phrase=gated(lex["rise_phrase"].replace("{heads}", alternation(all_heads + lex["aimed_heads"])), re.I),
        tally_word=gated(lex["tally_word"], re.I),
        rise_from=gated(lex["rise_from"], re.I),
        rise_qualifier=gated(rf"(?<![\w-])(?:{alternation(rise_quals)})\s+$", re.I),
        rise_qualifier_names=rise_quals,
        bare_followers=_set(lex["bare_followers"]),
        after_verb=_set(lex["after_casualty_verb"]) | {""},
        number=_number_pattern(lex),
        month_before=re.compile(rf"\b{alternation(_month_stems())}[a-z]*\.?\s*$"),
        article_blocks=gated("|".join(lex["article_blocks"]), re.I),
        duration_units=_set(lex["duration_units"]),
        attack_compounds=_set(lex["attack_compounds"]),
        aimed_heads=_set(lex["aimed_heads"]),
        aimed_target=re.compile(lex["aimed_target"], re.I),
        circumstance_words=_set(lex["circumstance_words"]),
        disposition_cues=_set(lex["disposition_cues"]),
        condition_cue=re.compile(lex["condition_cue"], re.I),
        named_people=re.compile(lex["named_people"]),
        rest_phrase=gated(lex["rest_phrase"], re.I),
        split_opener=re.compile(lex["split_opener"], re.I),
        of_total=re.compile(lex["of_total"], re.I),
        heads_parts=re.compile(lex["heads_parts"], re.I),
        clause_join=re.compile(lex["clause_join"], re.I),
    )


def _whose_rules(lex) -> dict:
    """Whose attacks and casualties: U.S. people in view, other wars, other attackers."""
    return dict(
        us_context=gated(lex["us_context"], re.I),
        other_conflicts=gated(lex["other_conflicts"]),
        us_actor=gated(lex["us_actor"], re.I),
        other_target_nouns=_set(lex["other_target_nouns"]),
        other_people=_set(lex["other_people"]),
        other_targets=_set(lex["other_targets"]),
        non_attack_deaths=gated(lex["non_attack_deaths"], re.I),
        generic_people=_set(lex["generic_people"]),
        us_casualty_context=gated(lex["us_casualty_context"], re.I),
        other_attackers=gated(lex["other_attackers"]),
        foreign_adjectives=_set(lex["foreign_adjectives"]),
        us_agent=gated(lex["us_agent"], re.I),
        targets=[(t["name"], gated(t["pattern"], re.I)) for t in lex["targets"]],
        perpetrators=[(p["name"], gated(p["pattern"], re.I)) for p in lex["perpetrators"]],
        perp_before=gated(lex["perpetrator_before"], re.I),
        perp_after=re.compile(lex["perpetrator_after"], re.I),
        weapons=[(name, gated(r"\b(?:" + "|".join(p) + r")\b", re.I)) for name, p in lex["weapons"].items()],
    )


def _place_rules(gaz) -> dict:
    """Where: countries, regions and sites with their country, and what is no place."""
    place_names: dict[str, str] = {}
    sites = set()
    for group in ("countries", "regions"):
        for name, forms in gaz[group].items():
            place_names.update({f: name for f in forms})
    for country, forms in gaz["sites"].items():
        place_names.update({f: country for f in forms})
        sites.update(forms)
    countries = alternation([f for forms in gaz["countries"].values() for f in forms])
    border_names = {form: name for name, forms in gaz["border_names"].items() for form in forms}
    return dict(
        location_word=gated(
            rf"\b(?:{alternation(gaz['location_words'])})\s+(?:the\s+)?(?:(?:{alternation(gaz['directions'])})\s+)?$",
            re.I,
        ),
        place=gated(rf"(?<![\w-])(?:{alternation(place_names)})(?![\w-])(?!['’]s\b)"),
        place_names={" ".join(k.split()): v for k, v in place_names.items()},
        place_adjective=re.compile(gaz["adjective_phrase"].replace("{places}", countries)),
        sites=frozenset(" ".join(s.split()) for s in sites),
        regions=frozenset(gaz["regions"]),
        not_locations=gated("|".join(p.replace("{places}", countries) for p in gaz["not_locations"]), re.I, limit=3),
        region_phrase=gated(gaz["region_phrase"], re.I),
        region_scope=[
            (s.get("from", ""), s.get("until", "9999-12-31"), tuple(s["places"])) for s in gaz["region_scope"]
        ],
        border=re.compile(gaz["border_phrase"].replace("{names}", alternation(border_names))),
        border_names=border_names,
        place_list=re.compile(
            rf"(?:\s+(?:{alternation(gaz['site_nouns'])}))?"
            r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?:now|also|even|then|later)\s+)?(?:(?:in|to|at)\s+)?(?:the\s+)?",
            re.I,
        ),
    )


def _window_rules(lex) -> dict:
    """Over which window: date roles, cumulative and incident cues, period words."""
    return dict(
        roles={name: gated(p, re.I) for name, p in lex["date_roles"].items()},
        anchors=[
            (a["date"], gated("|".join(a["patterns"]), re.I), re.compile(a["requires"]) if "requires" in a else None)
            for a in lex["since_anchors"]
        ],
        window_cue=gated("|".join(lex["window_cues"]), re.I),
        cumulative_cue=gated(lex["cumulative_cues"], re.I),
        perfect_tense=gated(lex["perfect_tense"], re.I),
        single_event=gated(lex["single_event"], re.I),
        new_event=gated(lex["new_event"], re.I),
        period_anaphor=gated(lex["period_anaphor"], re.I),
        since_event=gated(lex["since_event"], re.I),
        one_day=gated(lex["one_day"], re.I),
        transcript_label=re.compile(lex["transcript_label"], re.M),
        dateline=re.compile(lex["dateline"]),
        place_only=re.compile(lex["place_only_sentence"]),
        anaphor=gated(lex["anaphor"], re.I),
        event_words=gated(lex["event_words"], re.I),
        other_event_day=gated(lex["other_event_day"], re.I),
        pause=gated(lex["pause"], re.I),
    )


def _source_rules(lex) -> dict:
    """On whose authority: normalized sources and the attribution patterns around them."""
    speech, data = alternation(lex["speech_verbs"]), alternation(lex["data_nouns"])
    sources = [(s["name"], re.compile(s["pattern"], re.I)) for s in lex["sources"]]
    sources += [(name, re.compile(r"\b(?:" + "|".join(p) + r")\b")) for name, p in lex["source_people"].items()]
    return dict(
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
        # named U.S. briefers ("Maj. Gen. Pat Ryder told reporters"): U.S. people in view
        us_briefers=re.compile(r"\b(?:" + "|".join(p for ps in lex["source_people"].values() for p in ps) + r")\b"),
    )


def _grammar_rules(lex) -> dict:
    """Small grammar words the rules test for."""
    names = (
        "under_exposure_after coordinators target_prepositions member_heads member_us_words "
        "casualty_prepositions part_determiners part_pronouns agent_prepositions us_people_words "
        "ordinal_determiners ordinal_followers split_past others_heads"
    )
    short = {"under_exposure_after": "under_exposure"}
    return {short.get(n, n): _set(lex[n]) for n in names.split()}


def _number_pattern(lex) -> re.Pattern:
    """A number as written. "a"/"an" count alone only before a singular U.S. casualty head
    ("killed a US contractor"); elsewhere "an attack" is one incident, not a tally."""
    w = rf"(?:{trie(counting_words())})\b"
    mods = alternation(lex["article_modifiers"])
    heads = alternation(lex["article_people"])
    return gated(
        r"(?<![\w$€£¥#.,/:\-])(?:"
        r"(?P<ordinal>[0-9]{1,3}(?:st|nd|rd|th))\b"
        r"|"
        r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<plus>-plus\b|\+(?!\w))?(?![\w%°]|[.,:/][0-9]|-\w)"
        r"|(?P<special>half\s+a\s+dozen|a\s+dozen|a\s+couple\s+of|a\s+pair\s+of)\b"
        rf"|(?P<words>{w}(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+){w})*(?:\s+dozen\b)?)(?!-\w)"
        r"|(?P<no>no)\b(?!-)"
        r"|(?P<twice>twice)\b"
        rf"|(?P<article>{alternation(lex['article_words'])})(?=\s+(?:{mods}\s+){{0,3}}{heads}\b(?![-\w]))"
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
