"""Typed dependencies routes name instead of wiring: the session, the caller, settings.

``SessionDep`` is the request's one transaction: it commits after the route returns and
before the response is sent, and rolls back if anything raised, so a failed request leaves
the database as it was. Requests that change data open it for writing (see api.db.engine).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.auth import service as auth_service
from api.auth import sessions
from api.auth.keys import PEOPLE, Principal, Role
from api.db.base import utc_now
from api.db.database import Database
from api.errors import Forbidden
from api.settings import Settings
from api.solves.execution import SolveExecution

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_bearer = HTTPBearer(auto_error=False, description="An API key minted by `homeshore users`.")


# Dependencies that only read the app's state are ``async def``: FastAPI runs a plain ``def``
# dependency in the thread pool, a hand-off that costs more than the lookup itself.


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


async def settings_of_app(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    with get_database(request).session(write=request.method not in _READ_METHODS) as session:
        yield session


async def execution_of_app(request: Request) -> SolveExecution:
    execution: SolveExecution = request.app.state.solve_execution
    return execution


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(settings_of_app)]
ExecutionDep = Annotated[SolveExecution, Depends(execution_of_app)]


def get_caller(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The bearer key's principal; without a bearer header, the web session cookie's.

    A change made under a cookie must carry the page's CSRF token in ``X-CSRF-Token``:
    browsers send cookies with any site's requests, but only our pages know the token.
    """
    if credentials is not None:
        return auth_service.authenticate(session, credentials.credentials)
    cookie = request.cookies.get(sessions.COOKIE_NAME)
    if not cookie:
        return auth_service.authenticate(session, None)
    secret = session_secret(settings)
    principal, _web = auth_service.authenticate_cookie(session, secret, cookie, utc_now())
    if request.method not in _READ_METHODS and not sessions.csrf_matches(
        secret, cookie, request.headers.get(sessions.CSRF_HEADER)
    ):
        raise Forbidden(
            f"a change made with a session cookie needs the {sessions.CSRF_HEADER} header"
        )
    return principal


def session_secret(settings: Settings) -> str:
    """The key signing session cookies (the settings always hold one; see api.settings)."""
    assert settings.session_secret is not None
    return settings.session_secret.get_secret_value()


Caller = Annotated[Principal, Depends(get_caller)]


async def get_current_user(caller: Caller) -> Principal:
    """The caller, if a person: a machine's key (``telephony``) is refused everywhere except
    where a route names its role, so no route opens to it by omission."""
    if caller.role not in PEOPLE:
        raise Forbidden(f"a {caller.role} key may only read caller notices")
    return caller


CurrentUser = Annotated[Principal, Depends(get_current_user)]


def require_role(*roles: Role) -> Callable[[Principal], Coroutine[Any, Any, Principal]]:
    """A dependency admitting only the given roles (403 names the roles allowed)."""

    async def check(user: Caller) -> Principal:
        if user.role not in roles:
            raise Forbidden(f"role {user.role!r} may not do this; needs {' or '.join(roles)}")
        return user

    return check


Manager = Annotated[Principal, Depends(require_role("manager"))]
Staff = Annotated[Principal, Depends(require_role("manager", "planner"))]
NoticeReader = Annotated[Principal, Depends(require_role("manager", "planner", "telephony"))]
