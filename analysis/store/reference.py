"""Curated reference tables beside the extracted ones.

reference/ holds two hand-curated tables (the Pentagon's running attack count, and
officials' stated reasons for the US presence in Syria, 2014-2024). They are not
extracted from seeds/, so they are copied byte for byte into data/context/, described in
the data package with their own schemas, and validated like the extracted tables.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from analysis.paths import ROOT
from analysis.store.schema import Field, Table, places
from analysis.store.vocabulary import CONFIDENCE, FRAMES

REFERENCE = ROOT / "reference"


BASES = ("stated", "inferred from publication date and weekday", "date of the Tower 22 attack", "unknown")
CURATED = "Curated by hand from public sources and copied unchanged from reference/; not extracted from seeds/. "


@dataclass(frozen=True)
class PatternField(Field):
    """A string field whose values must match a pattern (a month-only date, say)."""

    pattern: str = ""

    def descriptor(self) -> dict:
        out = super().descriptor()
        out.setdefault("constraints", {})["pattern"] = self.pattern
        return out


@dataclass(frozen=True)
class ReferenceTable(Table):
    """A table kept as received: its file lives under data/context/, not beside the
    extracted tables, so nobody mistakes it for pipeline output."""

    file: str = ""

    @property
    def path(self) -> str:
        return f"context/{self.file}"


TALLIES = ReferenceTable(
    name="context_pentagon_tallies",
    file="pentagon_tallies.csv",
    title="Reference: the Pentagon's cumulative attack counts, Oct 2023 to Feb 2024",
    description=CURATED
    + (
        "One row per news report quoting a Pentagon count of attacks on US forces in Iraq and Syria (after "
        "28 January 2024, 'the Middle East'). Reports of the same day may disagree; every one is kept. The "
        "2023-12-31 figure is an Inspector General quarterly count, not a briefing figure."
    ),
    fields=(
        Field("as_of_date", "date", "Date the count is as of; empty when the source gives none"),
        Field("as_of_basis", "string", "How the as-of date is known", required=True, enum=BASES),
        Field(
            "total_attacks", "integer", "Cumulative attacks since since_date (Iraq and Syria; later the Middle East)"
        ),
        Field("iraq", "integer", "Of which in Iraq, when the source splits the count"),
        Field("syria", "integer", "Of which in Syria, when the source splits the count"),
        Field("injured", "integer", "Cumulative US troops injured, when reported"),
        Field("killed", "integer", "US troops killed, when reported"),
        Field("since_date", "date", "Start of the count (usually 2023-10-17); empty when the source does not say"),
        Field("source_url", "string", "The report the row comes from", required=True),
        Field(
            "confidence",
            "string",
            "high: a named outlet quoting a named official, date stated; medium: date inferred or "
            "secondary outlet; low: a single unreliable repost, or no date",
            required=True,
            enum=CONFIDENCE,
        ),
        Field("note", "string", "Caveats about the row"),
    ),
    primary_key=("source_url", "as_of_date"),
)

STATEMENTS = ReferenceTable(
    name="context_justification_statements",
    file="justification_statements.csv",
    title="Reference: officials' stated reasons for US forces in Syria, 2014 to 2024",
    description=CURATED
    + (
        "A purposive selection of dated statements by US officials, chosen to show how the stated reasons "
        "moved; not a sample, so not a count (counter-ISIS statements far outnumber the others in the full "
        "record). No 2020 statement is included. The Pentagon line quoted in the seed article is not in it."
    ),
    fields=(
        PatternField(
            "date",
            "string",
            "YYYY-MM-DD, or YYYY-MM where only the month is certain",
            required=True,
            pattern=r"\d{4}-\d{2}(-\d{2})?",
        ),
        Field("speaker", "string", "Who said it", required=True),
        Field("role", "string", "The speaker's office at the time", required=True),
        Field("frame", "string", "The reason given for the presence", required=True, enum=FRAMES),
        Field("quote", "string", "The words as published by source_url; '...' marks a cut", required=True),
        Field("source_url", "string", "Where the quote was published", required=True),
        Field("source_title", "string", "Title of that page", required=True),
        Field(
            "notes",
            "string",
            "Variants of the wording, how the date is known, and whether the row states a reason "
            "for the presence or only a goal of the mission",
        ),
        Field(
            "confidence",
            "string",
            "high: dated official transcript or agreeing major outlets; medium: wording varies or the frame "
            "is an interpretation; low: a single secondary source, a video caption, or a month inferred",
            required=True,
            enum=CONFIDENCE,
        ),
    ),
    primary_key=("date", "speaker", "frame"),
)

REFERENCE_TABLES = (TALLIES, STATEMENTS)


def reference_files() -> dict[str, bytes]:
    """Output path -> bytes of every reference table, read as is (no re-encoding)."""
    return {t.path: (REFERENCE / t.file).read_bytes() for t in REFERENCE_TABLES}


def resources(files: dict[str, bytes]) -> list[dict]:
    return [t.resource(files[t.path]) for t in REFERENCE_TABLES]


def read_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


# Which reference column counts the same places as an extracted tally's location.
COLUMNS = {frozenset({"Iraq", "Syria"}): "total_attacks", frozenset({"Iraq"}): "iraq", frozenset({"Syria"}): "syria"}
PLACE_NAMES = {"total_attacks": "Iraq and Syria", "iraq": "Iraq", "syria": "Syria"}


def column_for(location) -> str | None:
    if not isinstance(location, str) or not location:
        return None
    return COLUMNS.get(frozenset(places(location)))
