"""The aid cap and cost both bench generators give an agent (bench/hired_agent.py)."""

from __future__ import annotations

import random

from bench.hired_agent import AID_CAP_HOURS, hired_agent
from solver.problem import Agent


class Fixed(random.Random):
    """Every uniform draw at ``share`` of its range (the choice of cap still seeded)."""

    def __init__(self, share: float) -> None:
        super().__init__(0)
        self.share = share

    def random(self) -> float:
        return self.share


def _hire(share: float, minimum: float = 10.0) -> Agent:
    return hired_agent(
        Fixed(share),
        "a0001",
        "Agent 1",
        ("MA", "Africa/Casablanca", (8.0, 10.0)),
        ["fr-support"],
        (minimum, 30.0),
        ([], []),
    )


def test_a_capped_agent_has_half_the_cap_at_most_as_contract_minimum() -> None:
    agent = _hire(0.05, minimum=10.0)
    assert agent.aid_cap is not None
    cap = agent.aid_cap.max_hours_per_week
    assert cap in AID_CAP_HOURS and agent.aid_cap.max_hours_per_day == 4.0
    assert agent.contract.min_hours_per_week == min(10.0, cap / 2)
    assert agent.hourly_cost == 8.1


def test_an_agent_without_a_cap_keeps_the_contract_drawn() -> None:
    agent = _hire(0.5, minimum=10.0)
    assert agent.aid_cap is None
    assert agent.contract.min_hours_per_week == 10.0
    assert agent.contract.max_hours_per_week == 30.0
    assert (agent.id, agent.time_zone, agent.country) == ("a0001", "Africa/Casablanca", "MA")
    assert agent.hourly_cost == 9.0
