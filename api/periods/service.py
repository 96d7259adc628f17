"""Use cases on planning periods and demand.

Demand is checked by the solver's own validation (``solver.validation``) on a problem made of
the period and the uploaded series, so the API refuses exactly what a solve would refuse.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.agents.service import require_agent
from api.audit.repository import record
from api.auth.keys import Principal
from api.db.base import utc_now
from api.db.models import DemandSeries, PlanningPeriod, Site
from api.errors import Conflict, FieldIssue, Forbidden, InvalidInput, NotFound, invalid
from api.periods import repository
from api.periods.demand_csv import parse_demand_csv
from api.periods.schemas import (
    DemandRead,
    DemandSeriesIn,
    DemandUpload,
    PeriodCreate,
    PeriodRead,
    PeriodUpdate,
)
from api.rosters import repository as rosters
from api.settings import Settings
from api.sites import repository as sites
from api.sites.schemas import RulesBody, WeightsBody
from api.sites.service import require_site, solver_rules, solver_weights
from solver.local_time import day_start_utc
from solver.problem import Horizon, OpeningHours, Problem, Queue
from solver.validation import check_problem


def require_period(session: Session, period_id: int, lock: str | None = None) -> PlanningPeriod:
    period = repository.get(session, period_id, lock=lock)
    if period is None:
        raise NotFound("period", period_id)
    return period


def readable_period(session: Session, actor: Principal, period_id: int) -> PlanningPeriod:
    """Staff read every period; an agent reads the periods of their own site."""
    period = require_period(session, period_id)
    if actor.role == "agent" and (
        actor.agent_id is None or require_agent(session, actor.agent_id).site_id != period.site_id
    ):
        raise Forbidden("an agent may only see periods of their own site")
    return period


def horizon_of(site: Site, period: PlanningPeriod) -> Horizon:
    return Horizon(
        first_day=period.first_day,
        days=period.days,
        slot_minutes=site.slot_minutes,
        time_zone=site.time_zone,
        opening_hours=[OpeningHours.model_validate(h) for h in site.opening_hours],
    )


def period_start_utc(site: Site, period: PlanningPeriod) -> datetime:
    return period_bounds(site, period)[0]


def period_bounds(site: Site, period: PlanningPeriod) -> tuple[datetime, datetime]:
    """The period's first and last instants (site-local midnights), in UTC."""
    zone = ZoneInfo(site.time_zone)
    end_day = period.first_day + timedelta(days=period.days)
    return day_start_utc(period.first_day, zone), day_start_utc(end_day, zone)


def availability_open(session: Session, period: PlanningPeriod, now: datetime) -> bool:
    return now < period.availability_closes_at and (
        rosters.published_version(session, period.id) is None
    )


def to_read(session: Session, period: PlanningPeriod) -> PeriodRead:
    return to_reads(session, [period])[0]


def to_reads(session: Session, periods: list[PlanningPeriod]) -> list[PeriodRead]:
    """Periods as the API shows them; their published versions in one query, not two each."""
    versions = rosters.published_versions(session, [p.id for p in periods])
    now = datetime.now(UTC)
    return [
        PeriodRead(
            id=period.id,
            site_id=period.site_id,
            name=period.name,
            first_day=period.first_day,
            days=period.days,
            availability_closes_at=period.availability_closes_at,
            availability_open=now < period.availability_closes_at and period.id not in versions,
            published_version=versions.get(period.id),
            rules=RulesBody.model_validate(period.rules),
            weights=WeightsBody.model_validate(period.weights),
            scenario_of=period.scenario_of,
        )
        for period in periods
    ]


def create_period(
    session: Session, actor: Principal, settings: Settings, site_id: str, data: PeriodCreate
) -> PlanningPeriod:
    site = require_site(session, site_id)
    period = PlanningPeriod(
        site_id=site.id,
        name=data.name,
        first_day=data.first_day,
        days=data.days,
        rules=dict(site.rules),
        weights=dict(site.weights),
    )
    start = period_start_utc(site, period)
    closes_at = data.availability_closes_at or (
        start - timedelta(hours=settings.availability_cutoff_hours)
    )
    if closes_at > start:
        raise invalid("availability_closes_at", f"must be at or before the period start {start}")
    period.availability_closes_at = closes_at
    session.add(period)
    session.flush()
    record(session, actor, "create", "period", period.id)
    return period


def update_period(
    session: Session, actor: Principal, period_id: int, data: PeriodUpdate
) -> PlanningPeriod:
    """Rename a period, or open or close its availability by moving ``availability_closes_at``.

    Closing is setting it to now (or earlier); reopening, to a later moment still at or
    before the period's start. Once a roster is published availability stays closed.
    """
    period = require_period(session, period_id, lock="update")
    if data.name is not None:
        period.name = data.name
    if data.availability_closes_at is not None:
        site = require_site(session, period.site_id)
        start = period_start_utc(site, period)
        if data.availability_closes_at > start:
            raise invalid(
                "availability_closes_at", f"must be at or before the period start {start}"
            )
        reopening = data.availability_closes_at > max(period.availability_closes_at, utc_now())
        if reopening and rosters.published_version(session, period.id) is not None:
            raise Conflict(
                "period", "a roster of this period is published; availability stays closed"
            )
        period.availability_closes_at = data.availability_closes_at
    record(
        session,
        actor,
        "update",
        "period",
        period.id,
        data.model_dump(mode="json", exclude_none=True),
    )
    return period


def replace_rules(
    session: Session, actor: Principal, period_id: int, rules: RulesBody
) -> RulesBody:
    """Rules for this period only (the site's defaults stay as they are)."""
    period = require_period(session, period_id, lock="update")
    period.rules = solver_rules(rules).model_dump(mode="json")
    record(session, actor, "update", "period.rules", period.id, period.rules)
    return rules


def replace_weights(
    session: Session, actor: Principal, period_id: int, weights: WeightsBody
) -> WeightsBody:
    """Weights for this period only: a period copies the site's when it is created, and
    this is how a manager changes them afterwards (the site's defaults stay as they are)."""
    period = require_period(session, period_id, lock="update")
    period.weights = solver_weights(weights).model_dump(mode="json")
    record(session, actor, "update", "period.weights", period.id, period.weights)
    return weights


def solver_queues(session: Session, site_id: str, field: str) -> list[Queue]:
    queues = [
        Queue(id=q.id, skill=q.skill, priority=q.priority, countries=q.countries)
        for q in sites.queues_of_site(session, site_id)
    ]
    if not queues:
        raise invalid(field, f"site {site_id!r} has no queues yet")
    return queues


def replace_demand(
    session: Session, actor: Principal, period_id: int, data: DemandUpload
) -> DemandRead:
    """Replace the whole demand of a period, or change nothing if any series is wrong."""
    labels = [f"series[{i}]" for i in range(len(data.series))]
    return _replace_demand(session, actor, period_id, data, labels)


def replace_demand_csv(session: Session, actor: Principal, period_id: int, text: str) -> DemandRead:
    """The same from CSV rows; problems are reported by line."""
    period = require_period(session, period_id)
    site = require_site(session, period.site_id)
    parsed = parse_demand_csv(text, site.slot_minutes, ZoneInfo(site.time_zone))
    try:
        data = DemandUpload(
            series=[
                DemandSeriesIn(queue=p.queue, start=p.start, required=p.required) for p in parsed
            ]
        )
    except ValidationError as exc:
        raise InvalidInput(
            [
                FieldIssue(parsed[int(e["loc"][1])].label(), e["msg"])
                if len(e["loc"]) > 1 and isinstance(e["loc"][1], int)
                else FieldIssue("body", e["msg"])
                for e in exc.errors()
            ]
        ) from exc
    return _replace_demand(session, actor, period_id, data, [p.label() for p in parsed])


def _replace_demand(
    session: Session, actor: Principal, period_id: int, data: DemandUpload, labels: list[str]
) -> DemandRead:
    period = require_period(session, period_id, lock="update")
    site = require_site(session, period.site_id)
    problem = Problem(
        horizon=horizon_of(site, period),
        queues=solver_queues(session, site.id, "series"),
        demand=[s.model_dump() for s in data.series],
    )
    issues = []
    for issue in check_problem(problem):
        if not issue.field.startswith("demand["):
            continue
        index_text, _, rest = issue.field.removeprefix("demand[").partition("]")
        issues.append(FieldIssue(labels[int(index_text)] + rest, issue.reason))
    if issues:
        raise InvalidInput(issues)
    rows = [
        DemandSeries(period_id=period.id, queue_id=s.queue, start=s.start, required=s.required)
        for s in data.series
    ]
    repository.replace_demand(session, period.id, rows)
    period.staffing_plan = None  # required agents given as such: no forecast behind them
    record(session, actor, "replace", "period.demand", period.id, {"series": len(rows)})
    return demand_read(session, period.id)


def demand_read(session: Session, period_id: int) -> DemandRead:
    return DemandRead(
        period_id=period_id,
        series=[
            DemandSeriesIn(queue=s.queue_id, start=s.start, required=list(s.required))
            for s in repository.demand_of(session, period_id)
        ],
    )
