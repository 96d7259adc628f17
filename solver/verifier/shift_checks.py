"""Hard rules that one shift breaks on its own: where, when, how long, breaks, activities.

Each rule is a small function returning its violations, so a shift is checked against all
of them and every broken rule is reported, not only the first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

from solver.problem import Agent, Problem, Queue
from solver.verifier.clock import SiteClock, epoch, hm, local_spans
from solver.verifier.intervals import Interval, covers, gaps, merged, overlap_seconds
from solver.verifier.placed import PlacedShift
from solver.verifier.report import Violation


@dataclass
class ShiftContext:
    """What the per-shift rules need, computed once per verification."""

    problem: Problem
    clock: SiteClock
    queues: dict[str, Queue] = field(init=False)
    open_spans: list[Interval] = field(init=False)
    opening_known: Interval = field(init=False)
    _availability: dict[str, list[Interval]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.queues = {q.id: q for q in self.problem.queues}
        self.open_spans = self.clock.open_spans()
        self.opening_known = (
            self.clock.day_start(-1),
            self.clock.day_start(self.problem.horizon.days + 1),
        )

    def availability(self, agent: Agent) -> list[Interval]:
        """The union of the agent's windows (read in the agent's own time zone)."""
        if agent.id not in self._availability:
            zone = ZoneInfo(agent.time_zone)
            self._availability[agent.id] = local_spans(agent.availability, zone)
        return self._availability[agent.id]

    def clock_time(self, moment: int) -> str:
        return self.clock.local(moment).strftime("%H:%M")

    def span_text(self, start: int, end: int) -> str:
        return f"{self.clock_time(start)}-{self.clock_time(end)}"

    def violation(self, rule: str, agent_id: str, moment: int, message: str) -> Violation:
        return Violation(rule=rule, agent_id=agent_id, at=self.clock.local(moment), message=message)


ShiftRule = Callable[[ShiftContext, PlacedShift, Agent], list[Violation]]


def inside_horizon(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    if ctx.clock.start <= shift.start and shift.end <= ctx.clock.end:
        return []
    return [
        ctx.violation("outside_horizon", agent.id, shift.start, "shift lies outside the horizon")
    ]


def available(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    if covers(ctx.availability(agent), shift.start, shift.end):
        return []
    zone = ZoneInfo(agent.time_zone)
    start, end = datetime.fromtimestamp(shift.start, zone), datetime.fromtimestamp(shift.end, zone)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    local = f"{start:%Y-%m-%d %H:%M}-{end_text} {agent.time_zone} time"
    return [
        ctx.violation(
            "availability",
            agent.id,
            shift.start,
            f"shift ({local}) is not inside the agent's availability",
        )
    ]


def not_absent(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    """Nobody works during a reported absence, except in a shift already under way when
    re-planning started (``problem.replan_from``): that one is history."""
    replan_from = ctx.problem.replan_from
    if replan_from is not None and shift.start < epoch(replan_from):
        return []
    return [
        ctx.violation(
            "absence",
            agent.id,
            shift.start,
            f"shift overlaps an absence reported from {absence.start.isoformat()} "
            f"to {absence.end.isoformat()}",
        )
        for absence in ctx.problem.absences
        if absence.agent_id == agent.id
        and epoch(absence.start) < shift.end
        and shift.start < epoch(absence.end)
    ]


def site_open(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    if covers(ctx.open_spans, shift.start, shift.end):
        return []
    low, high = ctx.opening_known
    if shift.start < low or shift.end > high:
        return []  # opening hours are only worked out around the horizon; outside_horizon says it
    closed = gaps((shift.start, shift.end), ctx.open_spans)
    if not closed:
        return []
    first = closed[0]
    return [
        ctx.violation(
            "site_closed",
            agent.id,
            first[0],
            f"shift {ctx.span_text(shift.start, shift.end)} runs while the site is closed "
            f"({ctx.span_text(*first)})",
        )
    ]


def shift_length(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    rules = ctx.problem.rules
    if shift.span < rules.min_shift_minutes * 60:
        return [
            ctx.violation(
                "min_shift_minutes",
                agent.id,
                shift.start,
                f"shift spans {hm(shift.span)}, shorter than {hm(rules.min_shift_minutes * 60)}",
            )
        ]
    if shift.span > rules.max_shift_minutes * 60:
        return [
            ctx.violation(
                "max_shift_minutes",
                agent.id,
                shift.start,
                f"shift spans {hm(shift.span)}, longer than {hm(rules.max_shift_minutes * 60)}",
            )
        ]
    return []


def breaks(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    shortest = ctx.problem.rules.min_break_minutes * 60
    found = []
    for start, end in shift.breaks:
        if end - start < shortest:
            found.append(
                ctx.violation(
                    "break_too_short",
                    agent.id,
                    start,
                    f"break {ctx.span_text(start, end)} lasts {hm(end - start)}, "
                    f"shorter than {hm(shortest)}",
                )
            )
        if start < shift.start or end > shift.end:
            found.append(
                ctx.violation(
                    "break_outside_shift",
                    agent.id,
                    start,
                    f"break {ctx.span_text(start, end)} is not inside the shift "
                    f"{ctx.span_text(shift.start, shift.end)}",
                )
            )
    for (s1, e1), (s2, e2) in pairwise(shift.breaks):
        if s2 < e1:
            found.append(
                ctx.violation(
                    "overlapping_breaks",
                    agent.id,
                    s2,
                    f"break {ctx.span_text(s2, e2)} overlaps break {ctx.span_text(s1, e1)}",
                )
            )
    return found


def continuous_work(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    longest = ctx.problem.rules.max_continuous_work_minutes * 60
    return [
        ctx.violation(
            "continuous_work",
            agent.id,
            start,
            f"works {hm(end - start)} without a break ({ctx.span_text(start, end)}), "
            f"longer than {hm(longest)}",
        )
        for start, end in shift.work_spans
        if end - start > longest
    ]


def activities(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    found = []
    for act in shift.activities:
        faults = []
        if act.start < shift.start or act.end > shift.end:
            faults.append("is not inside the shift")
        if overlap_seconds(shift.rest_spans, act.start, act.end):
            faults.append("overlaps a break")
        for fault in faults:
            text = f"activity on {act.queue} {ctx.span_text(act.start, act.end)} {fault}"
            found.append(ctx.violation("activities", agent.id, act.start, text))
    for first, second in pairwise(shift.activities):
        if second.start < first.end:
            found.append(
                ctx.violation(
                    "activities",
                    agent.id,
                    second.start,
                    f"activity on {second.queue} overlaps the activity on {first.queue} "
                    f"{ctx.span_text(first.start, first.end)}",
                )
            )
    served = merged((a.start, a.end) for a in shift.activities)
    for start, end in shift.work_spans:
        for hole in gaps((start, end), served):
            found.append(
                ctx.violation(
                    "activities",
                    agent.id,
                    hole[0],
                    f"worked time {ctx.span_text(*hole)} has no activity",
                )
            )
    return found


def skills_and_onshore(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    found = []
    for queue_id in dict.fromkeys(a.queue for a in shift.activities):
        at = next(a.start for a in shift.activities if a.queue == queue_id)
        queue = ctx.queues.get(queue_id)
        if queue is None:
            found.append(ctx.violation("skill", agent.id, at, f"queue {queue_id!r} does not exist"))
            continue
        if queue.skill not in agent.skills:
            found.append(
                ctx.violation(
                    "skill", agent.id, at, f"serves {queue_id} without skill {queue.skill!r}"
                )
            )
        if queue.countries and agent.country not in queue.countries:
            found.append(
                ctx.violation(
                    "onshore",
                    agent.id,
                    at,
                    f"serves {queue_id} from {agent.country}; the queue requires "
                    f"{', '.join(queue.countries)}",
                )
            )
    return found


def history_kept(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    """A re-plan cannot add or move a shift that starts before ``problem.replan_from``."""
    replan_from = ctx.problem.replan_from
    if replan_from is None or shift.start >= epoch(replan_from):
        return []
    previous = {(p.agent_id, epoch(p.start), epoch(p.end)) for p in ctx.problem.previous_roster}
    if (agent.id, shift.start, shift.end) in previous:
        return []
    return [
        ctx.violation(
            "history",
            agent.id,
            shift.start,
            "shift starts before the re-plan moment but is not in the previous roster",
        )
    ]


SHIFT_RULES: tuple[ShiftRule, ...] = (
    inside_horizon,
    not_absent,
    history_kept,
    available,
    site_open,
    shift_length,
    breaks,
    continuous_work,
    activities,
    skills_and_onshore,
)


def check_shift(ctx: ShiftContext, shift: PlacedShift, agent: Agent) -> list[Violation]:
    """Every per-shift rule the shift breaks."""
    return [v for rule in SHIFT_RULES for v in rule(ctx, shift, agent)]
