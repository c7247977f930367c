"""The regular-expression helpers (analysis/text/regex.py): `gated` changes how fast a
pattern runs, never what it matches (on every lexicon pattern, on a synthetic corpus and
on generated text), and `alternation` puts the longest alternative first."""

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.paths import ROOT
from analysis.text.lexicon import load_lexicon
from analysis.text.regex import alternation, gated, trie

sys.path.insert(0, str(ROOT / "bench"))
from make_corpus import write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 12, seed=7)
    return folder


@pytest.mark.parametrize(
    "words, text, found",
    [
        (["Sep", "Sept.", "September"], "Sept. 3 and September 4 and Sep 5", ["Sept.", "September", "Sep"]),
        (["at", "at least"], "at least five at", ["at least", "at"]),
    ],
)
def test_alternation_prefers_the_longest_alternative(words, text, found):
    assert re.findall(alternation(words), text) == found
    assert re.findall(trie(words), text) == found


def test_alternation_options():
    assert re.fullmatch(alternation(["as of"]), "as \n of")  # flexible spaces
    assert not re.fullmatch(alternation(["as of"], flexible_spaces=False), "as  of")
    assert re.findall(alternation(["Oct"], word_end=True), "Oct Octopus") == ["Oct"]
    assert re.fullmatch(alternation(["may"], flags="i"), "MAY")
    assert alternation(["b", "a", "cc"]) == alternation(["cc", "a", "b"])  # order of the input does not matter


def _lexicon_patterns():
    """Patterns as the extractors compile them from the lexicons (case as they use it)."""
    tallies, frames, cues, places = (load_lexicon(n) for n in ("tallies", "frames", "cues", "places"))
    found = [(s["pattern"], re.I) for s in tallies["sources"]]
    found += [(t["pattern"], re.I) for t in tallies["targets"] + tallies["perpetrators"]]
    found += [("|".join(tallies[k]), re.I) for k in ("total_before", "part_cues", "window_cues")]
    found += [(tallies[k], re.I) for k in ("us_context", "us_actor", "tally_word")] + [(tallies["other_conflicts"], 0)]
    found += [("|".join(places["not_locations"]), re.I)]
    groups = "|".join(f"(?P<f{i}>" + "|".join(ps) + ")" for i, ps in enumerate(frames["frames"].values()))
    found += [(r"(?<![\w-])(?:" + groups + r")(?![\w-])", 0), (r"(?i)(?<![\w-])(?:" + groups + r")(?![\w-])", 0)]
    status = "|".join(f"(?P<s{i}>" + "|".join(ps) + ")" for i, ps in enumerate(cues["status_cues"].values()))
    found += [(r"(?<![\w-])(?:" + status + r")(?![\w-])", 0)]
    found += [(r"(?<![\w-])(?:" + "|".join(map(re.escape, cues["attribution_verbs"])) + r")(?![\w-])", 0)]
    return found


PATTERNS = _lexicon_patterns()
WORDS = sorted({w for p, _ in PATTERNS for w in re.findall(r"[A-Za-z]{2,}", p)})
TEXT = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from([" ", ", ", ". ", "-", "'s ", "\n", "U.S. ", "ſ", "K", "İ", "7"]),
        st.text(max_size=3),
    ),
    max_size=40,
).map(" ".join)


def _spans(rx, text):
    return [(m.span(), m.lastgroup, m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("limit", [1, 3])
def test_gated_patterns_match_what_the_plain_ones_match_on_the_corpus(limit, corpus):
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    for pattern, flags in PATTERNS:
        plain, fast = re.compile(pattern, flags), gated(pattern, flags, limit=limit)
        for text in texts:
            assert _spans(fast, text) == _spans(plain, text), pattern
            assert _spans(fast, text.lower()) == _spans(plain, text.lower()), pattern


@given(text=TEXT, case=st.sampled_from([str, str.lower, str.upper, str.title]))
def test_gated_patterns_match_what_the_plain_ones_match(text, case):
    text = case(text)
    for pattern, flags in PATTERNS:
        for limit in (1, 3):
            assert _spans(gated(pattern, flags, limit=limit), text) == _spans(re.compile(pattern, flags), text), pattern


@pytest.mark.parametrize("limit", [1, 3])
def test_gated_keeps_the_flags_of_the_plain_pattern(limit):
    """`gated` parses the pattern itself instead of compiling it twice: the flags it compiles
    with must be those the plain pattern gets, inline ones included, also from a compiled one."""
    cases = PATTERNS + [("(?i)troops?|forces", 0), ("(?x) a b | c", re.I), (r"[0-9]+\s*\w+", 0), (r"(?s)a.b", 0)]
    for pattern, flags in cases:
        plain = re.compile(pattern, flags)
        assert gated(pattern, flags, limit=limit).flags == plain.flags, pattern
        assert gated(plain, limit=limit).flags == plain.flags, pattern
        assert _spans(gated(plain, limit=limit), "A b troops Forces a\nb 12 cats") == _spans(
            plain, "A b troops Forces a\nb 12 cats"
        )
