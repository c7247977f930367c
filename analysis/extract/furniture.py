"""Page furniture: the parts of a captured page that are nobody's statement (a byline, a
photo credit, a "Posted at" time stamp, a story code, a dateline). They are cut out of the
text the claims analysis reads, so they never become a claim or a source. Patterns:
lexicons/cues.yml `page_furniture`."""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.text.lexicon import load_lexicon

_WORDCHAR = re.compile(r"\w")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    patterns = [p for group in load_lexicon("cues")["page_furniture"].values() for p in group]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.M)


def spans(text: str) -> list[tuple[int, int]]:
    """Where the furniture is, in text order."""
    return [(m.start(), m.end()) for m in _pattern().finditer(text) if m.end() > m.start()]


def outside(text: str, lo: int, hi: int, furniture: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of text[lo:hi] that are not furniture, trimmed, each with a word in it."""
    parts, pos = [], lo
    for a, b in furniture:
        if b <= lo or a >= hi:
            continue
        parts.append((pos, max(pos, a)))
        pos = max(pos, b)
    parts.append((pos, hi))
    out = []
    for a, b in parts:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if _WORDCHAR.search(text, a, b):
            out.append((a, b))
    return out
