"""Whether a set of windows may be accepted for an agent and period.

Placement and overlap use the solver's own validation (``solver.validation``), on a problem
holding just this agent, so a window the API accepts is one a solve accepts. The disability
aid cap is checked here: an agent with a cap may not offer more hours in a week (or a day)
than the cap lets them work, which catches mistyped windows before a manager plans on them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from api.errors import FieldIssue
from solver.problem import Agent, Horizon, Problem, Queue, TimeWindow
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
        index = int(rest.split("]")[0]) if rest else -1
        names = labels.get(kind)
        if names is None or index < 0:
            continue
        reason = issue.reason
        for other_kind, other_names in labels.items():
            for j, other in enumerate(other_names):
                reason = reason.replace(f"agents[0].{other_kind}[{j}]", other)
        issues.append(FieldIssue(names[index], reason))
    return issues


def _issues_of_agent(problem: Problem) -> list[ProblemIssue]:
    return [
        i
        for i in check_problem(problem)
        if i.field.startswith(("agents[0].availability", "agents[0].preferred"))
    ]


def cap_issues(
    windows: list[TimeWindow],
    first_day: datetime,
    cap_week: float | None,
    cap_day: float | None,
) -> list[FieldIssue]:
    """Offered hours above the aid cap, per 7-day block from the first day and per day."""
    if cap_week is None:
        return []
    by_week: dict[int, float] = defaultdict(float)
    by_day: dict[datetime, float] = defaultdict(float)
    for window in windows:
        cursor = window.start
        while cursor < window.end:
            next_midnight = datetime.combine(cursor.date() + timedelta(days=1), datetime.min.time())
            piece_end = min(window.end, next_midnight)
            hours = (piece_end - cursor).total_seconds() / 3600
            by_week[(cursor - first_day).days // 7] += hours
            by_day[datetime.combine(cursor.date(), datetime.min.time())] += hours
            cursor = piece_end
    issues = [
        FieldIssue(
            "windows",
            f"{hours:g} h offered in week {week + 1} exceed the disability-aid cap "
            f"of {cap_week:g} h per week",
        )
        for week, hours in sorted(by_week.items())
        if hours > cap_week + 1e-9
    ]
    if cap_day is not None:
        issues += [
            FieldIssue(
                "windows",
                f"{hours:g} h offered on {day:%Y-%m-%d} exceed the disability-aid cap "
                f"of {cap_day:g} h per day",
            )
            for day, hours in sorted(by_day.items())
            if hours > cap_day + 1e-9
        ]
    return issues
