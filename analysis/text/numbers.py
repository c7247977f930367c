"""Turn numbers as written ("130", "1,200", "sixty-nine", "a dozen") into integers.
The number words are data, in lexicons/numbers.yml."""

from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace

from analysis.text.lexicon import load_lexicon

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_WORD_BREAK = re.compile(r"[\s-]+")


@lru_cache(maxsize=1)
def words() -> SimpleNamespace:
    """units, tens, scales, special (word -> value) and article_units, from the lexicon."""
    lex = load_lexicon("numbers")
    return SimpleNamespace(
        units=dict(lex["units"]),
        tens=dict(lex["tens"]),
        scales=dict(lex["scales"]),
        special=dict(lex["special"]),
        article_units=frozenset(lex["article_units"]),
    )


def counting_words() -> set[str]:
    """Every word that can be part of a number written in words, articles excluded
    ("two hundred", not "a")."""
    w = words()
    return (set(w.units) | set(w.tens) | set(w.scales)) - w.article_units


def parse_number(text: str) -> int | None:
    """Integer value of a number as written, or None if it is not one."""
    w = words()
    cleaned = _SPACES.sub(" ", text.strip().lower())
    if _DIGITS.fullmatch(cleaned):
        digits = cleaned.replace(",", "")
        return int(digits) if len(digits) <= 18 else None  # no count is that long; int() refuses >4300 digits
    if cleaned in w.special:
        return w.special[cleaned]
    parts = [p for p in _WORD_BREAK.split(cleaned) if p and p != "and"]
    if not parts:
        return None
    total, current = 0, 0
    for part in parts:
        if part in w.units:
            current += w.units[part]
        elif part in w.tens:
            current += w.tens[part]
        elif part == "dozen":  # "two dozen"
            current = max(current, 1) * 12
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current
