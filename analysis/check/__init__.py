"""Stage 3, check: consistency checks over the extracted rows, per document, and the
agreement of the extracted counts with the curated reference series."""
