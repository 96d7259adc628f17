"""Demand from contact history: forecast the period and staff it with Erlang C or A.

The same steps as ``homeshore staff``, for a manager who starts from what the contact
centre knows (contacts per interval) rather than from required agents. Nothing is stored
unless every row of the history is good and the forecast can be made.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.auth.keys import Principal
from api.errors import FieldIssue, InvalidInput, invalid
from api.periods import service
from api.periods.schemas import DemandRead, DemandSeriesIn, DemandUpload
from api.servicelevel import service as servicelevel
from api.sites.service import require_site
from solver.forecast.history import History, HistoryError, parse_history
from solver.forecast.horizon import forecast_horizon
from solver.forecast.model import Forecast
from solver.problem import Problem
from solver.staffing.requirements import StaffingPlan, StaffingPolicy, staffed_problem


@dataclass(frozen=True)
class HistoryPreview:
    """What a history would give the period, before anything is stored: the parsed history,
    the forecast (with each queue's holdout error) and the required agents it staffs."""

    history: History
    forecast: Forecast
    demand: DemandUpload
    plan: StaffingPlan  # kept with the period when saved: the service level reads it


def preview_from_history(
    session: Session, period_id: int, text: str, policy: StaffingPolicy, method: str
) -> HistoryPreview:
    """Forecast and staff the period from ``text``; stores nothing (the page's preview)."""
    period = service.require_period(session, period_id)
    site = require_site(session, period.site_id)
    horizon = service.horizon_of(site, period)
    queues = service.solver_queues(session, site.id, "file")
    try:
        history = parse_history(
            text, time_zone=horizon.time_zone, slot_minutes=horizon.slot_minutes
        )
    except HistoryError as exc:
        raise InvalidInput(
            [FieldIssue(f"file.line[{p.line}].{p.column}", p.reason) for p in exc.problems]
        ) from exc
    except ValueError as exc:
        raise invalid("file", str(exc)) from exc
    try:
        forecast = forecast_horizon(history, horizon, [q.id for q in queues], method=method)
        plan = StaffingPlan(forecast=forecast, policy=policy)
        staffed = staffed_problem(Problem(horizon=horizon, queues=queues), plan)
    except ValueError as exc:
        raise invalid("file", str(exc)) from exc
    upload = DemandUpload(
        series=[
            DemandSeriesIn(queue=s.queue, start=s.start, required=s.required)
            for s in staffed.demand
        ]
    )
    return HistoryPreview(history, forecast, upload, plan)


def replace_demand_from_history(
    session: Session,
    actor: Principal,
    period_id: int,
    text: str,
    policy: StaffingPolicy,
    method: str,
) -> DemandRead:
    """The preview's required agents become the period's demand (all or nothing)."""
    preview = preview_from_history(session, period_id, text, policy, method)
    read = service.replace_demand(session, actor, period_id, preview.demand)
    servicelevel.keep_plan(session, period_id, preview.plan)
    return read
