"""Charts of the tallies chapter, drawn for one document or fifty: the extracted
cumulative counts over time, the country splits report by report, the pace between
consecutive cumulative reports, injuries and deaths over time with their windows, and
the weapons named. Each mark links to its evidence row; only the latest and the largest
points are labelled, the rest are in the legend and the tables. A chart with nothing to
show returns a sentence instead of a figure."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from matplotlib.lines import Line2D

from analysis.report.charts.style import PALETTE, date_axis, finish, new_figure
from analysis.report.charts.svg import tag
from analysis.report.docref import catalogue, day, short_label, tally_href
from analysis.report.headline import MEASURE_WORDS, totals

PLACE_ORDER = ["Iraq and Syria", "Iraq", "Syria"]
PLACE_COLOURS = {"Iraq and Syria": PALETTE["blue"], "Iraq": PALETTE["orange"], "Syria": PALETTE["green"]}
OTHER_COLOUR = PALETTE["purple"]
MEASURE_COLOURS = {"injured": PALETTE["vermillion"], "killed": PALETTE["black"], "casualties": PALETTE["purple"]}


def _documents(tallies: pd.DataFrame, documents: pd.DataFrame | None) -> dict:
    return catalogue(documents) if documents is not None else {}


def _doc(docs: dict, doc_id) -> str:
    return docs.get(doc_id, {}).get("label", str(doc_id))


def _place(location) -> str:
    return location if isinstance(location, str) and location in PLACE_COLOURS else "elsewhere"


def count_points(tallies: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every dated attack count, one row per report (a whole count or a country part),
    in date order, with its document."""
    docs = _documents(tallies, documents)
    rows = tallies[(tallies.measure == "attacks") & tallies.as_of.notna() & tallies.value.notna()]
    table = pd.DataFrame(
        {
            "as_of": rows.as_of.astype(str),
            "value": rows.value.astype(int),
            "place": rows.location.fillna("no place stated"),
            "since": rows.since,
            "attributed_to": rows.attributed_to,
            "part": rows.part_of.notna() if "part_of" in rows else False,
            "document": [_doc(docs, d) for d in rows.doc_id],
            "tally_id": rows.tally_id,
        }
    )
    return table.sort_values(["as_of", "value", "tally_id"]).reset_index(drop=True)


def counts_over_time(tallies: pd.DataFrame, source: str, documents: pd.DataFrame | None = None):
    """The extracted attack counts by as-of day, a colour per place; the latest and the
    largest counts labelled, every point a link to its evidence."""
    table = count_points(tallies, documents)
    if len(table) < 2 or table.as_of.nunique() < 2:
        if table.empty:
            return "No attack count in the documents has an as-of day, so none can be placed in time.", table
        listed = ", ".join(f"{r.value} in {r.place}" for r in table.sort_values("value", ascending=False).itertuples())
        documents_named = "; ".join(sorted(set(table.document)))
        return (
            f"Every dated attack count is as of one day, {day(table.as_of.iloc[0])}: {listed} ({documents_named}). "
            "A line over time needs counts of at least two days.",
            table,
        )
    fig, ax = new_figure(9, 4.6)
    handles = {}
    for row in table.itertuples():
        place = _place(row.place)
        colour = PLACE_COLOURS.get(place, OTHER_COLOUR)
        (mark,) = ax.plot(
            [pd.Timestamp(row.as_of)], [row.value], marker="o" if not row.part else "s", color=colour, ms=7,
            linestyle="none", markeredgecolor="white", zorder=3,
        )  # fmt: skip
        tag(
            mark, f"{row.value} attacks in {row.place} as of {day(row.as_of)}; {row.document}", tally_href(row.tally_id)
        )
        handles.setdefault(place, Line2D([], [], marker="o", color=colour, linestyle="none", label=place))
    for place in PLACE_ORDER:
        line = table[table.place == place].groupby("as_of")["value"].max()
        if len(line) > 1:
            ax.plot(pd.to_datetime(line.index), line.values, color=PLACE_COLOURS[place], lw=1, alpha=0.5, zorder=2)
    labelled = {table.value.idxmax(), table.index[-1]}
    for i in sorted(labelled):
        row = table.loc[i]
        ax.annotate(
            f"{row.value} ({row.place}, {day(row.as_of)})", (pd.Timestamp(row.as_of), row.value),
            xytext=(-6, 6), textcoords="offset points", ha="right", fontsize=8,
        )  # fmt: skip
    ax.set_ylim(0, table.value.max() * 1.18)
    ax.grid(axis="y", color="#eeeeee")
    date_axis(ax)
    order = [p for p in [*PLACE_ORDER, "elsewhere"] if p in handles]
    ax.legend(handles=[handles[p] for p in order], loc="upper left", fontsize=8.5, title="place (squares: a part)")
    top = table.loc[table.value.idxmax()]
    title = f"{len(table)} dated attack counts in {table.as_of.nunique()} days; the largest, {top.value}, as of {day(top.as_of)}"
    finish(fig, ax, title, source, ylabel="attacks counted")
    return fig, table


def split_reports(tallies: pd.DataFrame, checks: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every split-sum check as one report: its total, its parts, the sum and status."""
    docs = _documents(tallies, documents)
    splits = checks[checks.kind == "split_sum"] if len(checks) else checks
    by_id = tallies.set_index("tally_id") if len(tallies) else tallies
    rows = []
    for check in splits.itertuples():
        ids = [i for i in str(check.evidence).split(";") if i in by_id.index]
        if not ids:
            continue
        total, parts = by_id.loc[ids[0]], by_id.loc[ids[1:]]
        rows.append(
            {
                "as_of": total.as_of if isinstance(total.as_of, str) else "",
                "document": _doc(docs, check.doc_id),
                "total_place": total.location if isinstance(total.location, str) else "no place stated",
                "total": int(total.value),
                "parts": "; ".join(f"{p.location if isinstance(p.location, str) else '?'} {int(p.value)}" for p in parts.itertuples()),
                "sum_of_parts": int(parts.value.sum()),
                "formula": check.formula,
                "status": {"ok": "holds", "reviewed": "source inconsistent (reviewed)"}.get(check.status, "does not hold"),
                "tally_id": ids[0],
                "part_values": [int(v) for v in parts.value],
                "part_places": [p if isinstance(p, str) else "?" for p in parts.location],
            }
        )  # fmt: skip
    columns = ["as_of", "document", "total_place", "total", "parts", "sum_of_parts", "formula", "status", "tally_id"]
    table = pd.DataFrame(rows, columns=columns + ["part_values", "part_places"])
    return table.sort_values(["as_of", "document", "tally_id"]).reset_index(drop=True)


def attack_split(tallies: pd.DataFrame, checks: pd.DataFrame, source: str, documents: pd.DataFrame | None = None):
    """One bar per report that splits its count by country, in date order: the parts
    stacked, the stated total a black tick, the check's verdict at the end of the bar."""
    reports = split_reports(tallies, checks, documents)
    table = reports.drop(columns=["part_values", "part_places"])
    if reports.empty:
        return "No document splits an attack count by country, so there is no split to check.", table
    fig, ax = new_figure(9, 2.8 + 0.55 * len(reports))
    for i, row in reports.iterrows():
        left = 0
        for value, place in zip(row.part_values, row.part_places):
            bar = ax.barh(i, value, left=left, color=PLACE_COLOURS.get(place, OTHER_COLOUR), height=0.6)
            tag(bar.patches[0], f"{value} in {place}, as of {day(row.as_of)}; {row.document}", tally_href(row.tally_id))
            if value >= 0.08 * reports.total.max():
                ax.text(left + value / 2, i, str(value), ha="center", va="center", fontsize=8, color="white")
            left += value
        (tick,) = ax.plot([row.total, row.total], [i - 0.38, i + 0.38], color="black", lw=2)
        tag(
            tick,
            f"stated total: {row.total} in {row.total_place}; {row.formula} ({row.status})",
            tally_href(row.tally_id),
        )
        ax.text(max(row.total, left) * 1.01 + 1, i, f"{row.formula}: {row.status}", va="center", fontsize=8)
    ax.set_yticks(
        range(len(reports)),
        [f"as of {day(r.as_of)}\n{short_label(r.document)}" for r in reports.itertuples()],
        fontsize=8,
    )
    ax.invert_yaxis()
    ax.set_xlim(0, max(reports.total.max(), reports.sum_of_parts.max()) * 1.55)
    places = sorted({p for ps in reports.part_places for p in ps}, key=lambda p: (p not in PLACE_ORDER, p))
    handles = [Line2D([], [], color=PLACE_COLOURS.get(p, OTHER_COLOUR), lw=6, label=p) for p in places]
    handles.append(Line2D([], [], color="black", lw=2, label="stated total"))
    ax.legend(handles=handles, loc="lower right", fontsize=8.5)
    bad = int((reports.status != "holds").sum())
    reviewed = int((reports.status == "source inconsistent (reviewed)").sum())
    if len(reports) == 1:
        title = "1 report splits the count by country; " + (
            "its parts do not add up to the stated total" if bad else "its parts add up to the stated total"
        )
    else:
        title = f"{len(reports)} reports split the count by country; "
        title += f"in {bad} the parts do not add up" if bad else "in each the parts add up to the stated total"
    if reviewed:
        title += f" ({reviewed} reviewed: the source's own figures)"
    finish(fig, ax, title, source, xlabel="attacks (cumulative count)")
    return fig, table


def report_pace(tallies: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Attacks a day between consecutive dated whole counts for Iraq and Syria (the
    highest count of each day), the documents at either end named."""
    docs = _documents(tallies, documents)
    whole = totals(tallies, "attacks")
    whole = whole[whole.as_of.notna() & (whole.location == PLACE_ORDER[0])].sort_values(["as_of", "value"])
    best = whole.groupby("as_of").tail(1)
    rows = []
    for a, b in zip(best.itertuples(), list(best.itertuples())[1:]):
        days = (dt.date.fromisoformat(b.as_of) - dt.date.fromisoformat(a.as_of)).days
        rows.append(
            {
                "from": a.as_of, "to": b.as_of, "days": days, "count_from": int(a.value), "count_to": int(b.value),
                "attacks": int(b.value - a.value), "per_day": round((b.value - a.value) / days, 2),
                "from_document": _doc(docs, a.doc_id), "to_document": _doc(docs, b.doc_id), "tally_id": b.tally_id,
            }
        )  # fmt: skip
    columns = ["from", "to", "days", "count_from", "count_to", "attacks", "per_day", "from_document", "to_document"]
    return pd.DataFrame(rows, columns=columns + ["tally_id"])


def attacks_per_day(tallies: pd.DataFrame, checks: pd.DataFrame, source: str, documents: pd.DataFrame | None = None):
    """The pace between consecutive cumulative reports, a bar as wide as the gap; with
    fewer than two reports, the rate its one window gives, as a sentence."""
    table = report_pace(tallies, documents)
    if table.empty:
        rates = checks[(checks.kind == "rate") & checks.check_id.str.contains("per_day")] if len(checks) else checks
        if len(rates):
            first = rates.sort_values("check_id").iloc[0]
            text = (
                f"Only one dated cumulative count for Iraq and Syria, so no pace between reports: {first.description}"
            )
        else:
            text = "No two dated cumulative counts for Iraq and Syria, and no count with both a start and an as-of day."
        return text, table
    if len(table) == 1:  # one gap: a bar would say no more than this sentence
        row = table.iloc[0]
        text = (
            f"Between the two dated cumulative counts for Iraq and Syria, {row.count_from} as of {day(row['from'])} "
            f"({row.from_document}) and {row.count_to} as of {day(row.to)} ({row.to_document}), the count "
            f"{'grew' if row.attacks >= 0 else 'fell'} by {abs(row.attacks)} in {row.days} days: {row.per_day:.2f} a day."
        )
        return text, table
    fig, ax = new_figure(9, 3.8)
    falls = table[table.attacks < 0]
    for row in table.itertuples():
        colour = PALETTE["blue"] if row.attacks >= 0 else PALETTE["grey"]
        bars = ax.bar(pd.Timestamp(row[1]), row.per_day, width=pd.Timedelta(days=max(row.days, 1)), align="edge", color=colour, edgecolor="white")  # fmt: skip
        tip = f"{row.per_day:.2f} a day from {day(row[1])} ({row.count_from}, {row.from_document}) to {day(row.to)} ({row.count_to}, {row.to_document})"
        tag(bars.patches[0], tip, tally_href(row.tally_id))
    top = table.loc[table.per_day.idxmax()]
    ax.annotate(f"{top.per_day:.2f} a day", (pd.Timestamp(top["from"]) + pd.Timedelta(days=top.days / 2), top.per_day), xytext=(0, 4), textcoords="offset points", ha="center", fontsize=8)  # fmt: skip
    ax.axhline(0, color="black", lw=0.8)
    ax.grid(axis="y", color="#eeeeee")
    date_axis(ax)
    title = f"Attacks a day between consecutive cumulative reports: up to {top.per_day:.2f}"
    if len(falls):
        title += f"; {len(falls)} gap{'s' if len(falls) != 1 else ''} where a later report counts fewer (grey)"
    finish(fig, ax, title, source, ylabel="attacks per day")
    return fig, table


def casualty_points(tallies: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every whole injury and death figure with its window, dated by its as-of day or
    else by its document's publication day (marked as such)."""
    docs = _documents(tallies, documents)
    rows = []
    for measure in MEASURE_WORDS:
        for r in totals(tallies, measure).itertuples():
            published = docs.get(r.doc_id, {}).get("published", "")
            when = r.as_of if isinstance(r.as_of, str) else published
            if not when or pd.isna(r.value):
                continue
            rows.append(
                {
                    "day": when, "dated_by": "as of" if isinstance(r.as_of, str) else "publication",
                    "measure": MEASURE_WORDS[measure], "value": int(r.value),
                    "detail": r.detail if isinstance(r.detail, str) else "",
                    "place": r.location if isinstance(r.location, str) else "",
                    "since": r.since if isinstance(r.since, str) else "",
                    "attributed_to": r.attributed_to if isinstance(r.attributed_to, str) else "",
                    "document": _doc(docs, r.doc_id), "tally_id": r.tally_id,
                }
            )  # fmt: skip
    columns = [
        "day",
        "dated_by",
        "measure",
        "value",
        "detail",
        "place",
        "since",
        "attributed_to",
        "document",
        "tally_id",
    ]
    return pd.DataFrame(rows, columns=columns).sort_values(["day", "measure", "value"]).reset_index(drop=True)


def injury_window(tallies: pd.DataFrame, source: str, documents: pd.DataFrame | None = None):
    """Injury and death figures over time: a dot at the day each holds to, a line back
    to the start of its window; hollow when dated only by publication."""
    table = casualty_points(tallies, documents)
    if table.empty:
        return "No document gives a dated figure of US personnel injured or killed.", table
    fig, ax = new_figure(9, 4.2)
    for row in table.itertuples():
        colour = MEASURE_COLOURS[{v: k for k, v in MEASURE_WORDS.items()}[row.measure]]
        end = pd.Timestamp(row.day)
        if row.since:
            ax.plot([pd.Timestamp(row.since), end], [row.value, row.value], color=colour, lw=1.5, alpha=0.5)
        (dot,) = ax.plot([end], [row.value], marker="o", ms=7, linestyle="none", color=colour,
                         markerfacecolor=colour if row.dated_by == "as of" else "white")  # fmt: skip
        window = f"since {day(row.since)} " if row.since else ""
        tip = f"{row.value} {row.measure}{' (' + row.detail + ')' if row.detail else ''} {row.place} {window}({row.dated_by} {day(row.day)}); {row.document}"
        tag(dot, tip, tally_href(row.tally_id))
    for measure, part in table.groupby("measure"):
        top = part.loc[part.value.idxmax()]
        ax.annotate(f"{top.value} {measure}", (pd.Timestamp(top.day), top.value), xytext=(6, 4), textcoords="offset points", fontsize=8)  # fmt: skip
    present = [m for m in MEASURE_WORDS if MEASURE_WORDS[m] in set(table.measure)]
    handles = [
        Line2D([], [], marker="o", color=MEASURE_COLOURS[m], linestyle="-", label=MEASURE_WORDS[m]) for m in present
    ]
    if (table.dated_by == "publication").any():
        handles.append(Line2D([], [], marker="o", color=PALETTE["grey"], markerfacecolor="white", linestyle="none", label="no as-of day: at publication"))  # fmt: skip
    ax.legend(handles=handles, loc="upper left", fontsize=8.5)
    ax.set_ylim(0, table.value.max() * 1.2)
    ax.margins(x=0.08)
    ax.grid(axis="y", color="#eeeeee")
    date_axis(ax)
    title = f"{len(table)} figure{'s' if len(table) != 1 else ''} of US personnel injured or killed, by the day each holds to"
    finish(fig, ax, title, source, ylabel="people", xlabel="lines: the window a figure covers")
    return fig, table


def weapons_named(tallies: pd.DataFrame, source: str, documents: pd.DataFrame | None = None):
    """How often each weapon is named in a tally sentence; a sentence when each is named once."""
    named = tallies.weapons.dropna()
    counts = pd.Series([w.strip() for cell in named for w in cell.split(";") if w.strip()], dtype="string")
    table = (
        counts.value_counts()
        .rename_axis("weapon")
        .reset_index(name="tallies_naming_it")
        .sort_values(["tallies_naming_it", "weapon"], ascending=[False, True])
        .reset_index(drop=True)
    )
    if table.empty:
        return "No weapon is named in a tally sentence.", table
    if table.tallies_naming_it.max() <= 1:
        return (
            f"The tally sentences name {len(table)} kinds of weapon, each once: {', '.join(sorted(table.weapon))}.",
            table,
        )
    fig, ax = new_figure(7, max(2.4, 1.4 + 0.4 * len(table)))
    ax.barh(table.weapon, table.tallies_naming_it, color=PALETTE["orange"])
    ax.invert_yaxis()
    finish(
        fig,
        ax,
        f"{len(table)} kinds of weapon named in the tally statements",
        source,
        xlabel="tallies naming the weapon",
    )
    return fig, table
