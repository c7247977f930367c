"""Numbers as written become integers: digits with or without thousands separators,
number words (hyphenated, with "and", capitalised), "a dozen"-style phrases; anything
else is None, never an exception."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text.numbers import parse_number

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def in_words(n: int) -> str:
    """English words for 0..999,999, as a newspaper writes them."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return ONES[n // 100] + " hundred" + (" and " + in_words(n % 100) if n % 100 else "")
    return in_words(n // 1000) + " thousand" + (" " + in_words(n % 1000) if n % 1000 else "")


@pytest.mark.parametrize(
    "text, value",
    [
        ("130", 130),
        ("0", 0),
        ("1,200", 1200),
        ("12,345,678", 12345678),
        (" 77 ", 77),
        ("sixty-nine", 69),
        ("Sixty-Nine", 69),
        ("sixty nine", 69),
        ("one hundred and thirty", 130),
        ("two thousand five hundred", 2500),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("a couple of", 2),
        ("no", 0),
        ("zero", 0),
        ("THREE", 3),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "attacks", "1,20", "12.5", "3rd", "one-way street", "9" * 5000, "٣x"])
def test_not_a_number(text):
    assert parse_number(text) is None


@given(st.integers(0, 10**9))
def test_digits_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.integers(0, 999_999))
def test_words_round_trip(n):
    assert parse_number(in_words(n)) == n


@given(st.text())
def test_never_raises(text):
    value = parse_number(text)
    assert value is None or (isinstance(value, int) and value >= 0)
