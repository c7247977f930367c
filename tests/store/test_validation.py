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
