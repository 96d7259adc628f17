"""Stored shifts in the solver's types: one conversion for snapshots, diffs and the outbox.

Breaks travel with their shift everywhere: a published roster handed back to the solver
without them once came back with long shifts that broke the continuous-work rule.
"""

from __future__ import annotations

from api.db.models import RosterShift
from solver.problem import ShiftRef
from solver.replan import ShiftChange, roster_changes
from solver.roster import Roster as SolverRoster
from solver.roster import Shift


def _fields(shift: RosterShift) -> dict[str, object]:
    return {
        "agent_id": shift.agent_id,
        "start": shift.start,
        "end": shift.end,
        "breaks": shift.breaks,
    }


def shift_refs(shifts: list[RosterShift]) -> list[ShiftRef]:
    """Stored shifts as a previous roster (or locks) the solver reads."""
    return [ShiftRef.model_validate(_fields(s)) for s in shifts]


def solver_roster(shifts: list[RosterShift]) -> SolverRoster:
    return SolverRoster(shifts=[Shift.model_validate(_fields(s)) for s in shifts])


def solver_shift(shift: RosterShift) -> Shift:
    """One stored shift with its activities too: what the verifier checks skills and
    coverage on."""
    return Shift.model_validate({**_fields(shift), "activities": shift.activities})


def stored_fields(shift: Shift) -> dict[str, object]:
    """A solver shift as the columns of a ``RosterShift`` (the way solves store them)."""
    return {
        "agent_id": shift.agent_id,
        "start": shift.start,
        "end": shift.end,
        "breaks": [b.model_dump(mode="json") for b in shift.breaks],
        "activities": [a.model_dump(mode="json") for a in shift.activities],
    }


def changes(before: list[RosterShift], after: list[RosterShift]) -> list[ShiftChange]:
    """Added, removed and moved shifts, as re-plans count them (``solver.replan``)."""
    return roster_changes(shift_refs(before), solver_roster(after))
