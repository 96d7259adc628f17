"""Logging in with an API key, logging out, and the front door that sends each role home."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.auth import service as auth_service
from api.auth import sessions
from api.auth.keys import PEOPLE
from api.db.base import utc_now
from api.deps import SessionDep, SettingsDep, session_secret
from api.errors import Unauthorized
from api.settings import Settings
from api.web.page_auth import Caller, CheckedForm
from api.web.rendering import render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never an absolute or protocol-relative URL."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@router.get("/")
def front_door(caller: Caller) -> RedirectResponse:
    return RedirectResponse(caller.home, status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", next=_safe_next(next) or "", error=None)


@router.post("/login")
def log_in(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    key: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        principal = auth_service.authenticate(session, key.strip())
    except Unauthorized:
        return render(
            request, "login.html", status_code=401, next=_safe_next(next) or "", error="bad_key"
        )
    if principal.role not in PEOPLE:
        return render(
            request, "login.html", status_code=403, next=_safe_next(next) or "", error="machine_key"
        )
    assert principal.key_id is not None
    lifetime = timedelta(hours=settings.session_hours)
    cookie = auth_service.start_web_session(
        session, session_secret(settings), principal.key_id, utc_now(), lifetime
    )
    home = "/me/shifts" if principal.role == "agent" else "/manage"
    response = RedirectResponse(_safe_next(next) or home, status_code=303)
    response.set_cookie(
        sessions.COOKIE_NAME,
        cookie,
        max_age=int(lifetime.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=_secure(request, settings),
        path="/",
    )
    return response


@router.post("/logout")
def log_out(
    request: Request, _form: CheckedForm, session: SessionDep, settings: SettingsDep
) -> RedirectResponse:
    """Ends the session on the server too: the cookie, even copied, no longer opens anything."""
    cookie = request.cookies.get(sessions.COOKIE_NAME)
    auth_service.end_web_session(session, session_secret(settings), cookie, utc_now())
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(
        sessions.COOKIE_NAME,
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure(request, settings),
    )
    return response


def _secure(request: Request, settings: Settings) -> bool:
    """Behind a TLS-terminating proxy the app sees plain http; the setting says otherwise."""
    return settings.behind_tls or request.url.scheme == "https"
