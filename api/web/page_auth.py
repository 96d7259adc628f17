"""Who is looking at a page: the session cookie's key, its role, and the CSRF token.

Without a valid session a page redirects to /login; with the wrong role it answers a 403
page. Forms posted without JavaScript carry the CSRF token in a hidden field, checked here
before the route runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from api.auth import service as auth_service
from api.auth import sessions
from api.auth.keys import Principal
from api.db.base import utc_now
from api.deps import SessionDep, SettingsDep, session_secret
from api.errors import Unauthorized
from api.web.rendering import render


@dataclass(frozen=True)
class PageCaller:
    principal: Principal
    csrf_token: str

    @property
    def role(self) -> str:
        return self.principal.role

    @property
    def home(self) -> str:
        return "/me/shifts" if self.principal.role == "agent" else "/manage"


class LoginRequired(Exception):
    """No valid session: the page redirects to /login and comes back afterwards."""


class PageForbidden(Exception):
    """The session's role may not see this page (or the form's CSRF token is wrong)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def page_caller(request: Request, session: SessionDep, settings: SettingsDep) -> PageCaller:
    cookie = request.cookies.get(sessions.COOKIE_NAME)
    secret = session_secret(settings)
    if cookie is None:
        raise LoginRequired
    try:
        principal, _web = auth_service.authenticate_cookie(session, secret, cookie, utc_now())
    except Unauthorized as exc:
        raise LoginRequired from exc
    caller = PageCaller(principal, sessions.csrf_token(secret, cookie))
    request.state.page_caller = caller
    return caller


Caller = Annotated[PageCaller, Depends(page_caller)]


def _staff(caller: Caller) -> PageCaller:
    if caller.role not in ("manager", "planner"):
        raise PageForbidden("manager or planner")
    return caller


def _manager(caller: Caller) -> PageCaller:
    if caller.role != "manager":
        raise PageForbidden("manager")
    return caller


def _agent(caller: Caller) -> PageCaller:
    if caller.role != "agent" or caller.principal.agent_id is None:
        raise PageForbidden("agent")
    return caller


StaffCaller = Annotated[PageCaller, Depends(_staff)]
ManagerCaller = Annotated[PageCaller, Depends(_manager)]
AgentCaller = Annotated[PageCaller, Depends(_agent)]


async def _checked_form(request: Request, caller: Caller) -> FormData:
    form = await request.form()
    if form.get(sessions.CSRF_FIELD) != caller.csrf_token:
        raise PageForbidden("csrf")
    return form


CheckedForm = Annotated[FormData, Depends(_checked_form)]


def install_page_errors(app: FastAPI) -> None:
    async def to_login(request: Request, _exc: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    async def forbidden(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PageForbidden)
        return render(request, "forbidden.html", status_code=403, needs=exc.reason)

    app.add_exception_handler(LoginRequired, to_login)
    app.add_exception_handler(PageForbidden, forbidden)
