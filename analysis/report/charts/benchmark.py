"""Chart of the benchmark appendix: throughput per core against corpus size."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.report.charts.style import PALETTE, SEQUENCE, finish, new_figure


def benchmark(results: pd.DataFrame, source: str) -> tuple[Figure, pd.DataFrame]:
    """Throughput per core against corpus size, beside the two baselines measured in the
    same run (quantulum3 above, a plain digit scan as the floor), on a log scale."""
    table = results[["what", "jobs", "n_docs", "mb_per_cpu_s", "peak_mb"]].copy()
    table["corpus"] = results["corpus"] if "corpus" in results else "synthetic"  # older files: synthetic only
    fig, ax = new_figure(8, 4.5)
    runs = table[table.what.isin(["pipeline", "cli"]) & (table.jobs == 1)]
    for i, ((corpus, what), part) in enumerate(runs.groupby(["corpus", "what"], sort=True)):
        ax.plot(part.n_docs, part.mb_per_cpu_s, marker="o", color=SEQUENCE[i], label=f"{what} (one process, {corpus})")
    for what, colour in (("re", PALETTE["grey"]), ("quantulum3", PALETTE["vermillion"])):
        rows = table[table.what == what].sort_values("corpus")  # real articles first, where measured
        if not rows.empty:
            corpus = rows.corpus.iloc[0]
            ax.axhline(float(rows.mb_per_cpu_s.iloc[0]), color=colour, linestyle="dashed", label=f"{what} ({corpus})")
    ax.axhline(1.0, color=PALETTE["green"], linestyle="dotted", label="target: 1 MB/s per core")
    ax.set_xscale("log")
    ax.set_yscale("log")
    plain = FuncFormatter(lambda value, _: f"{value:,g}")  # text is never math (STYLE), so no 10^n labels
    ax.xaxis.set_major_formatter(plain)
    ax.yaxis.set_major_formatter(plain)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=9)
    pipeline = runs[(runs.what == "pipeline") & (runs.corpus == "synthetic")].mb_per_cpu_s
    best = pipeline.max() if not pipeline.empty else float("nan")
    shape = (
        "flat as the corpus grows"
        if not pipeline.empty and pipeline.max() <= 1.15 * pipeline.min()
        else "by corpus size"
    )
    finish(
        fig,
        ax,
        f"The pipeline extracts up to {best:.2f} MB of text per CPU second, {shape}",
        source,
        xlabel="documents in the corpus",
        ylabel="MB of text per CPU second",
    )
    return fig, table.reset_index(drop=True)
