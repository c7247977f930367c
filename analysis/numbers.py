"""Turn numbers as written ("130", "1,200", "sixty-nine", "a dozen") into integers."""
from __future__ import annotations

import re

UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000}
SPECIAL = {"half a dozen": 6, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2, "a pair of": 2, "a score of": 20}

_WORD = "|".join(sorted(list(UNITS) + list(TENS) + list(SCALES), key=len, reverse=True))
# A number as written: digits with thousands separators, or a run of number words.
NUMBER_PATTERN = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+)"
    r"|(?:a\s+dozen|dozen|a\s+couple(?:\s+of)?|a\s+pair\s+of|a\s+score\s+of)"
    rf"|(?:(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*)"
)


_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_WORD_BREAK = re.compile(r"[\s-]+")


def parse_number(text: str) -> int | None:
    """Integer value of a number as written, or None if it is not one."""
    cleaned = _SPACES.sub(" ", text.strip().lower())
    if _DIGITS.fullmatch(cleaned):
        digits = cleaned.replace(",", "")
        return int(digits) if len(digits) <= 18 else None  # no count is that long; int() refuses >4300 digits
    if cleaned in SPECIAL:
        return SPECIAL[cleaned]
    words = [w for w in _WORD_BREAK.split(cleaned) if w and w != "and"]
    if not words:
        return None
    total, current = 0, 0
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":  # "two dozen"
            current = max(current, 1) * 12
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current
