"""HTTP routes for rosters, publication, comparison, agents' own shifts and exports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.db.base import utc_now
from api.deps import CurrentUser, Manager, SessionDep, Staff
from api.exports.calendars import agent_calendar
from api.exports.formats import roster_csv
from api.exports.ical import shifts_ical
from api.rosters import editing, locks, publication, service
from api.rosters.schemas import (
    CoverageRow,
    EditResult,
    LockBody,
    PublishedShifts,
    RosterComparison,
    RosterRead,
    RosterSummary,
    ShiftEdit,
)
from api.schemas import (
    MAX_ROW_ID,
    PathIdentifier,
    PathRowId,
    PlanDate,
    QueryIdentifier,
)

router = APIRouter(tags=["rosters"])
OptionalId = QueryIdentifier
OptionalVersion = Annotated[
    int | None, Query(ge=1, le=MAX_ROW_ID, description="A published version number.")
]
RosterId = Annotated[int | None, Query(ge=1, le=MAX_ROW_ID, description="A roster id.")]


@router.get("/periods/{period_id}/rosters", response_model=list[RosterSummary])
def list_rosters(period_id: PathRowId, session: SessionDep, _user: Staff) -> list[RosterSummary]:
    return service.of_period(session, period_id)


@router.get("/rosters/{roster_id}", response_model=RosterRead)
def get_roster(
    roster_id: PathRowId,
    session: SessionDep,
    _user: Staff,
    day: Annotated[PlanDate | None, Query(description="Site-local day.")] = None,
    agent_id: OptionalId = None,
    queue: OptionalId = None,
) -> RosterRead:
    """The roster's shifts, narrowed to one site-local day, one agent or one queue if asked."""
    return service.read(session, roster_id, day, agent_id, queue)


@router.get("/rosters/{roster_id}/coverage", response_model=list[CoverageRow])
def get_coverage(
    roster_id: PathRowId, session: SessionDep, _user: Staff, queue: OptionalId = None
) -> list[CoverageRow]:
    """Required against scheduled agents per queue and slot, as the verifier counted them."""
    return service.coverage(session, roster_id, queue)


@router.post("/rosters/{roster_id}/publish", response_model=RosterSummary)
def publish_roster(roster_id: PathRowId, session: SessionDep, user: Manager) -> RosterSummary:
    return service.summary_of(session, publication.publish(session, user, roster_id))


@router.get("/periods/{period_id}/rosters/compare", response_model=RosterComparison)
def compare_rosters(
    period_id: PathRowId,
    session: SessionDep,
    _user: Staff,
    base_roster: RosterId = None,
    other_roster: RosterId = None,
    base: OptionalVersion = None,
    other: OptionalVersion = None,
) -> RosterComparison:
    """Two rosters of the period by id (``base_roster``, ``other_roster``; drafts too) or
    by published version (``base``, ``other``), each side named one way or the other."""
    base_side = service.side_of_comparison(session, period_id, "base", base_roster, base)
    other_side = service.side_of_comparison(session, period_id, "other", other_roster, other)
    return service.compare(session, period_id, base_side, other_side)


@router.put("/rosters/{roster_id}/shifts/{shift_id}/lock", response_model=LockBody)
def lock_shift(
    roster_id: PathRowId, shift_id: PathRowId, body: LockBody, session: SessionDep, user: Manager
) -> LockBody:
    """Lock a shift (or unlock it) for a solve started with ``locks_from_roster_id``."""
    shift = locks.set_lock(session, user, roster_id, shift_id, body.locked)
    return LockBody(locked=shift.locked)


@router.post("/rosters/{roster_id}/edits", response_model=EditResult)
def edit_roster(
    roster_id: PathRowId, body: ShiftEdit, session: SessionDep, user: Manager
) -> EditResult:
    """Move, shorten, delete or add a shift, checked by the verifier at once (422 with each
    violation, nothing written). A published roster is copied into a new draft first."""
    return editing.edit_roster(session, user, roster_id, body)


@router.get("/agents/{agent_id}/shifts", response_model=PublishedShifts)
def published_shifts(
    agent_id: PathIdentifier, session: SessionDep, user: CurrentUser
) -> PublishedShifts:
    """Published shifts only: drafts are never shown to agents."""
    return service.published_shifts(session, user, agent_id)


@router.get(
    "/agents/{agent_id}/shifts.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def published_shifts_ical(
    agent_id: PathIdentifier, session: SessionDep, user: CurrentUser
) -> Response:
    """Published shifts as iCalendar, in the agent's own time zone."""
    return Response(
        agent_calendar(session, user, agent_id),
        media_type="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{agent_id}-shifts.ics"'},
    )


@router.get(
    "/rosters/{roster_id}/roster.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def roster_as_csv(roster_id: PathRowId, session: SessionDep, _user: Staff) -> Response:
    roster = service.read(session, roster_id)
    return Response(
        roster_csv(roster.shifts),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="roster-{roster_id}.csv"'},
    )


@router.get(
    "/rosters/{roster_id}/roster.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def roster_as_ical(roster_id: PathRowId, session: SessionDep, _user: Staff) -> Response:
    roster = service.read(session, roster_id)
    body = shifts_ical(roster.shifts, f"Homeshore roster {roster_id}", utc_now())
    return Response(body, media_type="text/calendar")
