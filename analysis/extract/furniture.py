"""Page furniture: the parts of a captured page that are nobody's statement (a byline, a
photo credit, a "Posted at" time stamp, a story code, a dateline). They are cut out of the
text the claims analysis reads, so they never become a claim or a source. Patterns:
lexicons/cues.yml `page_furniture`."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from analysis.text.lexicon import load_lexicon
from analysis.text.regex import gated

_WORDCHAR = re.compile(r"\w")
_LINE_BREAK = re.compile(r"\n")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern, ...], re.Pattern]:
    """(patterns tried at each line start, one pattern scanned through the text): most
    furniture opens a line, and trying it only there is much faster than scanning for it."""
    patterns = [p for group in load_lexicon("cues")["page_furniture"].values() for p in group]
    at_line = tuple(re.compile(p[1:], re.M) for p in patterns if p.startswith("^"))
    inline = "|".join(f"(?:{p})" for p in patterns if not p.startswith("^"))
    return at_line, gated(inline, re.M) if inline else re.compile(r"(?!)")


def spans(text: str) -> list[tuple[int, int]]:
    """Where the furniture is, in text order."""
    at_line, inline = _patterns()
    found = [(m.start(), m.end()) for m in inline.finditer(text)]
    for start in [0] + [m.end() for m in _LINE_BREAK.finditer(text)]:
        for pattern in at_line:
            m = pattern.match(text, start)
            if m:
                found.append((m.start(), m.end()))
                break
    return sorted(a for a in found if a[1] > a[0])


def outside(text: str, lo: int, hi: int, furniture: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of text[lo:hi] that are not furniture, trimmed, each with a word in it."""
    parts, pos = [], lo
    first = max(0, bisect_left(furniture, (lo, lo)) - 1)  # spans are sorted and never overlap much
    for a, b in furniture[first:]:
        if a >= hi:
            break
        if b <= lo:
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
