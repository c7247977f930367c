"""One attributed statement (a claim) and what is read off it once it is found: its status
from the cues in its scope, its text without the attribution words, and its event date."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from analysis.extract.sources import Cue, inside

SOURCE_KINDS = (
    "state media (Iran)",
    "state media (Russia)",
    "regional media",
    "US media",
    "US government",
    "armed group",
    "anonymous/local sources",
    "author",
)
STATUSES = ("confirmed", "reported", "unconfirmed", "denied", "rumor")
STRENGTH = {"reported": 1, "confirmed": 2, "unconfirmed": 3, "rumor": 4, "denied": 5}
AUTHOR = "author"
VIA_SEPARATOR = " > "

_WORDCHAR = re.compile(r"\w")
_SINCE = re.compile(r"(?i)\b(?:since|from)\s+(?:the\s+)?$")


@dataclass
class Claim:
    start: int
    end: int
    frame: tuple[int, int]
    content: tuple[int, int]
    scope: list[tuple[int, int]]  # where this claim's status cues may sit
    exclude: list[tuple[int, int]]  # nested statements inside the scope
    source: str
    kind: str | None
    role: str | None
    chain: tuple[str, ...]
    status: str = "reported"
    cue: str = ""
    quoted: bool = False
    nested: bool = False
    event_date: object = None
    claim_id: str = ""
    text: str = ""
    antecedent: Claim | None = field(default=None, repr=False)

    @property
    def via(self) -> str:
        return VIA_SEPARATOR.join(self.chain) if len(self.chain) > 1 else ""

    def in_content(self, pos: int) -> bool:
        return self.content[0] <= pos < self.content[1] and not (self.frame[0] <= pos < self.frame[1])

    def takes_source(self, other: Claim) -> None:
        """Rest on `other`'s source (a quotation continued, a transcript's speaker)."""
        self.source, self.kind, self.role, self.chain = other.source, other.kind, other.role, other.chain


def status(claim: Claim, cues: list[Cue], fallback: str, quotes) -> tuple[str, str]:
    """The strongest status cue in the claim's scope, outside quotations and nested
    statements; else "reported" with the anchor word as cue."""
    best = None
    for c in cues:
        if (
            any(a <= c.start < b for a, b in claim.scope)
            and not inside(c.start, claim.exclude)
            and not inside(c.start, quotes)
        ):
            if best is None or STRENGTH[c.status] > STRENGTH[best.status]:
                best = c
    return (best.status, best.text) if best else ("reported", fallback)


def tidy(piece: str) -> str:
    piece = " ".join(piece.split()).strip(" ,;:-–—")
    return piece if _WORDCHAR.search(piece) else ""


def claim_text(text: str, claim: Claim) -> str:
    """The content without the attribution words and nested statements."""
    a, b = claim.content
    holes = sorted([claim.frame] + claim.exclude)
    pieces, pos = [], a
    for x, y in holes:
        if y <= pos or x >= b:
            continue
        pieces.append(text[pos : max(pos, x)])
        pos = max(pos, y)
    pieces.append(text[pos:b])
    return ", ".join(p for p in (tidy(p) for p in pieces) if p)


def event_date(text: str, claim: Claim, dates, starts) -> object:
    """The first date in the content, else in the attribution words; a "since" bound last."""
    lo, hi = (claim.scope[0][0], claim.scope[-1][1]) if claim.nested else (claim.start, claim.end)
    found = []
    for d in dates[bisect_left(starts, lo) : bisect_left(starts, hi)]:
        if d.date is not None:
            since = bool(_SINCE.search(text, max(0, d.start - 12), d.start))
            found.append((since, not claim.in_content(d.start), d.start, d.date))
    return min(found)[3] if found else None
