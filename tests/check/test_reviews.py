"""Reviews of a source's own inconsistency (analysis/check/checks.apply_reviews): only a
failing check named in its own document's sidecar becomes `reviewed`, with the note; a
review naming anything else is returned as a problem."""

from analysis.check.checks import apply_reviews

ROWS = [
    {"check_id": "d:split_sum:49", "doc_id": "d", "status": "mismatch", "required": True},
    {"check_id": "d:split_sum:90", "doc_id": "d", "status": "ok", "required": True},
    {"check_id": "e:split_sum:49", "doc_id": "e", "status": "mismatch", "required": True},
]


def test_only_the_named_failing_check_of_that_document_is_reviewed():
    rows, problems = apply_reviews(ROWS, {"d": [{"check": "split_sum:49", "note": "the source's sum"}]})
    assert [r["status"] for r in rows] == ["reviewed", "ok", "mismatch"]
    assert rows[0]["review_note"] == "the source's sum" and not problems


def test_a_review_of_a_passing_or_unknown_check_is_a_problem():
    reviews = {"d": [{"check": "split_sum:90", "note": "n"}, {"check": "d:split_sum:7", "note": "n"}]}
    rows, problems = apply_reviews(ROWS, reviews)
    assert [r["status"] for r in rows] == ["mismatch", "ok", "mismatch"]
    assert [doc for doc, _ in problems] == ["d", "d"] and "not a failing check" in problems[0][1]
