"""Controlled vocabularies that the extracted tables and the curated reference tables
share, written once so a chart can put both on one axis."""

from __future__ import annotations

# Reasons given for the US presence in Syria (the extracted justifications.csv and the
# curated context/justification_statements.csv).
FRAMES = ("counter-ISIS", "oil", "counter-Iran", "regime-change/Assad", "force-protection", "other")
# How sure a curator is of a reference row.
CONFIDENCE = ("high", "medium", "low")
