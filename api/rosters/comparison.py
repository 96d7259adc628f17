"""The one roster comparison: which shifts each agent gains, loses or sees moved.

Shifts are compared with their breaks (a shift whose break moved has changed), and a shift
that keeps its day but changes its hours is "moved", not "removed and added". It is the
solver's own comparison (``solver.replan.roster_changes`` through
``api.rosters.solver_shifts.changes``), the one re-plans count and the outbox announces, so
the API's compare, the web pages and the notifications never tell different stories.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from api.db.models import RosterShift
from api.rosters.solver_shifts import changes
from solver.replan import ShiftChange


def paid_hours(shift: RosterShift) -> float:
    """Hours of the shift less its breaks."""
    seconds = (shift.end - shift.start).total_seconds()
    for pause in shift.breaks:
        seconds -= (
            datetime.fromisoformat(pause["end"]) - datetime.fromisoformat(pause["start"])
        ).total_seconds()
    return seconds / 3600


@dataclass
class AgentDelta:
    """One agent's changes between two rosters, and their hours before and after."""

    agent_id: str
    hours_before: float = 0.0
    hours_after: float = 0.0
    changes: list[ShiftChange] = field(default_factory=list)

    @property
    def hours_delta(self) -> float:
        return round(self.hours_after - self.hours_before, 2)


def total_paid_hours(shifts: list[RosterShift]) -> float:
    return sum(map(paid_hours, shifts))


def by_agent(before: list[RosterShift], after: list[RosterShift]) -> list[AgentDelta]:
    """Agents whose shifts change, with their hours before and after, most hours moved first."""
    deltas: dict[str, AgentDelta] = {}
    hours: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for side, shifts in enumerate((before, after)):
        for shift in shifts:
            hours[shift.agent_id][side] += paid_hours(shift)
    for change in changes(before, after):
        before_hours, after_hours = hours[change.agent_id]
        delta = deltas.setdefault(
            change.agent_id,
            AgentDelta(change.agent_id, round(before_hours, 2), round(after_hours, 2)),
        )
        delta.changes.append(change)
    return sorted(deltas.values(), key=lambda d: (-abs(d.hours_delta), d.agent_id))
