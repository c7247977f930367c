"""Dated events: one row per date expression, its short clause, the source and status of
the statement carrying it, and the seed's timeline end to end.

Unit sentences are written for these tests; none is copied from an article."""

import datetime as dt

import pytest
from conftest import read_table
from hypothesis import given
from hypothesis import strategies as st

from analysis.extract import claims, events, pipeline
from analysis.text.corpus import Document

PUBLISHED = dt.date(2024, 3, 8)  # a Friday


def extract(text, published=PUBLISHED):
    parsed = pipeline.parse(Document("t", "t.txt", text, "", {"published": published}))
    found = events.extract(parsed)
    for r in found:
        assert text[r["start"] : r["end"]] == r["quote"]
    return found


def by_text(found):
    return {r["date_text"]: r for r in found}


def test_date_of_the_statement_and_date_of_its_content():
    found = by_text(extract("A spokesman for CENTCOM said Thursday that a drone hit the depot on Tuesday."))
    said, hit = found["Thursday"], found["Tuesday"]
    assert (said["date"], said["precision"], said["event"]) == (
        "2024-03-07",
        "day",
        "A spokesman for CENTCOM said Thursday",
    )
    assert (hit["date"], hit["source"], hit["status"]) == ("2024-03-05", "US Central Command", "reported")
    assert "a drone hit the depot" in hit["event"]


def test_a_night_is_dated_by_the_day_it_began():
    r = extract("Overnight, jets struck a depot near the coast.")[0]
    assert (r["date"], r["precision"], r["source"]) == ("2024-03-07", "night", "author")
    assert r["event"] == "Overnight, jets struck a depot near the coast"


def test_days_before_keeps_its_reference_date_and_precision():
    r = extract("Tasnim said the drill came days before the attack.")[0]
    assert (r["date"], r["precision"], r["date_text"], r["source"]) == (
        "2024-03-08",
        "days-before",
        "days before",
        "Tasnim",
    )


def test_status_comes_from_the_claims_table():
    assert extract("There are rumors that the depot burned on Monday.")[0]["status"] == "rumor"
    r = extract("Tasnim said the depot burned on Monday. The report has not been confirmed.")[0]
    assert (r["source"], r["status"]) == ("Tasnim", "unconfirmed")


def test_several_sources_of_one_statement_share_one_row():
    found = extract("Iraqi and Syrian sources said the bridge fell on Wednesday.")
    assert [(r["date"], r["source"]) for r in found] == [("2024-03-06", "Iraqi sources; Syrian sources")]


def test_without_a_publication_date_the_row_stays_with_an_empty_date():
    found = extract("The convoy left on Monday.", published=None)
    assert [(r["date"], r["date_text"]) for r in found] == [(None, "Monday")]


def test_long_clause_is_cut_around_the_date():
    text = (
        "Tasnim said "
        + " ".join(f"word{i}" for i in range(60))
        + " on Monday and "
        + " ".join(f"more{i}" for i in range(40))
        + "."
    )
    r = extract(text)[0]
    assert len(r["event"].split()) <= events.MAX_WORDS and "Monday" in r["event"]


def test_no_dates_no_rows():
    assert extract("Tasnim said the depot burned.") == []


FRAGMENTS = [
    "Friday",
    "Overnight",
    "since Oct. 17",
    "as of Thursday",
    "days before",
    "said",
    "Tasnim",
    ",",
    ".",
    '"',
    "\n",
    "according to",
    "the Pentagon",
    "in 2019",
    "mid-October",
    "rumors that",
    "on Monday night",
]


@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join)))
def test_offsets_hold_and_keys_are_unique(text):
    if not text.strip():
        return
    found = extract(text)
    keys = [(r["start"], r["date_text"]) for r in found]
    assert len(keys) == len(set(keys))
    assert all(r["event"] and (r["status"] is None or r["status"] in claims.STATUSES) for r in found)


# --- the seed, end to end -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_rows(seed_out):
    return read_table(seed_out, "events")


def test_seed_timeline(seed_rows):
    def has(date, precision, words, **more):
        hits = [
            r
            for r in seed_rows
            if r["date"] == date
            and r["precision"] == precision
            and words in r["event"]
            and all(r[k] == v for k, v in more.items())
        ]
        assert hits, (date, precision, words, seed_rows)

    has("2023-10-17", "day", "130 times since Oct. 17", date_text="Oct. 17", source="Pentagon", status="confirmed")
    has("2023-12-25", "day", "no troops have been injured since Dec. 25", source="Pentagon")
    has("2024-01-11", "day", "as of Thursday", date_text="Thursday", source="Pentagon")
    has("2024-01-11", "day", "spokesman said Thursday", source="Pentagon")
    has("2024-01-11", "night", "US and UK launched a major assault on Iran-linked Houthis", source="author")
    has("2024-01-12", "day", "fresh attack on Friday", status="reported")
    has("2024-01-12", "days-before", "live drills near the Conoco base", source="The Cradle")


@pytest.mark.parametrize(
    "unit",
    ["officials said US forces were attacked on Friday and ", "on Jan. 4, the base near Erbil, ", "Friday,Jan.4;"],
    ids=["words", "commas", "no-spaces"],
)
def test_events_are_linear_in_sentence_length(unit):
    """Each date's clause is found from bounds and words computed once per sentence; the
    extractor rescanned the whole sentence for every date (a 212 KB sentence took 46 s).
    Sentences are not capped here, so the extractor is measured on its own."""
    import time

    from analysis.text import dates, sentences

    def best_of_three(size: int) -> float:
        text = unit * (size // len(unit))
        doc = Document("t", "t.txt", text, "", {"published": PUBLISHED})
        split = sentences.split_sentences(text)
        found = dates.find_dates(text, PUBLISHED)
        parsed = pipeline.ParsedDocument(doc, split, found, claims.analyse(text, split, found))
        times = []
        for _ in range(3):
            started = time.process_time()
            events.extract(parsed)
            times.append(time.process_time() - started)
        return min(times)

    best_of_three(2_000)
    small, large = best_of_three(20_000), best_of_three(200_000)
    # linear gives about 10, quadratic about 100
    assert large / small < 40, f"20 KB: {small:.3f} s, 200 KB: {large:.3f} s"
