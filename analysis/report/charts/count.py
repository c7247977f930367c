"""Charts of the count-over-time chapter: the cumulative count, its pace, Syria's share."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.report.charts.style import (
    PALETTE,
    PLACE_COLOURS,
    confidence_legend,
    confidence_style,
    date_axis,
    empty,
    finish,
    new_figure,
)
from analysis.report.charts.svg import tag
from analysis.report.derive import (
    MIN_GAP_DAYS,
    day_short,
    overall_pace,
    readable_extremes,
    same_day_reports,
    step_series,
)
from analysis.report.docref import tally_href


def _draw_counts(ax, table: pd.DataFrame, start: str | None, spread_labels: bool) -> list:
    """Step lines, report dots and same-day ranges on one axes; returns legend handles."""
    handles = []
    for place, colour in PLACE_COLOURS.items():
        series = step_series(table, place, start)
        if series.empty:
            continue
        ax.step(
            pd.to_datetime(series.index),
            series.values,
            where="post",
            color=colour,
            linewidth=2.2 if place == "Iraq and Syria" else 1.4,
            zorder=2,
        )
        handles.append(Line2D([], [], color=colour, linewidth=2, label=place))
        reports = table[(table.place == place) & (table.origin == "reference")]
        spread = reports.groupby("date")["value"].agg(["min", "max"])
        for day, row in spread[spread["min"] < spread["max"]].iterrows():
            ax.vlines(
                pd.Timestamp(day), row["min"] - 0.6, row["max"] + 0.6, color=colour, linewidth=9, alpha=0.25, zorder=1
            )
    for row in table.itertuples():
        (mark,) = ax.plot(
            [pd.Timestamp(row.date)], [row.value], **confidence_style(row.confidence, PLACE_COLOURS[row.place])
        )
        tag(mark, *_tip(row))
    if spread_labels:
        for (place, day), values in same_day_reports(table).items():
            if len(values) > 1:
                ax.annotate(
                    ", ".join(map(str, values)),
                    (pd.Timestamp(day), values[-1]),
                    xytext=(8, 5),
                    textcoords="offset points",
                    va="bottom",
                    fontsize=8,
                    color=PLACE_COLOURS[place],
                )
    return handles


def _tip(row) -> tuple[str, str]:
    """A point's tooltip and link: the document's evidence row, or the reference's source."""
    if row.origin == "extracted":
        tally_id = str(row.row).removeprefix("tallies.csv ")
        return (
            f"{row.value} attacks in {row.place} as of {day_short(row.date)}; extracted from {row.document}",
            tally_href(tally_id),
        )
    return (
        f"{row.value} attacks in {row.place} as of {day_short(row.date)}; reference report ({row.confidence} confidence)",
        row.source_url,
    )


def count_over_time(
    points: pd.DataFrame, marks: pd.DataFrame, start: str | None, source: str
) -> tuple[Figure, pd.DataFrame]:
    """The cumulative attack count as a step line per place, every report a dot (fill by
    confidence), extracted counts as stars, the marked events as dashed lines, and a
    zoom on the days when reports disagree, drawn as ranges with every value written."""
    table = points.copy()
    values = same_day_reports(table)
    table["same_day_reports"] = [
        "/".join(map(str, values.get((p, d), []))) if o == "reference" else ""
        for p, d, o in zip(table.place, table.date, table.origin)
    ]
    fig = Figure(figsize=(10, 6.4), layout="constrained")
    ax, zoom = fig.subplots(1, 2, width_ratios=[3.6, 1.2])
    if table.empty:
        empty(ax, "No dated attack counts")
        zoom.axis("off")
        finish(fig, ax, "No dated attack counts", source)
        return fig, table
    handles = _draw_counts(ax, table, start, spread_labels=False)
    top_y = float(table.value.max()) * 1.45
    end = pd.Timestamp(table.date.max()) + pd.Timedelta(days=4)
    _mark_events(ax, marks, top_y, end)
    ax.set_ylim(0, top_y * 1.02)
    first = pd.Timestamp(start) if start else pd.Timestamp(table.date.min())
    ax.set_xlim(first - pd.Timedelta(days=2), end)
    ax.grid(axis="y", color="#eeeeee")
    date_axis(ax)
    spread_handle = Line2D(
        [], [], color=PALETTE["grey"], linewidth=9, alpha=0.25, label="same-day reports disagree (range)"
    )
    confidence_legend(
        ax,
        _extracted_label(table),
        "upper left",
        extra=handles + [spread_handle],
        title="lines join the high- and\nmedium-confidence reports",
        title_fontsize=8.5,
        alignment="left",
    )
    _zoom(zoom, table, start)
    total = step_series(table, "Iraq and Syria", start)
    since = f" since {day_short(start)}" if start else ""
    title = (
        f"Attacks on US forces counted{since}: {int(total.iloc[-1])} by {day_short(total.index[-1])}"
        if len(total)
        else "Attacks on US forces over time"
    )
    finish(fig, ax, title, source, ylabel="attacks (cumulative count)")
    return fig, table.reset_index(drop=True)


def _extracted_label(table: pd.DataFrame) -> str:
    """The legend's words for the stars, naming the latest extracted count (its day's
    parts in brackets); every other star has its figure in its tooltip and in the list of
    sources below the chart, and the curators' notes on low-confidence reports are there
    too, so nothing is written over the points."""
    extracted = table[table.origin == "extracted"].sort_values(["date", "value"], ascending=[False, False])
    if extracted.empty:
        return "extracted from the documents"
    day = extracted.date.iloc[0]
    group = extracted[extracted.date == day]
    top = group.iloc[0]
    split = ", ".join(f"{r.value} {r.place}" for r in group.iloc[1:].itertuples())
    latest = f"{top.value} in {top.place}" + (f" ({split})" if split else "")
    return "extracted from the documents;\nthe latest: " + "\n".join(
        textwrap.wrap(f"{latest} as of {day_short(day)}", 34)
    )


def _mark_events(ax, marks: pd.DataFrame, top_y: float, end) -> None:
    """A dashed line per marked event, and the period after it shaded when it changed what is counted."""
    for i, mark in enumerate(marks.sort_values("date").itertuples()):
        day = pd.Timestamp(mark.date)
        ax.axvline(day, color=PALETTE["grey"], linestyle="--", linewidth=1, zorder=0)
        when = f"night of {day.day}–{(day + pd.Timedelta(days=1)).day} {day:%b}" if mark.night else day_short(day)
        ax.text(day, top_y * (1 - 0.08 * (i % 2)), f"{mark.label}\n({when}) ", ha="right", va="top", fontsize=8)
        if mark.after:
            ax.axvspan(day, end, color=PALETTE["grey"], alpha=0.08, zorder=0)
            ax.text(
                day + pd.Timedelta(days=1.5),
                top_y * 0.97,
                "after it:\n" + "\n".join(textwrap.wrap(mark.after, 16)),
                fontsize=7.5,
                va="top",
            )


def _zoom(zoom, table: pd.DataFrame, start: str | None) -> None:
    """The days when same-day reports disagree, close up, with every value written."""
    disputed = table[(table.origin == "reference") & table.same_day_reports.str.contains("/", regex=False)]
    if disputed.empty:
        zoom.axis("off")
        return
    _draw_counts(zoom, table, start, spread_labels=True)
    days = pd.to_datetime(disputed.date)
    two_days = pd.Timedelta(days=2)
    near = table[pd.to_datetime(table.date).between(days.min() - two_days, days.max() + two_days)]
    zoom.set_xlim(days.min() - pd.Timedelta(days=1.5), days.max() + pd.Timedelta(days=3))
    zoom.set_ylim(near.value.min() - 3, near.value.max() + 3)
    zoom.set_title("Zoom: days when\nreports disagree", fontsize=10, fontweight="normal", loc="left")
    zoom.grid(axis="y", color="#eeeeee")
    date_axis(zoom)


def attack_pace(pace: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Attacks per day between consecutive report dates, one bar per gap as wide as the
    gap; gaps too short to read are pale, and the busiest and quietest readable gaps are
    labelled."""
    table = pace.reset_index(drop=True)
    fig, ax = new_figure(10, 4)
    extremes = readable_extremes(table)
    if extremes is None:
        empty(ax, "Too few dated reports to compute a pace")
        finish(fig, ax, "The pace could not be computed", source)
        return fig, table
    busiest, quietest = extremes
    for i, row in table.iterrows():
        colour = PALETTE["blue"] if row.gap_long_enough else "#c9d9ea"
        if i in (busiest.name, quietest.name):
            colour = PALETTE["vermillion"] if i == busiest.name else PALETTE["sky"]
        ax.bar(
            pd.Timestamp(row["from"]),
            row.per_day,
            width=pd.Timedelta(days=int(row.days)),
            align="edge",
            color=colour,
            edgecolor="white",
            linewidth=0.8,
        )
    starts, ends = pd.to_datetime(table["from"]), pd.to_datetime(table["to"])
    overall = overall_pace(table)
    ax.axhline(overall, color=PALETTE["black"], linestyle="--", linewidth=1)
    ax.annotate(
        f"whole period: {overall:.2f} a day",
        (ends.max(), overall),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=8,
    )
    labelled = sorted(((busiest, "busiest"), (quietest, "quietest")), key=lambda pair: pair[0]["from"])
    for (row, word), align in zip(labelled, ("right", "left")):  # the earlier one to the left: no overlap
        mid = pd.Timestamp(row["from"]) + pd.Timedelta(days=row.days / 2)
        nearby = table.per_day[(ends >= mid - pd.Timedelta(days=8)) & (starts <= mid + pd.Timedelta(days=8))]
        ax.annotate(
            f"{word}: {row.per_day:.2f} a day\n{day_short(row['from'])} to {day_short(row['to'])}",
            (mid, row.per_day),
            xytext=(mid, float(nearby.max()) + 0.5),
            ha=align,
            va="bottom",
            fontsize=8,
            arrowprops={"arrowstyle": "-", "color": PALETTE["grey"], "linewidth": 0.8},
        )
    ax.legend(
        handles=[
            Patch(color=PALETTE["blue"], label="gap between reports"),
            Patch(color="#c9d9ea", label=f"gap shorter than {MIN_GAP_DAYS} days (too short to read)"),
        ],
        loc="upper right",
        fontsize=8.5,
    )
    ax.set_ylim(0, float(table.per_day.max()) * 1.45)
    date_axis(ax)
    finish(
        fig,
        ax,
        f"Busiest stretch: {busiest.per_day:.2f} attacks a day, {day_short(busiest['from'])} to "
        f"{day_short(busiest['to'])}",
        source,
        ylabel="attacks per day",
    )
    return fig, table


def syria_share(share: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """The share of the attacks counted in Syria, per report that splits the count by
    country; fill by confidence, extracted counts as stars."""
    table = share.reset_index(drop=True)
    fig, ax = new_figure(10, 4)
    if table.empty:
        empty(ax, "No report splits the count by country")
        finish(fig, ax, "No report splits the count by country", source)
        return fig, table
    line = table[table.confidence.isin(["high", "medium"])].groupby("date")["share_syria"].median()
    ax.plot(
        pd.to_datetime(line.index),
        line.values * 100,
        color=PALETTE["green"],
        linewidth=1.2,
        zorder=2,
        label="line: high- and medium-confidence reports",
    )
    for row in table.itertuples():
        style = confidence_style(row.confidence, PALETTE["green"])
        ax.plot([pd.Timestamp(row.date)], [row.share_syria * 100], **style)
    ax.axhline(50, color=PALETTE["grey"], linestyle=":", linewidth=1)
    ax.text(pd.Timestamp(table.date.min()), 51, "half", fontsize=8, color=PALETTE["grey"], va="bottom")
    ax.set_ylim(0, 100)
    ax.grid(axis="y", color="#eeeeee")
    date_axis(ax)
    confidence_legend(ax, "extracted from the documents", "lower right", ncols=2)
    ref = table[table.origin == "reference"]
    first, last = ref.iloc[0] if len(ref) else table.iloc[0], ref.iloc[-1] if len(ref) else table.iloc[-1]
    finish(
        fig,
        ax,
        f"Syria's share of the attacks counted went from {first.share_syria:.0%} "
        f"({day_short(first.date)}) to {last.share_syria:.0%} ({day_short(last.date)})",
        source,
        ylabel="share in Syria (%)",
    )
    return fig, table
