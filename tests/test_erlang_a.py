"""Erlang A against an independent Markov-chain solution and its limits.

The reference builds the full generator of the M/M/n+M chain and solves it with linear
algebra, and computes the answered-within-T probability of a tagged caller by a matrix
exponential: none of the product form, log-space sums or incomplete beta function of the
implementation (Palm 1943; Garnett, Mandelbaum & Reiman 2002).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from scipy.linalg import expm

from solver.staffing.erlang_a import erlang_a_metrics, erlang_a_required_agents
from solver.staffing.erlang_c import erlang_c_metrics, required_agents


def reference(
    agents: int, load: float, aht: float, patience: float, answer: float, extra: int = 120
) -> dict[str, float]:
    mu, theta = 1 / aht, 1 / patience
    lam = load * mu
    size = agents + extra + 1
    q = np.zeros((size, size))
    for k in range(size):
        if k + 1 < size:
            q[k, k + 1] = lam
        if k > 0:
            q[k, k - 1] = min(k, agents) * mu + max(k - agents, 0) * theta
        q[k, k] = -q[k].sum()
    system = np.vstack([q.T, np.ones(size)])
    rhs = np.zeros(size + 1)
    rhs[-1] = 1.0
    pi = np.linalg.lstsq(system, rhs, rcond=None)[0]
    queue_length = sum(max(k - agents, 0) * pi[k] for k in range(size))
    busy = sum(min(k, agents) * pi[k] for k in range(size))

    # Tagged caller: states "j callers ahead" (0..extra), then served, then abandoned.
    served, gone = extra + 1, extra + 2
    t = np.zeros((extra + 3, extra + 3))
    for j in range(extra + 1):
        if j > 0:
            t[j, j - 1] = agents * mu + j * theta
        else:
            t[j, served] = agents * mu
        t[j, gone] = theta
        t[j, j] = -t[j].sum()
    at_target = expm(t * answer)
    within = sum(pi[k] for k in range(agents)) + sum(
        pi[agents + j] * at_target[j, served] for j in range(extra + 1) if agents + j < size
    )
    return {
        "prob_wait": float(pi[agents:].sum()),
        "prob_abandon": float(theta * queue_length / lam),
        "wait_all_arrivals": float(queue_length / lam),
        "occupancy": float(busy / agents),
        "service_level": float(within),
    }


@pytest.mark.parametrize(
    ("agents", "load", "aht", "patience", "answer"),
    [
        (3, 2.5, 300, 120, 20),
        (12, 10.0, 180, 120, 20),
        (8, 9.0, 240, 60, 30),
        (1, 0.7, 200, 300, 10),
    ],
)
def test_matches_an_independent_markov_chain_solution(
    agents: int, load: float, aht: float, patience: float, answer: float
) -> None:
    m = erlang_a_metrics(agents, load, aht, patience, answer)
    ref = reference(agents, load, aht, patience, answer)
    assert m.prob_wait == pytest.approx(ref["prob_wait"], abs=1e-9)
    assert m.prob_abandon == pytest.approx(ref["prob_abandon"], abs=1e-9)
    assert m.occupancy == pytest.approx(ref["occupancy"], abs=1e-9)
    assert m.service_level == pytest.approx(ref["service_level"], abs=1e-8)
    assert m.asa_all_seconds == pytest.approx(ref["wait_all_arrivals"], rel=1e-9)


def test_the_pyworkforce_case_gives_both_averages_of_the_wait() -> None:
    """pyworkforce's Erlang A regression case (100 calls per 30 min, AHT 180 s, 14 agents,
    mean patience 300 s): 4.195 s is its waiting time over all arrivals; the mean wait of
    the answered calls alone is shorter (abandoners are those who would have waited long)."""
    m = erlang_a_metrics(14, 100 * 180 / 1800, 180, 300, 20)
    assert m.asa_all_seconds == pytest.approx(4.195, abs=5e-4)
    assert m.mean_wait_all_arrivals == m.asa_all_seconds
    assert m.asa_seconds == pytest.approx(3.878, abs=5e-4)
    assert m.asa_all_seconds == pytest.approx(m.prob_abandon * 300, rel=1e-12), "Little's law"
    nobody = erlang_a_metrics(0, 10.0, 180, 300, 20)
    assert nobody.asa_all_seconds == 300.0, "without agents every caller waits until hanging up"


def test_very_patient_callers_give_erlang_c() -> None:
    # 100 calls / 30 min, AHT 180 s, 14 agents (the Call Centre Helper example).
    a = erlang_a_metrics(14, 10.0, 180, 1e7, 20)
    c = erlang_c_metrics(14, 10.0, 180, 20)
    assert a.service_level == pytest.approx(c.service_level, abs=1e-4)
    assert a.asa_seconds == pytest.approx(c.asa_seconds, rel=1e-3)
    assert a.prob_wait == pytest.approx(c.prob_wait, abs=1e-4)
    assert a.prob_abandon == pytest.approx(0.0, abs=1e-4)


def test_overloaded_queue_is_stable_with_abandonment() -> None:
    m = erlang_a_metrics(9, 10.0, 180, 120, 20)
    assert 0 < m.service_level < 1
    assert 0.1 < m.prob_abandon < 0.5  # type: ignore[operator]
    assert m.occupancy < 1


def test_more_agents_never_lowers_service_level() -> None:
    levels = [erlang_a_metrics(n, 20.0, 300, 90, 20).service_level for n in range(1, 40)]
    asas = [erlang_a_metrics(n, 20.0, 300, 90, 20).asa_seconds for n in range(1, 40)]
    assert all(b >= a - 1e-12 for a, b in pairwise(levels))
    assert all(b <= a + 1e-12 for a, b in pairwise(asas))


def test_abandonment_lowers_the_staffing_need_of_a_small_queue() -> None:
    erlang_c = int(required_agents(10.0, 180, service_level_target=0.8, answer_seconds=20))
    erlang_a = erlang_a_required_agents(10.0, 180, 120, service_level_target=0.8)
    assert erlang_a < erlang_c
    assert erlang_a_metrics(erlang_a, 10.0, 180, 120, 20).service_level >= 0.8
    assert erlang_a_metrics(erlang_a - 1, 10.0, 180, 120, 20).service_level < 0.8


def test_edge_cases() -> None:
    assert erlang_a_metrics(0, 2.0, 180, 60, 20).prob_abandon == 1.0
    assert erlang_a_metrics(3, 0.0, 180, 60, 20).service_level == 1.0
    assert erlang_a_required_agents(0.0, 180, 60) == 0
    with pytest.raises(ValueError, match="patience"):
        erlang_a_metrics(3, 2.0, 180, 0, 20)
