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

PRECISIONS = ("day", "night", "week", "weekend", "month", "quarter", "approximate", "days-before", "year")


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets into the text given to find_dates
    end: int
    text: str  # == text[start:end]
    date: dt.date | None  # None when unresolvable (e.g. no publication date)
    precision: str  # one of PRECISIONS
    kind: str  # weekday, month-day, range, holiday, full-date, relative, month, year, part-of-month
    until: dt.date | None = None  # last day of a stated period or range ("last week", "Oct. 17-24")


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
    "range": "range",
    "md": "month-day",
    "holiday": "holiday",
    "dm": "month-day",
    "ago": "relative",
    "days": "relative",
    "weekday": "weekday",
    "relative": "relative",
    "weekend": "relative",
    "quarter": "relative",
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
    holidays: dict  # name -> (month, day)
    alternatives: list  # (form name, compiled pattern) in priority order
    scanner: re.Pattern
    plain_scanner: re.Pattern  # the same without day ranges, where no "between"/"from" opens one
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
    holidays = {" ".join(name.split()): tuple(day) for name, day in lex["holidays"].items()}
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
        # "between Oct. 17 and 24", "from October 17-24": a range within one month
        ("range", rf"{month}\s*{_DAY}\s*(?:-|–|(?i:and|to|through|until))\s*(?P<d2>[0-3]?[0-9])\b(?![.,:]?[0-9])"),
        # "last October 17", "October 17 last year"
        (
            "md",
            rf"(?:(?i:(?P<mod>last|this))\s+)?(?:{weekday},?\s+)?{month}\s*{_DAY}(?:,?\s+(?i:(?P<rel>last|this))\s+year\b)?",
        ),
        ("holiday", rf"(?P<hol>{alternation(holidays, word_end=True, flags='i')})"),
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
        ("weekend", r"(?i:\b(?:(?P<mod>last|this|next)\s+)?weekend\b)"),
        ("quarter", r"(?i:\b(?P<mod>last|this|past|previous|current)\s+quarter\b)"),
        ("month", rf"(?:(?i:(?P<mod>last|this|next))\s+)?{full_month}"),
        ("year", r"(?<![\w$£€.,/])(?P<y>(?:19|20)[0-9]{2})(?![\w%]|[.,][0-9])"),
    ]
    # One scanner: named captures inside each form become plain groups so names can repeat.
    # Every form starts a word, so testing that first lets the scan skip word interiors fast.
    scanner, plain_scanner = (
        re.compile(
            r"(?<!\w)(?=\w)(?:"
            + "|".join(f"(?P<{name}>{re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', p)})" for name, p in use)
            + ")"
        )
        for use in (forms, [f for f in forms if f[0] != "range"])
    )
    # A bare month name or year is a date only right after one of these words.
    context = re.compile(rf"(?i:\b(?:{alternation(lex['context_words'])}))[\s-]+$")
    # Every form starts with a digit or one of these words ("a"/"an" only before a unit: "a
    # few days", "a week ago"). Trying the scanner only where one starts finds the same dates
    # as trying it at every word, three times faster.
    first_words = {re.match(r"\w+", w).group().lower() for w in [*months, *weekdays, *parts, *relative, *holidays]} | {
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
        "weekend",
        "past",
        "previous",
        "current",
        *small,
    }
    start = re.compile(rf"(?<!\w)(?:[0-9]|(?i:{trie(first_words)})\b|(?i:an?\s+(?:few|couple|day|week|month|year)))")
    return _Rules(
        months,
        full_months,
        weekdays,
        parts,
        relative,
        holidays,
        [(name, re.compile(pattern)) for name, pattern in forms],
        scanner,
        plain_scanner,
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
            if name == "range" and not (day < int(match["d2"]) and _valid(2000, month, int(match["d2"]))):
                return None  # "Oct. 17 and 12" is no range
        if name == "relative" and " ".join(text.casefold().split()) not in _rules().relative:
            return None  # Unicode case folding ("ſ") can match the regex but not the table
        if name == "holiday" and _holiday(match) is None:
            return None
        return name, match
    return None


def _holiday(m: re.Match):
    """(month, day) of a named holiday ("Christmas Day"), or None when case folding matched a stranger."""
    key = " ".join(m["hol"].split()).casefold().replace("’", "'")
    return next((md for name, md in _rules().holidays.items() if name.casefold().replace("’", "'") == key), None)


def _most_recent(published: dt.date, month: int, day: int) -> dt.date | None:
    """Latest month/day on or before publication (skips back over 29 February)."""
    for year in range(published.year, max(published.year - 8, 0), -1):
        if _valid(year, month, day) and dt.date(year, month, day) <= published:
            return dt.date(year, month, day)
    return None


def _month_start(date: dt.date, offset: int) -> dt.date:
    total = date.year * 12 + date.month - 1 + offset
    return dt.date(total // 12, total % 12 + 1, 1)


def _absolute(name: str, m: re.Match, published: dt.date | None):
    """(date, precision) of the forms that carry their own year or need none, else None."""
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
    return None


_PRECISION = {
    "weekday": "day",
    "md": "day",
    "dm": "day",
    "range": "day",
    "holiday": "day",
    "weekend": "weekend",
    "quarter": "quarter",
    "month": "month",
}


def _precision(name: str, m: re.Match) -> tuple[str, int]:
    """(precision, offset in the precision's unit) of a form resolved against publication."""
    if name == "relative":
        return _rules().relative[" ".join(m.group().casefold().split())]
    if name == "ago":
        unit = m["unit"].casefold()
        count = parse_number(m["n"].casefold())  # casefold: "ſix" matches the (?i) pattern
        return ("day" if unit in _UNIT_DAYS else unit), -count * _UNIT_DAYS.get(unit, 1)
    if name == "weekday" and (m["tod"] or "").casefold() == "night":
        return "night", 0
    return _PRECISION[name], 0


def _month_day(name: str, m: re.Match, published: dt.date) -> dt.date | None:
    """A month and day without a year: the latest on or before publication ("last October
    17" too), or in the year stated relative to it ("October 17 last year")."""
    month, day = _holiday(m) if name == "holiday" else (_rules().months[m["mo"]], int(m["d"]))
    rel = (m["rel"] or "").casefold() if name == "md" else ""
    if rel:
        year = published.year - (rel == "last")
        return dt.date(year, month, day) if _valid(year, month, day) else None
    return _most_recent(published, month, day)


def _named_month(m: re.Match, published: dt.date) -> dt.date:
    month, mod = _rules().full_months[m["mo"]], (m["mod"] or "").casefold()
    if mod == "last":
        year = published.year - (month >= published.month)
    elif mod == "next":
        year = published.year + (month <= published.month)
    elif mod == "this":
        year = published.year
    else:  # most recent on or before publication, like month-day
        year = published.year - (month > published.month)
    return dt.date(year, month, 1)


def _weekday(m: re.Match, published: dt.date) -> dt.date:
    target, now, mod = _rules().weekdays[m["wd"].casefold()], published.weekday(), (m["mod"] or "").casefold()
    if mod == "last":  # "last Monday" in a Monday article is a week earlier
        back = (now - target) % 7 or 7
    elif mod == "next":
        back = -((target - now) % 7 or 7)
    elif mod == "this":  # the day of the publication week
        back = now - target
    else:  # "Friday" in a Friday article is that day; "Thursday" the day before
        back = (now - target) % 7
    return published - dt.timedelta(days=back)


def _weekend(m: re.Match, published: dt.date) -> dt.date:
    """The Saturday of "the weekend": the one under way or just past ("over the weekend" in a
    Monday briefing), the one before that for "last weekend" said on a weekend, the coming
    one for "next weekend" and for "this weekend" said on a weekday."""
    now, mod = published.weekday(), (m["mod"] or "").casefold()
    current = published - dt.timedelta(days=now - 5 if now >= 5 else now + 2)
    if mod == "last" and now >= 5:
        return current - dt.timedelta(days=7)
    if mod == "next" or (mod == "this" and now < 5):
        return current + dt.timedelta(days=7)
    return current


def _quarter(m: re.Match, published: dt.date) -> dt.date:
    """First day of the calendar quarter: the current one, or the one before for "last/past/previous"."""
    start = dt.date(published.year, 3 * ((published.month - 1) // 3) + 1, 1)
    return _month_start(start, -3) if m["mod"].casefold() in ("last", "past", "previous") else start


def _relative(name: str, m: re.Match, precision: str, offset: int, published: dt.date) -> dt.date:
    if name in ("md", "dm", "range", "holiday"):
        return _month_day(name, m, published)
    if name == "month":
        return _named_month(m, published)
    if name == "weekday":
        return _weekday(m, published)
    if name == "weekend":
        return _weekend(m, published)
    if name == "quarter":
        return _quarter(m, published)
    if precision in ("day", "night"):
        return published + dt.timedelta(days=offset)
    if precision == "week":
        return published - dt.timedelta(days=published.weekday() - 7 * offset)
    if precision == "month":
        return _month_start(published, offset)
    return dt.date(published.year + offset, 1, 1)


def _resolve(name: str, m: re.Match, published: dt.date | None) -> tuple[dt.date | None, str]:
    """Date and precision for one parsed form; absolute forms need no publication date."""
    absolute = _absolute(name, m, published)
    if absolute is not None:
        return absolute
    precision, offset = _precision(name, m)
    if published is None:
        return None, precision
    return _relative(name, m, precision, offset, published), precision


def _until(name: str, m: re.Match, date: dt.date | None, precision: str) -> dt.date | None:
    """Last day of a period or range: a week's Sunday, a month's, quarter's or year's last
    day, a weekend's Sunday, the second day of "Oct. 17-24"."""
    if date is None:
        return None
    try:
        if name == "range":
            return date.replace(day=int(m["d2"]))
        if precision == "weekend":
            return date + dt.timedelta(days=1)
        if precision == "week":
            return date + dt.timedelta(days=6)
        if precision in ("month", "quarter") and name in ("relative", "quarter", "month", "month_year"):
            return _month_start(date, 3 if precision == "quarter" else 1) - dt.timedelta(days=1)
        if precision == "year" and name in ("relative", "year"):
            return dt.date(date.year, 12, 31)
    except (ValueError, OverflowError):
        return None
    return None


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


_RANGE_OPENER = re.compile(r"(?i:\b(?:between|from))\s+$")


def _scan(text: str, start: int):
    """The date form matching at `start`: a day range only after "between" or "from"."""
    r = _rules()
    match = r.scanner.match(text, start)
    if match is not None and match.lastgroup == "range":
        if not _RANGE_OPENER.search(text, max(0, start - 9), start) or _parse(match.group()) is None:
            match = r.plain_scanner.match(text, start)
    return match


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in text, in order and non-overlapping, resolved against the
    publication date. Bare month names and years count only after a context word."""
    r = _rules()
    mentions = []
    end = 0
    for candidate in r.start.finditer(text):
        if candidate.start() < end:
            continue  # inside the previous date
        match = _scan(text, candidate.start())
        if match is None:
            continue
        name, start, found, end = match.lastgroup, match.start(), match.group(), match.end()
        if (name == "year" or found in r.full_months) and not r.context.search(text, max(0, start - 16), start):
            continue  # "May" the name, "2019 troops" the count
        date, precision = resolve_date(found, published)
        if precision is None:
            continue
        form, parsed = _parse(found)
        until = _until(form, parsed, date, precision)
        mentions.append(DateMention(start, match.end(), found, date, precision, _KIND[form], until))
    return mentions
