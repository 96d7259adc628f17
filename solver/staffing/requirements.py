"""Required agents per queue and slot: the solver's demand, from a forecast.

Per open slot and queue, in this order:

1. offered load ``a = contacts x AHT / slot length`` (Erlangs);
2. agents *on the phones* = fewest meeting the service target (share answered within
   ``answer_seconds``, and/or a maximum average speed of answer) under Erlang C, or under
   Erlang A when a mean patience is given;
3. occupancy cap: at least ``ceil(a / max_occupancy)`` agents, because agents kept busy
   95 % of the time burn out and the model's promise fails in practice;
4. shrinkage: *scheduled* agents = ``ceil(on_phones / (1 - shrinkage))``; shrinkage is the
   share of paid time lost to what the roster does not plan (absenteeism, training, coaching,
   meetings). Breaks the solver places are already off the queue: leave them out;
5. ``min_agents_when_open`` as a floor, and 0 while the site is closed.
"""

from __future__ import annotations

import math

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from solver.forecast.model import Forecast, QueueForecast
from solver.problem import DemandSeries, Problem
from solver.staffing.erlang_a import erlang_a_required_agents
from solver.staffing.erlang_c import IntArray, required_agents
from solver.timegrid import SlotGrid


class StaffingPolicy(BaseModel):
    """Service target and allowances that turn contacts into required agents."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    service_level: float | None = Field(
        default=0.8, gt=0, lt=1, description="Share of contacts answered within answer_seconds."
    )
    answer_seconds: float = Field(default=20.0, ge=0, le=3600)
    max_asa_seconds: float | None = Field(
        default=None, gt=0, le=3600, description="Maximum average speed of answer, optional."
    )
    max_occupancy: float = Field(default=0.85, gt=0, le=1)
    shrinkage: float = Field(default=0.3, ge=0, lt=1)
    patience_seconds: float | None = Field(
        default=None, gt=0, le=7200, description="Mean caller patience: use Erlang A if given."
    )
    min_agents_when_open: int = Field(default=0, ge=0, le=1000)

    @model_validator(mode="after")
    def _has_target(self) -> StaffingPolicy:
        if self.service_level is None and self.max_asa_seconds is None:
            raise ValueError("give a service level target or a maximum ASA")
        return self


class StaffingPlan(BaseModel):
    """The forecast and the policy a problem's demand was computed from.

    Written beside the problem by ``homeshore staff`` so that any roster for that problem
    can later be judged by the service it delivers.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    forecast: Forecast
    policy: StaffingPolicy


def on_phone_agents(queue: QueueForecast, slot_minutes: int, policy: StaffingPolicy) -> IntArray:
    """Agents needed on the queue in each slot to meet the target (before shrinkage)."""
    contacts = np.asarray(queue.contacts, dtype=float)
    aht = np.asarray(queue.aht_seconds, dtype=float)
    load = contacts * aht / (slot_minutes * 60.0)
    if policy.patience_seconds is None:
        return required_agents(
            load,
            aht,
            service_level_target=policy.service_level,
            answer_seconds=policy.answer_seconds,
            max_asa_seconds=policy.max_asa_seconds,
            max_occupancy=policy.max_occupancy,
        )
    needed = np.zeros(load.size, dtype=np.int64)
    for i in np.flatnonzero(load > 0):
        needed[i] = erlang_a_required_agents(
            float(load[i]),
            float(aht[i]),
            policy.patience_seconds,
            service_level_target=policy.service_level,
            answer_seconds=policy.answer_seconds,
            max_asa_seconds=policy.max_asa_seconds,
            max_occupancy=policy.max_occupancy,
        )
    return needed


def scheduled_agents(on_phones: IntArray, shrinkage: float) -> IntArray:
    """Agents to schedule so that ``on_phones`` remain after shrinkage."""
    scheduled: IntArray = np.ceil(on_phones / (1.0 - shrinkage) - 1e-9).astype(np.int64)
    return scheduled


def effective_agents(scheduled: IntArray, shrinkage: float) -> IntArray:
    """Agents expected on the phones out of those scheduled (inverse of the above)."""
    effective: IntArray = np.floor(scheduled * (1.0 - shrinkage) + 1e-9).astype(np.int64)
    return effective


def demand_from_forecast(plan: StaffingPlan) -> list[DemandSeries]:
    """One DemandSeries per queue covering every slot of the forecast's horizon."""
    forecast, policy = plan.forecast, plan.policy
    grid = SlotGrid(forecast.horizon)
    is_open = np.array(grid.is_open, dtype=bool)
    start = grid.slot_start(0).astimezone(grid.site_zone).replace(tzinfo=None)
    series = []
    for queue in forecast.queues:
        needed = scheduled_agents(
            on_phone_agents(queue, forecast.horizon.slot_minutes, policy), policy.shrinkage
        )
        floor = np.where(is_open, policy.min_agents_when_open, 0)
        needed = np.where(is_open, np.maximum(needed, floor), 0)
        series.append(
            DemandSeries(queue=queue.queue, start=start, required=[int(x) for x in needed])
        )
    return series


def staffed_problem(problem: Problem, plan: StaffingPlan) -> Problem:
    """A copy of ``problem`` whose demand is computed from the plan."""
    if plan.forecast.horizon != problem.horizon:
        raise ValueError("the forecast was made for another horizon than the problem's")
    missing = {q.id for q in problem.queues} - {q.queue for q in plan.forecast.queues}
    if missing:
        raise ValueError(f"no forecast for queue(s): {', '.join(sorted(missing))}")
    return problem.model_copy(update={"demand": demand_from_forecast(plan)})


def agent_hours(series: list[DemandSeries], slot_minutes: int) -> float:
    """Total required agent-hours, for summaries."""
    return math.fsum(sum(s.required) for s in series) * slot_minutes / 60.0
