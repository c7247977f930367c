"""Where a tally's attacks or casualties happened: the places a sentence names as where
something happened (countries after a location word, sites through the gazetteer, "near
the Jordan-Syria border", "in the region"), minus the places inside names ("Islamic
Resistance in Iraq") and those that only describe the attackers ("militias in Iraq")."""

from __future__ import annotations

from analysis.extract.tally_rules import rules

REGION = "the region"  # "in the region": resolved by the count's date (places.yml region_scope)


def join_places(names) -> str:
    """'Iraq and Syria'; a region is dropped when a country is named beside it."""
    names = set(names)
    regions = names & (rules().regions | {REGION})
    names = sorted(names - regions if names - regions else names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _gazetteer_places(st: str, masks) -> list[tuple[int, int, str]]:
    """Countries and sites: a country after a location word, in a list with one or before
    an attack noun ("the Jordan attack"), a site always. Spans inside a mask are ignored."""
    r = rules()
    found: list[tuple[int, int, str]] = []
    for m in r.place.finditer(st):
        if any(a <= m.start() < b for a, b in masks):
            continue
        key = " ".join(m.group().split())
        ok = key in r.sites or r.location_word.search(st, max(0, m.start() - 40), m.start())
        ok = ok or (r.place_names[key] not in r.regions and r.place_adjective.match(st, m.end()))  # "the Jordan attack"
        if not ok and found:
            ok = rules().place_list.fullmatch(st, found[-1][1], m.start()) is not None
        if ok:
            found.append((m.start(), m.end(), r.place_names[key]))
    return found


def sentence_places(st: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the places a sentence names as where something happened."""
    r = rules()
    found = []
    if r.place.search(st):
        masks = [m.span() for _, rx in r.perpetrators for m in rx.finditer(st)]
        masks += [m.span() for m in r.not_locations.finditer(st)]
        found = _gazetteer_places(st, masks)
    if "border" in st:
        found += [(m.start("first"), m.end(), r.border_names[m["first"]]) for m in r.border.finditer(st)]
    if "region" in st:
        found += [(m.start(), m.end(), REGION) for m in r.region_phrase.finditer(st)]
    return sorted(set(found))


def first_group(st: str, places, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The first place named in [lo, hi) with the places listed right after it ("in Iraq,
    Syria and Jordan"): a count's own place. Places further on belong to something else
    ("killed three in Jordan on Sunday, the latest by militias in Iraq and Syria")."""
    group: list[tuple[int, int, str]] = []
    for p in places:
        if p[0] < lo:
            continue
        if p[0] >= hi or (group and not rules().place_list.fullmatch(st, group[-1][1], p[0])):
            break
        group.append(p)
    return group


def listed_after(st: str, group, places, limit: int):
    """The group extended by places listed right after its last one, up to `limit`
    ("in Iraq, Syria" runs past the comma that ends a segment)."""
    out = list(group)
    for p in places:
        if out and out[-1][1] <= p[0] < limit and rules().place_list.fullmatch(st, out[-1][1], p[0]):
            out.append(p)
    return out


def resolve_region(names: list[str], day: str) -> list[str]:
    """Replace "the region" by the places a count of attacks on U.S. forces covered on that
    day (places.yml region_scope); left as it is without a day."""
    if REGION not in names:
        return names
    rest = [n for n in names if n != REGION]
    if rest or not day:
        return rest or names
    scope = next((places for lo, hi, places in rules().region_scope if lo <= day <= hi), ())
    return list(scope) or names
