"""Table and text differences in the report's words (analysis/publish/rows.py)."""

from analysis.publish.rows import shorten, table_changes, text_changes


def payload(rows, key=("tally_id",), columns=("tally_id", "place", "value")):
    return {
        "columns": list(columns),
        "labels": [c.capitalize() for c in columns],
        "key": list(key),
        "hidden": [],
        "rows": [[r[c] for c in columns] for r in rows],
    }


def test_a_long_text_is_shown_by_the_words_around_its_change():
    old = "The ministry said " + "nothing new " * 20 + "and 41 attacks in Syria were counted by the end of the month."
    new = old.replace("41", "40")
    [(was, now)] = text_changes(old, new)
    assert "41 attacks" in was and "40 attacks" in now
    assert was.startswith("…") and len(was) < len(old) / 2


def test_a_short_text_is_shown_whole_and_long_values_are_shortened():
    assert text_changes("12", "13") == [("12", "13")]
    assert shorten("word " * 40).endswith("…") and len(shorten("word " * 40)) <= 80


def test_a_row_whose_key_changed_but_not_the_rest_is_one_changed_row():
    old = payload([{"tally_id": "d:100", "place": "Syria", "value": 41}])
    new = payload([{"tally_id": "d:104", "place": "Syria", "value": 41}])
    [change] = table_changes(old, new)
    assert (change.change, change.column, change.old, change.new) == ("changed", "Tally_id", "d:100", "d:104")


def test_repeated_keys_keep_every_row_and_columns_added_or_removed_are_named():
    old = payload([{"tally_id": "a", "place": "Iraq", "value": 1}, {"tally_id": "a", "place": "Syria", "value": 2}])
    new = {
        **payload([{"tally_id": "a", "place": "Iraq", "value": 1}, {"tally_id": "a", "place": "Syria", "value": 3}]),
        "columns": ["tally_id", "place", "value", "note"],
        "labels": ["Tally_id", "Place", "Value", "Note"],
    }
    new["rows"] = [row + [""] for row in new["rows"]]
    found = table_changes(old, new)
    assert ("column added", "Note") in [(c.change, c.column) for c in found]
    assert [(c.old, c.new) for c in found if c.change == "changed"] == [("2", "3")]


def test_a_long_changed_stretch_is_shown_by_its_ends_only():
    kept = "The spokesman said on Tuesday that"
    removed = " ".join(f"word{i}" for i in range(40))
    [(was, now)] = text_changes(f"{kept} {removed} in the end.", f"{kept} in the end.")
    assert "word0" in was and "word39" in was and "word20" not in was and " … " in was
    assert len(was) < 120 and now == "…said on Tuesday that in the end."
