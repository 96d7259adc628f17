"""Agents submit, replace and withdraw availability; bad windows are refused whole."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api import payloads
from tests.api.conftest import ClientFor


def _window(day: int, start: str, end: str) -> dict[str, str]:
    return {"start": f"2030-01-{day:02d}T{start}", "end": f"2030-01-{day:02d}T{end}"}


@pytest.fixture
def agent(client_for: ClientFor, period_id: int) -> TestClient:
    return client_for("agent", "a1")


def _path(period_id: int, agent_id: str = "a1") -> str:
    return f"/api/v1/periods/{period_id}/availability/{agent_id}"


def test_agent_submits_adds_and_withdraws(agent: TestClient, period_id: int) -> None:
    first = agent.post(_path(period_id), json={"windows": [_window(7, "08:00", "12:00")]})
    assert first.status_code == 200, first.text
    second = agent.post(
        _path(period_id),
        json={
            "windows": [_window(8, "08:00", "12:00")],
            "preferred": [_window(8, "09:00", "11:00")],
        },
    )
    body = second.json()
    assert [w["start"] for w in body["windows"]] == ["2030-01-07T08:00:00", "2030-01-08T08:00:00"]
    assert len(body["preferred"]) == 1
    window_id = body["windows"][0]["id"]
    after = agent.delete(f"{_path(period_id)}/windows/{window_id}").json()
    assert [w["start"] for w in after["windows"]] == ["2030-01-08T08:00:00"]
    assert agent.delete(_path(period_id)).json()["windows"] == []


def test_replace_swaps_the_whole_set(agent: TestClient, period_id: int) -> None:
    agent.post(_path(period_id), json={"windows": [_window(7, "08:00", "12:00")]})
    response = agent.put(_path(period_id), json={"windows": [_window(9, "14:00", "18:00")]})
    assert [w["start"] for w in response.json()["windows"]] == ["2030-01-09T14:00:00"]


@pytest.mark.parametrize(
    ("windows", "field", "words"),
    [
        ([_window(7, "08:00", "12:00"), _window(7, "11:00", "13:00")], "windows[1]", "overlaps"),
        ([_window(20, "08:00", "12:00")], "windows[0]", "outside the horizon"),
        ([{"start": "2030-01-07T25:00", "end": "2030-01-07T26:00"}], "windows[0].start", ""),
        ([{"start": "2030-01-07T08:00+01:00", "end": "2030-01-07T09:00"}], "windows[0].start", ""),
        ([_window(7, "12:00", "08:00")], "windows[0]", "after start"),
    ],
)
def test_bad_windows_name_field_and_reason(
    agent: TestClient, period_id: int, windows: list[Any], field: str, words: str
) -> None:
    agent.post(_path(period_id), json={"windows": [_window(10, "08:00", "10:00")]})
    response = agent.post(_path(period_id), json={"windows": windows})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail[0]["field"] == field
    assert words in detail[0]["msg"]
    kept = agent.get(_path(period_id)).json()["windows"]
    assert [w["start"] for w in kept] == ["2030-01-10T08:00:00"]


def test_overlap_with_a_stored_window_is_refused(agent: TestClient, period_id: int) -> None:
    stored = agent.post(_path(period_id), json={"windows": [_window(7, "08:00", "12:00")]})
    stored_id = stored.json()["windows"][0]["id"]
    response = agent.post(_path(period_id), json={"windows": [_window(7, "10:00", "14:00")]})
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["field"] == "windows[0]"
    assert f"stored window {stored_id}" in issue["msg"]


def test_hours_above_the_aid_cap_are_accepted_with_the_most_that_will_be_scheduled(
    manager: TestClient, client_for: ClientFor, period_id: int
) -> None:
    manager.patch("/api/v1/agents/a2", json={"aid_cap": {"max_hours_per_week": 6}})
    agent2 = client_for("agent", "a2")
    windows = [_window(7, "08:00", "12:00"), _window(8, "08:00", "12:00")]
    response = agent2.post(_path(period_id, "a2"), json={"windows": windows})
    assert response.status_code == 200, response.text
    assert len(response.json()["windows"]) == 2
    assert response.json()["notes"] == [
        "8 h offered in week 1, more than your disability-aid cap of 6 h per week: "
        "you will be scheduled at most 6 h that week"
    ]


def test_after_the_cut_off_nothing_changes(manager: TestClient, client_for: ClientFor) -> None:
    # period_id fixture is not used: this period closed long ago.
    manager.post("/api/v1/sites", json=payloads.site())
    manager.post("/api/v1/sites/paris/queues", json={"id": "q", "skill": "fr"})
    manager.post("/api/v1/agents", json=payloads.agent("a1"))
    closed = manager.post(
        "/api/v1/sites/paris/periods",
        json={"first_day": payloads.FIRST_DAY, "availability_closes_at": "2020-01-01T00:00Z"},
    ).json()
    assert closed["availability_open"] is False
    agent = client_for("agent", "a1")
    response = agent.post(_path(closed["id"]), json={"windows": [_window(7, "08:00", "12:00")]})
    assert response.status_code == 409
    assert "closed" in response.json()["detail"][0]["msg"]


def test_too_many_windows_is_refused(agent: TestClient, period_id: int) -> None:
    windows = [
        {"start": f"2030-01-07T08:{m:02d}", "end": f"2030-01-07T08:{m:02d}:30"} for m in range(59)
    ] * 4
    response = agent.post(_path(period_id), json={"windows": windows})
    assert response.status_code == 422
    assert "limit of 200" in response.json()["detail"][0]["msg"]


def test_an_agent_cannot_touch_another_agents_availability(
    agent: TestClient, period_id: int
) -> None:
    response = agent.post(_path(period_id, "a2"), json={"windows": [_window(7, "08:00", "09:00")]})
    assert response.status_code == 403
    assert agent.get(_path(period_id, "a2")).status_code == 403


def test_planner_reads_but_cannot_change(planner: TestClient, period_id: int) -> None:
    assert planner.get(_path(period_id)).status_code == 200
    response = planner.post(_path(period_id), json={"windows": [_window(7, "08:00", "09:00")]})
    assert response.status_code == 403


# Daylight-saving weeks: Paris moves to +02:00 at 02:00 on Sunday 2027-03-28 and back to
# +01:00 at 03:00 on Sunday 2027-10-31; Casablanca stays at +01:00 in both weeks.
SPRING_SUNDAY, AUTUMN_SUNDAY = "2027-03-28", "2027-10-31"


ROUND_THE_CLOCK = [{"weekdays": [0, 1, 2, 3, 4, 5, 6], "open": "00:00", "close": "00:00"}]


def _period(manager: TestClient, first_day: str) -> int:
    """A period of site paris, opened round the clock: the night windows below must be
    ones the site is open for (a window when it is closed all along is refused)."""
    opened = manager.patch("/api/v1/sites/paris", json={"opening_hours": ROUND_THE_CLOCK})
    assert opened.status_code == 200, opened.text
    response = manager.post("/api/v1/sites/paris/periods", json={"first_day": first_day})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _on(day: str, start: str, end: str) -> dict[str, str]:
    return {"start": f"{day}T{start}", "end": f"{day}T{end}"}


def test_a_window_in_the_spring_gap_is_refused_naming_the_time(
    manager: TestClient, agent: TestClient, period_id: int
) -> None:
    spring = _period(manager, "2027-03-22")
    response = agent.post(_path(spring), json={"windows": [_on(SPRING_SUNDAY, "02:00", "02:45")]})
    assert response.status_code == 422, response.text
    [issue] = response.json()["detail"]
    assert issue["field"] == "windows[0].start"
    assert issue["msg"].startswith("2027-03-28 02:00 does not exist in Europe/Paris")
    assert agent.get(_path(spring)).json()["windows"] == []


def test_hours_offered_are_real_hours_on_the_spring_night(
    manager: TestClient, agent: TestClient, period_id: int
) -> None:
    spring = _period(manager, "2027-03-22")
    body = {"windows": [_on(SPRING_SUNDAY, "00:00", "04:00")]}
    response = agent.post(_path(spring) + "/check", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["hours_offered"] == 3


@pytest.mark.parametrize(
    ("first_day", "window", "accepted"),
    [
        ("2027-03-22", _on(SPRING_SUNDAY, "00:00", "04:00"), True),  # 3 real hours
        ("2027-10-25", _on(AUTUMN_SUNDAY, "01:00", "04:00"), False),  # 4 real hours
    ],
)
def test_the_daily_aid_cap_counts_real_hours_on_daylight_saving_nights(
    manager: TestClient,
    client_for: ClientFor,
    period_id: int,
    first_day: str,
    window: dict[str, str],
    accepted: bool,
) -> None:
    cap = {"aid_cap": {"max_hours_per_week": 10, "max_hours_per_day": 3}}
    assert manager.patch("/api/v1/agents/a2", json=cap).status_code == 200
    period = _period(manager, first_day)
    response = client_for("agent", "a2").post(_path(period, "a2"), json={"windows": [window]})
    assert response.status_code == 200, response.text
    notes = response.json()["notes"]
    if accepted:
        assert notes == []
    else:
        assert notes == [
            "4 h offered on 2027-10-31, more than your disability-aid cap of 3 h per day: "
            "you will be scheduled at most 3 h that day"
        ]


def test_a_window_past_the_period_end_is_kept_clipped_with_a_note(
    manager: TestClient, client_for: ClientFor, period_id: int
) -> None:
    casablanca = payloads.agent("c1", time_zone="Africa/Casablanca", country="MA")
    assert manager.post("/api/v1/agents", json=casablanca).status_code == 201
    spring = _period(manager, "2027-03-22")
    # The week ends at Monday 00:00 Paris (+02:00), 23:00 on her Sunday in Casablanca.
    evening = {"windows": [_on(SPRING_SUNDAY, "14:00", "23:30")]}
    agent = client_for("agent", "c1")
    check = agent.post(_path(spring, "c1") + "/check", json=evening)
    assert check.status_code == 200, check.text
    assert check.json()["hours_offered"] == 9
    response = agent.post(_path(spring, "c1"), json=evening)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [(w["start"], w["end"]) for w in body["windows"]] == [
        ("2027-03-28T14:00:00", "2027-03-28T23:00:00")
    ]
    assert body["notes"] == [
        "windows[0]: window 2027-03-28 14:00-23:30 (Africa/Casablanca) runs past the period "
        "end; 2027-03-28 14:00-23:00 is kept, the rest dropped"
    ]
    assert agent.get(_path(spring, "c1")).json()["notes"] == []
    problem = manager.get(f"/api/v1/periods/{spring}/problem.json").json()
    [c1] = [a for a in problem["agents"] if a["id"] == "c1"]
    assert c1["availability"] == [{"start": "2027-03-28T14:00:00", "end": "2027-03-28T23:00:00"}]


def test_a_window_wholly_outside_the_period_names_the_period(
    agent: TestClient, period_id: int
) -> None:
    response = agent.post(_path(period_id), json={"windows": [_window(20, "08:00", "12:00")]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == (
        "window 2030-01-20 08:00-12:00 lies wholly outside the horizon of the period, "
        "2030-01-07 00:00-2030-01-14 00:00 in Europe/Paris"
    )


def test_a_window_when_the_site_is_closed_all_along_is_refused(
    agent: TestClient, period_id: int
) -> None:
    """Site paris opens Monday to Saturday, 08:00-20:00 Paris time (agent a1 lives there)."""
    sunday = _window(13, "09:00", "12:00")
    evening = _window(8, "20:30", "22:00")
    response = agent.post(_path(period_id) + "/check", json={"windows": [sunday, evening]})
    assert response.status_code == 422, response.text
    issues = {i["field"]: i["msg"] for i in response.json()["detail"]}
    assert sorted(issues) == ["windows[0]", "windows[1]"]
    assert "site is closed" in issues["windows[0]"] and "08:00-20:00" in issues["windows[0]"]
    assert agent.get(_path(period_id)).json()["windows"] == []
    overlapping = _window(8, "19:00", "22:00")  # open for its first hour: accepted as sent
    response = agent.post(_path(period_id), json={"windows": [overlapping]})
    assert response.status_code == 200, response.text


def test_fewer_hours_than_the_contract_minimum_are_accepted_with_a_note(
    manager: TestClient, agent: TestClient, period_id: int
) -> None:
    contract = {"contract": {"min_hours_per_week": 15, "max_hours_per_week": 30}}
    assert manager.patch("/api/v1/agents/a1", json=contract).status_code == 200
    short = {"windows": [_window(8, "08:00", "12:00")]}
    response = agent.post(_path(period_id) + "/check", json=short)
    assert response.status_code == 200, response.text
    assert response.json()["notes"] == [
        "4 h offered in week 1, fewer than your contract's minimum of 15 h per week: "
        "you may be scheduled below your contract"
    ]
    enough = {"windows": [_window(d, "08:00", "12:00") for d in range(7, 12)]}
    assert agent.post(_path(period_id) + "/check", json=enough).json()["notes"] == []
