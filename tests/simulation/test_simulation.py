"""The simulator against Erlang where Erlang is exact, pooling where it is not, and seeds."""

from __future__ import annotations

from datetime import date

import pytest

from solver.forecast.model import Forecast, QueueForecast
from solver.problem import Agent, Contract, Problem, Queue
from solver.roster import Activity, Roster, Shift, Span
from solver.simulation.report import SimulationReport, simulate
from solver.staffing.erlang_a import erlang_a_metrics
from solver.staffing.erlang_c import erlang_c_metrics
from solver.staffing.requirements import StaffingPlan, StaffingPolicy
from tests.staffing_helpers import one_day_horizon, utc

OPEN, CLOSE = 16, 40  # 08:00 to 20:00 in 30-minute slots


def _plan(volumes: dict[str, float], patience: float | None = None) -> StaffingPlan:
    """Flat volume per 30 minutes on each queue while open, AHT 180 s."""
    forecast = Forecast(
        horizon=one_day_horizon(),
        history_first_day=date(2026, 11, 1),
        history_last_day=date(2026, 11, 30),
        history_interval_minutes=30,
        queues=[
            QueueForecast(
                queue=queue,
                method="flat",
                holdout=[],
                contacts=[volume if OPEN <= i < CLOSE else 0.0 for i in range(48)],
                aht_seconds=[180.0] * 48,
            )
            for queue, volume in volumes.items()
        ],
    )
    policy = StaffingPolicy(shrinkage=0, answer_seconds=20, patience_seconds=patience)
    return StaffingPlan(forecast=forecast, policy=policy)


def _problem(agents: dict[str, list[str]], queues: list[str]) -> Problem:
    return Problem(
        horizon=one_day_horizon(),
        queues=[Queue(id=q, skill=q) for q in queues],
        agents=[
            Agent(
                id=agent_id,
                time_zone="Europe/Paris",
                country="FR",
                skills=skills,
                hourly_cost=20,
                contract=Contract(max_hours_per_week=40),
            )
            for agent_id, skills in agents.items()
        ],
    )


def _roster(rostered: dict[str, str]) -> Roster:
    """Each agent on their queue the whole opening day."""
    return Roster(
        shifts=[
            Shift(
                agent_id=agent_id,
                start=utc(OPEN),
                end=utc(CLOSE),
                activities=[Activity(queue=queue, start=utc(OPEN), end=utc(CLOSE))],
            )
            for agent_id, queue in rostered.items()
        ]
    )


def _single_skill(count: int, patience: float | None, seed: int = 7) -> SimulationReport:
    agents = {f"a{i}": ["fr"] for i in range(count)}
    return simulate(
        _problem(agents, ["fr"]),
        _roster({a: "fr" for a in agents}),
        _plan({"fr": 100.0}, patience),
        replications=12,
        seed=seed,
    )


def test_single_skill_agrees_with_erlang_c_within_the_interval() -> None:
    report = _single_skill(12, patience=None)
    week = report.week("fr")
    expected = erlang_c_metrics(12, 10.0, 180, 20)
    assert week.erlang_service_level == pytest.approx(expected.service_level)
    assert week.service_level.contains(expected.service_level), week.service_level
    assert week.asa_seconds.contains(expected.asa_seconds), week.asa_seconds
    assert week.occupancy.contains(10.0 / 12), week.occupancy
    assert week.abandonment.mean == 0.0


def test_single_skill_agrees_with_erlang_a_within_the_interval() -> None:
    report = _single_skill(10, patience=120.0)
    week = report.week("fr")
    expected = erlang_a_metrics(10, 10.0, 180, 120, 20)
    assert week.service_level.contains(expected.service_level), week.service_level
    assert expected.prob_abandon is not None
    assert week.abandonment.contains(expected.prob_abandon), week.abandonment
    assert week.asa_seconds.contains(expected.asa_seconds), week.asa_seconds


def test_pooling_two_skills_raises_service_above_the_per_queue_erlang_figure() -> None:
    """Seven agents per queue, 5 Erlangs each: alone each queue misses 80 % in 20 s;
    holding both skills, the fourteen agents answer as one pool."""
    rostered = {f"fr{i}": "fr" for i in range(7)} | {f"en{i}": "en" for i in range(7)}
    both = {agent: ["fr", "en"] for agent in rostered}
    plan = _plan({"fr": 50.0, "en": 50.0})
    pooled = simulate(_problem(both, ["fr", "en"]), _roster(rostered), plan, 12, seed=3)
    separate = {agent: [queue] for agent, queue in rostered.items()}
    alone = simulate(_problem(separate, ["fr", "en"]), _roster(rostered), plan, 12, seed=3)

    erlang = pooled.week("fr").erlang_service_level
    assert erlang is not None
    assert erlang == pytest.approx(erlang_c_metrics(7, 5.0, 180, 20).service_level)
    for queue in ("fr", "en"):
        level = pooled.week(queue).service_level
        assert level.low is not None and level.low > erlang, (queue, level, erlang)
        assert alone.week(queue).service_level.contains(erlang)
    one_pool = erlang_c_metrics(14, 10.0, 180, 20).service_level
    assert pooled.week(None).service_level.contains(one_pool)


def test_a_seed_gives_the_same_figures_and_another_seed_others() -> None:
    first = _single_skill(12, patience=60.0, seed=11).as_dict()
    assert _single_skill(12, patience=60.0, seed=11).as_dict() == first
    assert _single_skill(12, patience=60.0, seed=12).as_dict() != first


def test_a_break_takes_the_agent_off_the_phones() -> None:
    """One agent, a one-hour break in the middle: calls in the break wait for them."""
    agents = {"a": ["fr"]}
    shift = Shift(
        agent_id="a",
        start=utc(OPEN),
        end=utc(OPEN + 6),
        breaks=[Span(start=utc(OPEN + 2), end=utc(OPEN + 4))],
        activities=[Activity(queue="fr", start=utc(OPEN), end=utc(OPEN + 6))],
    )
    plan = _plan({"fr": 4.0}, patience=30.0)
    report = simulate(_problem(agents, ["fr"]), Roster(shifts=[shift]), plan, 20, seed=1)
    by_slot = {s.slot: s for s in report.slots}
    on_break = by_slot[OPEN + 2].abandonment.mean
    working = by_slot[OPEN].abandonment.mean
    assert on_break is not None and working is not None
    assert on_break > 0.5 > working
    assert by_slot[OPEN + 2].staffed == 0
