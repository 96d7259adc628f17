"""The agent's pages: my availability (a week grid in my zone) and my shifts.

Validation is the API's alone: the grid's script asks ``.../availability/{agent}/check`` on
every change and shows its messages; the no-JavaScript form posts here and goes through the
very same ``api.availability.service.submit``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.agents.service import require_agent
from api.auth.keys import Principal
from api.availability import repository as windows
from api.availability import service as availability
from api.availability.schemas import AvailabilitySubmission, WindowIn
from api.db.models import Agent, PlanningPeriod
from api.deps import SessionDep, SettingsDep
from api.errors import FieldIssue
from api.exports.calendars import agent_calendar
from api.periods import repository as periods
from api.periods.service import availability_open, require_period
from api.rosters import service as roster_service
from api.schemas import PathRowId
from api.sites.service import require_site
from api.web import availability_grid, my_shifts
from api.web.form_writes import write_or_refuse
from api.web.page_auth import AgentCaller, CheckedForm, PageCaller
from api.web.rendering import render

router = APIRouter(include_in_schema=False)


def _me(session: SessionDep, caller: PageCaller) -> Agent:
    assert caller.principal.agent_id is not None
    return require_agent(session, caller.principal.agent_id)


def _default_period(session: SessionDep, agent: Agent) -> PlanningPeriod | None:
    mine = periods.of_site(session, agent.site_id)
    now = datetime.now(UTC)
    open_ones = [p for p in mine if availability_open(session, p, now)]
    pool = open_ones or mine
    return min(pool, key=lambda p: p.first_day) if pool else None


def _availability_page(
    request: Request,
    session: SessionDep,
    agent: Agent,
    period: PlanningPeriod | None,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
    ticked: list[tuple[datetime, datetime]] | None = None,
) -> HTMLResponse:
    grid = None
    is_open = False
    preferred: list[dict[str, str]] = []
    if period is not None:
        site = require_site(session, period.site_id)
        stored = windows.of_agent(session, period.id, agent.id)
        if ticked is None:
            ticked = [(w.start, w.end) for w in stored if not w.preferred]
        preferred = [
            {"start": w.start.isoformat(), "end": w.end.isoformat()} for w in stored if w.preferred
        ]
        grid = availability_grid.build(site, period, agent, ticked)
        is_open = availability_open(session, period, datetime.now(UTC))
    return render(
        request,
        "my_availability.html",
        status_code=status_code,
        agent=agent,
        period=period,
        periods=periods.of_site(session, agent.site_id),
        grid=grid,
        is_open=is_open,
        preferred=preferred,
        errors=errors or [],
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/me/availability", response_class=HTMLResponse)
def availability_page(
    request: Request,
    session: SessionDep,
    caller: AgentCaller,
    period_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
) -> HTMLResponse:
    agent = _me(session, caller)
    period = (
        _default_period(session, agent) if period_id is None else require_period(session, period_id)
    )
    if period is not None and period.site_id != agent.site_id:
        period = None
    return _availability_page(request, session, agent, period)


@router.post("/me/availability/{period_id}")
def save_availability(
    request: Request,
    period_id: PathRowId,
    form: CheckedForm,
    session: SessionDep,
    settings: SettingsDep,
    caller: AgentCaller,
) -> Response:
    agent = _me(session, caller)
    period = require_period(session, period_id)
    site = require_site(session, period.site_id)
    minutes = availability_grid.build(site, period, agent, []).cell_minutes
    try:
        starts = [datetime.fromisoformat(str(v)) for v in form.getlist("cell")]
    except ValueError:
        return _availability_page(
            request, session, agent, period, 422, [FieldIssue("cell", "not a date and time")]
        )
    ticked = availability_grid.windows_of(starts, minutes, ZoneInfo(agent.time_zone))
    stored_preferred = [
        WindowIn(start=w.start, end=w.end)
        for w in windows.of_agent(session, period.id, agent.id)
        if w.preferred
    ]
    body = AvailabilitySubmission(
        windows=[WindowIn(start=s, end=e) for s, e in ticked], preferred=stored_preferred
    )
    return write_or_refuse(
        session,
        lambda: availability.submit(
            session, caller.principal, settings, period.id, agent.id, body, replace=True
        ),
        lambda status, issues: _availability_page(
            request, session, agent, period, status, issues, ticked
        ),
        lambda _: RedirectResponse(
            f"/me/availability?period_id={period.id}&saved=1", status_code=303
        ),
    )


def _shifts_page(
    request: Request, session: SessionDep, caller: PageCaller, feed_url: str | None = None
) -> HTMLResponse:
    agent = _me(session, caller)
    zone = ZoneInfo(agent.time_zone)
    shifts = roster_service.published_shifts(session, caller.principal, agent.id).shifts
    return render(
        request,
        "my_shifts.html",
        agent=agent,
        zone=zone,
        shifts=sorted(shifts, key=lambda s: s.start),
        changes=my_shifts.changes_since_seen(session, agent),
        feed_url=feed_url,
        has_feed=agent.calendar_feed_hash is not None,
    )


@router.get("/me/shifts", response_class=HTMLResponse)
def shifts_page(request: Request, session: SessionDep, caller: AgentCaller) -> HTMLResponse:
    return _shifts_page(request, session, caller)


@router.post("/me/shifts/seen")
def mark_seen(_form: CheckedForm, session: SessionDep, caller: AgentCaller) -> RedirectResponse:
    my_shifts.mark_seen(session, _me(session, caller))
    return RedirectResponse("/me/shifts", status_code=303)


@router.post("/me/calendar-feed", response_class=HTMLResponse)
def new_calendar_feed(
    request: Request, _form: CheckedForm, session: SessionDep, caller: AgentCaller
) -> HTMLResponse:
    assert caller.principal.key_id is not None
    token = my_shifts.new_feed_token(session, _me(session, caller), caller.principal.key_id)
    return _shifts_page(
        request, session, caller, str(request.url_for("calendar_feed", token=token))
    )


@router.get("/calendar/{token}.ics", name="calendar_feed")
def calendar_feed(token: str, session: SessionDep) -> Response:
    """The agent's published shifts as iCalendar, for calendar apps (no key: the URL is it)."""
    agent = my_shifts.agent_of_feed(session, token)
    if agent is None:
        return Response("unknown calendar feed\n", status_code=404, media_type="text/plain")
    reader = Principal(key_id=agent.calendar_feed_key_id, role="agent", agent_id=agent.id)
    return Response(agent_calendar(session, reader, agent.id), media_type="text/calendar")
