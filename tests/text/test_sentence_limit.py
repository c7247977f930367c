"""The hard ceiling on sentence length: pieces stay within it, cut at whitespace when
there is some, cover the whole sentence, and short sentences pass untouched."""

from hypothesis import given
from hypothesis import strategies as st

from analysis.text.sentence_limit import MAX_SENTENCE_CHARS, cap_sentences
from analysis.text.sentences import split_sentences


def test_short_sentences_are_returned_as_they_are():
    text = "US forces were attacked on Friday. Officials said so.\n"
    sentences = split_sentences(text)
    assert cap_sentences(text, sentences) == (sentences, [])


def test_a_long_run_is_cut_at_whitespace_and_renumbered():
    text = "Intro line.\n" + "officials said US forces were attacked on Friday and " * 200
    capped, cut = cap_sentences(text, split_sentences(text), limit=1000)
    assert cut == [(12, len(text.rstrip()))]
    assert capped[0].text == "Intro line." and [s.index for s in capped] == list(range(len(capped)))
    for s in capped[1:]:
        assert s.end - s.start <= 1000 and text[s.start : s.end] == s.text == s.text.strip()
        assert s.end == len(text.rstrip()) or text[s.end].isspace()  # never inside a word


def test_no_whitespace_means_a_hard_cut():
    text = "x" * 2500
    capped, _ = cap_sentences(text, split_sentences(text), limit=1000)
    assert [(s.start, s.end) for s in capped] == [(0, 1000), (1000, 2000), (2000, 2500)]


@given(st.lists(st.sampled_from(["word", " ", "\t", "dates", "ab,cd", "  "]), max_size=300), st.integers(5, 60))
def test_pieces_cover_every_character_but_whitespace(parts, limit):
    text = "".join(parts)
    capped, _ = cap_sentences(text, split_sentences(text), limit=limit)
    covered = "".join(text[s.start : s.end] for s in capped)
    assert all(s.end - s.start <= limit for s in capped)
    assert "".join(covered.split()) == "".join(text.split())


def test_the_ceiling_is_far_above_real_sentences():
    assert MAX_SENTENCE_CHARS >= 10 * 400
