"""People and keys pages: the API's use cases behind forms, refusals named, nothing half-written."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import LoginAs

AGENT_FORM = {
    "site_id": "paris",
    "id": "a7",
    "name": "Amina",
    "time_zone": "Africa/Casablanca",
    "country": "ma",
    "skills": "fr",
    "hourly_cost": "11,5",
    "contract_min": "10",
    "contract_max": "24",
    "aid_cap_week": "",
    "aid_cap_day": "",
    "accepts_changes": "on",
}


def test_a_manager_adds_an_agent_from_the_form(
    login_as: LoginAs, period_id: int, manager: TestClient
) -> None:
    pages, csrf = login_as("manager")
    added = pages.post("/manage/agents", data={**AGENT_FORM, "csrf_token": csrf})
    assert added.status_code == 303, added.text
    agent = manager.get("/api/v1/agents/a7").json()
    assert (agent["country"], agent["time_zone"], agent["hourly_cost"]) == (
        "MA",
        "Africa/Casablanca",
        11.5,
    )
    assert agent["contract"] == {"min_hours_per_week": 10, "max_hours_per_week": 24}
    listing = pages.get("/manage/people?lang=fr").text
    assert 'href="/manage/agents/a7"' in listing and "10,0 h – 24,0 h" in listing


def test_a_bad_agent_form_names_each_field_and_stores_nothing(
    login_as: LoginAs, period_id: int, manager: TestClient
) -> None:
    pages, csrf = login_as("manager")
    bad = {**AGENT_FORM, "csrf_token": csrf, "country": "France", "contract_max": ""}
    refused = pages.post("/manage/agents", data=bad)
    assert refused.status_code == 422
    assert "<code>country</code>" in refused.text
    assert "<code>contract.max_hours_per_week</code>" in refused.text
    assert 'value="Amina"' in refused.text, "what was typed is kept"
    unknown_skill = {**AGENT_FORM, "csrf_token": csrf, "skills": "de-sales"}
    assert pages.post("/manage/agents", data=unknown_skill).status_code == 422
    assert manager.get("/api/v1/agents/a7").status_code == 404


def test_edit_then_deactivate_an_agent_logs_them_out(
    login_as: LoginAs, period_id: int, manager: TestClient
) -> None:
    agent, _agent_csrf = login_as("agent", "a1")
    pages, csrf = login_as("manager")
    form = pages.get("/manage/agents/a1").text
    assert 'value="Europe/Paris"' in form
    edited = {**AGENT_FORM, "csrf_token": csrf, "country": "FR", "aid_cap_week": "12"}
    assert pages.post("/manage/agents/a1", data=edited).status_code == 303
    stored = manager.get("/api/v1/agents/a1").json()
    assert stored["aid_cap"]["max_hours_per_week"] == 12
    assert stored["time_zone"] == "Africa/Casablanca"
    uncapped = {**edited, "aid_cap_week": ""}
    assert pages.post("/manage/agents/a1", data=uncapped).status_code == 303
    assert manager.get("/api/v1/agents/a1").json()["aid_cap"] is None
    gone = pages.post("/manage/agents/a1/active", data={"csrf_token": csrf, "active": "0"})
    assert gone.status_code == 303
    assert manager.get("/api/v1/agents/a1").json()["active"] is False
    assert agent.get("/me/shifts").status_code == 303, "a deactivated agent is logged out"


def test_queue_countries_and_priority_from_the_form(
    login_as: LoginAs, period_id: int, manager: TestClient
) -> None:
    pages, csrf = login_as("manager")
    form = {"csrf_token": csrf, "skill": "fr", "priority": "2,5", "countries": "fr, be"}
    assert pages.post("/manage/queues/fr-support", data=form).status_code == 303
    queue = manager.get("/api/v1/queues/fr-support").json()
    assert (queue["priority"], queue["countries"]) == (2.5, ["FR", "BE"])
    bad = pages.post("/manage/queues/fr-support", data={**form, "priority": "0"})
    assert bad.status_code == 422 and "<code>priority</code>" in bad.text
    assert manager.get("/api/v1/queues/fr-support").json()["priority"] == 2.5


def test_keys_are_minted_once_listed_and_revoked_ending_the_session(
    login_as: LoginAs, period_id: int, anonymous: TestClient
) -> None:
    pages, csrf = login_as("manager")
    minted = pages.post(
        "/manage/keys", data={"csrf_token": csrf, "role": "agent", "agent_id": "a2", "label": "Bo"}
    )
    assert minted.status_code == 201
    found = re.search(r'id="secret" readonly value="([^"]+)"', minted.text)
    assert found, "the secret is shown once"
    secret = found.group(1)
    login = anonymous.post("/login", data={"key": secret}, follow_redirects=False)
    assert login.status_code == 303
    assert anonymous.get("/me/shifts", follow_redirects=False).status_code == 200
    listing = pages.get("/manage/keys").text
    assert secret not in listing and secret[:10] in listing
    key_id = int(re.findall(r"/manage/keys/(\d+)/revoke", listing)[0])
    revoked = pages.post(f"/manage/keys/{key_id}/revoke", data={"csrf_token": csrf})
    assert revoked.status_code == 303
    assert anonymous.get("/me/shifts", follow_redirects=False).status_code == 303
    again = pages.post(f"/manage/keys/{key_id}/revoke", data={"csrf_token": csrf})
    assert again.status_code == 409 and "already revoked" in again.text
    no_agent = pages.post("/manage/keys", data={"csrf_token": csrf, "role": "agent"})
    assert no_agent.status_code == 422 and "<code>agent_id</code>" in no_agent.text


def test_planners_read_people_but_change_nothing_and_see_no_keys(
    login_as: LoginAs, period_id: int
) -> None:
    planner, csrf = login_as("planner")
    page = planner.get("/manage/people")
    assert page.status_code == 200 and 'action="/manage/agents"' not in page.text
    refused = planner.post("/manage/agents", data={**AGENT_FORM, "csrf_token": csrf})
    assert refused.status_code == 403
    assert planner.get("/manage/keys").status_code == 403
    agent, _ = login_as("agent", "a1")
    assert agent.get("/manage/people").status_code == 403


def test_agents_are_imported_from_a_csv_on_the_people_page(
    login_as: LoginAs, period_id: int, manager: TestClient
) -> None:
    pages, csrf = login_as("manager")
    text = "id,site_id,time_zone,country,skills,hourly_cost,contract_max\n"
    good = text + "c1,paris,Europe/Paris,FR,fr,12,20\nc2,paris,Europe/Paris,FR,fr,12,20\n"
    files = {"file": ("agents.csv", good.encode(), "text/csv")}
    done = pages.post("/manage/people/import", data={"csrf_token": csrf}, files=files)
    assert done.status_code == 303 and done.headers["location"].endswith("imported-2")
    bad = text + "c3,paris,Europe/Paris,FR,fr,12,20\nc4,paris,Europe/Paris,FRA,fr,12,20\n"
    files = {"file": ("agents.csv", bad.encode(), "text/csv")}
    refused = pages.post("/manage/people/import", data={"csrf_token": csrf}, files=files)
    assert refused.status_code == 422 and "<code>file.line[3].country</code>" in refused.text
    assert manager.get("/api/v1/agents/c3").status_code == 404
