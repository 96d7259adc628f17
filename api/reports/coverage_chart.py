"""Coverage chart: required against scheduled agents per slot, one panel per queue."""

from __future__ import annotations

from pathlib import Path

from solver.verifier import Kpis


def write_coverage_chart(kpis: Kpis, path: Path, title: str = "") -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    queues = list(kpis.queues.values())
    fig, axes = plt.subplots(len(queues), 1, figsize=(14, 2.6 * len(queues)), sharex=True)
    axes_list = [axes] if len(queues) == 1 else list(axes)
    x = list(range(len(kpis.slot_starts)))
    for ax, queue in zip(axes_list, queues, strict=True):
        ax.fill_between(x, queue.required, step="post", alpha=0.3, label="required")
        ax.step(x, queue.scheduled, where="post", linewidth=1.2, label="scheduled")
        unmet = [i for i, u in enumerate(queue.unmet) if u]
        if unmet:
            ax.scatter(unmet, [queue.required[i] for i in unmet], s=6, c="red", label="unmet")
        ax.set_ylabel(queue.queue)
        ax.legend(loc="upper right", fontsize=7)
    day_ticks = [
        i
        for i, start in enumerate(kpis.slot_starts)
        if i == 0 or start.date() != kpis.slot_starts[i - 1].date()
    ]
    axes_list[-1].set_xticks(day_ticks)
    axes_list[-1].set_xticklabels([kpis.slot_starts[i].strftime("%a %d") for i in day_ticks])
    fig.suptitle(title or "Required vs scheduled agents per slot")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
