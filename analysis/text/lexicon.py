"""Load the reviewable rule files in analysis/lexicons/ (YAML, comments say where each
entry comes from). Rules live there, not in code, so a reviewer can audit them."""

from __future__ import annotations

from functools import cache

import yaml

from analysis.paths import LEXICONS


@cache
def load_lexicon(name: str) -> dict:
    with open(LEXICONS / f"{name}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def lexicon_names() -> list[str]:
    """Every rule file's name, sorted (for the methods chapter's counts)."""
    return sorted(path.stem for path in LEXICONS.glob("*.yml"))
