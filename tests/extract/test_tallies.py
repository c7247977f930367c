"""Tally extraction: every phrasing the issue lists, on short sentences written for these
tests (never copied from articles), the numbers that must not become tallies, offsets
that always point at the evidence, and the seed run through the command line."""

import datetime as dt

import pytest
from conftest import read_table
from hypothesis import given
from hypothesis import strategies as st

from analysis.extract import tallies
from analysis.extract.pipeline import parse
from analysis.paths import SEEDS
from analysis.text.corpus import Document

PUBLISHED = dt.date(2024, 1, 12)  # a Friday: "Thursday" is 2024-01-11, "Monday" 2024-01-08


def rows(text, published=PUBLISHED):
    return tallies.extract(parse(Document("t", "t.txt", text, "0" * 64, {"published": published})))


def only(text, **kwargs):
    found = rows(text, **kwargs)
    assert len(found) == 1, [(r["measure"], r["value"], r["number_text"]) for r in found]
    return found[0]


def subset(row, expected):
    return {k: row[k] for k in expected} == expected


# --- one tally per sentence: measure, value, qualifier ------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Militia fighters have hit American positions at least 151 times.",
            {"measure": "attacks", "value": 151, "qualifier": "at_least"},
        ),
        (
            "So far there have been at least 151 attacks on U.S. bases.",
            {"measure": "attacks", "value": 151, "qualifier": "at_least"},
        ),
        (
            "More than 60 troops have been hurt in the strikes on the garrisons.",
            {"measure": "injured", "value": 60, "qualifier": "more_than"},
        ),
        (
            "Three U.S. service members were killed in the strike.",
            {"measure": "killed", "value": 3, "qualifier": "exact", "target": "U.S. troops"},
        ),
        (
            "The attacks have caused roughly 70 injuries so far.",
            {"measure": "injured", "value": 70, "qualifier": "about"},
        ),
        (
            "Nearly 70 American soldiers have been wounded.",
            {"measure": "injured", "value": 70, "qualifier": "fewer_than"},
        ),
        ("Fewer than 20 personnel were hurt.", {"measure": "injured", "value": 20, "qualifier": "fewer_than"}),
        (
            "Militants have mounted sixty-six attacks on coalition forces.",
            {"measure": "attacks", "value": 66, "target": "U.S. and coalition forces"},
        ),
        (
            "Gunmen staged a dozen attacks on the outposts.",
            {"measure": "attacks", "value": 12, "number_text": "a dozen"},
        ),
        ("Rebels launched two dozen rocket attacks.", {"measure": "attacks", "value": 24, "weapons": "rocket"}),
        ("One hundred and twelve attacks have been logged.", {"measure": "attacks", "value": 112}),
        ("The blast killed four U.S. soldiers.", {"measure": "killed", "value": 4}),
        ("The raid wounded 12 American airmen.", {"measure": "injured", "value": 12}),
        ("A rocket hit the U.S. base, killing two and wounding several more.", {"measure": "killed", "value": 2}),
        (
            "The drone killed three and injured 40, the Pentagon said of the attack on U.S. troops.",
            [("killed", 3), ("injured", 40)],
        ),
        ("Two soldiers died and 9 were wounded.", [("killed", 2), ("injured", 9)]),
        ("The toll among U.S. personnel reached 34 casualties.", {"measure": "casualties", "value": 34}),
        ("The count of attacks against American troops has climbed to 180.", {"measure": "attacks", "value": 180}),
        ("Attacks on U.S. Troops Climb to 175", {"measure": "attacks", "value": 175}),
        ("The tally of attacks stood at 98 by the end of the week.", {"measure": "attacks", "value": 98}),
    ],
)
def test_measure_value_and_qualifier(text, expected):
    if isinstance(expected, list):  # two tallies in one sentence, each with its own measure
        assert [(r["measure"], r["value"]) for r in rows(text)] == expected
    else:
        assert subset(only(text), expected)


# --- what is NOT a tally ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The base was built in 2017 and expanded in 2021.",  # years
        "A 31-year-old sergeant led the patrol.",  # ages
        "Staff Sgt. Jane Roe, 29, of Ohio, was promoted.",  # ages after a name
        "Crews fired 155mm shells and 7.62 rounds.",  # calibres
        "The outpost lies 12 miles from the border and 20 km from the river.",  # distances
        "Congress approved $14 billion and 300 million dollars for the mission.",  # money
        "Roughly 2,500 U.S. troops are in Iraq and about 900 in Syria.",  # troop levels
        "The Pentagon will send 1,500 more troops to the region.",  # troop levels
        "The militias operate near 8 bases in the east.",  # bases
        "The group fired 14 rockets and three drones at the airfield on Sunday.",  # munitions in one incident
        "The strikes lasted 3 days and hit 85 targets.",  # days, other targets
        "Retaliatory strikes killed 18 militants and wounded 6 fighters.",  # the attackers' own losses
        "Kataib Hezbollah said 40 of its members were killed.",  # the attackers' own losses
        "Nobody was hurt, and no U.S. personnel were injured in the attack.",  # one incident, no window
        "Hamas killed about 1,200 and took 240 hostages; 1,200 were killed in all.",  # nothing says U.S. troops
        "The war has left more than 25,000 Palestinians dead.",
        "The rebels have staged 30 attacks on commercial shipping.",  # attacks on something else
        "The patrol passed Tower 22 in Jordan at 9:45 on Oct. 17.",  # names, times, dates
        "There are three times as many drones as last year.",  # "times" that is not a count
        "He said there was one reason and one reason only.",
        "The U.S. military has struck back at the militias three times.",  # the U.S. striking
        "The Houthis have attacked ships 30 times since November.",  # someone else's target
        "The 1,000-pound bomb was one of 2 dropped on Route 1.",
        "An attack on the base injured no one, officials said.",
    ],
)
def test_not_a_tally(text):
    assert rows(text) == []


# --- place -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, location",
    [
        ("Militias attacked U.S. forces in Syria and Iraq 45 times.", "Iraq and Syria"),
        ("U.S. troops were attacked 20 times in Iraq, Syria", "Iraq and Syria"),  # headline list
        ("American bases across the Middle East have come under attack 80 times.", "Middle East"),
        ("A drone strike killed three U.S. soldiers at a base in northeast Jordan.", "Jordan"),
        ("Rockets hit Erbil air base, wounding 4 U.S. personnel.", "Iraq"),  # a site maps to its country
        ("The Islamic Resistance in Iraq said it launched 15 attacks.", None),  # a name, not a place
        ("The attacks have caused 70 injuries since the war in Gaza began.", None),  # a war named as a date
    ],
)
def test_location(text, location):
    assert only(text)["location"] == location


def test_location_is_carried_from_the_sentence_before_and_marked():
    text = "Attacks on U.S. forces in Syria continue.\nThe attacks have injured 14 U.S. troops."
    row = only(text)
    assert row["location"] == "Syria"
    assert "location" in row["carried"].split(";")


def test_location_is_carried_from_a_later_sentence_when_none_comes_before():
    row = only("Eleven U.S. soldiers have been wounded so far.\nMost served at outposts in Iraq.")
    assert row["location"] == "Iraq" and row["carried"] == "location"


def test_location_empty_only_when_the_document_names_none():
    assert only("Twenty U.S. soldiers have been wounded so far.")["location"] is None


# --- window ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, since, as_of",
    [
        ("Militias have attacked U.S. forces 70 times since Oct. 17.", "2023-10-17", None),
        ("Militias have attacked U.S. forces 70 times since mid-October.", None, None),  # a vague start: no day
        ("As of Monday, U.S. forces had come under attack 140 times.", None, "2024-01-08"),
        ("U.S. forces have been targeted 140 times since Oct. 17 as of Monday.", "2023-10-17", "2024-01-08"),
        ("Attacks on American bases numbered 140 between Oct. 17 and Jan. 11.", "2023-10-17", "2024-01-11"),
        ("The Pentagon said Thursday there had been 77 attacks.", None, "2024-01-11"),  # the day the source spoke
        ("Forty U.S. soldiers have been hurt since the start of the Israel-Hamas war.", "2023-10-07", None),
    ],
)
def test_window(text, since, as_of):
    row = only(text)
    assert (row["since"], row["as_of"]) == (since, as_of)


def test_sub_window_count_is_a_tally_and_part_of_the_longer_window():
    text = (
        "Militias have attacked U.S. troops 90 times since Oct. 17 as of Monday, officials said. "
        "There have been five attacks since Nov. 29."
    )
    total, part = rows(text)
    assert (part["value"], part["since"], part["as_of"]) == (5, "2023-11-29", "2024-01-08")
    assert part["part_of"] == total["tally_id"] and part["split"] == "window"
    assert "as_of" in part["carried"] and "since" not in part["carried"]


# --- source ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source",
    [
        ("U.S. troops have been attacked 88 times, according to the Pentagon.", "Pentagon"),
        ("According to the Defense Department, U.S. troops have been attacked 88 times.", "Pentagon"),
        ("Pentagon spokesperson Jane Doe said U.S. troops have been attacked 88 times.", "Pentagon spokesperson"),
        ("U.S. troops have been attacked 88 times, said a Pentagon spokeswoman.", "Pentagon spokeswoman"),
        ("U.S. troops have been attacked 88 times, officials said.", "officials"),
        ("U.S. troops have been attacked 88 times, two U.S. officials told reporters.", "U.S. officials"),
        ("Central Command said 5 U.S. troops were wounded.", "U.S. Central Command"),
        ("U.S. troops have been attacked 88 times.", None),
        ("Attacks on U.S. troops jump to 88: Pentagon", "Pentagon"),  # a headline's source
        ("U.S. troops have been attacked 88 times, per the Pentagon.", "Pentagon"),
        (
            "Jane Doe, the deputy Pentagon press secretary, said troops had been attacked 88 times.",
            "Pentagon deputy press secretary",
        ),
        (
            "Pentagon Press Secretary Air Force Maj. Gen. John Doe told reporters there were 88 attacks.",
            "Pentagon press secretary",
        ),
    ],
)
def test_attributed_to(text, source):
    assert only(text)["attributed_to"] == source


def test_a_source_inside_another_clause_does_not_claim_the_tally():
    text = (
        "Militias have attacked U.S. forces 100 times since Oct. 17, the Pentagon said Thursday.\n"
        "The attacks have wounded 50 U.S. troops, but a Pentagon spokeswoman said Thursday that no "
        "troops have been hurt since Jan. 2."
    )
    total, wounded, zero = rows(text)
    assert (wounded["value"], wounded["attributed_to"], wounded["since"], wounded["as_of"]) == (
        50,
        "Pentagon",
        "2023-10-17",
        "2024-01-11",
    )
    assert set(wounded["carried"].split(";")) >= {"since", "as_of", "attributed_to"}
    assert (zero["value"], zero["attributed_to"], zero["since"], zero["as_of"]) == (
        0,
        "Pentagon spokeswoman",
        "2024-01-02",
        "2024-01-11",
    )
    assert zero["part_of"] == wounded["tally_id"] and zero["split"] == "window"


# --- target, perpetrator, weapons ----------------------------------------------------


def test_target_perpetrator_and_weapons_from_the_clause():
    row = only("Iranian-backed groups have launched 42 rocket, mortar and drone attacks on U.S. bases.")
    assert row["perpetrator"] == "Iran-backed militias"
    assert row["weapons"] == "rocket; mortar; drone"
    assert row["target"] == "U.S. forces"


def test_perpetrator_only_when_tied_to_the_attacks():
    row = only("U.S. troops, who are there to fight ISIS, have been attacked 12 times since Oct. 17.")
    assert row["perpetrator"] is None


# --- splits and totals -------------------------------------------------------------


def _split(text):
    found = rows(text)
    total = next(r for r in found if r["part_of"] is None)
    parts = {r["location"]: r["value"] for r in found if r["part_of"] == total["tally_id"]}
    return total["value"], total["location"], parts


@pytest.mark.parametrize(
    "text",
    [
        "Militias have attacked U.S. forces 95 times, 40 in Iraq and 55 in Syria.",
        "Of the 95 attacks, 40 were in Iraq and 55 in Syria.",
        "There were 40 attacks in Iraq and 55 in Syria, for a total of 95.",
        "U.S. forces in Iraq and Syria have been attacked 95 times, totaling 40 attacks in Iraq and 55 in Syria.",
        "U.S. forces have been attacked 95 times. There have been 40 attacks in Iraq and 55 in Syria.",
    ],
)
def test_split_by_country_and_total_before_or_after(text):
    assert _split(text) == (95, "Iraq and Syria", {"Iraq": 40, "Syria": 55})


def test_partitive_split_in_the_next_sentence():
    text = (
        "U.S. forces have been attacked at least 95 times since Oct. 17, a defense official said. "
        "The official said 55 of the attacks were in Syria and 40 in Iraq."
    )
    assert _split(text) == (95, "Iraq and Syria", {"Iraq": 40, "Syria": 55})


def test_a_list_of_places_with_an_adverb_and_a_split_with_a_single_attack():
    text = (
        "There have been more than 120 attacks on U.S. forces in Iraq, Syria and now Jordan. "
        "Of those, 50 were in Iraq, 69 in Syria and one in Jordan."
    )
    assert _split(text) == (120, "Iraq, Jordan and Syria", {"Iraq": 50, "Syria": 69, "Jordan": 1})


def test_a_region_gives_way_to_a_country_named_beside_it():
    assert (
        only("The drone attack in the Middle East killed 3 U.S. soldiers at a base in Jordan.")["location"] == "Jordan"
    )


def test_two_separate_counts_are_not_a_split():
    found = rows("Two U.S. soldiers were killed in Jordan, and in another attack one U.S. soldier was killed.")
    assert [(r["value"], r["part_of"]) for r in found] == [(2, None), (1, None)]


def test_including_gives_a_part_of_the_total():
    total, part = rows("U.S. troops have been attacked 95 times, including 55 in Syria.")
    assert (part["value"], part["location"], part["part_of"], part["split"]) == (
        55,
        "Syria",
        total["tally_id"],
        "location",
    )


def test_of_those_subset_in_the_next_sentence():
    total, part = rows("The strikes have injured 80 U.S. service members. Of those, 31 were traumatic brain injuries.")
    assert (part["measure"], part["value"], part["detail"]) == ("injured", 31, "traumatic brain injury")
    assert part["part_of"] == total["tally_id"] and part["split"] == "type"


def test_of_which_subset():
    total, part = rows("There have been 95 attacks, of which 55 were in Syria.")
    assert part["part_of"] == total["tally_id"] and part["location"] == "Syria"


# --- zero counts -------------------------------------------------------------------


def test_zero_with_a_window_is_a_tally():
    row = only("No American troops have been injured since Dec. 30.")
    assert (row["measure"], row["value"], row["number_text"], row["since"]) == ("injured", 0, "No", "2023-12-30")


def test_a_pause_in_attacks_states_no_figure():
    # the annotation rules leave "no attacks since ..." out (a pause, not a count); a zero
    # casualty count with a window stays (the seed's "no troops have been injured since Dec. 25")
    assert rows("There have been no attacks since Jan. 3.") == []


# --- rows and offsets --------------------------------------------------------------


def test_row_columns_match_the_table_and_offsets_hold():
    text = "Intro line.\nMilitias attacked U.S. forces 95 times since Oct. 17, officials said."
    (row,) = rows(text)
    assert list(row) == tallies.TABLE.columns
    assert text[row["start"] : row["end"]] == row["quote"]
    assert text[row["number_start"] : row["number_end"]] == row["number_text"] == "95"
    assert row["tally_id"] == f"t:{row['number_start']}"


def test_without_a_publication_date_relative_dates_stay_empty():
    row = only("U.S. forces have come under attack 140 times as of Monday.", published=None)
    assert row["as_of"] is None and row["value"] == 140


PHRASES = st.sampled_from(
    [
        "attacks",
        "attacked",
        "130",
        "times",
        "since",
        "Oct. 17",
        "in",
        "Iraq",
        "and",
        "77",
        "Syria",
        ",",
        ".",
        "no",
        "troops",
        "have",
        "been",
        "injured",
        "U.S.",
        "killed",
        "three",
        "of",
        "those",
        "were",
        "including",
        "a total of",
        "according to",
        "the Pentagon",
        "said",
        "Thursday",
        "as of",
        "at least",
        "more than",
        "\n",
        "Tower",
        "22",
        "drone",
        "a dozen",
        "İ",
        "ſix",
        "٣",
        "—",
        "“",
        "nearly",
        "Of those,",
        "$",
        "5",
        "1,200",
        "2024",
    ]
)


@given(st.one_of(st.text(), st.lists(PHRASES, max_size=80).map(" ".join)))
def test_offsets_always_point_at_the_quote_and_number(text):
    for row in rows(text):
        assert text[row["start"] : row["end"]] == row["quote"]
        assert text[row["number_start"] : row["number_end"]] == row["number_text"]
        assert row["start"] <= row["number_start"] < row["number_end"] <= row["end"]
        assert row["measure"] in tallies.MEASURES and row["qualifier"] in tallies.QUALIFIERS
        assert isinstance(row["value"], int) and row["value"] >= 0


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\x00\x01", "٣٣٣ attacks", "🙂" * 1000, "9" * 5000 + " attacks"])
def test_odd_text_does_not_crash(text):
    rows(text)


def test_a_huge_document_does_not_crash():
    sentence = (
        "Militias have attacked U.S. forces 53 times in Iraq and 77 times in Syria since Oct. 17, officials said. "
    )
    found = rows(sentence * 3000)
    assert len(found) == 6000


# --- the seed through the command line ---------------------------------------------


def test_cli_on_the_seed_gives_exactly_the_issue_rows(seed_out):
    got = read_table(seed_out, "tallies")
    keys = ("measure", "value", "location", "since", "as_of", "attributed_to")
    assert sorted(tuple(r[k] for k in keys) for r in got) == sorted(
        [
            ("attacks", "130", "Iraq and Syria", "2023-10-17", "2024-01-11", "Pentagon"),
            ("attacks", "53", "Iraq", "2023-10-17", "2024-01-11", "Pentagon"),
            ("attacks", "77", "Syria", "2023-10-17", "2024-01-11", "Pentagon"),
            ("injured", "69", "Iraq and Syria", "2023-10-17", "2024-01-11", "Pentagon"),
            ("injured", "0", "Iraq and Syria", "2023-12-25", "2024-01-11", "Pentagon spokesman"),
        ]
    )
    injured = next(r for r in got if r["value"] == "69")
    assert injured["target"] == "U.S. troops"
    assert injured["weapons"] == "drone; rocket; mortar; missile"
    assert set(injured["carried"].split(";")) >= {"since", "as_of", "attributed_to"}
    text = (SEEDS / "000_1c69196dbcf4aa03.txt").read_text(encoding="utf-8")
    for r in got:
        assert text[int(r["start"]) : int(r["end"])] == r["quote"]
        assert text[int(r["number_start"]) : int(r["number_end"])] == r["number_text"]
    zero = next(r for r in got if r["value"] == "0")
    assert "no troops have been injured since Dec. 25" in zero["quote"]
    assert zero["number_text"] == "no"
