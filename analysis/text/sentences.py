"""Split a document into sentences that keep their character offsets.

A rule-based splitter is used rather than a statistical one: news copy is regular, the
rules are fast and predictable, and every boundary decision can be explained. Line breaks
always end a sentence (headlines and paragraphs), and so do ., ! and ? (with any closing
quotes) before a capital letter, digit or opening quote, unless the word before the stop
is a known abbreviation ("Dec.", "Gen.", "U.S.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.text.lexicon import load_lexicon


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    lex = load_lexicon("abbreviations")
    return (
        frozenset(a.lower() for a in lex["abbreviations"]),
        frozenset(lex["sentence_starters"]),
    )


_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?([A-Za-z0-9]+)")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Z]")  # "U.S", "J": initials


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the '.' at `stop` closes an abbreviation rather than a sentence."""
    abbreviations, starters = _abbreviations()
    match = _WORD_BEFORE.search(text, max(0, stop - 40), stop)
    if not match:
        return False
    word = match.group(1)
    if word.lower() + "." not in abbreviations and not _INITIALS.fullmatch(word):
        return False
    nxt = _NEXT_WORD.match(text, stop + 1)
    # "... attacked the U.S. The next day ..." : an abbreviation followed by a word that
    # usually opens a sentence is still taken as a boundary.
    return not (nxt and nxt.group(1) in starters)


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    line_start = 0
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        cut = line_start
        for match in _BOUNDARY.finditer(text, line_start, line_end):
            if text[match.start()] == "." and len(match.group().rstrip("\"'”’)]")) == 1:
                if _is_abbreviation(text, match.start()):
                    continue
            start, end = _trimmed(text, cut, match.end())
            if end > start:
                sentences.append(Sentence(start, end, text[start:end], len(sentences)))
            cut = match.end()
        start, end = _trimmed(text, cut, line_end)
        if end > start:
            sentences.append(Sentence(start, end, text[start:end], len(sentences)))
        line_start = line_end + 1
    return sentences
