"""The introduction's key findings (analysis/report/keyfindings.py, headline.py): with one
document they read as the single-document book did; with several they name the latest
official cumulative count and its document, the latest injuries and deaths with their
windows ("injured or killed" said as such), the disagreements, and the failed checks."""

import pandas as pd

from analysis.report import headline, keyfindings
from tests.report.test_findings import CHECKS, SEEDLIKE, tallies

DOCUMENTS = pd.DataFrame(
    {
        "doc_id": ["d", "e", "f"],
        "title": ["D", "E", "F"],
        "outlet": [None, "Example Daily", "Example Post"],
        "url": ["https://mirror.example/d", "https://e.example", "https://f.example"],
        "published": ["2024-01-12", "2023-12-02", "2024-01-12"],
        "words": [400, 300, 200],
        "sentences": [17, 12, 9],
    }
)
CLAIMS = pd.DataFrame({"status": ["confirmed"], "source_kind": ["author"], "source": ["author"], "via": [None]})
FRAMES = pd.DataFrame({"frame": ["oil"]})


REQUIRED = CHECKS.assign(required=True)


def tables(tally_rows, checks=REQUIRED, documents=DOCUMENTS):
    return {"tallies": tally_rows, "checks": checks, "documents": documents, "claims": CLAIMS, "justifications": FRAMES}


def test_one_document_reads_as_the_single_document_book():
    one = SEEDLIKE[SEEDLIKE.doc_id == "d"]
    text = repr(keyfindings.key_findings(tables(one, documents=DOCUMENTS.iloc[:1])))
    assert "- The corpus holds 1 document from 1 outlet, published on 12 January 2024." in text
    assert (
        "As of 2024-01-11, the Pentagon counted 130 attacks on US forces in Iraq and Syria since 2023-10-17, "
        "about 1.51 a day (53 in Iraq and 77 in Syria). The pipeline's check of the country split against the "
        "total: 53 + 77 = 130 (holds)."
    ) in text
    assert "reported in mirror.example, 12 Jan 2024 (evidence)" in text
    assert "69 in Iraq and Syria, since 2023-10-17 as of 2024-01-11" in text and "none since 2023-12-25" in text
    assert "No document reports US personnel killed." in text
    assert "seed" not in text


def test_the_headline_links_its_document_and_evidence_row():
    html = keyfindings.key_findings(tables(SEEDLIKE))._repr_html_()
    assert '<a href="references.html#doc-d">mirror.example, 12 Jan 2024</a>' in html
    assert '<a href="tallies.html#tally-d-10">evidence</a>' in html


def test_disagreements_between_documents_on_the_same_day_are_named():
    rows = tallies(
        [
            *SEEDLIKE.astype(object).where(SEEDLIKE.notna(), None).itertuples(index=False),
            ("f:1", "f", "attacks", 128, "exact", "Iraq and Syria", "2023-10-17", "2024-01-11", "Pentagon", 1),
            ("f:2", "f", "casualties", 7, "exact", "Jordan", None, "2024-01-11", None, 2),
        ]
    )
    found = headline.disagreements(rows)
    assert found == [
        {"measure": "attacks", "place": "Iraq and Syria", "day": "2024-01-11", "values": {"d": 130, "f": 128}}
    ]
    text = repr(keyfindings.key_findings(tables(rows)))
    assert "the widest: attacks in Iraq and Syria as of 2024-01-11, 128 in Example Post, 12 Jan 2024 and 130 in" in text
    assert "The latest figure of US personnel injured or killed: 7 in Jordan, as of 2024-01-11" in text


def test_failed_required_checks_are_listed_and_reviewed_ones_are_not():
    failing = CHECKS.assign(
        status="mismatch", required=True, description="The parts do not add up.", formula="53 + 78 = 131"
    )
    banner = keyfindings.checks_banner(failing, DOCUMENTS)
    assert "1 required check fails." in repr(banner) and "d:split_sum:10" in repr(banner)
    assert 'class="admonition warning' in banner._repr_html_()
    reviewed = failing.assign(status="reviewed")
    assert "reviewed" in repr(keyfindings.checks_banner(reviewed, DOCUMENTS))
    assert "admonition" not in keyfindings.checks_banner(reviewed, DOCUMENTS)._repr_html_()


def test_official_means_a_us_government_name_from_the_gazetteer():
    assert headline.is_official("Pentagon spokesperson") and headline.is_official("U.S. Central Command")
    assert not headline.is_official("Syrian Observatory for Human Rights") and not headline.is_official(None)
