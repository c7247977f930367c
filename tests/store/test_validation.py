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


def test_the_bulk_check_passes_every_table_the_pipeline_writes(seed_out):
    """The column-at-a-time check (_clean) says "no problem" for every extracted table of
    a real output, so validation takes its fast path; it stays exact (test below). (The
    small curated tables, with empty key cells, are checked cell by cell.)"""
    import io

    from analysis.extract.pipeline import TABLES
    from analysis.store.validation import _clean

    descriptor = json.loads((seed_out / "datapackage.json").read_text())
    extracted = {t.name for t in TABLES}
    for resource in (r for r in descriptor["resources"] if r["name"] in extracted):
        text = (seed_out / resource["path"]).read_text(encoding="utf-8")
        assert _clean(resource["schema"], io.StringIO(text, newline="")), resource["name"]
        assert _clean(resource["schema"], io.StringIO(text, newline=""), chunk=3), resource["name"]


TYPED = {
    "fields": [
        {"name": "doc_id", "type": "string", "constraints": {"required": True}},
        {"name": "start", "type": "integer"},
        {"name": "share", "type": "number"},
        {"name": "day", "type": "date"},
        {"name": "flag", "type": "boolean"},
        {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
    ],
    "primaryKey": ["doc_id", "start"],
}
_CELLS = ["", "a", "b", "1", "+2", "12a", " 3", "1_0", "0.5", "1e999", ".5", "2024-02-29", "2023-02-29", "true"]
_CELLS += ["maybe", "x\ny", "1\n2", "2024-01-0١"]


def test_the_bulk_check_never_passes_a_table_with_a_problem():
    """Whenever _clean says "no problem", the cell-by-cell check agrees (it may say "look
    closer" for a table that is fine: the cell-by-cell check then decides)."""
    import csv
    import io

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from analysis.store.validation import _clean, _table_problems

    names = [f["name"] for f in TYPED["fields"]]
    cells = st.sampled_from(_CELLS)
    plain = st.tuples(st.sampled_from(["a", "b", "1"]), st.sampled_from(["1", "2", "", "+2", "12a"]), *[cells] * 4)
    row = st.one_of(plain.map(list), st.lists(cells, min_size=len(names) - 1, max_size=len(names) + 1))

    @settings(max_examples=400, deadline=None)
    @given(st.lists(row, max_size=7), st.integers(1, 4))
    def check(rows, chunk):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([names, *rows])
        text = buffer.getvalue()
        exact = _table_problems("t", TYPED, io.StringIO(text, newline=""), grouped=False)
        if _clean(TYPED, io.StringIO(text, newline=""), chunk=chunk):
            assert exact == [], exact

    check()


@pytest.mark.parametrize("chunk", [1, 2, 3, 100])
def test_a_repeated_key_is_found_across_the_bulk_checks_blocks(chunk):
    import io

    from analysis.store.validation import _clean

    body = "doc_id,start\na,1\na,2\nb,1\nb,2\nb,1\n"
    assert not _clean(KEYED, io.StringIO(body), chunk=chunk)
    assert _clean(KEYED, io.StringIO(body.removesuffix("b,1\n")), chunk=chunk)
