"""Agents, planning periods and demand through HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api import payloads


def test_agent_with_a_skill_no_queue_uses_is_refused(manager: TestClient, period_id: int) -> None:
    response = manager.post("/api/v1/agents", json=payloads.agent("a9", skills=["fr", "klingon"]))
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["field"] == "skills[1]"
    assert "klingon" in issue["msg"]
    assert manager.get("/api/v1/agents/a9").status_code == 404


def test_cap_below_contract_minimum_is_refused(manager: TestClient, period_id: int) -> None:
    body = payloads.agent(
        "a9",
        contract={"min_hours_per_week": 10, "max_hours_per_week": 20},
        aid_cap={"max_hours_per_week": 5},
    )
    response = manager.post("/api/v1/agents", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "aid_cap.max_hours_per_week"


def test_manager_changes_a_contract(manager: TestClient, period_id: int) -> None:
    response = manager.patch(
        "/api/v1/agents/a1", json={"contract": {"min_hours_per_week": 4, "max_hours_per_week": 30}}
    )
    assert response.status_code == 200, response.text
    assert manager.get("/api/v1/agents/a1").json()["contract"]["max_hours_per_week"] == 30


def test_agent_sees_itself_but_not_others(
    client_for: object, manager: TestClient, period_id: int
) -> None:
    agent = client_for("agent", "a1")  # type: ignore[operator]
    assert agent.get("/api/v1/agents/a1").status_code == 200
    assert agent.get("/api/v1/agents/a2").status_code == 403
    me = agent.get("/api/v1/me").json()
    assert (me["role"], me["agent_id"]) == ("agent", "a1")


def test_period_defaults_its_cut_off_before_the_start(manager: TestClient, period_id: int) -> None:
    period = manager.get(f"/api/v1/periods/{period_id}").json()
    # 2030-01-07 00:00 Paris is 2030-01-06 23:00 UTC; minus 72 h.
    assert period["availability_closes_at"].startswith("2030-01-03T23:00:00")
    assert period["availability_open"] is True
    assert period["published_version"] is None


def test_demand_is_replaced_whole(manager: TestClient, period_id: int) -> None:
    series = {"queue": "fr-support", "start": "2030-01-07T08:00", "required": [1, 2, 2, 1]}
    response = manager.put(f"/api/v1/periods/{period_id}/demand", json={"series": [series]})
    assert response.status_code == 200, response.text
    assert manager.get(f"/api/v1/periods/{period_id}/demand").json()["series"] == [
        {**series, "start": "2030-01-07T08:00:00"}
    ]


def test_bad_demand_names_each_series_and_keeps_the_old_one(
    manager: TestClient, period_id: int
) -> None:
    good = {"queue": "fr-support", "start": "2030-01-07T08:00", "required": [1]}
    manager.put(f"/api/v1/periods/{period_id}/demand", json={"series": [good]})
    bad = [
        {"queue": "fr-support", "start": "2030-01-07T08:10", "required": [1]},
        {"queue": "es-sales", "start": "2030-01-07T08:00", "required": [1]},
        {"queue": "fr-support", "start": "2030-01-13T23:30", "required": [1, 1]},
    ]
    response = manager.put(f"/api/v1/periods/{period_id}/demand", json={"series": bad})
    assert response.status_code == 422
    fields = [d["field"] for d in response.json()["detail"]]
    assert fields == ["series[0].start", "series[1].queue", "series[2].required"]
    kept = manager.get(f"/api/v1/periods/{period_id}/demand").json()["series"]
    assert [s["required"] for s in kept] == [[1]]


def test_a_deactivated_agent_is_left_out_of_the_problem(
    manager: TestClient, period_id: int
) -> None:
    assert manager.delete("/api/v1/agents/a2").status_code == 204
    assert manager.get("/api/v1/agents/a2").json()["active"] is False
    problem = manager.get(f"/api/v1/periods/{period_id}/problem.json").json()
    assert [a["id"] for a in problem["agents"]] == ["a1"]


def test_period_rules_change_without_touching_the_site(manager: TestClient, period_id: int) -> None:
    response = manager.put(f"/api/v1/periods/{period_id}/rules", json={"min_shift_minutes": 60})
    assert response.status_code == 200, response.text
    problem = manager.get(f"/api/v1/periods/{period_id}/problem.json").json()
    assert problem["rules"]["min_shift_minutes"] == 60
    assert manager.get("/api/v1/sites/paris/rules").json()["min_shift_minutes"] == 120


def _spring_period(manager: TestClient) -> int:
    """A week of the Paris site whose Sunday (2027-03-28) skips 02:00-03:00."""
    response = manager.post("/api/v1/sites/paris/periods", json={"first_day": "2027-03-22"})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_demand_at_a_time_the_clocks_skip_is_refused(manager: TestClient, period_id: int) -> None:
    spring = _spring_period(manager)
    series = {"queue": "fr-support", "start": "2027-03-28T02:30", "required": [1, 1]}
    response = manager.put(f"/api/v1/periods/{spring}/demand", json={"series": [series]})
    assert response.status_code == 422, response.text
    [issue] = response.json()["detail"]
    assert issue["field"] == "series[0].start"
    assert issue["msg"].startswith("2027-03-28 02:30 does not exist in Europe/Paris")
    assert manager.get(f"/api/v1/periods/{spring}/demand").json()["series"] == []


def test_demand_csv_refuses_the_skipped_row_instead_of_moving_it(
    manager: TestClient, period_id: int
) -> None:
    spring = _spring_period(manager)
    # Grouped by the wall clock, 02:00 and 02:30 would follow 01:30 and land at 03:00-04:00.
    rows = ["queue,start,required"] + [
        f"fr-support,2027-03-28T{clock},1" for clock in ("01:30", "02:00", "02:30", "03:00")
    ]
    response = manager.put(
        f"/api/v1/periods/{spring}/demand.csv",
        files={"file": ("demand.csv", "\n".join(rows).encode(), "text/csv")},
    )
    assert response.status_code == 422, response.text
    assert [(d["field"], d["msg"][:34]) for d in response.json()["detail"]] == [
        ("line 3.start", "2027-03-28 02:00 does not exist in"),
        ("line 4.start", "2027-03-28 02:30 does not exist in"),
    ]
    assert manager.get(f"/api/v1/periods/{spring}/demand").json()["series"] == []
