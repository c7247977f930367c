"""The scorer behind `python -m analysis evaluate` (analysis/check/annotations.py,
evaluate.py, evaluate_text.py): each scoring rule of the development set's README pinned
on tiny corpora written for these tests, the annotation loader's refusals, the misses and
the text it prints."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.check import annotations, evaluate, evaluate_text

# Sentences written for these tests; no text comes from the development documents.
TEXTS = {
    "a_base": (
        "Militias have struck American troops 12 times in Iraq and Syria since March 3, officials said. "
        "Two soldiers were hurt in Iraq on Monday. Later the count of hurt soldiers rose to 2 again in a new raid."
    ),
    "b_budget": "The ministry spent 40 million on roads and hired 300 teachers in 2021.",
    "c_mission": "The troops stay in Syria to keep the Islamic State from coming back, the general said.",
}


def tally(doc, quote, measure, value, location, since=None, as_of=None, **extra):
    """An annotation entry in the schema of expected.json."""
    entry = {
        "doc": doc,
        "quote": quote,
        "measure": measure,
        "value": value,
        "location": location,
        "since": since,
        "as_of": as_of,
        "attributed_to": None,
    }
    entry.update(extra)
    return entry


def row(doc, measure, value, location, since=None, as_of=None, start=None, number_start=None, **extra):
    """An extracted tally row as the pipeline writes it (only the fields the scorer reads)."""
    out = {
        "doc_id": doc,
        "measure": measure,
        "value": value,
        "location": location,
        "since": since,
        "as_of": as_of,
        "start": start,
        "end": None if start is None else start + 5,
        "number_start": number_start,
        "quote": "some evidence",
        "tally_id": f"{doc}:{start}",
    }
    out.update(extra)
    return out


def reason(doc, quote, frame):
    return {"doc": doc, "quote": quote, "frame": frame, "speaker": None}


ATTACKS = tally(
    "a_base", "struck American troops 12 times in Iraq and Syria", "attacks", 12, "Iraq and Syria", "2023-03-03", None
)
HURT = tally("a_base", "Two soldiers were hurt in Iraq", "injured", 2, "Iraq")


def strict(result, measure=None):
    tallies = result["tallies"]
    return tallies["strict"] if measure is None else tallies["by_measure"][measure]["strict"]


def loose(result):
    return result["tallies"]["loose"]


# ---------------------------------------------------------------- places and frames


def test_place_sets_equal_whatever_the_order_and_joiner():
    assert evaluate.places("Iraq and Syria") == evaluate.places("Syria, Iraq") == {"iraq", "syria"}
    assert evaluate.places("Iraq, Syria and Jordan") == {"iraq", "syria", "jordan"}
    assert evaluate.places("  IRAQ ,syria ") == {"iraq", "syria"}
    assert evaluate.places("Middle East") == {"middle east"}
    assert evaluate.places(None) == frozenset()


def test_place_order_does_not_matter_for_a_match():
    result = evaluate.score([row("a_base", "attacks", 12, "Syria, Iraq")], [], [ATTACKS], [], TEXTS)
    assert strict(result)["matched"] == 1
    assert strict(result)["recall"] == 1.0


def test_subset_of_places_matches_only_loosely():
    result = evaluate.score([row("a_base", "attacks", 12, "Iraq")], [], [ATTACKS], [], TEXTS)
    assert strict(result)["matched"] == 0
    assert strict(result)["recall"] == 0.0
    assert loose(result)["matched"] == 1
    assert loose(result)["recall"] == 1.0


def test_value_and_measure_must_be_equal():
    rows = [row("a_base", "attacks", 13, "Iraq and Syria"), row("a_base", "injured", 12, "Iraq and Syria")]
    result = evaluate.score(rows, [], [ATTACKS], [], TEXTS)
    assert loose(result)["matched"] == 0


def test_value_as_numeric_string_is_accepted():
    result = evaluate.score([row("a_base", "attacks", "12", "Iraq and Syria")], [], [ATTACKS], [], TEXTS)
    assert strict(result)["matched"] == 1


@given(st.permutations(["Iraq", "Syria", "Jordan"]), st.sampled_from([", ", " and "]))
def test_any_order_and_joiner_gives_one_set(order, joiner):
    assert evaluate.places(joiner.join(order)) == evaluate.places("Jordan, Iraq and Syria")


# ---------------------------------------------------------------- counting keys


def test_duplicate_keys_count_once_on_both_sides():
    second = tally("a_base", "rose to 2 again", "injured", 2, "Iraq")
    rows = [row("a_base", "injured", 2, "Iraq", start=100), row("a_base", "injured", 2, "iraq", start=150)]
    result = evaluate.score(rows, [], [HURT, second], [], TEXTS)
    assert strict(result) == {"recall": 1.0, "precision": 1.0, "f1": 1.0, "matched": 1, "annotated": 1, "extracted": 1}


def test_invented_tally_in_unannotated_document_lowers_precision():
    rows = [row("a_base", "attacks", 12, "Iraq and Syria"), row("b_budget", "attacks", 300, None)]
    result = evaluate.score(rows, [], [ATTACKS], [], TEXTS)
    assert strict(result)["recall"] == 1.0
    assert strict(result)["precision"] == 0.5
    assert strict(result)["f1"] == 0.667
    assert result["documents"] == 3


def test_rows_of_documents_not_read_are_left_out():
    texts = {"a_base": TEXTS["a_base"]}
    result = evaluate.score([row("b_budget", "attacks", 300, None)], [], [ATTACKS], [], texts)
    assert strict(result)["extracted"] == 0
    assert result["documents"] == 1


def test_casualties_rows_are_not_scored():
    rows = [row("a_base", "attacks", 12, "Iraq and Syria"), row("b_budget", "casualties", 40, "Iraq")]
    result = evaluate.score(rows, [], [ATTACKS], [], TEXTS)
    assert strict(result)["extracted"] == 1
    assert strict(result)["precision"] == 1.0
    assert "casualties" not in result["tallies"]["by_measure"]


def test_scores_by_measure():
    rows = [row("a_base", "attacks", 12, "Iraq and Syria"), row("a_base", "injured", 3, "Iraq")]
    result = evaluate.score(rows, [], [ATTACKS, HURT], [], TEXTS)
    assert strict(result, "attacks")["recall"] == 1.0
    assert strict(result, "injured")["recall"] == 0.0
    assert strict(result, "killed")["recall"] is None


def test_nothing_extracted_gives_zero_not_none():
    result = evaluate.score([], [], [ATTACKS], [], TEXTS)
    assert strict(result)["recall"] == 0.0
    assert strict(result)["precision"] == 0.0


# ---------------------------------------------------------------- dates


def test_dates_are_scored_only_over_matched_tallies():
    rows = [row("a_base", "attacks", 12, "Iraq", since="2023-03-03")]  # wrong place: not matched strictly
    result = evaluate.score(rows, [], [ATTACKS], [], TEXTS)
    assert result["dates"]["annotated"] == 0
    assert result["dates"]["accuracy"] is None


def test_null_annotated_dates_are_not_counted_and_extracted_day_must_equal():
    rows = [row("a_base", "attacks", 12, "Iraq and Syria", since="2023-03-04", as_of="2023-05-01")]
    result = evaluate.score(rows, [], [ATTACKS], [], TEXTS)
    dates = result["dates"]
    assert (dates["since"]["right"], dates["since"]["annotated"]) == (0, 1)
    assert dates["as_of"]["annotated"] == 0
    assert dates["accuracy"] == 0.0


def test_date_compared_with_the_row_nearest_the_quote():
    text = TEXTS["a_base"]
    first = tally("a_base", "Two soldiers were hurt in Iraq", "injured", 2, "Iraq", "2023-04-03", "2023-04-03")
    second = tally("a_base", "rose to 2 again", "injured", 2, "Iraq", "2023-05-09", "2023-05-09")
    near_first = row(
        "a_base", "injured", 2, "Iraq", "2023-04-03", "2023-04-03", start=0, number_start=text.find("Two soldiers")
    )
    near_second = row("a_base", "injured", 2, "Iraq", "2023-05-09", "2023-05-09", start=text.find("rose to 2") + 8)
    for rows in ([near_first, near_second], [near_second, near_first]):
        dates = evaluate.score(rows, [], [first, second], [], TEXTS)["dates"]
        assert (dates["right"], dates["annotated"]) == (4, 4)


def test_number_start_is_preferred_to_start():
    text = TEXTS["a_base"]
    entry = tally("a_base", "rose to 2 again", "injured", 2, "Iraq", "2023-05-09")
    far_number = row("a_base", "injured", 2, "Iraq", "2023-01-01", start=text.find("rose"), number_start=0)
    near_number = row("a_base", "injured", 2, "Iraq", "2023-05-09", start=0, number_start=text.find("2 again"))
    assert evaluate.score([far_number, near_number], [], [entry], [], TEXTS)["dates"]["right"] == 1


# ---------------------------------------------------------------- frames


def test_frame_prefix_and_case_are_ignored():
    quote = "to keep the Islamic State from coming back"
    annotated = [reason("c_mission", quote, "regime-change/Assad"), reason("c_mission", quote, "counter-ISIS")]
    rows = [
        {"doc_id": "c_mission", "frame": "Regime-Change", "start": 0, "end": 5},
        {"doc_id": "c_mission", "frame": "counter-isis", "start": 0, "end": 5},
    ]
    frames = evaluate.score([], rows, [], annotated, TEXTS)["frames"]
    assert (frames["recall"], frames["precision"]) == (1.0, 1.0)
    assert sorted(frames["by_frame"]) == ["counter-isis", "regime-change"]


def test_frames_counted_per_document_and_frame():
    quote = "to keep the Islamic State from coming back"
    annotated = [reason("c_mission", quote, "counter-ISIS"), reason("c_mission", "The troops stay", "counter-ISIS")]
    rows = [{"doc_id": "c_mission", "frame": "counter-ISIS"}, {"doc_id": "b_budget", "frame": "oil"}]
    frames = evaluate.score([], rows, [], annotated, TEXTS)["frames"]
    assert (frames["matched"], frames["annotated"], frames["extracted"]) == (1, 1, 2)
    assert frames["by_frame"]["oil"]["precision"] == 0.0


def test_frames_omitted_without_justifications():
    assert evaluate.score([], None, [], None, TEXTS)["frames"] is None


# ---------------------------------------------------------------- loaders


def write(tmp_path, content):
    path = tmp_path / "annotations.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def problem(tmp_path, content, loader=annotations.load_tallies):
    with pytest.raises(annotations.AnnotationError) as caught:
        loader(write(tmp_path, content), TEXTS)
    assert caught.value.path.endswith("annotations.json")
    assert "\n" not in caught.value.problem
    return caught.value.problem


def test_loader_accepts_good_files(tmp_path):
    assert annotations.load_tallies(write(tmp_path, [ATTACKS, HURT]), TEXTS) == [ATTACKS, HURT]
    good = [reason("c_mission", "The troops stay", "counter-ISIS")]
    assert annotations.load_reasons(write(tmp_path, good), TEXTS) == good


def test_missing_field(tmp_path):
    entry = dict(HURT)
    del entry["as_of"]
    assert problem(tmp_path, [ATTACKS, entry]) == "entry 1: missing field 'as_of'"


def test_missing_frame(tmp_path):
    entry = {"doc": "c_mission", "quote": "The troops stay", "speaker": None}
    assert "missing field 'frame'" in problem(tmp_path, [entry], annotations.load_reasons)


def test_document_not_in_corpus(tmp_path):
    entry = dict(HURT, doc="07_x")
    assert problem(tmp_path, [ATTACKS, ATTACKS, ATTACKS, entry]) == "entry 3: document '07_x' is not in the corpus"


def test_quote_not_in_its_document(tmp_path):
    entry = dict(HURT, doc="b_budget")
    assert "entry 0: quote not found in document 'b_budget'" in problem(tmp_path, [entry])


def test_invalid_json(tmp_path):
    assert "invalid JSON at line 2, column" in problem(tmp_path, '[\n {"doc": }\n]')


def test_unreadable_file(tmp_path):
    with pytest.raises(annotations.AnnotationError) as caught:
        annotations.load_tallies(tmp_path / "absent.json", TEXTS)
    assert "cannot read" in caught.value.problem


def test_not_a_list(tmp_path):
    assert "expected a JSON list" in problem(tmp_path, {"entries": []})
    assert "entry 0: expected an object" in problem(tmp_path, [["a_base"]])


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("value", True, "must be an integer"),
        ("value", "2", "must be an integer"),
        ("measure", "casualties", "must be one of"),
        ("since", "March 3", "ISO date"),
        ("as_of", "2023-02-30", "ISO date"),
        ("location", "", "non-empty string"),
        ("location", None, "non-empty string"),
    ],
)
def test_wrong_type(tmp_path, field, value, words):
    text = problem(tmp_path, [dict(HURT, **{field: value})])
    assert text.startswith(f"entry 0: field '{field}' must be")
    assert words in text


def test_bool_value_rejected(tmp_path):
    assert "'value' must be an integer" in problem(tmp_path, [dict(HURT, value=False)])


def test_empty_frame_rejected(tmp_path):
    entry = reason("c_mission", "The troops stay", "  ")
    assert "'frame' must be a non-empty string" in problem(tmp_path, [entry], annotations.load_reasons)


def kinds(found):
    return [m["kind"] for m in found]


def test_misses_classify_each_kind():
    killed = tally("a_base", "Later the count", "killed", 1, "Iraq")
    annotated = [ATTACKS, HURT, killed]
    rows = [
        row("a_base", "attacks", 12, "Iraq and Syria", since="2023-03-10"),  # date wrong
        row("a_base", "injured", 2, "Syria"),  # wrong place
        row("b_budget", "attacks", 300, None, start=30),
    ]  # invented
    reasons = [reason("c_mission", "to keep the Islamic State", "counter-ISIS")]
    reason_rows = [{"doc_id": "c_mission", "frame": "oil", "speaker": "x", "quote": "q", "start": 0, "end": 3}]
    found = evaluate.misses(rows, reason_rows, annotated, reasons, TEXTS)
    assert kinds(found) == list(evaluate.MISS_KINDS)
    by_kind = {m["kind"]: m for m in found}
    assert by_kind["tally missed"]["annotation"] is killed
    assert by_kind["tally missed"]["start"] == TEXTS["a_base"].find("Later the count")
    assert (by_kind["tally wrong place"]["want"], by_kind["tally wrong place"]["got"]) == ("Iraq", "Syria")
    assert by_kind["tally invented"]["extracted"]["value"] == 300
    assert by_kind["tally invented"]["start"] == 30
    date = by_kind["date wrong"]
    assert (date["field"], date["want"], date["got"]) == ("since", "2023-03-03", "2023-03-10")
    assert by_kind["frame missed"]["want"] == "counter-ISIS"
    assert by_kind["frame invented"]["got"] == "oil"


def test_extra_place_variant_is_a_wrong_place_not_an_invention():
    rows = [row("a_base", "injured", 2, "Iraq"), row("a_base", "injured", 2, "Jordan", start=10)]
    found = evaluate.misses(rows, [], [HURT], [], TEXTS)
    assert kinds(found) == ["tally wrong place"]
    assert (found[0]["want"], found[0]["got"]) == ("Iraq", "Jordan")


def test_perfect_extraction_has_no_misses():
    rows = [row("a_base", "attacks", 12, "Iraq and Syria", since="2023-03-03"), row("a_base", "injured", 2, "Iraq")]
    assert evaluate.misses(rows, None, [ATTACKS, HURT], None, TEXTS) == []
    assert evaluate_text.render_misses([]) == "No misses.\n"


def test_misses_are_sorted_and_deterministic():
    rows = [row("b_budget", "attacks", 300, None, start=30), row("b_budget", "attacks", 40, None, start=10)]
    found = evaluate.misses(rows, [], [ATTACKS], [], TEXTS)
    assert [(m["kind"], m["doc"], m["start"]) for m in found] == [
        ("tally missed", "a_base", 0 + TEXTS["a_base"].find("struck")),
        ("tally invented", "b_budget", 10),
        ("tally invented", "b_budget", 30),
    ]
    assert found == evaluate.misses(list(reversed(rows)), [], [ATTACKS], [], TEXTS)


def test_render_shows_the_figures():
    rows = [row("a_base", "attacks", 12, "Iraq and Syria", since="2023-03-03"), row("b_budget", "killed", 3, None)]
    reasons = [reason("c_mission", "The troops stay", "counter-ISIS")]
    reason_rows = [{"doc_id": "c_mission", "frame": "counter-ISIS"}]
    text = evaluate_text.render(evaluate.score(rows, reason_rows, [ATTACKS, HURT], reasons, TEXTS))
    assert "Documents scored: 3" in text
    lines = text.splitlines()
    assert any(line.split()[:5] == ["all", "strict", "0.500", "0.500", "0.500"] for line in lines)
    assert any(line.split() == ["since", "1.000", "1", "1"] for line in lines)
    assert any(line.split()[:3] == ["counter-isis", "1.000", "1.000"] for line in lines)
    assert all(line == line.rstrip() for line in lines)
    assert text == evaluate_text.render(evaluate.score(rows, reason_rows, [ATTACKS, HURT], reasons, TEXTS))


def test_render_without_frames():
    assert "not scored" in evaluate_text.render(evaluate.score([], None, [ATTACKS], None, TEXTS))


def test_render_misses_groups_with_counts():
    long_quote = "hurt " * 60
    texts = dict(TEXTS, d_long=long_quote)
    annotated = [tally("d_long", long_quote, "injured", 5, "Syria"), ATTACKS]
    text = evaluate_text.render_misses(
        evaluate.misses([row("b_budget", "attacks", 40, None)], [], annotated, [], texts)
    )
    assert "## tally missed (2)" in text
    assert "## tally invented (1)" in text
    line = next(x for x in text.splitlines() if x.startswith("- d_long"))
    assert "[0-300]" in line and "…" in line and len(line) < 260
    assert "attacks 40 @ None" in text
