"""Table schemas: a `Field` is one column (its Frictionless type, meaning and
constraints), a `Table` one CSV file with its primary key and sort order. Each extractor
declares its own table with these, so the column meanings are written once, beside the
code that fills them, and the data package and codebook are generated from them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless type: string, integer, number, date, boolean
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None

    def descriptor(self) -> dict:
        out = {"name": self.name, "type": self.type, "description": self.description}
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    sort_key: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def resource(self, content: bytes) -> dict:
        return self.resource_of(len(content), hashlib.sha256(content).hexdigest())

    def resource_of(self, size: int, sha256: str) -> dict:
        """The descriptor of the table written as `size` bytes with that digest."""
        return {
            "name": self.name,
            "path": self.path,
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": size,
            "hash": "sha256:" + sha256,
            "schema": {
                "fields": [f.descriptor() for f in self.fields],
                "primaryKey": list(self.primary_key),
                "missingValues": [""],
            },
        }


# --- the evidence, declared once ------------------------------------------------------

DOC_ID = Field(
    "doc_id", "string", "Document id: the file name without .txt (documents.csv has one row per id)", required=True
)
QUOTE = Field("quote", "string", "The evidence: the document's normalized text from start to end", required=True)
START = Field("start", "integer", "Offset of the evidence in the document's normalized text", required=True)
END = Field("end", "integer", "End offset of the evidence (exclusive)", required=True)


# --- reading values back ---------------------------------------------------------------


def places(location) -> set[str]:
    """The places of a `location` cell: several are written 'A, B and C'."""
    if not isinstance(location, str) or not location:
        return set()
    return set(location.replace(", ", " and ").split(" and "))


def value_range(value, qualifier) -> tuple[float, float]:
    """The counts a hedged value admits: 'at least 151' is 151 or more, 'more than 60' 61
    or more, 'fewer than'/'nearly 70' below 70, 'about 70' within 10% of 70."""
    return {
        "at_least": (value, float("inf")),
        "more_than": (value + 1, float("inf")),
        "fewer_than": (0, max(value - 1, 0)),
        "about": (value * 0.9, value * 1.1),
    }.get(qualifier, (value, value))
