"""Tally extraction by the error classes of issue 13, section 3: place scope, whose
casualties, measure, ellipsis and anaphora, windows, number forms and dates. Every
sentence is written for these tests; each class has sentences that must yield no tally."""

import datetime as dt

import pytest

from tests.extract.tally_rows import FRIDAY, found, row_of, rows

# --- 1. place scope ---------------------------------------------------------------------


def test_a_running_total_does_not_take_the_place_of_the_incident_before_it():
    text = (
        "A drone attack on a base in Syria wounded two U.S. soldiers on Monday. "
        "The Pentagon has counted 120 attacks on U.S. troops since Oct. 17."
    )
    assert found(text) == [("injured", 2, "Syria"), ("attacks", 120, None)]


def test_a_running_total_takes_the_place_of_the_running_total_before_it():
    text = (
        "U.S. troops in Iraq and Syria have been attacked 100 times since Oct. 17. "
        "A rocket attack on a base in Syria wounded two soldiers on Monday. "
        "The attacks have injured 60 U.S. troops so far."
    )
    total = row_of(text, 60)
    assert (total["location"], total["since"], total["carried"]) == ("Iraq and Syria", "2023-10-17", "location;since")


def test_an_incident_does_not_take_the_place_of_a_running_total():
    text = (
        "Militias have attacked U.S. forces in the Middle East 170 times. A rocket attack wounded three U.S. soldiers."
    )
    assert row_of(text, 3)["location"] is None


@pytest.mark.parametrize(
    "text",
    [
        "U.S. forces have been attacked 150 times since the war in Gaza began.",
        "U.S. forces have been attacked 150 times since Hamas's attack in Israel.",
        "Iran-backed militias have attacked U.S. troops 150 times.",
        "The Islamic Resistance in Iraq has claimed 150 attacks on U.S. forces.",
    ],
)
def test_places_that_are_not_where_us_forces_were_attacked(text):
    assert found(text) == [("attacks", 150, None)]


def test_a_place_describing_the_attackers_is_not_the_attacks_place():
    text = "Militias in Iraq and Syria have carried out more than 100 attacks on U.S. forces across the Middle East."
    assert found(text) == [("attacks", 100, "Middle East")]
    text = "The drone attack that killed two U.S. soldiers in Jordan is the latest by militia groups in Iraq and Syria."
    assert found(text) == [("killed", 2, "Jordan")]


@pytest.mark.parametrize(
    "site, country",
    [
        ("Tower 22", "Jordan"),
        ("Erbil air base", "Iraq"),
        ("Ain al-Asad air base", "Iraq"),
        ("Ain Al Asad air base", "Iraq"),
        ("Harir air base", "Iraq"),
        ("Baghdad airport", "Iraq"),
        ("al-Tanf garrison", "Syria"),
        ("the Conoco gas field", "Syria"),
        ("the Rumalyn landing zone", "Syria"),
        ("Shaddadi", "Syria"),
        ("the Green Village base", "Syria"),
        ("Mission Support Site Euphrates", "Syria"),
    ],
)
def test_a_base_or_town_resolves_to_its_country(site, country):
    assert found(f"A drone attack on {site} wounded two U.S. service members.") == [("injured", 2, country)]


def test_two_sites_in_one_list_give_both_countries():
    text = "Twenty U.S. troops suffered minor injuries in attacks on the al-Tanf garrison and Ain al-Asad."
    assert found(text) == [("injured", 20, "Iraq and Syria")]


@pytest.mark.parametrize(
    "published, location",
    [(dt.date(2023, 12, 20), "Iraq and Syria"), (dt.date(2024, 2, 20), "Middle East")],
)
def test_the_region_is_what_the_count_covered_on_its_day(published, location):
    text = "Militias have attacked U.S. troops in the region more than 100 times."
    assert found(text, published) == [("attacks", 100, location)]


def test_the_first_country_of_a_border_is_the_side_the_site_is_on():
    assert found("The attack killed three U.S. soldiers near the Jordanian-Syrian border.") == [("killed", 3, "Jordan")]


def test_a_sentence_that_only_says_where_gives_the_count_before_it_its_place():
    text = "Officials said there were four more attacks on U.S. forces overnight. All were in Syria."
    row = row_of(text, 4)
    assert (row["location"], row["carried"]) == ("Syria", "location")


# --- 2. whose casualties ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "U.S. strikes killed 40 militants at seven facilities in Iraq and Syria.",
        "Two Iraqi soldiers were killed and five wounded when rockets hit the base that hosts U.S. troops.",
        "Health officials in Gaza say more than 25,000 Palestinians have been killed.",
        "Hamas killed about 1,200 Israelis on Oct. 7, the U.S. said.",
        "The U.S. struck 85 targets using more than 125 precision munitions.",
        "Militants fired 30 rockets at the base housing U.S. forces.",
        "About 900 U.S. troops are stationed in Syria and 2,500 in Iraq.",
        "Islamic State cells carried out 35 attacks in northeast Syria this month, a monitor said.",
        "Islamic State cells carried out 35 attacks in Syria this month, according to CENTCOM.",
        "U.S. forces killed three in a raid on Sunday, CENTCOM said.",
        "A U.S. contractor died of a heart attack while sheltering during an alert at the base.",
        "The rebels have launched 60 attacks on commercial ships in the Red Sea.",
    ],
)
def test_someone_elses_dead_and_wounded_strikes_munitions_and_troops_are_no_tally(text):
    assert rows(text) == []


def test_people_are_us_casualties_right_after_a_sentence_about_us_personnel_hurt():
    text = (
        "Several U.S. personnel were injured on Monday in a rocket attack on Erbil air base.\n"
        "A news agency said at least six people had been injured."
    )
    row = row_of(text, 6)
    assert (row["measure"], row["location"], row["since"], row["as_of"]) == (
        "injured",
        "Iraq",
        "2024-01-08",
        "2024-01-08",
    )
    assert rows("A news agency said at least six people had been injured in the blast in Baghdad.") == []


# --- 3. measure ---------------------------------------------------------------------------


def test_a_country_split_of_attacks_stays_attacks():
    text = "There have been 140 attacks on U.S. troops in the past three months, with 60 in Iraq and 80 in Syria."
    assert found(text) == [("attacks", 140, "Iraq and Syria"), ("attacks", 60, "Iraq"), ("attacks", 80, "Syria")]


def test_injured_or_killed_is_kept_as_injured_with_the_deaths_in_detail():
    for text in (
        "Sixty U.S. troops have been injured or killed in the attacks.",
        "The attacks have killed or wounded 60 U.S. troops.",
    ):
        row = row_of(text, 60)
        assert (row["measure"], row["detail"]) == ("injured", "injured or killed")


def test_an_injury_total_by_category_gives_injured_subsets():
    text = (
        "The attacks have injured 70 U.S. troops since Oct. 17. Of the 70 injured, 30 were evaluated for "
        "traumatic brain injury and 40 for other minor injuries."
    )
    parts = [r for r in rows(text) if r["value"] in (30, 40)]
    assert [(r["measure"], r["detail"], r["split"], r["since"]) for r in parts] == [
        ("injured", "traumatic brain injury", "type", "2023-10-17"),
        ("injured", "minor injury", "type", "2023-10-17"),
    ]


def test_a_severity_subset_is_part_of_the_count_before_it():
    text = "The attack led to four injuries among U.S. troops, leaving one soldier in critical condition."
    total, part = rows(text)
    assert (part["value"], part["detail"], part["part_of"]) == (1, "critical condition", total["tally_id"])


# --- 4. ellipsis and anaphora -------------------------------------------------------------


def _parts(text):
    found_rows = rows(text)
    total = next(r for r in found_rows if r["part_of"] is None)
    return total["value"], total["location"], {r["location"]: r["value"] for r in found_rows if r["part_of"]}


@pytest.mark.parametrize(
    "text",
    [
        "U.S. forces have been attacked 70 times since Oct. 17. Of those, 30 have been in Iraq and 40 in Syria.",
        "U.S. forces have been attacked 70 times since Oct. 17. Thirty of those attacks were in Iraq, an official "
        "said. Forty were in Syria.",
        "U.S. forces have been attacked 70 times since Oct. 17. Of those attacks, 30 were in Iraq. Another 40 were in Syria.",
    ],
)
def test_a_split_in_the_sentences_after_its_total(text):
    assert _parts(text) == (70, "Iraq and Syria", {"Iraq": 30, "Syria": 40})


def test_the_rest_names_the_remaining_place():
    text = "U.S. forces have been attacked 70 times since Oct. 17, and 30 of those attacks were in Iraq. The rest were in Syria."
    total = row_of(text, 70)
    assert total["location"] == "Iraq and Syria"


def test_a_headline_total_and_its_parts_in_the_body():
    text = (
        "Drone attacks injure 24 US troops\n"
        "Twenty U.S. troops suffered minor injuries at al-Tanf in Syria. "
        "Another four were injured at Ain al-Asad in Iraq."
    )
    headline = row_of(text, 24)
    assert headline["location"] == "Iraq and Syria"
    assert {r["value"] for r in rows(text) if r["part_of"] == headline["tally_id"]} == {20, 4}


def test_a_figure_repeated_takes_the_place_the_body_gives_it():
    text = (
        "US troops attacked 52 times since Oct. 17\nAttacks on U.S. bases in Iraq and Syria since Oct. 17 now total 52."
    )
    assert [r["location"] for r in rows(text)] == ["Iraq and Syria", "Iraq and Syria"]


# --- 5. windows ---------------------------------------------------------------------------


def test_a_running_total_does_not_inherit_a_few_days_start():
    text = (
        "Militias have attacked U.S. troops four times since Sunday. Overall there have been 60 attacks on U.S. forces."
    )
    short, total = rows(text)
    assert (short["since"], short["as_of"]) == ("2024-01-07", None)
    assert total["since"] is None


def test_a_vague_start_is_stated_and_not_inherited():
    text = (
        "Militias have attacked U.S. forces 100 times since Oct. 17. "
        "There have been more than 110 attacks since mid-October, officials said Thursday."
    )
    later = row_of(text, 110)
    assert (later["since"], later["as_of"]) == (None, "2024-01-11")


@pytest.mark.parametrize(
    "text, since, as_of",
    [
        (
            "U.S. forces have been attacked five times since Sunday, an official said Tuesday.",
            "2024-01-07",
            "2024-01-09",
        ),
        (
            "U.S. troops were attacked three times in the past 24 hours, an official said Thursday.",
            "2024-01-11",
            "2024-01-11",
        ),
        ("U.S. forces were attacked five times this week, a defense official said.", "2024-01-08", "2024-01-12"),
        ("U.S. forces came under attack three times on Sunday and one time on Monday.", "2024-01-07", "2024-01-07"),
        (
            "Three U.S. soldiers were wounded in a rocket attack on Monday, the Pentagon said Wednesday.",
            "2024-01-08",
            "2024-01-08",
        ),
        ("U.S. forces came under attack three times over the weekend.", "2024-01-06", "2024-01-07"),
    ],
)
def test_window_counts_one_day_counts_and_incidents(text, since, as_of):
    row = rows(text)[0]
    assert (row["since"], row["as_of"]) == (since, as_of)


def test_an_incidents_day_from_the_same_figure_elsewhere():
    text = (
        "The two U.S. soldiers killed in the drone strike were from Ohio, the Pentagon said Monday. "
        "Officials said the two soldiers were killed when the drone struck their quarters early Sunday."
    )
    assert [(r["since"], r["as_of"]) for r in rows(text)] == [("2024-01-07", "2024-01-07")] * 2


def test_a_timeline_entry_dates_its_counts():
    text = (
        "Here is a timeline of the attacks:\n"
        "DEC. 3 – U.S. troops in Syria are attacked twice; a rocket attack wounds a service member.\n"
        "DEC. 9 – A drone attack in Iraq leaves one U.S. soldier in critical condition."
    )
    got = [(r["measure"], r["value"], r["location"], r["since"], r["as_of"]) for r in rows(text)]
    assert got == [
        ("attacks", 2, "Syria", "2023-12-03", "2023-12-03"),
        ("injured", 1, "Syria", "2023-12-03", "2023-12-03"),
        ("injured", 1, "Iraq", "2023-12-09", "2023-12-09"),
    ]


def test_during_this_period_takes_the_period_named_nearby():
    text = (
        "The inspector general's report covers the last quarter. Militias conducted at least 90 attacks "
        "against U.S. forces in Iraq and Syria during this period."
    )
    row = row_of(text, 90, dt.date(2024, 2, 9))
    assert (row["since"], row["as_of"]) == ("2023-10-01", "2023-12-31")


def test_a_transcripts_running_figures_hold_on_the_briefing_day():
    text = (
        "Q: How many attacks have there been?\n"
        "MS. DOE: So, there have been 20 separate attacks in Iraq and 11 in Syria.\n"
        "Q: Thank you."
    )
    assert {(r["value"], r["as_of"]) for r in rows(text)} == {(20, "2024-01-12"), (11, "2024-01-12")}


def test_counts_with_the_same_start_share_the_day_they_hold():
    text = (
        "U.S. troops have been attacked nine times in Iraq and four times in Syria since Oct. 17, officials said. "
        "Between Oct. 17 and 24, U.S. forces were attacked at least 13 times, the Pentagon said on Tuesday."
    )
    assert [(r["value"], r["since"], r["as_of"]) for r in rows(text, dt.date(2023, 10, 24))] == [
        (9, "2023-10-17", "2023-10-24"),
        (4, "2023-10-17", "2023-10-24"),
        (13, "2023-10-17", "2023-10-24"),
    ]


# --- 6. number forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, measure, value",
    [
        ("U.S. forces have been attacked more than four dozen times.", "attacks", 48),
        ("Almost three dozen U.S. troops were hurt in the barrage.", "injured", 36),
        ("Nearly 120 attacks have targeted U.S. and coalition forces.", "attacks", 120),
        ("Roughly 150 attacks have hit American bases.", "attacks", 150),
        ("A rocket attack injured a service member at the base.", "injured", 1),
        ("The drone attack killed a US contractor.", "killed", 1),
        ("A U.S. service member suffered a concussion from the blast.", "injured", 1),
        ("Militants have attacked American troops 80 times.", "attacks", 80),
        ("U.S. forces have come under fire over 90 times.", "attacks", 90),
        ("U.S. troops were attacked twice on Tuesday.", "attacks", 2),
        ("“The attack wounded three U.S. service members,” a spokeswoman said.", "injured", 3),
        ("3 US Troops Killed, 34 Injured In Drone Attack On Jordan Base", "killed", 3),
        ("That brings to 151 the number of attacks on U.S. forces.", "attacks", 151),
    ],
)
def test_number_forms(text, measure, value):
    assert (measure, value) in [(r["measure"], r["value"]) for r in rows(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Dozens of U.S. troops were injured in the attack.",
        "Several U.S. personnel were hurt, officials said.",
        "It is the first time a U.S. soldier has been killed in the campaign.",
        "Two attack drones targeted the base housing American forces.",
        "Four U.S. personnel were injured in two drone attacks.",
        "Sgt. Jane Roe was killed in one of these attacks on U.S. forces.",
        "There have been no attacks on U.S. forces since Feb. 4.",
        "Rivers, 46, and Sanders, 24, were among the U.S. soldiers killed.",
        "The Pentagon requested $1.2 billion for the 3,000 troops.",
    ],
)
def test_forms_that_are_no_count(text):
    assert [r for r in rows(text) if r["measure"] == "attacks" or r["value"] in (2, 46, 24, 3000, 0)] == []


# --- 7. dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, since, as_of",
    [
        ("U.S. troops said Thursday they had been attacked 60 times.", FRIDAY, None, "2024-01-11"),
        ("As of Tuesday, U.S. forces had been attacked 60 times.", FRIDAY, None, "2024-01-09"),
        ("Ryder on Monday told reporters that there had been 60 attacks on U.S. forces.", FRIDAY, None, "2024-01-08"),
        (
            "U.S. bases have been attacked 165 times since last October 17 until January 30.",
            dt.date(2024, 1, 31),
            "2023-10-17",
            "2024-01-30",
        ),
        ("U.S. forces were attacked 120 times since October 17 last year.", dt.date(2024, 1, 8), "2023-10-17", None),
        (
            "U.S. forces were attacked 12 times between Oct. 17 and 24.",
            dt.date(2023, 10, 25),
            "2023-10-17",
            "2023-10-24",
        ),
        ("A drone attack on Saturday night wounded two U.S. soldiers.", FRIDAY, "2024-01-06", "2024-01-06"),
        (
            "A drone attack on Christmas Day wounded three U.S. troops.",
            dt.date(2023, 12, 26),
            "2023-12-25",
            "2023-12-25",
        ),
        ("U.S. troops were attacked 30 times last week.", FRIDAY, "2024-01-01", "2024-01-07"),
        ("U.S. troops were attacked 40 times since October.", FRIDAY, None, None),
        (
            "U.S. forces have been attacked 150 times since the war started after Hamas's Oct. 7 raid.",
            FRIDAY,
            "2023-10-07",
            None,
        ),
    ],
)
def test_since_and_as_of(text, published, since, as_of):
    row = rows(text, published)[0]
    assert (row["since"], row["as_of"]) == (since, as_of)


def test_a_relative_day_inside_a_quotation_is_not_the_articles_day():
    text = (
        "Three U.S. troops were injured in a drone attack in Iraq on Christmas Day.\n"
        "“Today’s attack led to three injuries to U.S. personnel,” the secretary said."
    )
    assert [(r["since"], r["as_of"]) for r in rows(text, dt.date(2023, 12, 26))] == [("2023-12-25", "2023-12-25")] * 2


def test_the_war_started_needs_the_war_named_in_the_document():
    row = rows("U.S. forces have been attacked 150 times since the war started.")[0]
    assert row["since"] is None


def test_a_timeline_entry_with_a_colon_dates_the_sentences_after_it():
    text = "Timeline:\nNov. 3: A drone hits a base in Syria. A soldier suffers a concussion from the blast."
    row = rows(text)[0]
    assert (row["value"], row["since"], row["as_of"], row["location"]) == (1, "2023-11-03", "2023-11-03", "Syria")
