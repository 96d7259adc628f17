"""Moving a problem to other dates, whole weeks at a time, with every wall-clock time kept.

The bundled demo week was written for fixed dates; a new user loading it months later would
find its availability closed and its week in the past. ``move_to`` gives the same problem
starting on another day of the same weekday: every local time (demand, availability,
preferences) keeps its wall-clock time and weekday, and every instant with an offset (shifts
of a previous roster, locks, absences) keeps its wall-clock time in its owner's zone, so a
daylight-saving change between the two dates moves no shift by an hour.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from solver.problem import Absence, Problem, ShiftRef, TimeWindow


def next_monday(today: date) -> date:
    """The Monday after ``today`` (a week later when today is a Monday)."""
    return today + timedelta(days=7 - today.weekday())


def weeks_between(first_day: date, target: date) -> int:
    """Whole weeks from ``first_day`` to ``target``; refuses days of different weekdays."""
    days = (target - first_day).days
    if days % 7:
        raise ValueError(
            f"{target} is not the weekday of {first_day}: a problem moves by whole weeks"
        )
    return days // 7


def _local(moment: datetime, shift: timedelta) -> datetime:
    return moment + shift


def _aware(moment: datetime, zone: ZoneInfo, shift: timedelta) -> datetime:
    """``moment`` moved by ``shift`` on the wall clock of ``zone``, with its new offset."""
    local = moment.astimezone(zone).replace(tzinfo=None) + shift
    return local.replace(tzinfo=zone).astimezone(moment.tzinfo)


def _window(window: TimeWindow, shift: timedelta, zone: ZoneInfo | None) -> TimeWindow:
    if window.start.tzinfo is None or zone is None:
        return window.model_copy(
            update={"start": _local(window.start, shift), "end": _local(window.end, shift)}
        )
    start, end = _aware(window.start, zone, shift), _aware(window.end, zone, shift)
    return window.model_copy(update={"start": start, "end": end})


def _shift_ref(ref: ShiftRef, zone: ZoneInfo, shift: timedelta) -> ShiftRef:
    return ref.model_copy(
        update={
            "start": _aware(ref.start, zone, shift),
            "end": _aware(ref.end, zone, shift),
            "breaks": [_window(b, shift, zone) for b in ref.breaks],
        }
    )


def _absence(absence: Absence, zone: ZoneInfo, shift: timedelta) -> Absence:
    start, end = _aware(absence.start, zone, shift), _aware(absence.end, zone, shift)
    return absence.model_copy(update={"start": start, "end": end})


def move_to(problem: Problem, first_day: date) -> Problem:
    """``problem`` with its horizon starting on ``first_day`` (same weekday), all else kept."""
    shift = timedelta(weeks=weeks_between(problem.horizon.first_day, first_day))
    if not shift:
        return problem
    site_zone = ZoneInfo(problem.horizon.time_zone)
    zones = {agent.id: ZoneInfo(agent.time_zone) for agent in problem.agents}

    def zone_of(agent_id: str) -> ZoneInfo:
        return zones.get(agent_id, site_zone)

    return problem.model_copy(
        update={
            "horizon": problem.horizon.model_copy(update={"first_day": first_day}),
            "demand": [
                d.model_copy(update={"start": _local(d.start, shift)}) for d in problem.demand
            ],
            "agents": [
                agent.model_copy(
                    update={
                        "availability": [
                            _window(w, shift, zones[agent.id]) for w in agent.availability
                        ],
                        "preferred": [_window(w, shift, zones[agent.id]) for w in agent.preferred],
                    }
                )
                for agent in problem.agents
            ],
            "previous_roster": [
                _shift_ref(s, zone_of(s.agent_id), shift) for s in problem.previous_roster
            ],
            "locked_shifts": [
                _shift_ref(s, zone_of(s.agent_id), shift) for s in problem.locked_shifts
            ],
            "absences": [_absence(a, zone_of(a.agent_id), shift) for a in problem.absences],
            "replan_from": None
            if problem.replan_from is None
            else _aware(problem.replan_from, site_zone, shift),
        }
    )
