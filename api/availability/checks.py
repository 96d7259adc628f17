"""Whether a set of windows may be accepted for an agent and period, and what is kept.

Local times and overlaps use the solver's own validation (``solver.validation``), on a
problem holding just this agent, so a window the API accepts is one a solve accepts. A
window partly outside the period keeps its inside part, clipped with a note to the agent
(``solver.horizon_windows``, the rule a solve applies); one wholly outside is refused, being
surely a mistake once the agent is asked. Offering more hours than a disability-aid cap is
accepted: the cap bounds the hours *worked*, which the solver and the verifier guarantee,
and more windows give the planner room; ``cap_notes`` tells the agent their cap and that
they will be scheduled at most that many hours. Hours are real elapsed hours, so a window
across a daylight-saving night counts what the clocks really run.

A window during which the site is closed all along is refused: no shift can use it, and the
agent believes they offered hours. The availability grid offers only the cells
:func:`open_during` accepts, so the page and the check hold one rule. Fewer hours offered
in a week than the contract's minimum are accepted with a note (``contract_notes``): the
agent may then be scheduled below their contract, and should know it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from api.errors import FieldIssue
from solver.horizon_windows import (
    clipping_note,
    describe,
    horizon_local,
    kept_local,
    place_window,
)
from solver.local_time import day_start_utc, to_utc
from solver.problem import Agent, Horizon, Problem, Queue, TimeWindow
from solver.timegrid import SlotGrid
from solver.validation import ProblemIssue, check_problem


def window_issues(
    horizon: Horizon,
    queues: list[Queue],
    agent: Agent,
    labels: dict[str, list[str]],
) -> list[FieldIssue]:
    """Issues of ``agent.availability`` / ``agent.preferred``, named by ``labels``.

    ``labels[kind][i]`` is the field name the caller knows window ``i`` by (for example
    ``windows[2]``, or ``existing window 17`` for one already stored).
    """
    problem = Problem(horizon=horizon, queues=queues, agents=[agent])
    issues = []
    for issue in _issues_of_agent(problem):
        kind, _, rest = issue.field.removeprefix("agents[0].").partition("[")
        index_text, _, suffix = rest.partition("]")
        index = int(index_text) if index_text else -1
        names = labels.get(kind)
        if names is None or index < 0:
            continue
        reason = issue.reason
        for other_kind, other_names in labels.items():
            for j, other in enumerate(other_names):
                reason = reason.replace(f"agents[0].{other_kind}[{j}]", other)
        issues.append(FieldIssue(names[index] + suffix, reason))
    return issues


@dataclass(frozen=True)
class Clipped:
    """Windows as they will be kept, the notes that say what was dropped, and refusals."""

    windows: list[TimeWindow]
    notes: list[str]
    issues: list[FieldIssue]


def clip_to_period(
    windows: list[TimeWindow], names: list[str], zone: ZoneInfo, horizon: Horizon
) -> Clipped:
    """Each window's part inside the period; ``names[i]`` is how the caller knows window i.

    The windows must have passed :func:`window_issues` (no skipped local times).
    """
    grid = SlotGrid(horizon)
    kept: list[TimeWindow] = []
    notes: list[str] = []
    issues: list[FieldIssue] = []
    for name, window in zip(names, windows, strict=True):
        placement = place_window(window, zone, grid)
        inside = kept_local(placement, zone) if placement.clipped else None
        if placement.outside or (placement.clipped and inside is None):
            period = horizon_local(grid, zone)
            issues.append(
                FieldIssue(
                    name,
                    f"window {describe(window)} lies wholly outside the horizon of the "
                    f"period, {describe(period)} in {zone.key}",
                )
            )
        elif inside is not None:
            kept.append(inside)
            notes.append(f"{name}: {clipping_note(window, placement, zone, 'period')}")
        else:
            kept.append(window)
    return Clipped(kept, notes, issues)


OpenSpans = list[tuple[datetime, datetime]]


def open_spans(horizon: Horizon) -> OpenSpans:
    """The site's open time over the horizon, as merged UTC spans of open slots."""
    grid = SlotGrid(horizon)
    spans: OpenSpans = []
    for index, is_open in enumerate(grid.is_open):
        if not is_open:
            continue
        start = grid.slot_start(index)
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], start + grid.slot)
        else:
            spans.append((start, start + grid.slot))
    return spans


def open_during(spans: OpenSpans, start_utc: datetime, end_utc: datetime) -> bool:
    """Whether the site is open at some moment between ``start_utc`` and ``end_utc``."""
    index = bisect_right(spans, (start_utc, start_utc)) - 1
    for span_start, span_end in spans[max(index, 0) :]:
        if span_start >= end_utc:
            return False
        if span_end > start_utc:
            return True
    return False


def closed_issues(
    windows: list[TimeWindow], names: list[str], zone: ZoneInfo, horizon: Horizon
) -> list[FieldIssue]:
    """A refusal for each window during which the site is closed all along."""
    spans = open_spans(horizon)
    return [
        FieldIssue(
            name,
            f"window {describe(window)} falls wholly when the site is closed "
            f"(opening hours {_opening_text(horizon)} in {horizon.time_zone}): "
            "no shift can use it",
        )
        for name, window in zip(names, windows, strict=True)
        if not open_during(spans, to_utc(window.start, zone), to_utc(window.end, zone))
    ]


def _opening_text(horizon: Horizon) -> str:
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return "; ".join(
        f"{','.join(names[d] for d in sorted(span.weekdays))} {span.open:%H:%M}-{span.close:%H:%M}"
        for span in horizon.opening_hours
    )


def contract_notes(
    windows: list[TimeWindow], zone: ZoneInfo, horizon: Horizon, min_hours_per_week: float
) -> list[str]:
    """A note for each whole 7-day block offering fewer real hours than the contract's minimum.

    The offer stands (an agent may have fewer hours free one week), but a roster cannot give
    them their contracted hours from it, and the agent is told so before they save.
    """
    if min_hours_per_week <= 0:
        return []
    by_week: dict[int, float] = defaultdict(float)
    for window in windows:
        week = (window.start.date() - horizon.first_day).days // 7
        by_week[week] += offered_hours([window], zone)
    return [
        f"{by_week[week]:g} h offered in week {week + 1}, fewer than your contract's minimum "
        f"of {min_hours_per_week:g} h per week: you may be scheduled below your contract"
        for week in range(horizon.days // 7)
        if by_week[week] < min_hours_per_week - 1e-9
    ]


def offered_hours(windows: list[TimeWindow], zone: ZoneInfo) -> float:
    """Real hours the windows cover (a spring night's window is an hour shorter than it reads)."""
    seconds = sum((to_utc(w.end, zone) - to_utc(w.start, zone)).total_seconds() for w in windows)
    return seconds / 3600


def _issues_of_agent(problem: Problem) -> list[ProblemIssue]:
    return [
        i
        for i in check_problem(problem)
        if i.field.startswith(("agents[0].availability", "agents[0].preferred"))
    ]


def cap_notes(
    windows: list[TimeWindow],
    zone: ZoneInfo,
    first_day: date,
    cap_week: float | None,
    cap_day: float | None,
) -> list[str]:
    """A note for each 7-day block (from the first day) and day offering more real hours than
    the aid cap: the offer stands, and the agent is told the most they will be scheduled.

    Days are the agent's own local days; each piece of a window is measured in elapsed time,
    so 00:00-04:00 on the spring night is 3 h and 01:00-04:00 on the autumn night is 4 h.
    """
    if cap_week is None:
        return []
    by_week: dict[int, float] = defaultdict(float)
    by_day: dict[date, float] = defaultdict(float)
    for window in windows:
        day = window.start.date()
        cursor, end = to_utc(window.start, zone), to_utc(window.end, zone)
        while cursor < end:
            piece_end = min(end, day_start_utc(day + timedelta(days=1), zone))
            hours = (piece_end - cursor).total_seconds() / 3600
            by_week[(day - first_day).days // 7] += hours
            by_day[day] += hours
            cursor, day = piece_end, day + timedelta(days=1)
    notes = [
        f"{hours:g} h offered in week {week + 1}, more than your disability-aid cap of "
        f"{cap_week:g} h per week: you will be scheduled at most {cap_week:g} h that week"
        for week, hours in sorted(by_week.items())
        if hours > cap_week + 1e-9
    ]
    if cap_day is not None:
        notes += [
            f"{hours:g} h offered on {day:%Y-%m-%d}, more than your disability-aid cap of "
            f"{cap_day:g} h per day: you will be scheduled at most {cap_day:g} h that day"
            for day, hours in sorted(by_day.items())
            if hours > cap_day + 1e-9
        ]
    return notes
