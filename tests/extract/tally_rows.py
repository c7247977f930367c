"""The tallies the extractor reads from one sentence or paragraph written for a test,
published on a Friday so that weekdays resolve to known days."""

import datetime as dt

from analysis.extract import tallies
from analysis.extract.pipeline import parse
from analysis.text.corpus import Document

FRIDAY = dt.date(2024, 1, 12)  # "Thursday" is 2024-01-11, "Monday" 2024-01-08, "Sunday" 2024-01-07


def rows(text, published=FRIDAY):
    return tallies.extract(parse(Document("t", "t.txt", text, "0" * 64, {"published": published})))


def found(text, published=FRIDAY):
    return [(r["measure"], r["value"], r["location"]) for r in rows(text, published)]


def row_of(text, value, published=FRIDAY):
    return next(r for r in rows(text, published) if r["value"] == value)
