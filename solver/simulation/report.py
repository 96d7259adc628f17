"""Replications of the simulation, their confidence intervals, and Erlang beside them.

Each replication draws its own calls (seeds spawned from one ``numpy.random.SeedSequence``,
so a seed gives the same figures on every machine and every run). A figure's estimate is
the mean over replications of that replication's value, with a Student-t interval of the
confidence asked for (95 % by default): per queue and slot the service level (answered
within the target time over offered, abandoned calls count as missed), the ASA (mean wait
of answered calls), the abandonment rate and the occupancy; per queue and week the same
figures over the week's calls (so weighted by volume, as the Erlang judge weights them).

Occupancy of a queue is its busy agent-seconds over the agent-seconds the roster puts on
the queue: with single-skill agents it is Erlang's occupancy; above 100 % means agents
rostered on other queues took some of its calls.

The Erlang figures beside them are ``solver.staffing.roster_service.judge_roster`` for the
same roster with shrinkage 0 (the simulation plays every rostered agent): per queue, each
queue's own agents only.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime

import numpy as np
from scipy.stats import t as student_t

from solver.problem import Problem
from solver.roster import Roster
from solver.simulation.engine import SimInput, Tally, replicate
from solver.simulation.inputs import simulation_input
from solver.staffing.requirements import StaffingPlan
from solver.staffing.roster_service import judge_roster, staffed_agents
from solver.timegrid import SlotGrid

MAX_REPLICATIONS = 200


@dataclass(frozen=True)
class Estimate:
    """Mean over replications and the half-width of its confidence interval (None: too
    few replications had the figure, e.g. no call arrived)."""

    mean: float | None
    half_width: float | None

    @property
    def low(self) -> float | None:
        return None if self.mean is None or self.half_width is None else self.mean - self.half_width

    @property
    def high(self) -> float | None:
        return None if self.mean is None or self.half_width is None else self.mean + self.half_width

    def contains(self, value: float) -> bool:
        return self.low is not None and self.high is not None and self.low <= value <= self.high


@dataclass(frozen=True)
class SimulatedSlot:
    queue: str
    slot: int
    start: datetime
    contacts: float
    staffed: int
    service_level: Estimate
    asa_seconds: Estimate
    abandonment: Estimate
    occupancy: Estimate
    erlang_service_level: float
    erlang_asa_seconds: float | None
    erlang_abandonment: float | None


@dataclass(frozen=True)
class SimulatedWeek:
    queue: str | None
    week: int
    contacts: float
    service_level: Estimate
    asa_seconds: Estimate
    abandonment: Estimate
    occupancy: Estimate
    erlang_service_level: float | None
    erlang_asa_seconds: float | None


@dataclass(frozen=True)
class SimulationReport:
    seed: int
    replications: int
    confidence: float
    model: str
    answer_seconds: float
    patience_seconds: float | None
    slots: list[SimulatedSlot]
    weeks: list[SimulatedWeek]

    def as_dict(self) -> dict[str, object]:
        return {
            **{k: v for k, v in asdict(self).items() if k not in ("slots", "weeks")},
            "weeks": [asdict(w) for w in self.weeks],
            "slots": [{**asdict(s), "start": s.start.isoformat()} for s in self.slots],
        }

    def week(self, queue: str | None, week: int = 0) -> SimulatedWeek:
        for item in self.weeks:
            if item.queue == queue and item.week == week:
                return item
        raise KeyError((queue, week))

    def summary_lines(self) -> list[str]:
        """One line per queue and week, for a terminal."""
        lines = [
            f"simulated {self.replications} replication(s), seed {self.seed}, "
            f"{self.confidence:.0%} intervals, answer time {self.answer_seconds:g} s"
        ]
        for w in self.weeks:
            name = w.queue or "all queues"
            erlang = "n/a" if w.erlang_service_level is None else f"{w.erlang_service_level:.1%}"
            lines.append(
                f"  week {w.week + 1} {name:<14} SL {_pct(w.service_level)} "
                f"(Erlang {erlang})  ASA {_sec(w.asa_seconds)}  "
                f"abandoned {_pct(w.abandonment)}  occupancy {_pct(w.occupancy)}"
            )
        return lines


def _pct(e: Estimate) -> str:
    if e.mean is None:
        return "n/a"
    return f"{e.mean:.1%}" + ("" if e.half_width is None else f" ± {e.half_width:.1%}")


def _sec(e: Estimate) -> str:
    if e.mean is None:
        return "n/a"
    return f"{e.mean:.0f} s" + ("" if e.half_width is None else f" ± {e.half_width:.0f}")


def _estimate(values: np.ndarray, confidence: float) -> Estimate:
    """Mean and t-interval half-width over the replications axis (0), ignoring NaN."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return Estimate(None, None)
    mean = float(finite.mean())
    if finite.size < 2:
        return Estimate(mean, None)
    quantile = float(student_t.ppf(0.5 + confidence / 2.0, finite.size - 1))
    return Estimate(mean, quantile * float(finite.std(ddof=1)) / math.sqrt(finite.size))


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1), np.nan)


def run_replications(data: SimInput, replications: int, seed: int) -> list[Tally]:
    """``replications`` independent runs, reproducible from ``seed``."""
    if not 1 <= replications <= MAX_REPLICATIONS:
        raise ValueError(f"replications must be 1 to {MAX_REPLICATIONS}, got {replications}")
    streams = np.random.SeedSequence(seed).spawn(replications)
    return [replicate(data, np.random.default_rng(stream)) for stream in streams]


def simulate(
    problem: Problem,
    roster: Roster,
    plan: StaffingPlan,
    replications: int = 10,
    seed: int = 0,
    confidence: float = 0.95,
) -> SimulationReport:
    """Simulate ``roster`` against ``plan``'s forecast; per queue and slot and week."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    data = simulation_input(problem, roster, plan)
    tallies = run_replications(data, replications, seed)
    grid = SlotGrid(plan.forecast.horizon)
    queues = [q.queue for q in plan.forecast.queues]
    staffed = np.array([staffed_agents(roster, grid, queues)[q] for q in queues], dtype=float)
    rostered_seconds = staffed * data.slot_seconds
    stack = {
        name: np.stack([getattr(t, name) for t in tallies]).astype(float)
        for name in ("offered", "answered", "in_time", "abandoned", "wait_answered", "busy_seconds")
    }
    erlang_plan = plan.model_copy(
        update={"policy": plan.policy.model_copy(update={"shrinkage": 0.0})}
    )
    erlang = judge_roster(roster, erlang_plan)
    index_of = {q: i for i, q in enumerate(queues)}
    slots = []
    for item in erlang.slots:
        q, s = index_of[item.queue], item.slot
        offered = stack["offered"][:, q, s]
        slots.append(
            SimulatedSlot(
                queue=item.queue,
                slot=s,
                start=item.start,
                contacts=item.contacts,
                staffed=int(staffed[q, s]),
                service_level=_estimate(_ratio(stack["in_time"][:, q, s], offered), confidence),
                asa_seconds=_estimate(
                    _ratio(stack["wait_answered"][:, q, s], stack["answered"][:, q, s]),
                    confidence,
                ),
                abandonment=_estimate(_ratio(stack["abandoned"][:, q, s], offered), confidence),
                occupancy=_estimate(
                    _ratio(
                        stack["busy_seconds"][:, q, s],
                        np.full(len(tallies), rostered_seconds[q, s]),
                    ),
                    confidence,
                ),
                erlang_service_level=item.service_level,
                erlang_asa_seconds=item.asa_seconds,
                erlang_abandonment=item.prob_abandon,
            )
        )
    weeks = []
    week_of_slot = np.array([grid.week_of_day(d) for d in grid.day_of_slot])
    for judged in erlang.weeks:
        rows = [index_of[judged.queue]] if judged.queue is not None else list(range(len(queues)))
        in_week = week_of_slot == judged.week

        def total(name: str, rows: list[int] = rows, in_week: np.ndarray = in_week) -> np.ndarray:
            summed: np.ndarray = stack[name][:, rows][:, :, in_week].sum(axis=(1, 2))
            return summed

        offered = total("offered")
        seconds = np.full(len(tallies), rostered_seconds[rows][:, in_week].sum())
        weeks.append(
            SimulatedWeek(
                queue=judged.queue,
                week=judged.week,
                contacts=judged.contacts,
                service_level=_estimate(_ratio(total("in_time"), offered), confidence),
                asa_seconds=_estimate(
                    _ratio(total("wait_answered"), total("answered")), confidence
                ),
                abandonment=_estimate(_ratio(total("abandoned"), offered), confidence),
                occupancy=_estimate(_ratio(total("busy_seconds"), seconds), confidence),
                erlang_service_level=judged.service_level,
                erlang_asa_seconds=judged.asa_seconds,
            )
        )
    return SimulationReport(
        seed=seed,
        replications=replications,
        confidence=confidence,
        model="erlang_c" if plan.policy.patience_seconds is None else "erlang_a",
        answer_seconds=plan.policy.answer_seconds,
        patience_seconds=plan.policy.patience_seconds,
        slots=slots,
        weeks=weeks,
    )
