"""`python -m analysis evaluate`: extracts a corpus in memory, scores it by the
development set's rules, writes nothing into the corpus, and refuses bad annotation files
with one line and exit 2. The corpus here is written for the test."""

import json

import pytest

DOCS = {
    "alpha": (
        "Rebels have attacked U.S. forces 40 times in Iraq and Syria since Oct. 17, the Pentagon said Thursday.\n",
        "2024-01-12",
    ),
    "budget": ("The ministry spent 40 million on roads and hired 300 teachers.\n", "2024-01-12"),
}
EXPECTED = [
    {
        "doc": "alpha",
        "quote": "attacked U.S. forces 40 times",
        "measure": "attacks",
        "value": 40,
        "location": "Iraq and Syria",
        "since": "2023-10-17",
        "as_of": "2024-01-11",
        "attributed_to": "Pentagon",
    },
]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for stem, (text, published) in DOCS.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (folder / f"{stem}.meta.yml").write_text(f"title: {stem}\npublished: {published}\n", encoding="utf-8")
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps(EXPECTED), encoding="utf-8")
    return folder, expected


def test_scores_json_and_writes_nothing_into_the_corpus(corpus, run, snapshot, tmp_path):
    folder, expected = corpus
    before = snapshot(folder)
    code, out, err = run(
        "evaluate",
        folder,
        "--expected",
        expected,
        "--json",
        "--misses",
        tmp_path / "misses.md",
        "--csv",
        tmp_path / "accuracy.csv",
    )
    assert code == 0, err
    scores = json.loads(out)
    assert scores["tallies"]["strict"]["recall"] == 1.0 and scores["tallies"]["strict"]["precision"] == 1.0
    assert scores["dates"] == {**scores["dates"], "right": 2, "annotated": 2, "accuracy": 1.0}
    assert scores["documents"] == 2 and scores["frames"] is None
    assert snapshot(folder) == before
    assert (tmp_path / "misses.md").read_text(encoding="utf-8") == "No misses.\n"
    lines = (tmp_path / "accuracy.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "part,item,scoring,metric,value" and "tallies,all,strict,recall,1.000" in lines


def test_plain_output_ends_with_a_summary(corpus, run):
    folder, expected = corpus
    code, out, _ = run("evaluate", folder, "--expected", expected)
    assert code == 0
    assert out.splitlines()[-4:] == [
        "Summary",
        "tallies strict: recall 1.000, precision 1.000, f1 1.000",
        "tallies loose:  recall 1.000, precision 1.000, f1 1.000",
        "dates: accuracy 1.000 (2 of 2)",
    ]


@pytest.mark.parametrize(
    "content, problem",
    [
        ("[{", "invalid JSON at line 1"),
        ('{"doc": "alpha"}', "expected a JSON list of entries"),
        (json.dumps([{**EXPECTED[0], "doc": "gamma"}]), "entry 0: document 'gamma' is not in the corpus"),
        (
            json.dumps([{**EXPECTED[0], "quote": "words that are nowhere"}]),
            "entry 0: quote not found in document 'alpha'",
        ),
        (json.dumps([{**EXPECTED[0], "value": True}]), "entry 0"),
    ],
)
def test_bad_annotations_are_one_line_and_exit_2(corpus, run, tmp_path, content, problem):
    folder, expected = corpus
    expected.write_text(content, encoding="utf-8")
    code, out, err = run("evaluate", folder, "--expected", expected, "--csv", tmp_path / "accuracy.csv")
    assert code == 2 and out == "" and len(err) == 1, err
    assert err[0].startswith("error: ") and "expected.json" in err[0] and problem in err[0], err
    assert not (tmp_path / "accuracy.csv").exists()
