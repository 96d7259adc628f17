"""Locked shifts: which shifts of a roster the next solve must keep, and the solver's form.

A lock marks a planner's intent and changes no shift, so it may be set on a draft or on a
published roster alike (a published roster's shifts still never change). A solve started
with ``locks_from_roster_id`` gives the solver that roster's locked shifts as
``Problem.locked_shifts``: they appear unchanged in its result, or the solve names the rule
a locked shift breaks (``solver/model/locks.py``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth.keys import Principal
from api.db.models import RosterShift
from api.errors import NotFound, invalid
from api.rosters import repository
from solver.problem import ShiftRef, TimeWindow


def set_lock(
    session: Session, actor: Principal, roster_id: int, shift_id: int, locked: bool
) -> RosterShift:
    """Lock (or unlock) one shift of a roster; 404 when the shift is not that roster's."""
    roster = repository.get(session, roster_id, for_update=True)
    if roster is None:
        raise NotFound("roster", roster_id)
    shift = session.get(RosterShift, shift_id)
    if shift is None or shift.roster_id != roster_id:
        raise NotFound("shift", f"{shift_id} in roster {roster_id}")
    shift.locked = locked
    record(session, actor, "lock" if locked else "unlock", "shift", shift.id, {"roster": roster_id})
    return shift


def locked_refs(session: Session, period_id: int, roster_id: int) -> list[ShiftRef]:
    """The roster's locked shifts as the solver takes them; the roster must be the period's."""
    roster = repository.get(session, roster_id)
    if roster is None or roster.period_id != period_id:
        raise invalid("locks_from_roster_id", f"roster {roster_id} is not a roster of this period")
    return [
        ShiftRef(
            agent_id=s.agent_id,
            start=s.start,
            end=s.end,
            breaks=[TimeWindow.model_validate(b) for b in s.breaks],
        )
        for s in repository.shifts(session, roster_id)
        if s.locked
    ]
