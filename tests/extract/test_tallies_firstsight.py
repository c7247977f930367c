"""Tally phrasings first met in paragraphs written in the styles of wire copy, briefing
transcripts, militia claims and op-eds, scored at first sight before any rule was changed:
ordinal counts, a split opening the next sentence, the figure a count rose from, named
briefers, a breakdown by site after a colon, "the others" of one attack, passive "shot at";
and what must stay no tally: another war's dead and tolls, a pause's start, a unit's
number. Every sentence is written for these tests."""

import datetime as dt

import pytest

from tests.extract.tally_rows import FRIDAY, found, row_of, rows

# --- ordinals: the count an attack brought the tally to ------------------------------------


@pytest.mark.parametrize(
    "text, value, location",
    [
        (
            "Tuesday's drone strike in eastern Syria was the 115th attack on American forces in Iraq and Syria "
            "since Oct. 17, according to a Pentagon tally.",
            115,
            "Iraq and Syria",
        ),
        (
            "It was the first attack on U.S. forces in the region since Feb. 4, and the 171st since mid-October.",
            171,
            "Middle East",
        ),
        (
            "Wednesday's rocket attack on the Ain al-Asad base was the 158th on U.S. forces since mid-October.",
            158,
            None,
        ),
        ("US troops attacked for 92nd time since October", 92, None),
        ("U.S. forces were struck for the 64th time on Monday.", 64, None),
    ],
)
def test_an_ordinal_attack_is_a_count_of_attacks_not_the_place_of_that_attack(text, value, location):
    row = row_of(text, value, dt.date(2024, 3, 1))
    assert (row["measure"], row["location"]) == ("attacks", location)


@pytest.mark.parametrize(
    "text",
    [
        "The soldiers were assigned to the 718th Engineer Company.",
        "The 3rd Infantry Division returned from Kuwait.",
        "It was his 2nd deployment since the attacks began.",
        "The 22nd attack drone was shot down.",
    ],
)
def test_an_ordinal_naming_a_unit_or_no_attack_is_no_count(text):
    assert found(text) == []


# --- a split that opens the next sentence ---------------------------------------------------


def test_a_bare_count_opening_the_next_sentence_splits_an_unlocated_total():
    text = "At least 38 attacks have targeted U.S. forces since mid-October. Twenty-one were in Syria and the rest in Iraq."
    total = row_of(text, 38)
    part = row_of(text, 21)
    assert (part["measure"], part["location"], part["part_of"]) == ("attacks", "Syria", total["tally_id"])
    assert total["location"] == "Iraq and Syria"


@pytest.mark.parametrize(
    "second",
    [
        "About 900 are in Syria.",  # where troops are, not where attacks were
        "Forty were in Syria.",  # more than the total: no part of it
    ],
)
def test_a_bare_count_after_a_total_that_cannot_be_its_part(second):
    assert [v for _, v, _ in found("U.S. forces have been attacked 38 times since mid-October. " + second)] == [38]


# --- the figure a count rose from ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The number of attacks on U.S. forces in Iraq and Syria rose to 97 from 83 a week earlier, an official said.",
        "There have been 97 attacks on U.S. forces in Iraq and Syria, up from 83 last week.",
    ],
)
def test_the_figure_a_count_rose_from_is_the_same_measure(text):
    assert found(text) == [("attacks", 97, "Iraq and Syria"), ("attacks", 83, "Iraq and Syria")]
    assert row_of(text, 83)["part_of"] is None


@pytest.mark.parametrize(
    "text",
    [
        "The number of U.S. troops in Syria rose to 900 from 800 last year.",
        "The Palestinian death toll in Gaza has climbed to 23,000 from 21,000, the health ministry said.",
        "Deaths in Israel reached 1,200, officials said.",
    ],
)
def test_troop_levels_and_another_wars_toll_rising_are_no_tally(text):
    assert found(text) == []


# --- U.S. people in view: a named briefer; another war's soldiers ----------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Of the roughly 70 injuries, about 30 were traumatic brain injuries, Maj. Gen. Pat Ryder told reporters.",
            [("injured", 70, None), ("injured", 30, None)],
        ),
        (
            "GEN. RYDER: We're tracking 58 attacks.\nQ: And injuries?\nGEN. RYDER: As far as injuries, the number "
            "remains at 59.",
            [("attacks", 58, None), ("injured", 59, None)],
        ),
    ],
)
def test_a_named_us_briefer_or_the_number_that_remains_gives_a_casualty_count(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Israel's military says 187 soldiers have been killed in the ground offensive in Gaza.",
        "Gaza's health ministry said 40 people were killed and 12 soldiers wounded in Israeli strikes.",
    ],
)
def test_soldiers_in_a_sentence_about_another_war_are_no_us_casualties(text):
    assert found(text) == []


def test_us_soldiers_named_as_such_count_beside_another_war():
    assert found("Two U.S. soldiers were wounded near the Gaza border, the Pentagon said.") == [("injured", 2, None)]


# --- a breakdown by site after a colon; the others of one attack -----------------------------


def test_a_breakdown_by_site_after_a_colon_is_the_parts_of_the_count_before_it():
    text = "Monday saw three drone attacks on U.S. bases: two at al-Asad in western Iraq and one at al-Tanf in Syria."
    got = rows(text)
    assert [(r["value"], r["location"]) for r in got] == [(3, "Iraq and Syria"), (2, "Iraq"), (1, "Syria")]
    assert got[1]["part_of"] == got[2]["part_of"] == got[0]["tally_id"]


def test_at_without_a_place_opens_no_part():
    assert [v for _, v, _ in found("Rockets hit the U.S. base three times, two at the gate.")] == [3]


def test_the_others_hurt_in_an_attack_share_its_place_with_the_first_casualty():
    text = (
        "A U.S. service member was critically wounded and two others suffered minor injuries when a drone "
        "hit Erbil air base early Wednesday."
    )
    assert found(text) == [("injured", 1, "Iraq"), ("injured", 2, "Iraq")]


# --- passive "shot at" -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Since October, those troops have been shot at roughly 100 times.", [("attacks", 100, None)]),
        ("U.S. troops were fired at 12 times last week.", [("attacks", 12, None)]),
        ("The soldiers fired at the drone three times.", []),
    ],
)
def test_passive_shot_at_counts_attacks_and_the_troops_firing_do_not(text, expected):
    assert found(text) == expected


# --- windows: a pause, a day's count beside a total with its own start -----------------------


def test_the_start_of_a_pause_is_no_start_of_the_count_before_it():
    text = (
        "There have been no attacks on US forces since February 4, after the militia announced a halt. "
        "Before that, US troops had been targeted more than 160 times."
    )
    assert row_of(text, 160, dt.date(2024, 2, 14))["since"] is None


def test_a_days_count_does_not_date_a_running_total_with_its_own_start():
    text = (
        "The monitor said the groups had carried out 4 drone attacks on the US base in Syria on Wednesday. "
        "The monitor has documented 92 such attacks on US bases in Syria since October 19."
    )
    assert (row_of(text, 92)["since"], row_of(text, 92)["as_of"]) == ("2023-10-19", None)


def test_a_days_attacks_that_bring_the_total_to_its_figure_date_it():
    text = (
        "Militants attacked U.S. bases in Syria three times on Monday. "
        "The attacks bring the total number of attacks since October 17 to 52."
    )
    assert row_of(text, 52, FRIDAY)["as_of"] == "2024-01-08"
