"""Pages over TestClient: sessions, roles, CSRF, field-named errors, nothing stored on error."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api import payloads
from tests.api.conftest import mint
from tests.web.conftest import LoginAs, add_roster

AVAILABILITY = "/api/v1/periods/{period}/availability/{agent}"


def test_no_session_redirects_to_login(anonymous: TestClient) -> None:
    for path in ("/", "/manage", "/me/shifts", "/me/availability", "/manage/absences"):
        response = anonymous.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")


def test_login_sets_a_strict_httponly_cookie_and_bad_keys_are_refused(
    anonymous: TestClient, database: Database
) -> None:
    refused = anonymous.post("/login", data={"key": "hs_nonsense"}, follow_redirects=False)
    assert refused.status_code == 401
    assert "homeshore_session" not in refused.headers.get("set-cookie", "")
    secret = mint(database, "manager")
    response = anonymous.post("/login", data={"key": secret}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/manage"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert secret not in response.headers["set-cookie"]


def test_login_does_not_redirect_off_site(anonymous: TestClient, database: Database) -> None:
    data = {"key": mint(database, "manager"), "next": "//evil.example/x"}
    response = anonymous.post("/login", data=data, follow_redirects=False)
    assert response.headers["location"] == "/manage"


def test_agent_on_a_manager_page_gets_403_page(login_as: LoginAs, period_id: int) -> None:
    agent, _csrf = login_as("agent", "a1")
    for path in ("/manage", f"/manage/periods/{period_id}/roster", "/manage/absences"):
        response = agent.get(path)
        assert response.status_code == 403
        assert "<h1>Not allowed</h1>" in response.text


def test_planner_reads_but_cannot_start_a_solve(login_as: LoginAs, period_id: int) -> None:
    planner, csrf = login_as("planner")
    assert planner.get(f"/manage/periods/{period_id}/solves").status_code == 200
    response = planner.post(
        f"/manage/periods/{period_id}/solves", data={"csrf_token": csrf, "time_limit_seconds": "5"}
    )
    assert response.status_code == 403


def test_cookie_changes_through_the_api_need_the_csrf_header(
    login_as: LoginAs, period_id: int
) -> None:
    agent, csrf = login_as("agent", "a1")
    url = AVAILABILITY.format(period=period_id, agent="a1")
    body = {"windows": [{"start": "2030-01-07T08:00", "end": "2030-01-07T10:00"}]}
    assert agent.post(url, json=body).status_code == 403
    assert agent.get(url).json()["windows"] == []
    assert agent.post(url, json=body, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    stored = agent.post(url, json=body, headers={"X-CSRF-Token": csrf})
    assert stored.status_code == 200, stored.text
    assert len(agent.get(url).json()["windows"]) == 1
    other = AVAILABILITY.format(period=period_id, agent="a2")
    assert agent.post(other, json=body, headers={"X-CSRF-Token": csrf}).status_code == 403


def test_forms_without_the_csrf_field_are_refused(login_as: LoginAs, period_id: int) -> None:
    agent, _csrf = login_as("agent", "a1")
    response = agent.post(f"/me/availability/{period_id}", data={"cell": "2030-01-07T08:00"})
    assert response.status_code == 403
    assert agent.get(AVAILABILITY.format(period=period_id, agent="a1")).json()["windows"] == []


def test_revoking_the_key_ends_the_session(
    login_as: LoginAs, database: Database, period_id: int
) -> None:
    from sqlalchemy import update

    from api.db.base import utc_now
    from api.db.models import ApiKey

    agent, _csrf = login_as("agent", "a1")
    with database.session(write=True) as session:
        session.execute(update(ApiKey).where(ApiKey.agent_id == "a1").values(revoked_at=utc_now()))
    assert agent.get("/me/shifts").status_code == 303
    assert agent.get("/api/v1/me").status_code == 401


def test_logout_clears_the_cookie(login_as: LoginAs) -> None:
    manager, csrf = login_as("manager")
    response = manager.post("/logout", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert 'homeshore_session=""' in response.headers["set-cookie"]


def test_availability_dry_run_names_the_field_and_stores_nothing(
    login_as: LoginAs, capped_agent: str, period_id: int
) -> None:
    agent, csrf = login_as("agent", capped_agent)
    url = AVAILABILITY.format(period=period_id, agent=capped_agent)
    backwards = {"windows": [{"start": "2030-01-07T13:00", "end": "2030-01-07T08:00"}]}
    refused = agent.post(
        url + "/check?replace=true", json=backwards, headers={"X-CSRF-Token": csrf}
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"].startswith("windows[0]")
    too_long = {"windows": [{"start": "2030-01-07T08:00", "end": "2030-01-07T13:00"}]}
    capped = agent.post(url + "/check?replace=true", json=too_long, headers={"X-CSRF-Token": csrf})
    assert capped.status_code == 200, "more than the aid cap is offered room, not an error"
    assert "you will be scheduled at most 4 h that day" in capped.json()["notes"][0]
    fine = {"windows": [{"start": "2030-01-07T08:00", "end": "2030-01-07T12:00"}]}
    ok = agent.post(url + "/check?replace=true", json=fine, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200 and ok.json()["hours_offered"] == 4
    assert agent.get(url).json()["windows"] == []


def test_availability_form_without_js_validates_and_saves(
    login_as: LoginAs, capped_agent: str, period_id: int
) -> None:
    agent, csrf = login_as("agent", capped_agent)
    page = agent.get("/me/availability")
    assert page.status_code == 200
    assert 'value="2030-01-07T08:00"' in page.text and "4 h a day" in page.text
    cells = [f"2030-01-07T{h:02d}:{m:02d}" for h in range(8, 13) for m in (0, 30)]
    outside = [*cells, "2031-01-06T08:00"]
    refused = agent.post(
        f"/me/availability/{period_id}", data={"csrf_token": csrf, "cell": outside}
    )
    assert refused.status_code == 422
    assert "<code>windows" in refused.text and "wholly outside" in refused.text
    url = AVAILABILITY.format(period=period_id, agent=capped_agent)
    assert agent.get(url).json()["windows"] == []
    saved = agent.post(
        f"/me/availability/{period_id}", data={"csrf_token": csrf, "cell": cells[:8]}
    )
    assert saved.status_code == 303
    windows = agent.get(url).json()["windows"]
    assert [(w["start"], w["end"]) for w in windows] == [
        ("2030-01-07T08:00:00", "2030-01-07T12:00:00")
    ]


def test_absence_form_names_the_bad_field_and_stores_nothing(
    login_as: LoginAs, period_id: int, manager: TestClient
) -> None:
    planner, csrf = login_as("planner")
    data = {
        "csrf_token": csrf,
        "agent_id": "a1",
        "start": "2030-01-07T12:00",
        "end": "2030-01-07T08:00",
        "reason": "sick",
    }
    refused = planner.post("/manage/absences", data=data)
    assert refused.status_code == 422 and "must be after start" in refused.text
    assert manager.get("/api/v1/absences").json() == []
    data["end"] = "2030-01-07T18:00"
    assert planner.post("/manage/absences", data=data).status_code == 303
    assert len(manager.get("/api/v1/absences").json()) == 1


def test_roster_coverage_and_solve_pages(
    login_as: LoginAs, database: Database, period_id: int
) -> None:
    published = add_roster(database, period_id, version=1, hour=7)
    draft = add_roster(database, period_id, version=None, hour=8)
    manager, _csrf = login_as("manager")
    gantt = manager.get(f"/manage/periods/{period_id}/roster?country=FR")
    assert gantt.status_code == 200
    assert "/static/vendor/plotly.min.js" in gantt.text and '"orientation":"h"' in gantt.text
    assert "08:00–12:00" in gantt.text  # a1 in Paris time
    coverage = manager.get(f"/manage/rosters/{published}/coverage")
    assert coverage.status_code == 200 and 'class="short"' in coverage.text
    notice = coverage.text.split('id="notice-1"')[1].split("</table>")[0]
    assert "<td>France</td>" in notice and "nobody staffed" in notice
    french = manager.get(f"/manage/rosters/{published}/coverage?lang=fr")
    assert "<td>France</td>" in french.text and "personne de planifié" in french.text
    bad = manager.get(f"/manage/periods/{period_id}/roster?country=France")
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "country"
    solves = manager.get(f"/manage/periods/{period_id}/solves")
    assert solves.status_code == 200
    assert manager.get(f"/manage/rosters/{draft}/coverage").status_code == 200


def test_roster_filters_keep_the_matching_agents_only(
    login_as: LoginAs, database: Database, period_id: int
) -> None:
    add_roster(database, period_id, version=1, hour=7)  # a1 works on fr-support, a2 does not
    manager, _csrf = login_as("manager")
    url = f"/manage/periods/{period_id}/roster"

    def rows(query: str) -> set[str]:
        page = manager.get(f"{url}?{query}")
        assert page.status_code == 200
        return {a for a in ("a1", "a2") if f'<th scope="row">{a}</th>' in page.text}

    assert rows("") == {"a1", "a2"}
    assert rows("queue=fr-support") == {"a1"}
    assert rows("queue=en-support") == set()
    assert rows("skill=fr&country=fr") == {"a1", "a2"}
    assert rows("skill=de-sales") == set()
    assert rows("country=DE") == set()


def test_solve_form_refuses_a_too_long_limit_naming_the_field(
    login_as: LoginAs, period_id: int
) -> None:
    manager, csrf = login_as("manager")
    response = manager.post(
        f"/manage/periods/{period_id}/solves",
        data={"csrf_token": csrf, "time_limit_seconds": "99999"},
    )
    assert response.status_code == 422 and "time_limit_seconds" in response.text
    assert "Run 1" not in manager.get(f"/manage/periods/{period_id}/solves").text


def test_my_shifts_changes_since_seen_and_calendar_feed(
    login_as: LoginAs, database: Database, period_id: int, anonymous: TestClient
) -> None:
    add_roster(database, period_id, version=1, hour=7)
    agent, csrf = login_as("agent", "a1")
    first = agent.get("/me/shifts")
    assert "first look" in first.text and "08:00" in first.text
    assert agent.post("/me/shifts/seen", data={"csrf_token": csrf}).status_code == 303
    assert "Nothing changed" in agent.get("/me/shifts").text
    add_roster(database, period_id, version=2, hour=9)
    changed = agent.get("/me/shifts")
    assert "moved" in changed.text and "10:00–14:00" in changed.text
    feed_page = agent.post("/me/calendar-feed", data={"csrf_token": csrf})
    feed_url = feed_page.text.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]
    feed = anonymous.get(feed_url.replace("http://testserver", ""))
    assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.text
    agent.post("/me/calendar-feed", data={"csrf_token": csrf})
    assert anonymous.get(feed_url.replace("http://testserver", "")).status_code == 404


def test_plotly_is_served_locally(anonymous: TestClient) -> None:
    response = anonymous.get("/static/vendor/plotly.min.js")
    assert response.status_code == 200 and len(response.content) > 1_000_000
    assert anonymous.get("/static/app.css").status_code == 200


def test_language_from_query_cookie_and_header(anonymous: TestClient) -> None:
    assert '<html lang="fr">' in anonymous.get("/login", headers={"Accept-Language": "fr"}).text
    english = anonymous.get("/login?lang=en", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="en">' in english.text
    assert '<html lang="en">' in anonymous.get("/login", headers={"Accept-Language": "fr"}).text


def test_production_refuses_to_start_without_a_session_secret() -> None:
    import pytest
    from pydantic import ValidationError

    from api.settings import Settings

    production = {"environment": "production", "database_url": "postgresql+psycopg://h/db"}
    with pytest.raises(ValidationError, match="HOMESHORE_SESSION_SECRET"):
        Settings(**production)
    secured = Settings(**production, session_secret="x" * 40, behind_tls=True)
    assert secured.session_secret is not None
    first, second = Settings(environment="test"), Settings(environment="test")
    assert first.session_secret != second.session_secret


def test_availability_grid_skips_the_spring_gap_and_joins_across_it(
    manager: TestClient, login_as: LoginAs
) -> None:
    night = {
        **payloads.site("night"),
        "opening_hours": [{"weekdays": list(range(7)), "open": "00:00", "close": "00:00"}],
    }
    assert manager.post("/api/v1/sites", json=night).status_code == 201
    assert manager.post("/api/v1/sites/night/queues", json=payloads.queue()).status_code == 201
    assert manager.post("/api/v1/agents", json=payloads.agent("n1", "night")).status_code == 201
    period = manager.post("/api/v1/sites/night/periods", json={"first_day": "2027-03-22"})
    period_id = period.json()["id"]
    agent, csrf = login_as("agent", "n1")
    page = agent.get(f"/me/availability?period_id={period_id}").text
    assert 'value="2027-03-28T01:30"' in page
    assert 'value="2027-03-28T02:00"' not in page and 'value="2027-03-28T02:30"' not in page
    # 01:00-02:00 and 03:00-04:00 on the wall touch in real time: one window of 2 real hours.
    cells = ["2027-03-28T01:00", "2027-03-28T01:30", "2027-03-28T03:00", "2027-03-28T03:30"]
    saved = agent.post(f"/me/availability/{period_id}", data={"csrf_token": csrf, "cell": cells})
    assert saved.status_code == 303, saved.text
    windows = agent.get(AVAILABILITY.format(period=period_id, agent="n1")).json()["windows"]
    assert [(w["start"], w["end"]) for w in windows] == [
        ("2027-03-28T01:00:00", "2027-03-28T04:00:00")
    ]
