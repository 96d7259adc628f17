"""The roster page's edit forms: a kept edit opens the new draft, a refused one names the rule."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.db.database import Database
from tests.api.conftest import ClientFor
from tests.web.conftest import LoginAs, add_roster


def _offer(client_for: ClientFor, period_id: int) -> None:
    window = {"windows": [{"start": "2030-01-07T07:00", "end": "2030-01-07T19:00"}]}
    response = client_for("agent", "a1").post(
        f"/api/v1/periods/{period_id}/availability/a1", json=window
    )
    assert response.status_code == 200, response.text


def test_move_refuse_and_lock_from_the_roster_page(
    login_as: LoginAs,
    client_for: ClientFor,
    database: Database,
    period_id: int,
    manager: TestClient,
) -> None:
    _offer(client_for, period_id)
    published = add_roster(database, period_id, version=1, hour=7)  # a1 08:00-12:00 Paris
    pages, csrf = login_as("manager")
    page = pages.get(f"/manage/periods/{period_id}/roster?roster_id={published}&lang=fr").text
    assert "Ajuster à la main" in page and 'id="edit-form"' in page
    shift_id = re.findall(r'<select id="edit-shift" name="shift_id"><option value="(\d+)"', page)[0]
    late = {"csrf_token": csrf, "action": "move", "shift_id": shift_id}
    refused = pages.post(
        f"/manage/rosters/{published}/edit",
        data={**late, "start": "2030-01-07T18:00", "end": "2030-01-07T21:00"},
    )
    assert refused.status_code == 422 and "<code>shift." in refused.text
    assert len(manager.get(f"/api/v1/periods/{period_id}/rosters").json()) == 1
    moved = pages.post(
        f"/manage/rosters/{published}/edit",
        data={**late, "start": "2030-01-07T09:00", "end": "2030-01-07T12:00"},
    )
    assert moved.status_code == 303, moved.text
    draft = int(re.findall(r"roster_id=(\d+)", moved.headers["location"])[0])
    assert draft != published
    [shift] = manager.get(f"/api/v1/rosters/{draft}").json()["shifts"]
    assert (shift["start"], shift["end"]) == ("2030-01-07T08:00:00Z", "2030-01-07T11:00:00Z")
    locked = pages.post(
        f"/manage/rosters/{draft}/edit",
        data={"csrf_token": csrf, "action": "lock", "shift_id": str(shift["id"])},
    )
    assert locked.status_code == 303
    assert manager.get(f"/api/v1/rosters/{draft}").json()["shifts"][0]["locked"] is True
    shown = pages.get(moved.headers["location"]).text
    assert f'name="locks_from_roster_id" value="{draft}"' in shown
