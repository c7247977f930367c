"""Who "they", "them", "its" or a bare "the troops" stand for, when a statement of purpose
names the presence that way ("About 900 US soldiers remain in Syria. Officials say they
are there to ..."): the US presence only when the antecedent is US troops or the US itself,
found earlier in the same sentence or else in the sentence before, never further back.

A pronoun takes the nearest actor before it in its sentence, or else the first one of the
sentence before (the subject of news sentences comes first), that agrees in number: "they", "them", "their" a troop noun or a plural of people
("Tehran says they ...": not Tehran), "it" and "its" also a state or body ("The US says its
soldiers ..."); with no actor in reach it is not the US presence. A bare troop
noun ("the troops") takes the last troop noun before it and is somebody else's only when
that one is ("Iranian forces ... the forces"); with none it stays the US presence, as
before. Each sentence's actors are listed once, so the look-ups stay linear."""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property

from analysis.extract.purpose_rules import Rules


class Antecedents:
    """The actors of one sentence and of the sentence before it, for the look-ups above;
    listed at the first look-up, since most sentences never need one."""

    def __init__(self, r: Rules, text: str, sentences, i: int, cache: dict):
        self.r, self.text = r, text
        self._sentences, self._i, self._cache = sentences, i, cache

    @cached_property
    def here(self) -> list[tuple[int, str, bool]]:
        return self._actors(self._sentences[self._i], self._cache)

    @cached_property
    def before(self) -> list[tuple[int, str, bool]]:
        return self._actors(self._sentences[self._i - 1], self._cache) if self._i > 0 else []

    @cached_property
    def here_starts(self) -> list[int]:
        return [a[0] for a in self.here]

    def _actors(self, s, cache: dict) -> list[tuple[int, str, bool]]:
        """(start, kind, is_us) for every actor in sentence `s`, kind "troop", "people" (or
        persons marked as whose) or "state" (a state or body: singular)."""
        if s.start in cache:
            return cache[s.start]
        r, text = self.r, self.text
        found = []
        for m in r.actor.finditer(text, s.start, s.end):
            if m.group("troop") is not None:
                found.append((m.start(), "troop", not theirs(r, text, s.start, m.start())))
            elif m.group("person") is not None:  # counted only when marked as whose
                if theirs(r, text, s.start, m.start()):
                    found.append((m.start(), "people", False))
                elif r.us_mark.search(text, max(s.start, m.start() - 12), m.start()):
                    found.append((m.start(), "people", True))
            elif m.group("people") is not None:
                found.append((m.start(), "people", False))
            else:
                found.append((m.start(), "state", m.group("us") is not None))
        cache[s.start] = found
        return found

    def pronoun_is_us(self, pos: int) -> bool:
        """Does the pronoun at `pos` stand for the US or its troops?"""
        return self.antecedent_is_us(pos) is True

    def antecedent_is_us(self, pos: int) -> bool | None:
        """Whether the antecedent of the pronoun at `pos` is the US or its troops; None when
        no actor is in reach."""
        plural = self.text[pos : pos + 4].lower() in ("they", "them", "thei")
        here = self.here[: bisect_left(self.here_starts, pos)]
        for actors in (reversed(here), self.before):  # the nearest in its sentence, else the first before
            for _, kind, is_us in actors:
                if kind != "state" or not plural:
                    return is_us
        return None

    def bare_is_theirs(self, pos: int) -> bool:
        """Is the bare troop noun at `pos` ("the troops") another actor's troops?"""
        here = self.here[: bisect_left(self.here_starts, pos)]
        for actors in (here, self.before):
            troops = [a for a in actors if a[1] == "troop"]
            if troops:
                return not troops[-1][2]
        return False


def theirs(r: Rules, text: str, lo: int, pos: int) -> bool:
    """Is the troop noun at `pos` named as another actor's ("Iranian troops")?"""
    before = r.last_punct.split(text[max(lo, pos - 40) : pos])[-1]
    return bool(r.not_us.search(" ".join(before.split()[-2:])))
