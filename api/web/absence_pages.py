"""Absences: report one, see whether a re-plan healed it, and what the healed draft changes.

Start and end are typed in the absent agent's own time zone (the zone the agent lives by);
the re-plans come from the jobs (``homeshore worker``), whose drafts open in the solve page
for comparison and publication.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from api.absences import service as absence_service
from api.absences.schemas import AbsenceCreate
from api.agents import repository as agents
from api.deps import SessionDep
from api.errors import FieldIssue, ServiceError
from api.periods import repository as periods
from api.replans import repository as replans
from api.sites import repository as sites
from api.web.page_auth import CheckedForm, StaffCaller
from api.web.rendering import render

router = APIRouter(include_in_schema=False)
LISTED_ABSENCES = 50
LISTED_REPLANS = 10


def _page(
    request: Request,
    session: SessionDep,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
    values: dict[str, Any] | None = None,
) -> HTMLResponse:
    recent = absence_service.listing(session, None)[-LISTED_ABSENCES:][::-1]
    replan_rows = []
    for site in sites.list_sites(session):
        for period in periods.of_site(session, site.id):
            for replan, run, roster_id in replans.of_period(session, period.id, LISTED_REPLANS):
                replan_rows.append((period, replan, run, roster_id))
    replan_rows.sort(key=lambda row: row[1].created_at, reverse=True)
    listed = agents.list_agents(session)
    return render(
        request,
        "absences.html",
        status_code=status_code,
        agents=listed,
        zones={agent.id: agent.time_zone for agent in listed},
        absences=recent,
        replans=replan_rows[:LISTED_REPLANS],
        errors=errors or [],
        values=values or {},
        reported=request.query_params.get("reported", ""),
    )


@router.get("/manage/absences", response_class=HTMLResponse)
def absences_page(request: Request, session: SessionDep, _caller: StaffCaller) -> HTMLResponse:
    return _page(request, session)


def _local(value: str, zone: ZoneInfo, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ServiceError([FieldIssue(field, "must be a date and time")]) from exc
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


@router.post("/manage/absences")
def report_absence(
    request: Request, form: CheckedForm, session: SessionDep, caller: StaffCaller
) -> Response:
    values = {k: str(form.get(k, "")) for k in ("agent_id", "start", "end", "reason")}
    agent = agents.get(session, values["agent_id"]) if values["agent_id"] else None
    if agent is None:
        issues = [FieldIssue("agent_id", "choose an agent")]
        return _page(request, session, 422, issues, values)
    zone = ZoneInfo(agent.time_zone)
    try:
        body = AbsenceCreate(
            agent_id=agent.id,
            start=_local(values["start"], zone, "start"),
            end=_local(values["end"], zone, "end"),
            reason=values["reason"],
        )
        with session.begin_nested():
            absence, _created = absence_service.report(session, caller.principal, body)
    except ValidationError as exc:
        issues = [
            FieldIssue(".".join(str(p) for p in e["loc"]) or "start", e["msg"])
            for e in exc.errors()
        ]
        return _page(request, session, 422, issues, values)
    except ServiceError as exc:
        return _page(request, session, exc.status if exc.status != 400 else 422, exc.issues, values)
    return RedirectResponse(f"/manage/absences?reported={absence.id}", status_code=303)
