"""A hard ceiling on sentence length. Several extractors look across a whole sentence for
each number or date in it, which is fine for news sentences (a few hundred characters)
and quadratic for a run of text with no sentence end in it: a 200 KB "sentence" took
minutes. Cutting such runs into pieces of at most MAX_SENTENCE_CHARS keeps every stage
linear in the document; the caller warns, since rows from a cut sentence may miss context.
"""

from __future__ import annotations

from analysis.text.sentences import Sentence

# 25 times the longest sentence of the seeds, the development corpus and the benchmark
# corpus (about 400 characters), and above the 6,000-character word of tests/hostile/: real
# text never reaches it. Stages that rescan a sentence then cost at most about 50 µs a
# character (the worst phrasing measured; bench-style text is a hundred times cheaper).
MAX_SENTENCE_CHARS = 10_000


def _pieces(text: str, start: int, end: int, limit: int):
    """(start, end) of each piece: cut at the last whitespace of the window when it lies in
    the window's second half, else hard at the limit; pieces trimmed of whitespace."""
    while start < end:
        while start < end and text[start].isspace():
            start += 1
        stop = end if end - start <= limit else start + limit
        if stop < end:
            space = next((i for i in range(stop, start + limit // 2, -1) if text[i].isspace()), None)
            stop = space if space is not None else stop
        piece_end = stop
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            yield start, piece_end
        start = stop


def cap_sentences(text: str, sentences: list[Sentence], limit: int = MAX_SENTENCE_CHARS):
    """The sentences with every one longer than `limit` cut into pieces, renumbered, and
    the (start, end) of each sentence that was cut."""
    if all(s.end - s.start <= limit for s in sentences):
        return sentences, []
    capped: list[Sentence] = []
    cut: list[tuple[int, int]] = []
    for s in sentences:
        spans = [(s.start, s.end)] if s.end - s.start <= limit else list(_pieces(text, s.start, s.end, limit))
        if len(spans) > 1:
            cut.append((s.start, s.end))
        for a, b in spans:
            capped.append(Sentence(a, b, text[a:b], len(capped)))
    return capped, cut
