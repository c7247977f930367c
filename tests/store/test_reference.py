"""The curated reference tables (analysis/store/reference.py): copied byte for byte into
data/context/, described and validated like the extracted tables, and a broken one stops
the run."""

import csv
import json

from analysis.paths import SEEDS
from analysis.report.load import load_table
from analysis.store import reference
from analysis.store.validation import validate_package


def test_reference_tables_are_in_the_package_and_validate(seed_out):
    package = json.loads((seed_out / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in package["resources"]}
    assert paths["context_pentagon_tallies"] == "context/pentagon_tallies.csv"
    assert paths["context_justification_statements"] == "context/justification_statements.csv"
    assert validate_package(seed_out / "datapackage.json") == []
    for table in reference.REFERENCE_TABLES:
        frame = load_table(table.name, seed_out)
        with open(reference.REFERENCE / table.file, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert list(frame.columns) == list(rows[0]) == table.columns  # every column kept, source_url and notes too
        assert len(frame) == len(rows)
    assert "not extracted" in (seed_out / "README.md").read_text(encoding="utf-8")


def test_reference_tables_are_byte_identical_copies(seed_out):
    for table in reference.REFERENCE_TABLES:
        assert (seed_out / table.path).read_bytes() == (reference.REFERENCE / table.file).read_bytes(), table.path


def test_a_broken_reference_table_stops_the_run(tmp_path, monkeypatch, run):
    folder = tmp_path / "reference"
    folder.mkdir()
    for table in reference.REFERENCE_TABLES:
        (folder / table.file).write_bytes((reference.REFERENCE / table.file).read_bytes())
    statements = folder / reference.STATEMENTS.file
    statements.write_bytes(statements.read_bytes().replace(b"\n2021-05,", b"\nMay 2021,", 1))
    monkeypatch.setattr(reference, "REFERENCE", folder)
    code, _, err = run("extract", SEEDS, "--out", tmp_path / "out")
    assert code == 2 and "context_justification_statements" in err[0] and "tables fail validation" in err[0], err
    assert not (tmp_path / "out").exists()
