"""The house style for every chart, in one place.

Charts are drawn on `matplotlib.figure.Figure` objects (not pyplot) so nothing is shown
implicitly; each chart function returns the figure and the table it plotted, and
notebooks display that table so nbval regression-tests the plotted values (nbval does
not compare PNG images). `apply()` sets the style and tells IPython how to show a
figure; notebooks call it once, so importing a chart module changes nothing.
"""

from __future__ import annotations

import textwrap

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

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


def png_bytes(fig: Figure) -> bytes:
    """PNG without the software-version stamp, so stored outputs stay byte-stable."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


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
    """Title that states the finding, labelled axes; the source note is kept on the figure
    (`report_source`) for the caption under the chart."""
    fig.suptitle(
        "\n".join(textwrap.wrap(title, int(fig.get_figwidth() * 9))),
        x=0.01,
        ha="left",
        fontsize=STYLE["axes.titlesize"],
        fontweight="bold",
    )
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    fig.get_layout_engine().set(h_pad=0.15)
    # The source is written under the chart as text (charts.svg.Chart's caption), where a
    # reader can select and search it, not drawn into the image.
    fig.report_source = source
    return fig


def apply() -> None:
    """Use the house style and the non-interactive backend, and show figures in notebooks."""
    matplotlib.use("Agg")
    matplotlib.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, png_bytes)


STATUS_ORDER = ["confirmed", "reported", "unconfirmed", "rumor", "denied"]
STATUS_COLOURS = {
    "confirmed": PALETTE["blue"],
    "reported": PALETTE["sky"],
    "unconfirmed": PALETTE["orange"],
    "rumor": PALETTE["vermillion"],
    "denied": PALETTE["black"],
}


def empty(ax, message: str = "No rows in this table") -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=PALETTE["grey"])
    ax.set_xticks([])
    ax.set_yticks([])


PLACE_COLOURS = {"Iraq and Syria": PALETTE["blue"], "Iraq": PALETTE["orange"], "Syria": PALETTE["green"]}
SEED_COLOUR = PALETTE["vermillion"]


def confidence_style(confidence: str, colour: str, size: float = 7) -> dict:
    """Marker fill says how sure the curator is: high filled, medium half, low hollow;
    an extracted point is a larger star."""
    if confidence == "extracted" or confidence not in ("high", "medium", "low"):
        return {
            "marker": "*",
            "markersize": size * 2.2,
            "color": SEED_COLOUR,
            "markeredgecolor": "black",
            "markeredgewidth": 0.8,
            "linestyle": "none",
            "zorder": 5,
        }
    style = {
        "marker": "o",
        "markersize": size,
        "color": colour,
        "markeredgecolor": colour,
        "linestyle": "none",
        "markeredgewidth": 1.4,
        "zorder": 4,
    }
    if confidence == "medium":
        style |= {"fillstyle": "left", "markerfacecoloralt": "white"}
    elif confidence == "low":
        style |= {"markerfacecolor": "white"}
    return style


def confidence_legend(target, extracted_label: str, loc: str, extra=(), **kwargs) -> None:
    """Legend of the confidence markers (on an axes, or on the figure with loc 'outside ...')."""
    handles = list(extra) + [
        Line2D([], [], **confidence_style(c, PALETTE["grey"]), label=f"{c} confidence")
        for c in ("high", "medium", "low")
    ]
    handles.append(Line2D([], [], **confidence_style("extracted", PALETTE["grey"]), label=extracted_label))
    target.legend(handles=handles, loc=loc, fontsize=8.5, **kwargs)
