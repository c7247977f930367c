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

from analysis.fastre import trie
from analysis.lexicon import load_lexicon
from analysis.numbers import parse_number

PRECISIONS = ("day", "night", "week", "month", "approximate", "days-before", "year")


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets into the text given to find_dates
    end: int
    text: str  # == text[start:end]
    date: dt.date | None  # None when unresolvable (e.g. no publication date)
    precision: str  # day, night, week, month, approximate, days-before, year
    kind: str  # weekday, month-day, full-date, relative, month, year, part-of-month


_LEX = load_lexicon("dates")
_MONTHS: dict[str, int] = {}  # every spelling -> month number
_FULL_MONTHS: dict[str, int] = {}  # full names only: bare "Oct" or "Jan" is not a date
for _number, _names in enumerate(_LEX["months"], start=1):
    for _name in _names:
        for _form in (_name, _name.upper()):
            _MONTHS[_form] = _MONTHS[_form.rstrip(".")] = _number
    _FULL_MONTHS[_names[0]] = _FULL_MONTHS[_names[0].upper()] = _number
_WEEKDAYS = {name.casefold(): index for index, name in enumerate(_LEX["weekdays"])}
_PARTS = {name.casefold(): day for name, day in _LEX["parts_of_month"].items()}
_RELATIVE = {" ".join(phrase.split()): tuple(value) for phrase, value in _LEX["relative"].items()}
_UNIT_DAYS = {"day": 1, "week": 7}


def _words(words, boundary: bool = True) -> str:
    """Alternation, longest first so "Sept." wins over "Sep"; \\b after word-final forms."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") + (r"\b" if boundary and w[-1].isalnum() else "") for w in ordered
    )


_MONTH = rf"\b(?P<mo>{_words(_MONTHS)})"  # case-sensitive on purpose: "may", "march"
_FULL_MONTH = rf"\b(?P<mo>{_words(_FULL_MONTHS)})"
_WEEKDAY = rf"(?i:\b(?:{_words(_WEEKDAYS)}))"
_DAY = r"(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?\b(?![.,:][0-9])"
_DAY_FIRST = r"(?<![\w$£€.,:/])" + _DAY
_YEAR = r"(?P<y>[12][0-9]{3})\b(?![.,:][0-9])"
_SEP = r"(?:,\s*|\s+)"
_NUM = r"[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"

# (name, pattern) in priority order: at each position the first that matches wins, so
# longer forms ("Oct. 17, 2023") come before their prefixes ("Oct. 17").
_FORMS = [
    ("iso", r"\b(?P<y>[12][0-9]{3})-(?P<mo>[01][0-9])-(?P<d>[0-3][0-9])\b"),
    ("full_md", rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s*{_DAY}{_SEP}{_YEAR}"),
    ("full_dm", rf"(?:{_WEEKDAY},?\s+)?{_DAY_FIRST}\s+(?:of\s+)?{_MONTH}{_SEP}{_YEAR}"),
    ("part", rf"(?i:\b(?P<part>{_words(_PARTS)}))[-\s]+{_MONTH}(?:{_SEP}{_YEAR})?"),
    ("month_year", rf"{_MONTH}{_SEP}{_YEAR}"),
    ("md", rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s*{_DAY}"),
    ("dm", rf"(?:{_WEEKDAY},?\s+)?{_DAY_FIRST}\s+(?:of\s+)?{_MONTH}"),
    ("ago", rf"(?i:\b(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+ago\b)"),
    ("days", rf"(?i:\b(?:(?:just|only|mere)\s+)?(?:(?:a\s+few|several|a\s+couple\s+of|{_NUM})\s+)?"
             r"days\s+(?:before|after|earlier|later|ago)\b)"),
    ("weekday", rf"(?i:\b(?:(?P<mod>last|this|next|early|late)\s+)?(?P<wd>{_words(_WEEKDAYS)})"
                r"(?:\s+(?P<tod>morning|afternoon|evening|night)\b)?)"),
    ("relative", rf"(?i:\b(?:{_words(_RELATIVE)}))"),
    ("month", rf"(?:(?i:(?P<mod>last|this|next))\s+)?{_FULL_MONTH}"),
    ("year", r"(?<![\w$£€.,/])(?P<y>(?:19|20)[0-9]{2})(?![\w%]|[.,][0-9])"),
]
_KIND = {
    "iso": "full-date", "full_md": "full-date", "full_dm": "full-date", "part": "part-of-month",
    "month_year": "month", "md": "month-day", "dm": "month-day", "ago": "relative",
    "days": "relative", "weekday": "weekday", "relative": "relative", "month": "month", "year": "year",
}
_ALTERNATIVES = [(name, re.compile(pattern)) for name, pattern in _FORMS]
# One scanner: named captures inside each form become plain groups so names can repeat.
# Every form starts a word, so testing that first lets the scan skip word interiors fast.
_SCANNER = re.compile(
    r"(?<!\w)(?=\w)(?:"
    + "|".join(f"(?P<{name}>{re.sub(r'[(][?]P<[a-z]+>', '(?:', p)})" for name, p in _FORMS)
    + ")"
)
# A bare month name or year is a date only right after one of these words.
_CONTEXT = re.compile(rf"(?i:\b(?:{_words(_LEX['context_words'], boundary=False)}))[\s-]+$")
_LEADING = re.compile(r"(?i)^\s*(?:(?:on|in|since|by|until|till|from|during|through|as\s+of|at)\s+)?")


# Every form starts with a digit or one of these words ("a"/"an" only before a unit: "a
# few days", "a week ago"). Trying the scanner only where one starts finds the same dates
# as trying it at every word, three times faster.
_FIRST_WORDS = {re.match(r"\w+", w).group().lower() for w in [*_MONTHS, *_WEEKDAYS, *_PARTS, *_RELATIVE]} | {
    "last", "this", "next", "early", "late", "just", "only", "mere", "several", "days", *_NUM.split("|")[2:]}
_START = re.compile(rf"(?<!\w)(?:[0-9]|(?i:{trie(_FIRST_WORDS)})\b|(?i:an?\s+(?:few|couple|day|week|month|year)))")


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
    for name, pattern in _ALTERNATIVES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if "mo" in pattern.groupindex:
            month = int(match["mo"]) if name == "iso" else _MONTHS[match["mo"]]
            day = int(match["d"]) if "d" in pattern.groupindex else 1
            year = int(match["y"]) if "y" in pattern.groupindex and match["y"] else 2000  # 2000: leap year
            if not month or not _valid(year, month, day):
                return None  # "Feb. 30", "Oct. 0": looks like a date but is not one
        if name == "relative" and " ".join(text.casefold().split()) not in _RELATIVE:
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
        month = int(m["mo"]) if name == "iso" else _MONTHS[m["mo"]]
        return dt.date(int(m["y"]), month, int(m["d"])), "day"
    if name == "month_year":
        return dt.date(int(m["y"]), _MONTHS[m["mo"]], 1), "month"
    if name == "year":
        return dt.date(int(m["y"]), 1, 1), "year"
    if name == "part":
        day = _PARTS[m["part"].casefold()]
        if m["y"]:
            return dt.date(int(m["y"]), _MONTHS[m["mo"]], day), "approximate"
        return published and _most_recent(published, _MONTHS[m["mo"]], day), "approximate"
    if name == "days":
        return published, "days-before"  # anchored to some other event; the article's date is the bound
    if name == "relative":
        precision, offset = _RELATIVE[" ".join(m.group().casefold().split())]
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
        return _most_recent(published, _MONTHS[m["mo"]], int(m["d"])), precision
    if name == "month":
        month, mod = _FULL_MONTHS[m["mo"]], (m["mod"] or "").casefold()
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
        target, now, mod = _WEEKDAYS[m["wd"].casefold()], published.weekday(), (m["mod"] or "").casefold()
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
    mentions = []
    end = 0
    for candidate in _START.finditer(text):
        if candidate.start() < end:
            continue  # inside the previous date
        match = _SCANNER.match(text, candidate.start())
        if match is None:
            continue
        name, start, found, end = match.lastgroup, match.start(), match.group(), match.end()
        if (name == "year" or found in _FULL_MONTHS) and not _CONTEXT.search(text, max(0, start - 16), start):
            continue  # "May" the name, "2019 troops" the count
        date, precision = resolve_date(found, published)
        if precision is None:
            continue
        mentions.append(DateMention(start, match.end(), found, date, precision, _KIND[_parse(found)[0]]))
    return mentions
