"""The place index (analysis.extract.tally_nearby) only skips sentences the nearest-first
walk would pass over: tallies come out the same as with the walk over every sentence, on
documents mixing placeless counts, located counts, running totals and place-only
sentences in any order; and a long document of placeless counts stays fast."""

import datetime as dt
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract import tallies, tally_document
from analysis.extract.pipeline import parse
from analysis.text.corpus import Document

SENTENCES = [  # written for this test
    "Two soldiers were hurt in the blast.",
    "A drone struck a base in Syria on Monday, wounding three troops.",
    "U.S. forces have been attacked 40 times since Oct. 17.",
    "Militants have attacked U.S. troops in Iraq 25 times since October.",
    "The outpost lies close to the border with Jordan.",
    "Officials gave no further details.",
    "Of those, four service members suffered minor injuries.",
    "Rockets hit an airfield in Iraq and Syria, injuring six personnel.",
    "It was the 50th attack on American troops since October.",
    "Ten of the attacks hit bases in Syria.",
    "Among the 30 troops hurt, most returned to duty.",
    "Bases were attacked 12 times, and two soldiers died at Tower 22.",
]


class EverySentence:
    """The walk as it was: every other sentence, nearest earlier first, then later."""

    def __init__(self, ctx):
        self.n = len(ctx.per_sentence)

    def update(self, i):
        pass

    def donors_near(self, index, running):
        return [*range(index - 1, -1, -1), *range(index + 1, self.n)]

    def running_near(self, index):
        return self.donors_near(index, True)


def extract(text):
    return tallies.extract(parse(Document("t", "t.txt", text, "0" * 64, {"published": dt.date(2024, 1, 12)})))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(range(len(SENTENCES))), min_size=1, max_size=30))
def test_index_gives_the_places_of_the_full_walk(picks):
    text = " ".join(SENTENCES[i] for i in picks)
    fast = extract(text)
    original = tally_document.PlaceIndex
    tally_document.PlaceIndex = EverySentence
    try:
        slow = extract(text)
    finally:
        tally_document.PlaceIndex = original
    assert fast == slow


def test_a_document_of_placeless_counts_is_read_in_linear_time():
    def document(pairs):  # no place anywhere: each count looked at every other sentence
        return " ".join([SENTENCES[0], SENTENCES[5]] * pairs)

    extract(document(5))  # rules compiled
    t0 = time.process_time()
    rows = extract(document(300))
    small = time.process_time() - t0
    assert len(rows) == 300 and {r["location"] for r in rows} == {None}
    t0 = time.process_time()
    extract(document(1200))
    assert time.process_time() - t0 < 8 * small + 0.5  # four times the text; the walk over every sentence took 16 times
