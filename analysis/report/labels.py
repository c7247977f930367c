"""Words a reader understands for the tables' columns and the glued figures: "Attacks
counted", not `attacks_total`. A name without an entry is shown with its underscores as
spaces, so a new column is readable before anyone writes it a label."""

from __future__ import annotations

COLUMNS = {
    "doc_id": "Document id",
    "document": "Document",
    "measure": "Counted",
    "value": "Figure",
    "figure": "Figure",
    "window": "Window",
    "qualifier": "Hedge",
    "location": "Place",
    "since": "Since",
    "as_of": "As of",
    "attributed_to": "Attributed to",
    "quote": "Evidence (the sentence)",
    "claim": "Claim",
    "source": "Source",
    "source_kind": "Kind of source",
    "via": "Relayed through",
    "status": "Status",
    "cue": "Cue words",
    "event_date": "Event date",
    "frame": "Reason given",
    "speaker": "Speaker",
    "speaker_role": "Role",
    "voice": "Voice",
    "date": "Date",
    "precision": "Precision",
    "date_text": "As written",
    "event": "Event",
    "kind": "Check",
    "description": "What is checked",
    "formula": "Arithmetic",
    "expected": "Expected",
    "observed": "Observed",
    "required": "Required",
    "title": "Title",
    "outlet": "Outlet",
    "published": "Published",
    "published_basis": "How the date is known",
    "words": "Words",
    "sentences": "Sentences",
    "detail": "Detail",
    "weapons": "Weapons",
    "split": "Split by",
    "part_of": "Part of",
}

FIGURES = {
    "attacks_total": "Attacks counted",
    "attacks_location": "Where",
    "attacks_since": "Counted since",
    "attacks_as_of": "As of",
    "attacks_source": "Counted by",
    "attacks_document": "Reported in",
    "attacks_split": "Split by country",
    "window_days": "Days in the window",
    "attacks_per_day": "Attacks a day",
    "injured_total": "Injured (the same report)",
    "no_injuries_since": "No injuries since",
    "split_check": "Do the country parts add up?",
    "attacks_in_iraq": "Attacks in Iraq",
    "attacks_in_syria": "Attacks in Syria",
    "claims_total": "Claims",
    "claims_confirmed": "Presented as confirmed",
    "claims_unconfirmed_or_rumor": "Unconfirmed or rumour",
    "claims_reported": "Reported (no verification stated)",
    "claims_sources": "Distinct named sources",
    "claims_relayed": "Claims reaching the reader through a relay",
    "frames_statements": "Statements of a reason",
    "frames_distinct": "Different reasons",
    "frames_list": "The reasons",
    "corpus_documents": "Documents",
    "corpus_outlets": "Outlets",
    "corpus_words": "Words",
    "corpus_no_outlet": "Documents with no established outlet",
    "corpus_outlet_sentence": "About the outlets",
    "corpus_summary": "The corpus in one sentence",
    "corpus_sentences": "Sentences",
    "corpus_dated": "Documents with a publication date",
    "corpus_first": "First published",
    "corpus_last": "Last published",
}


def _words(name: str) -> str:
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def column_label(name) -> str:
    return COLUMNS.get(str(name)) or _words(name)


def figure_label(name) -> str:
    return FIGURES.get(str(name)) or _words(name)
