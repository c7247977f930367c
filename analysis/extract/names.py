"""People and bodies named in full in a document, so a later short mention is the same
source: "Defense Secretary James Mattis" makes "Mattis" (and "Mr Mattis") James Mattis,
"The Washington Post" makes "the Post" The Washington Post. A surname two different full
names share stays as written. Honorifics and titles before a name ("Mr", "Gen.",
"Defence Secretary") are dropped (lexicons/sources.yml `titles`)."""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.text.lexicon import load_lexicon

_TOKEN = r"(?:(?:al|el|bin|ibn|abu|de|van|von)[- ])?[A-Z][a-z][\w'’-]*|[A-Z]\."
_FULL = re.compile(rf"(?<![\w.'’-])((?:{_TOKEN})(?:\s+(?:{_TOKEN})){{1,3}})(?![\w'’-])")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset, frozenset]:
    src = load_lexicon("sources")
    honorifics = frozenset(src["titles"]) | frozenset(t.rstrip(".") for t in src["titles"])
    roles = frozenset(w.capitalize() for w in src["role_words"])  # "Secretary of State Jane Roe"
    stop = frozenset(src["not_names"]) | honorifics | frozenset(src["places"]) | roles
    return honorifics, stop


@lru_cache(maxsize=8)
def registry(text: str) -> dict[str, str]:
    """Last word -> full name, for every run of two to four capitalized words in the text
    between titles, places and sentence openers (first seen wins; a surname two names
    share maps to nothing)."""
    _, stop = _words()
    found: dict[str, str | None] = {}
    for m in _FULL.finditer(text):
        run: list[str] = []
        for token in m.group(1).split() + [""]:  # the runs between titles and openers
            if token and token not in stop:
                run.append(token[:-2] if token[-2:] in ("'s", "’s") else token)
                if token[-2:] not in ("'s", "’s"):
                    continue  # a possessive ends the name: "Jane Roe's deputy"
            if len(run) >= 2 and " ".join(run) not in stop:  # "Saudi Arabia" is a place
                full, last = " ".join(run), run[-1]
                if found.setdefault(last, full) not in (full, None):
                    found[last] = None
            run = []
    return {k: v for k, v in found.items() if v}


def strip_titles(name: str) -> str:
    """The name without the titles and honorifics before it: "Defence Secretary Mark Esper"
    -> "Mark Esper", "Mr Esper" -> "Esper"."""
    honorifics, stop = _words()
    tokens = name.split()
    cut = max((i + 1 for i, t in enumerate(tokens[:-1]) if t in honorifics or t.rstrip(".") in honorifics), default=0)
    return " ".join(tokens[cut:]) or name


def full_name(name: str, text: str) -> str:
    """The full form of a short mention, from the same document ("Mattis" -> "James Mattis")."""
    short = strip_titles(name)
    return registry(text).get(short, short) if " " not in short else short


def is_known(word: str, text: str) -> bool:
    """Is a lone capitalized word the surname of someone named in full in the text?"""
    return word in registry(text)
