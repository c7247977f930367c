"""Date finding and resolution: every rule, the dateparser traps, and offset safety."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text import dates
from analysis.text.dates import PRECISIONS, DateMention, find_dates, resolve_date

D = dt.date
FRI = D(2024, 1, 12)  # a Friday
MON = D(2024, 1, 8)  # a Monday


def only(text, published=FRI) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def resolved(text, published=FRI):
    return [(m.text, m.date, m.precision, m.kind) for m in find_dates(text, published)]


# Weekdays -----------------------------------------------------------------------------


def test_weekday_on_publication_day_is_that_day_not_a_week_earlier():
    # Trap: dateparser's search_dates (base = publication date) can read this as 5 January.
    m = only("The base came under fresh attack on Friday, officials said.")
    assert (m.text, m.date, m.precision, m.kind) == ("Friday", FRI, "day", "weekday")
    assert m.date != D(2024, 1, 5)


def test_weekday_day_before_and_earlier_in_week():
    assert only("a spokesman said Thursday that").date == D(2024, 1, 11)
    assert only("The ship was hit on Monday.").date == MON
    assert only("Talks ended Saturday.").date == D(2024, 1, 6)
    assert only("Talks ended Tuesday.", MON).date == D(2024, 1, 2)


def test_weekday_modifiers_and_time_of_day():
    assert only("last Monday", FRI).date == MON
    assert only("last Monday", MON).date == D(2024, 1, 1)  # said on a Monday: a week earlier
    assert only("next Friday", FRI).date == D(2024, 1, 19)
    assert only("late Thursday").date == D(2024, 1, 11)
    m = only("strikes on Thursday night")
    assert (m.text, m.date, m.precision) == ("Thursday night", D(2024, 1, 11), "night")
    assert only("Friday morning").precision == "day"


# Month and day ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("since Oct. 17 as of", D(2023, 10, 17)),
        ("since Oct 17 as of", D(2023, 10, 17)),
        ("since October 17 as of", D(2023, 10, 17)),
        ("since 17 October as of", D(2023, 10, 17)),
        ("since October 17th,", D(2023, 10, 17)),
        ("since the 17th of October", D(2023, 10, 17)),
        ("on Sept. 3 the", D(2023, 9, 3)),
        ("on Sept 3 the", D(2023, 9, 3)),
        ("on Sep. 3 the", D(2023, 9, 3)),
        ("OCT. 17 UPDATE", D(2023, 10, 17)),
    ],
)
def test_month_day_forms(text, expected):
    m = only(text)
    assert (m.date, m.precision, m.kind) == (expected, "day", "month-day")
    assert text[m.start : m.end] == m.text


def test_month_day_rolls_back_across_new_year():
    assert only("no injuries since Dec. 25.").date == D(2023, 12, 25)
    assert only("on Jan. 3 the").date == D(2024, 1, 3)
    assert only("on Jan. 12 the").date == FRI  # the publication day itself
    assert only("on Jan. 13 the").date == D(2023, 1, 13)  # not in the future
    assert only("on Feb. 29 the").date == D(2020, 2, 29)  # last leap day before publication


def test_month_day_with_impossible_day_is_not_a_date():
    assert find_dates("on Feb. 30 and Oct. 0 and Nov. 31", FRI) == []


def test_oct_is_not_12_october():
    # Trap: dateparser reads "Oct" (even inside "Oct. 17") as 12 October.
    assert find_dates("since Oct", FRI) == []
    date, precision = resolve_date("Oct", FRI)
    assert date != D(2024, 10, 12) and date != D(2023, 10, 12)
    assert (date, precision) == (None, None)
    assert only("since Oct. 17").date == D(2023, 10, 17)


# Full dates, months, years -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "January 11, 2024",
        "Jan. 11, 2024",
        "Jan 11 2024",
        "11 January 2024",
        "11th of January, 2024",
        "Thursday, Jan. 11, 2024",
        "2024-01-11",
    ],
)
def test_full_dates_resolve_without_publication_date(text):
    for published in (None, FRI, D(1999, 5, 5)):
        m = only(f"It happened on {text}, officials said.", published)
        assert (m.text, m.date, m.precision, m.kind) == (text, D(2024, 1, 11), "day", "full-date")


def test_months_and_years():
    assert resolved("in January 2024 and in 2019.", None) == [
        ("January 2024", D(2024, 1, 1), "month", "month"),
        ("2019", D(2019, 1, 1), "year", "year"),
    ]
    assert resolved("since March 2023") == [("March 2023", D(2023, 3, 1), "month", "month")]
    assert resolved("since May, and in October") == [
        ("May", D(2023, 5, 1), "month", "month"),
        ("October", D(2023, 10, 1), "month", "month"),
    ]
    assert resolved("in January") == [("January", D(2024, 1, 1), "month", "month")]
    assert resolved("last October and last January") == [
        ("last October", D(2023, 10, 1), "month", "month"),
        ("last January", D(2023, 1, 1), "month", "month"),
    ]


def test_numbers_that_look_like_years_are_not_years():
    text = (
        "130 attacks, 2019 troops, a total of 2019 people, 2,019 rockets, $2019, "
        "the 1990s, 2019% and 2019.5 and the 2019 figure"
    )
    assert find_dates(text, FRI) == []
    assert resolved("Since 2014, and until 2021.") == [
        ("2014", D(2014, 1, 1), "year", "year"),
        ("2021", D(2021, 1, 1), "year", "year"),
    ]


def test_words_that_are_not_dates():
    # Trap: dateparser reads "we" as a date; "may", "march", "sun", "sat" are words too.
    text = "we may march in the sun; we sat now for a second, as we did. Theresa May said."
    assert find_dates(text, FRI) == []
    for word in ("we", "may", "march", "sun", "sat", "now", "second", "May", "March"):
        assert resolve_date(word, FRI)[0] is None or word in ("May", "March")
    assert resolve_date("we", FRI) == (None, None)
    assert resolved("on May 5 and since March 2023") == [
        ("May 5", D(2023, 5, 5), "day", "month-day"),
        ("March 2023", D(2023, 3, 1), "month", "month"),
    ]


# Relative expressions ------------------------------------------------------------------


def test_overnight_and_last_night_are_the_night_before():
    for phrase in ("Overnight", "last night"):
        m = only(f"{phrase}, the US and UK launched strikes.")
        assert (m.text, m.date, m.precision, m.kind) == (phrase, D(2024, 1, 11), "night", "relative")


@pytest.mark.parametrize(
    "phrase, date, precision",
    [
        ("yesterday", D(2024, 1, 11), "day"),
        ("today", FRI, "day"),
        ("this morning", FRI, "day"),
        ("earlier today", FRI, "day"),
        ("last week", MON - dt.timedelta(days=7), "week"),
        ("this week", MON, "week"),
        ("earlier this month", D(2024, 1, 1), "month"),
        ("this month", D(2024, 1, 1), "month"),
        ("last month", D(2023, 12, 1), "month"),
        ("last year", D(2023, 1, 1), "year"),
        ("a week ago", D(2024, 1, 5), "day"),
        ("two days ago", D(2024, 1, 10), "day"),
        ("3 days ago", D(2024, 1, 9), "day"),
        ("two months ago", D(2023, 11, 1), "month"),
    ],
)
def test_relative_phrases(phrase, date, precision):
    m = only(f"Officials said {phrase} that talks had failed.")
    assert (m.text, m.date, m.precision, m.kind) == (phrase, date, precision, "relative")
    assert resolve_date(phrase, FRI) == (date, precision)


def test_last_week_is_the_monday_of_the_previous_week_on_any_weekday():
    for published in (MON, FRI, D(2024, 1, 14)):
        assert only("last week", published).date == D(2024, 1, 1)


@pytest.mark.parametrize("phrase", ["days before", "just days after", "days earlier", "only days later"])
def test_days_before(phrase):
    m = only(f"The attack comes {phrase} US forces held drills.")
    assert (m.text, m.date, m.precision) == (phrase, FRI, "days-before")


@pytest.mark.parametrize(
    "phrase, date",
    [
        ("mid-October", D(2023, 10, 15)),
        ("early November", D(2023, 11, 5)),
        ("late December", D(2023, 12, 25)),
        ("early January", D(2024, 1, 5)),
        ("mid-January", D(2023, 1, 15)),  # 15 January is after a 12 January article
        ("mid-October 2022", D(2022, 10, 15)),
    ],
)
def test_parts_of_month(phrase, date):
    m = only(f"attacks since {phrase}, officials said")
    assert (m.text, m.date, m.precision, m.kind) == (phrase, date, "approximate", "part-of-month")


# Unknown publication date ---------------------------------------------------------------


def test_unknown_publication_date_keeps_mentions_without_dates():
    text = "On Friday, after strikes overnight, since Oct. 17, last week, and on January 11, 2024."
    got = resolved(text, None)
    assert [t for t, *_ in got] == ["Friday", "overnight", "Oct. 17", "last week", "January 11, 2024"]
    assert [d for _, d, *_ in got] == [None, None, None, None, D(2024, 1, 11)]
    assert [p for _, _, p, _ in got] == ["day", "night", "day", "week", "day"]
    assert resolve_date("on Friday", None) == (None, "day")


# Whole text ----------------------------------------------------------------------------


def test_article_like_paragraph():
    text = (
        "The base came under fresh attack on Friday. Overnight, the US and UK struck the "
        "Houthis. The attack comes just days after drills. Troops have come under attack "
        "130 times since Oct. 17 as of Thursday, and none have been injured since Dec. 25. "
        "We will continue, but we may need to act."
    )
    assert resolved(text) == [
        ("Friday", FRI, "day", "weekday"),
        ("Overnight", D(2024, 1, 11), "night", "relative"),
        ("just days after", FRI, "days-before", "relative"),
        ("Oct. 17", D(2023, 10, 17), "day", "month-day"),
        ("Thursday", D(2024, 1, 11), "day", "weekday"),
        ("Dec. 25", D(2023, 12, 25), "day", "month-day"),
    ]


def test_resolve_date_accepts_leading_prepositions_and_rejects_non_dates():
    assert resolve_date("on Friday", FRI) == (FRI, "day")
    assert resolve_date("in January 2024", None) == (D(2024, 1, 1), "month")
    assert resolve_date("in 2019", None) == (D(2019, 1, 1), "year")
    assert resolve_date("", FRI) == (None, None)
    assert resolve_date("Friday the", FRI) == (None, None)


def test_extreme_publication_dates_do_not_crash():
    for published in (dt.date.min, dt.date.max):
        for m in find_dates("yesterday, tomorrow, last week, next year, Dec. 25, Friday, 999 years ago", published):
            assert m.precision in PRECISIONS


def test_about_a_megabyte_of_mixed_text():
    chunk = (
        "On Friday, overnight strikes followed attacks since Oct. 17; 130 troops, 2019 rockets, "
        "in 2019, mid-October, we may march. Ünïcödé тест 日本語 — “quoted” text.\n"
    )
    text = chunk * (1_000_000 // len(chunk))
    found = find_dates(text, FRI)
    assert len(found) == 5 * (1_000_000 // len(chunk))
    assert all(text[m.start : m.end] == m.text for m in found[:50])


# Properties ----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "Friday",
        "on Friday",
        "last Monday",
        "Oct. 17",
        "Sept. 3",
        "17 October",
        "Dec. 25, 2023",
        "in 2019",
        "2019",
        "overnight",
        "last night",
        "mid-October",
        "days before",
        "two days ago",
        "May",
        "may",
        "we",
        "in May",
        "Feb. 29",
        "Feb. 30",
        "2024-02-30",
        "ſunday",
        "laſt week",
        "ſix days ago",
        "İ",
        "\u212a",
        ",",
        ".",
        " ",
        "\n",
        "-",
        "1",
        "12",
    ]
)
_TEXT = st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=3))).map("".join))


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.one_of(st.none(), st.dates()))
def test_offsets_always_match_and_never_crash(text, published):
    found = find_dates(text, published)
    previous_end = 0
    for m in found:
        assert text[m.start : m.end] == m.text and m.text
        assert m.start >= previous_end
        previous_end = m.end
        assert m.precision in PRECISIONS
        assert m.date is None or isinstance(m.date, dt.date)
        assert resolve_date(m.text, published) == (m.date, m.precision)


DATE_WORDS = [
    "Oct.",
    "October",
    "OCT",
    "17",
    "17th",
    "2023",
    "2024-01-12",
    "Friday",
    "friday",
    "FRIDAY",
    "last",
    "this",
    "next",
    "week",
    "ago",
    "a",
    "an",
    "few",
    "couple",
    "of",
    "days",
    "day",
    "earlier",
    "mid",
    "late",
    "early",
    "since",
    "in",
    "on",
    "yesterday",
    "tonight",
    "three",
    "ſix",
    "ſeptember",
    "Sept",
    "night",
    "the",
    "of",
    "May",
]


@given(
    st.lists(
        st.one_of(st.sampled_from(DATE_WORDS), st.sampled_from([" ", ", ", ".", "-", "\n"]), st.text(max_size=2)),
        max_size=30,
    ).map(" ".join)
)
def test_date_prefilter_finds_every_place_a_date_can_start(text):
    plain = [(m.start(), m.end(), m.lastgroup) for m in dates._rules().scanner.finditer(text)]
    assert all(dates._rules().start.match(text, start) for start, _, _ in plain)
    published = dt.date(2024, 1, 12)
    found = [(m.start, m.end) for m in dates.find_dates(text, published)]
    assert set(found) <= {(a, b) for a, b, _ in plain}


# Ranges, periods and named days (issue 13, class 7) --------------------------------------


def test_a_day_range_after_between_or_from_is_one_mention_with_its_last_day():
    for text in ("between Oct. 17 and 24, the", "from Oct. 17-24 the", "from October 17 to 24, a"):
        m = only(text, D(2023, 10, 30))
        assert (m.date, m.until, m.kind, m.precision) == (D(2023, 10, 17), D(2023, 10, 24), "range", "day")


def test_without_between_or_from_a_dash_is_no_range():
    found = find_dates("attacks on Oct. 17-24 and 25 more", D(2023, 10, 30))
    assert [(m.text, m.until) for m in found] == [("Oct. 17", None)]


def test_a_backwards_range_is_no_range():
    assert [m.text for m in find_dates("between Oct. 17 and 12 there", D(2023, 10, 30))] == ["Oct. 17"]


@pytest.mark.parametrize(
    "text, published, date",
    [
        ("since last October 17 until", D(2024, 1, 31), D(2023, 10, 17)),
        ("since October 17 last year, a", D(2024, 1, 8), D(2023, 10, 17)),
        ("on December 25 this year", D(2023, 12, 30), D(2023, 12, 25)),
    ],
)
def test_month_day_with_last_or_a_relative_year(text, published, date):
    m = only(text, published)
    assert (m.date, m.precision) == (date, "day")
    assert resolve_date(m.text, published) == (date, "day")


@pytest.mark.parametrize(
    "text, published, date",
    [
        ("a drone attack on Christmas Day", D(2023, 12, 26), D(2023, 12, 25)),
        ("on Christmas Eve", D(2024, 1, 12), D(2023, 12, 24)),
        ("on New Year's Day", D(2024, 1, 12), D(2024, 1, 1)),
    ],
)
def test_fixed_holidays_are_days(text, published, date):
    m = only(text, published)
    assert (m.date, m.precision, m.kind) == (date, "day", "holiday")


@pytest.mark.parametrize(
    "text, published, saturday",
    [
        ("over the weekend we saw", D(2023, 10, 30), D(2023, 10, 28)),  # said on a Monday: the one just past
        ("over the weekend we saw", D(2024, 1, 7), D(2024, 1, 6)),  # said on a Sunday: this one
        ("last weekend we saw", D(2024, 1, 7), D(2023, 12, 30)),
        ("this weekend we may see", D(2024, 1, 10), D(2024, 1, 13)),  # said midweek: the coming one
    ],
)
def test_the_weekend_is_a_saturday_and_sunday(text, published, saturday):
    m = only(text, published)
    assert (m.date, m.until, m.precision) == (saturday, saturday + dt.timedelta(days=1), "weekend")


@pytest.mark.parametrize(
    "text, published, start, end",
    [
        ("over the last quarter", D(2024, 2, 9), D(2023, 10, 1), D(2023, 12, 31)),
        ("in the past quarter", D(2024, 5, 2), D(2024, 1, 1), D(2024, 3, 31)),
        ("this quarter", D(2024, 5, 2), D(2024, 4, 1), D(2024, 6, 30)),
    ],
)
def test_quarters(text, published, start, end):
    m = only(text, published)
    assert (m.date, m.until, m.precision) == (start, end, "quarter")


@pytest.mark.parametrize(
    "phrase, until",
    [
        ("last week", D(2024, 1, 7)),
        ("this week", D(2024, 1, 14)),
        ("last month", D(2023, 12, 31)),
        ("last year", D(2023, 12, 31)),
    ],
)
def test_periods_have_a_last_day(phrase, until):
    assert only(f"Officials said {phrase} that talks had failed.").until == until


def test_single_days_have_no_last_day():
    assert [m.until for m in find_dates("on Friday and on Oct. 17, mid-October and yesterday", FRI)] == [None] * 4
