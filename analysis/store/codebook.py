"""Render the codebook (data/README.md and the book's Data chapter) from the data
package, so column meanings are written once, in the schemas."""

from __future__ import annotations


def _escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(package: dict, heading_level: int = 1) -> str:
    h = "#" * heading_level
    lines = [
        f"{h} Codebook",
        "",
        "Generated from `datapackage.json` by `python -m analysis extract`; do not edit by hand.",
        "",
        package.get("description", ""),
        "",
    ]
    for resource in package["resources"]:
        schema = resource["schema"]
        lines += [
            f"{h}# `{resource['path']}`: {resource.get('title', resource['name'])}",
            "",
            resource.get("description", ""),
            "",
            f"Primary key: {', '.join(f'`{k}`' for k in schema.get('primaryKey', []))}",
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        for f in schema["fields"]:
            allowed = f.get("constraints", {}).get("enum")
            meaning = _escape(f.get("description", ""))
            if allowed:
                meaning = meaning.rstrip(". ") + ". One of: " + ", ".join(f"`{a}`" for a in allowed) + "."
            lines.append(f"| `{f['name']}` | {f['type']} | {meaning} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
