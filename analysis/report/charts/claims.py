"""Charts of the claims chapter: claims by kind of source, and who relays whom."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure

from analysis.report.charts.style import PALETTE, STATUS_COLOURS, STATUS_ORDER, empty, finish, new_figure
from analysis.report.charts.svg import tag

MAX_LINKS = 12


def claims_by_kind(claims: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Number of claims per source kind, coloured by status."""
    table = claims.groupby(["source_kind", "status"], as_index=False).size().rename(columns={"size": "claims"})
    wide = table.pivot(index="source_kind", columns="status", values="claims").fillna(0)
    fig, ax = new_figure(8, 4.5)
    if wide.empty:
        empty(ax)
    else:
        wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False).index]
        left = pd.Series(0.0, index=wide.index)
        for status in [s for s in STATUS_ORDER if s in wide.columns]:
            bars = ax.barh(wide.index, wide[status], left=left, color=STATUS_COLOURS[status], label=status)
            for kind, bar in zip(wide.index, bars.patches):
                tag(bar, f"{kind}: {int(wide.loc[kind, status])} {status}")
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
    table = pd.DataFrame(
        [{"relayed_by": a, "source": b, "claims": n} for (a, b), n in sorted(edges.items())],
        columns=["relayed_by", "source", "claims"],
    )
    all_links = len(table)
    if all_links > MAX_LINKS:  # the most frequent links; the table lists them all
        keep = table.sort_values(["claims", "relayed_by", "source"], ascending=[False, True, True]).head(MAX_LINKS)
        edges = {(a, b): n for (a, b), n in edges.items() if ((keep.relayed_by == a) & (keep.source == b)).any()}
        depth = {n: d for n, d in depth.items() if any(n in e for e in edges)}
    fig, ax = new_figure(8, 4.5)
    if table.empty:
        empty(ax, "No relayed claims")
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
            ax.annotate(
                "",
                xy=pos[b],
                xytext=pos[a],
                arrowprops={"arrowstyle": "-|>", "color": PALETTE["grey"], "lw": 1 + n, "shrinkA": 28, "shrinkB": 28},
            )
        for node, (x, y) in pos.items():
            ax.text(
                x,
                y,
                "\n".join(textwrap.wrap(node, 16)),
                ha="center",
                va="center",
                fontsize=9,
                bbox={"boxstyle": "round", "fc": "white", "ec": PALETTE["blue"]},
            )
        ax.set_xlim(-0.6, max(columns) + 0.6)
        ax.set_ylim(-max(len(c) for c in columns.values()) / 2 - 0.3, max(len(c) for c in columns.values()) / 2 + 0.3)
        ax.axis("off")
    shown = f" (the {MAX_LINKS} most frequent drawn)" if all_links > MAX_LINKS else ""
    finish(fig, ax, f"{all_links} relay links: who passes on whose claims{shown}", source)
    return fig, table
