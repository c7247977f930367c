"""The sentence splitter: every sentence keeps its offsets, line breaks always end one,
abbreviations and initials do not, and no text is lost or duplicated."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text.sentences import split_sentences


def texts(text: str) -> list[str]:
    found = split_sentences(text)
    for s in found:
        assert text[s.start : s.end] == s.text
    assert [s.index for s in found] == list(range(len(found)))
    return [s.text for s in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rockets hit the base. Nobody was hurt.", ["Rockets hit the base.", "Nobody was hurt."]),
        ("Was anyone hurt? No, officials said!", ["Was anyone hurt?", "No, officials said!"]),
        ("A headline\nThe body starts here.", ["A headline", "The body starts here."]),
        ('He said: "It is over." Then he left.', ['He said: "It is over."', "Then he left."]),
        ("Since Dec. 25 no one was hurt.", ["Since Dec. 25 no one was hurt."]),  # an abbreviation
        ("Gen. Smith spoke. Lt. Col. Jones did not.", ["Gen. Smith spoke.", "Lt. Col. Jones did not."]),
        ("The U.S. military said so.", ["The U.S. military said so."]),  # initials inside a sentence
        ("They attacked the U.S. The next day it was quiet.", ["They attacked the U.S.", "The next day it was quiet."]),
        # "On" was read as the boolean True from the lexicon, so this never split
        (
            "Militias attacked the U.S. On Monday it was quiet.",
            ["Militias attacked the U.S.", "On Monday it was quiet."],
        ),
        ("It rose 1.5 percent. Then it fell.", ["It rose 1.5 percent.", "Then it fell."]),
        ("  \n\n  ", []),
        ("no stop at the end", ["no stop at the end"]),
    ],
)
def test_boundaries(text, expected):
    assert texts(text) == expected


def test_offsets_are_into_the_text_given():
    text = "First line.\n\n  Second one.  Third one."
    found = split_sentences(text)
    assert [(s.start, s.end) for s in found] == [(0, 11), (15, 26), (28, 38)]


PIECES = list('ab .!?\n"”') + ["U.S.", "Dec.", "Gen.", " The", " 17", "It"]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_no_text_is_lost_or_duplicated(text):
    found = split_sentences(text)
    previous_end = 0
    for s in found:
        assert s.start >= previous_end and text[s.start : s.end] == s.text and s.text == s.text.strip()
        assert text[previous_end : s.start].strip() == ""  # only whitespace between sentences
        previous_end = s.end
    assert text[previous_end:].strip() == ""
