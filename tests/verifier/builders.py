"""Small hand-made problems and rosters for the verifier tests.

The default problem: a Paris site open Monday to Saturday 08:00-20:00 for the week of
2026-11-30 (UTC+01:00 all week), one queue ``fr`` open to any country, one ``fr-onshore``
restricted to France, and agents available 08:00-20:00 every day in their own zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from solver.problem import Problem
from solver.roster import Roster, Shift

FIRST_DAY = date(2026, 11, 30)


def agent(agent_id: str = "a1", **overrides: Any) -> dict[str, Any]:
    """An agent available 08:00-20:00 local every day of the default week."""
    data: dict[str, Any] = {
        "id": agent_id,
        "time_zone": "Europe/Paris",
        "country": "FR",
        "skills": ["fr"],
        "hourly_cost": 10.0,
        "contract": {"min_hours_per_week": 0, "max_hours_per_week": 40},
        "availability": daily_windows(FIRST_DAY, 7, "08:00", "20:00"),
    }
    data.update(overrides)
    return data


def daily_windows(first: date, days: int, start: str, end: str) -> list[dict[str, str]]:
    return [
        {
            "start": f"{first + timedelta(days=d)}T{start}",
            "end": f"{first + timedelta(days=d)}T{end}",
        }
        for d in range(days)
    ]


def problem(agents: list[dict[str, Any]] | None = None, **overrides: Any) -> Problem:
    data: dict[str, Any] = {
        "horizon": {
            "first_day": str(FIRST_DAY),
            "days": 7,
            "slot_minutes": 30,
            "time_zone": "Europe/Paris",
            "opening_hours": [{"weekdays": [0, 1, 2, 3, 4, 5], "open": "08:00", "close": "20:00"}],
        },
        "queues": [
            {"id": "fr", "skill": "fr"},
            {"id": "fr-onshore", "skill": "fr", "countries": ["FR"], "priority": 2},
        ],
        "agents": agents if agents is not None else [agent()],
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return Problem.model_validate(data)


def at(day: str, clock: str, offset: str = "+01:00") -> datetime:
    """``at("2026-12-01", "08:00")`` -> an aware datetime with the given offset."""
    return datetime.fromisoformat(f"{day}T{clock}{offset}")


def shift(
    agent_id: str,
    day: str,
    start: str,
    end: str,
    *,
    queue: str = "fr",
    breaks: tuple[tuple[str, str], ...] = (),
    offset: str = "+01:00",
    end_day: str | None = None,
    activities: list[tuple[str, str, str]] | None = None,
) -> Shift:
    """A shift whose worked time is one activity on ``queue`` per stretch, unless given."""
    begin, finish = at(day, start, offset), at(end_day or day, end, offset)
    rests = [(at(day, s, offset), at(day, e, offset)) for s, e in breaks]
    if activities is None:
        pieces, cursor = [], begin
        for rest_start, rest_end in sorted(rests):
            pieces.append((cursor, rest_start, queue))
            cursor = rest_end
        pieces.append((cursor, finish, queue))
    else:
        pieces = [(at(day, s, offset), at(day, e, offset), q) for s, e, q in activities]
    return Shift.model_validate(
        {
            "agent_id": agent_id,
            "start": begin,
            "end": finish,
            "breaks": [{"start": s, "end": e} for s, e in rests],
            "activities": [{"start": s, "end": e, "queue": q} for s, e, q in pieces if e > s],
        }
    )


def roster(*shifts: Shift) -> Roster:
    return Roster(shifts=list(shifts))
