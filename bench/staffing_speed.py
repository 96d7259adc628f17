"""Time to compute staffing for a year of 15-minute slots across 10 queues.

    .venv/bin/python -m bench.staffing_speed

Loads follow a daily double hump, scaled per queue from a few Erlangs to several hundred
(the largest queue reaches several hundred Erlangs), closed at night. Prints the time of the
vectorised Erlang C search (80 % in 20 s, occupancy <= 85 %), of evaluating the service
level of a staffing plan over the same year, and of Erlang A (per-slot search) on one week
of one mid-size queue, extrapolated to the year.
"""

from __future__ import annotations

import time

import numpy as np

from solver.staffing.erlang_a import erlang_a_required_agents
from solver.staffing.erlang_c import required_agents, service_level

SLOTS_PER_DAY = 96
DAYS = 365
QUEUES = 10


def year_of_loads(seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    hours = (np.arange(SLOTS_PER_DAY) + 0.5) / 4
    shape = np.exp(-0.5 * ((hours - 10.5) / 1.5) ** 2) + 0.8 * np.exp(
        -0.5 * ((hours - 15) / 2) ** 2
    )
    shape[(hours < 8) | (hours >= 20)] = 0.0
    peaks = np.geomspace(3, 400, QUEUES)
    day_noise = rng.gamma(50, 1 / 50, size=(QUEUES, DAYS, 1))
    loads = peaks[:, None, None] * day_noise * shape[None, None, :]
    aht = rng.uniform(180, 600, size=(QUEUES, 1, 1)) * np.ones_like(loads)
    return loads.reshape(QUEUES, -1), aht.reshape(QUEUES, -1)


def main() -> None:
    loads, aht = year_of_loads()
    cells = loads.size
    best = np.inf
    for _ in range(3):
        started = time.perf_counter()
        agents = required_agents(
            loads, aht, service_level_target=0.8, answer_seconds=20, max_occupancy=0.85
        )
        best = min(best, time.perf_counter() - started)
    print(f"cells: {QUEUES} queues x {DAYS} days x {SLOTS_PER_DAY} slots = {cells:,}")
    print(f"  open cells {int((loads > 0).sum()):,}, peak agents {int(agents.max())}")
    print(f"Erlang C required agents, whole year: {best * 1000:.0f} ms (best of 3)")
    started = time.perf_counter()
    service_level(agents, loads, aht, 20)
    print(
        f"Erlang C service level of that plan, whole year: "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    week = slice(0, 7 * SLOTS_PER_DAY)
    queue = QUEUES // 2
    started = time.perf_counter()
    open_cells = 0
    for load, handle in zip(loads[queue, week], aht[queue, week], strict=True):
        if load > 0:
            open_cells += 1
            erlang_a_required_agents(float(load), float(handle), 180.0)
    seconds = time.perf_counter() - started
    per_cell = seconds / max(open_cells, 1)
    print(
        f"Erlang A (patience 180 s), one week of queue {queue} (peak {loads[queue].max():.0f} "
        f"Erlangs): {seconds:.2f} s for {open_cells} open slots, {per_cell * 1000:.1f} ms/slot;"
        f" whole year ~{per_cell * int((loads > 0).sum()):.0f} s"
    )


if __name__ == "__main__":
    main()
