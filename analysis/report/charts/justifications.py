"""Charts of the justifications chapter: frames by speaker, and the stated reasons over time."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.report.charts.style import (
    PALETTE,
    SEQUENCE,
    confidence_legend,
    confidence_style,
    date_axis,
    empty,
    finish,
    new_figure,
)
from analysis.report.charts.svg import tag
from analysis.report.derive import day_short
from analysis.report.docref import catalogue, doc_href

FRAME_COLOURS = {
    "counter-ISIS": PALETTE["blue"],
    "oil": PALETTE["orange"],
    "counter-Iran": PALETTE["green"],
    "regime-change/Assad": PALETTE["vermillion"],
    "force-protection": PALETTE["sky"],
    "other": PALETTE["purple"],
}


MAX_SPEAKERS = 14  # rows a chart can label legibly; the rest are grouped as "others"


def _speakers(data: pd.DataFrame) -> list[str]:
    """Speakers by number of statements (most first), the rest folded into 'others'."""
    counts = data.speaker.value_counts()
    order = sorted(counts.index, key=lambda s: (-counts[s], s))
    return order if len(order) <= MAX_SPEAKERS else order[: MAX_SPEAKERS - 1] + ["others"]


def frames_by_speaker(justifications: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Which reason for the US presence each speaker gives, and in whose voice: one row
    per speaker (most statements first), one column per reason."""
    data = justifications.assign(speaker=justifications.speaker.fillna("(author)"))
    table = data.groupby(["frame", "speaker", "voice"], as_index=False).size().rename(columns={"size": "statements"})
    if table.empty:
        return "No document states a reason for the US presence in Syria.", table
    speakers = _speakers(data)
    shown = table.assign(speaker=table.speaker.where(table.speaker.isin(speakers), "others"))
    fig, ax = new_figure(8, 2.8 + 0.42 * len(speakers))
    frames = sorted(table.frame.unique())
    markers = {"speaker's own words": "o", "attributed by the author": "s", "author's framing": "^"}
    for i, voice in enumerate(sorted(shown.voice.unique())):
        part = shown[shown.voice == voice].groupby(["frame", "speaker"], as_index=False).statements.sum()
        offset = (i - 1) * 0.12
        for row in part.itertuples():
            dots = ax.scatter([frames.index(row.frame) + offset], [speakers.index(row.speaker)], s=50 + 40 * row.statements,
                              marker=markers.get(voice, "D"), color=SEQUENCE[i], alpha=0.85)  # fmt: skip
            tag(
                dots,
                f"{row.speaker}: {row.frame}, {row.statements} statement{'s' if row.statements != 1 else ''} ({voice})",
            )
        ax.scatter([], [], marker=markers.get(voice, "D"), color=SEQUENCE[i], label=voice)
    ax.set_xticks(range(len(frames)), frames, rotation=20, ha="right")
    ax.set_yticks(range(len(speakers)), [textwrap.shorten(s, 32) for s in speakers], fontsize=8.5)
    ax.invert_yaxis()
    ax.margins(x=0.15, y=0.08)
    ax.grid(color="#f0f0f0")
    ax.legend(title="voice", loc="upper left", bbox_to_anchor=(1, 1), fontsize=8.5)
    finish(fig, ax, f"{table.frame.nunique()} different reasons for the US presence appear in the text", source)
    return fig, table.sort_values(["frame", "speaker", "voice"]).reset_index(drop=True)


def frames_over_time(justifications: pd.DataFrame, documents: pd.DataFrame, source: str):
    """Who gives which reason when: one row per speaker, a mark per statement at its
    document's publication day, coloured by reason; a sentence when all share one day."""
    docs = catalogue(documents)
    data = justifications.assign(speaker=justifications.speaker.fillna("(author)"))
    data = data.assign(
        published=[docs.get(d, {}).get("published", "") for d in data.doc_id],
        document=[docs.get(d, {}).get("label", str(d)) for d in data.doc_id],
    )
    table = data[["published", "speaker", "frame", "voice", "document", "doc_id"]].sort_values(
        ["published", "speaker", "frame"]
    )
    table = table.reset_index(drop=True)
    dated = table[table.published != ""]
    if dated.published.nunique() < 2:
        if dated.empty:
            return "No statement of a reason comes from a dated document, so none can be placed in time.", table
        return (
            f"Every statement of a reason comes from documents published on {day_short(dated.published.iloc[0])}: "
            f"{len(dated)} statements in {dated.frame.nunique()} frames, so the reasons cannot be followed over time "
            "from the documents alone; the reference timeline below supplies the dates.",
            table,
        )
    speakers = _speakers(dated)
    fig, ax = new_figure(9, 2.8 + 0.42 * len(speakers))
    frames = list(FRAME_COLOURS)
    for row in dated.itertuples():
        y = speakers.index(row.speaker) if row.speaker in speakers else speakers.index("others")
        colour = FRAME_COLOURS.get(row.frame, PALETTE["grey"])
        (dot,) = ax.plot(
            [pd.Timestamp(row.published)], [y], marker="o", ms=8, linestyle="none", color=colour, alpha=0.85
        )
        tag(dot, f"{row.speaker}: {row.frame} ({row.voice}); {row.document}", doc_href(row.doc_id))
    present = [f for f in frames if f in set(dated.frame)]
    handles = [Line2D([], [], marker="o", linestyle="none", color=FRAME_COLOURS[f], label=f) for f in present]
    ax.legend(handles=handles, title="reason", loc="upper left", bbox_to_anchor=(1, 1), fontsize=8.5)
    ax.set_yticks(range(len(speakers)), [textwrap.shorten(s, 32) for s in speakers], fontsize=8.5)
    ax.invert_yaxis()
    ax.margins(y=0.08, x=0.05)
    ax.grid(axis="x", color="#eeeeee")
    date_axis(ax)
    first, last = dated.published.min(), dated.published.max()
    title = f"Reasons given, by speaker and publication day, {day_short(first)} to {day_short(last)}"
    finish(fig, ax, title, source, xlabel="publication day of the document")
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
        empty(ax, "No dated statements")
        finish(fig, ax, "No dated statements", source)
        return fig, table
    x = pd.to_datetime(table.x)
    min_gap = (x.max() - x.min()) / 9  # room for a surname at this width
    last_label: dict[tuple[int, int], pd.Timestamp] = {}
    for when, row in zip(x, table.itertuples()):
        lane = lanes.index(row.frame)
        colour = PALETTE["blue"]
        extracted = row.origin == "extracted"
        y = lane  # a star sits on its lane, where no surname label goes
        (mark,) = ax.plot([when], [y], **confidence_style("extracted" if extracted else row.confidence, colour, size=8))
        tag(
            mark,
            f"{row.speaker}: {row.frame}, {row.date} ({'a document' if extracted else 'reference'})",
            row.source_url if isinstance(row.source_url, str) and row.source_url else None,
        )
        if extracted:
            continue
        for level in (1, -1):
            key = (lane, level)
            if key not in last_label or when - last_label[key] >= min_gap:
                last_label[key] = when
                ax.annotate(
                    _surname(row.speaker),
                    (when, lane),
                    xytext=(0, 9 * level),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if level > 0 else "top",
                    fontsize=8.5,
                    color=PALETTE["black"],
                )
                table.loc[row.Index, "labelled"] = True
                break
    years = range(x.min().year, x.max().year + 1)
    missing = [y for y in years if y not in set(x[table.origin == "reference"].dt.year)]
    for year in missing:
        ax.axvspan(pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31), color=PALETTE["grey"], alpha=0.08, zorder=0)
        ax.text(
            pd.Timestamp(year, 7, 1),
            len(lanes) - 1.5,
            f"no {year}\nstatement\nselected",
            ha="center",
            va="center",
            fontsize=8,
            color=PALETTE["grey"],
        )
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(len(lanes) - 0.4, -0.75)
    ax.set_xlim(pd.Timestamp(x.min().year, 1, 1), max(x) + pd.Timedelta(days=150))
    ax.grid(axis="x", color="#eeeeee")
    confidence_legend(
        ax,
        "the documents' own framing\n(on their publication dates)",
        "center left",
        framealpha=0.9,
        frameon=True,
        edgecolor="white",
    )
    ref = table[table.origin == "reference"]
    title = (
        f"Reasons officials gave for US forces in Syria, {x.min().year} to {x.max().year}: "
        f"{len(ref)} statements chosen to show the shifts (not a count), with the documents' own framing"
    )
    finish(fig, ax, title, source, xlabel="date of the statement")
    return fig, table.drop(columns=["x"]).reset_index(drop=True)
