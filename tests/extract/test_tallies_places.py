"""Where a count that names no place is NOT located by the text near it: a part's place is
not its total's, one attack's place is not a running total's, the sentences after a count
that heads a breakdown place its parts, and a place in a joined clause of another measure
belongs to that clause's count. And where the nearby text still places it. Every sentence
is written for these tests."""

import pytest

from tests.extract.tally_rows import found

# --- a part's place is not its total's -----------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Iran-backed groups have attacked US forces 60 times and injured 56 personnel. "
            "Two dozen of the attacks hit bases in Syria.",
            [("attacks", 60, None), ("injured", 56, None), ("attacks", 24, "Syria")],
        ),
        (
            "U.S. forces have been attacked 90 times since mid-October. About 40 of those attacks were in Iraq.",
            [("attacks", 90, None), ("attacks", 40, "Iraq")],
        ),
        (
            "Militias have wounded 45 American troops. Of them, 12 were hurt at a base in Syria.",
            [("injured", 45, None), ("injured", 12, "Syria")],
        ),
    ],
)
def test_a_part_in_the_next_sentence_does_not_place_its_total(text, expected):
    assert found(text) == expected


def test_a_total_keeps_its_own_place_above_a_located_part():
    text = "Militias have attacked U.S. troops in Iraq 30 times. Ten of the attacks struck Erbil."
    assert found(text) == [("attacks", 30, "Iraq"), ("attacks", 10, "Iraq")]


# --- one attack's place is not a running total's ------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        (
            "A drone struck a base in eastern Syria on Monday. It was the 118th attack on American troops since October.",
            118,
        ),
        ("Rockets hit the Erbil airport in Iraq on Tuesday. It was the 75th attack on U.S. forces since Oct. 17.", 75),
        (
            "A one-way drone hit a patrol base in Syria on Sunday. "
            "U.S. forces have now been attacked 140 times since October.",
            140,
        ),
    ],
)
def test_a_running_total_is_not_located_by_the_attack_described_before_it(text, value):
    assert ("attacks", value, None) in found(text)


@pytest.mark.parametrize(
    "text, value, location",
    [
        (
            "Attacks on American bases in Syria have grown more frequent. "
            "U.S. forces there have been attacked 70 times since October.",
            70,
            "Syria",
        ),
        (
            "A drone hit Tower 22 in Jordan on Sunday, killing three soldiers. "
            "It was the 160th attack on U.S. troops in the Middle East since October.",
            160,
            "Middle East",
        ),
        ("Attacks on U.S. forces in Syria continue.\nThe attacks have injured 14 U.S. troops.", 14, "Syria"),
    ],
)
def test_a_running_total_still_takes_the_place_of_the_campaign_or_its_own(text, value, location):
    assert next(r for r in found(text) if r[1] == value)[2] == location


# --- the sentences after a count that heads a breakdown place its parts --------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("Among the 21 troops hurt, most had minor wounds. Most were at al-Asad air base.", 21),
        ("Of the 34 service members injured, many returned to duty. Several were at a base in Syria.", 34),
    ],
)
def test_a_count_heading_a_breakdown_takes_no_place_from_its_parts_after_it(text, value):
    assert ("injured", value, None) in found(text)


def test_a_count_heading_a_breakdown_still_takes_the_place_before_it():
    text = "Rockets struck a base in Iraq on Monday. Among the 12 troops hurt, most had concussions."
    assert found(text) == [("injured", 12, "Iraq")]


def test_a_plain_count_still_takes_the_place_of_the_sentence_after_it():
    text = "Eleven U.S. soldiers have been wounded so far.\nMost served at outposts in Iraq."
    assert found(text) == [("injured", 11, "Iraq")]


# --- a joined clause of another measure keeps its place ------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "U.S. troops have been shot at roughly 100 times, and three Americans died at Tower 22.",
            [("attacks", 100, None), ("killed", 3, "Jordan")],
        ),
        (
            "Bases have been attacked 45 times, while two soldiers were wounded at al-Asad air base.",
            [("attacks", 45, None), ("injured", 2, "Iraq")],
        ),
        (
            "Three soldiers were hurt at al-Asad air base, and militants have attacked bases 50 times since October.",
            [("injured", 3, "Iraq"), ("attacks", 50, None)],
        ),
    ],
)
def test_attacks_do_not_take_the_place_of_casualties_in_a_joined_clause(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The drone killed three soldiers and wounded 25 at Tower 22.",
            [("killed", 3, "Jordan"), ("injured", 25, "Jordan")],
        ),
        (
            "Militants attacked U.S. forces in Syria 20 times, and 30 troops were injured.",
            [("attacks", 20, "Syria"), ("injured", 30, "Syria")],
        ),
        ("Rockets hit a base in Iraq, wounding four troops.", [("injured", 4, "Iraq")]),
    ],
)
def test_one_clause_and_casualties_of_located_attacks_keep_the_place(text, expected):
    assert found(text) == expected
