"""Decision reasons are stored as codes and parameters and read in the caller's language
(English, French), times in the agent's own time zone, numbers and days through Babel."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from api.db.database import Database
from api.requests.reasons import LANGUAGES, TEXTS, Reason, render
from tests.api.conftest import ClientFor
from tests.api.requests_site import iso, set_up_week

SAMPLE = {
    "kind": "drop",
    "days": ["2030-01-08"],
    "detail": "works 45h00 in week 1",
    "ahead": 20,
    "notice": 48,
    "count": 2,
    "day": "2030-01-08",
    "allowed": 1,
    "queue": "fr-sales",
    "after": 3,
    "required": 5,
    "start": "2030-01-08T09:00:00+00:00",
    "end": "2030-01-08T10:00:00+00:00",
    "position": 2,
    "note": "busy week",
    "colleague": "a3",
    "colleagues": ["a3", "a4"],
}


@pytest.mark.parametrize("code", sorted(TEXTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reason_has_words_in_every_language_with_all_its_values(
    code: str, language: str
) -> None:
    text = render(Reason(code, SAMPLE), language, ZoneInfo("Europe/Paris"))
    assert text and "{" not in text


def test_the_coverage_sentence_in_english_and_french_in_the_agents_zone() -> None:
    reason = Reason(
        "coverage_drop",
        {
            "queue": "fr-sales",
            "after": 3,
            "required": 5,
            "start": datetime(2030, 1, 8, 9, tzinfo=UTC).isoformat(),
            "end": datetime(2030, 1, 8, 10, tzinfo=UTC).isoformat(),
        },
    )
    paris, montreal = ZoneInfo("Europe/Paris"), ZoneInfo("America/Montreal")
    assert (
        render(reason, "en", paris)
        == "fr-sales would fall to 3 of 5 agents on Tue 8 Jan 10:00–11:00."
    )
    assert render(reason, "fr", paris) == (
        "fr-sales tomberait à 3 agents sur 5 mardi 8 janvier 10:00–11:00."
    )
    assert render(reason, "fr", montreal) == (
        "fr-sales tomberait à 3 agents sur 5 mardi 8 janvier 04:00–05:00."
    )


def test_french_says_one_agent_and_three_agents() -> None:
    params = {"queue": "q", "required": 5, "start": SAMPLE["start"], "end": SAMPLE["end"]}
    texts = [
        render(Reason("coverage_drop", {**params, "after": n}), "fr", ZoneInfo("UTC"))
        for n in (0, 1, 3)
    ]
    assert [t.split(" sur ")[0] for t in texts] == [
        "q tomberait à 0 agent",
        "q tomberait à 1 agent",
        "q tomberait à 3 agents",
    ]


def test_numbers_follow_the_language() -> None:
    reason = Reason("short_notice", {"ahead": 20, "notice": 1.5})
    assert "1.5 h notice" in render(reason, "en", ZoneInfo("UTC"))
    assert "1,5 h de préavis" in render(reason, "fr", ZoneInfo("UTC"))


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="no words"):
        Reason("made_up")


def test_the_api_answers_in_the_callers_language_with_codes_for_machines(
    manager: TestClient, client_for: ClientFor, database: Database
) -> None:
    set_up_week(manager, database, {"min_coverage_ratio": 0.8})
    a1 = client_for("agent", "a1")
    asked = a1.post(
        "/api/v1/agents/a1/requests/time-off",
        json={"start": iso(1, 0), "end": iso(2, 0)},
        headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"},
    )
    assert asked.status_code == 201, asked.text
    body = asked.json()
    assert body["decision"] == (
        "fr-support tomberait à 1 agent sur 2 mardi 8 janvier 08:00–12:00. "
        "fr-support tomberait à 1 agent sur 2 mardi 8 janvier 12:30–16:00."
    )
    first = body["reasons"][0]
    assert (first["code"], first["params"]["queue"], first["params"]["after"]) == (
        "coverage_drop",
        "fr-support",
        1,
    )
    english = manager.get(f"/api/v1/requests/{body['id']}").json()
    assert english["decision"].startswith("fr-support would fall to 1 of 2 agents on Tue 8 Jan")
    assert (
        manager.get(f"/api/v1/requests/{body['id']}?lang=fr").json()["decision"]
        == (body["decision"])
    )
    declined = manager.post(
        f"/api/v1/requests/{body['id']}/decline?lang=fr", json={"note": "Semaine chargée."}
    ).json()
    assert declined["decision"] == "Refusé par un responsable. Semaine chargée."
    assert [r["code"] for r in declined["reasons"]] == ["declined_by_manager", "manager_note"]
