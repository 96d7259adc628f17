"""The roster page's edit forms: move, shorten, delete, add or lock a shift.

The forms post here and this calls the API's use cases (``api.rosters.editing``,
``api.rosters.locks``): the verifier's verdict comes from the server, at once; a refused
edit shows each violation (422) and writes nothing; a kept one opens the edited draft.
Times are typed in the site's zone, as the page shows them.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import SessionDep
from api.errors import FieldIssue, ServiceError
from api.periods.service import require_period
from api.rosters import editing, locks
from api.rosters import service as roster_service
from api.rosters.schemas import ShiftEdit
from api.schemas import PathRowId
from api.sites.service import require_site
from api.web.form_writes import local_moment, write_or_refuse
from api.web.page_auth import CheckedForm, ManagerCaller
from api.web.rendering import render

router = APIRouter(include_in_schema=False)


def _moment(text: str, zone: ZoneInfo, field: str) -> datetime | None:
    return local_moment(text, zone, field) if text.strip() else None


@router.post("/manage/rosters/{roster_id}/edit")
def edit_page(
    request: Request,
    roster_id: PathRowId,
    form: CheckedForm,
    session: SessionDep,
    caller: ManagerCaller,
) -> Response:
    roster = roster_service.require_roster(session, roster_id)
    period = require_period(session, roster.period_id)
    zone = ZoneInfo(require_site(session, period.site_id).time_zone)
    action = str(form.get("action", ""))
    shift_text = str(form.get("shift_id", ""))
    shift_id = int(shift_text) if shift_text.isdigit() else None

    def write() -> int:
        """The roster to show: the one locked, or the draft the edit made or changed."""
        if action in ("lock", "unlock"):
            if shift_id is None:
                raise ServiceError([FieldIssue("shift_id", "choose a shift")])
            locks.set_lock(session, caller.principal, roster_id, shift_id, action == "lock")
            return roster_id
        edit = ShiftEdit.model_validate(
            {
                "action": action,
                "shift_id": shift_id if action != "add" else None,
                "agent_id": str(form.get("agent_id", "")) or None,
                "queue": str(form.get("queue", "")) or None,
                "start": _moment(str(form.get("start", "")), zone, "start"),
                "end": _moment(str(form.get("end", "")), zone, "end"),
            }
        )
        return editing.edit_roster(session, caller.principal, roster_id, edit).roster_id

    return write_or_refuse(
        session,
        write,
        lambda status, issues: render(request, "problem.html", status_code=status, issues=issues),
        lambda shown: RedirectResponse(
            f"/manage/periods/{period.id}/roster?roster_id={shown}#edit", status_code=303
        ),
    )
