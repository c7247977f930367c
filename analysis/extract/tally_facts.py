"""On whose authority, against whom, by whom and with what: what one clause of a tally
sentence says, shared by every tally in it: the sources it is attributed to, the targets,
the perpetrator tied to the attacks and the weapons named. (Its dates: tally_window.)"""

from __future__ import annotations

import re

from analysis.extract.tally_rules import rules


def attributions(st: str, cs: int, ce: int) -> list[tuple[int, int, str]]:
    """(start, end of the whole attribution, normalized source) for sources that a
    speech verb, 'according to' or a data noun ties to the clause."""
    r = rules()
    low = st[cs:ce].lower()
    if not any(k in low for k in r.source_keywords):
        return []
    taken: list[tuple[int, int, str]] = []
    found = [(int(m.lastgroup[1:]), m.start(), m.end()) for m in r.source_scan.finditer(st, cs, ce)]
    for priority, a, b in sorted(found):  # titles before bare names: "Jane Doe, a Pentagon spokeswoman, said"
        name = r.sources[priority][0]
        tail = r.attr_after.match(st, b)
        lead = r.attr_before.search(st, max(0, a - 60), a)
        if not (tail or lead) and re.search(r",\s*(?:a|an|the)\s+$", st[max(0, a - 8) : a]):
            tail = r.attr_appositive.match(st, b)  # "Jane Doe, a Pentagon spokeswoman, said"
        if lead and lead.group().startswith(":") and st[b:].strip(" .\"'”’") != "":
            lead = None  # ": Pentagon" only at the end of a headline
        if not (tail or lead):
            continue
        end = tail.end() if tail else b
        if any(x < end and a < y for x, y, _ in taken):
            continue
        taken.append((a, end, name))
    return sorted(taken)


def clause_facts(st: str, cs: int, ce: int, sources=None) -> dict:
    """What one clause says, shared by every tally in it: sources (given when already
    found), targets, the perpetrator tied to the attacks and the weapons named."""
    r = rules()
    perps = [
        (m.start(), name)
        for name, rx in r.perpetrators
        for m in rx.finditer(st, cs, ce)
        if r.perp_before.search(st, max(0, m.start() - 30), m.start()) or r.perp_after.match(st, m.end(), ce)
    ]
    named = sorted((m.start(), name) for name, rx in r.weapons for m in rx.finditer(st, cs, ce))
    return {
        "sources": attributions(st, cs, ce) if sources is None else sources,
        "targets": [
            (m.start(), m.end(), i, name) for i, (name, rx) in enumerate(r.targets) for m in rx.finditer(st, cs, ce)
        ],
        "perpetrator": min(perps)[1] if perps else "",
        "weapons": "; ".join(dict.fromkeys(name for _, name in named)),
    }


def nearest(found, t) -> str:
    """The name of the attribution or target nearest the tally's number."""
    if not found:
        return ""
    return min(found, key=lambda a: (min(abs(a[0] - t.s), abs(a[1] - t.s)), a[0]))[-1]
