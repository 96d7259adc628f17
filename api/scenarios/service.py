"""What-if scenarios: copy a period with changes, solve it like any period, compare.

A scenario is a planning period of its own (``scenario_of`` names its baseline), so it is
solved through the one ``api.solves.service.start`` and its rosters are judged, simulated
and read like any other. It never touches the baseline: the demand and availability are
copied, the changes to queues, costs, agents and opening hours are applied to the problem
it is solved from (``api.solves.snapshot.build_problem`` calls ``apply_changes``), and its
rosters cannot be published (``api.rosters.publication.publish`` refuses them, the
publication job skips them).

Agents a scenario adds must exist as rows for its rosters' shifts to refer to: they are
stored inactive (never in the baseline's snapshot, never offered a page), named after the
scenario.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from api.agents.service import stored_agent
from api.audit.repository import record
from api.auth.keys import Principal
from api.db.models import AvailabilityWindow, DemandSeries, PlanningPeriod
from api.errors import FieldIssue, InvalidInput, NotFound
from api.periods.service import horizon_of, require_period, solver_queues
from api.scenarios import figures, repository
from api.scenarios.schemas import (
    ScenarioChanges,
    ScenarioComparison,
    ScenarioCreate,
    ScenarioRead,
)
from api.servicelevel.service import period_plan
from api.sites.service import require_site
from solver.problem import Problem
from solver.staffing.requirements import StaffingPlan, staffed_problem


def create_scenario(
    session: Session, actor: Principal, baseline_id: int, data: ScenarioCreate
) -> ScenarioRead:
    """Copy ``baseline_id`` into a new scenario period with ``data.changes``."""
    baseline = require_period(session, baseline_id)
    if baseline.scenario_of is not None:
        raise InvalidInput(
            [
                FieldIssue(
                    "period_id",
                    f"period {baseline_id} is itself a scenario of period "
                    f"{baseline.scenario_of}: copy the baseline",
                )
            ]
        )
    site = require_site(session, baseline.site_id)
    changes = data.changes
    _check(session, site.id, changes)
    plan = period_plan(session, baseline.id)
    demand = [
        (d.queue_id, d.start, list(d.required)) for d in repository.demand_of(session, baseline.id)
    ]
    if changes.service_level is not None or changes.answer_seconds is not None:
        if plan is None:
            raise InvalidInput(
                [
                    FieldIssue(
                        "changes.service_level",
                        "the baseline's demand was given as required agents: there is no "
                        "forecast to staff again for another target",
                    )
                ]
            )
        plan, demand = _restaffed(session, site.id, baseline, plan, changes)
    scenario = PlanningPeriod(
        site_id=baseline.site_id,
        name=data.name,
        first_day=baseline.first_day,
        days=baseline.days,
        availability_closes_at=baseline.availability_closes_at,
        rules=dict(baseline.rules),
        weights=dict(baseline.weights),
        staffing_plan=None if plan is None else plan.model_dump(mode="json"),
        scenario_of=baseline.id,
        scenario_changes=changes.model_dump(mode="json"),
    )
    session.add(scenario)
    session.flush()
    session.add_all(
        DemandSeries(period_id=scenario.id, queue_id=queue, start=start, required=required)
        for queue, start, required in demand
    )
    session.add_all(
        AvailabilityWindow(
            period_id=scenario.id,
            agent_id=w.agent_id,
            start=w.start,
            end=w.end,
            preferred=w.preferred,
        )
        for w in repository.windows_of(session, baseline.id)
    )
    session.add_all(
        stored_agent(a, site.id, name=a.name or f"{a.id} (scenario {scenario.id})", active=False)
        for a in changes.add_agents
    )
    session.flush()
    record(session, actor, "create", "scenario", scenario.id, {"baseline": baseline.id})
    return _read(scenario)


def scenarios_of(session: Session, baseline_id: int) -> list[ScenarioRead]:
    require_period(session, baseline_id)
    return [_read(p) for p in repository.scenarios_of(session, baseline_id)]


def compare(session: Session, baseline_id: int) -> ScenarioComparison:
    """The baseline's newest roster beside each scenario's, with the differences."""
    baseline = require_period(session, baseline_id)
    if baseline.scenario_of is not None:
        raise NotFound("baseline period", baseline_id)
    periods = [baseline, *repository.scenarios_of(session, baseline_id)]
    columns = [figures.of_period(session, p, is_baseline=p is baseline) for p in periods]
    return ScenarioComparison(baseline_id=baseline_id, columns=figures.with_differences(columns))


def _read(period: PlanningPeriod) -> ScenarioRead:
    assert period.scenario_of is not None
    return ScenarioRead(
        id=period.id,
        baseline_id=period.scenario_of,
        name=period.name,
        changes=ScenarioChanges.model_validate(period.scenario_changes or {}),
    )


def _check(session: Session, site_id: str, changes: ScenarioChanges) -> None:
    issues = []
    queues = {q.id for q in solver_queues(session, site_id, "changes.queue_countries")}
    for queue in changes.queue_countries:
        if queue not in queues:
            issues.append(
                FieldIssue(f"changes.queue_countries.{queue}", "no such queue on the site")
            )
    agents = repository.agent_ids_of_site(session, site_id)
    for i, agent_id in enumerate(changes.remove_agents):
        if agent_id not in agents:
            issues.append(
                FieldIssue(f"changes.remove_agents[{i}]", f"no agent {agent_id!r} on the site")
            )
    taken = repository.existing_agent_ids(session, [a.id for a in changes.add_agents])
    for i, agent in enumerate(changes.add_agents):
        if agent.id in taken:
            issues.append(
                FieldIssue(f"changes.add_agents[{i}].id", f"agent id {agent.id!r} is taken")
            )
    if issues:
        raise InvalidInput(issues)


def _restaffed(
    session: Session,
    site_id: str,
    baseline: PlanningPeriod,
    plan: StaffingPlan,
    changes: ScenarioChanges,
) -> tuple[StaffingPlan, list[tuple[str, datetime, list[Any]]]]:
    """The baseline's forecast staffed again for the scenario's target."""
    update: dict[str, float] = {}
    if changes.service_level is not None:
        update["service_level"] = changes.service_level
    if changes.answer_seconds is not None:
        update["answer_seconds"] = changes.answer_seconds
    policy = plan.policy.model_copy(update=update)
    new_plan = StaffingPlan(forecast=plan.forecast, policy=policy)
    site = require_site(session, site_id)
    base = Problem(
        horizon=horizon_of(site, baseline), queues=solver_queues(session, site_id, "site")
    )
    try:
        staffed = staffed_problem(base, new_plan)
    except ValueError as exc:
        raise InvalidInput([FieldIssue("changes.service_level", str(exc))]) from exc
    return new_plan, [(s.queue, s.start, list(s.required)) for s in staffed.demand]
