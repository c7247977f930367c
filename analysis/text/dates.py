"""Find date expressions in text and resolve them against the publication date.

Candidates come from our own regular expressions, never from dateparser's search_dates:
with the publication date as base, dateparser 1.5 reads "on Friday" as the Friday a week
earlier, "Oct" as 12 October and the word "we" as a date. Resolution is plain datetime
arithmetic, so every result can be explained from the rules below. Vocabulary (month and
weekday names, fixed relative phrases) lives in analysis/lexicons/dates.yml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.text.lexicon import load_lexicon
from analysis.text.numbers import parse_number
from analysis.text.numbers import words as number_words
from analysis.text.regex import alternation, trie

PRECISIONS = ("day", "night", "week", "month", "approximate", "days-before", "year")


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets into the text given to find_dates
    end: int
    text: str  # == text[start:end]
    date: dt.date | None  # None when unresolvable (e.g. no publication date)
    precision: str  # day, night, week, month, approximate, days-before, year
    kind: str  # weekday, month-day, full-date, relative, month, year, part-of-month


_UNIT_DAYS = {"day": 1, "week": 7}
_DAY = r"(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?\b(?![.,:][0-9])"
_DAY_FIRST = r"(?<![\w$£€.,:/])" + _DAY
_YEAR = r"(?P<y>[12][0-9]{3})\b(?![.,:][0-9])"
_SEP = r"(?:,\s*|\s+)"
_LEADING = re.compile(r"(?i)^\s*(?:(?:on|in|since|by|until|till|from|during|through|as\s+of|at)\s+)?")
_KIND = {
    "iso": "full-date",
    "full_md": "full-date",
    "full_dm": "full-date",
    "part": "part-of-month",
    "month_year": "month",
    "md": "month-day",
    "dm": "month-day",
    "ago": "relative",
    "days": "relative",
    "weekday": "weekday",
    "relative": "relative",
    "month": "month",
    "year": "year",
}


@dataclass(frozen=True)
class _Rules:
    months: dict  # every spelling -> month number
    full_months: dict  # full names only: bare "Oct" or "Jan" is not a date
    weekdays: dict
    parts: dict
    relative: dict
    alternatives: list  # (form name, compiled pattern) in priority order
    scanner: re.Pattern
    context: re.Pattern
    start: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Every date form, compiled once from lexicons/dates.yml and lexicons/numbers.yml."""
    lex = load_lexicon("dates")
    months: dict[str, int] = {}
    full_months: dict[str, int] = {}
    for number, names in enumerate(lex["months"], start=1):
        for name in names:
            for form in (name, name.upper()):
                months[form] = months[form.rstrip(".")] = number
        full_months[names[0]] = full_months[names[0].upper()] = number
    weekdays = {name.casefold(): index for index, name in enumerate(lex["weekdays"])}
    parts = {name.casefold(): day for name, day in lex["parts_of_month"].items()}
    relative = {" ".join(phrase.split()): tuple(value) for phrase, value in lex["relative"].items()}
    small = [w for w, v in number_words().units.items() if 1 <= v <= 12 and w not in number_words().article_units]
    num = rf"[0-9]{{1,3}}|{alternation(small + ['a', 'an'], word_end=True)}"
    month = rf"\b(?P<mo>{alternation(months, word_end=True)})"  # case-sensitive on purpose: "may", "march"
    full_month = rf"\b(?P<mo>{alternation(full_months, word_end=True)})"
    weekday = rf"(?i:\b(?:{alternation(weekdays, word_end=True)}))"
    # (name, pattern) in priority order: at each position the first that matches wins, so
    # longer forms ("Oct. 17, 2023") come before their prefixes ("Oct. 17").
    forms = [
        ("iso", r"\b(?P<y>[12][0-9]{3})-(?P<mo>[01][0-9])-(?P<d>[0-3][0-9])\b"),
        ("full_md", rf"(?:{weekday},?\s+)?{month}\s*{_DAY}{_SEP}{_YEAR}"),
        ("full_dm", rf"(?:{weekday},?\s+)?{_DAY_FIRST}\s+(?:of\s+)?{month}{_SEP}{_YEAR}"),
        ("part", rf"(?i:\b(?P<part>{alternation(parts, word_end=True)}))[-\s]+{month}(?:{_SEP}{_YEAR})?"),
        ("month_year", rf"{month}{_SEP}{_YEAR}"),
        ("md", rf"(?:{weekday},?\s+)?{month}\s*{_DAY}"),
        ("dm", rf"(?:{weekday},?\s+)?{_DAY_FIRST}\s+(?:of\s+)?{month}"),
        ("ago", rf"(?i:\b(?P<n>{num})\s+(?P<unit>day|week|month|year)s?\s+ago\b)"),
        (
            "days",
            rf"(?i:\b(?:(?:just|only|mere)\s+)?(?:(?:a\s+few|several|a\s+couple\s+of|{num})\s+)?"
            r"days\s+(?:before|after|earlier|later|ago)\b)",
        ),
        (
            "weekday",
            rf"(?i:\b(?:(?P<mod>last|this|next|early|late)\s+)?(?P<wd>{alternation(weekdays, word_end=True)})"
            r"(?:\s+(?P<tod>morning|afternoon|evening|night)\b)?)",
        ),
        ("relative", rf"(?i:\b(?:{alternation(relative, word_end=True)}))"),
        ("month", rf"(?:(?i:(?P<mod>last|this|next))\s+)?{full_month}"),
        ("year", r"(?<![\w$£€.,/])(?P<y>(?:19|20)[0-9]{2})(?![\w%]|[.,][0-9])"),
    ]
    # One scanner: named captures inside each form become plain groups so names can repeat.
    # Every form starts a word, so testing that first lets the scan skip word interiors fast.
    scanner = re.compile(
        r"(?<!\w)(?=\w)(?:" + "|".join(f"(?P<{name}>{re.sub(r'[(][?]P<[a-z]+>', '(?:', p)})" for name, p in forms) + ")"
    )
    # A bare month name or year is a date only right after one of these words.
    context = re.compile(rf"(?i:\b(?:{alternation(lex['context_words'])}))[\s-]+$")
    # Every form starts with a digit or one of these words ("a"/"an" only before a unit: "a
    # few days", "a week ago"). Trying the scanner only where one starts finds the same dates
    # as trying it at every word, three times faster.
    first_words = {re.match(r"\w+", w).group().lower() for w in [*months, *weekdays, *parts, *relative]} | {
        "last",
        "this",
        "next",
        "early",
        "late",
        "just",
        "only",
        "mere",
        "several",
        "days",
        *small,
    }
    start = re.compile(rf"(?<!\w)(?:[0-9]|(?i:{trie(first_words)})\b|(?i:an?\s+(?:few|couple|day|week|month|year)))")
    return _Rules(
        months,
        full_months,
        weekdays,
        parts,
        relative,
        [(name, re.compile(pattern)) for name, pattern in forms],
        scanner,
        context,
        start,
    )


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
        return True
    except ValueError:
        return False


@lru_cache(maxsize=4096)
def _parse(expression: str):
    """(form name, match) when the whole expression is one date form, else None."""
    text = _LEADING.sub("", expression, count=1).strip()
    for name, pattern in _rules().alternatives:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if "mo" in pattern.groupindex:
            month = int(match["mo"]) if name == "iso" else _rules().months[match["mo"]]
            day = int(match["d"]) if "d" in pattern.groupindex else 1
            year = int(match["y"]) if "y" in pattern.groupindex and match["y"] else 2000  # 2000: leap year
            if not month or not _valid(year, month, day):
                return None  # "Feb. 30", "Oct. 0": looks like a date but is not one
        if name == "relative" and " ".join(text.casefold().split()) not in _rules().relative:
            return None  # Unicode case folding ("ſ") can match the regex but not the table
        return name, match
    return None


def _most_recent(published: dt.date, month: int, day: int) -> dt.date | None:
    """Latest month/day on or before publication (skips back over 29 February)."""
    for year in range(published.year, max(published.year - 8, 0), -1):
        if _valid(year, month, day) and dt.date(year, month, day) <= published:
            return dt.date(year, month, day)
    return None


def _month_start(date: dt.date, offset: int) -> dt.date:
    total = date.year * 12 + date.month - 1 + offset
    return dt.date(total // 12, total % 12 + 1, 1)


def _resolve(name: str, m: re.Match, published: dt.date | None) -> tuple[dt.date | None, str]:
    """Date and precision for one parsed form; absolute forms need no publication date."""
    if name in ("iso", "full_md", "full_dm"):
        month = int(m["mo"]) if name == "iso" else _rules().months[m["mo"]]
        return dt.date(int(m["y"]), month, int(m["d"])), "day"
    if name == "month_year":
        return dt.date(int(m["y"]), _rules().months[m["mo"]], 1), "month"
    if name == "year":
        return dt.date(int(m["y"]), 1, 1), "year"
    if name == "part":
        day = _rules().parts[m["part"].casefold()]
        if m["y"]:
            return dt.date(int(m["y"]), _rules().months[m["mo"]], day), "approximate"
        return published and _most_recent(published, _rules().months[m["mo"]], day), "approximate"
    if name == "days":
        return published, "days-before"  # anchored to some other event; the article's date is the bound
    if name == "relative":
        precision, offset = _rules().relative[" ".join(m.group().casefold().split())]
    elif name == "ago":
        unit = m["unit"].casefold()
        count = parse_number(m["n"].casefold())  # casefold: "ſix" matches the (?i) pattern
        precision, offset = ("day" if unit in _UNIT_DAYS else unit), -count * _UNIT_DAYS.get(unit, 1)
    elif name == "weekday":
        precision, offset = ("night" if (m["tod"] or "").casefold() == "night" else "day"), 0
    else:  # md, dm, month
        precision, offset = ("day" if name in ("md", "dm") else "month"), 0
    if published is None:
        return None, precision
    if name in ("md", "dm"):
        return _most_recent(published, _rules().months[m["mo"]], int(m["d"])), precision
    if name == "month":
        month, mod = _rules().full_months[m["mo"]], (m["mod"] or "").casefold()
        if mod == "last":
            year = published.year - (month >= published.month)
        elif mod == "next":
            year = published.year + (month <= published.month)
        elif mod == "this":
            year = published.year
        else:  # most recent on or before publication, like month-day
            year = published.year - (month > published.month)
        return dt.date(year, month, 1), precision
    if name == "weekday":
        target, now, mod = _rules().weekdays[m["wd"].casefold()], published.weekday(), (m["mod"] or "").casefold()
        if mod == "last":  # "last Monday" in a Monday article is a week earlier
            back = (now - target) % 7 or 7
        elif mod == "next":
            back = -((target - now) % 7 or 7)
        elif mod == "this":  # the day of the publication week
            back = now - target
        else:  # "Friday" in a Friday article is that day; "Thursday" the day before
            back = (now - target) % 7
        return published - dt.timedelta(days=back), precision
    if precision in ("day", "night"):
        return published + dt.timedelta(days=offset), precision
    if precision == "week":
        return published - dt.timedelta(days=published.weekday() - 7 * offset), precision
    if precision == "month":
        return _month_start(published, offset), precision
    return dt.date(published.year + offset, 1, 1), precision


@lru_cache(maxsize=65536)
def resolve_date(expression: str, published: dt.date | None) -> tuple[dt.date | None, str | None]:
    """(date, precision) for one date expression ("on Friday", "Oct. 17", "last week");
    (None, precision) when it needs the unknown publication date; (None, None) if it is
    not a date expression at all."""
    if isinstance(published, dt.datetime):
        published = published.date()
    parsed = _parse(expression)
    if parsed is None:
        return None, None
    try:
        return _resolve(*parsed, published)
    except (ValueError, OverflowError):  # arithmetic past datetime's range (year 1 or 9999)
        return None, _resolve(*parsed, None)[1]


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in text, in order and non-overlapping, resolved against the
    publication date. Bare month names and years count only after a context word."""
    r = _rules()
    mentions = []
    end = 0
    for candidate in r.start.finditer(text):
        if candidate.start() < end:
            continue  # inside the previous date
        match = r.scanner.match(text, candidate.start())
        if match is None:
            continue
        name, start, found, end = match.lastgroup, match.start(), match.group(), match.end()
        if (name == "year" or found in r.full_months) and not r.context.search(text, max(0, start - 16), start):
            continue  # "May" the name, "2019 troops" the count
        date, precision = resolve_date(found, published)
        if precision is None:
            continue
        mentions.append(DateMention(start, match.end(), found, date, precision, _KIND[_parse(found)[0]]))
    return mentions
