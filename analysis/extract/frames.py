"""Why US forces are said to be in Syria: one row per stated reason (frame) a document
gives, with who states it and in whose words.

The reasons come from analysis.extract.purpose (a statement whose subject is the US
presence, troops, mission or base and whose predicate gives a purpose), so an "anti-ISIS
coalition base" in an attack report, the reason for a strike and the rationale of a
drawdown are not read as reasons for the presence. Speaker and voice come from the claims
analysis of the same clause: quoted words are the speaker's own, an attributed paraphrase
is attributed by the author, and an unattributed clause is the author's framing.
"""

from __future__ import annotations

from bisect import bisect_right

from analysis.extract.claims import AUTHOR, claims_at
from analysis.extract.purpose import statements
from analysis.extract.sources import quote_spans
from analysis.store.schema import DOC_ID, END, QUOTE, START, Field, Table
from analysis.store.vocabulary import FRAMES

VOICES = ("speaker's own words", "attributed by the author", "author's framing")

TABLE = Table(
    name="justifications",
    title="Justifications for the US presence",
    description=(
        "One row per statement of why US forces are in Syria or the region, per frame (a clause "
        "naming two aims gives two rows). A statement is one whose subject is the US presence "
        "(troops, mission, base) and whose predicate gives a purpose, or one in talk about the "
        "justification itself; reasons for strikes, for a drawdown or for sending assets are not "
        "reasons for the presence. The evidence (start, end, quote) is the clause stating it."
    ),
    fields=(
        DOC_ID,
        Field(
            "frame",
            "string",
            "The stated aim (analysis.extract.purpose, lexicons/frames.yml)",
            required=True,
            enum=FRAMES,
        ),
        Field(
            "speaker",
            "string",
            "Who states it, normalized as in claims.csv (several joined by '; '); empty when the author asserts it",
        ),
        Field(
            "speaker_role",
            "string",
            "The speaker's role from the source gazetteer (or its kind when no role is listed)",
        ),
        Field(
            "voice",
            "string",
            "Whose words carry the frame: the speaker's own (inside quotation marks), the speaker's as attributed by the author (paraphrase), or the author's framing (no attribution)",
            required=True,
            enum=VOICES,
        ),
        Field("date", "date", "When the text dates the statement (the claim's event_date); empty if it does not"),
        Field("cue", "string", "The words that matched the frame, as written", required=True),
        QUOTE,
        START,
        END,
    ),
    primary_key=("doc_id", "start", "frame"),
)


def _voice(text: str, here, pos: int, quotes: dict) -> tuple[str | None, str | None, str]:
    """(speaker, role, voice) of the statement holding `pos`: inside a quotation of its
    paragraph (which may open sentences before) the words are the speaker's own.
    `quotes` keeps each paragraph's quotations, read once."""
    speakers = [c for c in here if c.source != AUTHOR]
    if not speakers:
        return None, None, "author's framing"
    speaker = "; ".join(dict.fromkeys(c.source for c in speakers))
    role = speakers[0].role or speakers[0].kind
    lo = text.rfind("\n", 0, pos) + 1
    if lo not in quotes:
        hi = text.find("\n", pos)
        quotes[lo] = quote_spans(text, lo, hi if hi >= 0 else len(text))
    spans = quotes[lo]
    k = bisect_right(spans, (pos, len(text))) - 1
    own = k >= 0 and spans[k][0] <= pos < spans[k][1]
    return speaker, role, "speaker's own words" if own else "attributed by the author"


def extract(parsed) -> list[dict]:
    text, doc_id = parsed.doc.text, parsed.doc.doc_id
    claims = parsed.claims
    starts = [c.start for c in claims]
    sentence_starts = [s.start for s in parsed.sentences]
    quotes: dict[int, list] = {}
    rows: dict[tuple, dict] = {}
    for p in statements(text, parsed.sentences):
        here = claims_at(claims, starts, p.start)
        start, end = (
            (here[0].start, here[0].end) if here else _sentence_span(parsed.sentences, sentence_starts, p.start)
        )
        speaker, role, voice = _voice(text, here, p.start, quotes)
        date = here[0].event_date if here else None
        rows.setdefault(
            (start, p.frame),
            {
                "doc_id": doc_id,
                "frame": p.frame,
                "speaker": speaker,
                "speaker_role": role,
                "voice": voice,
                "date": date.isoformat() if date else None,
                "cue": text[p.start : p.end],
                "quote": text[start:end],
                "start": start,
                "end": end,
            },
        )
    return list(rows.values())


def _sentence_span(sentences, starts: list[int], pos: int) -> tuple[int, int]:
    k = bisect_right(starts, pos) - 1
    return (sentences[k].start, sentences[k].end) if k >= 0 else (pos, pos)
