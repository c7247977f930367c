"""Attributed statements: attribution patterns, relay chains, status cues with negation,
offset safety on arbitrary text, and the seed's epistemic map end to end.

Unit sentences are written for these tests; none is copied from an article."""

import datetime as dt

import pytest
from conftest import read_table
from hypothesis import given
from hypothesis import strategies as st

from analysis.extract import claims, pipeline
from analysis.paths import SEEDS
from analysis.text.corpus import Document
from analysis.text.lexicon import load_lexicon

PUBLISHED = dt.date(2024, 3, 8)  # a Friday


def parse(text, published=PUBLISHED):
    return pipeline.parse(Document("t", "t.txt", text, "", {"published": published}))


def rows(text, published=PUBLISHED):
    found = claims.extract(parse(text, published))
    for r in found:
        assert text[r["start"] : r["end"]] == r["quote"]
    return found


def one(text, **expected):
    found = [r for r in rows(text) if all(r[k] == v for k, v in expected.items())]
    assert len(found) == 1, (expected, rows(text))
    return found[0]


# --- attribution patterns ------------------------------------------------------------------


def test_source_before_the_verb():
    r = one("Tasnim said two drones hit a fuel depot near the river.", source="Tasnim")
    assert (r["source_kind"], r["status"], r["cue"], r["via"]) == ("state media (Iran)", "reported", "said", "")
    assert r["claim"] == "two drones hit a fuel depot near the river."


def test_source_after_the_verb_and_after_the_quotation():
    r = one('"The depot is gone," said Lloyd Austin.', source="Lloyd Austin")
    assert r["claim"] == '"The depot is gone,"' and r["source_kind"] == "US government"
    r = one('"We struck the depot at dawn," Kataib Hezbollah said in a short statement.', source="Kataib Hezbollah")
    assert r["source_kind"] == "armed group" and "struck the depot" in r["claim"]


def test_unknown_person_keeps_the_name_and_no_kind():
    r = one("Rana Haddad, a teacher in the town, said the school was closed.", source="Rana Haddad")
    assert r["source_kind"] is None and r["claim"] == "the school was closed."
    r = one('"The school is closed," said Omar Khalil, a farmer.', source="Omar Khalil")
    assert r["claim"] == '"The school is closed,"'


@pytest.mark.parametrize(
    "text",
    [
        "According to Rudaw, the dam was not damaged.",
        "The dam was not damaged, according to Rudaw.",
        "The dam, according to Rudaw, was not damaged.",
        "The dam was not damaged, according Rudaw.",
    ],
)
def test_according_to_anywhere_in_the_clause(text):
    r = one(text, source="Rudaw")
    assert r["source_kind"] == "regional media" and r["cue"].lower().startswith("according")
    assert "Rudaw" not in r["claim"] and "dam" in r["claim"]


def test_possessive_correspondent_is_a_relay():
    r = one("Al Mayadeen's correspondent in the east reported heavy gunfire near the airfield.", source="Al Mayadeen")
    assert r["via"] == "Al Mayadeen > correspondent"


def test_nested_relay_and_its_own_status():
    text = "Rudaw says that although local officials have yet to confirm the blast, a bridge was closed."
    inner = one(text, source="local officials")
    assert inner["via"] == "Rudaw > local officials"
    assert (inner["status"], inner["cue"]) == ("unconfirmed", "have yet to confirm")
    outer = one(text, source="Rudaw")
    assert (outer["status"], outer["claim"]) == ("reported", "a bridge was closed.")


def test_citing_and_quoting_and_telling_an_outlet_make_chains():
    assert (
        one("Fars, citing tribal sources, reported that a truck burned.", source="tribal sources")["via"]
        == "Fars > tribal sources"
    )
    assert (
        one("Shafaq News reported, citing a security source, that a truck burned.", source="security source")["via"]
        == "Shafaq News > security source"
    )
    assert (
        one("Tasnim quoted a militia commander as saying that a truck burned.", source="militia commander")["via"]
        == "Tasnim > militia commander"
    )
    r = one("A US official told Stars and Stripes that a truck burned.", source="US official")
    assert r["via"] == "Stars and Stripes > US official" and r["source_kind"] == "US government"


def test_lead_in_with_a_colon_frames_the_next_paragraph():
    text = (
        "What has been confirmed is the number of drones, according to Stars and Stripes:\n"
        "Eleven drones were launched from the east, according to CENTCOM.\n"
        "The weather was clear."
    )
    r = one(text, source="US Central Command")
    assert r["via"] == "Stars and Stripes > US Central Command"
    assert (r["status"], r["cue"]) == ("confirmed", "What has been confirmed")
    assert one(text, source="author")["claim"] == "The weather was clear."


def test_anaphor_takes_the_last_source_and_a_later_qualifier_updates_it():
    text = "Press TV said a fuel truck burned at the gate. The claim could not be independently verified."
    found = rows(text)
    assert [r["source"] for r in found] == ["Press TV"]
    assert (found[0]["status"], found[0]["cue"]) == ("unconfirmed", "could not be independently verified")
    text = "Sputnik's stringer cited gunfire. The statement, though unverified, said the gate fell."
    assert [(r["source"], r["via"], r["status"]) for r in rows(text)] == [
        ("Sputnik", "Sputnik > stringer", "unconfirmed"),
        ("Sputnik", "Sputnik > stringer", "unconfirmed"),
    ]


def test_anaphor_with_nothing_before_it_is_the_author():
    r = one("It said nothing about the convoy.")
    assert r["source"] == "author"


def test_coordinated_unnamed_sources_give_one_row_each():
    found = rows("Syrian and Turkish sources said the road was cut.")
    assert sorted(r["source"] for r in found) == ["Syrian sources", "Turkish sources"]
    assert {r["source_kind"] for r in found} == {"anonymous/local sources"}
    assert (
        one("Iraqi militia sources said the road was cut.", source="Iraqi militia sources")["source_kind"]
        == "armed group"
    )
    assert one("US officials said the road was cut.", source="US officials")["source_kind"] == "US government"


def test_title_and_office_give_the_person():
    r = one("Pentagon press secretary Pat Ryder said the base had power again.")
    assert r["source"] == "Pat Ryder"
    assert one("A Pentagon spokesman said the base had power again.")["source"] == "Pentagon"


def test_asides_and_appositions_between_source_and_verb():
    r = one("Kataib Hezbollah, an Iran-aligned militia, said in a statement that it fired four rockets.")
    assert (r["source"], r["claim"]) == ("Kataib Hezbollah", "it fired four rockets.")
    r = one("A Syrian security official, speaking on condition of anonymity, said the road was shut.")
    assert r["source"] == "Syrian security official"
    r = one("Officials said, however, that the road was open.")
    assert (r["source"], r["claim"]) == ("unnamed officials", "the road was open.")
    # an outlet named inside an aside is not the source
    assert one("A Syrian official, speaking to Rudaw, said the road was shut.")["source"] == "Syrian official"


def test_source_set_off_by_commas_after_the_statement():
    found = rows(
        "A rocket hit the airfield on Sunday, a monitor and a local official said, in the third attack this month."
    )
    assert [r["source"] for r in found] == ["a war monitor", "local official"]
    assert {r["claim"] for r in found} == {"A rocket hit the airfield on Sunday"}
    assert {r["event_date"] for r in found} == {"2024-03-03"}
    r = one("About 2,500 US troops remain in Iraq, the Pentagon says.")
    assert (r["source"], r["claim"]) == ("Pentagon", "About 2,500 US troops remain in Iraq")


def test_statement_first_only_when_just_an_aside_follows_the_verb():
    r = one('"The mission goes on," Ryder told reporters at the Pentagon.')
    assert (r["source"], r["claim"]) == ("Pat Ryder", '"The mission goes on,"')
    r = one("Two drones were shot down, officials said Thursday.")
    assert (r["claim"], r["event_date"]) == ("Two drones were shot down", "2024-03-07")
    # here the clause after the verb is the statement
    r = one(
        "Convoys moved at night, and the Syrian foreign ministry said they broke the law.", source="Syrian government"
    )
    assert r["claim"] == "they broke the law."
    assert one("Tehran has denied any role.")["status"] == "denied"


def test_a_pronoun_inside_the_statement_is_not_its_source():
    found = rows("Tasnim said the road was shut. Trucks waited on a road it says was mined.")
    assert [r["source"] for r in found] == ["Tasnim", "author"]
    r = one("Critics, however, argue that the deployment has more to do with oil than with ISIS.")
    assert r["source"] == "critics"


def test_headline_with_source_after_or_before_a_colon():
    assert (
        one("Convoy hit near border crossing: Pentagon", source="Pentagon")["claim"]
        == "Convoy hit near border crossing"
    )
    assert one("White House: no plan to leave", source="White House")["claim"] == "no plan to leave"


def test_author_assertions_and_the_clauses_of_one_sentence():
    found = rows("The convoy left the base at dawn, but Tasnim said it turned back - the road was closed.")
    assert [(r["source"], r["source_kind"]) for r in found] == [("author", "author"), ("Tasnim", "state media (Iran)")]
    assert found[0]["cue"] is None or found[0]["cue"] == ""
    assert found[1]["claim"] == "it turned back - the road was closed." or found[1]["claim"].startswith(
        "it turned back"
    )


def test_quotation_continued_in_the_next_sentence_keeps_the_speaker():
    text = '"We saw smoke," Rana Haddad said. "Then the sirens started."'
    assert [r["source"] for r in rows(text)] == ["Rana Haddad", "Rana Haddad"]


def test_passive_agent():
    r = one("The strike was confirmed by CENTCOM on Thursday.", source="US Central Command")
    assert (r["status"], r["event_date"]) == ("confirmed", "2024-03-07")


# --- page furniture, places, quotes attributed after them, outlets (issue 13, 3.8) ---------


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Roe and John Doe, Example Times\nThe convoy left at dawn.",
        "- JANE ROE Washington\nThe convoy left at dawn.",
        "Posted at 10:32 AM EST\nThe convoy left at dawn.",
        "News ID: 4451201\nThe convoy left at dawn.",
        "The convoy left at dawn. (Photo by Sgt. John Doe)",
        "The convoy left at dawn. (John Doe/Getty Images)",
    ],
)
def test_page_furniture_is_neither_a_claim_nor_a_source(text):
    found = rows(text)
    assert [(r["source"], r["claim"]) for r in found] == [("author", "The convoy left at dawn.")]


def test_a_dateline_is_cut_from_the_claim():
    r = one("TEHRAN (Tasnim) – A drone fell near the airfield on Monday.")
    assert (r["source"], r["claim"]) == ("author", "A drone fell near the airfield on Monday.")


@pytest.mark.parametrize(
    "text, source",
    [
        (
            "Rockets fell in northeast Syria, where two attacks were reported, according to the Syrian Observatory.",
            "Syrian Observatory for Human Rights",
        ),
        ("The group, busy since the start of the war on Gaza, announced a drone strike.", "author"),
        ("A new missile was revealed in Haifa.", "author"),
    ],
)
def test_a_place_is_never_a_source(text, source):
    assert {r["source"] for r in rows(text)} == {source}


@pytest.mark.parametrize(
    "text",
    [
        'Defense spokeswoman Jane Roe met reporters. "The base is secure," the spokeswoman said.',
        'Defense spokeswoman Jane Roe met reporters. "The base is secure," Roe said.',
        'Defense spokeswoman Jane Roe met reporters. "The base is secure," Roe told reporters gathered outside.',
        'Defense spokeswoman Jane Roe met reporters. "The base is secure," said Ms. Roe.',
    ],
)
def test_a_quote_goes_to_the_official_named_after_it(text):
    r = one(text, claim='"The base is secure,"')
    assert r["source"] == "Jane Roe"


def test_a_quotation_over_several_sentences_is_its_speakers():
    text = '"We held the line. We kept the road open. Nobody left," Jane Roe said.'
    assert [(r["source"], r["claim"]) for r in rows(text)] == [
        ("Jane Roe", '"We held the line.'),
        ("Jane Roe", "We kept the road open."),
        ("Jane Roe", 'Nobody left,"'),
    ]
    # a sentence that is only the attribution gives its speaker to the quotation before it
    text = 'Jane Roe spoke briefly. "We held the line. Did anyone doubt it?" Roe said.'
    assert [(r["source"], r["claim"]) for r in rows(text)] == [
        ("author", "Jane Roe spoke briefly."),
        ("Jane Roe", '"We held the line.'),
    ]


@pytest.mark.parametrize(
    "text, source, via",
    [
        ("A US official told Example News that the convoy turned back.", "US official", "Example News > US official"),
        (
            "A US official confirmed to Example News that the convoy turned back.",
            "US official",
            "Example News > US official",
        ),
        (
            "The convoy turned back, a US official told Example News on Tuesday.",
            "US official",
            "Example News > US official",
        ),
        (
            "A local source revealed to Al Mayadeen that the convoy turned back.",
            "local source",
            "Al Mayadeen > local source",
        ),
        (
            'Jane Roe said, "The convoy turned back," the Washington Post reported.',
            "Jane Roe",
            "The Washington Post > Jane Roe",
        ),
    ],
)
def test_relays_through_an_outlet_the_source_spoke_to(text, source, via):
    r = one(text, source=source)
    assert r["via"] == via and "convoy turned back" in r["claim"]


def test_a_title_before_a_name_is_not_the_name():
    assert one("Defence Secretary Jane Roe said the road was open.")["source"] == "Jane Roe"
    assert one('"The road is open," said Brig. Gen. Jane Roe, a spokeswoman.')["source"] == "Jane Roe"
    r = one('"The road is open," said EU foreign policy chief Jane Roe at the meeting.')
    assert r["source"] == "Jane Roe"


def test_a_person_named_after_an_office_speaks_for_it():
    r = one("White House adviser Jane Roe said the road was open.")
    assert (r["source"], r["source_kind"]) == ("Jane Roe", "US government")


def test_an_apposition_or_a_relative_clause_stands_between_source_and_verb():
    r = one("Jane Roe, the chairman of the committee, said the road was open.")
    assert (r["source"], r["claim"]) == ("Jane Roe", "the road was open.")
    r = one("Rudaw, which first reported the blast, said two people were hurt.")
    assert (r["source"], r["claim"]) == ("Rudaw", "two people were hurt.")


def test_a_source_named_at_the_end_covers_the_clauses_before_it():
    r = one("Ten rockets hit the base, but nobody was hurt, CENTCOM said in a statement.")
    assert r["source"] == "US Central Command" and r["claim"].startswith("Ten rockets hit the base")


def test_an_unnamed_official_after_a_quotation_and_a_passive_agent_with_its_outlet():
    r = one('"The road is open," a senior US official told Example News, speaking on condition of anonymity.')
    assert (r["source"], r["via"], r["claim"]) == ("US official", "Example News > US official", '"The road is open,"')
    r = one("The attack was confirmed to Example News by two US officials.")
    assert (r["source"], r["via"]) == ("US officials", "Example News > US officials")


def test_a_country_speaking_is_its_government_and_a_place_named_after_a_preposition_is_no_source():
    assert one("Iran denied any role in the blast.")["source"] == "Iranian government"
    assert one("Syria said the convoy had no permit.")["source"] == "Syrian government"
    found = rows("Rockets were fired from within Syria, causing confirmed damage.")
    assert {r["source"] for r in found} == {"author"}


def test_an_accusation_is_the_accusers_claim_but_not_inside_a_relative_clause():
    assert one("Iran blamed Israel for the blast at the depot.")["source"] == "Iranian government"
    found = rows("The US struck a depot of the militia, the group the US has accused of the blast.")
    assert {r["source"] for r in found} == {"author"}
    # a pronoun just before the verb is its subject, even after "The report came a day after"
    text = "Jane Roe said the road was shut. The report came a day after she reiterated her view that it was open."
    assert [(r["source"], r["claim"]) for r in rows(text)] == [
        ("Jane Roe", "the road was shut."),
        ("Jane Roe", "it was open."),
    ]


def test_a_question_is_no_claim():
    assert rows("What did Jane Roe say?") == []


def test_a_transcript_speaker_label_speaks_for_its_paragraph():
    text = "PRESS SECRETARY JANE ROE: Good afternoon.\nQ: Was the base hit?\nMS. ROE: The base was not hit on Sunday."
    found = rows(text)
    assert [(r["source"], r["claim"]) for r in found] == [("Jane Roe", "The base was not hit on Sunday.")]


# --- status cues ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, status, cue",
    [
        ("Tasnim said the depot burned, which has not been confirmed.", "unconfirmed", "has not been confirmed"),
        (
            "Tasnim said the depot burned, though this could not be independently verified.",
            "unconfirmed",
            "could not be independently verified",
        ),
        (
            "The depot burned, Tasnim said, but nothing has been verified by officials.",
            "unconfirmed",
            "nothing has been verified",
        ),
        ("Tasnim reported an unconfirmed fire at the depot.", "unconfirmed", "unconfirmed"),
        ("Tasnim confirmed the depot burned.", "confirmed", "confirmed"),
        (
            "What has been confirmed is a fire at the depot, according to Tasnim.",
            "confirmed",
            "What has been confirmed",
        ),
        ("Tasnim denied that the depot burned.", "denied", "denied"),
        ("Tasnim rejected the claims that the depot burned.", "denied", "rejected the claims"),
        ("Tasnim did not deny that the depot burned.", "reported", "deny"),
        ("Tasnim has not confirmed that the depot burned.", "unconfirmed", "has not confirmed"),
        ("There are rumors that the depot burned.", "rumor", "rumors"),
        ("There are rumours that the depot burned, but nothing has been verified.", "rumor", "rumours"),
        ("Tasnim said the depot burned.", "reported", "said"),
    ],
)
def test_status_cues_and_negation(text, status, cue):
    found = [r for r in rows(text) if r["source"] != "author"]
    assert len(found) == 1, found
    assert (found[0]["status"], found[0]["cue"]) == (status, cue)


def test_has_not_been_confirmed_is_never_confirmed():
    cues = claims.find_cues(t := "The fire has not been confirmed.", 0, len(t), [])
    assert [(c.status, c.text) for c in cues] == [("unconfirmed", "has not been confirmed")]
    cues = claims.find_cues(t := "Officials did not deny it.", 0, len(t), [])
    assert cues == []


def test_cues_inside_a_quotation_are_the_speakers_not_the_authors():
    r = one('"These are rumors," Tasnim said.', source="Tasnim")
    assert r["status"] == "reported"


def test_denial_of_the_statement_before():
    found = rows("There were reports of a second fire on Sunday, but officials denied them.")
    assert {r["status"] for r in found} == {"denied"}


def test_event_date_skips_a_since_bound_when_there_is_another():
    r = one("A spokesman for the Pentagon said Thursday that nobody was hurt since Feb. 2.", source="Pentagon")
    assert r["event_date"] == "2024-03-07"
    assert one("Nobody was hurt since Feb. 2, Tasnim said.", source="Tasnim")["event_date"] == "2024-02-02"


# --- lexicon hygiene ------------------------------------------------------------------------


def test_every_gazetteer_entry_has_a_basis_and_a_known_kind():
    lex = load_lexicon("sources")
    for entry in lex["named"]:
        assert entry.get("basis"), entry["name"]
        assert entry["kind"] in claims.SOURCE_KINDS or entry["kind"] is None, entry["name"]
    kinds = [h["kind"] for h in lex["unnamed"]["heads"].values()] + [r["kind"] for r in lex["unnamed"]["kind_rules"]]
    assert all(k in claims.SOURCE_KINDS or k is None for k in kinds)


@pytest.mark.parametrize("name", ["sources", "cues", "frames"])
def test_lexicon_words_are_text_not_yaml_booleans(name):
    # YAML 1.1 reads unquoted on/off/yes/no as booleans: every listed word must stay text
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                assert isinstance(key, str), (name, key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                assert isinstance(item, (str, dict)), (name, item)
                walk(item)

    walk(load_lexicon(name))


def test_every_status_in_the_cue_lexicon_is_a_table_status():
    lex = load_lexicon("cues")
    assert set(lex["status_cues"]) <= set(claims.STATUSES)
    assert all(v in claims.STATUSES or v is None for v in lex["negated"].values())


# --- offsets and robustness -----------------------------------------------------------------

FRAGMENTS = [
    "Tasnim",
    "said",
    "says",
    "according to",
    "according",
    "the Pentagon",
    "Sputnik's correspondent",
    "Iraqi and Russian sources",
    "militia sources",
    "have yet to confirm",
    "has not been confirmed",
    "rumors that",
    "denied",
    "The statement",
    "It",
    "citing",
    "quoted",
    "as saying",
    "told",
    "by",
    "that",
    "unconfirmed",
    "Friday",
    "Overnight",
    "since Oct. 17",
    ",",
    ":",
    ";",
    " - ",
    '"',
    "“",
    "”",
    "'",
    ".",
    "\n",
    "\n\n",
    "although",
    "Maj. Gen. Pat Ryder",
    "White House",
    "the oil",
    "regime change",
    "to protect our forces",
    "enduring defeat of ISIS",
    "mission",
    "ſources",
    "İ",
    "K",
]


def _check(text):
    parsed = parse(text)
    from analysis.extract import events, frames

    claim_rows = claims.extract(parsed)
    for table, found in (
        ("claims", claim_rows),
        ("frames", frames.extract(parsed)),
        ("events", events.extract(parsed)),
    ):
        for r in found:
            assert 0 <= r["start"] <= r["end"] <= len(text), (table, r)
            assert text[r["start"] : r["end"]] == r["quote"], (table, r)
    ids = [r["claim_id"] for r in claim_rows]
    assert len(ids) == len(set(ids))
    for r in claim_rows:
        assert r["status"] in claims.STATUSES and r["claim"]
        assert r["source_kind"] in claims.SOURCE_KINDS or r["source_kind"] is None


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join))
def test_offsets_hold_on_combinations_of_cue_words(text):
    if text.strip():
        _check(text)


@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    if text.strip():
        _check(text)


# --- the seed, end to end -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_tables(seed_out):
    text = (SEEDS / "000_1c69196dbcf4aa03.txt").read_text(encoding="utf-8")
    return text, {name: read_table(seed_out, name) for name in ("claims", "justifications", "events")}


def find(found, **expected):
    hits = [
        r
        for r in found
        if all(v in r[k] if k in ("claim", "quote", "event") else r[k] == v for k, v in expected.items())
    ]
    assert hits, (expected, found)
    return hits


def test_seed_claims_offsets(seed_tables):
    text, tables = seed_tables
    for r in tables["claims"]:
        assert text[int(r["start"]) : int(r["end"])] == r["quote"]


def test_seed_epistemic_map(seed_tables):
    _, t = seed_tables
    c = t["claims"]
    friday = find(c, claim="fresh attack on Friday", status="reported", event_date="2024-01-12")
    assert {r["source_kind"] for r in friday} >= {"state media (Iran)", "anonymous/local sources"}
    assert {r["source"] for r in friday} >= {"Iranian state media", "Iraqi sources", "Russian sources"}
    for claim in ("violent explosions", "air defenses"):
        find(
            c,
            claim=claim,
            source="Sputnik",
            via="Sputnik > regional correspondent",
            status="unconfirmed",
            cue="unconfirmed in other international sources",
        )
    find(c, claim="Iraqi resistance groups", source="IRNA", source_kind="state media (Iran)", status="reported")
    find(
        c,
        claim="new operation targeting Conoco",
        via="The Cradle > Iraqi militia sources",
        status="unconfirmed",
        cue="have yet to confirm",
    )
    find(c, claim="live drills", source="The Cradle", source_kind="regional media", status="reported")
    find(c, claim="additional bases", status="rumor", cue="rumors")
    find(
        c,
        claim="130 times",
        source="Pentagon",
        via="Military Times > Pentagon",
        status="confirmed",
        event_date="2024-01-11",
    )
    find(c, claim="Dec. 25", source="Pentagon", source_kind="US government", event_date="2024-01-11")
    find(c, claim="enduring defeat of ISIS", source="Pat Ryder", source_kind="US government")
    find(c, claim="not looking for a fight", source="White House")
    find(c, claim="secure the oil", source="Donald Trump")
    find(c, claim="Houthis", source="author", source_kind="author", event_date="2024-01-11")
