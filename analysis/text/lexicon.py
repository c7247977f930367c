"""Load the reviewable rule files in analysis/lexicons/ (YAML, comments say where each
entry comes from). Rules live there, not in code, so a reviewer can audit them.

They are read with libyaml's parser (PyYAML's C loader, ten times faster than the
pure-Python one, which matters to a run that re-extracts one document) when PyYAML was
built with it, and with the pure-Python safe loader otherwise; both give the same values
for every lexicon (tests/text/test_lexicon.py compares them, types included)."""

from __future__ import annotations

from functools import cache

import yaml

from analysis.paths import LEXICONS

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_lexicon(name: str) -> dict:
    with open(LEXICONS / f"{name}.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=LOADER)  # noqa: S506 (a safe loader, C or Python)


def lexicon_names() -> list[str]:
    """Every rule file's name, sorted (for the methods chapter's counts)."""
    return sorted(path.stem for path in LEXICONS.glob("*.yml"))
