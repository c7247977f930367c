"""Tallies: running counts of attacks on U.S. forces and of U.S. casualties.

Rule-based so that every row can be explained by a cue word. A tally sentence says a
number, the noun it counts, whose it is, where, over which window and on whose authority;
each has its module:

- tally_reading: the numbers as written and their hedge ("at least 151", "a dozen");
- tally_count: which numbers count attacks or U.S. casualties ("53 attacks", "attacked 130
  times", "77 in Syria"), and whose they are (not militants', Iraqis', Gaza's; not U.S.
  strikes, munitions or troop levels); tally_people: counts of people ("injured 69 U.S.
  troops", "killed a US contractor");
- tally_place: where (countries, sites through the gazetteer, "in the region"), never a
  place inside a name or one that only describes the attackers;
- tally_window: the kind of count (running total, period, one day, one incident) and its
  since/as-of days as the clause states them;
- tally_facts: the source, target, perpetrator and weapons;
- tally_sentence: one sentence's tallies with their parts and totals;
- tally_document: what a clause leaves out, from the rest of the document (marked in
  `carried`): a running total's place and start only from another running total, an
  incident's day from the attack it belongs to, a split continued in the next sentence, a
  headline's total from its parts in the body.

Cue words, gazetteers and normalizations live in lexicons/tallies.yml and places.yml.
"""

from __future__ import annotations

from bisect import bisect_left

from analysis.extract.tally_document import complete
from analysis.extract.tally_place import join_places
from analysis.extract.tally_rules import MEASURES, QUALIFIERS, SPLITS
from analysis.extract.tally_sentence import Tally, sentence_tallies
from analysis.extract.tally_view import DocContext
from analysis.store.schema import DOC_ID, END, QUOTE, START, Field, Table

TABLE = Table(
    name="tallies",
    title="Tallies",
    description=(
        "One row per tally statement: a count of attacks on U.S. forces or of U.S. casualties, "
        "with where, since when, as of when and on whose word. `quote` is the sentence; "
        "text[start:end] == quote and text[number_start:number_end] == number_text."
    ),
    fields=(
        Field("tally_id", "string", "doc_id:number_start; checks.csv cites tallies by it", required=True),
        DOC_ID,
        Field("measure", "string", "What is counted", required=True, enum=MEASURES),
        Field("value", "integer", "The count as an integer", required=True),
        Field(
            "qualifier",
            "string",
            "How the count is hedged: 'at least 151' is at_least, 'nearly 70' fewer_than",
            required=True,
            enum=QUALIFIERS,
        ),
        Field(
            "detail",
            "string",
            "Kind or severity of injury when stated (traumatic brain injury, critical condition); "
            "'injured or killed' when an injured total includes the dead",
        ),
        Field(
            "location",
            "string",
            "Country or region; several are joined with ' and ' in alphabetical order. Empty only when the document names none",
        ),
        Field(
            "target",
            "string",
            "Who was attacked or hurt, normalized (U.S. troops, U.S. forces, U.S. and coalition forces)",
        ),
        Field("perpetrator", "string", "Who attacked, normalized; empty when the clause does not say"),
        Field("weapons", "string", "Weapons named in the tally's clause, '; '-joined in order of mention"),
        Field(
            "since",
            "date",
            "First day of the window counted (for one attack, its day); empty when not stated, too vague "
            "for a day ('since mid-October') and not carried",
        ),
        Field("as_of", "date", "Day the count runs to: an explicit 'as of', else the day the source spoke"),
        Field(
            "attributed_to",
            "string",
            "Source of the count, normalized (Pentagon, Pentagon spokesman, U.S. officials, ...)",
        ),
        Field(
            "carried",
            "string",
            "Fields not stated in the tally's own clause, ';'-joined: taken from its total, an earlier tally or, for location, a neighbouring sentence",
        ),
        Field("part_of", "string", "tally_id of the larger count this one is part of"),
        Field("split", "string", "How this part divides that count", enum=SPLITS),
        Field("number_text", "string", "The number as written", required=True),
        Field("number_start", "integer", "Offset of the number in the document text", required=True),
        Field("number_end", "integer", "End offset of the number", required=True),
        QUOTE,
        START,
        END,
    ),
    primary_key=("doc_id", "number_start"),
)


# --- the document ------------------------------------------------------------------


def extract(parsed) -> list[dict]:
    """Tally rows for one parsed document (see the module docstring for the rules)."""
    doc = DocContext.of(parsed)
    mentions = sorted(parsed.dates, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]
    per_sentence: list[list[Tally]] = doc.per_sentence
    for sentence in parsed.sentences:
        lo = bisect_left(mention_starts, sentence.start)
        hi = bisect_left(mention_starts, sentence.end)
        found = sentence_tallies(sentence, mentions[lo:hi], doc)
        per_sentence.append(found)
        if found:
            doc.prev_tallies = found
    tallies = [t for found in per_sentence for t in found]
    if not tallies:
        return []
    complete(parsed, doc, per_sentence)
    _link_across(per_sentence)
    _link_windows(tallies)
    return [_row(parsed.doc.doc_id, t) for t in tallies]


def _link_across(per_sentence: list[list[Tally]]) -> None:
    """A split stated in the sentence before or after its total: "... attacked at least
    60 times. There have been 32 attacks in Iraq and 28 in Syria." """
    for index, found in enumerate(per_sentence):
        for p in found:
            own = {pl[2] for pl in p.own_places}
            if p.part_of is not None or not own:
                continue
            for near in (index - 1, index + 1):
                if not 0 <= near < len(per_sentence):
                    continue
                totals = [
                    t
                    for t in per_sentence[near]
                    if t.part_of is None
                    and t.measure == p.measure
                    and own < set(t.places)
                    and (not t.as_of or not p.as_of or t.as_of == p.as_of)
                ]
                if totals:
                    p.part_of, p.split = totals[-1 if near < index else 0], "location"
                    break


def _link_windows(tallies: list[Tally]) -> None:
    """A count for a later start date, same measure, place and as-of date, is part of
    the longer window's count ("no troops injured since Dec. 25" inside "69 injured")."""
    same_window: dict[tuple, list] = {}  # (measure, as_of) -> tallies, in order
    for t in tallies:
        same_window.setdefault((t.measure, t.as_of), []).append(t)
    for p in tallies:
        if p.part_of is not None or not p.since or not p.as_of:
            continue
        wider = [
            t
            for t in same_window[(p.measure, p.as_of)]
            if t is not p and t.part_of is None and t.since and t.since < p.since and set(t.places) >= set(p.places)
        ]
        if wider:
            p.part_of = min(wider, key=lambda t: abs(t.start - p.start))
            p.split = "window"


def tally_id(doc_id: str, number_start: int) -> str:
    return f"{doc_id}:{number_start}"


def _row(doc_id: str, t: Tally) -> dict:
    start = t.sentence.start + t.s
    return {
        "tally_id": tally_id(doc_id, start),
        "doc_id": doc_id,
        "measure": t.measure,
        "value": t.value,
        "qualifier": t.qualifier,
        "detail": t.detail or None,
        "location": join_places(t.places) or None,
        "target": t.target or None,
        "perpetrator": t.perpetrator or None,
        "weapons": t.weapons or None,
        "since": t.since or None,
        "as_of": t.as_of or None,
        "attributed_to": t.source or None,
        "carried": ";".join(f for f in ("location", "target", "since", "as_of", "attributed_to") if f in t.carried)
        or None,
        "part_of": tally_id(doc_id, t.part_of.start) if t.part_of is not None else None,
        "split": t.split or None,
        "number_text": t.text,
        "number_start": start,
        "number_end": t.sentence.start + t.e,
        "quote": t.sentence.text,
        "start": t.sentence.start,
        "end": t.sentence.end,
    }
