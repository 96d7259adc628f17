"""The problem a re-plan solves, and a digest of its inputs.

A re-plan is the period's ordinary snapshot (``api.solves.snapshot``: demand, agents,
availability, rules) plus three things: the published shifts (with their breaks) as the
roster to stay close to, every absence of the site's agents that overlaps the period, and
``replan_from`` (shifts starting earlier are kept as they are: they are worked or under way).

The digest covers what a planner can change (demand, agents, availability, rules, weights,
absences) and leaves out what moves by itself (the published roster, the clock), so the
nightly job can tell "inputs changed since the last plan" from "time passed".
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from api.absences import repository as absences_repository
from api.db.models import Absence, PlanningPeriod, Roster, Site
from api.periods.service import period_bounds
from api.rosters import repository as rosters
from api.rosters.solver_shifts import shift_refs
from api.solves.snapshot import build_problem
from solver.problem import Problem

_NOT_INPUTS = {"name", "previous_roster", "replan_from", "locked_shifts"}


def inputs_digest(problem: Problem) -> str:
    """SHA-256 of the planner-controlled inputs of ``problem`` (see the module docstring)."""
    data = problem.model_dump_json(exclude=_NOT_INPUTS)
    return hashlib.sha256(data.encode()).hexdigest()


def snapshot_digest(problem_json: dict[str, Any]) -> str:
    """The digest of a stored problem snapshot (a solve run's ``problem``)."""
    return inputs_digest(Problem.model_validate(problem_json))


def replan_problem(
    session: Session, period: PlanningPeriod, site: Site, base: Roster, now: datetime
) -> tuple[Problem, list[Absence]]:
    """The re-plan problem of ``period`` from the published roster ``base``, as of ``now``."""
    problem = build_problem(session, period.id)
    start, end = period_bounds(site, period)
    absences = absences_repository.of_site_overlapping(session, site.id, start, end)
    agent_ids = {a.id for a in problem.agents}
    data = problem.model_dump(mode="json")
    data["previous_roster"] = [
        ref.model_dump(mode="json")
        for ref in shift_refs(rosters.shifts(session, base.id))
        if ref.agent_id in agent_ids
    ]
    data["absences"] = [
        {
            "agent_id": a.agent_id,
            "start": a.start.isoformat(),
            "end": a.end.isoformat(),
            "reason": a.reason[:200],
        }
        for a in absences
        if a.agent_id in agent_ids
    ]
    data["replan_from"] = now.isoformat()
    return Problem.model_validate(data), absences
