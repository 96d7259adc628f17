"""The site both API benchmarks set up: one queue, agents in Paris, open around the clock."""

from __future__ import annotations

from typing import Any, Protocol


class Poster(Protocol):
    def post(self, url: str, *, json: Any = ..., headers: Any = ...) -> Any: ...


SITE = {
    "id": "bench",
    "time_zone": "Europe/Paris",
    "opening_hours": [{"weekdays": [0, 1, 2, 3, 4, 5, 6], "open": "00:00", "close": "00:00"}],
}


def set_up_site(http: Poster, headers: dict[str, str], agents: int) -> list[str]:
    """Create the site, its queue and ``agents`` agents over the API; their ids."""
    http.post("/api/v1/sites", json=SITE, headers=headers).raise_for_status()
    queue = {"id": "q", "skill": "s"}
    http.post("/api/v1/sites/bench/queues", json=queue, headers=headers).raise_for_status()
    ids = [f"agent-{i:04d}" for i in range(agents)]
    for agent_id in ids:
        agent = {
            "id": agent_id,
            "site_id": "bench",
            "time_zone": "Europe/Paris",
            "country": "FR",
            "skills": ["s"],
            "hourly_cost": 15,
            "contract": {"max_hours_per_week": 35},
        }
        http.post("/api/v1/agents", json=agent, headers=headers).raise_for_status()
    return ids
