"""Validate the written tables against their data package with Frictionless (types,
required fields, enums, primary-key uniqueness, byte counts and hashes).

The package is handed to Frictionless parsed, with an explicit base folder, never as a
path string: given a string, Frictionless reads `*`, `?` and `[` in it as a glob and `#`
as unsafe, so an output path such as `~/proj#2/data` failed every run.
"""

from __future__ import annotations

import json
from pathlib import Path


def validate_package(descriptor: Path) -> list[str]:
    """Problems found, as short messages naming table, row and field; empty when valid."""
    import frictionless

    descriptor = Path(descriptor)
    package = frictionless.Package.from_descriptor(json.loads(descriptor.read_bytes()), basepath=str(descriptor.parent))
    report = package.validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            where = task.name
            row = getattr(error, "row_number", None)
            if row:
                where += f" row {row}"
            problems.append(f"{where}: {error.message}")
    for error in report.errors:
        problems.append(error.message)
    return problems
