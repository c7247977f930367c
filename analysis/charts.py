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
    # Text from documents is never read as math: a "$" in a title must stay a "$".
    "text.parse_math": False,
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


# --- the count over time and the stated reasons over time (curated reference tables) ----

PLACE_COLOURS = {"Iraq and Syria": PALETTE["blue"], "Iraq": PALETTE["orange"], "Syria": PALETTE["green"]}
SEED_COLOUR = PALETTE["vermillion"]


def _confidence_style(confidence: str, colour: str, size: float = 7) -> dict:
    """Marker fill says how sure the curator is: high filled, medium half, low hollow;
    an extracted point is a larger star."""
    if confidence == "extracted" or confidence not in ("high", "medium", "low"):
        return {"marker": "*", "markersize": size * 2.2, "color": SEED_COLOUR, "markeredgecolor": "black",
                "markeredgewidth": 0.8, "linestyle": "none", "zorder": 5}
    style = {"marker": "o", "markersize": size, "color": colour, "markeredgecolor": colour, "linestyle": "none",
             "markeredgewidth": 1.4, "zorder": 4}
    if confidence == "medium":
        style |= {"fillstyle": "left", "markerfacecoloralt": "white"}
    elif confidence == "low":
        style |= {"markerfacecolor": "white"}
    return style


def _confidence_legend(target, extracted_label: str, loc: str, extra=(), **kwargs) -> None:
    """Legend of the confidence markers (on an axes, or on the figure with loc 'outside ...')."""
    from matplotlib.lines import Line2D

    handles = list(extra) + [Line2D([], [], **_confidence_style(c, PALETTE["grey"]), label=f"{c} confidence")
                             for c in ("high", "medium", "low")]
    handles.append(Line2D([], [], **_confidence_style("extracted", PALETTE["grey"]), label=extracted_label))
    target.legend(handles=handles, loc=loc, fontsize=8.5, **kwargs)


def _short_date(day) -> str:
    day = pd.Timestamp(day)
    return f"{day.day} {day:%b %Y}"


def _draw_counts(ax, table: pd.DataFrame, start: str | None, spread_labels: bool) -> list:
    """Step lines, report dots and same-day ranges on one axes; returns legend handles."""
    from matplotlib.lines import Line2D

    from analysis.context import step_series

    handles = []
    for place, colour in PLACE_COLOURS.items():
        series = step_series(table, place, start)
        if series.empty:
            continue
        ax.step(pd.to_datetime(series.index), series.values, where="post", color=colour,
                linewidth=2.2 if place == "Iraq and Syria" else 1.4, zorder=2)
        handles.append(Line2D([], [], color=colour, linewidth=2, label=place))
        reports = table[(table.place == place) & (table.origin == "reference")]
        spread = reports.groupby("date")["value"].agg(["min", "max"])
        for day, row in spread[spread["min"] < spread["max"]].iterrows():
            ax.vlines(pd.Timestamp(day), row["min"] - 0.6, row["max"] + 0.6, color=colour, linewidth=9, alpha=0.25,
                      zorder=1)
    for row in table.itertuples():
        ax.plot([pd.Timestamp(row.date)], [row.value], **_confidence_style(row.confidence, PLACE_COLOURS[row.place]))
    if spread_labels:
        for (place, day), group in table[table.origin == "reference"].groupby(["place", "date"]):
            if group.value.nunique() > 1:
                ax.annotate(", ".join(map(str, sorted(set(group.value)))), (pd.Timestamp(day), group.value.max()),
                            xytext=(8, 5), textcoords="offset points", va="bottom", fontsize=8,
                            color=PLACE_COLOURS[place])
    return handles


def count_over_time(points: pd.DataFrame, marks: pd.DataFrame, start: str | None,
                    source: str) -> tuple[Figure, pd.DataFrame]:
    """The cumulative attack count as a step line per place, every report a dot (fill by
    confidence), extracted counts as stars, the marked events as dashed lines, and a
    zoom on the days when reports disagree, drawn as ranges with every value written."""
    from matplotlib.lines import Line2D

    from analysis.context import step_series

    table = points.copy()
    listed = lambda v: "/".join(map(str, sorted(set(v))))  # noqa: E731
    values = table[table.origin == "reference"].groupby(["place", "date"])["value"].agg(listed)
    table["same_day_reports"] = [values.get((p, d), "") if o == "reference" else ""
                                 for p, d, o in zip(table.place, table.date, table.origin)]
    fig = Figure(figsize=(10, 6.4), layout="constrained")
    ax, zoom = fig.subplots(1, 2, width_ratios=[3.6, 1.2])
    if table.empty:
        _empty(ax, "No dated attack counts")
        zoom.axis("off")
        finish(fig, ax, "No dated attack counts", source)
        return fig, table
    handles = _draw_counts(ax, table, start, spread_labels=False)
    extracted = table[table.origin == "extracted"].sort_values("value", ascending=False)
    for day, group in extracted.groupby("date", sort=False):
        top = group.iloc[0]
        split = ", ".join(f"{r.value} {r.place}" for r in group.iloc[1:].itertuples())
        text = f"extracted from the document:\n{top.value} in {top.place}" + (f"\n({split})" if split else "")
        ax.annotate(text + f"\nas of {_short_date(day)}", (pd.Timestamp(day), top.value), xytext=(-150, 38),
                    textcoords="offset points", fontsize=8.5, color=SEED_COLOUR, fontweight="bold",
                    arrowprops={"arrowstyle": "->", "color": SEED_COLOUR, "linewidth": 1})
    for row in table[(table.confidence == "low") & (table.note != "")].itertuples():
        ax.annotate("\n".join(textwrap.wrap(f"{row.value}: {row.note}", 30)), (pd.Timestamp(row.date), row.value),
                    xytext=(-6, -4), textcoords="offset points", ha="right", va="top", fontsize=7.5,
                    color=PALETTE["grey"])
    top_y = float(table.value.max()) * 1.3
    end = pd.Timestamp(table.date.max()) + pd.Timedelta(days=4)
    for i, mark in enumerate(marks.sort_values("date").itertuples()):
        day = pd.Timestamp(mark.date)
        ax.axvline(day, color=PALETTE["grey"], linestyle="--", linewidth=1, zorder=0)
        when = f"night of {day.day}–{(day + pd.Timedelta(days=1)).day} {day:%b}" if mark.night else _short_date(day)
        ax.text(day, top_y * (1 - 0.08 * (i % 2)), f"{mark.label}\n({when}) ", ha="right", va="top", fontsize=8)
        if mark.after:
            ax.axvspan(day, end, color=PALETTE["grey"], alpha=0.08, zorder=0)
            ax.text(day + pd.Timedelta(days=1.5), top_y * 0.5, "after it:\n" + "\n".join(textwrap.wrap(mark.after, 16)),
                    fontsize=7.5, va="top")
    ax.set_ylim(0, top_y * 1.02)
    first = pd.Timestamp(start) if start else pd.Timestamp(table.date.min())
    ax.set_xlim(first - pd.Timedelta(days=2), end)
    ax.grid(axis="y", color="#eeeeee")
    date_axis(ax)
    spread_handle = Line2D([], [], color=PALETTE["grey"], linewidth=9, alpha=0.25,
                           label="same-day reports disagree (range)")
    _confidence_legend(ax, "extracted from the document", "upper left", extra=handles + [spread_handle],
                       title="lines join the high- and\nmedium-confidence reports", title_fontsize=8.5,
                       alignment="left")
    disputed = table[(table.origin == "reference") & table.same_day_reports.str.contains("/", regex=False)]
    if disputed.empty:
        zoom.axis("off")
    else:
        _draw_counts(zoom, table, start, spread_labels=True)
        days = pd.to_datetime(disputed.date)
        two_days = pd.Timedelta(days=2)
        near = table[pd.to_datetime(table.date).between(days.min() - two_days, days.max() + two_days)]
        zoom.set_xlim(days.min() - pd.Timedelta(days=1.5), days.max() + pd.Timedelta(days=3))
        zoom.set_ylim(near.value.min() - 3, near.value.max() + 3)
        zoom.set_title("Zoom: days when\nreports disagree", fontsize=10, fontweight="normal", loc="left")
        zoom.grid(axis="y", color="#eeeeee")
        date_axis(zoom)
    total = step_series(table, "Iraq and Syria", start)
    since = f" since {_short_date(start)}" if start else ""
    title = (f"Attacks on US forces counted{since}: {int(total.iloc[-1])} by {_short_date(total.index[-1])}"
             if len(total) else "Attacks on US forces over time")
    finish(fig, ax, title, source, ylabel="attacks (cumulative count)")
    return fig, table.reset_index(drop=True)


def attack_pace(pace: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Attacks per day between consecutive report dates, one bar per gap as wide as the
    gap; gaps too short to read are pale, and the busiest and quietest readable gaps are
    labelled."""
    table = pace.reset_index(drop=True)
    fig, ax = new_figure(10, 4)
    readable = table[table.gap_long_enough]
    if readable.empty:
        _empty(ax, "Too few dated reports to compute a pace")
        finish(fig, ax, "The pace could not be computed", source)
        return fig, table
    busiest, quietest = readable.loc[readable.per_day.idxmax()], readable.loc[readable.per_day.idxmin()]
    for i, row in table.iterrows():
        colour = PALETTE["blue"] if row.gap_long_enough else "#c9d9ea"
        if i in (busiest.name, quietest.name):
            colour = PALETTE["vermillion"] if i == busiest.name else PALETTE["sky"]
        ax.bar(pd.Timestamp(row["from"]), row.per_day, width=pd.Timedelta(days=int(row.days)), align="edge",
               color=colour, edgecolor="white", linewidth=0.8)
    starts, ends = pd.to_datetime(table["from"]), pd.to_datetime(table["to"])
    overall = (table.count_to.iloc[-1] - table.count_from.iloc[0]) / table.days.sum()
    ax.axhline(overall, color=PALETTE["black"], linestyle="--", linewidth=1)
    ax.annotate(f"whole period: {overall:.2f} a day", (ends.max(), overall), xytext=(0, 4), textcoords="offset points",
                ha="right", va="bottom", fontsize=8)
    labelled = sorted(((busiest, "busiest"), (quietest, "quietest")), key=lambda pair: pair[0]["from"])
    for (row, word), align in zip(labelled, ("right", "left")):  # the earlier one to the left: no overlap
        mid = pd.Timestamp(row["from"]) + pd.Timedelta(days=row.days / 2)
        nearby = table.per_day[(ends >= mid - pd.Timedelta(days=8)) & (starts <= mid + pd.Timedelta(days=8))]
        ax.annotate(f"{word}: {row.per_day:.2f} a day\n{_short_date(row['from'])} to {_short_date(row['to'])}",
                    (mid, row.per_day), xytext=(mid, float(nearby.max()) + 0.5), ha=align, va="bottom", fontsize=8,
                    arrowprops={"arrowstyle": "-", "color": PALETTE["grey"], "linewidth": 0.8})
    from matplotlib.patches import Patch

    from analysis.context import MIN_GAP_DAYS

    ax.legend(handles=[Patch(color=PALETTE["blue"], label="gap between reports"),
                       Patch(color="#c9d9ea", label=f"gap shorter than {MIN_GAP_DAYS} days (too short to read)")],
              loc="upper right", fontsize=8.5)
    ax.set_ylim(0, float(table.per_day.max()) * 1.45)
    date_axis(ax)
    finish(fig, ax, f"Busiest stretch: {busiest.per_day:.2f} attacks a day, {_short_date(busiest['from'])} to "
           f"{_short_date(busiest['to'])}", source, ylabel="attacks per day")
    return fig, table


def syria_share(share: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """The share of the attacks counted in Syria, per report that splits the count by
    country; fill by confidence, extracted counts as stars."""
    table = share.reset_index(drop=True)
    fig, ax = new_figure(10, 4)
    if table.empty:
        _empty(ax, "No report splits the count by country")
        finish(fig, ax, "No report splits the count by country", source)
        return fig, table
    line = table[table.confidence.isin(["high", "medium"])].groupby("date")["share_syria"].median()
    ax.plot(pd.to_datetime(line.index), line.values * 100, color=PALETTE["green"], linewidth=1.2, zorder=2,
            label="line: high- and medium-confidence reports")
    for row in table.itertuples():
        style = _confidence_style(row.confidence, PALETTE["green"])
        ax.plot([pd.Timestamp(row.date)], [row.share_syria * 100], **style)
    ax.axhline(50, color=PALETTE["grey"], linestyle=":", linewidth=1)
    ax.text(pd.Timestamp(table.date.min()), 51, "half", fontsize=8, color=PALETTE["grey"], va="bottom")
    ax.set_ylim(0, 100)
    ax.grid(axis="y", color="#eeeeee")
    date_axis(ax)
    _confidence_legend(ax, "extracted from the document", "lower right", ncols=2)
    ref = table[table.origin == "reference"]
    first, last = ref.iloc[0] if len(ref) else table.iloc[0], ref.iloc[-1] if len(ref) else table.iloc[-1]
    finish(fig, ax, f"Syria's share of the attacks counted went from {first.share_syria:.0%} "
           f"({_short_date(first.date)}) to {last.share_syria:.0%} ({_short_date(last.date)})", source,
           ylabel="share in Syria (%)")
    return fig, table


def _surname(name) -> str:
    words = [w for w in str(name).split() if w.rstrip(".,") not in ("Jr", "Sr", "II", "III")]
    return words[-1] if words else str(name)


def statement_timeline(points: pd.DataFrame, source: str, lanes=None) -> tuple[Figure, pd.DataFrame]:
    """One lane per frame, one mark per statement (fill by confidence), the speaker's
    surname where it fits, and the documents' own framing as stars on their publication
    date. Years with no statement selected are marked, so a gap is not read as silence."""
    table = points.copy()
    lanes = list(lanes or sorted(table.frame.unique()))
    lanes += [f for f in sorted(table.frame.unique()) if f not in lanes]
    fig, ax = new_figure(9, 5.2)
    table["labelled"] = False
    if table.empty:
        _empty(ax, "No dated statements")
        finish(fig, ax, "No dated statements", source)
        return fig, table
    x = pd.to_datetime(table.x)
    min_gap = (x.max() - x.min()) / 9  # room for a surname at this width
    last_label: dict[tuple[int, int], pd.Timestamp] = {}
    for i, (when, row) in enumerate(zip(x, table.itertuples())):
        lane = lanes.index(row.frame)
        colour = PALETTE["blue"]
        extracted = row.origin == "extracted"
        y = lane + (0.18 if extracted else 0)
        ax.plot([when], [y], **_confidence_style("extracted" if extracted else row.confidence, colour, size=8))
        if extracted:
            continue
        for level in (1, -1):
            key = (lane, level)
            if key not in last_label or when - last_label[key] >= min_gap:
                last_label[key] = when
                ax.annotate(_surname(row.speaker), (when, lane), xytext=(0, 9 * level), textcoords="offset points",
                            ha="center", va="bottom" if level > 0 else "top", fontsize=8.5, color=PALETTE["black"])
                table.loc[row.Index, "labelled"] = True
                break
    years = range(x.min().year, x.max().year + 1)
    missing = [y for y in years if y not in set(x[table.origin == "reference"].dt.year)]
    for year in missing:
        ax.axvspan(pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31), color=PALETTE["grey"], alpha=0.08, zorder=0)
        ax.text(pd.Timestamp(year, 7, 1), len(lanes) - 1.5, f"no {year}\nstatement\nselected", ha="center",
                va="center", fontsize=8, color=PALETTE["grey"])
    for when in sorted(set(x[table.origin == "extracted"])):
        ax.annotate(f"document published\n{_short_date(when)}", (when, -0.35), ha="center", va="bottom", fontsize=7.5,
                    color=SEED_COLOUR, fontweight="bold")
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(len(lanes) - 0.4, -0.75)
    ax.set_xlim(pd.Timestamp(x.min().year, 1, 1), max(x) + pd.Timedelta(days=150))
    ax.grid(axis="x", color="#eeeeee")
    _confidence_legend(ax, "the document's own framing\n(on its publication date)", "center left", framealpha=0.9,
                       frameon=True, edgecolor="white")
    ref = table[table.origin == "reference"]
    title = (f"Reasons officials gave for US forces in Syria, {x.min().year} to {x.max().year}: "
             f"{len(ref)} statements chosen to show the shifts (not a count), with the document's own framing")
    finish(fig, ax, title, source, xlabel="date of the statement")
    return fig, table.drop(columns=["x"]).reset_index(drop=True)


def benchmark(results: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Throughput per core against corpus size, beside the two baselines measured in the
    same run (quantulum3 above, a plain digit scan as the floor), on a log scale."""
    table = results[["what", "jobs", "n_docs", "mb_per_cpu_s", "peak_mb"]].copy()
    fig, ax = new_figure(8, 4.5)
    runs = table[table.what.isin(["pipeline", "cli"]) & (table.jobs == 1)]
    for i, (what, part) in enumerate(runs.groupby("what", sort=True)):
        ax.plot(part.n_docs, part.mb_per_cpu_s, marker="o", color=SEQUENCE[i], label=f"{what} (one process)")
    for what, colour in (("re", PALETTE["grey"]), ("quantulum3", PALETTE["vermillion"])):
        rows = table[table.what == what]
        if not rows.empty:
            ax.axhline(float(rows.mb_per_cpu_s.iloc[0]), color=colour, linestyle="dashed", label=f"{what} (baseline)")
    ax.axhline(1.0, color=PALETTE["green"], linestyle="dotted", label="target: 1 MB/s per core")
    from matplotlib.ticker import FuncFormatter

    ax.set_xscale("log")
    ax.set_yscale("log")
    plain = FuncFormatter(lambda value, _: f"{value:,g}")  # text is never math (STYLE), so no 10^n labels
    ax.xaxis.set_major_formatter(plain)
    ax.yaxis.set_major_formatter(plain)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=9)
    pipeline = runs[runs.what == "pipeline"].mb_per_cpu_s
    best = pipeline.max() if not pipeline.empty else float("nan")
    shape = "flat as the corpus grows" if not pipeline.empty and pipeline.max() <= 1.15 * pipeline.min() else "by corpus size"
    finish(fig, ax, f"The pipeline extracts up to {best:.2f} MB of text per CPU second, {shape}",
           source, xlabel="documents in the synthetic corpus", ylabel="MB of text per CPU second")
    return fig, table.reset_index(drop=True)
