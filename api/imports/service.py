"""Import a ``problem.json`` as a site, its queues, agents, one period, demand and windows.

This is how ``make serve`` fills an empty database with the demo week, and how a plan
exported with ``GET /periods/{id}/problem.json`` comes back. Everything goes in the caller's
transaction: a file that fails half-way leaves nothing behind.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.agents.service import stored_agent
from api.caller_notice.sentences import default_language
from api.db.models import AvailabilityWindow, DemandSeries, PlanningPeriod, Queue, Site
from api.errors import Conflict, FieldIssue, InvalidInput
from solver.problem import Problem
from solver.validation import check_problem


def site_id_for(problem: Problem) -> str:
    """A site id from the problem name's first part: "Demo week: 150 agents" -> demo-week."""
    head = problem.name.split(":")[0].lower()
    slug = re.sub(r"[^a-z0-9_.-]+", "-", head).strip("-")[:64]
    return slug if slug and slug[0].isalnum() else "site"


def import_problem(
    session: Session,
    problem: Problem,
    skip_if_not_empty: bool = False,
    availability_closes_at: datetime | None = None,
) -> str:
    """Insert the problem; returns a one-line summary. Refuses a non-empty database.

    The period's availability closes at ``availability_closes_at``, by default at once: the
    file's windows are the agents' answer already given.
    """
    if session.scalars(select(Site.id).limit(1)).first() is not None:
        if skip_if_not_empty:
            return "database already holds sites; nothing loaded"
        raise Conflict("sites", "the database already holds sites; import into an empty one")
    issues = check_problem(problem)
    if issues:
        raise InvalidInput([FieldIssue(i.field, i.reason) for i in issues])
    site = Site(
        id=site_id_for(problem),
        name=problem.name,
        time_zone=problem.horizon.time_zone,
        slot_minutes=problem.horizon.slot_minutes,
        opening_hours=[h.model_dump(mode="json") for h in problem.horizon.opening_hours],
        rules=problem.rules.model_dump(mode="json"),
        weights=problem.weights.model_dump(mode="json"),
    )
    session.add(site)
    session.flush()
    session.add_all(
        Queue(
            id=q.id,
            site_id=site.id,
            skill=q.skill,
            priority=q.priority,
            countries=q.countries,
            language=default_language(q.id),
        )
        for q in problem.queues
    )
    session.flush()
    period = PlanningPeriod(
        site_id=site.id,
        name=problem.name,
        first_day=problem.horizon.first_day,
        days=problem.horizon.days,
        availability_closes_at=availability_closes_at or datetime.now(UTC),
        rules=site.rules,
        weights=site.weights,
    )
    session.add(period)
    session.flush()
    session.add_all(stored_agent(agent, site.id) for agent in problem.agents)
    session.flush()
    for agent in problem.agents:
        for preferred, windows in ((False, agent.availability), (True, agent.preferred)):
            session.add_all(
                AvailabilityWindow(
                    period_id=period.id,
                    agent_id=agent.id,
                    start=w.start,
                    end=w.end,
                    preferred=preferred,
                )
                for w in windows
            )
    session.flush()
    session.add_all(
        DemandSeries(period_id=period.id, queue_id=d.queue, start=d.start, required=d.required)
        for d in problem.demand
    )
    session.flush()
    return (
        f"loaded site {site.id!r}: {len(problem.queues)} queues, {len(problem.agents)} agents, "
        f"period {period.id} from {period.first_day} ({period.days} days)"
    )
