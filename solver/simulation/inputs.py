"""From a problem, a roster and a staffing plan to the simulator's plain numbers.

An agent takes calls during the worked parts of their shifts (the activities, less the
breaks) on every queue whose skill they hold, not only the queue the roster names for that
part: that is what skill-based routing does and what Erlang per queue cannot see. Every
rostered agent shows up: shrinkage (absence, training, meetings) is not simulated, so the
Erlang figures shown beside the simulation use the staffed agents without shrinkage.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from solver.problem import Problem
from solver.roster import Roster
from solver.simulation.engine import SimAgent, SimInput
from solver.staffing.requirements import StaffingPlan
from solver.timegrid import SlotGrid


def _merged(spans: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return tuple(merged)


def _minus(
    span: tuple[float, float], holes: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    pieces = [span]
    for hole_start, hole_end in holes:
        cut = []
        for start, end in pieces:
            if hole_end <= start or hole_start >= end:
                cut.append((start, end))
                continue
            if start < hole_start:
                cut.append((start, hole_start))
            if hole_end < end:
                cut.append((hole_end, end))
        pieces = cut
    return pieces


def simulation_input(problem: Problem, roster: Roster, plan: StaffingPlan) -> SimInput:
    """The simulator's view of ``roster`` under ``plan``'s forecast and queue model."""
    forecast, policy = plan.forecast, plan.policy
    grid = SlotGrid(forecast.horizon)
    origin = grid.start
    queue_ids = [q.queue for q in forecast.queues]
    if len(set(queue_ids)) != len(queue_ids):
        raise ValueError("the forecast gives a queue more than once")
    index_of = {queue: i for i, queue in enumerate(queue_ids)}
    skill_of = {q.id: q.skill for q in problem.queues}
    priority_of = {q.id: q.priority for q in problem.queues}
    agents = {a.id: a for a in problem.agents}

    def seconds(moment: datetime) -> float:
        return (moment - origin).total_seconds()

    spans_of: dict[str, list[tuple[float, float]]] = {}
    queues_of: dict[str, set[int]] = {}
    for shift in roster.shifts:
        holes = [(seconds(b.start), seconds(b.end)) for b in shift.breaks]
        named = queues_of.setdefault(shift.agent_id, set())
        for activity in shift.activities:
            if activity.queue in index_of:
                named.add(index_of[activity.queue])
            spans_of.setdefault(shift.agent_id, []).extend(
                _minus((seconds(activity.start), seconds(activity.end)), holes)
            )
    sim_agents = []
    for agent_id, spans in sorted(spans_of.items()):
        skilled = set(queues_of[agent_id])
        agent = agents.get(agent_id)
        if agent is not None:
            skilled |= {i for queue, i in index_of.items() if skill_of.get(queue) in agent.skills}
        if skilled:
            sim_agents.append(SimAgent(tuple(sorted(skilled)), _merged(spans)))
    return SimInput(
        slot_seconds=forecast.horizon.slot_minutes * 60.0,
        contacts=np.array([q.contacts for q in forecast.queues], dtype=float),
        aht_seconds=np.array(
            [[a if a > 0 else 1.0 for a in q.aht_seconds] for q in forecast.queues], dtype=float
        ),
        priorities=tuple(priority_of.get(q, 1.0) for q in queue_ids),
        agents=tuple(sim_agents),
        patience_seconds=policy.patience_seconds,
        answer_seconds=policy.answer_seconds,
    )
