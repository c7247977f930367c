"""The codebook (analysis/store/codebook.py): one section per table, every column with
its type and meaning, allowed values listed, and table syntax escaped."""

from analysis.store.codebook import render
from analysis.store.package import datapackage
from analysis.store.schema import Field, Table

TABLE = Table(
    name="things",
    title="Things",
    description="One row per thing.",
    fields=(
        Field("thing_id", "string", "Id | with a pipe", required=True),
        Field("kind", "string", "What it is.", enum=("a", "b")),
        Field("count", "integer", "How many,\nover two lines"),
    ),
    primary_key=("thing_id",),
)


def test_every_table_and_column_is_described():
    package = datapackage([TABLE], {"things": b"thing_id,kind,count\n"})
    text = render(package)
    assert text.startswith("# Codebook\n") and text.endswith("\n") and not text.endswith("\n\n")
    assert "## `things.csv`: Things" in text and "One row per thing." in text
    assert "Primary key: `thing_id`" in text
    assert "| `thing_id` | string | Id \\| with a pipe |" in text  # a pipe would end the cell
    assert "| `kind` | string | What it is. One of: `a`, `b`. |" in text
    assert "| `count` | integer | How many, over two lines |" in text  # a newline would end the row


def test_heading_level_shifts_every_heading():
    text = render(datapackage([TABLE], {"things": b""}), heading_level=2)
    assert text.startswith("## Codebook\n") and "### `things.csv`" in text
