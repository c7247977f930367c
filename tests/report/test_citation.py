"""The citation (analysis/report/citation.py), generated from CITATION.cff, and the
licence split, consistent across the project's files."""

from __future__ import annotations

from pathlib import Path

import yaml

from analysis.report import citation

ROOT = Path(__file__).resolve().parents[2]


def test_citation_file_is_cff_1_2_0_and_agrees_with_the_project():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "license", "repository-code"):
        assert cff.get(key), key
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert cff["title"] == config["title"] == cff["preferred-citation"]["title"]
    assert [a["name"] for a in cff["authors"]] == [config["author"]]
    assert cff["repository-code"] == config["repository"]["url"]
    assert f'version = "{cff["version"]}"' in pyproject


def test_the_licence_split_is_stated_everywhere():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["license"] == "MIT" and cff["preferred-citation"]["license"] == "CC-BY-4.0"
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution 4.0 International" in (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    footer = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["extra_footer"]
    for text in (readme, footer):
        assert "MIT" in text and "CC BY 4.0" in text and "LICENSE-DATA" in text


def test_citation_text_and_bibtex_come_from_the_file(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text(
        "cff-version: 1.2.0\nmessage: m\ntitle: T <b>&</b>\nversion: '2.0'\nauthors:\n  - name: A Team\n"
        "license: MIT\nrepository-code: https://example.org/r\n"
        "preferred-citation:\n  type: report\n  title: The Report\n  authors:\n    - name: A Team\n"
        "  version: '2.0'\n  year: 2030\n  url: https://example.org/report\n",
        encoding="utf-8",
    )
    shown = citation.citation(cff)
    assert shown.text == "A Team (2030). The Report (version 2.0). https://example.org/report"
    assert shown.bibtex.startswith("@misc{report-2030,\n") and "title = {{The Report}}" in shown.bibtex
    assert '<a href="https://example.org/report">' in shown._repr_html_()
    assert "<b>" not in citation.Citation(citation.load_citation(cff) | {"title": "T <b>"})._repr_html_()


def test_intro_pastes_the_generated_citation_rather_than_typing_it():
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    section = intro.split("## How to cite", 1)[1]
    assert "```{glue} citation\n:doc: cite.ipynb\n```" in section
    assert citation.citation().text not in intro


def test_the_bibliography_has_one_entry_per_document_from_its_sidecar():
    import pandas as pd

    from analysis.report.citation import bibliography

    documents = pd.DataFrame(
        {
            "doc_id": ["b", "a"],
            "title": ["Second <i>", "First"],
            "outlet": ["Zeta Daily", None],
            "url": ["https://z.example/b", "https://mirror.example/a"],
            "published": ["2024-01-02", None],
            "published_basis": ["Printed on the page.", None],
            "note": [None, "Original outlet not established."],
        }
    )
    html = bibliography(documents)._repr_html_()
    assert html.count("<li ") == 2 and html.index('id="doc-a"') < html.index('id="doc-b"')  # by publisher
    assert "mirror.example (undated). <em>First</em>." in html and "Original outlet not established" in html
    assert "Zeta Daily (2 Jan 2024). <em>Second &lt;i&gt;</em>." in html and "Date: Printed on the page." in html
