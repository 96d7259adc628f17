"""The problem a period stands for right now, in the solver's input format.

Built inside one transaction that first takes shared locks on the period, its site and its
agents' rows (``FOR SHARE`` on PostgreSQL; SQLite transactions are serialisable anyway).
Demand uploads, queue changes and availability changes lock those same rows for update, so
a snapshot sees each of them wholly or not at all: a solve works on consistent inputs.

The newest published version goes in as ``previous_roster`` (a new plan stays close to what
agents were told) and reported absences as ``absences`` (nobody is planned while absent). The site's
published shifts of the seven days before the period go in as ``previous_shifts``, so
rest and consecutive days hold across the boundary between two periods.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy.orm import Session

from api.absences import repository as absences_repository
from api.agents import repository as agents_repository
from api.agents.service import aid_cap_of, contract_of
from api.availability import repository as availability_repository
from api.db.models import RosterShift
from api.errors import invalid
from api.periods import repository as periods_repository
from api.periods.service import horizon_of, require_period
from api.rosters import repository as rosters_repository
from api.rosters.solver_shifts import shift_refs
from api.scenarios.changes import apply_changes
from api.scenarios.schemas import ScenarioChanges
from api.sites import repository as sites_repository
from api.sites.service import require_site
from solver.problem import Absence as ProblemAbsence
from solver.problem import (
    Agent,
    DemandSeries,
    Problem,
    Queue,
    Rules,
    TimeWindow,
    Weights,
)
from solver.timegrid import SlotGrid


def build_problem(
    session: Session, period_id: int, agent_ids: Collection[str] | None = None
) -> Problem:
    """The period's problem; with ``agent_ids``, narrowed to those agents (and their shifts
    and absences), which is what checking a change to a few agents' weeks needs."""
    period = require_period(session, period_id, lock="share")
    site = require_site(session, period.site_id, lock="share")
    agents = agents_repository.active_agents_of_site(session, site.id, lock=True, ids=agent_ids)
    windows: dict[tuple[str, bool], list[TimeWindow]] = defaultdict(list)
    for window in availability_repository.of_period(session, period.id, agent_ids):
        windows[(window.agent_id, window.preferred)].append(
            TimeWindow(start=window.start, end=window.end)
        )
    agent_ids = {a.id for a in agents}
    if not sites_repository.queues_of_site(session, site.id):
        raise invalid("queues", f"site {site.id!r} has no queues: there is nothing to plan")
    horizon = horizon_of(site, period)
    grid = SlotGrid(horizon)
    problem = Problem(
        name=f"{site.id} period {period.id}" + (f" ({period.name})" if period.name else ""),
        horizon=horizon,
        queues=[
            Queue(id=q.id, skill=q.skill, priority=q.priority, countries=q.countries)
            for q in sites_repository.queues_of_site(session, site.id)
        ],
        demand=[
            DemandSeries(queue=d.queue_id, start=d.start, required=d.required)
            for d in periods_repository.demand_of(session, period.id)
        ],
        agents=[
            Agent(
                id=a.id,
                name=a.name,
                time_zone=a.time_zone,
                country=a.country,
                skills=a.skills,
                hourly_cost=a.hourly_cost,
                contract=contract_of(a),
                aid_cap=aid_cap_of(a),
                availability=sorted(windows[(a.id, False)], key=lambda w: w.start),
                preferred=sorted(windows[(a.id, True)], key=lambda w: w.start),
                accepts_changes=a.accepts_changes,
            )
            for a in agents
        ],
        rules=Rules.model_validate(period.rules),
        weights=Weights.model_validate(period.weights),
        previous_roster=[
            ref
            for ref in shift_refs(_latest_published_shifts(session, period.id, agent_ids))
            if ref.agent_id in agent_ids
        ],
        previous_shifts=shift_refs(
            rosters_repository.published_shifts_before(
                session, site.id, grid.start, agent_ids=agent_ids
            )
        ),
        absences=[
            ProblemAbsence(agent_id=a.agent_id, start=a.start, end=a.end, reason=a.reason[:200])
            for a in absences_repository.overlapping(session, list(agent_ids), grid.start, grid.end)
        ],
    )
    if period.scenario_changes is None:
        return problem
    return apply_changes(problem, ScenarioChanges.model_validate(period.scenario_changes))


def _latest_published_shifts(
    session: Session, period_id: int, agent_ids: Collection[str] | None
) -> list[RosterShift]:
    current = rosters_repository.published(session, period_id)
    if current is None:
        return []
    if agent_ids is not None:
        return rosters_repository.shifts_of_agents(session, current.id, list(agent_ids))
    return rosters_repository.shifts(session, current.id)
