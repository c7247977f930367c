"""The "Changes to the figures" page: book/changes.csv, the log `make outputs` appends to
whenever a refresh changes what the book shows, read newest refresh first, each change
linked to the chapter that shows it."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from analysis.paths import BOOK
from analysis.report.display import Html, Shown, show
from analysis.report.labels import figure_label

LOG = BOOK / "changes.csv"
# One row per change. date: the refresh's day (UTC); commit: the commit it was made on;
# chapter and anchor: the page (and the id on it) that shows the item.
LOG_COLUMNS = [
    "date",
    "commit",
    "notebook",
    "kind",
    "item",
    "row",
    "column",
    "change",
    "old",
    "new",
    "chapter",
    "anchor",
    "reason",
]


def load_log(path: Path = LOG) -> pd.DataFrame:
    """The log as text (an empty cell stays empty text, a '77' stays '77')."""
    if not Path(path).is_file():
        return pd.DataFrame(columns=LOG_COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False)[LOG_COLUMNS]


def newest_first(log: pd.DataFrame) -> pd.DataFrame:
    """The refreshes in reverse order of the log (each refresh is a run of rows with the
    same day, commit and reason), each refresh's changes in the order it logged them."""
    if log.empty:
        return log.reset_index(drop=True)
    return (
        log.assign(_refresh=_refreshes(log), _order=range(len(log)))
        .sort_values(["_refresh", "_order"], ascending=[False, True])
        .drop(columns=["_refresh", "_order"])
        .reset_index(drop=True)
    )


def _refreshes(log: pd.DataFrame) -> pd.Series:
    """Each row's refresh, numbered from 1 in the log's order."""
    keys = log[["date", "commit", "reason"]]
    return (keys != keys.shift()).any(axis=1).cumsum()


def _what(row) -> str:
    if row.kind != "figure":
        return f"{row.kind}: {row['item']}"
    label = figure_label(row["item"])
    same = label.lower().replace(" ", "_").replace("-", "_") == row["item"].lower().replace("-", "_")
    return row["item"] if same else f"{label} ({row['item']})"


def _href(row) -> str:
    page = str(row.chapter).rsplit("/", 1)[-1]
    return f"{page}.html" + (f"#{row.anchor}" if row.anchor else "") if page else ""


def refreshes(log: pd.DataFrame) -> list[tuple[Html, Shown]]:
    """Each refresh, newest first: a line saying when, on which commit and why, and the
    table of what it changed, each item linked to the chapter that shows it."""
    ordered = newest_first(log)
    if ordered.empty:
        return []
    found = []
    for _, entries in ordered.groupby(_refreshes(ordered), sort=False):
        first = entries.iloc[0]
        commit = f" · commit <code>{html.escape(first['commit'][:12])}</code>" if first["commit"] else ""
        body = f'<p class="report-refresh"><strong>{html.escape(first.date)}</strong>{commit} · {html.escape(first.reason)}</p>'
        text = f"{first.date} {first['commit'][:12]}: {first.reason}"
        found.append((Html(body, text), changes_table(entries)))
    return found


def changes_table(entries: pd.DataFrame) -> Shown:
    """One refresh's changes as the page shows them: the changed item linked to the
    chapter that shows it, the row, the change, the value it had and has."""
    frame = pd.DataFrame(
        {
            "what": [_what(r) for _, r in entries.iterrows()],
            "what_href": [_href(r) for _, r in entries.iterrows()],
            "row": entries.row.to_numpy(),
            "change": [f"{r.column}: {r.change}" if r.column else r.change for _, r in entries.iterrows()],
            "old": entries.old.to_numpy(),
            "new": entries.new.to_numpy(),
        }
    )
    labels = {"what": "Figure, table or chart", "row": "Row", "change": "Change", "old": "Was", "new": "Now"}
    return show(frame, links={"what": "what_href"}, labels=labels, key=("what", "row", "change"))


def summary(log: pd.DataFrame) -> str:
    """One sentence over the whole log, for the top of the page."""
    if log.empty:
        return "No refresh has changed a published figure, table or chart since the log began."
    refreshes = int(_refreshes(log).max())
    items = len(log[["notebook", "kind", "item"]].drop_duplicates())
    first, last = log.date.min(), log.date.max()
    when = f"on {first}" if first == last else f"between {first} and {last}"
    return (
        f"{refreshes} refresh{'es' * (refreshes != 1)} of the stored outputs changed {items} "
        f"published item{'s' * (items != 1)} (figures, tables or charts) {when}."
    )
