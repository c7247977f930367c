"""Chart of the timeline chapter: dated events with their precision visible."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure

from analysis.report.charts.style import PALETTE, date_axis, empty, finish, new_figure

PRECISION_MARKERS = {
    "day": "o",
    "night": "D",
    "days-before": ">",
    "approximate": "o",
    "week": "s",
    "month": "s",
    "year": "s",
}


def timeline(events: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Dated events with their precision visible: exact days as filled dots, nights as
    diamonds, approximate dates hollow, 'days before' as a dashed arrow ending at the
    date it is counted back from."""
    table = events.dropna(subset=["date"]).sort_values(["date", "start"])[
        ["date", "precision", "date_text", "event", "source", "status"]
    ]
    table = table.reset_index(drop=True)
    fig, ax = new_figure(9, max(3.0, 0.6 * len(table) + 1.8))
    if table.empty:
        empty(ax, "No dated events")
    else:
        dates = pd.to_datetime(table.date)
        for i, (when, row) in enumerate(zip(dates, table.itertuples())):
            hollow = row.precision not in ("day", "night")
            ax.plot(
                [when],
                [i],
                marker=PRECISION_MARKERS.get(row.precision, "o"),
                markersize=9,
                linestyle="none",
                markerfacecolor="white" if hollow else PALETTE["blue"],
                markeredgecolor=PALETTE["blue"],
            )
            if row.precision == "days-before":
                ax.annotate(
                    "",
                    xy=(when - pd.Timedelta(days=1), i),
                    xytext=(when - pd.Timedelta(days=6), i),
                    arrowprops={"arrowstyle": "<-", "color": PALETTE["grey"], "linestyle": "dashed"},
                )
            ax.text(when, i - 0.32, f" {row.date_text} ({row.precision})", fontsize=8, color=PALETTE["grey"])
        labels = ["\n".join(textwrap.wrap(str(e), 42)) for e in table.event]
        ax.set_yticks(range(len(table)), labels, fontsize=8.5)
        ax.set_ylim(len(table) - 0.4, -0.8)
        pad = max(pd.Timedelta(days=4), (dates.max() - dates.min()) * 0.12)
        ax.set_xlim(dates.min() - pad, dates.max() + pad * 2)
        ax.grid(axis="x", color="#eeeeee")
        date_axis(ax)
    span = f"{table.date.min()} to {table.date.max()}" if not table.empty else "no dates"
    finish(fig, ax, f"{len(table)} dated events, {span}", source, xlabel="date")
    return fig, table
