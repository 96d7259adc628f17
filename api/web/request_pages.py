"""Requests after publication, as pages: an agent's (time off, give back, swap, pick up,
withdraw)
and a manager's (the pending ones with their impact, approve or decline in one click).

Every form posts to the same ``api.requests.service`` functions the API calls; a refusal
shows the service's own field and reason. Times are typed and shown in the agent's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.agents.service import require_agent
from api.db.models import Agent
from api.deps import SessionDep
from api.errors import FieldIssue, ServiceError
from api.requests import service, swaps
from api.requests.reasons import language_or_default, span_words
from api.requests.schemas import (
    DeclineBody,
    DropCreate,
    PickUpCreate,
    RequestRead,
    SwapCreate,
    TimeOffCreate,
)
from api.rosters import service as roster_service
from api.schemas import PathRowId
from api.web.form_writes import local_moment, write_or_refuse
from api.web.i18n import language_of
from api.web.page_auth import AgentCaller, CheckedForm, ManagerCaller, PageCaller
from api.web.rendering import render

router = APIRouter(include_in_schema=False)


def _me(session: SessionDep, caller: PageCaller) -> Agent:
    assert caller.principal.agent_id is not None
    return require_agent(session, caller.principal.agent_id)


def _agent_page(
    request: Request,
    session: SessionDep,
    caller: PageCaller,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:
    agent = _me(session, caller)
    now = datetime.now(UTC)
    shifts = roster_service.published_shifts(session, caller.principal, agent.id).shifts
    language = language_of(request)
    mine = service.of_agent(session, caller.principal, agent.id, language)
    asked = request.query_params.get("asked", "")
    return render(
        request,
        "requests_agent.html",
        status_code=status_code,
        agent=agent,
        zone=ZoneInfo(agent.time_zone),
        shifts=sorted((s for s in shifts if s.end > now), key=lambda s: s.start),
        open_shifts=service.open_shifts_for(session, caller.principal, agent.id, now),
        swap_offers=swaps.offers_for(session, caller.principal, agent.id, language),
        requests=mine,
        answered=_answered(session, caller, asked, language),
        errors=errors or [],
        values=values or {},
    )


def _answered(
    session: SessionDep, caller: PageCaller, asked: str, language: str
) -> RequestRead | None:
    """The request just asked or accepted (a swap accepted is the colleague's request)."""
    if not asked.isdigit() or int(asked) > 2_147_483_647:
        return None
    try:
        return service.read(session, caller.principal, int(asked), language)
    except ServiceError:
        return None


@router.get("/me/requests", response_class=HTMLResponse)
def agent_page(request: Request, session: SessionDep, caller: AgentCaller) -> HTMLResponse:
    return _agent_page(request, session, caller)


def _asked(
    request: Request,
    session: SessionDep,
    caller: PageCaller,
    values: dict[str, str],
    ask: Any,
) -> Response:
    """Run ``ask()`` in a savepoint; the page again with the refusal, or a redirect to it."""
    return write_or_refuse(
        session,
        ask,
        lambda status, issues: _agent_page(request, session, caller, status, issues, values),
        lambda read: RedirectResponse(f"/me/requests?asked={read.id}", status_code=303),
        unnamed="start",
    )


@router.post("/me/requests/time-off")
def ask_time_off(
    request: Request, form: CheckedForm, session: SessionDep, caller: AgentCaller
) -> Response:
    agent = _me(session, caller)
    values = {k: str(form.get(k, "")) for k in ("start", "end", "note")}
    zone = ZoneInfo(agent.time_zone)

    def ask() -> Any:
        body = TimeOffCreate(
            start=local_moment(values["start"], zone, "start"),
            end=local_moment(values["end"], zone, "end"),
            note=values["note"],
        )
        return service.ask_time_off(session, caller.principal, agent.id, body, datetime.now(UTC))

    return _asked(request, session, caller, values, ask)


@router.post("/me/requests/drop")
def ask_drop(
    request: Request, form: CheckedForm, session: SessionDep, caller: AgentCaller
) -> Response:
    agent = _me(session, caller)

    def ask() -> Any:
        body = DropCreate(shift_id=_number(form.get("shift_id"), "shift_id"))
        return service.ask_drop(session, caller.principal, agent.id, body, datetime.now(UTC))

    return _asked(request, session, caller, {}, ask)


@router.post("/me/requests/swap")
def ask_swap(
    request: Request, form: CheckedForm, session: SessionDep, caller: AgentCaller
) -> Response:
    agent = _me(session, caller)

    def ask() -> Any:
        body = SwapCreate(shift_id=_number(form.get("shift_id"), "shift_id"))
        return swaps.ask_swap(session, caller.principal, agent.id, body, datetime.now(UTC))

    return _asked(request, session, caller, {}, ask)


@router.post("/me/requests/pick-up")
def ask_pick_up(
    request: Request, form: CheckedForm, session: SessionDep, caller: AgentCaller
) -> Response:
    agent = _me(session, caller)

    def ask() -> Any:
        body = PickUpCreate(open_shift_id=_number(form.get("open_shift_id"), "open_shift_id"))
        return service.ask_pick_up(session, caller.principal, agent.id, body, datetime.now(UTC))

    return _asked(request, session, caller, {}, ask)


@router.post("/me/requests/{request_id}/{action}")
def answer_request(
    request: Request,
    request_id: PathRowId,
    action: str,
    _form: CheckedForm,
    session: SessionDep,
    caller: AgentCaller,
) -> Response:
    """Withdraw one of my requests, or accept a swap offered to me."""
    answers = {"withdraw": service.withdraw, "accept": swaps.accept}
    if action not in answers:
        return _agent_page(request, session, caller, 404, [FieldIssue("action", "no such answer")])
    answer = answers[action]
    return _asked(
        request,
        session,
        caller,
        {},
        lambda: answer(session, caller.principal, request_id, datetime.now(UTC)),
    )


def _number(value: object, field: str) -> int:
    try:
        return int(str(value))
    except ValueError as exc:
        raise ServiceError([FieldIssue(field, "must be a number")]) from exc


@dataclass(frozen=True)
class Impact:
    """A waiting request's impact as a manager reads it, in the page's language."""

    hours: str
    cost: str
    coverage: list[str]


def impact_of(read: RequestRead, zone: ZoneInfo, language: str) -> Impact:
    lang = language_or_default(language)
    signed = "+#,##0.##;-#,##0.##"
    coverage = []
    for c in read.impact.get("coverage", []):
        start, end = datetime.fromisoformat(c["start"]), datetime.fromisoformat(c["end"])
        coverage.append(
            f"{c['queue']} {span_words(start, end, zone, lang)}: "
            f"{c['before']} → {c['after']} / {c['required']}"
        )
    return Impact(
        hours=format_decimal(read.impact.get("hours", 0), format=signed, locale=lang),
        cost=format_decimal(read.impact.get("cost", 0), format="+#,##0.00;-#,##0.00", locale=lang),
        coverage=coverage,
    )


def _manager_page(
    request: Request,
    session: SessionDep,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
) -> HTMLResponse:
    """Requests a manager may answer: those sent to one, then those on the waitlist."""
    language = language_of(request)
    waiting = [
        *service.listing(session, "pending", None, language),
        *service.listing(session, "waitlisted", None, language),
    ]
    zones = {r.agent_id: ZoneInfo(require_agent(session, r.agent_id).time_zone) for r in waiting}
    return render(
        request,
        "requests_manager.html",
        status_code=status_code,
        pending=waiting,
        zones=zones,
        impacts={r.id: impact_of(r, zones[r.agent_id], language) for r in waiting},
        decided=request.query_params.get("decided", ""),
        errors=errors or [],
    )


@router.get("/manage/requests", response_class=HTMLResponse)
def manager_page(request: Request, session: SessionDep, _caller: ManagerCaller) -> HTMLResponse:
    return _manager_page(request, session)


@router.post("/manage/requests/{request_id}/{answer}")
def decide(
    request: Request,
    request_id: PathRowId,
    answer: str,
    form: CheckedForm,
    session: SessionDep,
    caller: ManagerCaller,
) -> Response:
    now = datetime.now(UTC)

    def write() -> None:
        if answer == "approve":
            service.approve(session, caller.principal, request_id, now)
        elif answer == "decline":
            note = str(form.get("note", ""))[:500]
            service.decline(session, caller.principal, request_id, DeclineBody(note=note), now)
        else:
            raise ServiceError([FieldIssue("answer", "approve or decline")])

    return write_or_refuse(
        session,
        write,
        partial(_manager_page, request, session),
        lambda _: RedirectResponse(f"/manage/requests?decided={request_id}", status_code=303),
    )
