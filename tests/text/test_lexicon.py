"""The lexicons load to the same values, types included, with libyaml's loader (used
when PyYAML has it) as with the pure-Python safe loader."""

import pytest
import yaml

from analysis.paths import LEXICONS
from analysis.text import lexicon


def typed(value):
    """The value with every scalar's type beside it (True == 1 and 1 == 1.0 in Python)."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, value)


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@pytest.mark.parametrize("name", lexicon.lexicon_names())
def test_the_c_loader_reads_every_lexicon_as_the_python_loader_does(name):
    text = (LEXICONS / f"{name}.yml").read_text(encoding="utf-8")
    assert typed(yaml.load(text, Loader=yaml.CSafeLoader)) == typed(yaml.load(text, Loader=yaml.SafeLoader))
    assert lexicon.LOADER is yaml.CSafeLoader


def test_the_loaded_lexicon_is_the_python_loaders():
    lexicon.load_lexicon.cache_clear()
    text = (LEXICONS / "tallies.yml").read_text(encoding="utf-8")
    assert typed(lexicon.load_lexicon("tallies")) == typed(yaml.safe_load(text))


def test_a_yaml_11_boolean_reads_alike_in_both_loaders():
    """The edge the lexicons guard against (unquoted no/off): both loaders agree on it."""
    text = "a: no\nb: 'no'\nc: 1.0\nd: 010\ne: 2024-01-02\n"
    loaders = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
    assert len({repr(typed(yaml.load(text, Loader=loader))) for loader in loaders}) == 1
