"""The caller notice the telephony system reads: countries per queue and slot of the
published roster, absences taken out, the sentence in the queue's language, across DST.

The week planned is 25-31 March 2030 in Paris: on Sunday the 31st the clocks jump from
02:00 to 03:00 (UTC+1 to UTC+2), so that day has 46 half-hour slots.
"""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.db.database import Database
from api.db.models import Roster, RosterShift
from api.imports.service import import_problem
from bench.generator import generate
from tests.api import payloads
from tests.api.conftest import ClientFor, mint

NOTICE = "/api/v1/queues/{queue}/caller-notice"
SUNDAY = "2030-03-31"


def _period(manager: TestClient) -> int:
    """Site paris, queues fr-support (fr) and en-support (en); a1 in France, m1, m2 in
    Morocco; the DST week."""
    site = payloads.site()
    site["opening_hours"] = [{"weekdays": [0, 1, 2, 3, 4, 5, 6], "open": "00:00", "close": "00:00"}]
    assert manager.post("/api/v1/sites", json=site).status_code == 201
    for queue_id in ("fr-support", "en-support"):
        body = payloads.queue(queue_id, queue_id[:2])
        assert manager.post("/api/v1/sites/paris/queues", json=body).status_code == 201
    for agent_id, country, zone in (
        ("a1", "FR", "Europe/Paris"),
        ("m1", "MA", "Africa/Casablanca"),
        ("m2", "MA", "Africa/Casablanca"),
    ):
        body = payloads.agent(agent_id, country=country, time_zone=zone, skills=["fr", "en"])
        assert manager.post("/api/v1/agents", json=body).status_code == 201, agent_id
    response = manager.post("/api/v1/sites/paris/periods", json={"first_day": "2030-03-25"})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _shift(agent: str, start: str, end: str, queue: str = "fr-support") -> dict[str, Any]:
    """A shift without break whose one activity is on ``queue``; times with offsets."""
    return {
        "agent_id": agent,
        "start": _utc(start),
        "end": _utc(end),
        "breaks": [],
        "activities": [{"queue": queue, "start": start, "end": end}],
    }


def _store(
    database: Database, period_id: int, version: int | None, shifts: list[dict[str, Any]]
) -> int:
    with database.session(write=True) as session:
        roster = Roster(
            period_id=period_id,
            version=version,
            verified_ok=True,
            published_at=datetime(2030, 3, 20, 12, version or 0, tzinfo=UTC) if version else None,
            kpis={},
        )
        session.add(roster)
        session.flush()
        session.add_all(RosterShift(roster_id=roster.id, **s) for s in shifts)
        return roster.id


WEEK = [
    _shift("a1", "2030-03-31T01:00+01:00", "2030-03-31T12:00+02:00"),
    _shift("m1", "2030-03-31T09:00+02:00", "2030-03-31T11:00+02:00"),
    _shift("m2", "2030-03-31T10:00+02:00", "2030-03-31T14:00+02:00", queue="en-support"),
]


@pytest.fixture
def published(manager: TestClient, database: Database) -> int:
    period_id = _period(manager)
    _store(database, period_id, 1, WEEK)
    return period_id


def _notice(client: TestClient, queue: str, at: str) -> dict[str, Any]:
    response = client.get(NOTICE.format(queue=queue), params={"at": at})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_countries_staffed_at_an_instant_and_the_sentence(
    manager: TestClient, published: int
) -> None:
    body = _notice(manager, "fr-support", "2030-03-31T09:40+02:00")
    assert body["language"] == "fr" and body["roster_version"] == 1
    assert body["period_id"] == published
    slot = body["slot"]
    assert (slot["start"], slot["end"]) == ("2030-03-31T07:30:00Z", "2030-03-31T08:00:00Z")
    assert (slot["local_start"], slot["local_end"]) == (
        "2030-03-31T09:30:00+02:00",
        "2030-03-31T10:00:00+02:00",
    )
    assert [(c["code"], c["name"], c["agents"]) for c in slot["countries"]] == [
        ("FR", "France", 1),
        ("MA", "Maroc", 1),
    ]
    assert slot["sentence"] == "Votre appel est traité depuis la France et le Maroc"
    english = _notice(manager, "en-support", "2030-03-31T08:10Z")["slot"]
    assert english["sentence"] == "Your call is answered from Morocco"
    assert [c["name"] for c in english["countries"]] == ["Morocco"]


def test_the_same_instant_in_any_offset_and_an_unencoded_plus(
    manager: TestClient, published: int
) -> None:
    paris = _notice(manager, "fr-support", "2030-03-31T09:40+02:00")
    for same in ("2030-03-31T07:40Z", "2030-03-31T03:40-04:00", "2030-03-31T09:40 02:00"):
        assert _notice(manager, "fr-support", same) == {**paris, "at": "2030-03-31T07:40:00Z"}


def test_a_shift_across_the_spring_jump_covers_its_real_hours(
    manager: TestClient, published: int
) -> None:
    """a1 works 01:00+01:00 to 12:00+02:00: 02:00-03:00 local does not exist."""
    before = _notice(manager, "fr-support", "2030-03-31T01:45+01:00")["slot"]
    after = _notice(manager, "fr-support", "2030-03-31T03:05+02:00")["slot"]
    assert before["local_start"] == "2030-03-31T01:30:00+01:00"
    assert before["local_end"] == "2030-03-31T03:00:00+02:00", "one real half hour"
    assert after["local_start"] == "2030-03-31T03:00:00+02:00"
    assert [c["code"] for c in before["countries"]] == ["FR"]
    assert [c["code"] for c in after["countries"]] == ["FR"]
    early = _notice(manager, "fr-support", "2030-03-31T00:59+01:00")["slot"]
    assert early["countries"] == [] and early["sentence"] is None


def test_the_day_table_has_the_days_real_slots(manager: TestClient, published: int) -> None:
    response = manager.get(NOTICE.format(queue="fr-support") + "/day", params={"date": SUNDAY})
    assert response.status_code == 200, response.text
    slots = response.json()["slots"]
    assert len(slots) == 46
    assert slots[0]["local_start"] == "2030-03-31T00:00:00+01:00"
    assert slots[4]["local_start"] == "2030-03-31T03:00:00+02:00"
    assert slots[-1]["local_end"] == "2030-04-01T00:00:00+02:00"
    assert all(a["end"] == b["start"] for a, b in pairwise(slots))
    staffed = {s["local_start"][11:16]: [c["code"] for c in s["countries"]] for s in slots}
    assert staffed["01:00"] == ["FR"] and staffed["11:30"] == ["FR"]
    assert staffed["09:00"] == ["FR", "MA"] and staffed["12:00"] == []
    at_nine = _notice(manager, "fr-support", "2030-03-31T09:00+02:00")["slot"]
    assert at_nine == next(s for s in slots if s["local_start"].startswith("2030-03-31T09:00"))


def test_the_autumn_day_has_fifty_slots_without_a_published_roster(
    manager: TestClient, published: int
) -> None:
    response = manager.get(
        NOTICE.format(queue="fr-support") + "/day", params={"date": "2030-10-27"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["roster_id"] is None and body["period_id"] is None
    slots = body["slots"]
    assert len(slots) == 50
    twice = [s["local_start"] for s in slots if s["local_start"][11:13] == "02"]
    assert twice == [
        "2030-10-27T02:00:00+02:00",
        "2030-10-27T02:30:00+02:00",
        "2030-10-27T02:00:00+01:00",
        "2030-10-27T02:30:00+01:00",
    ]
    assert all(s["countries"] == [] and s["sentence"] is None for s in slots)


def test_an_absence_takes_the_agent_out_at_once(manager: TestClient, published: int) -> None:
    at = "2030-03-31T10:15+02:00"
    assert [c["code"] for c in _notice(manager, "en-support", at)["slot"]["countries"]] == ["MA"]
    absence = {
        "agent_id": "m2",
        "start": "2030-03-31T08:00Z",
        "end": "2030-03-31T09:00Z",
        "reason": "sick",
    }
    assert manager.post("/api/v1/absences", json=absence).status_code == 201
    slot = _notice(manager, "en-support", at)["slot"]
    assert slot["countries"] == [] and slot["sentence"] is None
    later = _notice(manager, "en-support", "2030-03-31T11:15+02:00")["slot"]
    assert [c["code"] for c in later["countries"]] == ["MA"], "back after the absence"


def test_only_the_newest_published_version_counts(
    manager: TestClient, database: Database, published: int
) -> None:
    _store(database, published, None, [_shift("m2", "2030-03-31T06:00Z", "2030-03-31T12:00Z")])
    at = "2030-03-31T09:40+02:00"
    assert [c["code"] for c in _notice(manager, "fr-support", at)["slot"]["countries"]] == [
        "FR",
        "MA",
    ], "a draft is not what callers get"
    _store(database, published, 2, [_shift("m1", "2030-03-31T06:00Z", "2030-03-31T12:00Z")])
    body = _notice(manager, "fr-support", at)
    assert body["roster_version"] == 2
    assert body["slot"]["sentence"] == "Votre appel est traité depuis le Maroc"


def test_default_now_and_no_roster(manager: TestClient, published: int) -> None:
    response = manager.get(NOTICE.format(queue="fr-support"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert abs(_utc(body["at"]) - datetime.now(UTC)).total_seconds() < 60
    assert body["roster_id"] is None and body["slot"]["countries"] == []


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"at": "2030-03-31T09:40"}, "timezone"),
        ({"at": "tomorrow"}, "datetime"),
        ({"at": "2030-02-30T09:40Z"}, "date"),
    ],
)
def test_a_naive_or_malformed_instant_is_a_422_naming_at(
    manager: TestClient, published: int, params: dict[str, str], reason: str
) -> None:
    response = manager.get(NOTICE.format(queue="fr-support"), params=params)
    assert response.status_code == 422, response.text
    issue = response.json()["detail"][0]
    assert issue["field"] == "at" and reason in issue["msg"].lower(), issue


def test_bad_day_and_unknown_queue(manager: TestClient, published: int) -> None:
    day = manager.get(NOTICE.format(queue="fr-support") + "/day", params={"date": "31/03/2030"})
    assert day.status_code == 422 and day.json()["detail"][0]["field"] == "date"
    missing = manager.get(NOTICE.format(queue="de-support") + "/day", params={"date": SUNDAY})
    assert missing.status_code == 404
    assert manager.get(NOTICE.format(queue="de-support")).status_code == 404


def test_a_telephony_key_reads_notices_and_nothing_else(
    client_for: ClientFor, manager: TestClient, published: int
) -> None:
    minted = manager.post("/api/v1/keys", json={"role": "telephony", "label": "IVR"})
    assert minted.status_code == 201 and minted.json()["role"] == "telephony"
    bound = manager.post("/api/v1/keys", json={"role": "telephony", "agent_id": "a1"})
    assert bound.status_code == 422 and bound.json()["detail"][0]["field"] == "agent_id"
    telephony = client_for("telephony")
    assert _notice(telephony, "fr-support", "2030-03-31T09:40+02:00")["slot"]["sentence"]
    for url in ("/api/v1/me", "/api/v1/queues/fr-support", f"/api/v1/periods/{published}"):
        response = telephony.get(url)
        assert response.status_code == 403, url
    assert "may only read caller notices" in telephony.get("/api/v1/me").text


def test_a_telephony_key_opens_no_page(app: Any, database: Database) -> None:
    browser = TestClient(app)
    response = browser.post(
        "/login", data={"key": mint(database, "telephony"), "next": ""}, follow_redirects=False
    )
    assert response.status_code == 403
    assert "homeshore_session" not in response.cookies
    assert "telephony" in response.text


def test_a_queues_language_defaults_from_its_id_and_can_be_set(
    manager: TestClient, published: int
) -> None:
    queues = {q["id"]: q["language"] for q in manager.get("/api/v1/sites/paris/queues").json()}
    assert queues == {"en-support": "en", "fr-support": "fr"}
    body = payloads.queue("support-be", "fr") | {"language": "fr"}
    assert manager.post("/api/v1/sites/paris/queues", json=body).json()["language"] == "fr"
    other = manager.post("/api/v1/sites/paris/queues", json=payloads.queue("nl-support", "fr"))
    assert other.json()["language"] == "en"
    wrong = manager.patch("/api/v1/queues/nl-support", json={"language": "nl"})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "language"


def test_an_imported_problems_queues_get_their_language(
    manager: TestClient, database: Database
) -> None:
    with database.session(write=True) as session:
        import_problem(session, generate(5))
    site = manager.get("/api/v1/sites").json()[0]["id"]
    queues = manager.get(f"/api/v1/sites/{site}/queues").json()
    assert {q["id"]: q["language"] for q in queues} == {
        "fr-support": "fr",
        "fr-sales": "fr",
        "en-support": "en",
    }
