"""A document and its sentences as the tally rules read them: tokens and clauses, date
mentions, the stretches inside quotation marks, the places a sentence names, and whether
U.S. people are in view. Worked out once, shared by every rule."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from analysis.extract.tally_place import sentence_places
from analysis.extract.tally_rules import CLAUSE_BREAK, TOKEN, rules

_QUOTE_MARKS = re.compile('[“”"\n]')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every stretch inside quotation marks, per paragraph: curly quotes
    open and close, a straight double quote toggles; an unclosed quote runs to the end of
    its paragraph (a quote that goes on in the next one reopens there)."""
    spans: list[tuple[int, int]] = []
    opened = None
    for m in _QUOTE_MARKS.finditer(text):
        ch, at = m.group(), m.start()
        if ch == "\n":
            if opened is not None:
                spans.append((opened, at))
            opened = None
        elif ch == "“" or (ch == '"' and opened is None):
            opened = at if opened is None else opened
        elif opened is not None:
            spans.append((opened, at + 1))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


@dataclass
class DocContext:
    """What the rules need to know about the whole document."""

    text: str
    published: object  # datetime.date or None
    sentences: list
    quotes: list[tuple[int, int]]
    transcript: bool
    prev_tallies: list = field(default_factory=list)  # the last sentence's tallies so far
    per_sentence: list = field(default_factory=list)  # every earlier sentence's tallies, by index
    _casualty: dict = field(default_factory=dict)
    _anchors: dict = field(default_factory=dict)

    @classmethod
    def of(cls, parsed) -> DocContext:
        text = parsed.doc.text
        transcript = len(rules().transcript_label.findall(text)) >= 2
        return cls(text, parsed.doc.published, parsed.sentences, quote_spans(text), transcript)

    def anchor_allowed(self, n: int) -> bool:
        """Whether since-anchor n may be read here (its `requires` is found in the document)."""
        if n not in self._anchors:
            requires = rules().anchors[n][2]
            self._anchors[n] = requires is None or bool(requires.search(self.text))
        return self._anchors[n]

    def recent(self, index: int, measure: str, back: int = 3) -> list:
        """The totals (counts that are no part) of that measure in the `back` sentences
        before sentence `index`, nearest first."""
        out = []
        for i in range(index - 1, max(-1, index - 1 - back), -1):
            if i < len(self.per_sentence):
                out += [t for t in self.per_sentence[i][::-1] if t.measure == measure and t.part_of is None]
        return out

    def us_casualty_before(self, index: int, back: int = 3) -> bool:
        """Whether one of the `back` sentences before reports U.S. people hurt or killed."""
        for i in range(max(0, index - back), index):
            if i not in self._casualty:
                self._casualty[i] = bool(rules().us_casualty_context.search(self.sentences[i].text))
            if self._casualty[i]:
                return True
        return False


class SentenceView:
    """One sentence: lowercased tokens, clauses, sentence-local date mentions and quotes."""

    def __init__(self, sentence, mentions, doc: DocContext):
        self.sentence, self.st, self.doc = sentence, sentence.text, doc
        off = sentence.start
        self.dates = [(m.start - off, m.end - off, m) for m in mentions]
        self._us: bool | None = None
        self._places = None

    @cached_property
    def toks(self) -> list[tuple[int, int, str]]:
        st = self.st
        if st.isascii():  # lowercase once; same tokens, since the pattern ignores ASCII case
            return [(*m.span(), m.group()) for m in TOKEN.finditer(st.lower())]
        return [(m.start(), m.end(), m.group().lower()) for m in TOKEN.finditer(st)]

    @cached_property
    def starts(self) -> list[int]:
        return [t[0] for t in self.toks]

    @cached_property
    def clauses(self) -> list[tuple[int, int]]:
        cuts = [0] + [m.start() for m in CLAUSE_BREAK.finditer(self.st)] + [len(self.st)]
        return list(zip(cuts, cuts[1:]))

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Sentence-local stretches inside quotation marks."""
        s, quotes = self.sentence, self.doc.quotes
        k = max(0, bisect_left(quotes, (s.start, s.start)) - 1)  # spans are in order and do not overlap
        out = []
        for a, b in quotes[k:]:
            if a >= s.end:
                break
            if b > s.start:
                out.append((max(a, s.start) - s.start, min(b, s.end) - s.start))
        return out

    def clause_at(self, pos: int) -> tuple[int, int]:
        return next((c for c in self.clauses if c[0] <= pos < c[1]), self.clauses[-1])

    def token_at(self, pos: int) -> int:
        """Index of the first token starting at or after `pos`."""
        return bisect_left(self.starts, pos)

    def in_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quotes)

    def us_context(self) -> bool:
        """U.S. people in view: named in this sentence (a U.S. briefer too), or a tally in one
        of the two before it; never in a sentence about another war's toll."""
        if self._us is None:
            r, prev = rules(), self.doc.prev_tallies
            self._us = bool(
                (
                    any(t[2] in r.people for t in self.toks)
                    or r.us_context.search(self.st)
                    or r.us_briefers.search(self.st)
                    or (prev and prev[0].sentence.index >= self.sentence.index - 2)
                )
                and not r.other_conflicts.search(self.st)
            )
        return self._us

    def others_attack(self) -> bool:
        """The sentence names a group that attacks others (ISIS, the Houthis) and no U.S.
        target ("ISIS cells carried out 35 attacks, according to CENTCOM")."""
        r = rules()
        if not r.other_attackers.search(self.st):
            return False
        return not any(rx.search(self.st) for _, rx in r.targets)

    @property
    def places(self):
        if self._places is None:
            self._places = sentence_places(self.st)
        return self._places
