"""Agents from CSV: all rows or none, each bad row named by line and field."""

from __future__ import annotations

from fastapi.testclient import TestClient

HEADER = (
    "id,site_id,name,time_zone,country,skills,hourly_cost,"
    "contract_min,contract_max,aid_cap_week,aid_cap_day\n"
)


def _upload(manager: TestClient, text: str):  # type: ignore[no-untyped-def]
    return manager.post(
        "/api/v1/agents/import.csv", files={"file": ("agents.csv", text.encode(), "text/csv")}
    )


def test_every_row_becomes_an_agent(manager: TestClient, period_id: int) -> None:
    text = HEADER + (
        'b1,paris,Bo,Europe/Brussels,be,fr,"15,5",10,24,,\n'
        "b2,paris,Lina,Africa/Casablanca,MA,fr,11,0,30,12,4\n"
    )
    response = _upload(manager, text)
    assert response.status_code == 201, response.text
    assert [a["id"] for a in response.json()] == ["b1", "b2"]
    b2 = manager.get("/api/v1/agents/b2").json()
    assert b2["aid_cap"] == {"max_hours_per_week": 12, "max_hours_per_day": 4}
    assert manager.get("/api/v1/agents/b1").json()["hourly_cost"] == 15.5


def test_a_bad_row_refuses_the_whole_file_naming_line_and_field(
    manager: TestClient, period_id: int
) -> None:
    text = HEADER + (
        "b1,paris,Bo,Europe/Brussels,BE,fr,15,10,24,,\n"
        "b2,paris,Lina,Mars/Olympus,MA,fr,11,0,30,,\n"
        "b3,paris,Ana,Europe/Paris,FR,de-sales,11,0,30,,\n"
        "b1,paris,Bo again,Europe/Paris,FR,fr,11,0,30,,\n"
    )
    response = _upload(manager, text)
    assert response.status_code == 422, response.text
    fields = [d["field"] for d in response.json()["detail"]]
    assert "file.line[3].time_zone" in fields and "file.line[5].id" in fields
    assert manager.get("/api/v1/agents/b1").status_code == 404, "nothing is written"
    missing = _upload(manager, "id,site_id\nb9,paris\n")
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["field"] == "file.header"


def test_a_row_the_service_refuses_is_named_too(manager: TestClient, period_id: int) -> None:
    text = HEADER + "b1,paris,Bo,Europe/Brussels,BE,de-sales,15,10,24,,\n"
    response = _upload(manager, text)
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["field"].startswith("file.line[2].")
    assert manager.get("/api/v1/agents/b1").status_code == 404
