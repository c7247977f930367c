"""Charts of the tallies chapter: country splits, rates, injury windows, weapons."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure

from analysis.report.charts.style import PALETTE, date_axis, empty, finish, new_figure


def attack_split(tallies: pd.DataFrame, checks: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Attacks by country next to the combined total they should add up to, with the
    split-sum check computed by the pipeline printed on the chart."""
    attacks = tallies[tallies.measure == "attacks"]
    splits = checks[checks.kind == "split_sum"] if not checks.empty else checks
    fig, ax = new_figure(8, 4.5)
    rows = []
    for check in splits.itertuples():
        ids = set(str(check.evidence).split(";"))
        used = attacks[attacks.tally_id.isin(ids)]
        total = used[used.value == used.value.max()].head(1)
        for row in used.itertuples():
            role = "total" if row.tally_id in set(total.tally_id) else "part"
            rows.append(
                {
                    "check_id": check.check_id,
                    "location": row.location,
                    "role": role,
                    "value": row.value,
                    "as_of": row.as_of,
                    "formula": check.formula,
                    "status": check.status,
                }
            )
    table = pd.DataFrame(rows, columns=["check_id", "location", "role", "value", "as_of", "formula", "status"])
    if table.empty:
        table = attacks[["location", "value", "as_of"]].assign(role="reported").reset_index(drop=True)
    if table.empty:
        empty(ax)
        title = "No attack tallies were found"
    else:
        table = table.sort_values(["role", "location"], ascending=[False, True]).reset_index(drop=True)
        colours = [PALETTE["grey"] if r == "total" else PALETTE["blue"] for r in table.role]
        labels = [f"{loc}\n({role})" for loc, role in zip(table.location, table.role)]
        bars = ax.bar(range(len(table)), table.value, color=colours)
        ax.bar_label(bars, labels=[str(v) for v in table.value], padding=2)
        ax.set_xticks(range(len(table)), labels)
        if "formula" in table and table["formula"].notna().any():
            first = table.dropna(subset=["formula"]).iloc[0]
            mark = "holds" if first.status == "ok" else "does NOT hold"
            ax.text(0.99, 0.97, f"check: {first.formula} {mark}", transform=ax.transAxes, ha="right", va="top")
        as_of = ", ".join(sorted(set(table.as_of.dropna().astype(str))))
        title = f"Attacks on US forces by country, as of {as_of}"
    finish(fig, ax, title, source, ylabel="attacks (cumulative count)")
    return fig, table


def attacks_per_day(checks: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """The pipeline's derived rates (attacks per day over the reported window)."""
    rates = checks[(checks.kind == "rate") & checks.check_id.str.contains("per_day")] if not checks.empty else checks
    table = rates[["check_id", "description", "formula", "observed"]].reset_index(drop=True)
    fig, ax = new_figure(8, 3.5)
    if table.empty:
        empty(ax, "No window with both a start and an as-of date")
        title = "Attacks per day could not be computed"
    else:
        labels = ["\n".join(textwrap.wrap(d, 28)) for d in table.description]
        bars = ax.barh(labels, table.observed.astype(float), color=PALETTE["blue"])
        ax.bar_label(bars, labels=[f"{v:.2f}" for v in table.observed.astype(float)], padding=3)
        ax.invert_yaxis()
        title = f"About {float(table.observed.iloc[0]):.1f} attacks a day over the reported window"
    finish(fig, ax, title, source, xlabel="attacks per day")
    return fig, table


def injury_window(tallies: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Each injury tally drawn as the window it covers, so a statement like 'none since
    a date' sits visibly inside the overall count's window."""
    injured = tallies[tallies.measure == "injured"]
    table = injured[["tally_id", "value", "qualifier", "since", "as_of", "attributed_to", "number_text"]].reset_index(
        drop=True
    )
    fig, ax = new_figure(8, 3.5)
    plotted = table.dropna(subset=["as_of"])
    if plotted.empty:
        empty(ax, "No dated injury tallies")
        title = "No dated injury tallies were found"
    else:
        for i, row in enumerate(plotted.itertuples()):
            end = pd.Timestamp(row.as_of)
            start = pd.Timestamp(row.since) if isinstance(row.since, str) else end
            colour = PALETTE["vermillion"] if row.value else PALETTE["green"]
            ax.plot([start, end], [i, i], color=colour, linewidth=8, solid_capstyle="butt")
            ax.text(end, i, f"  {row.value} injured ({row.attributed_to})", va="center")
        ax.set_yticks(range(len(plotted)), [f"{r.since or '?'} to {r.as_of}" for r in plotted.itertuples()])
        ax.invert_yaxis()
        ax.margins(x=0.35, y=0.4)
        date_axis(ax)
        total = int(plotted.value.max())
        zero = plotted[plotted.value == 0]
        title = f"{total} US troops reported injured over the window"
        if not zero.empty:
            title += f"; none since {zero.iloc[0].since}, according to {zero.iloc[0].attributed_to}"
    finish(fig, ax, title, source, xlabel="date (window covered by each statement)")
    return fig, table


def weapons_named(tallies: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """How often each weapon is named in a tally sentence."""
    named = tallies.weapons.dropna()
    counts = pd.Series([w.strip() for cell in named for w in cell.split(";") if w.strip()], dtype="string")
    table = (
        counts.value_counts()
        .rename_axis("weapon")
        .reset_index(name="tallies_naming_it")
        .sort_values(["tallies_naming_it", "weapon"], ascending=[False, True])
        .reset_index(drop=True)
    )
    fig, ax = new_figure(6, 3)
    if table.empty:
        empty(ax, "No weapons named")
    else:
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
