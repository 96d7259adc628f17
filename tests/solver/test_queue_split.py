"""The split over queues is optimal: checked against a linear program on random slots.

A slot's split is a transportation problem whose LP has integral optima, so HiGHS' optimum
of the same weighted shortfall is the reference, computed without our code.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from solver.queue_split import split_slot


def _lp_optimum(
    supply: dict[int, int], need: list[int], weight: list[float], queues_of: list[tuple[int, ...]]
) -> float:
    """min sum_q weight_q * unmet_q with every agent placed on one of its group's queues."""
    arcs = [(g, q) for g in supply for q in queues_of[g]]
    n_arcs, n_queues = len(arcs), len(need)
    cost = np.concatenate([np.zeros(n_arcs), np.array(weight), np.zeros(n_queues)])
    a_eq, b_eq = [], []
    for g, count in supply.items():
        a_eq.append([1.0 if arc[0] == g else 0.0 for arc in arcs] + [0.0] * 2 * n_queues)
        b_eq.append(count)
    for q in range(n_queues):  # served + unmet - over = need
        row = [1.0 if arc[1] == q else 0.0 for arc in arcs] + [0.0] * 2 * n_queues
        row[n_arcs + q] = 1.0
        row[n_arcs + n_queues + q] = -1.0
        a_eq.append(row)
        b_eq.append(need[q])
    result = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    assert result.status == 0
    return float(result.fun)


@st.composite
def slots(draw: st.DrawFn) -> tuple[dict[int, int], list[int], list[float], list[tuple[int, ...]]]:
    n_queues = draw(st.integers(1, 4))
    queue_sets = st.sets(st.integers(0, n_queues - 1), min_size=1).map(lambda s: tuple(sorted(s)))
    queues_of = draw(st.lists(queue_sets, min_size=1, max_size=6))
    supply = {g: draw(st.integers(0, 6)) for g in range(len(queues_of))}
    need = draw(st.lists(st.integers(0, 8), min_size=n_queues, max_size=n_queues))
    weight = draw(st.lists(st.sampled_from([1.0, 2.0, 3.0]), min_size=n_queues, max_size=n_queues))
    return supply, need, weight, queues_of


@settings(max_examples=200, deadline=None)
@given(slots())
def test_the_split_is_as_good_as_the_linear_program(
    case: tuple[dict[int, int], list[int], list[float], list[tuple[int, ...]]],
) -> None:
    supply, need, weight, queues_of = case
    order = sorted(range(len(need)), key=lambda q: -weight[q])
    flow = split_slot(dict(supply), list(need), order, queues_of)
    served = [0] * len(need)
    placed = dict.fromkeys(supply, 0)
    for (g, q), value in flow.items():
        assert q in queues_of[g], "an agent sits on a queue their group may not serve"
        assert value > 0
        served[q] += value
        placed[g] += value
    assert placed == supply, "every working agent is placed exactly once"
    ours = sum(w * max(0, n - s) for w, n, s in zip(weight, need, served, strict=True))
    assert ours == pytest.approx(_lp_optimum(supply, need, weight, queues_of), abs=1e-6)


def test_a_flexible_agent_moves_over_to_free_a_constrained_one() -> None:
    # Group 0 may serve queues 0 and 1, group 1 only queue 0. Queue 0 weighs more, but the
    # optimum puts the flexible agent on queue 1 and the constrained one on queue 0.
    flow = split_slot({0: 1, 1: 1}, [1, 1], [0, 1], [(0, 1), (0,)])
    assert flow == {(0, 1): 1, (1, 0): 1}
