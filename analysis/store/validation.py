"""Validate the written tables against their data package: byte counts and SHA-256 hashes
checked here, then types, required fields, enums and primary-key uniqueness with
Frictionless.

The package is handed to Frictionless as a parsed descriptor with an explicit base
folder, never as a path string: given a string, Frictionless treats `*`, `?` and `[` as
a glob and `#` as unsafe, so an output path such as `~/proj#2/data` failed every run.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def _sizes_and_hashes(folder: Path, resources: list[dict]) -> list[str]:
    problems = []
    for resource in resources:
        try:
            content = (folder / resource["path"]).read_bytes()
        except OSError as exc:
            problems.append(f"{resource['path']}: cannot read it ({exc.strerror or exc})")
            continue
        if "bytes" in resource and resource["bytes"] != len(content):
            problems.append(f"{resource['path']}: {len(content)} bytes, the package says {resource['bytes']}")
        digest = "sha256:" + hashlib.sha256(content).hexdigest()
        if "hash" in resource and resource["hash"] != digest:
            problems.append(f"{resource['path']}: its SHA-256 differs from the package's hash")
    return problems


def validate_package(descriptor: Path) -> list[str]:
    """Problems found, as short messages naming table, row and field; empty when valid."""
    import frictionless

    descriptor = Path(descriptor)
    package = json.loads(descriptor.read_bytes())
    problems = _sizes_and_hashes(descriptor.parent, package.get("resources", []))
    report = frictionless.Package.from_descriptor(package, basepath=str(descriptor.parent)).validate()
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
