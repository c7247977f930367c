"""The one reader of _toc.yml: which pages the book has, in reading order, and which of
them are notebooks (the ones nbval tests and `make outputs` re-executes)."""

from __future__ import annotations

from pathlib import Path

import yaml

from analysis.paths import ROOT

TOC = ROOT / "_toc.yml"


def toc_pages(toc: Path = TOC) -> list[str]:
    """Every page of the book (paths without suffix, relative to the book's root), in
    table-of-contents order."""
    spec = yaml.safe_load(toc.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found


def toc_root(toc: Path = TOC) -> str:
    """The root page (the introduction), where a singlehtml build puts the whole book."""
    return yaml.safe_load(toc.read_text(encoding="utf-8"))["root"]


def toc_notebooks(toc: Path = TOC) -> list[str]:
    """Notebook paths (relative to the project) in table-of-contents order."""
    return [f"{page}.ipynb" for page in toc_pages(toc) if (toc.parent / f"{page}.ipynb").exists()]
