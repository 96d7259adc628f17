"""iCalendar exports read back by two independent readers (icalendar and vobject).

Each calendar must parse in both, and its events must be the published shifts: same
stable UIDs, same instants, in the agent's own zone (TZID) or, for a whole roster, in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from fastapi.testclient import TestClient

from api.db.database import Database
from api.db.models import Roster, RosterShift
from api.exports.ical import shifts_ical
from api.rosters.schemas import ShiftRead
from tests.api import payloads
from tests.api.conftest import ClientFor

Event = tuple[str, datetime, datetime]
NEW_YORK = "America/New_York"


def _icalendar_events(text: str) -> tuple[set[Event], set[str]]:
    calendar = icalendar.Calendar.from_ical(text)
    events = {
        (str(e["uid"]), e.decoded("dtstart").astimezone(UTC), e.decoded("dtend").astimezone(UTC))
        for e in calendar.walk("VEVENT")
    }
    zones = {str(e["dtstart"].params.get("TZID", "UTC")) for e in calendar.walk("VEVENT")}
    return events, zones


def _vobject_events(text: str) -> set[Event]:
    calendar = vobject.readOne(text)
    return {
        (e.uid.value, e.dtstart.value.astimezone(UTC), e.dtend.value.astimezone(UTC))
        for e in calendar.contents.get("vevent", [])
    }


def _expected(shifts: list[dict[str, str]]) -> set[Event]:
    found = set()
    for s in shifts:
        start = datetime.fromisoformat(s["start"]).astimezone(UTC)
        end = datetime.fromisoformat(s["end"]).astimezone(UTC)
        found.add((f"shift-{s['agent_id']}-{start:%Y%m%dT%H%M%SZ}@homeshore", start, end))
    return found


def _publish(database: Database, period_id: int, shifts: list[tuple[str, datetime]]) -> int:
    """A published roster with a 4-hour shift (15-minute break after 2 h) per (agent, start)."""
    with database.session(write=True) as session:
        roster = Roster(period_id=period_id, version=1, published_at=datetime.now(UTC), kpis={})
        session.add(roster)
        session.flush()
        for agent_id, start in shifts:
            end = start + timedelta(hours=4)
            pause = start + timedelta(hours=2)
            session.add(
                RosterShift(
                    roster_id=roster.id,
                    agent_id=agent_id,
                    start=start,
                    end=end,
                    breaks=[
                        {
                            "start": pause.isoformat(),
                            "end": (pause + timedelta(minutes=15)).isoformat(),
                        }
                    ],
                    activities=[
                        {"queue": "fr-support", "start": start.isoformat(), "end": end.isoformat()}
                    ],
                )
            )
        return roster.id


@pytest.fixture
def spring_roster(manager: TestClient, period_id: int, database: Database) -> int:
    """Shifts of a1 (Paris) and a3 (New York) either side of Paris's change to summer time."""
    body = payloads.agent("a3", time_zone=NEW_YORK, country="US")
    assert manager.post("/api/v1/agents", json=body).status_code == 201
    days = [datetime(2030, 3, 29, 8, tzinfo=UTC), datetime(2030, 4, 1, 8, tzinfo=UTC)]
    return _publish(database, period_id, [(a, d) for a in ("a1", "a3") for d in days])


@pytest.mark.parametrize("agent_id, zone", [("a1", "Europe/Paris"), ("a3", NEW_YORK)])
def test_an_agents_calendar_is_their_published_shifts_in_their_zone(
    client_for: ClientFor, spring_roster: int, agent_id: str, zone: str
) -> None:
    agent = client_for("agent", agent_id)
    shifts = agent.get(f"/api/v1/agents/{agent_id}/shifts").json()["shifts"]
    assert len(shifts) == 2
    response = agent.get(f"/api/v1/agents/{agent_id}/shifts.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    events, zones = _icalendar_events(response.text)
    assert events == _expected(shifts) == _vobject_events(response.text)
    assert zones == {zone}
    parsed = icalendar.Calendar.from_ical(response.text)
    local_starts = sorted(e.decoded("dtstart") for e in parsed.walk("VEVENT"))
    wanted = sorted(datetime.fromisoformat(s["start"]).astimezone(ZoneInfo(zone)) for s in shifts)
    assert [(t.hour, t.utcoffset()) for t in local_starts] == [
        (t.hour, t.utcoffset()) for t in wanted
    ]
    again = agent.get(f"/api/v1/agents/{agent_id}/shifts.ics").text
    assert _icalendar_events(again)[0] == events, "UIDs and times are stable across downloads"


def test_a_roster_calendar_is_every_shift_in_utc(manager: TestClient, spring_roster: int) -> None:
    roster = manager.get(f"/api/v1/rosters/{spring_roster}").json()
    response = manager.get(f"/api/v1/rosters/{spring_roster}/roster.ics")
    assert response.status_code == 200
    events, zones = _icalendar_events(response.text)
    assert len(events) == 4
    assert events == _expected(roster["shifts"]) == _vobject_events(response.text)
    assert zones == {"UTC"} and "TZID" not in response.text


def test_the_calendar_feed_serves_the_same_events(
    client_for: ClientFor, spring_roster: int, anonymous: TestClient
) -> None:
    from tests.web.conftest import csrf_of

    secret_client = client_for("agent", "a3")
    key = secret_client.headers["Authorization"].removeprefix("Bearer ")
    browser = TestClient(anonymous.app, follow_redirects=False)
    assert browser.post("/login", data={"key": key}).status_code == 303
    page = browser.post(
        "/me/calendar-feed", data={"csrf_token": csrf_of(browser.get("/me/shifts").text)}
    )
    feed = page.text.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]
    body = anonymous.get(feed.replace("http://testserver", "")).text
    api = secret_client.get("/api/v1/agents/a3/shifts.ics").text
    assert _icalendar_events(body) == _icalendar_events(api)
    assert _vobject_events(body) == _vobject_events(api)


def test_awkward_text_is_escaped_and_folded_for_both_readers() -> None:
    start = datetime(2030, 10, 27, 0, 30, tzinfo=UTC)  # the night Paris goes back to winter
    shift = ShiftRead(
        id=1,
        agent_id="a1",
        start=start,
        end=start + timedelta(hours=4),
        local_start=start.replace(tzinfo=None),
        breaks=[],
        activities=[
            {"queue": "fr-support", "start": start, "end": start + timedelta(hours=2)},
            {"queue": "en-support", "start": start + timedelta(hours=2), "end": start},
        ],
        absence_ids=[4, 7],
    )
    name = "Équipe; nuit, «très» longue \\ " + "é" * 80 + "\nfin"
    text = shifts_ical([shift], name, start, ZoneInfo("Europe/Paris"))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    parsed = icalendar.Calendar.from_ical(text)
    assert vobject.readOne(text).x_wr_calname.value == name
    [event] = parsed.walk("VEVENT")
    assert str(event["summary"]) == "Homeshore: en-support, fr-support"
    assert "ids 4, 7" in str(event["description"])
    [read] = vobject.readOne(text).contents["vevent"]
    assert read.summary.value == "Homeshore: en-support, fr-support"
    assert read.dtstart.value.astimezone(UTC) == start
    assert read.dtend.value.astimezone(UTC) == start + timedelta(hours=4)
    assert event.decoded("dtstart").utcoffset() == timedelta(hours=2)
    assert event.decoded("dtend").utcoffset() == timedelta(hours=1)


def test_a_shift_in_the_repeated_hour_of_autumn_reads_back_at_its_instant() -> None:
    """02:15 happens twice in Paris on 27 October 2030; the second one (01:15 UTC) must not
    be read as the first (00:15 UTC)."""
    start = datetime(2030, 10, 27, 1, 15, tzinfo=UTC)
    shift = ShiftRead(
        id=1,
        agent_id="a1",
        start=start,
        end=start + timedelta(hours=3),
        local_start=start.replace(tzinfo=None),
        breaks=[],
        activities=[],
    )
    text = shifts_ical([shift], "a1", start, ZoneInfo("Europe/Paris"))
    expected = {(f"shift-a1-{start:%Y%m%dT%H%M%SZ}@homeshore", start, shift.end)}
    assert _icalendar_events(text)[0] == expected == _vobject_events(text)
