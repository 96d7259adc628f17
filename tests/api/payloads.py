"""Request bodies the tests build on: one small site, its queues and agents."""

from __future__ import annotations

from typing import Any

FIRST_DAY = "2030-01-07"  # a Monday, far enough ahead that the cut-off is open


def site(site_id: str = "paris") -> dict[str, Any]:
    return {
        "id": site_id,
        "name": "Paris",
        "time_zone": "Europe/Paris",
        "slot_minutes": 30,
        "opening_hours": [{"weekdays": [0, 1, 2, 3, 4, 5], "open": "08:00", "close": "20:00"}],
    }


def queue(queue_id: str = "fr-support", skill: str = "fr") -> dict[str, Any]:
    return {"id": queue_id, "skill": skill, "priority": 1.0, "countries": []}


def agent(agent_id: str = "a1", site_id: str = "paris", **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": agent_id,
        "site_id": site_id,
        "name": f"Agent {agent_id}",
        "time_zone": "Europe/Paris",
        "country": "FR",
        "skills": ["fr"],
        "hourly_cost": 14.0,
        "contract": {"min_hours_per_week": 0, "max_hours_per_week": 20},
    }
    data.update(overrides)
    return data
