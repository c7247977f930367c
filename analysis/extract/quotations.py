"""Quotations that run over several sentences take the speaker named where they open or
close: in '"We left. We kept the oil," Jane Roe said.' both sentences are Jane Roe's, and
a sentence that is only the attribution ('... right?" Roe said.') gives its speaker to the
quotation just before it instead of being a statement of its own."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from analysis.extract.claim import AUTHOR, Claim, claim_text
from analysis.extract.sources import quote_spans

_PARAGRAPH = re.compile(r"[^\n]+")


def attribute(text: str, claims: list[Claim]) -> list[Claim]:
    """The claims with the author's clauses inside a quotation given to its speaker, and
    attribution-only sentences folded into the quotation they close."""
    claims = sorted(claims, key=lambda c: (c.start, c.nested))
    top = [c for c in claims if not c.nested]
    starts = [c.start for c in top]
    dropped: set[int] = set()
    for par in _PARAGRAPH.finditer(text):
        inside_par = top[bisect_left(starts, par.start()) : bisect_left(starts, par.end())]
        if len(inside_par) < 2:
            continue  # one clause: nothing to carry across sentences
        par_starts = [c.start for c in inside_par]
        for a, b in quote_spans(text, par.start(), par.end()):
            i, j = bisect_left(par_starts, a - 1), bisect_right(par_starts, b + 1)
            within = [c for c in inside_par[i:j] if c.end <= b + 1]
            if not within or text[b - 1] not in '"”':
                continue  # nothing inside, or a quotation never closed
            speaker = _speaker(text, inside_par[max(0, i - 1) : j + 1], a, b, dropped)
            if speaker is None:
                continue
            for c in within:
                if c.source == AUTHOR and c is not speaker:
                    c.takes_source(speaker)
                    c.kind, c.quoted = speaker.kind, True
    return [c for c in claims if id(c) not in dropped]


def _speaker(text: str, claims: list[Claim], a: int, b: int, dropped: set[int]) -> Claim | None:
    """The claim naming who speaks the quotation text[a:b]: the clause it closes in, if
    attributed; else a sentence right after it that is only an attribution; else the
    clause it opens in."""
    for c in claims:
        if c.start < b <= c.end and c.source != AUTHOR and c.frame[0] >= b - 1:
            return c
    after = next((c for c in claims if c.start >= b and not text[b : c.start].strip()), None)
    if after is not None and after.source != AUTHOR and not claim_text(text, after):
        dropped.add(id(after))
        return after
    for c in claims:
        if c.start <= a < c.end and c.source != AUTHOR and c.content[0] <= a:
            return c
    return None
