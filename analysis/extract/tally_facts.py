"""What one clause of a tally sentence says, shared by every tally in it: the dates and
their roles (since, as of, the day of the statement), the sources it is attributed to,
the targets, the perpetrator tied to the attacks and the weapons named."""

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


def date_roles(st: str, mentions, cs: int, ce: int, has_speech: bool) -> list[tuple[int, str, str]]:
    """(position, role, ISO date) for dates in the clause: since, as_of or statement."""
    r = rules()
    out = []
    for m in mentions:
        if not (cs <= m[0] < ce) or m[2] is None:
            continue
        iso = m[2].isoformat()
        lo = max(cs, m[0] - 60)
        if r.roles["since"].search(st, lo, m[0]) and not r.roles["as_of"].search(st, lo, m[0]):
            out.append((m[0], "since", iso))
        elif r.roles["between"].search(st, lo, m[0]):
            out.append((m[0], "since", iso))
        elif r.roles["as_of"].search(st, lo, m[0]):
            out.append((m[0], "as_of", iso))
        elif has_speech and r.roles["statement"].search(st, cs, m[0]):
            out.append((m[0], "statement", iso))
    for date, rx in r.anchors:
        for m in rx.finditer(st, cs, ce):
            out.append((m.start(), "since", date))
    return sorted(out)


def pick(roles, role: str, t) -> str:
    """The date of that role in the tally's own segment, else the nearest before it,
    else the nearest after it in the clause."""
    own = [iso for pos, rl, iso in roles if rl == role and t.e <= pos < t.seg_end]
    if own:
        return own[0]
    before = [iso for pos, rl, iso in roles if rl == role and pos < t.s]
    if before:
        return before[-1]
    after = [iso for pos, rl, iso in roles if rl == role and pos >= t.e]
    return after[0] if after else ""


def clause_facts(st: str, cs: int, ce: int, dates, trailing: bool, sources=None) -> dict:
    """What one clause says, shared by every tally in it: dated roles, sources (given when
    already found), targets, the perpetrator tied to the attacks and the weapons named."""
    r = rules()
    perps = [
        (m.start(), name)
        for name, rx in r.perpetrators
        for m in rx.finditer(st, cs, ce)
        if r.perp_before.search(st, max(0, m.start() - 30), m.start()) or r.perp_after.match(st, m.end(), ce)
    ]
    named = sorted((m.start(), name) for name, rx in r.weapons for m in rx.finditer(st, cs, ce))
    return {
        "roles": date_roles(st, dates, cs, ce, trailing or bool(r.speech_any.search(st, cs, ce))),
        "sources": attributions(st, cs, ce) if sources is None else sources,
        "targets": [
            (m.start(), m.end(), i, name) for i, (name, rx) in enumerate(r.targets) for m in rx.finditer(st, cs, ce)
        ],
        "perpetrator": min(perps)[1] if perps else "",
        "weapons": "; ".join(dict.fromkeys(name for _, name in named)),
    }
