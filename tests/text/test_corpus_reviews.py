"""The sidecar's `reviewed:` field (analysis/text/corpus.py): a list of {check, note},
both non-empty text; anything else is one error line naming the sidecar."""

import pytest

from analysis.text.corpus import InputError, read_sidecar


def sidecar(tmp_path, body: str):
    path = tmp_path / "doc.meta.yml"
    path.write_text("title: T\npublished: 2024-01-02\n" + body, encoding="utf-8")
    return path


def test_a_review_is_read_as_check_and_note(tmp_path):
    meta = read_sidecar(sidecar(tmp_path, "reviewed:\n  - check: split_sum:49\n    note: ' printed so '\n"), [])
    assert meta["reviewed"] == [{"check": "split_sum:49", "note": "printed so"}]


@pytest.mark.parametrize(
    "body, problem",
    [
        ("reviewed: split_sum:49\n", "must be a list"),
        ("reviewed:\n  - check: split_sum:49\n", "exactly 'check' and 'note'"),
        ("reviewed:\n  - check: split_sum:49\n    note: ''\n", "non-empty text"),
        ("reviewed:\n  - check: 49\n    note: n\n", "non-empty text"),
    ],
)
def test_a_malformed_review_is_refused(tmp_path, body, problem):
    with pytest.raises(InputError) as caught:
        read_sidecar(sidecar(tmp_path, body), [])
    assert problem in caught.value.problem and caught.value.path.endswith("doc.meta.yml")
