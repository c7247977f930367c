"""Frames across the many ways reporters and officials say why US troops are in Syria:
passive and active presence verbs, the mission as subject with its purpose set off by an
attribution, what the troops do there (guard prisons, train partners, deter Iran), a
presence that "is a hedge against" someone, headline forms and quotations with the speaker
after them; and sentences that must give no frame (reasons for strikes, for a withdrawal,
for sending ships; ISIS or oil named with no purpose).

Every sentence is written for these tests; none is copied from an article."""

import datetime as dt

import pytest

from analysis.extract import frames, pipeline
from analysis.text.corpus import Document

PUBLISHED = dt.date(2024, 3, 8)


def rows(text):
    found = frames.extract(pipeline.parse(Document("t", "t.txt", text, "", {"published": PUBLISHED})))
    for r in found:
        assert text[r["start"] : r["end"]] == r["quote"]
    return found


ISIS, IRAN, OIL, ASSAD, PROTECT, OTHER = (
    "counter-ISIS",
    "counter-Iran",
    "oil",
    "regime-change/Assad",
    "force-protection",
    "other",
)

# (sentence, the one frame it states)
POSITIVE = [
    # presence verbs, active and passive, with a purpose clause
    ("US forces remain in Syria to prevent the Islamic State from staging a comeback.", ISIS),
    ("The roughly 900 troops are deployed there to keep pressure on ISIS remnants.", ISIS),
    ("Washington maintains about 2,000 troops in Syria to finish off the Islamic State.", ISIS),
    ("The Pentagon keeps about 900 personnel in the northeast to hunt down ISIS cells in Syria.", ISIS),
    ("American soldiers entered Syria in 2015 to fight the jihadists.", ISIS),
    ("A few hundred US troops will stay behind in Syria to keep ISIS from regrouping.", ISIS),
    ("The 900 US troops in Syria are part of a campaign to ensure ISIS cannot rebuild.", ISIS),
    ("The forces in Syria are meant to stop the militants of the Islamic State from regrouping.", ISIS),
    ("US troops in Syria are focused on the fight against the remnants of ISIS.", ISIS),
    ("The US says its soldiers in Syria are on a counterterrorism mission.", ISIS),
    ("American forces are operating in Syria as part of Operation Inherent Resolve.", ISIS),
    # the mission or the presence as the subject, its purpose after a copula
    ("The mission, officials say, is to prevent an ISIS resurgence in Syria.", ISIS),
    ("The goal of the US deployment in Syria, according to the Pentagon, is to defeat ISIS for good.", ISIS),
    ("The troops' stated purpose in Syria is to fight what is left of the Islamic State.", ISIS),
    ("Washington's goal in Syria is to make sure Iran does not entrench itself there.", IRAN),
    ("The US presence in Syria is largely about countering Iran, analysts say.", IRAN),
    ("At its core, the Syria deployment is about oil.", OIL),
    ("Pentagon officials describe the Syria mission as preventing an Islamic State comeback.", ISIS),
    ("The deployment in Syria is meant to guard oil fields in Deir ez-Zor.", OIL),
    ("The deployment in Syria also serves to deter Iran.", IRAN),
    # what the troops do there
    ("In Syria, US troops help the SDF guard thousands of ISIS detainees.", ISIS),
    ("American forces in Syria also help secure prisons holding Islamic State fighters.", ISIS),
    ("US troops train and equip the Syrian Democratic Forces in their fight against ISIS in Syria.", ISIS),
    ("In Syria, US forces advise and assist local partners battling the Islamic State.", ISIS),
    ("American soldiers patrol the oil fields east of the Euphrates.", OIL),
    ("The remaining soldiers in Syria will protect the SDF-held oil fields from the Islamic State.", OIL),
    ("US troops have been guarding Syria's oil and gas fields since 2019.", OIL),
    ("Washington says its troops in Syria deter Iranian expansion.", IRAN),
    ("He argued that the American presence in Syria deters Iran.", IRAN),
    ("The US garrison at al-Tanf blocks a key Iranian supply route.", IRAN),
    ("The military presence in Syria keeps Iran from building a corridor to the Mediterranean.", IRAN),
    ("US forces at al-Tanf watch over the desert highway, blocking Iran's overland route.", IRAN),
    # "as a hedge", "is a check on": the presence as an instrument
    ("Washington keeps troops in eastern Syria as a hedge against Iran.", IRAN),
    ("US officials have long said the troops in Syria are a counterweight to Iran's growing influence.", IRAN),
    ("The al-Tanf garrison acts as a bulwark against Iranian expansion.", IRAN),
    # Iran's routes, proxies and corridors
    ("The troops in Syria are there to deny Iran a land bridge to Lebanon.", IRAN),
    ("US forces stay at al-Tanf to block Tehran's supply route to Hezbollah.", IRAN),
    ("About 200 US troops remain at al-Tanf to cut off arms flows to Hezbollah.", IRAN),
    ("US troops remain in Syria to deter Iran-backed militias.", IRAN),
    ("The troops stationed in Syria are there to contain Iranian-backed groups.", IRAN),
    # Assad, Damascus, a political settlement
    ("Critics say the US troops stay in Syria to pressure Assad.", ASSAD),
    ("Washington has kept forces in Syria to maintain leverage over Damascus.", ASSAD),
    ("US troops remain in Syria to deny the Assad government control of the east.", ASSAD),
    ("The troops give Washington leverage in any political settlement in Syria, analysts say.", ASSAD),
    # oil, in officials' words and in critics'
    ("Trump has said the troops are only in Syria for the oil.", OIL),
    ("The reason we're in Syria is the oil, Trump told reporters.", OIL),
    ("Damascus accuses Washington of keeping troops in the east of Syria to plunder Syrian oil.", OIL),
    ("Moscow says the Americans occupy eastern Syria to loot the country's resources.", OIL),
    ("Critics say the real reason for the deployment in Syria is to control the oil.", OIL),
    ("The Syrian government says the US troops are there to steal the oil.", OIL),
    # partners, and the forces' own protection
    ("The troops are there to protect the Kurds in northern Syria, the senator said.", OTHER),
    ("US forces remain in Syria to guarantee the safety of their Kurdish partners.", OTHER),
    ("Some officials argue the US troops stay in Syria to counter Russian influence.", OTHER),
    ("The air defense units were deployed to Syria to shield US troops from drone attacks.", PROTECT),
    ("The extra troops sent to Syria are there for the protection of the forces already deployed.", PROTECT),
    # headlines
    ("US to keep troops in Syria to counter Iran, Bolton says", IRAN),
    ("Pentagon: troops will stay in Syria to fight ISIS", ISIS),
    ("Syria mission is about the oil, Trump says", OIL),
    # the reason as the subject
    ("Counter-ISIS operations remain the focus of US troops in Syria.", ISIS),
    ("Iran, not ISIS, is now the main reason US forces are in Syria, officials said.", IRAN),
    # a quotation mark between the presence verb and its purpose
    ('Trump said the troops stayed "to keep the oil" in Syria.', OIL),
    # more phrasings, each batch written before the rules were widened for it: spread across
    # bases, "exists to", "are needed to", "key to", "described ... as", "by hemming in", a
    # force "without" which ISIS could regroup, an exit that "would hand the oil fields" over
    (
        "Roughly 900 American service members are still deployed in northeastern Syria, where their job is to keep the Islamic State on the run.",
        ISIS,
    ),
    ("The Americans have stayed on in Syria to make sure the extremists never rebuild their caliphate.", ISIS),
    ("Biden has kept a residual force in Syria, arguing it is needed to stop ISIS from resurging.", ISIS),
    ("US commanders say their troops in Syria are needed to keep a lid on ISIS.", ISIS),
    ("The US contingent at Rumalyn exists to support Kurdish-led forces against ISIS.", ISIS),
    ("Syrian state media has long described the US troops as occupiers stealing the country's oil.", OIL),
    ("A senior administration official said the troops in Syria would stay put to deter Iranian adventurism.", IRAN),
    ("Officials insist the deployment in Syria is strictly about the fight against ISIS.", ISIS),
    ("The U.S. has maintained a presence at the Tanf garrison chiefly to disrupt Iranian weapons smuggling.", IRAN),
    ("US troops are positioned at Tanf to choke off an Iranian route into Syria.", IRAN),
    ("Keeping troops in Syria denies Iran a free hand there, the senator said.", IRAN),
    ("Washington's military footprint in Syria is aimed at preventing an ISIS revival.", ISIS),
    ("The Pentagon justifies the deployment in Syria on counterterrorism grounds.", ISIS),
    (
        "The continued presence of US troops in Syria is, in the administration's words, about ensuring the enduring defeat of ISIS.",
        ISIS,
    ),
    ("Trump said he was leaving some troops behind in Syria 'only for the oil.'", OIL),
    ("Remaining US forces in Syria will secure the oil fields so that ISIS cannot seize them again.", OIL),
    ("In Syria, those forces help the Kurds keep thousands of captured Islamic State fighters behind bars.", ISIS),
    ("The Tanf outpost also serves as a listening post to keep tabs on Iranian-backed militias.", IRAN),
    ("Damascus views the American troops in Syria as an occupation force seeking regime change.", ASSAD),
    ("US troops are in Syria at nobody's invitation, critics note, and serve mainly to pressure Damascus.", ASSAD),
    (
        "The troops in Syria are also tasked with protecting themselves and coalition bases from militia attacks.",
        PROTECT,
    ),
    (
        "The Americans are there to ensure the Islamic State does not stage a comeback in Syria, a US official told AFP.",
        ISIS,
    ),
    ("In Syria, US special forces partner with the SDF to hunt Islamic State cells.", ISIS),
    ("U.S. troops have been stationed in Syria since 2015 to combat the Islamic State group.", ISIS),
    (
        "The president has argued that US troops need to stay in Syria to prevent a repeat of the 2014 ISIS takeover.",
        ISIS,
    ),
    ("Russia's foreign ministry says the US uses the fight against terrorism as a pretext to occupy Syria.", ISIS),
    ("The presence in Syria is intended to keep Iran's proxies off balance.", IRAN),
    ("The US military presence in Syria guards against an ISIS resurgence.", ISIS),
    ("Without US troops in Syria, officials warn, ISIS could regroup in the desert.", ISIS),
    ("The troops in eastern Syria serve as a tripwire against Iranian and Russian encroachment.", IRAN),
    (
        "The US has roughly 900 troops in Syria, whose mission is to ensure the lasting defeat of the Islamic State.",
        ISIS,
    ),
    ("American troops first arrived in Syria in 2015 to back Kurdish fighters against the Islamic State.", ISIS),
    ("The Pentagon says its forces in Syria remain focused on the counter-ISIS mission.", ISIS),
    ("A defense official said the troops at al-Tanf have been key to blunting Iran's influence.", IRAN),
    ("The forces in Syria, the official added, are also there to keep an eye on Iranian proxies.", IRAN),
    ("“As long as Iran is in Syria, we will be in Syria,” the envoy told the newspaper.", IRAN),
    ("US officials defended the deployment as essential to preventing ISIS from regrouping in Syria.", ISIS),
    ("The garrison also gives the United States leverage over Damascus and Moscow in any peace deal.", ASSAD),
    (
        "Roughly 2,000 US service members are stationed in Syria to train, advise and assist the Syrian Democratic Forces in the campaign against IS.",
        ISIS,
    ),
    ("The deployment is aimed squarely at Iran, critics contend, not at the remnants of ISIS.", IRAN),
    ("Washington has never hidden that its troops in eastern Syria guard the region's oil.", OIL),
    ("The troops in Syria provide force protection for the remaining diplomats and contractors.", PROTECT),
    (
        "Some 1,100 additional troops were moved into Syria to protect the forces already there from militia attacks.",
        PROTECT,
    ),
    ("The reason US troops remain in Syria, according to Pentagon officials, is to prevent an ISIS comeback.", ISIS),
    ("The troops' job in Syria is to make sure ISIS cannot reconstitute.", ISIS),
    ("Trump has repeatedly said the only reason to keep troops in Syria is to secure oil.", OIL),
    (
        "The United States keeps a garrison at al-Tanf, which sits astride a route Iran uses to move weapons to Hezbollah.",
        IRAN,
    ),
    ("Iranian officials accuse the US of occupying Syrian territory to plunder the country's oil and wheat.", OIL),
    (
        "America's troops in Syria help prevent Iranian-backed militias from establishing a land corridor to Lebanon.",
        IRAN,
    ),
    ("In Syria, US forces continue to conduct counterterrorism operations alongside the SDF.", ISIS),
    ("US troops will stay in Syria to make sure the Islamic State does not return, officials said Thursday.", ISIS),
    ("“We're going to keep the oil,” Trump said of the troops in Syria.", OIL),
    ("Officials described the US troops in Syria as the last line of defense against an Islamic State revival.", ISIS),
    ("Pentagon: Syria troops needed to fight IS remnants", ISIS),
    ("US to leave 400 troops in Syria to guard against Iran, official says", IRAN),
    ("The small US presence in Syria has helped keep ISIS from retaking territory.", ISIS),
    ("Ending the deployment in Syria would hand the oil fields to Assad, the senator warned.", OIL),
    (
        "About 1,000 US soldiers are spread across a handful of bases in Syria, tasked chiefly with hunting ISIS holdouts.",
        ISIS,
    ),
    (
        "The Americans say they are in Syria at the request of no government, solely to finish the war on the Islamic State.",
        ISIS,
    ),
    ("“Our presence there is about one thing: ISIS,” the commander said.", ISIS),
    ("The White House has framed the continued deployment in Syria as a check on Iranian ambitions.", IRAN),
    ("Officials told Congress the troops in Syria are vital to stopping Tehran from arming its proxies.", IRAN),
    ("Critics of the mission say the troops in Syria mainly serve Israeli interests by hemming in Iran.", IRAN),
    ("Trump boasted that US soldiers in Syria were there to protect the oil, not the Kurds.", OIL),
    ("The US keeps soldiers in Syria's northeast largely because of the oil, Syria's foreign minister said.", OIL),
    ("The deployment in Syria exists partly to pressure the Assad regime, a former envoy wrote.", ASSAD),
    (
        "US forces in Syria are there in part to protect themselves and coalition partners from militia attacks.",
        PROTECT,
    ),
    ("The 900 troops in Syria support the SDF's campaign to root out Islamic State sleeper cells.", ISIS),
    ("US troops have remained in Syria since 2019, guarding the oil fields around Deir ez-Zor.", OIL),
    ("The troops at al-Tanf also train a local militia that fights ISIS in the desert.", ISIS),
    ("Washington kept its forces in Syria to deny Iran and Russia a free run of the country.", IRAN),
    ("Some 2,000 troops in Syria are trying to stamp out the last pockets of Islamic State resistance.", ISIS),
    ("The Pentagon's mission in Syria, as it describes it, is to keep ISIS down and detainees locked up.", ISIS),
    ("The purpose of the base at al-Tanf, officials say, is to watch the Iranian routes through the desert.", IRAN),
    ("US troops are guarding al-Hol, the sprawling camp for families of Islamic State fighters.", ISIS),
]

# (sentence, the frames it states): two reasons joined ("fighting ISIS and countering Iran")
SEVERAL = [
    ("The mission of the roughly 900 troops in Syria is twofold: fighting ISIS and countering Iran.", {ISIS, IRAN}),
    (
        "The American force in Syria is there mostly to fight ISIS, though some officials also see it as a counter to Iran.",
        {ISIS, IRAN},
    ),
    (
        "Officials say the troops will stay on in Syria till the Islamic State is beaten and Iranian forces have gone home.",
        {ISIS, IRAN},
    ),
]

# Phrasings still missed (a reason that needs the reader to resolve a reference or read a
# hope as a purpose); strict, so a rule that starts to read them must move them up.
MISSED = [
    ("Trump later said a small number of troops would remain where they have the oil.", OIL),
    (
        "Damascus insists the Americans are in Syria illegally to prevent the government from recovering its territory.",
        ASSAD,
    ),
    ("With a few hundred troops, the US hopes to keep ISIS from rising again in Syria.", ISIS),
]

# (sentence, frame, speaker, voice): whose reason it is
SPEAKERS = [
    (
        "“We are in Syria for one reason, to make sure ISIS never comes back,” said Defense Secretary Jane Roe.",
        ISIS,
        "Jane Roe",
        "speaker's own words",
    ),
    (
        "Senator John Doe argued that the troops are in Syria to counter Iran.",
        IRAN,
        "John Doe",
        "attributed by the author",
    ),
    (
        "According to the Pentagon, the forces remain in Syria to prevent an ISIS resurgence.",
        ISIS,
        "Pentagon",
        "attributed by the author",
    ),
    (
        "“Our forces are deployed there to guard the oil fields,” General Mark Wells told reporters on Tuesday.",
        OIL,
        "Mark Wells",
        "speaker's own words",
    ),
    ("The US troops in Syria are there to deter Iran, Ann Smith said.", IRAN, "Ann Smith", "attributed by the author"),
    ("American forces stay in Syria to keep pressure on Damascus.", ASSAD, None, "author's framing"),
]

NEGATIVE = [
    # reasons for strikes, raids and shoot-downs
    "The US carried out strikes in eastern Syria to deter Iran-backed militias.",
    "The airstrikes were intended to degrade the Islamic State's ability to plan attacks, CENTCOM said.",
    "Officials said the raid in Syria was meant to kill a senior ISIS leader.",
    "US forces in Syria shot down a drone to protect the base at al-Tanf.",
    "US forces in Syria responded to the attack to protect themselves.",
    "The American military struck ISIS camps in Syria to prevent the group from regrouping.",
    # reasons for a withdrawal or a drawdown
    "Trump ordered US troops out of Syria, saying ISIS had been defeated.",
    "The Pentagon plans to halve its forces in Syria because the threat from ISIS has diminished.",
    "The drawdown in Syria comes as ISIS has been largely defeated.",
    "US troops withdrew from northern Syria in 2019 to get out of the way of a Turkish offensive.",
    # assets sent to the region
    "The Pentagon sent two carrier groups to the eastern Mediterranean to deter Iran.",
    "The US sent B-1 bombers to the region to signal resolve against Tehran.",
    "The Pentagon deployed additional fighter jets to the Middle East to deter Iran.",
    # somebody else's forces and purposes
    "The Syrian army deployed troops to Deir ez-Zor to fight ISIS.",
    "Turkish troops remain in northern Syria to push back Kurdish fighters.",
    "The SDF guards camps in Syria holding the families of ISIS fighters.",
    "Thousands of Kurdish fighters remain in Syria to guard ISIS prisons.",
    "Iran-backed militias launched drones at US troops in Syria to avenge the killing of their commander.",
    "Washington imposed sanctions on Damascus to pressure Assad.",
    # ISIS, Iran or oil named with no purpose
    "ISIS claimed responsibility for a bombing near Damascus.",
    "The Islamic State still has thousands of fighters in the Syrian desert, a UN report said.",
    "Analysts say ISIS attacks in Syria have risen this year.",
    "Oil prices rose 2 percent on Monday amid fears of a wider war involving Iran.",
    "Syria's oil output has fallen sharply since 2011.",
    "Brent crude traded near $80 a barrel as investors weighed the risk to Iranian supply.",
    "US troops in Syria were attacked with rockets at the Conoco gas field.",
    "A US soldier was wounded while guarding an oil field in Syria, officials said.",
    "Israel struck Iranian targets in Syria on Sunday.",
    # troops and Iraq, not Syria
    "US troops in Iraq are there to advise Iraqi forces fighting the Islamic State.",
    # more, written with the batches above: engagements, alerts, exits, questions, others' bases
    "The US struck Iranian-backed targets in Syria in response to attacks on its troops.",
    "The US has about 900 troops in Syria.",
    "ISIS remnants have stepped up ambushes in the Syrian desert.",
    "Oil smuggling from SDF-held areas of Syria to Damascus has surged.",
    "The Pentagon said the withdrawal from Syria would let US forces focus on Iran.",
    "A drone struck near the US garrison at al-Tanf, officials said.",
    "US troops in Syria helped evacuate wounded civilians after the blast.",
    "The troops were redeployed from Syria to Iraq to help fight ISIS there.",
    "The SDF, backed by US air power, guards the al-Hol camp in Syria.",
    "The Syrian government wants US troops out so it can retake the oil fields.",
    "US forces in Syria intercepted a drone launched by Iran-backed militants.",
    "American troops have been in Syria since 2015.",
    "Critics say keeping troops in Syria risks a war with Iran.",
    "The troops' presence in Syria angers Damascus and Moscow.",
    "Oil prices jumped after US troops in Syria were attacked.",
    "US officials said the troops would stay in Syria for now, without saying why.",
    "Lawmakers asked why the troops remain in Syria after ISIS lost its territory.",
    "US forces in Syria keep coming under fire from Iran-backed groups.",
    "Iranian advisers remain in Syria to help Assad's army.",
    "Russia keeps warplanes in Syria to support the Assad government.",
    "The Pentagon said the strikes in Syria were a response to the killing of three soldiers.",
    "US troops in Syria came under rocket fire, the latest of more than 100 attacks.",
    "An Iran-backed group claimed the drone attack on the US base in Syria.",
    "The US military said it killed an ISIS leader in a raid in northern Syria.",
    "The Islamic State's last stronghold in Syria fell in 2019.",
    "The SDF holds about 9,000 ISIS fighters in prisons across northeastern Syria.",
    "Iranian oil tankers have been spotted off the Syrian coast.",
    "The US will reduce its troops in Syria to about 1,000 as the threat from ISIS recedes.",
    "Washington withdrew from the border area to avoid a clash with Turkish forces.",
    "The US announced new sanctions on Syrian officials over the oil trade.",
    "US forces in Syria fired back at the militants who had launched rockets.",
    "The Pentagon moved a destroyer to the eastern Mediterranean to protect Israel from Iran.",
    "Iran keeps forces in Syria to support the Assad government.",
    "Russian forces remain at Hmeimim to protect Russia's interests in Syria.",
    "The US troop presence in Syria has been debated in Congress for years.",
    "US troops in Syria were placed on alert after Iran's missile strike on Israel.",
    "The Kurdish-led administration controls most of Syria's oil fields.",
    "A US soldier in Syria suffered a traumatic brain injury in the attack, officials said.",
    "The militias said their attacks on US troops in Syria were aimed at ending the occupation.",
    "Oil revenue funds the SDF, which guards ISIS detainees in northeast Syria.",
    "US forces in Syria killed two ISIS operatives in a helicopter raid, CENTCOM said.",
    "Iran condemned the presence of US troops in Syria.",
    "The troops in Syria received new air defense systems this week.",
    "The oil fields in eastern Syria produced 80,000 barrels a day before the war.",
    "The US has roughly 900 troops in Syria and 2,500 in Iraq.",
    "The SDF said it had captured 12 ISIS suspects near Hasakah.",
    "Turkey wants US troops to stop supporting the Kurdish YPG.",
    "The Pentagon sent a second aircraft carrier to the region to deter Iran and Hezbollah.",
    "A senator asked what the troops in Syria are doing there now that ISIS has been weakened.",
    "US troops left the Tishrin dam area as Turkish-backed fighters advanced.",
    "The 900 troops in Syria have been attacked more than 60 times since October.",
    "The troops in Syria are protected by air defense systems.",
    "US forces in Syria support the SDF, which holds thousands of ISIS fighters.",
    "Officials said US troops in Syria helped shoot down Iranian drones headed for Israel.",
    "US troops in Syria have been on alert since Iran threatened retaliation.",
    "The Pentagon said US troops in Syria would defend themselves if attacked by Iran's proxies.",
    "The SDF, supported by US troops, guards the al-Hol camp.",
    "US forces were supporting the SDF raid that killed an ISIS commander in Syria.",
    "Iran-backed militias have vowed to drive US troops out of Syria to avenge their commanders.",
    "US troops in Syria are at risk from Iran-backed militias, the general said.",
    "A US service member was wounded while supporting SDF operations against ISIS in Syria.",
    "The troops in Syria intercepted two drones over the Conoco oil field.",
    "Some 900 troops in Syria were placed on high alert after Iran's threats.",
    "US forces in Syria responded by striking Iran-backed militia headquarters.",
    "Without US approval, Iran could not have moved its weapons through Syria.",
    "If US troops leave Syria, the Pentagon said, the drawdown will take months.",
    "The troops in Syria help themselves to the canteen's coffee every morning.",
    "US forces in Syria are protecting themselves with new counter-drone systems after repeated attacks.",
]


def _frames(text):
    return sorted({r["frame"] for r in rows(text)})


@pytest.mark.parametrize("text, frame", POSITIVE)
def test_a_stated_reason_gives_its_frame(text, frame):
    assert _frames(text) == [frame]


@pytest.mark.parametrize("text, wanted", SEVERAL)
def test_reasons_joined_give_each_frame(text, wanted):
    assert _frames(text) == sorted(wanted)


@pytest.mark.xfail(strict=True, reason="not read yet: see MISSED")
@pytest.mark.parametrize("text, frame", MISSED)
def test_phrasings_still_missed(text, frame):
    assert _frames(text) == [frame]


@pytest.mark.parametrize("text, frame, speaker, voice", SPEAKERS)
def test_the_reason_goes_to_its_speaker(text, frame, speaker, voice):
    assert [(r["frame"], r["speaker"], r["voice"]) for r in rows(text)] == [(frame, speaker, voice)]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_reason_for_the_presence_no_frame(text):
    assert rows(text) == []
