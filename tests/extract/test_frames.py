"""Justification frames: each frame, the three voices, the presence gate that keeps
attack reports from reading as justifications, and the seed end to end.

Unit sentences are written for these tests; none is copied from an article."""

import datetime as dt

import pytest
from conftest import read_table
from hypothesis import given
from hypothesis import strategies as st

from analysis.extract import frames, pipeline
from analysis.text.corpus import Document
from analysis.text.lexicon import load_lexicon

PUBLISHED = dt.date(2024, 3, 8)  # a Friday


def extract(text, published=PUBLISHED):
    found = frames.extract(pipeline.parse(Document("t", "t.txt", text, "", {"published": published})))
    for r in found:
        assert text[r["start"] : r["end"]] == r["quote"]
    return found


def summary(text):
    return sorted((r["frame"], r["speaker"], r["voice"]) for r in extract(text))


def test_speakers_own_words():
    assert summary('"We are there to keep the oil under our control," Donald Trump said.') == [
        ("oil", "Donald Trump", "speaker's own words")
    ]


def test_paraphrase_attributed_by_the_author():
    found = extract("The Pentagon says the mission in Syria is to prevent a resurgence of ISIS.")
    assert [(r["frame"], r["speaker"], r["speaker_role"], r["voice"]) for r in found] == [
        ("counter-ISIS", "Pentagon", "US Department of Defense", "attributed by the author")
    ]


def test_authors_framing_has_no_speaker():
    found = extract("The real purpose of the deployment was always regime change in Damascus.")
    assert [(r["frame"], r["speaker"], r["voice"], r["cue"]) for r in found] == [
        ("regime-change/Assad", None, "author's framing", "regime change")
    ]


def test_one_clause_can_state_two_frames():
    assert summary("Officials have at times cited a counter-Iran and anti-ISIS mission.") == [
        ("counter-ISIS", "unnamed officials", "attributed by the author"),
        ("counter-Iran", "unnamed officials", "attributed by the author"),
    ]


def test_force_protection_and_the_presence_window():
    text = (
        "Lloyd Austin said US troops are in Iraq for a narrow reason. "
        "He added that commanders would act to protect US forces if attacked."
    )
    found = extract(text)
    assert [(r["frame"], r["speaker"], r["voice"]) for r in found] == [
        ("force-protection", "Lloyd Austin", "attributed by the author")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "An anti-ISIS coalition base near the river was struck by rockets on Monday.",
        "The base at the Omar oilfield came under drone attack.",
        "Militants fired at a patrol protecting US forces near the border.",
        "The weather was cold and the convoy waited.",
    ],
)
def test_no_justification_no_rows(text):
    assert extract(text) == []


def test_the_gate_looks_back_only_a_few_sentences():
    text = "The US presence in Syria is debated. " + "The road was quiet. " * 3 + "An anti-ISIS patrol drove by."
    assert extract(text) == []
    text = "The US presence in Syria is debated. An anti-ISIS patrol drove by."
    assert [r["frame"] for r in extract(text)] == ["counter-ISIS"]


def test_date_when_the_text_dates_the_statement():
    found = extract("On Tuesday, Lloyd Austin said the mission remained the defeat of ISIS.")
    assert [(r["frame"], r["date"]) for r in found] == [("counter-ISIS", "2024-03-05")]


def test_every_lexicon_frame_is_a_table_frame():
    assert set(load_lexicon("frames")["frames"]) <= set(frames.FRAMES)


def test_patterns_are_lower_case_because_they_run_on_lowercased_text():
    lex = load_lexicon("frames")
    patterns = lex["presence"] + [p for ps in lex["frames"].values() for p in ps]
    assert [p for p in patterns if p != p.lower()] == []
    cues = load_lexicon("cues")["status_cues"]
    assert [p for ps in cues.values() for p in ps if p != p.lower()] == []


def test_odd_unicode_case_still_matches():
    # "İ" lowercases to two characters, so the lowercased copy cannot be used for offsets
    found = extract("İ The real purpose of the deployment was always regime change.")
    assert [r["frame"] for r in found] == ["regime-change/Assad"]


FRAGMENTS = [
    "Trump",
    "said",
    '"',
    "to secure the oil",
    "the mission",
    "we're there for",
    "anti-ISIS",
    "counter-Iran",
    "regime change",
    "protect our forces",
    "presence",
    ".",
    ",",
    "\n",
    "It",
    "Pentagon",
    "according to",
    "cited",
    "Overnight",
    "on Friday",
]


@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join)))
def test_offsets_hold_and_keys_are_unique(text):
    if not text.strip():
        return
    found = extract(text)
    keys = [(r["start"], r["frame"]) for r in found]
    assert len(keys) == len(set(keys))
    assert all(r["frame"] in frames.FRAMES and r["voice"] in frames.VOICES for r in found)


# --- the seed, end to end -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_rows(seed_out):
    return read_table(seed_out, "justifications")


def test_seed_justifications(seed_rows):
    got = {(r["frame"], r["speaker"], r["voice"]) for r in seed_rows}
    assert ("oil", "Donald Trump", "speaker's own words") in got
    assert ("counter-ISIS", "Pat Ryder", "speaker's own words") in got
    assert ("counter-ISIS", "Pentagon", "attributed by the author") in got
    assert ("counter-Iran", "Pentagon", "attributed by the author") in got
    assert ("regime-change/Assad", "", "author's framing") in got
    assert ("force-protection", "Pat Ryder", "speaker's own words") in got
    cues = {r["frame"]: r["cue"] for r in seed_rows if r["speaker"] != "Pentagon"}
    assert cues["oil"] == "secure the oil" and cues["counter-ISIS"] == "enduring defeat of ISIS"
    # the attack reports higher up (Conoco oilfield, Iranian proxies) are not justifications
    assert len(seed_rows) == 6
