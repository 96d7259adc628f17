"""What a re-plan changed: shifts added, removed and moved, agent by agent.

Agents chose their hours and planners must tell them of any change, so a re-plan reports
exactly which shifts differ from the published roster. A removed and an added shift of
the same agent on the same day (or overlapping) count as one moved shift.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from solver.problem import ShiftRef
from solver.roster import Roster, Span

ChangeKind = Literal["added", "removed", "moved"]
_Key = tuple[datetime, datetime, tuple[tuple[datetime, datetime], ...]]


class ShiftChange(BaseModel):
    """One changed shift: ``before`` is None when added, ``after`` when removed."""

    model_config = ConfigDict(frozen=True)

    agent_id: str
    kind: ChangeKind
    before: Span | None = None
    after: Span | None = None


def _related(a: _Key, b: _Key) -> bool:
    return (a[0] < b[1] and b[0] < a[1]) or a[0].date() == b[0].date()


def roster_changes(previous: list[ShiftRef], roster: Roster) -> list[ShiftChange]:
    """Every shift that differs between ``previous`` and ``roster``, in agent and time order."""
    before: dict[str, set[_Key]] = defaultdict(set)
    after: dict[str, set[_Key]] = defaultdict(set)
    for ref in previous:
        before[ref.agent_id].add((ref.start, ref.end, tuple((b.start, b.end) for b in ref.breaks)))
    for shift in roster.shifts:
        after[shift.agent_id].add(
            (shift.start, shift.end, tuple((b.start, b.end) for b in shift.breaks))
        )
    changes: list[ShiftChange] = []
    for agent in sorted(set(before) | set(after)):
        removed = sorted(before[agent] - after[agent])
        added = sorted(after[agent] - before[agent])
        for old in removed:
            partner = next((new for new in added if _related(old, new)), None)
            if partner is None:
                changes.append(ShiftChange(agent_id=agent, kind="removed", before=_span(old)))
            else:
                added.remove(partner)
                changes.append(
                    ShiftChange(
                        agent_id=agent, kind="moved", before=_span(old), after=_span(partner)
                    )
                )
        changes += [ShiftChange(agent_id=agent, kind="added", after=_span(new)) for new in added]
    return changes


def _span(key: _Key) -> Span:
    return Span(start=key[0], end=key[1])
