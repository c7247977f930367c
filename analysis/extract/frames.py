"""Why US forces are said to be in Syria (or the region): one row per justification frame
a document states, with who states it and in whose words.

A frame cue (lexicons/frames.yml) counts only near talk of the presence itself (the same
sentence or the few before it), so an "anti-ISIS coalition base" in an attack report is
not read as a justification, and a document without such talk yields no rows. Speaker and
voice come from the claims analysis of the same clause: quoted words are the speaker's
own, an attributed paraphrase is attributed by the author, and an unattributed clause is
the author's framing.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from analysis.extract.claims import AUTHOR, claims_at
from analysis.extract.sources import quote_spans
from analysis.store.schema import DOC_ID, END, QUOTE, START, Field, Table
from analysis.store.vocabulary import FRAMES
from analysis.text.lexicon import load_lexicon
from analysis.text.regex import gated

VOICES = ("speaker's own words", "attributed by the author", "author's framing")

TABLE = Table(
    name="justifications",
    title="Justifications for the US presence",
    description=(
        "One row per statement of why US forces are in Syria or the region, per frame (a clause "
        "naming two aims gives two rows). A frame cue counts only within a few sentences of talk "
        "about the presence itself; a document with no such statement has no rows. The evidence "
        "(start, end, quote) is the clause stating it."
    ),
    fields=(
        DOC_ID,
        Field("frame", "string", "The stated aim, from lexicons/frames.yml", required=True, enum=FRAMES),
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


@lru_cache(maxsize=1)
def _rules():
    lex = load_lexicon("frames")
    presence = gated(r"(?i)(?<![\w-])(?:" + "|".join(lex["presence"]) + r")(?![\w-])")
    names = tuple(lex["frames"])
    unknown = set(names) - set(FRAMES)
    if unknown:
        raise ValueError(f"lexicons/frames.yml: frames not in the table's list: {sorted(unknown)}")
    groups = "|".join(f"(?P<f{i}>" + "|".join(lex["frames"][n]) + ")" for i, n in enumerate(names))
    cues = gated(r"(?<![\w-])(?:" + groups + r")(?![\w-])", limit=3)  # on lowercased text
    cues_any_case = gated(r"(?i)(?<![\w-])(?:" + groups + r")(?![\w-])", limit=3)
    return presence, cues, cues_any_case, names, int(lex["window"])


def extract(parsed) -> list[dict]:
    presence, cues, cues_any_case, names, window = _rules()
    text, doc_id, sentences = parsed.doc.text, parsed.doc.doc_id, parsed.sentences
    lowered = text.lower()
    hits = cues.finditer(lowered) if len(lowered) == len(text) else cues_any_case.finditer(text)
    sentence_starts = [s.start for s in sentences]
    talks_of_presence: dict[int, bool] = {}
    claims = parsed.claims
    starts = [c.start for c in claims]
    rows: dict[tuple, dict] = {}
    for hit in hits:  # one scan of the document; frame cues are rare
        i = bisect_right(sentence_starts, hit.start()) - 1
        if i < 0 or hit.end() > sentences[i].end:
            continue
        for j in range(max(0, i - window), i + 1):
            if j not in talks_of_presence:
                talks_of_presence[j] = bool(presence.search(text, sentences[j].start, sentences[j].end))
        if not any(talks_of_presence[j] for j in range(max(0, i - window), i + 1)):
            continue
        sent = sentences[i]
        frame = names[int(hit.lastgroup[1:])]
        here = claims_at(claims, starts, hit.start())
        start, end = (here[0].start, here[0].end) if here else (sent.start, sent.end)
        speakers = [c for c in here if c.source != AUTHOR]
        if not speakers:
            speaker = role = None
            voice = "author's framing"
        else:
            speaker = "; ".join(dict.fromkeys(c.source for c in speakers))
            role = speakers[0].role or speakers[0].kind
            own = any(a <= hit.start() < b for a, b in quote_spans(text, sent.start, sent.end))
            voice = "speaker's own words" if own else "attributed by the author"
        date = here[0].event_date if here else None
        rows.setdefault(
            (start, frame),
            {
                "doc_id": doc_id,
                "frame": frame,
                "speaker": speaker,
                "speaker_role": role,
                "voice": voice,
                "date": date.isoformat() if date else None,
                "cue": text[hit.start() : hit.end()],
                "quote": text[start:end],
                "start": start,
                "end": end,
            },
        )
    return list(rows.values())
