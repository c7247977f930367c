"""Chart of the documents chapter: who speaks in the documents, and how sure."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.report.charts.style import STATUS_COLOURS, STATUS_ORDER, empty, finish, new_figure
from analysis.report.charts.svg import tag


def epistemic_map(claims: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Share of the document's attributed text by who speaks and how sure: one bar per
    source kind, split by status, measured in characters of evidence."""
    table = (
        claims.assign(chars=claims["end"] - claims["start"])
        .groupby(["source_kind", "status"], as_index=False)
        .agg(claims=("claim", "size"), chars=("chars", "sum"))
    )
    total = table["chars"].sum()
    table["share_of_text"] = (table["chars"] / total).round(3) if total else 0.0
    table = table.sort_values(["source_kind", "status"], key=_status_key).reset_index(drop=True)
    fig, ax = new_figure(8, 4.5)
    if table.empty:
        empty(ax)
    else:
        kinds = sorted(table["source_kind"].unique(), key=lambda k: -table.loc[table.source_kind == k, "chars"].sum())
        left = pd.Series(0.0, index=kinds)
        for status in [s for s in STATUS_ORDER if s in set(table["status"])]:
            part = table[table.status == status].set_index("source_kind")["share_of_text"].reindex(kinds).fillna(0)
            bars = ax.barh(kinds, part * 100, left=left * 100, color=STATUS_COLOURS[status], label=status)
            for kind, bar in zip(kinds, bars.patches):
                tag(bar, f"{kind}: {part[kind]:.0%} of the claim text is {status}")
            left += part
        ax.invert_yaxis()
        ax.legend(title="status", loc="lower right")
    confirmed = table.loc[table.status == "confirmed", "share_of_text"].sum()
    finish(
        fig,
        ax,
        f"{confirmed:.0%} of the attributed text is confirmed; the rest is reported, unconfirmed or rumour",
        source,
        xlabel="share of the documents' claim text (%)",
    )
    return fig, table


def _status_key(column: pd.Series) -> pd.Series:
    if column.name == "status":
        return column.map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(len(STATUS_ORDER))
    return column
