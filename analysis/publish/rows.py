"""Differences between two versions of a shown table (its rows as data) or of a text, in
the words of the report: rows added, removed or changed, named by the columns that
identify them, and only the changed cells, old -> new; a long text by the few words
around each change."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

SHORT = 80  # characters: a value longer than this is shown by the words around its changes
ROW_TEXT = 200  # characters: an added or removed row's cells, in one line
CONTEXT = 4  # words kept either side of a change in a long text
STRETCH_ENDS = 6  # words kept at each end of a long changed stretch


@dataclass(frozen=True)
class RowChange:
    """`change` is changed, added, removed, or "column added"/"column removed"; `row`
    names the row by its key columns; `column` is the changed cell's heading."""

    change: str
    row: str = ""
    column: str = ""
    old: str = ""
    new: str = ""


def shorten(text, limit: int = SHORT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def middle(text, limit: int = 40) -> str:
    """Shortened in the middle, for a value naming a row: ids differ at their end."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head) :]


def text_changes(old: str, new: str) -> list[tuple[str, str]]:
    """(old, new) pairs for a changed text: short one-line texts whole; a long text as one
    pair per changed stretch, with a few words of context and … where text is left out."""
    old, new = str(old), str(new)
    if len(old) <= SHORT and len(new) <= SHORT and "\n" not in old + new:
        return [(old, new)]
    a, b = old.split(), new.split()
    if a == b:
        return [("(the same words, spaced differently)", "(the same words, spaced differently)")]
    pairs = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(CONTEXT):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        pairs.append((_excerpt(a, i1, i2), _excerpt(b, j1, j2)))
    return pairs


def _excerpt(words: list[str], start: int, end: int) -> str:
    """The words of a changed stretch; a long stretch by its first and last few words, so
    the log never reprints a long run of a document's or a source's text."""
    if start == end:
        return "(nothing)"
    if end - start > 2 * STRETCH_ENDS:
        shown = " ".join(words[start : start + STRETCH_ENDS]) + " … " + " ".join(words[end - STRETCH_ENDS : end])
    else:
        shown = " ".join(words[start:end])
    return ("…" if start > 0 else "") + shown + ("…" if end < len(words) else "")


def _shown(table: dict) -> list[str]:
    """The columns a reader sees (a hidden key column identifies rows, nothing more)."""
    return [c for c in table["columns"] if c not in table.get("hidden", ())]


def _key(old: dict, new: dict) -> list[str]:
    """The key both versions can use: the longer of the two (a table that grew may need
    more columns to tell its rows apart), if both have its columns."""
    for key in sorted((new.get("key") or [], old.get("key") or []), key=len, reverse=True):
        if key and set(key) <= set(old["columns"]) & set(new["columns"]):
            return list(key)
    return [c for c in new["columns"] if c in old["columns"]]


def _keyed(table: dict, key: list[str]) -> dict[tuple, dict]:
    """Rows by their key; a repeated key gets its occurrence number, so no row is lost."""
    rows, seen = {}, {}
    for values in table["rows"]:
        row = dict(zip(table["columns"], values))
        k = tuple(row.get(c) for c in key)
        seen[k] = seen.get(k, 0) + 1
        rows[k + ((seen[k],) if seen[k] > 1 else ())] = row
    return rows


def _show(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def table_changes(old: dict, new: dict) -> list[RowChange]:
    """What changed from table `old` to table `new` (TABLE_META payloads), in the new
    table's row order, removed rows last. A row whose key changed but most of whose cells
    did not is one changed row, not a removal and an addition."""
    labels = dict(zip(old["columns"], old["labels"])) | dict(zip(new["columns"], new["labels"]))
    was, now = _shown(old), _shown(new)
    common = [c for c in now if c in was]
    out = [RowChange("column added", column=labels[c]) for c in now if c not in was]
    out += [RowChange("column removed", column=labels[c]) for c in was if c not in now]
    key = _key(old, new)
    before, after = _keyed(old, key), _keyed(new, key)
    added = [k for k in after if k not in before]
    removed = [k for k in before if k not in after]
    pairs = _pair(removed, added, before, after, common)

    def name(row: dict) -> str:
        return "; ".join(f"{labels[c]}: {middle(_show(row.get(c, '')))}" for c in key)

    def cells(row: dict) -> str:
        text = "; ".join(f"{labels[c]}: {shorten(_show(row.get(c, '')), 60)}" for c in common if c not in key)
        return shorten(text, ROW_TEXT)

    for k in after:
        if k in before or k in pairs:
            was = before[k] if k in before else before[pairs[k]]
            for c in common:
                if was.get(c) != after[k].get(c):
                    for o, n in text_changes(_show(was.get(c, "")), _show(after[k].get(c, ""))):
                        out.append(RowChange("changed", name(after[k]), labels[c], o, n))
        else:
            out.append(RowChange("added", name(after[k]), new=cells(after[k])))
    paired = set(pairs.values())
    out += [RowChange("removed", name(before[k]), old=cells(before[k])) for k in removed if k not in paired]
    return out


def _pair(removed: list, added: list, before: dict, after: dict, common: list[str]) -> dict:
    """Match each added row to the removed row it most resembles, when more than half of
    their cells are equal: {added key: removed key}."""
    pairs, free = {}, list(removed)
    for k in added:
        scores = [(sum(before[r].get(c) == after[k].get(c) for c in common), r) for r in free]
        if scores:
            best, r = max(scores, key=lambda s: s[0])
            if best * 2 > len(common):
                pairs[k] = r
                free.remove(r)
    return pairs
