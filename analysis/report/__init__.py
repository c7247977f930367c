"""Stage 5, report: what the book's notebooks call. Reads the stored tables only (never
the extractor): figures, derived series, charts and display."""
