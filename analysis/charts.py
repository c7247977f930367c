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
    "axes.titlelocation": "left",
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


def new_figure(width: float = 8.0, height: float = 4.5) -> tuple[Figure, object]:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def finish(fig: Figure, ax, title: str, source: str, xlabel: str | None = None, ylabel: str | None = None) -> Figure:
    """Title that states the finding, labelled axes, and the source note under the chart."""
    ax.set_title("\n".join(textwrap.wrap(title, 70)))
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    fig.get_layout_engine().set(h_pad=0.15)
    fig.supxlabel("\n".join(textwrap.wrap("Source: " + source, 110)), fontsize=8.5, color=PALETTE["grey"], x=0.01, ha="left")
    return fig
