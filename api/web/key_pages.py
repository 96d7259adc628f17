"""API keys and agent logins: mint one (its secret shown once), list them, revoke one.

The same use cases as ``/api/v1/keys`` and ``homeshore users`` (``api.auth.service``): a
revoked key stops working at once, its browser sessions included, so an agent whose login
is revoked is logged out on their next page.
"""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from api.agents import repository as agents
from api.auth import service as auth_service
from api.auth.schemas import KeyCreate
from api.db.models import ApiKey
from api.deps import SessionDep
from api.errors import FieldIssue
from api.schemas import PathRowId
from api.web.form_writes import write_or_refuse
from api.web.page_auth import CheckedForm, ManagerCaller
from api.web.rendering import render

router = APIRouter(include_in_schema=False)


def _keys_page(
    request: Request,
    session: Session,
    status_code: int = 200,
    errors: list[FieldIssue] | None = None,
    values: dict[str, str] | None = None,
    minted: tuple[int, str] | None = None,
) -> HTMLResponse:
    return render(
        request,
        "keys.html",
        status_code=status_code,
        keys=auth_service.list_keys(session)[::-1],
        agents=agents.list_agents(session),
        errors=errors or [],
        values=values or {},
        minted=minted,
        revoked=request.query_params.get("revoked", ""),
    )


@router.get("/manage/keys", response_class=HTMLResponse)
def keys_page(request: Request, session: SessionDep, _caller: ManagerCaller) -> HTMLResponse:
    return _keys_page(request, session)


@router.post("/manage/keys")
def mint_key(
    request: Request, form: CheckedForm, session: SessionDep, caller: ManagerCaller
) -> Response:
    """The secret is in this answer only (never stored, never in a redirect's URL)."""
    values = {k: str(form.get(k, "")).strip() for k in ("role", "agent_id", "label")}

    def write() -> tuple[ApiKey, str]:
        body = KeyCreate.model_validate(
            {
                "role": values["role"],
                "agent_id": values["agent_id"] or None,
                "label": values["label"],
            }
        )
        return auth_service.mint_key(
            session, caller.principal, body.role, body.agent_id, body.label
        )

    def shown(minted: tuple[ApiKey, str]) -> Response:
        key, secret = minted
        return _keys_page(request, session, 201, minted=(key.id, secret))

    return write_or_refuse(
        session,
        write,
        lambda status, issues: _keys_page(request, session, status, issues, values),
        shown,
    )


@router.post("/manage/keys/{key_id}/revoke")
def revoke_key(
    request: Request,
    key_id: PathRowId,
    _form: CheckedForm,
    session: SessionDep,
    caller: ManagerCaller,
) -> Response:
    return write_or_refuse(
        session,
        lambda: auth_service.revoke_key(session, caller.principal, key_id),
        partial(_keys_page, request, session),
        lambda _: RedirectResponse(f"/manage/keys?revoked={key_id}", status_code=303),
    )
