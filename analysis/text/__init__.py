"""Stage 1, text: read documents and their sidecars, split sentences with offsets, find
dates and numbers. Imports no other stage."""
