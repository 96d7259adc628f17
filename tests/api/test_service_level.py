"""Expected service level stored with every roster: from the period's forecast, or why not."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.db.database import Database
from api.db.models import PlanningPeriod
from tests.api.story import (
    QUICK,
    http_client,
    offer,
    set_up_small_site,
    solved_forecast_week,
    upload_history,
    wait_for_run,
)


def test_a_roster_carries_its_expected_service_from_the_forecast(
    live_server: tuple[str, Database],
) -> None:
    manager, _period_id, run = solved_forecast_week(*live_server)

    read = manager.get(f"/api/v1/rosters/{run['roster_id']}/service-level").json()
    assert read["available"] is True and read["model"] == "erlang_c"
    assert read["target_service_level"] == 0.8 and read["answer_seconds"] == 20
    slots = read["slots"]
    assert {s["queue"] for s in slots} == {"fr-support"}
    assert len(slots) == 24, "every open slot with forecast contacts"
    shifts = manager.get(f"/api/v1/rosters/{run['roster_id']}").json()["shifts"]
    assert shifts, "the roster staffs someone"
    staffed = [s for s in slots if s["staffed"] > 0]
    unstaffed = [s for s in slots if s["staffed"] == 0]
    assert staffed and unstaffed, "the agents offered the morning only"
    assert all(0 < s["service_level"] <= 1 and s["asa_seconds"] is not None for s in staffed)
    assert all(s["service_level"] == 0 and s["asa_seconds"] is None for s in unstaffed)
    [week] = [w for w in read["weeks"] if w["queue"] is None]
    assert 0 < week["service_level"] < 1
    assert week["unstable_slots"] == len(unstaffed)

    simulations = f"/api/v1/rosters/{run['roster_id']}/simulations"
    first = manager.post(simulations, json={"replications": 3, "seed": 4})
    assert first.status_code == 201, first.text
    again = manager.post(simulations, json={"replications": 3, "seed": 4}).json()
    assert again["weeks"] == first.json()["weeks"], "a seed gives the same figures"
    [simulated] = [w for w in again["weeks"] if w["queue"] is None]
    assert simulated["erlang_service_level"] == week["service_level"], "shrinkage 0: same"
    assert 0 <= simulated["service_level"]["mean"] <= 1
    assert simulated["service_level"]["half_width"] is not None
    listed = manager.get(simulations).json()
    assert [s["id"] for s in listed] == [first.json()["id"], again["id"]]
    assert "slots" not in listed[0]
    detail = manager.get(f"{simulations}/{again['id']}").json()
    assert len(detail["slots"]) == 24 and detail["seed"] == 4
    assert manager.get(f"{simulations}/999999").status_code == 404
    refused = manager.post(simulations, json={"replications": 1})
    assert refused.status_code == 422 and "replications" in refused.text
    assert len(manager.get(simulations).json()) == 2, "nothing stored by a refused request"


def test_without_a_forecast_the_read_says_why(
    live_server: tuple[str, Database],
) -> None:
    base_url, database = live_server
    manager = http_client(base_url, database, "manager")
    period_id = set_up_small_site(manager)
    offer(http_client(base_url, database, "agent", "a1"), period_id, "a1", "08:00", "14:00")
    run = wait_for_run(
        manager, manager.post(f"/api/v1/periods/{period_id}/solves", json=QUICK).json()["id"]
    )
    read = manager.get(f"/api/v1/rosters/{run['roster_id']}/service-level").json()
    assert read["available"] is False and "required agents" in read["reason"]
    assert read["slots"] == []
    simulated = manager.post(f"/api/v1/rosters/{run['roster_id']}/simulations", json={})
    assert simulated.status_code == 409 and "required agents" in simulated.text


def test_demand_given_as_agents_forgets_the_forecast(
    manager: TestClient, database: Database
) -> None:
    period_id = set_up_small_site(manager)
    upload_history(manager, period_id)

    def plan() -> object:
        with database.session() as session:
            period = session.get(PlanningPeriod, period_id)
            assert period is not None
            return period.staffing_plan

    assert isinstance(plan(), dict)
    demand = {"queue": "fr-support", "start": "2030-01-07T08:00", "required": [2] * 12}
    response = manager.put(f"/api/v1/periods/{period_id}/demand", json={"series": [demand]})
    assert response.status_code == 200, response.text
    assert plan() is None


def test_an_unknown_roster_is_a_404(manager: TestClient) -> None:
    response = manager.get("/api/v1/rosters/4242/service-level")
    assert response.status_code == 404
    assert "roster" in response.text
