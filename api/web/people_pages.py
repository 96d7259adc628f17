"""People: agents (add, edit, deactivate) and queues (skill, priority, onshore countries).

Every form goes through the API's own use cases (``api.agents.service``,
``api.sites.service``) with the API's own wire models, so a page accepts exactly what
``POST /agents`` or ``PATCH /queues/{id}`` accepts and refuses it with the same reasons. A
refused form is shown again with what was typed and each field's reason (422), nothing
written.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from api.agents import csv_import
from api.agents import repository as agents
from api.agents import service as agent_service
from api.agents.schemas import AgentCreate, AgentRead, AgentUpdate
from api.agents.typed_body import agent_body, typed_number
from api.db.models import Agent
from api.deps import SessionDep
from api.errors import FieldIssue
from api.sites import repository as sites
from api.sites import service as site_service
from api.sites.schemas import QueueUpdate
from api.web.form_writes import write_or_refuse
from api.web.page_auth import CheckedForm, ManagerCaller, StaffCaller
from api.web.rendering import render

router = APIRouter(include_in_schema=False)
AGENT_FIELDS = (
    "id",
    "site_id",
    "name",
    "time_zone",
    "country",
    "skills",
    "hourly_cost",
    "contract_min",
    "contract_max",
    "aid_cap_week",
    "aid_cap_day",
)


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _agent_values(form: FormData) -> dict[str, str]:
    values = {k: str(form.get(k, "")).strip() for k in AGENT_FIELDS}
    values["accepts_changes"] = "on" if form.get("accepts_changes") else ""
    return values


def _agent_body(values: dict[str, str]) -> dict[str, Any]:
    """The wire body (``AgentCreate`` / ``AgentUpdate``) a form's values stand for."""
    return agent_body(values, _list(values["skills"]), bool(values["accepts_changes"]))


def _form_of(agent: AgentRead) -> dict[str, str]:
    cap = agent.aid_cap
    return {
        "id": agent.id,
        "site_id": agent.site_id,
        "name": agent.name,
        "time_zone": agent.time_zone,
        "country": agent.country,
        "skills": ", ".join(agent.skills),
        "hourly_cost": f"{agent.hourly_cost:g}",
        "contract_min": f"{agent.contract.min_hours_per_week:g}",
        "contract_max": f"{agent.contract.max_hours_per_week:g}",
        "aid_cap_week": f"{cap.max_hours_per_week:g}" if cap else "",
        "aid_cap_day": f"{cap.max_hours_per_day:g}" if cap and cap.max_hours_per_day else "",
        "accepts_changes": "on" if agent.accepts_changes else "",
    }


def _people_page(
    request: Request,
    session: Session,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
    values: dict[str, str] | None = None,
    queue_errors: dict[str, list[FieldIssue]] | None = None,
) -> HTMLResponse:
    site_list = sites.list_sites(session)
    return render(
        request,
        "people.html",
        status_code=status_code,
        agents=[agent_service.to_read(a) for a in agents.list_agents(session)],
        sites=site_list,
        queues=[(site, sites.queues_of_site(session, site.id)) for site in site_list],
        errors=errors or [],
        values=values or {"accepts_changes": "on"},
        queue_errors=queue_errors or {},
        done=request.query_params.get("done", ""),
    )


@router.get("/manage/people", response_class=HTMLResponse)
def people_page(request: Request, session: SessionDep, _caller: StaffCaller) -> HTMLResponse:
    return _people_page(request, session)


@router.post("/manage/agents")
def add_agent(
    request: Request, form: CheckedForm, session: SessionDep, caller: ManagerCaller
) -> Response:
    values = _agent_values(form)

    def write() -> Agent:
        body = AgentCreate.model_validate(
            {**_agent_body(values), "id": values["id"], "site_id": values["site_id"]}
        )
        return agent_service.create_agent(session, caller.principal, body)

    return write_or_refuse(
        session,
        write,
        lambda status, issues: _people_page(request, session, status, issues, values),
        lambda agent: RedirectResponse(f"/manage/people?done=added-{agent.id}", status_code=303),
    )


def _agent_page(
    request: Request,
    agent: AgentRead,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:
    return render(
        request,
        "agent_edit.html",
        status_code=status_code,
        agent=agent,
        values=values or _form_of(agent),
        errors=errors or [],
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/manage/agents/{agent_id}", response_class=HTMLResponse)
def agent_page(
    request: Request, agent_id: str, session: SessionDep, _caller: StaffCaller
) -> HTMLResponse:
    agent = agent_service.to_read(agent_service.require_agent(session, agent_id))
    return _agent_page(request, agent)


@router.post("/manage/agents/{agent_id}")
def edit_agent(
    request: Request, agent_id: str, form: CheckedForm, session: SessionDep, caller: ManagerCaller
) -> Response:
    agent = agent_service.to_read(agent_service.require_agent(session, agent_id))
    values = {**_agent_values(form), "id": agent.id, "site_id": agent.site_id}

    def write() -> None:
        body = _agent_body(values)
        if "aid_cap" not in body:
            body["remove_aid_cap"] = True
        update = AgentUpdate.model_validate(body)
        agent_service.update_agent(session, caller.principal, agent_id, update)

    return write_or_refuse(
        session,
        write,
        lambda status, issues: _agent_page(request, agent, status, issues, values),
        lambda _: RedirectResponse(f"/manage/agents/{agent_id}?saved=1", status_code=303),
    )


@router.post("/manage/agents/{agent_id}/active")
def set_agent_active(
    agent_id: str, form: CheckedForm, session: SessionDep, caller: ManagerCaller
) -> Response:
    """Deactivate (``active=0``) or reactivate an agent, as ``DELETE /agents/{id}`` does."""
    active = form.get("active") == "1"
    agent_service.update_agent(session, caller.principal, agent_id, AgentUpdate(active=active))
    done = "reactivated" if active else "deactivated"
    return RedirectResponse(f"/manage/people?done={done}-{agent_id}", status_code=303)


@router.post("/manage/people/import")
async def import_agents(
    request: Request, form: CheckedForm, session: SessionDep, caller: ManagerCaller
) -> Response:
    """Agents from a CSV file (``api.agents.csv_import``): all of them, or none."""
    upload = form.get("file")
    raw = await upload.read() if isinstance(upload, UploadFile) else b""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if not text.strip():
        issues = [FieldIssue("file", "choose a UTF-8 CSV file of agents")]
        return _people_page(request, session, 422, issues)
    return write_or_refuse(
        session,
        lambda: csv_import.import_agents(session, caller.principal, text),
        partial(_people_page, request, session),
        lambda created: RedirectResponse(
            f"/manage/people?done=imported-{len(created)}", status_code=303
        ),
    )


@router.post("/manage/queues/{queue_id}")
def edit_queue(
    request: Request, queue_id: str, form: CheckedForm, session: SessionDep, caller: ManagerCaller
) -> Response:
    site_service.require_queue(session, queue_id)
    values = {k: str(form.get(k, "")).strip() for k in ("skill", "priority", "countries")}

    def write() -> None:
        update = QueueUpdate.model_validate(
            {
                "skill": values["skill"],
                "priority": typed_number(values["priority"]),
                "countries": [c.upper() for c in _list(values["countries"])],
            }
        )
        site_service.update_queue(session, caller.principal, queue_id, update)

    return write_or_refuse(
        session,
        write,
        lambda status, issues: _people_page(
            request, session, status, queue_errors={queue_id: issues}
        ),
        lambda _: RedirectResponse(f"/manage/people?done=queue-{queue_id}#queues", status_code=303),
    )
