"""What-if scenarios: copied with changes, solved through the one start, compared, never
published, and the baseline left as it was."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api.story import QUICK, set_up_small_site, solved_forecast_week, wait_for_run

MOROCCAN = {
    "id": "m1",
    "time_zone": "Africa/Casablanca",
    "country": "MA",
    "skills": ["fr"],
    "hourly_cost": 9.0,
    "contract": {"max_hours_per_week": 56},
    "availability": [{"start": "2030-01-07T07:00", "end": "2030-01-07T13:00"}],
}


def test_a_scenario_is_solved_compared_and_never_published(
    live_server: tuple[str, Database],
) -> None:
    manager, period_id, baseline_run = solved_forecast_week(*live_server)
    demand_before = manager.get(f"/api/v1/periods/{period_id}/demand").json()

    changes = {
        "queue_countries": {"fr-support": ["FR"]},
        "hourly_cost_by_country": {"FR": 28.0},
        "remove_agents": ["a2"],
        "add_agents": [MOROCCAN],
        "service_level": 0.95,
    }
    created = manager.post(
        f"/api/v1/periods/{period_id}/scenarios", json={"name": "onshore", "changes": changes}
    )
    assert created.status_code == 201, created.text
    scenario = created.json()
    assert scenario["baseline_id"] == period_id and scenario["id"] != period_id
    stricter = manager.get(f"/api/v1/periods/{scenario['id']}/demand").json()
    total = lambda d: sum(sum(s["required"]) for s in d["series"])  # noqa: E731
    assert total(stricter) > total(demand_before), "95 % needs more agents than 80 %"

    run = wait_for_run(
        manager, manager.post(f"/api/v1/periods/{scenario['id']}/solves", json=QUICK).json()["id"]
    )
    assert run["status"] == "finished", run
    snapshot = manager.get(f"/api/v1/solves/{run['id']}/problem.json").json()
    assert sorted(a["id"] for a in snapshot["agents"]) == ["a1", "m1"]
    assert snapshot["queues"][0]["countries"] == ["FR"]
    assert {a["id"]: a["hourly_cost"] for a in snapshot["agents"]}["a1"] == 28.0

    comparison = manager.get(f"/api/v1/periods/{period_id}/scenarios/compare").json()
    base, what_if = comparison["columns"]
    assert base["is_baseline"] and base["roster_id"] == baseline_run["roster_id"]
    assert what_if["roster_id"] == run["roster_id"] and what_if["name"] == "onshore"
    assert set(what_if["hours_by_country"]) <= {"FR"}, "m1 may not answer an onshore queue"
    assert what_if["cost_difference"] == round(what_if["labour_cost"] - base["labour_cost"], 2)
    assert base["expected_service_level"] is not None
    assert what_if["service_level_difference"] is not None
    [notice] = base["caller_notice"]
    assert notice["queue"] == "fr-support" and set(notice["hours_by_country"]) == {"FR"}

    refused = manager.post(f"/api/v1/rosters/{run['roster_id']}/publish")
    assert refused.status_code == 409 and "scenario" in refused.text
    assert manager.get(f"/api/v1/periods/{period_id}/demand").json() == demand_before
    listed = manager.get(f"/api/v1/periods/{period_id}/scenarios").json()
    assert [s["id"] for s in listed] == [scenario["id"]]
    flagged = manager.get(f"/api/v1/periods/{scenario['id']}").json()
    assert flagged["scenario_of"] == period_id
    baseline_agents = wait_for_run(
        manager, manager.post(f"/api/v1/periods/{period_id}/solves", json=QUICK).json()["id"]
    )
    again = manager.get(f"/api/v1/solves/{baseline_agents['id']}/problem.json").json()
    assert sorted(a["id"] for a in again["agents"]) == ["a1", "a2"], "the baseline is untouched"


def test_bad_changes_are_named_and_nothing_is_written(
    manager: TestClient, database: Database
) -> None:
    period_id = set_up_small_site(manager)
    url = f"/api/v1/periods/{period_id}/scenarios"
    unknown = manager.post(
        url, json={"name": "x", "changes": {"queue_countries": {"nowhere": ["FR"]}}}
    )
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["field"] == "changes.queue_countries.nowhere"
    no_forecast = manager.post(url, json={"name": "x", "changes": {"service_level": 0.9}})
    assert no_forecast.status_code == 422 and "required agents" in no_forecast.text
    taken = manager.post(
        url, json={"name": "x", "changes": {"add_agents": [{**MOROCCAN, "id": "a1"}]}}
    )
    assert taken.status_code == 422 and "taken" in taken.text
    assert manager.get(url).json() == []
    scenario = manager.post(url, json={"name": "same"}).json()
    nested = manager.post(f"/api/v1/periods/{scenario['id']}/scenarios", json={"name": "y"})
    assert nested.status_code == 422 and "itself a scenario" in nested.text
