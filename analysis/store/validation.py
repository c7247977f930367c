"""Validate the written tables against their data package with Frictionless (types,
required fields, enums, primary-key uniqueness, byte counts and hashes)."""

from __future__ import annotations

from pathlib import Path


def validate_package(descriptor: Path) -> list[str]:
    """Problems found, as short messages naming table, row and field; empty when valid."""
    import frictionless

    report = frictionless.validate(str(descriptor))
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
