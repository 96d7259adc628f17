"""A change to the published roster: built, checked by the verifier, published as a version.

A request changes few agents' weeks: the time off or dropped shift of one agent, the open
shift another takes. The verifier's hard rules are all rules on one agent's shifts (skills,
country, availability, absences, caps, contract maximum, rest, days, breaks, locks), so the
changed roster breaks none exactly when the changed agents' weeks break none: ``check``
verifies those weeks alone (the problem narrowed to those agents, ``build_problem``) against
the independent verifier, which keeps a decision fast on a 1,000-agent week. The rest of the
roster is the published version's, shift for shift.

Coverage after the change is the published version's coverage plus the difference the
verifier counts between the changed agents' weeks before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from api.auth.keys import Actor
from api.db.models import OpenShift, Roster, RosterShift
from api.requests.policies import CoverageDrop, Policy
from api.rosters import repository as rosters
from api.rosters.publication import publish
from api.rosters.solver_shifts import solver_shift, stored_fields
from api.solves.snapshot import build_problem
from solver.problem import Problem
from solver.roster import Activity, Shift, Span
from solver.roster import Roster as SolverRoster
from solver.verifier import verify


@dataclass(frozen=True)
class RosterChange:
    """Shifts of the published version ``base`` taken out, shifts put in, and hours freed."""

    base: Roster
    removed: list[RosterShift] = field(default_factory=list)
    added: list[Shift] = field(default_factory=list)
    freed: list[Shift] = field(default_factory=list)

    @property
    def agent_ids(self) -> list[str]:
        return sorted({s.agent_id for s in self.removed} | {s.agent_id for s in self.added})


@dataclass(frozen=True)
class Checked:
    """The verifier's verdict on a change, and what it does to coverage, hours and cost."""

    violations: list[str]
    scheduled_delta: dict[str, list[int]]
    hours_delta: float
    cost_delta: float
    min_shift_minutes: int


class Weeks:
    """Some agents' weeks in the published version, and their problem, loaded once."""

    def __init__(self, session: Session, base: Roster, agent_ids: Iterable[str]) -> None:
        self.base = base
        ids = sorted(set(agent_ids))
        self.problem: Problem = build_problem(session, base.period_id, ids)
        self.shifts = rosters.shifts_of_agents(session, base.id, ids)

    def check(self, change: RosterChange) -> Checked:
        """The change verified on the weeks of the agents it touches (among those loaded)."""
        ids = set(change.agent_ids)
        problem = self.problem.model_copy(
            update={
                "agents": [a for a in self.problem.agents if a.id in ids],
                "previous_roster": [r for r in self.problem.previous_roster if r.agent_id in ids],
                "absences": [a for a in self.problem.absences if a.agent_id in ids],
            }
        )
        removed = {s.id for s in change.removed}
        kept = [s for s in self.shifts if s.agent_id in ids]
        before = [solver_shift(s) for s in kept]
        after = [solver_shift(s) for s in kept if s.id not in removed] + change.added
        old, new = (
            verify(problem, SolverRoster(shifts=before)),
            verify(problem, SolverRoster(shifts=after)),
        )
        delta = {
            queue: [
                a - b
                for a, b in zip(figures.scheduled, old.kpis.queues[queue].scheduled, strict=True)
            ]
            for queue, figures in new.kpis.queues.items()
        }
        return Checked(
            violations=[f"{v.message} ({v.rule})" for v in new.violations],
            scheduled_delta=delta,
            hours_delta=round(new.kpis.worked_hours - old.kpis.worked_hours, 2),
            cost_delta=round(new.kpis.cost - old.kpis.cost, 2),
            min_shift_minutes=self.problem.rules.min_shift_minutes,
        )


def check(session: Session, change: RosterChange) -> Checked:
    """The change checked on the weeks of the agents it touches; see the module docstring."""
    return Weeks(session, change.base, change.agent_ids).check(change)


def clip(shift: Shift, start: datetime, end: datetime) -> Shift | None:
    """The part of ``shift`` worked within ``[start, end)``, with the breaks inside it."""
    pieces = shift.activities or [Activity(queue="-", start=shift.start, end=shift.end)]
    kept = [
        Activity(queue=a.queue, start=max(a.start, start), end=min(a.end, end))
        for a in pieces
        if max(a.start, start) < min(a.end, end)
    ]
    if not kept:
        return None
    first, last = min(a.start for a in kept), max(a.end for a in kept)
    return Shift(
        agent_id=shift.agent_id,
        start=first,
        end=last,
        breaks=[b for b in shift.breaks if first <= b.start and b.end <= last],
        activities=kept if shift.activities else [],
    )


def time_off(
    base: Roster, hit: list[RosterShift], span: Span, whole_shifts: bool = False
) -> RosterChange:
    """The agent off during ``span``: the hit shifts trimmed around it (or, with
    ``whole_shifts``, taken out whole), the hours given up freed."""
    added: list[Shift] = []
    freed: list[Shift] = []
    for stored in hit:
        shift = solver_shift(stored)
        if whole_shifts:
            freed.append(shift)
            continue
        for piece in (clip(shift, shift.start, span.start), clip(shift, span.end, shift.end)):
            if piece is not None:
                added.append(piece)
        inside = clip(shift, span.start, span.end)
        if inside is not None:
            freed.append(inside)
    return RosterChange(base=base, removed=hit, added=added, freed=freed)


def moved_to(shift: RosterShift, agent_id: str) -> Shift:
    """A stored shift as the same hours worked by ``agent_id`` (a swap, a hand-over)."""
    return solver_shift(shift).model_copy(update={"agent_id": agent_id})


def open_shift_for(open_shift: OpenShift, agent_id: str) -> Shift:
    return Shift.model_validate(
        {
            "agent_id": agent_id,
            "start": open_shift.start,
            "end": open_shift.end,
            "breaks": open_shift.breaks,
            "activities": open_shift.activities,
        }
    )


def coverage_drops(
    base: Roster, checked: Checked, policy: Policy, slot_minutes: int
) -> list[CoverageDrop]:
    """Runs of slots where a queue loses agents and ends below its policy ratio."""
    figures = base.kpis.get("queues", {})
    starts = [datetime.fromisoformat(s) for s in base.kpis.get("slot_starts", [])]
    drops = []
    for queue, delta in sorted(checked.scheduled_delta.items()):
        if queue not in figures or len(starts) != len(delta):
            continue
        required, scheduled = figures[queue]["required"], figures[queue]["scheduled"]
        low = [
            i
            for i, d in enumerate(delta)
            if d < 0
            and required[i] > 0
            and scheduled[i] + d < policy.coverage_ratio(queue) * required[i]
        ]
        for run in runs(low):
            worst = min(run, key=lambda i: (scheduled[i] + delta[i]) / required[i])
            drops.append(
                CoverageDrop(
                    queue=queue,
                    start=starts[run[0]],
                    end=starts[run[-1]] + timedelta(minutes=slot_minutes),
                    required=required[worst],
                    before=scheduled[worst],
                    after=scheduled[worst] + delta[worst],
                )
            )
    return drops


def _minus(left: list[int], right: list[int]) -> list[int]:
    return [a - b for a, b in zip(left, right, strict=True)]


def runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def adjusted_kpis(base: Roster, checked: Checked, request_id: int) -> dict[str, Any]:
    """The base version's figures with each queue's slots moved by the change.

    Headline totals (coverage percent, cost, objective) stay those of the base version; the
    request's own hours and cost are on the request (``impact``).
    """
    kpis = dict(base.kpis)
    queues = kpis["queues"] = dict(kpis.get("queues", {}))
    for queue, delta in checked.scheduled_delta.items():
        if queue not in queues or len(queues[queue].get("scheduled", [])) != len(delta):
            continue
        figures = queues[queue] = dict(queues[queue])
        figures["scheduled"] = [s + d for s, d in zip(figures["scheduled"], delta, strict=True)]
        figures["unmet"] = [
            max(0, r - s) for r, s in zip(figures["required"], figures["scheduled"], strict=True)
        ]
        figures["over"] = [
            max(0, s - r) for r, s in zip(figures["required"], figures["scheduled"], strict=True)
        ]
    kpis.update(
        ok=not checked.violations,
        violation_count=len(checked.violations),
        violations=checked.violations[:100],
        request_id=request_id,
        base_roster_id=base.id,
    )
    return kpis


def publish_change(
    session: Session,
    actor: Actor,
    change: RosterChange,
    checked: Checked,
    request_id: int,
    now: datetime,
) -> Roster:
    """The changed roster as a new row, then published through the one ``publish``."""
    roster = Roster(
        period_id=change.base.period_id,
        kpis=adjusted_kpis(change.base, checked, request_id),
        verified_ok=not checked.violations,
        violation_count=len(checked.violations),
    )
    session.add(roster)
    session.flush()
    rosters.copy_shifts(session, change.base.id, roster.id, [s.id for s in change.removed])
    session.add_all(RosterShift(roster_id=roster.id, **stored_fields(s)) for s in change.added)
    session.flush()
    return publish(session, actor, roster.id, now)
