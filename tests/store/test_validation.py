"""Validation reads the package as parsed JSON with an explicit base folder (no path
string for a library to read as a glob), and still checks hashes and schemas."""

import json

import pytest

from analysis.store.validation import validate_package


@pytest.fixture
def package(seed_out, tmp_path_factory):
    """A copy of the seed output under a folder whose name Frictionless read as a glob."""
    import shutil

    folder = tmp_path_factory.mktemp("v") / "proj#2 [draft]?*" / "out"
    shutil.copytree(seed_out, folder)
    return folder


def test_a_valid_package_under_any_folder_name_has_no_problems(package):
    assert validate_package(package / "datapackage.json") == []


def test_a_changed_byte_is_caught_by_the_hash(package):
    """Same size, one character changed."""
    table = package / "documents.csv"
    content = table.read_bytes()
    table.write_bytes(content.replace(b",en,", b",fr,", 1))
    assert table.read_bytes() != content
    problems = validate_package(package / "datapackage.json")
    assert len(problems) == 1 and problems[0].startswith("documents: ") and "hash" in problems[0], problems


def test_a_schema_violation_is_still_found(package):
    descriptor = json.loads((package / "datapackage.json").read_text())
    table = package / "documents.csv"
    lines = table.read_text().splitlines(keepends=True)
    table.write_text(lines[0] + lines[1].replace(",en,", ",en,", 1) + lines[1])  # a duplicate primary key
    for resource in descriptor["resources"]:
        resource.pop("hash", None), resource.pop("bytes", None)
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    problems = validate_package(package / "datapackage.json")
    assert problems and all(p.startswith("documents") for p in problems), problems


def _corrupt(folder, table, change):
    """Rewrite one table with `change(header, rows)` and drop its size and hash, so only
    the schema checks can catch it."""
    import csv
    import io

    path = folder / table
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    body = change(header, body)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *body])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    descriptor = json.loads((folder / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        resource.pop("hash", None), resource.pop("bytes", None)
    (folder / "datapackage.json").write_text(json.dumps(descriptor))


def _set(column, value):
    def change(header, body):
        body[0][header.index(column)] = value
        return body

    return change


CORRUPTIONS = {
    "an integer that is not one": ("tallies.csv", _set("start", "12a")),
    "a required cell left empty": ("tallies.csv", _set("measure", "")),
    "a value outside its enum": ("tallies.csv", _set("measure", "rumours")),
    "an impossible date": ("tallies.csv", _set("since", "2024-02-30")),
    "a boolean that is not one": ("checks.csv", _set("required", "maybe")),
    "a repeated primary key": ("tallies.csv", lambda header, body: body + body[:1]),
    "a row with an extra cell": ("tallies.csv", lambda header, body: [body[0] + ["x"], *body[1:]]),
    "a row with a cell missing": ("documents.csv", lambda header, body: [body[0][:-1], *body[1:]]),
    "nothing": ("tallies.csv", lambda header, body: body),
}


@pytest.mark.parametrize("corruption", CORRUPTIONS, ids=list(CORRUPTIONS))
def test_the_direct_checks_agree_with_frictionless(package, corruption):
    """validate_package checks the part of Table Schema the project uses itself; on the
    same damage it finds a problem exactly when Frictionless does, in the same table."""
    from analysis.store.validation import validate_with_frictionless

    table, change = CORRUPTIONS[corruption]
    _corrupt(package, table, change)
    ours, theirs = (
        validate_package(package / "datapackage.json"),
        validate_with_frictionless(package / "datapackage.json"),
    )
    assert bool(ours) == bool(theirs) == (corruption != "nothing"), (ours, theirs)
    assert {p.split()[0].rstrip(":") for p in ours} == {p.split()[0].rstrip(":") for p in theirs}


KEYED = {
    "fields": [{"name": "doc_id", "type": "string"}, {"name": "start", "type": "integer"}],
    "primaryKey": ["doc_id", "start"],
}


@pytest.mark.parametrize(
    "body, repeat, grouped",
    [
        ("a,1\na,2\na,1\nb,1\n", "row 4: primary key ['a', 1] repeats row 2", True),  # not neighbours
        ("b,1\na,1\nb,1\n", "row 4: primary key ['b', 1] repeats row 2", False),
        ("a,1\n,1\na,1\n", "row 4: primary key ['a', 1] repeats row 2", False),  # an empty key cell between
    ],
)
def test_a_repeated_key_is_found_whether_or_not_the_rows_are_grouped(body, repeat, grouped):
    """Keys are held per value of the first key field while that never decreases, which
    finds every repeat in a sorted table; otherwise the table is checked again, whole."""
    import io

    from analysis.store.validation import _table_problems

    exact = _table_problems("t", KEYED, io.StringIO("doc_id,start\n" + body), grouped=False)
    assert [p for p in exact if "primary key" in p] == [f"t {repeat}"]
    found = _table_problems("t", KEYED, io.StringIO("doc_id,start\n" + body))
    assert found == (exact if grouped else None)


def test_a_table_not_grouped_by_its_first_key_field_is_checked_again_whole(tmp_path):
    from analysis.store.validation import _resource_problems

    (tmp_path / "t.csv").write_text("doc_id,start\nb,1\na,1\nb,1\n")
    problems = _resource_problems({"name": "t", "path": "t.csv", "schema": KEYED}, tmp_path)
    assert problems == ["t row 4: primary key ['b', 1] repeats row 2"]
