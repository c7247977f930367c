"""The document as the tally passes look it up: each sentence's view, places and dated
roles, its paragraph, the datelines of a timeline, the day of an attack a sentence reports,
and a campaign's start stated without a count."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from functools import cached_property

from analysis.extract.tally_place import REGION
from analysis.extract.tally_rules import rules
from analysis.extract.tally_view import SentenceView
from analysis.extract.tally_window import date_roles

RUNNING = ("cumulative", "period")


class Context:
    """Per-sentence facts the passes look up: places, dated roles, paragraph, dateline."""

    def __init__(self, parsed, doc, per_sentence):
        self.parsed, self.doc, self.per_sentence = parsed, doc, per_sentence
        self.sentences = parsed.sentences
        self._views: dict[int, SentenceView] = {}
        self.stated_windows: dict[str, list[tuple[int, str]]] = {}
        self.mentions = sorted(parsed.dates, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]

    def view(self, i: int) -> SentenceView:
        if i not in self._views:
            s = self.sentences[i]
            lo, hi = bisect_left(self.mention_starts, s.start), bisect_left(self.mention_starts, s.end)
            self._views[i] = SentenceView(s, self.mentions[lo:hi], self.doc)
        return self._views[i]

    def places(self, i: int) -> list[str]:
        return [p[2] for p in self.view(i).places if p[2] != REGION]

    def roles(self, i: int):
        v = self.view(i)
        return date_roles(v, 0, len(v.st), bool(rules().speech_any.search(v.st)))

    @cached_property
    def paragraphs(self) -> list[int]:
        """The paragraph (line) of each sentence."""
        text, out, line, at = self.doc.text, [], 0, 0
        for s in self.sentences:
            line += text.count("\n", at, s.start)
            at = s.start
            out.append(line)
        return out

    @cached_property
    def datelines(self) -> dict[int, str]:
        """Paragraph -> day, for paragraphs opened by a date and a dash ("OCT. 26 – ...")."""
        out: dict[int, str] = {}
        seen: set[int] = set()
        for i, s in enumerate(self.sentences):
            p = self.paragraphs[i]
            if p in seen:
                continue
            seen.add(p)
            k = bisect_left(self.mention_starts, s.start)
            m = self.mentions[k] if k < len(self.mentions) and self.mention_starts[k] == s.start else None
            if m is not None and m.date is not None and m.precision == "day":
                if rules().dateline.match(self.doc.text, m.end):
                    out[p] = m.date.isoformat()
        return out

    def event_day(self, i: int) -> str:
        """The day of an attack a sentence reports ("were injured on Monday in a rocket attack")."""
        day = next((t.since for t in self.per_sentence[i] if t.kind == "day" and t.since), "")
        if day or not rules().event_words.search(self.sentences[i].text):
            return day
        return next((x.iso for x in self.roles(i) if x.role == "day"), "")

    def campaign_since(self, i: int) -> str:
        """A campaign's start stated for the attacks in a sentence without a count ("attacks
        ... since they began on October 17"); a few days' start ("since Sunday") is none."""
        text = self.sentences[i].text
        if self.per_sentence[i] or not rules().event_words.search(text) or rules().pause.search(text):
            return ""  # "no attacks since February 4" starts a pause, not the attacks
        published = self.doc.published
        starts = [x.iso for x in self.roles(i) if x.role == "since" and x.iso]
        return next((s for s in starts if published and (published - dt.date.fromisoformat(s)).days > 7), "")
