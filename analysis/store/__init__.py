"""Stage 4, store: table schemas, CSV and data package, validation, the all-or-nothing
output folder, and the curated reference tables."""
