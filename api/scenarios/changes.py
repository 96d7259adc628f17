"""A scenario's changes applied to the problem it is solved from (pure: no database)."""

from __future__ import annotations

from datetime import time, timedelta

from api.scenarios.schemas import ScenarioChanges
from solver.problem import DemandSeries, OpeningHours, Problem


def apply_changes(problem: Problem, changes: ScenarioChanges) -> Problem:
    """The baseline's problem as the scenario sees it."""
    queues = [
        q.model_copy(update={"countries": changes.queue_countries[q.id]})
        if q.id in changes.queue_countries
        else q
        for q in problem.queues
    ]
    removed = set(changes.remove_agents)
    agents = [
        a.model_copy(update={"hourly_cost": changes.hourly_cost_by_country[a.country]})
        if a.country in changes.hourly_cost_by_country
        else a
        for a in problem.agents
        if a.id not in removed
    ]
    present = {a.id for a in agents}
    agents += [a for a in changes.add_agents if a.id not in present]
    kept = {a.id for a in agents}
    horizon, demand = problem.horizon, problem.demand
    if changes.opening_hours is not None:
        horizon = horizon.model_copy(update={"opening_hours": changes.opening_hours})
        demand = [_inside(s, changes.opening_hours, horizon.slot_minutes) for s in demand]
    return problem.model_copy(
        update={
            "queues": queues,
            "agents": agents,
            "horizon": horizon,
            "demand": demand,
            "previous_roster": [s for s in problem.previous_roster if s.agent_id in kept],
            "locked_shifts": [s for s in problem.locked_shifts if s.agent_id in kept],
            "absences": [a for a in problem.absences if a.agent_id in kept],
        }
    )


def _inside(series: DemandSeries, hours: list[OpeningHours], slot_minutes: int) -> DemandSeries:
    """The series with no demand in slots the new opening hours close."""
    step = timedelta(minutes=slot_minutes)

    def minutes(moment: time) -> int:
        return moment.hour * 60 + moment.minute

    def is_open(index: int) -> bool:
        moment = series.start + index * step
        start = minutes(moment.time())
        return any(
            moment.weekday() in h.weekdays
            and minutes(h.open) <= start
            and start + slot_minutes <= (minutes(h.close) or 24 * 60)
            for h in hours
        )

    required = [n if is_open(i) else 0 for i, n in enumerate(series.required)]
    return series.model_copy(update={"required": required})
