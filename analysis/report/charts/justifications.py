"""Charts of the justifications chapter: frames by speaker, and the stated reasons over time."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure

from analysis.report.charts.style import (
    PALETTE,
    SEED_COLOUR,
    SEQUENCE,
    confidence_legend,
    confidence_style,
    empty,
    finish,
    new_figure,
)
from analysis.report.derive import day_short


def frames_by_speaker(justifications: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Which reason for the US presence each speaker gives, and in whose voice."""
    data = justifications.assign(speaker=justifications.speaker.fillna("(author)"))
    table = data.groupby(["frame", "speaker", "voice"], as_index=False).size().rename(columns={"size": "statements"})
    fig, ax = new_figure(8, 4)
    if table.empty:
        empty(ax, "No justification statements")
    else:
        frames = sorted(table.frame.unique())
        speakers = sorted(table.speaker.unique())
        markers = {"speaker's own words": "o", "attributed by the author": "s", "author's framing": "^"}
        for i, voice in enumerate(sorted(table.voice.unique())):
            part = table[table.voice == voice]
            ax.scatter(
                [speakers.index(s) for s in part.speaker],
                [frames.index(f) for f in part.frame],
                s=80 + 60 * part.statements,
                marker=markers.get(voice, "D"),
                color=SEQUENCE[i],
                label=voice,
                alpha=0.85,
            )
        ax.set_xticks(range(len(speakers)), ["\n".join(textwrap.wrap(s, 14)) for s in speakers])
        ax.set_yticks(range(len(frames)), frames)
        ax.margins(x=0.15, y=0.2)
        ax.legend(title="voice", loc="upper left", bbox_to_anchor=(1, 1))
    finish(fig, ax, f"{table.frame.nunique()} different reasons for the US presence appear in the text", source)
    return fig, table.sort_values(["frame", "speaker", "voice"]).reset_index(drop=True)


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
        y = lane + (0.18 if extracted else 0)
        ax.plot([when], [y], **confidence_style("extracted" if extracted else row.confidence, colour, size=8))
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
    for when in sorted(set(x[table.origin == "extracted"])):
        ax.annotate(
            f"document published\n{day_short(when)}",
            (when, -0.35),
            ha="center",
            va="bottom",
            fontsize=7.5,
            color=SEED_COLOUR,
            fontweight="bold",
        )
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(len(lanes) - 0.4, -0.75)
    ax.set_xlim(pd.Timestamp(x.min().year, 1, 1), max(x) + pd.Timedelta(days=150))
    ax.grid(axis="x", color="#eeeeee")
    confidence_legend(
        ax,
        "the document's own framing\n(on its publication date)",
        "center left",
        framealpha=0.9,
        frameon=True,
        edgecolor="white",
    )
    ref = table[table.origin == "reference"]
    title = (
        f"Reasons officials gave for US forces in Syria, {x.min().year} to {x.max().year}: "
        f"{len(ref)} statements chosen to show the shifts (not a count), with the document's own framing"
    )
    finish(fig, ax, title, source, xlabel="date of the statement")
    return fig, table.drop(columns=["x"]).reset_index(drop=True)
