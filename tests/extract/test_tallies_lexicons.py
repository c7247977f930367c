"""The rule files are data a reviewer reads: YAML 1.1 turns unquoted on/off/yes/no into
booleans, which then silently match nothing ("on" became True in four tally lists). Every
entry must stay what it was written as: a string, or a number where a number is meant."""

import datetime as dt

import pytest

from analysis.text.lexicon import lexicon_names, load_lexicon

# Where a lexicon means numbers: (lexicon, top-level key) -> allowed leaf types.
NUMBERS = {
    ("dates", "parts_of_month"): (int,),
    ("dates", "relative"): (str, int),  # [precision, offset]
    ("dates", "holidays"): (int,),  # [month, day]
    ("numbers", "units"): (int,),
    ("numbers", "tens"): (int,),
    ("numbers", "scales"): (int,),
    ("numbers", "special"): (int,),
}
TALLY_LEXICONS = ("tallies", "places", "dates", "numbers", "abbreviations")


def leaves(node, path=()):
    """(path, key or value) for every key and leaf of a parsed YAML document; a key's
    path ends in "(key)"."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, "(key)"), key
            yield from leaves(value, (*path, key))
    elif isinstance(node, list):
        for value in node:
            yield from leaves(value, path)
    else:
        yield path, node


@pytest.mark.parametrize("name", lexicon_names())
def test_no_lexicon_entry_became_a_boolean_or_a_date(name):
    bad = [(path, v) for path, v in leaves(load_lexicon(name)) if isinstance(v, (bool, dt.date))]
    assert bad == [], f"{name}.yml: quote these entries: {bad}"


@pytest.mark.parametrize("name", TALLY_LEXICONS)
def test_every_tally_rule_entry_is_a_string_or_a_number_where_meant(name):
    for path, value in leaves(load_lexicon(name)):
        allowed = (str,) if path[-1:] == ("(key)",) else NUMBERS.get((name, path[0]) if path else None, (str,))
        assert type(value) in allowed, f"{name}.yml {'/'.join(map(str, path))}: {value!r}"


def test_the_words_that_were_booleans_are_back():
    tallies = load_lexicon("tallies")
    assert "on" in tallies["cue_stops"] and "on" in tallies["bare_followers"]
    assert "on" in tallies["after_casualty_verb"] and "no" in tallies["before_blocks"]
    assert "No" in tallies["name_before_number"]
    assert "On" in load_lexicon("abbreviations")["sentence_starters"]
