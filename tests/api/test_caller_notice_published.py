"""A real solve, published, read by a telephony key over real HTTP: the caller notice names,
slot by slot, the countries the verifier's coverage report of that roster names."""

from __future__ import annotations

from api.db.database import Database
from tests.api import payloads
from tests.api.story import http_client, offer, wait_for_run


def test_the_notice_of_a_published_solve_matches_its_coverage_report(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    manager = http_client(base_url, database, "manager")
    assert manager.post("/api/v1/sites", json=payloads.site()).status_code == 201
    assert manager.post("/api/v1/sites/paris/queues", json=payloads.queue()).status_code == 201
    for agent_id, country in (("a1", "FR"), ("a2", "MA")):
        body = payloads.agent(agent_id, country=country, contract={"max_hours_per_week": 56})
        assert manager.post("/api/v1/agents", json=body).status_code == 201
    period = manager.post(
        "/api/v1/sites/paris/periods", json={"first_day": payloads.FIRST_DAY, "days": 1}
    )
    period_id = int(period.json()["id"])
    demand = {"queue": "fr-support", "start": "2030-01-07T08:00", "required": [1] * 8 + [2] * 4}
    response = manager.put(f"/api/v1/periods/{period_id}/demand", json={"series": [demand]})
    assert response.status_code == 200, response.text
    offer(http_client(base_url, database, "agent", "a1"), period_id, "a1", "08:00", "14:00")
    offer(http_client(base_url, database, "agent", "a2"), period_id, "a2", "10:00", "14:00")
    started = manager.post(
        f"/api/v1/periods/{period_id}/solves", json={"time_limit_seconds": 10, "num_workers": 1}
    )
    run = wait_for_run(manager, started.json()["id"])
    assert run["status"] == "finished" and run["kpis"]["ok"], run
    roster_id = run["roster_id"]
    assert manager.post(f"/api/v1/rosters/{roster_id}/publish").status_code == 200

    coverage = manager.get(f"/api/v1/rosters/{roster_id}/coverage").json()
    reported = {row["start"]: row["countries"] for row in coverage}
    assert {tuple(c) for c in reported.values()} >= {("FR", "MA")}, "both countries serve"
    telephony = http_client(base_url, database, "telephony")
    day = telephony.get(
        "/api/v1/queues/fr-support/caller-notice/day", params={"date": payloads.FIRST_DAY}
    )
    assert day.status_code == 200, day.text
    told = {
        slot["local_start"]: sorted(c["code"] for c in slot["countries"])
        for slot in day.json()["slots"]
    }
    assert len(told) == len(reported) == 48
    assert told == {start: sorted(countries) for start, countries in reported.items()}
    both = next(start for start, countries in told.items() if countries == ["FR", "MA"])
    notice = telephony.get("/api/v1/queues/fr-support/caller-notice", params={"at": both})
    assert notice.json()["slot"]["sentence"] in (
        "Votre appel est traité depuis la France et le Maroc",
        "Votre appel est traité depuis le Maroc et la France",
    )
    assert telephony.get(f"/api/v1/rosters/{roster_id}/coverage").status_code == 403
