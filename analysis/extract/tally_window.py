"""Over which window a tally counts, as its own clause states it: the dates and their roles
(since, as of, the day a source spoke, a period such as "over the weekend" or "the last
quarter", the day of one incident), and the kind of count they make:

- cumulative: a running total ("130 times since Oct. 17 as of Thursday", "have injured 69");
  a vague start ("since mid-October") is stated but left empty;
- period: a stated period ("three attacks over the weekend"): since and as_of are its ends;
- day: one day's count or one attack's casualties on a stated day (since = as_of = the day);
- incident: one attack's casualties with no day in the clause (the day comes from context).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from analysis.extract.tally_rules import rules

KINDS = ("cumulative", "period", "day", "incident")


@dataclass(frozen=True)
class Role:
    pos: int  # sentence-local offset of the date
    role: str  # since, as_of, statement, lead, period, day
    iso: str  # the date ("" when too vague to give a day: "since mid-October")
    until: str = ""  # a period's last day


def date_roles(view, cs: int, ce: int, has_speech: bool) -> list[Role]:
    """Roles of the dates in the clause [cs, ce), in order."""
    r, st = rules(), view.st
    out: list[Role] = []
    for s, e, m in view.dates:
        if not cs <= s < ce or m.date is None:
            continue
        if m.kind == "relative" and m.precision in ("day", "night") and view.in_quote(s):
            continue  # "today" in a quotation is the speaker's day, which the text does not give
        out.extend(_roles_of(view, m, s, e, cs, has_speech))
    for n, (date, rx, _) in enumerate(r.anchors):
        if not view.doc.anchor_allowed(n):
            continue
        out.extend(Role(m.start(), "since", date) for m in rx.finditer(st, cs, ce))
    return sorted(out, key=lambda x: (x.pos, x.role))


def _roles_of(view, m, s: int, e: int, cs: int, has_speech: bool) -> list[Role]:
    r, st = rules(), view.st
    iso = m.date.isoformat()
    exact = m.precision in ("day", "night")
    lo = max(cs, s - 60)
    if m.kind == "range":  # "between Oct. 17 and 24"
        return [Role(s, "since", iso), Role(s, "as_of", m.until.isoformat())]
    since = r.roles["since"].search(st, lo, s) or r.since_event.search(st, max(cs, s - 90), s)
    if since and not r.roles["as_of"].search(st, lo, s) or r.roles["between"].search(st, lo, s):
        return [Role(s, "since", iso if exact else "")]
    if r.roles["as_of"].search(st, lo, s):
        return [Role(s, "as_of", iso)]
    if has_speech and (r.roles["statement"].search(st, lo, s) or r.roles["statement_after"].match(st, e)):
        return [Role(s, "statement", iso)]
    if has_speech and st[cs:s].strip(" ,") in ("", "On", "on") and r.speech_any.search(st, e, s + 80):
        return [Role(s, "lead", iso)]  # "On Thursday, the Pentagon said ..."
    if m.until is not None and (m.kind == "relative" or m.precision in ("week", "weekend", "quarter")):
        return [Role(s, "period", iso, m.until.isoformat())]  # "over the weekend", "last month", not "in 2020"
    if r.other_event_day.search(st, max(cs, s - 30), s):
        return []  # "following the October 7 attack": the day of another event
    return [Role(s, "day", iso)] if exact else []


def pick(roles: list[Role], role: str, t) -> Role | None:
    """The date of that role in the tally's own segment, else the nearest before it,
    else the nearest after it in the clause."""
    own = [x for x in roles if x.role == role and t.e <= x.pos < t.seg_end]
    if own:
        return own[0]
    before = [x for x in roles if x.role == role and x.pos < t.s]
    if before:
        return before[-1]
    after = [x for x in roles if x.role == role and x.pos >= t.e]
    return after[0] if after else None


def _own(roles: list[Role], t) -> set[str]:
    return {x.role for x in roles if t.e <= x.pos < t.seg_end}


def apply_window(view, t, roles: list[Role], trailing: list[Role]) -> None:
    """Set t.kind, t.since, t.as_of and t.since_stated from the clause's dated roles;
    `trailing` are the roles of an attribution that ends the sentence ("..., officials said
    Thursday.")."""
    r, st = rules(), view.st
    cs, ce = t.clause
    t.cumulative_cue = bool(r.cumulative_cue.search(st, cs, ce))
    own = _own(roles, t)
    spoken = (
        pick(roles, "statement", t)
        or pick(roles, "lead", t)
        or next((x for x in trailing if x.role == "statement"), None)
    )
    t.spoken = spoken.iso if spoken else ""
    since, as_of = pick(roles, "since", t), pick(roles, "as_of", t)
    period, day = pick(roles, "period", t), pick(roles, "day", t)
    if (since or as_of) and not (own & {"period", "day"} and not own & {"since", "as_of"}):
        t.kind, t.since_stated = "cumulative", since is not None
        t.since = since.iso if since else ""
        t.as_of = as_of.iso if as_of else spoken.iso if spoken else ""
    elif r.period_anaphor.search(st, cs, ce):
        t.kind = "period"  # "during this period": the period named nearby (tally_document)
    elif period and not t.cumulative_cue:
        t.kind, t.since, t.as_of = "period", period.iso, _period_end(period, spoken, view.doc.published)
    elif day and _reached(view, t):
        t.kind, t.since, t.as_of = "cumulative", "", day.iso  # "the total rose to 66 on Wednesday"
    elif day and not (t.cumulative_cue and "day" not in own):
        t.kind, t.since, t.as_of = "day", day.iso, day.iso
    elif t.measure != "attacks" and not _running_total(view, t):
        t.kind = "incident"
        lead = pick(roles, "lead", t)
        if lead:
            t.since = t.as_of = lead.iso
    else:
        t.kind = "cumulative"
        t.as_of = spoken.iso if spoken else ""
    if t.kind == "cumulative" and not t.since and r.one_day.search(st, cs, ce):
        t.kind = "day"  # "four times in 24 hours": the day it was said, else from context
        t.since = t.as_of = spoken.iso if spoken else ""
    t.new_event = bool(r.new_event.search(st, cs, ce))
    t.anaphor = bool(r.anaphor.search(st, cs, ce))
    t.period_anaphor = bool(r.period_anaphor.search(st, cs, ce))
    t.reached = _reached(view, t)


def _reached(view, t) -> bool:
    """The number is a running total reached ("the total ... rose to 66", "the tally stood at 98")."""
    r, st, cs = rules(), view.st, t.clause[0]
    return bool(
        r.count_phrase.search(st, cs, t.qs) or r.rise_phrase.search(st, cs, t.qs) or r.tally_word.search(st, cs, t.qs)
    )


def _period_end(period: Role, spoken: Role | None, published) -> str:
    """A period's last day, or the day it was reported if that comes first ("this week")."""
    end = period.until
    for bound in (spoken.iso if spoken else "", published.isoformat() if published else ""):
        if bound and bound < end:
            end = bound
    return end


def _running_total(view, t) -> bool:
    """A casualty count that is a running total: a cumulative cue, or the present perfect
    ("have been wounded") without one attack named ("have been injured in an attack")."""
    r, st = rules(), view.st
    cs, ce = t.clause
    if t.cumulative_cue:
        return True
    return bool(r.perfect_tense.search(st, cs, ce)) and not r.single_event.search(st, cs, ce)


def is_short(t, published) -> bool:
    """A window of a week or less ("since Sunday"): its start is no campaign's start."""
    if not t.since:
        return False
    end = t.as_of or (published.isoformat() if published else "")
    if not end:
        return False
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(t.since)).days <= 7
