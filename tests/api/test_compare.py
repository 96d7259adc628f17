"""Comparing two published versions: the one comparison the web page and the outbox use, so a
moved shift is "moved" (not removed and added) and a moved break is a change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from api.db.database import Database
from api.db.models import Roster, RosterShift

MONDAY = datetime(2030, 1, 7, tzinfo=UTC)


def _shift(agent: str, day: int, start: int, end: int, pause: int | None) -> dict[str, object]:
    begin = MONDAY + timedelta(days=day, hours=start)
    breaks = []
    if pause is not None:
        at = MONDAY + timedelta(days=day, hours=pause)
        breaks = [{"start": at.isoformat(), "end": (at + timedelta(minutes=30)).isoformat()}]
    return {
        "agent_id": agent,
        "start": begin,
        "end": MONDAY + timedelta(days=day, hours=end),
        "breaks": breaks,
        "activities": [],
    }


def _publish(
    database: Database, period_id: int, version: int | None, shifts: list[dict[str, object]]
) -> int:
    """A roster with ``shifts``: published as ``version``, or a draft when it is None."""
    with database.session(write=True) as session:
        roster = Roster(
            period_id=period_id,
            version=version,
            verified_ok=True,
            published_at=MONDAY if version else None,
            kpis={},
        )
        session.add(roster)
        session.flush()
        session.add_all(RosterShift(roster_id=roster.id, **s) for s in shifts)
        return roster.id


def test_moves_breaks_additions_and_removals_per_agent(
    manager: TestClient, database: Database, period_id: int
) -> None:
    _publish(
        database,
        period_id,
        1,
        [_shift("a1", 0, 8, 14, 11), _shift("a1", 1, 8, 12, None), _shift("a2", 0, 8, 14, 11)],
    )
    _publish(
        database,
        period_id,
        2,
        [_shift("a1", 0, 9, 15, 12), _shift("a2", 0, 8, 14, 12), _shift("a2", 2, 8, 12, None)],
    )
    response = manager.get(f"/api/v1/periods/{period_id}/rosters/compare?base=1&other=2")
    assert response.status_code == 200, response.text
    body = response.json()
    by_agent = {c["agent_id"]: c for c in body["changes"]}
    a1, a2 = by_agent["a1"], by_agent["a2"]
    assert [m["after"]["start"] for m in a1["moved"]] == ["2030-01-07T09:00:00Z"]
    assert len(a1["removed"]) == 1 and a1["added"] == []
    assert (a1["hours_before"], a1["hours_after"]) == (9.5, 5.5)
    assert len(a2["moved"]) == 1, "the same hours with the break moved is a change"
    assert len(a2["added"]) == 1 and a2["removed"] == []
    assert body["unchanged_shifts"] == 0
    assert body["hours_delta"] == 0.0


def test_an_unknown_version_is_a_404(manager: TestClient, period_id: int) -> None:
    response = manager.get(f"/api/v1/periods/{period_id}/rosters/compare?base=1&other=2")
    assert response.status_code == 404


def test_rosters_are_compared_by_id_drafts_included(
    manager: TestClient, database: Database, period_id: int
) -> None:
    published = _publish(database, period_id, 1, [_shift("a1", 0, 8, 14, 11)])
    draft = _publish(database, period_id, None, [_shift("a1", 0, 9, 15, 12)])
    url = f"/api/v1/periods/{period_id}/rosters/compare"
    response = manager.get(url, params={"base_roster": published, "other_roster": draft})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["base_roster_id"], body["other_roster_id"]) == (published, draft)
    assert (body["base_version"], body["other_version"]) == (1, None)
    assert [c["agent_id"] for c in body["changes"]] == ["a1"]
    mixed = manager.get(url, params={"base": 1, "other_roster": draft})
    assert mixed.status_code == 200 and mixed.json()["base_roster_id"] == published


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"base_roster": 1, "base": 1, "other": 1}, "base_roster"),
        ({"base": 1}, "other_roster"),
    ],
)
def test_each_side_is_named_exactly_once(
    manager: TestClient, database: Database, period_id: int, params: dict[str, int], field: str
) -> None:
    _publish(database, period_id, 1, [_shift("a1", 0, 8, 14, 11)])
    response = manager.get(f"/api/v1/periods/{period_id}/rosters/compare", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["field"] == field


def test_a_roster_of_another_period_is_a_404(
    manager: TestClient, database: Database, period_id: int
) -> None:
    mine = _publish(database, period_id, 1, [_shift("a1", 0, 8, 14, 11)])
    other = manager.post("/api/v1/sites/paris/periods", json={"first_day": "2030-02-04"})
    other_period = other.json()["id"]
    params = {"base_roster": mine, "other_roster": mine}
    response = manager.get(f"/api/v1/periods/{other_period}/rosters/compare", params=params)
    assert response.status_code == 404
