"""The drift report: what the book's notebooks show now against what their stored outputs
show, in words a maintainer reads at a glance (`attacks_in_syria: 77 -> 76`, a table's
rows added, removed or changed, a chart's plotted table), compared at the level of the
data the cells show, never of rendered bytes. `make test` ends with it when nbval fails
(analysis/publish/nbval_drift.py), `make drift` prints it alone, and `make outputs`
logs the same changes in book/changes.csv."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from analysis.publish.outputs import Item
from analysis.publish.rows import shorten, table_changes, text_changes

MAX_LINES = 8  # per item; the rest is counted
MAX_SUMMARY = 12  # figures listed in the closing lines


@dataclass(frozen=True)
class Change:
    """One change to what a notebook shows: a glued figure's value, a cell of a table or
    chart, a row added or removed, or a whole item that appeared or went away."""

    notebook: str
    kind: str
    item: str
    change: str
    row: str = ""
    column: str = ""
    old: str = ""
    new: str = ""
    section: str = ""


def compare(old: dict[tuple, Item], new: dict[tuple, Item], notebook: str) -> list[Change]:
    """The changes from the stored items `old` to the fresh items `new` of one notebook,
    in the notebook's order. Rows are compared when both versions carry them and differ;
    otherwise the text a reader sees (an output without rows; a chart whose plotted table
    is the same but whose caption, source or stand-in sentence changed)."""
    out: list[Change] = []
    for key in list(new) + [k for k in old if k not in new]:
        was, now = old.get(key), new.get(key)
        item = now or was
        base = {"notebook": notebook, "kind": item.kind, "item": item.name, "section": item.section}
        if was is None:
            out.append(Change(change="added", new=shorten(now.text), **base))
        elif now is None:
            out.append(Change(change="removed", old=shorten(was.text), **base))
        elif was.table is not None and now.table is not None and was.table != now.table:
            for c in table_changes(was.table, now.table):
                out.append(Change(change=c.change, row=c.row, column=c.column, old=c.old, new=c.new, **base))
        elif was.text != now.text:  # no rows to compare, or a chart's caption or sentence
            out += [Change(change="changed", old=o, new=n, **base) for o, n in text_changes(was.text, now.text)]
    return out


def _what(kind: str, name: str) -> str:
    return f'{kind} "{name}"' if kind in ("table", "output") else f"{kind} {name}"


def _counted(changes: list[Change]) -> str:
    rows = Counter(c.change for c in changes if c.row)
    changed_rows = len({c.row for c in changes if c.row and c.change == "changed"})
    parts = [f"{changed_rows} row{'s' * (changed_rows != 1)} changed"] if changed_rows else []
    parts += [f"{rows[w]} row{'s' * (rows[w] != 1)} {w}" for w in ("added", "removed") if rows[w]]
    return ", ".join(parts)


def _line(c: Change) -> str:
    if c.change.startswith("column"):
        return f"{c.change}: {c.column}"
    if c.change == "added":
        return f"added [{c.row}] {c.new}" if c.row else f"added: {c.new}"
    if c.change == "removed":
        return f"removed [{c.row}] {c.old}" if c.row else f"removed: {c.old}"
    where = f"[{c.row}] {c.column}: " if c.row else ""
    return f"{where}{c.old} -> {c.new}"


def _item_lines(changes: list[Change]) -> list[str]:
    first = changes[0]
    what = _what(first.kind, first.item)
    if len(changes) == 1 and not first.row and first.change == "changed":
        return [f"  {what}: {first.old} -> {first.new}"]
    if len(changes) == 1 and not first.row:
        return [f"  {what} {first.change}: {first.new or first.old}"]
    counted = _counted(changes)
    lines = [f"  {what}{': ' + counted if counted else ''}"]
    lines += [f"    {_line(c)}" for c in changes[:MAX_LINES]]
    if len(changes) > MAX_LINES:
        lines.append(f"    … and {len(changes) - MAX_LINES} more")
    return lines


def _by(changes: list[Change], *fields: str) -> dict[tuple, list[Change]]:
    grouped: dict[tuple, list[Change]] = {}
    for c in changes:
        grouped.setdefault(tuple(getattr(c, f) for f in fields), []).append(c)
    return grouped


def render(changes: list[Change], unexplained: list[str] = ()) -> str:
    """The report: per notebook, per item, the changes; then cells that differ in how
    they are drawn only; then, last, the changed figures (what a reader quotes) with
    their old and new values. Empty when nothing drifted."""
    if not changes and not unexplained:
        return ""
    lines = ["Drift: what the notebooks show now differs from their stored outputs (stored -> now)."]
    for (notebook,), in_notebook in _by(changes, "notebook").items():
        lines.append(notebook)
        for _, item_changes in _by(in_notebook, "kind", "item").items():
            lines += _item_lines(item_changes)
    if unexplained:
        lines.append("Cells whose outputs differ only in how they are drawn (no figure, table or chart changed):")
        lines += [f"  {where}" for where in unexplained]
    lines.append(_summary(changes))
    figures = _quoted(changes)
    lines += [f"  {c.item}: {c.old} -> {c.new} ({c.notebook})" for c in figures[:MAX_SUMMARY]]
    if len(figures) > MAX_SUMMARY:
        lines.append(f"  … and {len(figures) - MAX_SUMMARY} more figures")
    return "\n".join(lines) + "\n"


def _quoted(changes: list[Change]) -> list[Change]:
    """The changed figures short enough to quote in the closing lines; a markdown twin
    (`x_md`, glued for prose) of a figure also listed is left out."""
    figures = [c for c in changes if c.kind == "figure" and c.change == "changed" and len(c.old + c.new) <= 60]
    names = {(c.notebook, c.item) for c in figures}
    return [c for c in figures if not (c.item.endswith("_md") and (c.notebook, c.item[:-3]) in names)]


def _summary(changes: list[Change]) -> str:
    items = _by(changes, "notebook", "kind", "item")
    kinds = Counter(kind for _, kind, _ in items)
    notebooks = len({n for n, _, _ in items})
    named = {"figure": "figure", "table": "table", "chart": "chart", "output": "other output"}
    parts = [f"{kinds[k]} {named[k]}{'s' * (kinds[k] != 1)}" for k in named if kinds[k]]
    if not items:
        return "In short: no figure, table or chart changed."
    figures = _quoted(changes)
    tail = ". The changed figures:" if figures else "."
    return f"In short: {', '.join(parts)} changed in {notebooks} notebook{'s' * (notebooks != 1)}{tail}"
