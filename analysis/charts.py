"""The house style for every chart, in one place.

Charts are drawn on `matplotlib.figure.Figure` objects (not pyplot) so nothing is shown
implicitly; each chart function returns the figure and the table it plotted, and
notebooks display that table so nbval regression-tests the plotted values (nbval does
not compare PNG images).
"""
from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
    "black": "#000000",
}
SEQUENCE = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "yellow", "grey")]

STYLE = {
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=SEQUENCE),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "svg.hashsalt": "report",
    "legend.frameon": False,
}
matplotlib.rcParams.update(STYLE)


def png_bytes(fig: Figure) -> bytes:
    """PNG without the software-version stamp, so stored outputs stay byte-stable."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _register_notebook_display() -> None:
    """Figures are built without pyplot, so tell IPython (when present) how to show one."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, png_bytes)


_register_notebook_display()


def new_figure(width: float = 8.0, height: float = 4.5) -> tuple[Figure, object]:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def date_axis(ax, axis: str = "x") -> None:
    """Readable date ticks: few of them, concise labels."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(locator)
    target.set_major_formatter(mdates.ConciseDateFormatter(locator))


def finish(fig: Figure, ax, title: str, source: str, xlabel: str | None = None, ylabel: str | None = None) -> Figure:
    """Title that states the finding, labelled axes, and the source note under the chart."""
    fig.suptitle("\n".join(textwrap.wrap(title, int(fig.get_figwidth() * 9))), x=0.01, ha="left",
                 fontsize=STYLE["axes.titlesize"], fontweight="bold")
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    fig.get_layout_engine().set(h_pad=0.15)
    fig.supxlabel("\n".join(textwrap.wrap("Source: " + source, 110)), fontsize=8.5, color=PALETTE["grey"], x=0.01, ha="left")
    return fig


# --- the report's charts -------------------------------------------------------------
# Each takes tidy tables from data/ (DataFrames), returns (figure, plotted table).

import pandas as pd  # noqa: E402

STATUS_ORDER = ["confirmed", "reported", "unconfirmed", "rumor", "denied"]
STATUS_COLOURS = {
    "confirmed": PALETTE["blue"],
    "reported": PALETTE["sky"],
    "unconfirmed": PALETTE["orange"],
    "rumor": PALETTE["vermillion"],
    "denied": PALETTE["black"],
}


def _empty(ax, message: str = "No rows in this table") -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=PALETTE["grey"])
    ax.set_xticks([])
    ax.set_yticks([])


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
        _empty(ax)
    else:
        kinds = sorted(table["source_kind"].unique(), key=lambda k: -table.loc[table.source_kind == k, "chars"].sum())
        left = pd.Series(0.0, index=kinds)
        for status in [s for s in STATUS_ORDER if s in set(table["status"])]:
            part = table[table.status == status].set_index("source_kind")["share_of_text"].reindex(kinds).fillna(0)
            ax.barh(kinds, part * 100, left=left * 100, color=STATUS_COLOURS[status], label=status)
            left += part
        ax.invert_yaxis()
        ax.legend(title="status", loc="lower right")
    confirmed = table.loc[table.status == "confirmed", "share_of_text"].sum()
    finish(fig, ax, f"{confirmed:.0%} of the attributed text is confirmed; the rest is reported, unconfirmed or rumour",
           source, xlabel="share of the document's claim text (%)")
    return fig, table


def _status_key(column: pd.Series) -> pd.Series:
    if column.name == "status":
        return column.map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(len(STATUS_ORDER))
    return column


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
            rows.append({"check_id": check.check_id, "location": row.location, "role": role, "value": row.value,
                         "as_of": row.as_of, "formula": check.formula, "status": check.status})
    table = pd.DataFrame(rows, columns=["check_id", "location", "role", "value", "as_of", "formula", "status"])
    if table.empty:
        table = attacks[["location", "value", "as_of"]].assign(role="reported").reset_index(drop=True)
    if table.empty:
        _empty(ax)
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
        _empty(ax, "No window with both a start and an as-of date")
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
    table = injured[["tally_id", "value", "qualifier", "since", "as_of", "attributed_to", "number_text"]].reset_index(drop=True)
    fig, ax = new_figure(8, 3.5)
    plotted = table.dropna(subset=["as_of"])
    if plotted.empty:
        _empty(ax, "No dated injury tallies")
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
    table = counts.value_counts().rename_axis("weapon").reset_index(name="tallies_naming_it").sort_values(
        ["tallies_naming_it", "weapon"], ascending=[False, True]).reset_index(drop=True)
    fig, ax = new_figure(6, 3)
    if table.empty:
        _empty(ax, "No weapons named")
    else:
        ax.barh(table.weapon, table.tallies_naming_it, color=PALETTE["orange"])
        ax.invert_yaxis()
    finish(fig, ax, f"{len(table)} kinds of weapon named in the tally statements", source, xlabel="tallies naming the weapon")
    return fig, table


def claims_by_kind(claims: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Number of claims per source kind, coloured by status."""
    table = claims.groupby(["source_kind", "status"], as_index=False).size().rename(columns={"size": "claims"})
    wide = table.pivot(index="source_kind", columns="status", values="claims").fillna(0)
    fig, ax = new_figure(8, 4.5)
    if wide.empty:
        _empty(ax)
    else:
        wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False).index]
        left = pd.Series(0.0, index=wide.index)
        for status in [s for s in STATUS_ORDER if s in wide.columns]:
            ax.barh(wide.index, wide[status], left=left, color=STATUS_COLOURS[status], label=status)
            left += wide[status]
        ax.invert_yaxis()
        ax.legend(title="status", loc="lower right")
    unconfirmed = int(table.loc[table.status.isin(["unconfirmed", "rumor"]), "claims"].sum())
    finish(fig, ax, f"{len(claims)} claims; {unconfirmed} of them unconfirmed or rumour", source, xlabel="claims")
    return fig, table.sort_values(["source_kind", "status"]).reset_index(drop=True)


def relay_chains(claims: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Who relays whom: every 'A > B' link in the claims' `via` chains, drawn left to
    right from the reporting voice to the original source."""
    edges: dict[tuple[str, str], int] = {}
    depth: dict[str, int] = {}
    for chain in claims.via.dropna():
        hops = [h.strip() for h in str(chain).split(">") if h.strip()]
        for i, hop in enumerate(hops):
            depth[hop] = max(depth.get(hop, 0), i)
        for a, b in zip(hops, hops[1:]):
            edges[(a, b)] = edges.get((a, b), 0) + 1
    table = pd.DataFrame([{"relayed_by": a, "source": b, "claims": n} for (a, b), n in sorted(edges.items())],
                         columns=["relayed_by", "source", "claims"])
    fig, ax = new_figure(8, 4.5)
    if table.empty:
        _empty(ax, "No relayed claims")
    else:
        # Order each column by the position of the node that relays it, so arrows do not cross.
        columns: dict[int, list[str]] = {}
        rank: dict[str, float] = {}
        for level in sorted(set(depth.values())):
            nodes = [n for n in depth if depth[n] == level]
            parents = {n: min((rank[a] for (a, b) in edges if b == n and a in rank), default=0.0) for n in nodes}
            columns[level] = sorted(nodes, key=lambda n: (parents[n], n))
            rank.update({n: i for i, n in enumerate(columns[level])})
        pos = {n: (d, -i + (len(col) - 1) / 2) for d, col in columns.items() for i, n in enumerate(col)}
        for (a, b), n in edges.items():
            ax.annotate("", xy=pos[b], xytext=pos[a],
                        arrowprops={"arrowstyle": "-|>", "color": PALETTE["grey"], "lw": 1 + n, "shrinkA": 28, "shrinkB": 28})
        for node, (x, y) in pos.items():
            ax.text(x, y, "\n".join(textwrap.wrap(node, 16)), ha="center", va="center", fontsize=9,
                    bbox={"boxstyle": "round", "fc": "white", "ec": PALETTE["blue"]})
        ax.set_xlim(-0.6, max(columns) + 0.6)
        ax.set_ylim(-max(len(c) for c in columns.values()) / 2 - 0.3, max(len(c) for c in columns.values()) / 2 + 0.3)
        ax.axis("off")
    finish(fig, ax, f"{len(table)} relay links: who passes on whose claims", source)
    return fig, table


def frames_by_speaker(justifications: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Which reason for the US presence each speaker gives, and in whose voice."""
    data = justifications.assign(speaker=justifications.speaker.fillna("(author)"))
    table = data.groupby(["frame", "speaker", "voice"], as_index=False).size().rename(columns={"size": "statements"})
    fig, ax = new_figure(8, 4)
    if table.empty:
        _empty(ax, "No justification statements")
    else:
        frames = sorted(table.frame.unique())
        speakers = sorted(table.speaker.unique())
        markers = {"speaker's own words": "o", "attributed by the author": "s", "author's framing": "^"}
        for i, voice in enumerate(sorted(table.voice.unique())):
            part = table[table.voice == voice]
            ax.scatter([speakers.index(s) for s in part.speaker], [frames.index(f) for f in part.frame],
                       s=80 + 60 * part.statements, marker=markers.get(voice, "D"), color=SEQUENCE[i], label=voice, alpha=0.85)
        ax.set_xticks(range(len(speakers)), ["\n".join(textwrap.wrap(s, 14)) for s in speakers])
        ax.set_yticks(range(len(frames)), frames)
        ax.margins(x=0.15, y=0.2)
        ax.legend(title="voice", loc="upper left", bbox_to_anchor=(1, 1))
    finish(fig, ax, f"{table.frame.nunique()} different reasons for the US presence appear in the text", source)
    return fig, table.sort_values(["frame", "speaker", "voice"]).reset_index(drop=True)


PRECISION_MARKERS = {"day": "o", "night": "D", "days-before": ">", "approximate": "o", "week": "s", "month": "s", "year": "s"}


def timeline(events: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Dated events with their precision visible: exact days as filled dots, nights as
    diamonds, approximate dates hollow, 'days before' as a dashed arrow ending at the
    date it is counted back from."""
    table = events.dropna(subset=["date"]).sort_values(["date", "start"])[["date", "precision", "date_text", "event", "source", "status"]]
    table = table.reset_index(drop=True)
    fig, ax = new_figure(9, max(3.0, 0.6 * len(table) + 1.8))
    if table.empty:
        _empty(ax, "No dated events")
    else:
        dates = pd.to_datetime(table.date)
        for i, (when, row) in enumerate(zip(dates, table.itertuples())):
            hollow = row.precision not in ("day", "night")
            ax.plot([when], [i], marker=PRECISION_MARKERS.get(row.precision, "o"), markersize=9, linestyle="none",
                    markerfacecolor="white" if hollow else PALETTE["blue"], markeredgecolor=PALETTE["blue"])
            if row.precision == "days-before":
                ax.annotate("", xy=(when - pd.Timedelta(days=1), i), xytext=(when - pd.Timedelta(days=6), i),
                            arrowprops={"arrowstyle": "<-", "color": PALETTE["grey"], "linestyle": "dashed"})
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
