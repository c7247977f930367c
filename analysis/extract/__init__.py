"""Stage 2, extract: the per-document pipeline and its extractors (tallies, claims,
frames, events). Reads text/, writes rows declared with store/ schemas."""
