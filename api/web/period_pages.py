"""Setting up a week: create a period, give it demand (CSV or contact history), its rules
and weights, and open or close its availability.

Each form calls the use case the API calls (``api.periods.service``,
``api.periods.history_upload``). Contact history is first *previewed*: the forecast drawn
beside the history, each queue's holdout error and the required agents it gives, nothing
stored; the manager then saves that very forecast (the history travels back with the form).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from api.db.base import utc_now
from api.db.models import PlanningPeriod
from api.deps import SessionDep, SettingsDep
from api.errors import FieldIssue, invalid
from api.periods import history_upload
from api.periods import service as periods
from api.periods.schemas import PeriodCreate, PeriodUpdate
from api.schemas import PathRowId
from api.sites import repository as sites
from api.sites.schemas import RulesBody, WeightsBody
from api.sites.service import require_site
from api.web import charts
from api.web.form_writes import local_moment, write_or_refuse
from api.web.i18n import language_of, translator
from api.web.page_auth import CheckedForm, ManagerCaller, StaffCaller
from api.web.rendering import render
from solver.staffing.requirements import StaffingPolicy
from solver.timegrid import SlotGrid

router = APIRouter(include_in_schema=False)
HISTORY_DAYS_SHOWN = 14
POLICY_FIELDS = ("service_level", "answer_seconds", "max_occupancy", "shrinkage")


def _agent_hours(required: list[list[int]], slot_minutes: int) -> float:
    return sum(sum(r) for r in required) * slot_minutes / 60


DONE = ("demand", "forecast", "rules", "weights", "availability")


def _done_text(request: Request) -> str:
    """The sentence confirming the form just saved (``?done=``), in the page's language."""
    done = request.query_params.get("done", "")
    texts = {k: translator(language_of(request))(f"setup.done_{k}") for k in DONE}
    return texts.get(done, "")


def _saved(period_id: int, done: str) -> Response:
    return RedirectResponse(f"/manage/periods/{period_id}/setup?done={done}", status_code=303)


@router.get("/manage/periods/new", response_class=HTMLResponse)
def new_period_page(request: Request, session: SessionDep, _caller: ManagerCaller) -> HTMLResponse:
    return _new_page(request, session)


def _new_page(
    request: Request,
    session: Session,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:
    return render(
        request,
        "period_new.html",
        status_code=status_code,
        sites=sites.list_sites(session),
        errors=errors or [],
        values=values or {"days": "7"},
    )


@router.post("/manage/periods")
def create_period(
    request: Request,
    form: CheckedForm,
    session: SessionDep,
    settings: SettingsDep,
    caller: ManagerCaller,
) -> Response:
    values = {k: str(form.get(k, "")).strip() for k in ("site_id", "name", "first_day", "days")}

    def write() -> PlanningPeriod:
        days: int | str = int(values["days"]) if values["days"].isdigit() else values["days"]
        body = PeriodCreate.model_validate(
            {"name": values["name"], "first_day": values["first_day"], "days": days}
        )
        return periods.create_period(session, caller.principal, settings, values["site_id"], body)

    return write_or_refuse(
        session,
        write,
        lambda status, issues: _new_page(request, session, status, issues, values),
        lambda period: RedirectResponse(f"/manage/periods/{period.id}/setup", status_code=303),
    )


def _setup_page(
    request: Request,
    session: Session,
    period_id: int,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
    **extra: Any,
) -> HTMLResponse:
    period = periods.require_period(session, period_id)
    site = require_site(session, period.site_id)
    demand = periods.demand_read(session, period_id)
    hours = _agent_hours([s.required for s in demand.series], site.slot_minutes)
    context: dict[str, Any] = {
        "period": periods.to_read(session, period),
        "site": site,
        "demand_series": len(demand.series),
        "demand_hours": hours,
        "rules": RulesBody.model_validate(period.rules).model_dump(),
        "weights": WeightsBody.model_validate(period.weights).model_dump(),
        "errors": errors or [],
        "preview": None,
        "history_text": "",
        "policy": {
            "service_level": "0.8",
            "answer_seconds": "20",
            "max_occupancy": "0.85",
            "shrinkage": "0.3",
        },
        "done_text": _done_text(request),
    }
    context.update(extra)
    return render(request, "period_setup.html", status_code=status_code, **context)


def _setup_write(
    request: Request, session: Session, period_id: int, done: str, write: Callable[[], object]
) -> Response:
    """A set-up form written, then back to the set-up page saying what was saved (``done``,
    one of ``DONE``); or the page again with the reasons, nothing kept."""
    return write_or_refuse(
        session,
        write,
        partial(_setup_page, request, session, period_id),
        lambda _: _saved(period_id, done),
    )


@router.get("/manage/periods/{period_id}/setup", response_class=HTMLResponse)
def setup_page(
    request: Request, period_id: PathRowId, session: SessionDep, _caller: StaffCaller
) -> HTMLResponse:
    return _setup_page(request, session, period_id)


async def _text_of(form: FormData, field: str) -> str | None:
    upload = form.get(field)
    if isinstance(upload, UploadFile):
        raw = await upload.read()
        if raw:
            try:
                return raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                return None
    text = form.get(f"{field}_text")
    return str(text) if isinstance(text, str) and text.strip() else None


@router.post("/manage/periods/{period_id}/demand")
async def upload_demand(
    request: Request,
    period_id: PathRowId,
    form: CheckedForm,
    session: SessionDep,
    caller: ManagerCaller,
) -> Response:
    text = await _text_of(form, "file")
    if text is None:
        issues = [FieldIssue("file", "choose a UTF-8 CSV file")]
        return _setup_page(request, session, period_id, 422, issues)
    return _setup_write(
        request,
        session,
        period_id,
        "demand",
        lambda: periods.replace_demand_csv(session, caller.principal, period_id, text),
    )


def _numbers(values: dict[str, str]) -> dict[str, Any]:
    """Each value that is a number (a decimal comma accepted) as one; the others as typed,
    for the wire model to refuse naming the field."""
    return {k: float(v.replace(",", ".")) if _is_number(v) else v for k, v in values.items()}


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


@router.post("/manage/periods/{period_id}/history")
async def history_demand(
    request: Request,
    period_id: PathRowId,
    form: CheckedForm,
    session: SessionDep,
    caller: ManagerCaller,
) -> Response:
    """``action=preview`` shows the forecast and stores nothing; ``action=save`` stores it."""
    text = await _text_of(form, "history")
    values = {k: str(form.get(k, "")).strip() for k in POLICY_FIELDS}
    if text is None:
        issues = [FieldIssue("history", "choose a UTF-8 CSV file of contact history")]
        return _setup_page(request, session, period_id, 422, issues, policy=values)
    history = text
    save = form.get("action") == "save"

    def write() -> history_upload.HistoryPreview | None:
        policy = StaffingPolicy.model_validate(_numbers(values))
        if save:
            history_upload.replace_demand_from_history(
                session, caller.principal, period_id, history, policy, "auto"
            )
            return None
        return history_upload.preview_from_history(session, period_id, history, policy, "auto")

    def shown(preview: history_upload.HistoryPreview | None) -> Response:
        if preview is None:
            return _saved(period_id, "forecast")
        return _setup_page(
            request,
            session,
            period_id,
            preview=_preview_view(request, session, period_id, preview),
            history_text=history,
            policy=values,
        )

    return write_or_refuse(
        session,
        write,
        lambda status, issues: _setup_page(
            request, session, period_id, status, issues, policy=values
        ),
        shown,
    )


def _preview_view(
    request: Request, session: Session, period_id: int, preview: history_upload.HistoryPreview
) -> dict[str, Any]:
    """The chart (last two weeks of history beside the forecast), per-queue errors, agents."""
    period = periods.require_period(session, period_id)
    site = require_site(session, period.site_id)
    grid = SlotGrid(periods.horizon_of(site, period))
    zone = ZoneInfo(site.time_zone)
    starts = [grid.slot_start(i).astimezone(zone).replace(tzinfo=None) for i in range(grid.count)]
    shown_from = datetime.combine(preview.forecast.history_last_day, datetime.min.time()) - (
        timedelta(days=HISTORY_DAYS_SHOWN - 1)
    )
    by_queue: dict[str, dict[datetime, float]] = defaultdict(lambda: defaultdict(float))
    for row in preview.history.rows:
        if row.start >= shown_from:
            by_queue[row.queue][row.start] += row.contacts
    history_lines = [
        charts.Series(queue, sorted(points), [points[s] for s in sorted(points)])
        for queue, points in sorted(by_queue.items())
    ]
    forecast_lines = [
        charts.Series(q.queue, starts, q.contacts)
        for q in sorted(preview.forecast.queues, key=lambda q: q.queue)
    ]
    t = translator(language_of(request))
    labels = {k: t(f"setup.{k}") for k in ("history", "forecast", "contacts")}
    required = {s.queue: s for s in preview.demand.series}
    rows = []
    for q in preview.forecast.queues:
        score = next((s for s in q.holdout if s.method == q.method), None)
        series = required.get(q.queue)
        rows.append(
            {
                "queue": q.queue,
                "method": q.method,
                "wape": score.wape if score else None,
                "daily_wape": score.daily_wape if score else None,
                "contacts": sum(q.contacts),
                "peak": max(series.required) if series else 0,
                "agent_hours": _agent_hours(
                    [series.required] if series else [], grid.horizon.slot_minutes
                ),
            }
        )
    return {
        "figure": charts.forecast(history_lines, forecast_lines, labels),
        "rows": rows,
        "history_first": preview.forecast.history_first_day,
        "history_last": preview.forecast.history_last_day,
        "interval": preview.forecast.history_interval_minutes,
    }


def _numbers_of(form: FormData, names: list[str]) -> dict[str, Any]:
    return _numbers({name: str(form.get(name, "")).strip() for name in names})


@router.post("/manage/periods/{period_id}/rules")
def set_rules(
    request: Request,
    period_id: PathRowId,
    form: CheckedForm,
    session: SessionDep,
    caller: ManagerCaller,
) -> Response:
    names = list(RulesBody.model_fields)
    values = {
        k: int(v) if isinstance(v, float) and v.is_integer() else v
        for k, v in _numbers_of(form, names).items()
    }
    return _setup_write(
        request,
        session,
        period_id,
        "rules",
        lambda: periods.replace_rules(
            session, caller.principal, period_id, RulesBody.model_validate(values)
        ),
    )


@router.post("/manage/periods/{period_id}/weights")
def set_weights(
    request: Request,
    period_id: PathRowId,
    form: CheckedForm,
    session: SessionDep,
    caller: ManagerCaller,
) -> Response:
    values = _numbers_of(form, list(WeightsBody.model_fields))
    return _setup_write(
        request,
        session,
        period_id,
        "weights",
        lambda: periods.replace_weights(
            session, caller.principal, period_id, WeightsBody.model_validate(values)
        ),
    )


@router.post("/manage/periods/{period_id}/availability")
def open_or_close(
    request: Request,
    period_id: PathRowId,
    form: CheckedForm,
    session: SessionDep,
    caller: ManagerCaller,
) -> Response:
    """``action=close`` closes availability now; ``action=open`` reopens it until the
    site-local time typed (``until``), at or before the period's start."""
    period = periods.require_period(session, period_id)
    site = require_site(session, period.site_id)
    return _setup_write(
        request,
        session,
        period_id,
        "availability",
        lambda: periods.update_period(
            session, caller.principal, period_id, _availability_update(form, site.time_zone)
        ),
    )


def _availability_update(form: FormData, time_zone: str) -> PeriodUpdate:
    """Closing now, or reopening until the site-local time typed; anything that is no date
    and time is refused naming ``until``."""
    if form.get("action") == "close":
        return PeriodUpdate(availability_closes_at=utc_now())
    closes_at = local_moment(str(form.get("until", "")), ZoneInfo(time_zone), "until")
    try:
        return PeriodUpdate(availability_closes_at=closes_at)
    except ValueError as exc:  # a moment outside the dates the service supports
        raise invalid("until", "must be a date and time") from exc
