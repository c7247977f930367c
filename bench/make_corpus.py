"""Write N synthetic news-like documents for benchmarking the extractors.

Each document is a headline and a few paragraphs drawn from sentence templates written
for this benchmark: most sentences carry no tally (background, colour, troop levels,
years, money), some carry tallies, dates, attributed and relayed reports (with status
cues such as "could not be independently verified" or "denied") and justification
frames, in roughly the mix of wire copy on attacks on U.S. forces. Slots (numbers,
places, sources, weekdays, dates) are filled at random, so sentences vary. Deterministic:
the same seed and N give byte-identical files. Each .txt gets a .meta.yml sidecar with a
`published` date, as the corpus loader expects.

Per sentence: about 55% background, 15% tallies, 12% attributed reports, 10% dates, 5%
frames, 3% quotations.

    python bench/make_corpus.py --n 2000 --out bench/corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SOURCES = [
    "the Pentagon",
    "a Pentagon spokesman",
    "Pentagon spokesperson Jane Doe",
    "U.S. officials",
    "a defense official",
    "U.S. Central Command",
    "officials",
]
PLACES = ["Iraq", "Syria", "Jordan"]
QUALS = ["", "", "", "at least ", "more than ", "about ", "nearly ", "roughly "]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["Oct.", "Nov.", "Dec.", "Jan.", "Feb."]
WEAPONS = ["drone", "rocket", "mortar", "missile"]
WORDS = {3: "three", 5: "five", 12: "a dozen", 66: "sixty-six", 7: "seven"}
OUTLETS = [
    "IRNA",
    "Tasnim",
    "Sputnik",
    "Al Mayadeen",
    "Shafaq News",
    "Rudaw",
    "the Syrian Observatory for Human Rights",
    "Reuters",
    "the Associated Press",
    "Military Times",
    "SANA",
    "Al Jazeera",
]
GROUPS = ["the Islamic Resistance in Iraq", "Kataib Hezbollah", "an Iran-backed militia", "a little-known group"]
TOWNS = ["Erbil", "Deir ez-Zor", "al-Tanf", "Ain al-Asad", "Hasakah", "Baghdad", "Shaddadi", "Rumeilan"]

FILLER = [
    "The base hosts troops from several coalition countries and sits near the border.",
    "Residents reported hearing explosions late in the evening, local media said.",
    "The United States has about 2,500 troops in Iraq and 900 in Syria.",
    "The mission began in 2014, when the Islamic State group seized large parts of both countries.",
    "Congress approved $14 billion in additional funding for the region last year.",
    "Officials declined to say whether the strikes had hit their intended targets.",
    "The outpost lies roughly 12 miles from the river and about 20 km from the nearest town.",
    "Analysts say the militias want to push U.S. forces out of the region.",
    "The group fired 14 rockets and three drones in a single night, according to local reports.",
    "A 31-year-old sergeant was later promoted for his actions during the night.",
    "Diplomats met for three days in Doha to discuss a ceasefire.",
    "The statement did not give further details.",
    "Satellite images showed damage to two buildings and a runway.",
    "The White House says the United States is not looking for a wider war.",
    "Iranian state media described the operation as a response to the war in Gaza.",
    "Retaliatory strikes killed 18 militants, the group said.",
]
BACKGROUND = [
    "Traffic on the main highway to {town} was disrupted for {small} hours after the blast.",
    "The {town} airport reopened on schedule, a spokesman for the local authority told reporters.",
    "Aid groups say {pct} percent of families in the province rely on food assistance.",
    "The province's governor visited the market and promised compensation to shop owners.",
    "Prices for bread and fuel have risen sharply since the start of the year.",
    "The council meets again next month to discuss the budget and reconstruction projects.",
    "Electricity in parts of {town} was cut for several hours, residents said.",
    "Local journalists were not allowed to enter the area around the base.",
    "The road between {town} and the border crossing has been closed to civilian traffic.",
    "Schools in the district will stay closed until further notice.",
    "More than {big} people have been displaced in the province since 2019, the United Nations says.",
    "Farmers in the valley say the drought has cut this year's wheat harvest by half.",
]
ATTRIBUTED = [
    "{Outlet} reported that {group} claimed responsibility for the attack on the base near {town}.",
    "{Outlet}, citing local sources, said a drone hit a logistics hub near {town}.",
    "The claim could not be independently verified, and U.S. officials declined to comment.",
    "{Outlet} said the strike damaged a radar site, but the Pentagon denied the report.",
    "According to {outlet}, {group} fired rockets at the airport in {town}.",
    "Unconfirmed reports on social media said explosions were heard near {town}.",
    "A U.S. official, speaking on condition of anonymity, confirmed that no one was hurt.",
    "{Group} said in a statement on Telegram that it targeted the base with a drone.",
]
QUOTES = [
    '"We will respond at a time and place of our choosing," {source} said.',
    '"The attacks must stop," a senior official told {outlet}.',
    '"Nobody was hurt, thank God," a resident of {town} said.',
]
FRAMES = [
    '"We are there for one reason only, the enduring defeat of ISIS," {source} said.',
    "Officials say the troops remain to prevent a resurgence of the Islamic State.",
    "Critics argue the deployment is really about countering Iran.",
    "Some lawmakers say the forces are there to secure oil fields in the northeast.",
]
DATED = [
    "The latest attack came on {weekday}, when a drone struck near the base.",
    "Defense Secretary Lloyd Austin spoke with his counterpart on {month} {day}.",
    "The first attack of the campaign was reported on Oct. 17.",
    "Earlier this week, {source} said the threat remained high.",
]
TALLY = [
    "U.S. forces in Iraq and Syria have been attacked {q}{total} times since Oct. 17, according to {source}.",
    "Iran-backed militias have attacked U.S. troops {q}{total} times since Oct. 17 as of {weekday}, {source} said, "
    "totaling {a} attacks in Iraq and {b} in Syria.",
    "The {w1} and {w2} attacks have injured {q}{inj} U.S. service members, {source} said {weekday}.",
    "There have been {total} attacks on U.S. and coalition forces since mid-October: {a} in Iraq and {b} in Syria.",
    "Of those, {tbi} were traumatic brain injuries.",
    "{Src} said {weekday} that no troops have been injured since {month} {day}.",
    "There have been {small} attacks since {month} {day}, officials said.",
    "Three U.S. service members were killed and more than 40 were wounded in a drone attack on a base in Jordan.",
]
HEADLINES = [
    "Attacks on U.S. troops climb to {total} since October",
    "Drone strike hits U.S. base in {place}",
    "Pentagon: no new injuries since {month} {day}",
    "U.S. weighs response after militia attacks",
]


def sentence(rng: random.Random, template: str, state: dict) -> str:
    total = state["total"]
    a = rng.randint(total // 4, total // 2)
    values = {
        "total": total,
        "a": a,
        "b": total - a,
        "q": rng.choice(QUALS),
        "inj": rng.randint(20, 90),
        "tbi": rng.randint(5, 19),
        "small": WORDS.get(rng.choice([3, 5, 12, 7]), "four"),
        "source": rng.choice(SOURCES),
        "weekday": rng.choice(WEEKDAYS),
        "month": rng.choice(MONTHS),
        "day": rng.randint(1, 28),
        "place": rng.choice(PLACES),
        "w1": rng.choice(WEAPONS),
        "w2": rng.choice(WEAPONS),
    }
    values.update(
        outlet=rng.choice(OUTLETS),
        group=rng.choice(GROUPS),
        town=rng.choice(TOWNS),
        pct=rng.randint(20, 80),
        big=f"{rng.randint(2, 400) * 1000:,}",
    )
    for key in ("source", "outlet", "group"):
        values[key.capitalize() if key != "source" else "Src"] = values[key][0].upper() + values[key][1:]
    return template.format(**values)


# (share of sentences, templates); the rest are background
MIX = [(0.15, TALLY), (0.12, ATTRIBUTED), (0.10, DATED), (0.05, FRAMES), (0.03, QUOTES)]


def pick_pool(roll: float) -> list[str]:
    for share, pool in MIX:
        if roll < share:
            return pool
        roll -= share
    return FILLER if roll < 0.3 else BACKGROUND


def document(rng: random.Random) -> tuple[str, str]:
    """(text, headline) of one synthetic article, sentences drawn in the MIX above."""
    state = {"total": rng.randint(40, 190)}
    headline = sentence(rng, rng.choice(HEADLINES), state)
    paragraphs = []
    for _ in range(rng.randint(3, 9)):
        lines = []
        for _ in range(rng.randint(1, 4)):
            lines.append(sentence(rng, rng.choice(pick_pool(rng.random())), state))
        paragraphs.append(" ".join(lines))
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n", headline


def write_corpus(out: Path, n: int, seed: int = 20240112) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    start = dt.date(2023, 10, 20)
    for i in range(n):
        text, headline = document(rng)
        published = start + dt.timedelta(days=rng.randint(0, 250))
        path = out / f"synthetic_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        meta = (
            f'title: "{headline}"\npublished: {published.isoformat()}\n'
            'published_basis: "Synthetic benchmark document; the date is drawn at random."\nlanguage: en\n'
        )
        (out / f"synthetic_{i:05d}.meta.yml").write_text(meta, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=2000, help="documents to write (default 2000)")
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "corpus", help="output folder")
    p.add_argument("--seed", type=int, default=20240112, help="random seed (default 20240112)")
    args = p.parse_args(argv)
    paths = write_corpus(args.out, args.n, args.seed)
    print(f"wrote {len(paths)} documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
