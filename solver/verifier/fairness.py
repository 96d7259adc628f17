"""Fairness, recomputed from the problem and the roster alone (never from ``solver.fairness``).

Two figures. The objective's term: each agent-week's fair target is the agent's offer
(contract maximum, or the aid cap when lower, scaled by days / 7) times the share of the
demand on the queues the agent may serve among everyone who may serve any of those queues
(at most 1), kept within [contract minimum, offer]; the term is the weight times the hours
worked away from it, each hour counted once more beyond 4 and again beyond 8 hours off. The
KPI: among comparable agents (same skills, same contract range), how far apart their worked-
hours-to-offer ratios are (max − min and standard deviation).
"""

from __future__ import annotations

from collections import defaultdict
from statistics import pstdev

from solver.problem import Agent, Problem
from solver.verifier.report import FairnessGroup

HOUR = 3600.0


def offer_hours(agent: Agent, days: int) -> float:
    """What the agent could work in ``days`` days: the lower of contract maximum and aid cap."""
    caps = [agent.contract.max_hours_per_week]
    if agent.aid_cap is not None:
        caps.append(agent.aid_cap.max_hours_per_week)
    return min(caps) * days / 7


def _servable(problem: Problem, agent: Agent) -> frozenset[str]:
    return frozenset(
        queue.id
        for queue in problem.queues
        if queue.skill in agent.skills and (not queue.countries or agent.country in queue.countries)
    )


def share_of_demand(
    problem: Problem, agents: list[Agent], required: dict[str, list[int]], slot_hours: float
) -> dict[str, float]:
    """Per agent id, the demand they could serve over the offer of all who could serve it.

    Worked out once per distinct set of queues (a handful), not per agent: per agent it
    was quadratic, 5 of 7.6 s of one check at 3,000 agents. The sums run over the agents
    in the same order either way, so the figures are the same to the last bit.
    """
    days = problem.horizon.days
    servable = {agent.id: _servable(problem, agent) for agent in agents}
    offers = {agent.id: offer_hours(agent, days) for agent in agents}
    by_queues: dict[frozenset[str], float] = {}
    for mine in servable.values():
        if mine not in by_queues:
            demand = sum(sum(required.get(q, [])) for q in mine) * slot_hours
            pool = sum(offers[other] for other, theirs in servable.items() if theirs & mine)
            by_queues[mine] = min(1.0, demand / pool) if pool > 0 else 0.0
    return {agent.id: by_queues[servable[agent.id]] for agent in agents}


PENALTY_STEPS_HOURS = (0.0, 4.0, 8.0)  # each hour off target costs the weight per step passed
TARGET_STEPS_PER_SLOT = 700  # the convention: targets on a grid of 1/700 of a slot


def target_hours(agent: Agent, share: float, days: int, slot_hours: float) -> float:
    """The agent's fair hours in a week of ``days`` days, on the convention's grid."""
    offer = offer_hours(agent, days)
    minimum = agent.contract.min_hours_per_week * days / 7
    exact = min(offer, max(minimum, share * offer))
    step = slot_hours / TARGET_STEPS_PER_SLOT
    return round(exact / step) * step


def fairness_groups(
    agents: list[Agent], worked_hours: dict[str, float], days: int
) -> list[FairnessGroup]:
    """Spread of worked hours over offer among agents with the same skills and contract."""
    members: dict[tuple[tuple[str, ...], float, float], list[Agent]] = defaultdict(list)
    for agent in agents:
        key = (
            tuple(sorted(agent.skills)),
            agent.contract.min_hours_per_week,
            agent.contract.max_hours_per_week,
        )
        members[key].append(agent)
    result = []
    for (skills, low, high), group in sorted(members.items()):
        ratios = [
            worked_hours.get(a.id, 0.0) / offer if (offer := offer_hours(a, days)) > 0 else 0.0
            for a in group
        ]
        result.append(
            FairnessGroup(
                skills=list(skills),
                contract_min_hours=low,
                contract_max_hours=high,
                agents=len(group),
                min_ratio=min(ratios),
                max_ratio=max(ratios),
                stdev_ratio=pstdev(ratios),
            )
        )
    return result


def penalty_hours(off_target: float) -> float:
    """Hours off target, counted once per step they lie beyond (a convex penalty)."""
    return sum(max(0.0, off_target - step) for step in PENALTY_STEPS_HOURS)
