"""Checks that relate fields of a problem to each other, run before any solve.

Pydantic has already checked each field's shape; these checks need the whole problem (the
zone to place a local time, the queues to know a skill). A local time the clocks skip is
an issue; a window reaching past the horizon is not (its outside part is dropped with a
warning, see ``solver.horizon_windows``). They collect every issue instead
of stopping at the first, so a manager fixes a file in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

from solver.horizon_windows import place_window
from solver.local_time import NonexistentLocalTime
from solver.local_time import exists as exists_locally
from solver.problem import Agent, Problem, TimeWindow
from solver.timegrid import SlotGrid, local_to_utc


@dataclass(frozen=True)
class ProblemIssue:
    """One reason a problem cannot be solved as written."""

    field: str
    reason: str
    agent_id: str | None = None

    def __str__(self) -> str:
        who = f"agent {self.agent_id}: " if self.agent_id else ""
        return f"{who}{self.field}: {self.reason}"


class InvalidProblem(ValueError):
    """Raised with every issue found; ``issues`` is for programs, ``str()`` for people."""

    def __init__(self, issues: list[ProblemIssue]) -> None:
        self.issues = issues
        super().__init__("invalid problem:\n" + "\n".join(f"  - {i}" for i in issues))


def check_problem(problem: Problem) -> list[ProblemIssue]:
    """Every cross-field issue of the problem; an empty list means it can be solved."""
    grid = SlotGrid(problem.horizon)
    issues = _check_ids(problem)
    slot = problem.horizon.slot_minutes
    for name in ("min_shift_minutes", "max_shift_minutes", "shift_length_step_minutes"):
        if getattr(problem.rules, name) % slot:
            issues.append(ProblemIssue(f"rules.{name}", f"must be a multiple of {slot} minutes"))
    issues += _check_demand(problem, grid)
    skills = {q.skill for q in problem.queues}
    for index, agent in enumerate(problem.agents):
        issues += _check_agent(problem, grid, agent, f"agents[{index}]", skills)
    agent_ids = {a.id for a in problem.agents}
    for name in ("previous_roster", "locked_shifts", "absences", "previous_shifts"):
        for index, shift in enumerate(getattr(problem, name)):
            if shift.agent_id not in agent_ids:
                issues.append(
                    ProblemIssue(f"{name}[{index}].agent_id", f"unknown agent {shift.agent_id!r}")
                )
            elif name == "previous_shifts" and shift.end > grid.start:
                issues.append(
                    ProblemIssue(
                        f"{name}[{index}].end", "must end by the horizon's start", shift.agent_id
                    )
                )
            elif name in ("previous_roster", "locked_shifts") and not (
                grid.start <= shift.start and shift.end <= grid.end
            ):
                issues.append(
                    ProblemIssue(
                        f"{name}[{index}]", "shift lies outside the horizon", shift.agent_id
                    )
                )
    return issues


def ensure_valid(problem: Problem) -> None:
    """Raise :class:`InvalidProblem` unless the problem passes every check."""
    issues = check_problem(problem)
    if issues:
        raise InvalidProblem(issues)


def _duplicates(values: list[str]) -> set[str]:
    seen: set[str] = set()
    return {v for v in values if v in seen or seen.add(v)}  # type: ignore[func-returns-value]


def _check_ids(problem: Problem) -> list[ProblemIssue]:
    issues = [
        ProblemIssue("queues", f"queue id {q!r} is used twice")
        for q in sorted(_duplicates([q.id for q in problem.queues]))
    ]
    issues += [
        ProblemIssue("agents", f"agent id {a!r} is used twice")
        for a in sorted(_duplicates([a.id for a in problem.agents]))
    ]
    return issues


def _check_demand(problem: Problem, grid: SlotGrid) -> list[ProblemIssue]:
    issues: list[ProblemIssue] = []
    queue_ids = {q.id for q in problem.queues}
    covered: dict[str, set[int]] = {}
    for index, series in enumerate(problem.demand):
        where = f"demand[{index}]"
        if series.queue not in queue_ids:
            issues.append(ProblemIssue(f"{where}.queue", f"unknown queue {series.queue!r}"))
            continue
        if series.start.tzinfo is not None:
            issues.append(ProblemIssue(f"{where}.start", "must be a naive site-local time"))
            continue
        try:
            first = grid.slot_at(local_to_utc(series.start, grid.site_zone))
        except NonexistentLocalTime as exc:
            issues.append(ProblemIssue(f"{where}.start", str(exc)))
            continue
        if first is None:
            issues.append(
                ProblemIssue(
                    f"{where}.start",
                    f"{series.start} is not the start of a slot inside the horizon",
                )
            )
            continue
        if first + len(series.required) > grid.count:
            issues.append(
                ProblemIssue(
                    f"{where}.required",
                    f"{len(series.required)} slots from {series.start} run past the horizon end",
                )
            )
            continue
        slots = set(range(first, first + len(series.required)))
        seen = covered.setdefault(series.queue, set())
        if seen & slots:
            issues.append(
                ProblemIssue(where, f"overlaps another demand series of queue {series.queue!r}")
            )
        seen |= slots
    return issues


def _check_windows(
    windows: list[TimeWindow], zone: ZoneInfo, grid: SlotGrid, where: str, agent_id: str
) -> list[ProblemIssue]:
    """Skipped local times and overlaps; a window past the horizon's edge is no issue.

    The part of a window inside the horizon is kept and the rest dropped, with a warning
    (``solver.horizon_windows``), so one agent's evening never blocks everyone's roster.
    """
    issues = []
    spans: list[tuple[datetime, datetime, int]] = []
    for index, window in enumerate(windows):
        try:
            placement = place_window(window, zone, grid)
        except NonexistentLocalTime as exc:
            end = "start" if not exists_locally(window.start, zone) else "end"
            issues.append(ProblemIssue(f"{where}[{index}].{end}", str(exc), agent_id))
            continue
        spans.append((placement.start, placement.end, index))
    spans.sort()
    for (_, end_a, i), (start_b, _, j) in pairwise(spans):
        if start_b < end_a:
            issues.append(ProblemIssue(f"{where}[{j}]", f"overlaps {where}[{i}]", agent_id))
    return issues


def _check_agent(
    problem: Problem, grid: SlotGrid, agent: Agent, where: str, skills: set[str]
) -> list[ProblemIssue]:
    zone = ZoneInfo(agent.time_zone)
    issues = _check_windows(agent.availability, zone, grid, f"{where}.availability", agent.id)
    issues += _check_windows(agent.preferred, zone, grid, f"{where}.preferred", agent.id)
    for skill in agent.skills:
        if skill not in skills:
            issues.append(
                ProblemIssue(
                    f"{where}.skills", f"skill {skill!r} is not used by any queue", agent.id
                )
            )
    cap = agent.aid_cap
    if cap is not None and cap.max_hours_per_week < agent.contract.min_hours_per_week:
        issues.append(
            ProblemIssue(
                f"{where}.aid_cap.max_hours_per_week",
                f"cap {cap.max_hours_per_week} h is below the contract minimum "
                f"{agent.contract.min_hours_per_week} h",
                agent.id,
            )
        )
    return issues
