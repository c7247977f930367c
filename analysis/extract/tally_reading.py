"""A number as written and what a reading of it says: where it is, its value and its hedge
("at least 151", "170-plus", "a dozen", "a US contractor"), skipping dates, years and
durations; and the Reading every counting rule returns."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.extract.tally_rules import rules
from analysis.text.numbers import parse_number


@dataclass(frozen=True)
class Number:
    s: int  # sentence-local offsets of the number as written
    e: int
    value: int
    text: str
    article: bool  # "a"/"an" standing for one person
    ordinal: bool = False  # "the 115th attack": the count the attack brought the tally to


@dataclass(frozen=True)
class Reading:
    """What the words around a number say it counts."""

    measure: str | None  # None: taken from a neighbouring tally (see `elliptic`)
    elliptic: str = ""  # "split" (77 in Syria), "total" (a total of 130), "part" (57 of the attacks), "and" (... and a contractor), "earlier" (rose to 97 from 83), "ordinal" (the 115th attack)
    last: int = 0  # index, relative to the first token after the number, of the last word read
    disposition: bool = False  # counted only by a disposition word ("were treated")
    people: bool = False  # the number's own noun names the people counted ("69 U.S. troops")


def numbers(view) -> list[Number]:
    """Every number in the sentence that is not part of a date, a year or a duration."""
    r, st = rules(), view.st
    out = []
    for m in r.number.finditer(st):
        s, e = m.span()
        if any(a < e and s < b for a, b, _ in view.dates):
            continue
        if m["digits"] and len(m["digits"]) == 4 and 1800 <= int(m["digits"]) <= 2100:
            continue  # a year
        if m["digits"] and r.month_before.search(st, max(0, s - 12), s):
            continue  # "Oct. 17" when the date finder missed it
        k = view.token_at(e)
        if k < len(view.toks) and view.toks[k][2] in r.duration_units:
            continue  # "three months", "24 hours": a duration, not a count
        written = m["digits"] if m["plus"] else m.group()[:-2] if m["ordinal"] else m.group()  # "170-plus"
        value = 0 if m["no"] else 1 if m["article"] else 2 if m["twice"] else parse_number(written)
        if value is not None:
            out.append(Number(s, e, value, m.group(), bool(m["article"]), bool(m["ordinal"])))
    return out


def qualifier(st: str, s: int) -> tuple[str, int]:
    """(qualifier, where it starts) from the words right before the number ("170-plus" is
    more than 170)."""
    r = rules()
    if st[s : s + 12].split(" ")[0].rstrip(".,;:").endswith(("-plus", "+")):
        return "more_than", s
    m = r.qualifier.search(st, max(0, s - 30), s)
    if not m:
        rise = r.rise_qualifier.search(st, max(0, s - 20), s)
        if rise and r.rise_phrase.search(st, max(0, s - 120), s):  # "Attacks on US troops top 150"
            return r.rise_qualifier_names[rise.group().split()[-1].lower()], s
        return "exact", s
    word = " ".join(m.group().lower().split())
    prev = st[max(0, m.start() - 8) : m.start()].lower().split()
    if word == "under" and prev and prev[-1] in r.under_exposure:
        return "exact", s  # "came under 151 attacks"
    return r.qualifier_names[word], m.start()
