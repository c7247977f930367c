"""Chart of the timeline chapter: the dated events over the whole corpus as an overview
(events per month), and the densest stretch close up, one lane per document, the
precision of each date visible in its marker. The events' words are in the tooltips and
the table, not on the chart, so fifty documents do not overprint; when there are only a
few events, each has its own row labelled with its words."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.report.charts.style import PALETTE, date_axis, finish
from analysis.report.charts.svg import tag
from analysis.report.derive import day_short
from analysis.report.docref import catalogue, doc_href, short_label

PRECISION_MARKERS = {
    "day": "o",
    "night": "D",
    "days-before": ">",
    "approximate": "o",
    "week": "s",
    "month": "s",
    "year": "s",
}
DENSE_DAYS = 120  # the close-up's width: about four months
MAX_LANES = 24
FEW_EVENTS = 12  # up to this many, each event has its own row, labelled with its words


def dense_window(dates: pd.Series, days: int = DENSE_DAYS) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The `days`-long stretch holding the most events (the earliest such one)."""
    stamps = sorted(pd.to_datetime(dates))
    best, start = 0, stamps[0]
    for i, first in enumerate(stamps):
        n = sum(1 for t in stamps[i:] if t <= first + pd.Timedelta(days=days))
        if n > best:
            best, start = n, first
    return start, start + pd.Timedelta(days=days)


def timeline(events: pd.DataFrame, source: str, documents: pd.DataFrame | None = None):
    """Overview and close-up of the dated events; a sentence when there are none."""
    docs = catalogue(documents) if documents is not None else {}
    dated = events.dropna(subset=["date"]).sort_values(
        ["date", "doc_id", "start"] if "doc_id" in events else ["date", "start"]
    )
    table = dated.assign(
        document=[docs.get(d, {}).get("label", str(d)) for d in dated.get("doc_id", pd.Series("", index=dated.index))]
    )[["date", "precision", "date_text", "event", "source", "status", "document"]]
    table = table.assign(doc_id=dated.get("doc_id", "")).reset_index(drop=True)
    if table.empty:
        return "No event in the documents has a date.", table.drop(columns=["doc_id"])
    dates = pd.to_datetime(table.date)
    span_days = (dates.max() - dates.min()).days
    start, end = dense_window(table.date) if span_days > DENSE_DAYS else (dates.min(), dates.max())
    near = table[(dates >= start) & (dates <= end)]
    overview = span_days > DENSE_DAYS
    by_event = not overview and len(near) <= FEW_EVENTS  # few events: one labelled row each, as they read
    near = near.assign(lane=[f"{i}" for i in range(len(near))] if by_event else near.document)
    lanes = list(dict.fromkeys(near.sort_values(["date"]).lane))[:MAX_LANES]
    names = (
        ["\n".join(textwrap.wrap(str(e), 40)[:2]) for e in near.sort_values(["date"]).event]
        if by_event
        else [short_label(lane) for lane in lanes]
    )
    lanes_height = max(2.4, 1.6 + (0.5 if by_event else 0.32) * len(lanes))
    fig = Figure(figsize=(9, (2.0 if overview else 0) + lanes_height), layout="constrained")
    if overview:
        top, ax = fig.subplots(2, 1, height_ratios=[2.0, lanes_height])
        monthly = dates.dt.to_period("M").value_counts().sort_index()
        months = monthly.index.to_timestamp()
        top.bar(months, monthly.values, width=26, color=PALETTE["blue"])
        top.axvspan(start, end, color=PALETTE["orange"], alpha=0.2)
        top.set_title(f"All {len(table)} dated events, per month (shaded: the close-up below)", fontsize=9, loc="left")
        top.set_ylabel("events", fontsize=8)
        date_axis(top)
    else:
        ax = fig.add_subplot()
    for row in near.itertuples():
        if row.lane not in lanes:
            continue
        hollow = row.precision not in ("day", "night")
        (mark,) = ax.plot(
            [pd.Timestamp(row.date)], [lanes.index(row.lane)], marker=PRECISION_MARKERS.get(row.precision, "o"),
            ms=8, linestyle="none", markerfacecolor="white" if hollow else PALETTE["blue"], markeredgecolor=PALETTE["blue"],
        )  # fmt: skip
        tag(
            mark,
            f"{day_short(row.date)} ({row.precision}, “{row.date_text}”): {row.event}; {row.document}",
            doc_href(row.doc_id),
        )
    ax.set_yticks(range(len(lanes)), names, fontsize=8)
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    pad = pd.Timedelta(days=max(2, (end - start).days * 0.04))
    ax.set_xlim(start - pad, end + pad)
    ax.grid(axis="x", color="#eeeeee")
    date_axis(ax)
    shown = [p for p in PRECISION_MARKERS if p in set(near.precision)]
    handles = [
        Line2D([], [], marker=PRECISION_MARKERS[p], linestyle="none", color=PALETTE["blue"],
               markerfacecolor="white" if p not in ("day", "night") else PALETTE["blue"], label=p)
        for p in shown
    ]  # fmt: skip
    ax.legend(handles=handles, title="date precision", loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    title = f"{len(table)} dated events, {day_short(dates.min())} to {day_short(dates.max())}"
    if overview:
        title += f"; close-up of the busiest {DENSE_DAYS} days ({len(near)} events)"
    lane_word = "one row per event" if by_event else "one lane per document"
    finish(fig, ax, title, source, xlabel=f"date of the event ({lane_word})")
    return fig, table.drop(columns=["doc_id"])
