"""The roster's figures and objective, recomputed from the roster and the problem alone.

All objective weights are per agent-hour (labour cost multiplies the cost itself), so
every term is in currency units and the terms add up to the objective the solver reports.
"""

from __future__ import annotations

from collections import defaultdict
from zoneinfo import ZoneInfo

from solver.problem import Agent, Problem
from solver.verifier.clock import SiteClock, local_spans
from solver.verifier.coverage import Coverage
from solver.verifier.fairness import (
    fairness_groups,
    penalty_hours,
    share_of_demand,
    target_hours,
)
from solver.verifier.intervals import overlap_seconds
from solver.verifier.placed import PlacedShift
from solver.verifier.report import AgentWeek, Kpis, QueueCoverage

HOUR = 3600.0


def queue_coverage(problem: Problem, clock: SiteClock, cover: Coverage) -> dict[str, QueueCoverage]:
    slot_hours = clock.slot_seconds / HOUR
    result = {}
    for queue in problem.queues:
        if queue.id in result:
            continue
        required, scheduled = cover.required[queue.id], cover.scheduled[queue.id]
        unmet = [max(0, r - s) for r, s in zip(required, scheduled, strict=True)]
        over = [max(0, s - r) for r, s in zip(required, scheduled, strict=True)]
        result[queue.id] = QueueCoverage(
            queue=queue.id,
            priority=queue.priority,
            required=required,
            scheduled=scheduled,
            unmet=unmet,
            over=over,
            countries=cover.countries[queue.id],
            unmet_agent_hours=sum(unmet) * slot_hours,
            overstaffed_agent_hours=sum(over) * slot_hours,
        )
    return result


def agent_weeks(
    clock: SiteClock,
    agents: list[Agent],
    shifts_by_agent: dict[str, list[PlacedShift]],
    shares: dict[str, float] | None = None,
) -> list[AgentWeek]:
    """Worked hours of every agent in every planned week, next to their limits and targets."""
    result = []
    for agent in agents:
        worked: dict[int, int] = defaultdict(int)
        for shift in shifts_by_agent.get(agent.id, []):
            worked[clock.week_of(shift.day)] += shift.worked
        for week in range(clock.week_count):
            share = clock.days_in_week(week) / 7
            cap = agent.aid_cap.max_hours_per_week * share if agent.aid_cap else None
            result.append(
                AgentWeek(
                    agent_id=agent.id,
                    week=week,
                    days=clock.days_in_week(week),
                    worked_hours=worked[week] / HOUR,
                    contract_min_hours=agent.contract.min_hours_per_week * share,
                    contract_max_hours=agent.contract.max_hours_per_week * share,
                    aid_cap_hours=cap,
                    fair_target_hours=target_hours(
                        agent,
                        (shares or {}).get(agent.id, 0.0),
                        clock.days_in_week(week),
                        clock.slot_seconds / HOUR,
                    ),
                )
            )
    return result


def hours_outside_preferences(agent: Agent, shifts: list[PlacedShift]) -> float:
    """Worked hours outside the agent's preferred windows; 0 for agents without any."""
    if not agent.preferred:
        return 0.0
    zone = ZoneInfo(agent.time_zone)
    preferred = local_spans(agent.preferred, zone)
    outside = 0
    for shift in shifts:
        for start, end in shift.work_spans:
            outside += (end - start) - overlap_seconds(preferred, start, end)
    return outside / HOUR


def kpis(
    problem: Problem,
    clock: SiteClock,
    cover: Coverage,
    agents: dict[str, Agent],
    shifts_by_agent: dict[str, list[PlacedShift]],
    changed: tuple[int, float] = (0, 0.0),
) -> Kpis:
    """Coverage, cost, hours and the weighted objective with its named terms."""
    queues = queue_coverage(problem, clock, cover)
    required_total = sum(sum(q.required) for q in queues.values())
    met = sum(
        min(r, s) for q in queues.values() for r, s in zip(q.required, q.scheduled, strict=True)
    )
    coverage_percent = 100.0 * met / required_total if required_total else 100.0
    known = [agents[a] for a in dict.fromkeys(agents)]
    cost = 0.0
    worked_total = 0
    outside = 0.0
    for agent in known:
        shifts = shifts_by_agent.get(agent.id, [])
        worked = sum(s.worked for s in shifts)
        worked_total += worked
        cost += worked / HOUR * agent.hourly_cost
        outside += hours_outside_preferences(agent, shifts)
    shares = share_of_demand(problem, known, cover.required, clock.slot_seconds / HOUR)
    weeks = agent_weeks(clock, known, shifts_by_agent, shares)
    worked_hours = {
        a.id: sum(s.worked for s in shifts_by_agent.get(a.id, [])) / HOUR for a in known
    }
    weights = problem.weights
    terms = {
        "unmet_demand": weights.unmet_demand
        * sum(q.priority * q.unmet_agent_hours for q in queues.values()),
        "unmet_contract_minimum": weights.unmet_contract_minimum
        * sum(w.hours_below_minimum for w in weeks),
        "labour_cost": weights.labour_cost * cost,
        "overstaffing": weights.overstaffing
        * sum(q.overstaffed_agent_hours for q in queues.values()),
        "missed_preference": weights.missed_preference * outside,
        "changed_shifts": weights.changed_shift * changed[0],
        "changed_hours": weights.changed_hour * changed[1],
        "fairness": weights.fairness * sum(penalty_hours(w.hours_off_fair_target) for w in weeks),
    }
    return Kpis(
        slot_minutes=problem.horizon.slot_minutes,
        slot_starts=[clock.slot_start(i) for i in range(clock.slot_count)],
        queues=queues,
        coverage_percent=coverage_percent,
        unmet_agent_hours=sum(q.unmet_agent_hours for q in queues.values()),
        overstaffed_agent_hours=sum(q.overstaffed_agent_hours for q in queues.values()),
        cost=cost,
        worked_hours=worked_total / HOUR,
        hours_outside_preferences=outside,
        agent_weeks=weeks,
        fairness=fairness_groups(known, worked_hours, problem.horizon.days),
        objective_terms=terms,
        objective=sum(terms.values()),
    )
