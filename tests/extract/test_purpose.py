"""Statements of purpose: the presence anchor, the purpose link and what the purpose is
about, per way these statements are written; the words that block a link (strikes,
drawdowns); the place scope; and which frame wins when a purpose names several.

Unit sentences are written for these tests; none is copied from an article."""

import pytest

from analysis.extract import purpose
from analysis.text.sentences import split_sentences


def frames(text):
    found = purpose.statements(text, split_sentences(text))
    for p in found:
        assert 0 <= p.start < p.end <= len(text)
    return sorted({p.frame for p in found})


@pytest.mark.parametrize(
    "text, frame",
    [
        # troops that "are there" or "remain" for a stated goal
        ("The soldiers are there to make sure the Islamic State cannot regroup.", "counter-ISIS"),
        ("Roughly 900 American soldiers remain in Syria to keep ISIS from coming back.", "counter-ISIS"),
        ('"We\'re there for one reason only, and that is the lasting defeat of ISIS," she said.', "counter-ISIS"),
        # stationed / deployed ... to prevent a resurgence
        ("Some 800 US troops are deployed in eastern Syria to prevent a resurgence of IS fighters.", "counter-ISIS"),
        ("There are about 1,000 US troops in Syria, mostly working to stop an ISIS comeback.", "counter-ISIS"),
        ("The US has around 900 troops in Syria as part of the coalition against the Islamic State.", "counter-ISIS"),
        # as part of a counter-ISIS mission; helping partner forces in the fight against
        ("US forces have operated in Syria since 2015 as part of a counter-ISIS mission.", "counter-ISIS"),
        ("US troops are based in Syria, helping local partners in the fight against ISIS remnants.", "counter-ISIS"),
        ("To prevent a return of ISIS, a few hundred US troops remain in Syria.", "counter-ISIS"),
        ("American forces have been in Syria since 2015, ostensibly to fight terrorism.", "counter-ISIS"),
        # reported speech of the mission's purpose
        ("The Pentagon says the mission in Syria is to prevent a resurgence of ISIS.", "counter-ISIS"),
        ("She said the US would stay in Syria until ISIS was defeated for good.", "counter-ISIS"),
        ("The smaller force will remain ready to keep hitting ISIS cells in Syria, he said.", "counter-ISIS"),
        ("The mission there was coming to an end as soon as ISIS could be wiped out.", "counter-ISIS"),
        # securing or keeping the oil fields
        ("The president said the remaining soldiers would stay behind to guard the oil fields.", "oil"),
        ("We kept the oil, and the soldiers are keeping it now.", "oil"),
        ("The United States keeps forces in Syria to secure oil fields held by its Kurdish allies.", "oil"),
        # staying while, or as long as, Iranian forces remain
        ("Officials say US forces will stay in Syria while Iranian forces remain there.", "counter-Iran"),
        ("US troops will not leave Syria as long as Iranian militias are present.", "counter-Iran"),
        # a base established to disrupt / that evolved into a node to watch Iran
        ("The base at al-Tanf was established to cut the Islamic State's routes across the desert.", "counter-ISIS"),
        ("The garrison later became a hub for efforts to track Iranian arms shipments in Syria.", "counter-Iran"),
        ("The outpost was set up to block Iranian supply routes across the Syrian desert.", "counter-Iran"),
        # a base that serves as a check on someone; a coalition that entered under a pretext
        ("Officials argue the garrison at al-Tanf serves as a check on Iranian supply lines.", "counter-Iran"),
        ("The coalition entered Syria in 2014 under the pretext of combating ISIS.", "counter-ISIS"),
        # troops in Syria as a subject, a force kept somewhere, troops left behind, "against ISIS"
        ("US forces in Syria are tasked with preventing an ISIS resurgence.", "counter-ISIS"),
        ("The US keeps a small force at al-Tanf to monitor Iranian movements.", "counter-Iran"),
        ("Washington maintains a military foothold in eastern Syria to counter Iran.", "counter-Iran"),
        ("Trump decided to leave about 200 troops in Syria to guard the oil fields.", "oil"),
        ("About 900 US troops are deployed in Syria, where they partner with the SDF against ISIS.", "counter-ISIS"),
        # regime change, force protection
        ("Critics argue the troops are in Syria to pressure Damascus.", "regime-change/Assad"),
        ("US forces have occupied eastern Syria for years to choke the Assad government.", "regime-change/Assad"),
        ("The extra personnel were deployed to Syria in support of force protection.", "force-protection"),
    ],
)
def test_statement_of_purpose(text, frame):
    assert frames(text) == [frame]


@pytest.mark.parametrize(
    "text",
    [
        # strikes, raids and the reasons for them
        "The US conducted a raid in Syria to kill an ISIS leader.",
        "US forces in Syria struck targets linked to Iran to protect our forces, the general said.",
        "The Pentagon said the strikes on Sunday were carried out to protect US troops in Syria.",
        # attacks on the forces, and what the attackers want
        "US forces in Syria came under attack from Iran-backed militias seeking to drive them out.",
        "Militants attacked US troops stationed in Syria in retaliation for strikes on Iran-backed groups.",
        "The US military presence in Syria has been targeted by Iran-backed militias.",
        "Rockets hit the Conoco oil field base, which hosts US troops in Syria.",
        # drawdowns and their rationale
        "The US withdrew troops from Syria after ISIS lost its last territory.",
        "US forces will leave Syria because the ISIS caliphate has been defeated, the president said.",
        "Washington wants to reduce its footprint in Syria as ISIS has been degraded.",
        # somebody else's presence, or no presence at all
        "Russian troops are stationed in Syria to protect the Assad government.",
        "Iran's presence in Syria is aimed at supporting Assad.",
        "ISIS fighters remain in the Syrian desert to regroup.",
        "The Kurdish-led SDF controls the oil fields of eastern Syria.",
        "The United States remains committed to the Syrian people and to fighting terrorism.",
        "The occupation of the east is resented by the authorities in Damascus.",
        # what troops in Syria face or do on alert is no reason for being there
        "US troops in Syria have faced 170 attacks, prompting the Pentagon to send air defenses to protect them.",
        "US forces in Syria came under fire on Monday as militias sought to drive them out of the country.",
        "US forces in Syria are on high alert to protect themselves after threats from Iran.",
        "The US left troops in Syria after the Turkish offensive.",
        # a description in an attack report gives no reason
        "Attacks on the base, which houses troops fighting ISIS, have increased.",
        "US forces in Syria are on high alert after threats from Iran.",
    ],
)
def test_no_statement_of_purpose(text):
    assert frames(text) == []


def test_the_first_reason_named_wins_and_coordinated_ones_join_it():
    # the oil is protected from ISIS: the reason is the oil
    assert frames("US troops remain in Syria to protect the oil fields from ISIS and from Damascus.") == ["oil"]
    assert frames("US troops remain in Syria to counter ISIS and Iranian influence.") == [
        "counter-ISIS",
        "counter-Iran",
    ]


def test_other_only_when_no_other_frame_is_named():
    assert frames("The US troops are there to support our Kurdish partners, the senator said.") == ["other"]
    assert frames("US troops stay in Syria to support Kurdish partners against ISIS.") == ["counter-ISIS"]
    assert frames("The troops will stay in Syria to hunt ISIS cells and to support local partners.") == ["counter-ISIS"]


def test_a_sentence_naming_no_place_takes_the_nearest_one_before():
    assert frames("US troops are in Iraq. They are there to train local forces against ISIS.") == []
    assert frames("US troops are in Syria. They are there to train local forces against ISIS.") == ["counter-ISIS"]
    # a base in Jordan near the Syrian border is in Jordan: the adjective names no place
    assert frames("The base in Jordan near the Syrian border is part of a mission to defeat ISIS.") == []


def test_talk_about_the_justification_gives_the_frame_it_names():
    text = (
        "Moscow said the US presence in Syria, which Washington justifies by the fight against terrorism, is illegal."
    )
    assert frames(text) == ["counter-ISIS"]


def test_a_mission_named_for_its_purpose_and_a_frame_after_a_citing_verb():
    assert frames("Esper said the military's oil field mission would go on.") == ["oil"]
    assert frames("Officials have cited a counter-Iran and anti-ISIS rationale.") == ["counter-ISIS", "counter-Iran"]


def test_lexicon_frames_are_the_tables_frames():
    assert {f for f, _ in purpose.rules().about} <= set(purpose.FRAMES)


KEYWORD_CHECK = [
    "US troops remain in Syria to keep the IS group from regrouping.",
    "They stay to guard the petroleum wells and the gas fields.",
    "The base became a hub for efforts to watch the Quds Force.",
    "The troops are there to choke Damascus.",
    "Extra forces were sent to Syria due to threats to our personnel.",
    "The soldiers are there in support of stability.",
    "Troops remain in Syria to counter terrorism.",
    "They stay to cut the land bridge to Hezbollah and deter Iran-backed groups.",
    "They stay to loot the country's resources.",
    "The units went there to shield US troops and for the safety of the Kurds.",
    "Troops help guard al-Hol and the detention facilities as part of Operation Inherent Resolve.",
    "The garrison is leverage in a political settlement and a check on Russian influence.",
    "The soldiers stay so the caliphate never returns and IS-linked cells stay weak.",
]


@pytest.mark.parametrize("text", KEYWORD_CHECK)
def test_every_reason_names_a_keyword(text):
    # the keyword scan only skips sentences, so every word a frame is read from must hold one
    r = purpose.rules()
    keywords = purpose._keywords(r, text)
    matches = [m for _, p in r.about + r.names + r.statements for m in p.finditer(text)]
    assert matches
    for m in matches:
        assert any(m.start() <= k < m.end() for k in keywords), m.group()
