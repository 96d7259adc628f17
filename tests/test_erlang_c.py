"""Erlang C against published worked examples, an exact reference, and its limits."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver.staffing.erlang_c import (
    erlang_b,
    erlang_c_metrics,
    mean_wait_seconds,
    prob_wait,
    required_agents,
    service_level,
)
from solver.staffing.metrics import UnstableQueue, offered_load


def exact_prob_wait(agents: int, load: float) -> float:
    """Textbook Erlang C with exact rational arithmetic: slow, independent, fine when small."""
    a = Fraction(load)
    top = a**agents / math.factorial(agents) * Fraction(agents) / (agents - a)
    bottom = sum(a**k / math.factorial(k) for k in range(agents)) + top
    return float(top / bottom)


def log_space_prob_wait(agents: int, load: float) -> float:
    """Erlang C by a plain log-space sum with math.lgamma: an independent large-load check."""
    logs = [k * math.log(load) - math.lgamma(k + 1) for k in range(agents)]
    last = agents * math.log(load) - math.lgamma(agents + 1) + math.log(agents / (agents - load))
    peak = max([*logs, last])
    total = sum(math.exp(x - peak) for x in logs) + math.exp(last - peak)
    return math.exp(last - peak) / total


def test_westbay_worked_example() -> None:
    # Westbay Engineers, "The Erlang-C formula" (erlang.com, reproduced in many WFM texts):
    # 360 calls per half hour, 4-minute calls, 55 agents, target answer time 15 s.
    # Published: intensity 48 Erlangs, occupancy 87.3 %, probability of waiting 23.87 %,
    # ASA 8.2 s, service level 84.6 %.
    load = offered_load(360, 240, 1800)
    m = erlang_c_metrics(55, load, 240, 15)
    assert load == pytest.approx(48.0)
    assert m.occupancy == pytest.approx(0.873, abs=5e-4)
    assert m.prob_wait == pytest.approx(0.2387, abs=5e-5)
    assert m.asa_seconds == pytest.approx(8.2, abs=0.05)
    assert m.service_level == pytest.approx(0.846, abs=5e-4)
    assert m.prob_wait == pytest.approx(exact_prob_wait(55, 48), rel=1e-12)


def test_call_centre_helper_worked_example() -> None:
    # Call Centre Helper, "Erlang C formula - made simple": 100 calls in 30 minutes,
    # AHT 180 s, target 80 % answered in 20 s -> 10 Erlangs and 14 agents (SL 88.8 %).
    load = offered_load(100, 180, 1800)
    assert int(required_agents(load, 180, service_level_target=0.8, answer_seconds=20)) == 14
    assert erlang_c_metrics(14, load, 180, 20).service_level == pytest.approx(0.888, abs=5e-4)
    assert erlang_c_metrics(13, load, 180, 20).service_level < 0.8


@pytest.mark.parametrize(("agents", "load"), [(1, 0.5), (3, 2.2), (14, 10.0), (40, 37.5)])
def test_prob_wait_matches_exact_formula(agents: int, load: float) -> None:
    assert float(prob_wait(agents, load)) == pytest.approx(exact_prob_wait(agents, load), rel=1e-10)


@pytest.mark.parametrize(("agents", "load"), [(600, 550.0), (1200, 1150.3), (3000, 2950.0)])
def test_large_loads_do_not_overflow(agents: int, load: float) -> None:
    value = float(prob_wait(agents, load))
    assert math.isfinite(value)
    assert value == pytest.approx(log_space_prob_wait(agents, load), rel=1e-9)


def test_erlang_b_recursion_agrees_with_vectorised_path() -> None:
    for agents, load in [(5, 3.0), (50, 48.0), (300, 280.5)]:
        blocking = erlang_b(agents, load)
        via_c = float(prob_wait(agents, load))
        # C = n B / (n - a (1 - B)) links the two independent computations.
        assert via_c == pytest.approx(agents * blocking / (agents - load * (1 - blocking)))


def test_more_agents_never_lowers_service_level() -> None:
    for load in (0.3, 4.7, 25.0, 180.0):
        agents = np.arange(math.floor(load) + 1, math.floor(load) + 60)
        levels = service_level(agents, load, 300, 20)
        waits = mean_wait_seconds(agents, load, 300)
        assert np.all(np.diff(levels) >= -1e-12)
        assert np.all(np.diff(waits) <= 1e-12)
        assert levels[-1] == pytest.approx(1.0, abs=1e-6)


def test_load_at_or_above_agents_has_no_steady_state() -> None:
    with pytest.raises(UnstableQueue, match="no steady state") as info:
        erlang_c_metrics(10, 10.0, 180, 20)
    assert "at least 11 agents" in str(info.value)
    assert float(service_level(9, 10.0, 180, 20)) == 0.0
    assert math.isinf(float(mean_wait_seconds(10, 10.0, 180)))
    assert math.isnan(float(prob_wait(8, 10.0)))


def test_zero_load_needs_nobody_and_is_perfect() -> None:
    assert int(required_agents(0.0, 300)) == 0
    assert erlang_c_metrics(0, 0.0, 300, 20).service_level == 1.0


@pytest.mark.parametrize(
    ("target", "answer", "max_asa", "max_occupancy"),
    [(0.9, 30.0, None, 1.0), (None, 20.0, 15.0, 1.0), (0.8, 20.0, None, 0.85)],
)
def test_required_agents_is_the_minimum_for_each_target(
    target: float | None, answer: float, max_asa: float | None, max_occupancy: float
) -> None:
    loads = np.array([0.2, 1.0, 3.3, 9.9, 42.0, 160.0])
    needed = required_agents(
        loads,
        240.0,
        service_level_target=target,
        answer_seconds=answer,
        max_asa_seconds=max_asa,
        max_occupancy=max_occupancy,
    )

    def meets(agents: int, load: float) -> bool:
        if agents <= load:
            return False
        m = erlang_c_metrics(agents, load, 240, answer)
        return (
            (target is None or m.service_level >= target)
            and (max_asa is None or m.asa_seconds <= max_asa)
            and m.occupancy <= max_occupancy
        )

    for load, n in zip(loads, needed, strict=True):
        assert meets(int(n), float(load))
        assert not meets(int(n) - 1, float(load))


def test_required_agents_keeps_the_shape_of_its_input() -> None:
    loads = np.array([[1.0, 2.0, 0.0], [30.0, 0.5, 7.0]])
    assert required_agents(loads, 300).shape == (2, 3)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"service_level_target": 1.0}, "service level"),
        ({"service_level_target": None}, "service-level target or"),
        ({"max_occupancy": 0.0}, "occupancy"),
        ({"max_asa_seconds": -1.0}, "ASA"),
    ],
)
def test_bad_targets_are_refused(kwargs: dict[str, float | None], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        required_agents(10.0, 300, **kwargs)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    load=st.floats(min_value=0.01, max_value=800.0),
    aht=st.floats(min_value=30.0, max_value=1200.0),
    target=st.floats(min_value=0.5, max_value=0.99),
    answer=st.floats(min_value=0.0, max_value=120.0),
)
def test_vectorised_search_agrees_with_the_scalar_formulas(
    load: float, aht: float, target: float, answer: float
) -> None:
    n = int(required_agents(load, aht, service_level_target=target, answer_seconds=answer))
    assert n > load
    assert erlang_c_metrics(n, load, aht, answer).service_level >= target
    if n - 1 > load:
        assert erlang_c_metrics(n - 1, load, aht, answer).service_level < target
