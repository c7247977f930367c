"""Frames stated in ways the first batteries (test_frames_phrasing.py) did not reach: the
presence named by a pronoun or a bare noun whose antecedent is US troops in the sentence
before ("About 900 US soldiers remain in Syria. Officially they are deployed to ..."), a
reason stated through the partner the US backs ("the SDF, which Washington backs in the
fight against ISIS"), the origin of the deployment ("first sent special forces into Syria
in 2015 to ..."), and the voices of Damascus, Moscow, Tehran, analysts and editorials. The
negatives in each list are the traps of the same phrasing: a pronoun that stands for
another actor's forces, a partner's own doings, assets sent elsewhere or more troops sent
after an attack, and others' forces stating their own purpose.

Each list was written in one go and scored before any rule was changed for it (the first
sight counts are in the commit message that added it); HELD_OUT was written after all the
rules and scored once. Every sentence is written for these tests; none is copied from an
article."""

import datetime as dt

import pytest

from analysis.extract import frames, pipeline
from analysis.text.corpus import Document

PUBLISHED = dt.date(2024, 3, 8)

ISIS, IRAN, OIL, ASSAD = "counter-ISIS", "counter-Iran", "oil", "regime-change/Assad"


def rows(text):
    found = frames.extract(pipeline.parse(Document("t", "t.txt", text, "", {"published": PUBLISHED})))
    for r in found:
        assert text[r["start"] : r["end"]] == r["quote"]
    return found


def _frames(text):
    return sorted({r["frame"] for r in rows(text)})


PRONOUNS = [
    (
        "Roughly 900 US soldiers are still in northeastern Syria. Critics say Washington keeps them there to prevent an Islamic State comeback.",
        ISIS,
    ),
    ("The Pentagon has about 900 troops in Syria. They are there, officials say, to stop ISIS from regrouping.", ISIS),
    (
        "A small contingent of American forces holds the al-Tanf base. Officially they are deployed to watch Iranian supply lines.",
        IRAN,
    ),
    (
        "Several hundred US troops remain in Deir ez-Zor province. Trump said he kept them there to protect the oil.",
        OIL,
    ),
    (
        "About 1,000 American service members are spread across Syria. Their mission is to keep the Islamic State from rebuilding.",
        ISIS,
    ),
    ("Some 900 US forces are in Syria. Analysts say they stay mainly to counter Iran's militias.", IRAN),
    (
        "US special forces remain in eastern Syria. The administration says they will stay until ISIS is defeated for good.",
        ISIS,
    ),
    (
        "American soldiers still occupy bases in Syria's northeast. Damascus says they remain there to weaken the Syrian government.",
        ASSAD,
    ),
    (
        "Hundreds of US Marines are stationed near Hasakah. The Pentagon says the troops are deployed to help hunt down ISIS cells.",
        ISIS,
    ),
    (
        "US forces guard a cluster of bases in Syria's east. Syrian state media claims they are there to steal the country's oil.",
        OIL,
    ),
    (
        "Washington still keeps about 900 soldiers in Syria, and officials insist they are there to fight the Islamic State.",
        ISIS,
    ),
    ("The US maintains a garrison at Tanf. Its real purpose, analysts argue, is to monitor Iran.", IRAN),
]

PARTNERS = [
    (
        "About 900 US troops are based in territory held by the SDF, which Washington backs in the fight against ISIS.",
        ISIS,
    ),
    ("The base at Shaddadi supports Kurdish-led forces battling the Islamic State.", ISIS),
    ("US special forces in Syria are partnered with the SDF against ISIS.", ISIS),
    (
        "Some 900 American soldiers remain in Syria alongside the Syrian Democratic Forces, their partner in the campaign against the Islamic State.",
        ISIS,
    ),
    ("The US troops in Syria work with Kurdish fighters who are battling remnants of the Islamic State.", ISIS),
    ("The American contingent in Syria backs a Kurdish-led militia that has fought ISIS since 2015.", ISIS),
    ("Washington keeps about 900 troops in Syria to support the SDF in its fight against Islamic State cells.", ISIS),
    ("US forces at al-Tanf train a rebel group, the Syrian Free Army, which patrols the desert against ISIS.", ISIS),
    (
        "Roughly 2,000 US troops are stationed in Syria, advising the Kurdish-led forces that drove the Islamic State from Raqqa.",
        ISIS,
    ),
    ("The US garrison in Hasakah assists Arab tribal fighters combating ISIS sleeper cells.", ISIS),
]

ORIGINS = [
    ("The US first sent special forces into Syria in 2015 to fight the Islamic State.", ISIS),
    ("American troops went into Syria in 2014 to defeat ISIS.", ISIS),
    ("US forces entered Syria as part of the coalition against ISIS.", ISIS),
    (
        "Obama deployed the first US commandos to northern Syria in late 2015 to help Kurdish fighters against the Islamic State.",
        ISIS,
    ),
    (
        "Washington originally dispatched a few dozen special operators to Syria to train local forces fighting ISIS.",
        ISIS,
    ),
    ("The troops were sent to Syria in 2015 to help defeat the Islamic State's self-declared caliphate.", ISIS),
    ("US troops arrived in Syria nearly a decade ago to fight the Islamic State, and about 900 remain.", ISIS),
    ("The American deployment in Syria began in 2015 as part of the campaign against ISIS.", ISIS),
    (
        "The Tanf base was set up in 2016, initially to train rebels, and later became a check on Iranian movements.",
        IRAN,
    ),
    ("The US has had troops in Syria since 2015, when they were sent to help fight the Islamic State.", ISIS),
    (
        "America's military involvement in Syria started in 2014 with airstrikes and later ground troops sent to fight ISIS.",
        ISIS,
    ),
]

VOICES = [
    ("Syria's foreign ministry called the US deployment an illegal occupation aimed at plundering Syrian oil.", OIL),
    ("Damascus says US forces are there to steal its resources.", OIL),
    ("The garrison's real job is watching Iran, a former Pentagon official said.", IRAN),
    ("The troops are in Syria ostensibly to fight ISIS.", ISIS),
    ("Moscow has repeatedly said American troops remain in Syria only to control its oil wealth.", OIL),
    (
        "Iran's foreign minister said the US keeps its forces in Syria to topple the legitimate government in Damascus.",
        ASSAD,
    ),
    ("For Israel, the value of the US troops in Syria lies in blocking Iran's weapons corridor.", IRAN),
    (
        "The US military presence in Syria, officially there to hunt down ISIS remnants, has become a target for militias.",
        ISIS,
    ),
    ("Syrian state television described the American soldiers in Hasakah as thieves guarding stolen oil.", OIL),
    ("Analysts say the small force at al-Tanf is there less to fight ISIS than to watch Iran.", IRAN),
    ("Officially, the 900 US troops in Syria are there to prevent an Islamic State resurgence.", ISIS),
    ("The Russian defense ministry accused the United States of keeping troops in Syria to smuggle oil.", OIL),
    ("The outpost exists, in effect, to keep an eye on Iranian proxies along the border.", IRAN),
    ("The presence in eastern Syria denies Damascus the revenue of its oil fields, squeezing Assad.", ASSAD),
    ("Under the banner of fighting terrorism, US forces have stayed in Syria for nearly a decade.", ISIS),
    ("An editorial in Tehran argued that the Americans stay in Syria for one reason: oil.", OIL),
]

MIXED = [
    (
        "The Pentagon still has some 900 service members in Syria. Officials say they remain there chiefly to keep ISIS from resurging.",
        ISIS,
    ),
    (
        "About 200 US troops hold the desert outpost of al-Tanf. Washington keeps them there largely to watch Iranian traffic on the highway.",
        IRAN,
    ),
    (
        "Hundreds of American soldiers are based near the Omar oil field. Syria's government says they are there to loot its oil.",
        OIL,
    ),
    (
        "US troops remain in northeast Syria. Their task, according to CENTCOM, is to help partner forces finish off ISIS.",
        ISIS,
    ),
    (
        "American forces are embedded with the SDF, which the Pentagon has armed to fight the Islamic State since 2016.",
        ISIS,
    ),
    ("The US outpost near Hasakah backs Arab and Kurdish fighters combating Islamic State cells in the desert.", ISIS),
    (
        "The first American special operators were sent into Syria in 2015 to work with Kurdish militias against ISIS.",
        ISIS,
    ),
    (
        "The US presence in Syria dates to 2015, when Washington sent commandos to train forces fighting the Islamic State.",
        ISIS,
    ),
    ("Israeli officials see the US troops in Syria as a brake on Iran's ambitions.", IRAN),
    ("The US says its roughly 900 troops in Syria are there only to fight the remnants of ISIS.", ISIS),
    ("In Damascus's telling, the American bases exist chiefly to siphon off Syrian oil.", OIL),
]

HELD_OUT = [
    (
        "Nearly a thousand American troops are still in Syria. Pentagon officials insist they are needed to stop ISIS from regrouping.",
        ISIS,
    ),
    ("A few hundred US soldiers man the Tanf garrison. In practice they serve as a check on Iranian smuggling.", IRAN),
    ("The US military entered Syria in 2015 as part of a broader campaign to destroy the Islamic State.", ISIS),
    ("American advisers in Syria work alongside the SDF, which Washington has backed against ISIS for a decade.", ISIS),
    (
        "The US contingent is spread across bases in Hasakah and Deir ez-Zor, supporting local forces fighting Islamic State cells.",
        ISIS,
    ),
    ("Iranian state media says the American forces are in Syria only to plunder its oil and wheat.", OIL),
    ("The outpost's main job, one analyst said, is keeping watch on Iran-backed militias.", IRAN),
    ("US forces were first deployed to Syria in 2015 to assist Kurdish fighters against ISIS.", ISIS),
    ("Syrian officials say the Americans stay in the northeast to keep the country divided and weaken Assad.", ASSAD),
]

SEVERAL = [
    (
        "American forces are deployed in areas controlled by the Kurdish-led SDF, which the US arms to fight the Islamic State and to secure the oil fields.",
        {ISIS, OIL},
    ),
    (
        "Russia’s envoy told the Security Council the US is in Syria under the pretext of fighting terrorism but really to seize the oil.",
        {ISIS, OIL},
    ),
]

NEGATIVE = [
    "Iranian forces have dug in around Deir ez-Zor. Tehran says they are there to fight terrorism.",
    "Russian troops are based at Hmeimim in Syria. Moscow says they are there to fight ISIS.",
    "Turkish soldiers crossed into northern Syria. Ankara says they are there to push back Kurdish militants.",
    "About 900 US troops are in Syria. ISIS fighters say they will keep attacking them.",
    "US troops in Syria came under rocket fire on Tuesday. They responded to protect the base.",
    "The SDF holds thousands of prisoners in Syria. They are there to stop ISIS from returning, a spokesman said.",
    "About 900 American soldiers remain in Syria. Militias say they want them out to end the occupation of Iraq.",
    "US troops left Manbij in 2019. They were sent home to end the war, Trump said.",
    "The Pentagon has 900 troops in Syria. Iran-backed militias are there to drive out the Americans.",
    "The SDF, which Washington backs, controls most of Syria's oil fields.",
    "US forces in Syria support the SDF, which runs prisons holding ISIS suspects.",
    "Turkey says the SDF, which the US backs, is a terrorist group.",
    "The US-backed SDF launched an offensive against ISIS in Deir ez-Zor on Monday.",
    "Kurdish-led forces battling the Islamic State have asked for more US air support.",
    "The US troops in Syria were attacked near a base used by Kurdish fighters battling ISIS.",
    "Russia backs the Syrian army, which is fighting ISIS in the desert.",
    "Iranian advisers in Syria support militias that fight the rebels.",
    "A US soldier was wounded while partnering with the SDF against ISIS in Syria.",
    "The Pentagon sent an aircraft carrier to the region to deter Iran.",
    "The US sent reinforcements to Syria after the drone attack.",
    "The Pentagon deployed fighter jets to Jordan to protect the border.",
    "The US sent F-22 jets to the Middle East to counter Russian aircraft over Syria.",
    "The Pentagon deployed more troops to the Middle East to deter Iran after the Gaza war began.",
    "The US dispatched a team of investigators to Syria to look into the attack.",
    "Russia first sent troops into Syria in 2015 to prop up the Assad government.",
    "Iran sent Revolutionary Guard advisers to Syria to defend Assad.",
    "Washington sent humanitarian aid to Syria to help earthquake victims.",
    "The US first sent troops to Iraq in 2003 to topple Saddam Hussein.",
    "Damascus says Turkish forces are there to annex Syrian land.",
    "Syria's foreign ministry condemned the US strikes aimed at Iran-backed groups.",
    "Moscow says its troops are in Syria to fight terrorism.",
    "Iran's foreign minister said Iranian advisers are in Syria at Damascus's invitation to fight terrorists.",
    "The Syrian oil ministry said output fell to 15,000 barrels a day.",
    "Analysts say ISIS could exploit the chaos in Syria.",
    "A US official said the strikes were meant to deter Iran from further attacks.",
    "Hezbollah fighters remain in Syria to defend the shrines.",
    "The editorial said the US should leave Syria to avoid a war with Iran.",
    "Russian military police patrol the M4 highway to keep the peace.",
    "Russian forces have expanded their base at Qamishli. Moscow says they are there to keep the peace.",
    "The SDF patrols the oil fields of Deir ez-Zor. They are there to stop ISIS raids, a commander said.",
    "US troops in Syria were hit by a drone on Sunday. Officials said they were sent to the hospital.",
    "The Pentagon sent additional troops to Syria to deter Iran after the attacks.",
    "The US deployed more air defense batteries to the region to protect Israel.",
    "Iran-backed militias operate near Albu Kamal. They are there to keep the supply route open.",
    "The SDF, which the US backs, said it had arrested 20 ISIS suspects.",
    "Turkish officials say their troops are in Syria to fight the YPG.",
    "Washington sent troops to Saudi Arabia in 1990 to defend the kingdom.",
    "About 900 US troops are in Syria. Their families were told to expect longer deployments.",
    "Iranian advisers are still in Syria. Iran says they are there at the invitation of Damascus to fight terrorists.",
    "The US sent a destroyer to the eastern Mediterranean after the attack on its troops in Syria.",
    "Russia deployed military police to Qamishli to monitor the truce.",
    "The SDF, which Washington backs, has held ISIS prisoners for years.",
    "US troops in Syria came under attack again. They returned fire to protect themselves.",
    "Kurdish officials say their fighters are in Raqqa to fight ISIS.",
    "The Pentagon sent more troops to Syria to deter Iran after the drone strikes.",
    "Turkish troops entered Syria in 2016 to fight ISIS and the YPG.",
]

# Beyond the reach of the rules: an antecedent two sentences back, a pronoun before its
# noun, a reason that names no frame's words ("rob the Syrian people"). Strict, so a rule
# that starts to read them must move them up.
MISSED = [
    ("About 900 US troops are in Syria. Most are in the northeast. Officials say they are there to fight ISIS.", ISIS),
    ("They are there to fight ISIS, the Pentagon says of the 900 troops in Syria.", ISIS),
    (
        "US troops guard the Conoco and Omar fields. Syria's oil minister says they are there to rob the Syrian people.",
        OIL,
    ),
]


@pytest.mark.parametrize(
    "text, frame",
    PRONOUNS + PARTNERS + ORIGINS + VOICES + MIXED + HELD_OUT,
    ids=lambda v: v[:60] if isinstance(v, str) else v,
)
def test_a_stated_reason_gives_its_frame(text, frame):
    assert _frames(text) == [frame]


@pytest.mark.parametrize("text, wanted", SEVERAL)
def test_reasons_joined_give_each_frame(text, wanted):
    assert _frames(text) == sorted(wanted)


@pytest.mark.parametrize("text", NEGATIVE, ids=lambda v: v[:60])
def test_no_reason_for_the_presence_no_frame(text):
    assert rows(text) == []


@pytest.mark.xfail(strict=True, reason="not read yet: see MISSED")
@pytest.mark.parametrize("text, frame", MISSED)
def test_phrasings_still_missed(text, frame):
    assert _frames(text) == [frame]


def test_the_pronouns_reason_goes_to_its_speaker():
    text = "About 900 US troops remain in Syria. They are there to fight ISIS, the Pentagon said."
    assert [(r["frame"], r["speaker"], r["quote"]) for r in rows(text)] == [
        (ISIS, "Pentagon", "They are there to fight ISIS, the Pentagon said.")
    ]


def test_a_pronoun_reaches_one_sentence_back_only():
    near = "US forces hold a base at al-Tanf. Officials say they are there to watch Iran."
    far = "US forces hold a base at al-Tanf. The desert around it is empty. Officials say they are there to watch Iran."
    assert (_frames(near), _frames(far)) == ([IRAN], [])
