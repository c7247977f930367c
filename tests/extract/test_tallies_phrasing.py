"""Tally phrasings seen in articles nobody tuned the extractor on: parts cued by the noun
they count, coordinated casualty subjects, severity subsets, casualties counted over the
attacks' window, militias' own counts, named dead, a country as an attack's adjective,
sites, briefers and headline verbs. Every sentence is written for these tests; each
pattern has sentences that must not give the reading."""

import pytest

from tests.extract.tally_rows import found, row_of, rows


def total_of(text, value):
    """The value of the count that the count `value` is part of (None when it is no part)."""
    by_id = {r["tally_id"]: r for r in rows(text)}
    part = next(r for r in by_id.values() if r["value"] == value)
    return by_id[part["part_of"]]["value"] if part["part_of"] else None


# --- 1. a split cued by the noun it counts, its total sentences earlier --------------------


@pytest.mark.parametrize(
    "text",
    [
        "Militias have struck U.S. troops 66 times since Oct. 17. At least 62 service members suffered "
        "minor injuries. Of the attacks, 32 were in Iraq and 34 in Syria.",
        "American forces have come under attack 66 times, officials said Thursday. Nobody has died, but "
        "dozens were hurt. Among the attacks, 32 took place in Iraq and 34 in Syria.",
        "The Pentagon counts 66 attacks on U.S. personnel since mid-October. Of those strikes on U.S. "
        "bases, 32 occurred in Iraq and 34 in Syria.",
    ],
)
def test_a_part_cue_naming_attacks_finds_the_attack_total_sentences_earlier(text):
    parts = [r for r in rows(text) if r["value"] in (32, 34)]
    assert [(r["measure"], r["location"], r["split"]) for r in parts] == [
        ("attacks", "Iraq", "location"),
        ("attacks", "Syria", "location"),
    ]
    assert total_of(text, 32) == total_of(text, 34) == 66


def test_a_part_cue_naming_the_wounded_gives_injured_parts_after_an_attack_count():
    text = (
        "U.S. troops have been attacked 90 times since Oct. 17, and 70 have been injured. "
        "Of the wounded, 25 suffered traumatic brain injuries."
    )
    part = row_of(text, 25)
    assert (part["measure"], part["detail"], part["split"]) == ("injured", "traumatic brain injury", "type")
    assert total_of(text, 25) == 70


def test_a_named_part_is_never_part_of_a_smaller_count():
    text = "Rockets hit the base in Syria in 12 attacks on U.S. forces on Monday. Of the attacks, 32 were in Iraq."
    assert total_of(text, 32) is None


def test_a_named_part_whose_number_counts_something_else_is_no_tally():
    text = "U.S. forces were attacked 40 times since Oct. 17. Of the attacks, three rockets hit the runway."
    assert found(text) == [("attacks", 40, None)]


# --- 2. coordinated casualty subjects ------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Five American service members and another contractor were injured at a base in Syria on Monday.",
            [("injured", 5, "Syria"), ("injured", 1, "Syria")],
        ),
        (
            "A soldier and two contractors were wounded when rockets hit a base in Iraq on Tuesday.",
            [("injured", 1, "Iraq"), ("injured", 2, "Iraq")],
        ),
        (
            "Two sailors and a Marine were hurt in a drone strike in Syria, the Pentagon said.",
            [("injured", 2, "Syria"), ("injured", 1, "Syria")],
        ),
        (
            "The blast killed two soldiers and a U.S. contractor at an outpost in Jordan.",
            [("killed", 2, "Jordan"), ("killed", 1, "Jordan")],
        ),
    ],
)
def test_coordinated_subjects_are_separate_counts_that_share_the_place(text, expected):
    found_rows = rows(text)
    assert [(r["measure"], r["value"], r["location"]) for r in found_rows] == expected
    assert all(r["part_of"] is None for r in found_rows)


def test_another_counts_one_more_person():
    assert found("Another U.S. service member was hurt in a separate attack in Syria on Tuesday.") == [
        ("injured", 1, "Syria")
    ]


def test_another_before_a_number_is_no_person_of_its_own():
    text = "Of those attacks, 60 were in Iraq. Another 70 were in Syria."
    assert [v for _, v, _ in found("U.S. forces were attacked 130 times since Oct. 17. " + text)] == [130, 60, 70]


# --- 3. severity subsets inside the casualty clause ----------------------------------------


@pytest.mark.parametrize(
    "text, total, part, detail",
    [
        (
            "Three soldiers were wounded, one of them critically, in an attack in Iraq on Sunday.",
            3,
            1,
            "critical condition",
        ),
        ("A drone struck a U.S. outpost in Syria; four troops were hurt, two seriously.", 4, 2, "serious injury"),
        ("Six American personnel were injured, one of whom is in critical condition.", 6, 1, "critical condition"),
        ("The rocket barrage wounded five U.S. troops, two of them severely.", 5, 2, "serious injury"),
    ],
)
def test_a_severity_subset_is_a_typed_part_of_the_casualty_count(text, total, part, detail):
    row = row_of(text, part)
    assert (row["measure"], row["detail"], row["split"]) == ("injured", detail, "type")
    assert total_of(text, part) == total


def test_seriously_wounded_with_its_own_verb_is_a_count_of_its_own():
    text = "Two U.S. troops were killed and three seriously wounded in Syria on Monday."
    assert found(text) == [("killed", 2, "Syria"), ("injured", 3, "Syria")]
    assert row_of(text, 3)["part_of"] is None


def test_a_severity_word_after_a_count_of_attacks_is_no_part():
    text = "Militants attacked U.S. forces 20 times, two seriously damaging the runway."
    assert [(m, v) for m, v, _ in found(text)] == [("attacks", 20)]


# --- 4. casualties counted over the attacks' window -----------------------------------------


@pytest.mark.parametrize(
    "second",
    [
        "59 service members were injured in those attacks.",
        "Some 59 personnel were hurt in the attacks.",
        "During that period, 59 troops were wounded.",
        "In that time, 59 U.S. troops suffered injuries.",
    ],
)
def test_casualties_in_those_attacks_take_the_attack_counts_window(second):
    text = "Militias have attacked U.S. forces 150 times since Oct. 17, the Pentagon said Thursday. " + second
    injured = row_of(text, 59)
    assert (injured["measure"], injured["since"], injured["as_of"]) == ("injured", "2023-10-17", "2024-01-11")
    assert injured["carried"].startswith("since;as_of") or "since" in injured["carried"]


def test_casualties_of_one_attack_on_its_own_day_keep_that_day():
    text = (
        "U.S. troops have been attacked 150 times since Oct. 17. Three soldiers were injured in the attacks on Monday."
    )
    injured = row_of(text, 3)
    assert (injured["since"], injured["as_of"]) == ("2024-01-08", "2024-01-08")


def test_a_vague_start_of_the_attacks_is_not_replaced_by_an_earlier_one():
    text = (
        "U.S. forces were attacked 12 times between Oct. 17 and Oct. 24. "
        "Militants have attacked them more than 150 times since mid-October. "
        "About 70 troops were hurt in those attacks."
    )
    injured = row_of(text, 70)
    assert injured["since"] is None


# --- 5. claims of responsibility in the militia's words -------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("The group says it has carried out more than 110 operations against American bases since mid-October.", 110),
        ("The Islamic Resistance in Iraq said it had launched 40 strikes on US bases in Syria.", 40),
        ("The militia claims to have targeted US occupation bases 170 times since the war began.", 170),
        ("Kataib Hezbollah said it carried out over 100 operations targeting US occupation forces.", 100),
    ],
)
def test_a_claimants_own_count_of_operations_on_us_forces_is_attacks(text, value):
    assert [(m, v) for m, v, _ in found(text)] == [("attacks", value)]


@pytest.mark.parametrize(
    "text",
    [
        "U.S. operations against ISIS killed 30 militants in Syria last month.",
        "The coalition carried out 25 operations against ISIS in Syria.",
        "The U.S. carried out 25 operations in Syria last month, officials said.",
        "Militia strikes on Kurdish positions surpassed 40 this year.",
    ],
)
def test_operations_by_the_us_or_against_others_are_no_attacks(text):
    assert found(text) == []


# --- 6. named dead, a country as adjective, sites and briefers ------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The drone attack killed Sgt. Jane Doe, 31, and two others.", [("killed", 2, None)]),
        (
            "The blast killed Staff Sgt. John Roe, 40, of Dayton, Ohio, and two other soldiers at a base in Jordan.",
            [("killed", 2, "Jordan")],
        ),
        ("The attack wounded Spc. Mary Poe and three other U.S. soldiers in Syria.", [("injured", 3, "Syria")]),
    ],
)
def test_the_count_after_named_casualties_is_the_stated_number_not_a_sum(text, expected):
    assert found(text) == expected


def test_others_after_a_foreign_name_are_no_us_casualties():
    assert found("The strike killed Iraqi commander Abu Ali and two others.") == []


@pytest.mark.parametrize(
    "text, location",
    [
        ("The Jordan attack killed three U.S. soldiers.", "Jordan"),
        ("Three soldiers died after the Syria strike on Sunday.", "Syria"),
        ("The Iraq and Syria attacks have injured 60 troops since Oct. 17.", "Iraq and Syria"),
        ("Jordan Drone Attack Kills 3 U.S. Soldiers", "Jordan"),
    ],
)
def test_a_country_before_an_attack_noun_is_the_place(text, location):
    assert found(text)[0][2] == location


@pytest.mark.parametrize(
    "text",
    [
        "Jordan said three U.S. soldiers were killed.",
        "Syria policy hawks said three U.S. soldiers were killed.",
    ],
)
def test_a_country_as_subject_or_before_another_noun_is_no_place(text):
    assert found(text) == [("killed", 3, None)]


@pytest.mark.parametrize(
    "site, country",
    [
        ("K-1 air base", "Iraq"),
        ("Camp Victory", "Iraq"),
        ("the Baghdad Diplomatic Support Center", "Iraq"),
        ("the Green Zone", "Iraq"),
        ("Tabqa", "Syria"),
        ("Kobani", "Syria"),
        ("Ain Issa", "Syria"),
        ("Azraq", "Jordan"),
        ("Camp Buehring", "Kuwait"),
        ("Al Udeid", "Qatar"),
    ],
)
def test_added_sites_resolve_to_their_country(site, country):
    assert found(f"A rocket attack on {site} wounded four U.S. service members.") == [("injured", 4, country)]


@pytest.mark.parametrize(
    "text, source",
    [
        ("U.S. forces have been attacked 170 times, Matthew Miller told reporters.", "State Department"),
        ("U.S. forces have been attacked 170 times, Lt. Gen. Douglas Sims said.", "Joint Chiefs of Staff"),
        ("U.S. forces have been attacked 170 times, Karine Jean-Pierre said.", "White House"),
        (
            "U.S. forces have been attacked 170 times, according to the Syrian Observatory.",
            "Syrian Observatory for Human Rights",
        ),
        ("U.S. forces have been attacked 170 times, Hegseth said.", "Defense Secretary"),
    ],
)
def test_added_briefers_and_bodies_are_sources(text, source):
    assert row_of(text, 170)["attributed_to"] == source


def test_a_common_surname_alone_is_no_briefer():
    assert row_of("U.S. forces have been attacked 170 times, Miller said.", 170)["attributed_to"] is None


# --- 7. headline verbs that hedge ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, measure, value, qualifier",
    [
        ("Attacks on US forces in Middle East passes 160", "attacks", 160, "more_than"),
        ("Attacks on US troops top 150", "attacks", 150, "more_than"),
        ("Militia strikes on US forces surpass 170", "attacks", 170, "more_than"),
        ("Attacks on American troops climb past 150 as militias escalate", "attacks", 150, "more_than"),
        ("Attacks on U.S. bases near 100, Pentagon says", "attacks", 100, "fewer_than"),
        ("Number of US troops hurt in Mideast attacks tops 60", "injured", 60, "more_than"),
        ("Attacks against US forces approach 100", "attacks", 100, "fewer_than"),
        ("Attacks on US forces rise to 120", "attacks", 120, "exact"),
    ],
)
def test_headline_verbs_give_the_measure_and_the_qualifier(text, measure, value, qualifier):
    row = row_of(text, value)
    assert (row["measure"], row["qualifier"]) == (measure, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "The top 10 militia leaders fled to Iran.",
        "U.S. strikes on militia sites passed 85 this week.",
        "Troops stationed near 100 villages were moved.",
    ],
)
def test_hedging_verbs_without_a_count_are_no_tally(text):
    assert found(text) == []


# --- 11. a colon or dash opens the breakdown; verbs of happening and suffering -------------


@pytest.mark.parametrize(
    "text",
    [
        "Ninety U.S. personnel have been hurt in the strikes: 51 suffered concussions and the rest light wounds.",
        "Ninety U.S. personnel have been hurt in the strikes - 51 sustained concussions, officials said.",
    ],
)
def test_a_colon_or_dash_makes_the_next_count_a_part_of_the_one_before(text):
    assert total_of(text, 51) == 90


def test_two_counts_joined_by_and_are_no_breakdown():
    text = "Ninety U.S. personnel were hurt in October and 51 were hurt in November."
    assert total_of(text, 51) is None


@pytest.mark.parametrize("verb", ["took place", "occurred", "happened"])
def test_verbs_of_happening_keep_a_part_of_the_attacks(verb):
    text = f"There have been 70 attacks on U.S. forces. Of those, 33 {verb} in Iraq and 37 in Syria."
    assert ("attacks", 33, "Iraq") in found(text) and total_of(text, 33) == 70


@pytest.mark.parametrize("who", ["the attackers", "the assailants"])
def test_casualties_among_the_attackers_are_no_us_casualties(who):
    assert found(f"A rocket barrage hit the base on Tuesday, killing 12 of {who}, officials said.") == []
