"""Quotations over several sentences: each sentence inside takes the speaker named where
the quotation closes (or opens), an attribution-only sentence gives its speaker to the
quotation before it, and an unclosed quotation changes nothing.

Sentences are written for these tests; none is copied from an article."""

import datetime as dt

from analysis.extract import pipeline
from analysis.text.corpus import Document


def sources(text):
    parsed = pipeline.parse(Document("t", "t.txt", text, "", {"published": dt.date(2024, 3, 8)}))
    return [(c.source, text[c.start : c.end]) for c in parsed.claims]


def test_the_speaker_named_where_the_quotation_closes():
    text = "“The road is open. The trucks are moving,” Jane Roe said on Monday."
    assert [s for s, _ in sources(text)] == ["Jane Roe", "Jane Roe"]


def test_the_speaker_named_where_the_quotation_opens():
    text = "Jane Roe said: “The road is open. The trucks are moving.”"
    assert [s for s, _ in sources(text)] == ["Jane Roe", "Jane Roe"]


def test_an_attribution_only_sentence_folds_into_the_quotation():
    text = "“The road is open. Who would doubt it?” Jane Roe said."
    assert sources(text) == [("Jane Roe", "“The road is open.")]


def test_an_unclosed_quotation_changes_nothing():
    text = "Jane Roe said: “The road is open. The trucks are moving and the weather holds"
    assert [s for s, _ in sources(text)] == ["Jane Roe", "author"]


def test_a_quotation_in_another_paragraph_is_not_continued():
    text = "“The road is open,” Jane Roe said.\nThe trucks are moving north today."
    assert [s for s, _ in sources(text)] == ["Jane Roe", "author"]
