"""An agent typed as text (a CSV row, the people form) read into its wire body."""

from __future__ import annotations

from api.agents.schemas import AgentCreate
from api.agents.typed_body import agent_body, typed_number


def test_numbers_take_a_decimal_comma_and_keep_what_is_no_number() -> None:
    assert typed_number(" 15,5 ") == 15.5
    assert typed_number("") is None and typed_number("   ") is None
    assert typed_number("lots") == "lots", "left for the wire model to refuse"


def test_an_agent_typed_as_text_is_the_wire_body_the_api_takes() -> None:
    cells = {
        "name": "Ana",
        "time_zone": "Europe/Paris",
        "country": "fr",
        "hourly_cost": "15,5",
        "contract_max": "30",
        "aid_cap_week": "12",
    }
    body = agent_body(cells, ["fr-support"], accepts_changes=False)
    agent = AgentCreate.model_validate({**body, "id": "a1", "site_id": "paris"})
    assert (agent.country, agent.hourly_cost, agent.accepts_changes) == ("FR", 15.5, False)
    assert (agent.contract.min_hours_per_week, agent.contract.max_hours_per_week) == (0, 30)
    assert agent.aid_cap is not None and agent.aid_cap.max_hours_per_week == 12
    assert agent.aid_cap.max_hours_per_day is None
    assert "aid_cap" not in agent_body({**cells, "aid_cap_week": ""}, ["fr"], True)
