"""Find date expressions in text and resolve them against the publication date.

(Stub: the full implementation replaces this file; the API below is the contract.)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets into the text given to find_dates
    end: int
    text: str  # == text[start:end]
    date: dt.date | None  # None when unresolvable (e.g. no publication date)
    precision: str  # day, night, week, month, approximate, days-before, year
    kind: str  # weekday, month-day, full-date, relative, month, ...


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    return []


def resolve_date(expression: str, published: dt.date | None) -> tuple[dt.date | None, str | None]:
    return None, None
