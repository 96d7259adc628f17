"""``verify(problem, roster)``: re-check a roster against every hard rule and recompute KPIs.

The verifier shares no code with the model (it imports only the problem and roster formats),
so a roster the solver got wrong cannot pass by making the same mistake twice.
"""

from __future__ import annotations

from collections import defaultdict

from solver.problem import Agent, Problem
from solver.roster import Roster
from solver.verifier.agent_checks import AgentChecker, check_locks
from solver.verifier.changes import changes
from solver.verifier.clock import SiteClock, epoch
from solver.verifier.coverage import coverage
from solver.verifier.figures import kpis
from solver.verifier.placed import PlacedShift, place_shifts
from solver.verifier.report import VerificationReport, Violation
from solver.verifier.shift_checks import ShiftContext, check_shift


def verify(problem: Problem, roster: Roster) -> VerificationReport:
    """Every hard-rule violation of ``roster`` (all of them, in time order) and its figures."""
    clock = SiteClock(problem.horizon)
    agents: dict[str, Agent] = {}
    for agent in problem.agents:
        agents.setdefault(agent.id, agent)
    placed = place_shifts(roster, clock)
    by_agent: dict[str, list[PlacedShift]] = defaultdict(list)
    violations: list[Violation] = []
    context = ShiftContext(problem, clock)
    for shift in placed:
        known = agents.get(shift.agent_id)
        if known is None:
            violations.append(
                Violation(
                    rule="unknown_agent",
                    agent_id=shift.agent_id,
                    at=clock.local(shift.start),
                    message=f"shift #{shift.index} names agent {shift.agent_id!r}, "
                    "who is not in the problem",
                )
            )
            continue
        by_agent[known.id].append(shift)
        violations += check_shift(context, shift, known)
    checker = AgentChecker(problem, clock)
    before: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for worked in problem.previous_shifts:
        before[worked.agent_id].append((epoch(worked.start), epoch(worked.end)))
    for agent_id, shifts in by_agent.items():
        shifts.sort(key=lambda s: (s.start, s.end))
        violations += checker.check(agents[agent_id], shifts, before.get(agent_id, []))
    violations += check_locks(problem, clock, placed)
    violations.sort(key=lambda v: (v.at is None, v.at, v.agent_id or "", v.rule))
    cover = coverage(problem, clock, placed, agents)
    changed = changes(problem, clock, [s for s in placed if s.agent_id in agents])
    figures = kpis(problem, clock, cover, agents, by_agent, changed)
    return VerificationReport(violations=violations, kpis=figures, notes=cover.notes)
