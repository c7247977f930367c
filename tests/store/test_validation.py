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
