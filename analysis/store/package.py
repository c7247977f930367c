"""The Frictionless Data Package that describes every written table (schemas, sizes,
hashes), and the JSON form it is written in."""

from __future__ import annotations

import json

from analysis.store.schema import Table

REFERENCE_NOTE = (
    " The tables under context/ are different: curated reference tables copied unchanged from reference/, not "
    "extracted; their rows cite `source_url` instead of offsets."
)


def datapackage(tables: list[Table], contents: dict[str, bytes], reference_resources: list[dict] = ()) -> dict:
    """The package descriptor: every extracted table, then the curated reference tables."""
    return describe([t.resource(contents[t.name]) for t in tables], reference_resources)


def describe(resources: list[dict], reference_resources: list[dict] = ()) -> dict:
    """The package descriptor from the extracted tables' resources (Table.resource_of)."""
    return {
        "profile": "data-package",
        "name": "us-forces-iraq-syria-report",
        "title": "Attacks on US forces in Iraq and Syria, and the stated reasons for the US presence: tables extracted from news documents",
        "description": (
            "Written by `python -m analysis extract`; never edited by hand. Every extracted row carries "
            "`doc_id`, `start` and `end` such that the document text sliced at [start:end] is its evidence."
            + (REFERENCE_NOTE if reference_resources else "")
        ),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "sources": [{"title": "Source documents in seeds/, listed in documents.csv with URL and SHA-256"}],
        "resources": list(resources) + list(reference_resources),
    }


def json_bytes(obj) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
