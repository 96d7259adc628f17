"""Absences: report one, see whether a re-plan healed it, and what the healed draft changes.

Start and end are typed in the absent agent's own time zone (the zone the agent lives by);
the re-plans come from the jobs (``homeshore worker``), whose drafts open in the solve page
for comparison and publication.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.absences import service as absence_service
from api.absences.schemas import AbsenceCreate, AbsenceRead
from api.agents import repository as agents
from api.deps import SessionDep
from api.errors import FieldIssue
from api.periods import repository as periods
from api.replans import repository as replans
from api.sites import repository as sites
from api.web.form_writes import local_moment, write_or_refuse
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

    def write() -> AbsenceRead:
        body = AbsenceCreate(
            agent_id=agent.id,
            start=local_moment(values["start"], zone, "start"),
            end=local_moment(values["end"], zone, "end"),
            reason=values["reason"],
        )
        absence, _created = absence_service.report(session, caller.principal, body)
        return absence

    return write_or_refuse(
        session,
        write,
        lambda status, issues: _page(request, session, status, issues, values),
        lambda absence: RedirectResponse(
            f"/manage/absences?reported={absence.id}", status_code=303
        ),
        unnamed="start",
    )
