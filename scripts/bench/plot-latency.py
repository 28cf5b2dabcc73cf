"""Plots the latency distributions of a `npm run bench:mix` run: one panel per operation, the
empirical distribution (share of requests answered within a time) of each load stage.

    .tools/python/bin/python scripts/bench/plot-latency.py .data/bench/mix-<time>.json out.png
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import LogLocator, NullFormatter, ScalarFormatter  # noqa: E402


def main(figures_path: str, png_path: str) -> None:
    with open(figures_path, encoding="utf-8") as f:
        figures = json.load(f)
    stages = figures["stages"]
    operations = list(stages[0]["operations"].keys())
    columns = 3
    rows = (len(operations) + 1 + columns - 1) // columns
    fig, grid = plt.subplots(rows, columns, figsize=(5 * columns, 4.2 * rows))
    panels = list(grid.flat)
    axes = panels[: len(operations)]
    colors = plt.cm.viridis([i / max(1, len(stages) - 1) * 0.85 for i in range(len(stages))])
    for ax, op in zip(axes, operations):
        for stage, color in zip(stages, colors):
            values = stage["operations"][op]["latenciesMs"]
            if not values:
                continue
            n = len(values)
            shares = [(i + 1) / n for i in range(n)]
            o = stage["operations"][op]
            ax.step(values, shares, where="post", color=color, label=f'{stage["users"]} users (p99 {o["p99"]:.0f} ms)')
        ax.set_xscale("log")
        # Ticks at 1, 2 and 5 of every decade: a panel spanning less than a decade still gets labels.
        ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(ScalarFormatter())
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_title(op)
        ax.set_xlabel("latency (ms, log scale)")
        ax.set_ylabel("share answered within")
        ax.grid(True, which="both", alpha=0.3)
        ax.axhline(0.99, color="grey", linewidth=0.8, linestyle="--")
        ax.legend(fontsize=7, loc="lower right")
    # The last panel: each operation's p99 as the load grows.
    summary = panels[len(operations)]
    users = [stage["users"] for stage in stages]
    for op in operations:
        summary.plot(users, [stage["operations"][op]["p99"] for stage in stages], marker="o", label=op)
    summary.set_yscale("log")
    summary.yaxis.set_major_formatter(ScalarFormatter())
    summary.yaxis.set_minor_formatter(NullFormatter())
    summary.set_xlabel("virtual users")
    summary.set_ylabel("p99 (ms, log scale)")
    summary.set_title("p99 by load")
    summary.grid(True, which="both", alpha=0.3)
    summary.legend(fontsize=7)
    for unused in panels[len(operations) + 1 :]:
        unused.axis("off")
    fig.suptitle(f'HealthSync bench:mix {figures["at"]} — think time {figures["thinkMs"]} ms, Claude stand-in {figures["claudeStandIn"]}')
    fig.tight_layout()
    fig.savefig(png_path, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
