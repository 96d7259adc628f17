"""The input format: shape errors from pydantic, cross-field errors from validation."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from solver.horizon_windows import clipping_warnings
from solver.problem import Problem
from solver.validation import check_problem


def _problem(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "horizon": {
            "first_day": "2026-11-30",
            "days": 7,
            "slot_minutes": 30,
            "time_zone": "Europe/Paris",
            "opening_hours": [{"weekdays": [0, 1, 2, 3, 4, 5], "open": "08:00", "close": "20:00"}],
        },
        "queues": [{"id": "fr-support", "skill": "fr"}],
        "agents": [
            {
                "id": "a1",
                "time_zone": "Europe/Paris",
                "country": "FR",
                "skills": ["fr"],
                "hourly_cost": 14.0,
                "contract": {"min_hours_per_week": 5, "max_hours_per_week": 20},
                "availability": [{"start": "2026-11-30T08:00", "end": "2026-11-30T12:00"}],
            }
        ],
    }
    data.update(overrides)
    return data


def test_a_valid_problem_has_no_issues() -> None:
    assert check_problem(Problem.model_validate(_problem())) == []


def test_unknown_time_zone_is_rejected_with_its_name() -> None:
    data = _problem()
    data["horizon"]["time_zone"] = "Europe/Atlantis"  # type: ignore[index]
    with pytest.raises(ValidationError, match="Europe/Atlantis"):
        Problem.model_validate(data)


def test_window_outside_horizon_is_dropped_with_a_warning_naming_agent_and_field() -> None:
    data = _problem()
    data["agents"][0]["availability"] = [  # type: ignore[index]
        {"start": "2026-12-08T08:00", "end": "2026-12-08T12:00"}
    ]
    problem = Problem.model_validate(data)
    assert check_problem(problem) == []
    [warning] = clipping_warnings(problem)
    assert warning.startswith("agent a1: agents[0].availability[0]: window 2026-12-08 08:00")
    assert warning.endswith("lies wholly outside the horizon; dropped")


def test_cap_below_contract_minimum_is_reported() -> None:
    data = _problem()
    data["agents"][0]["aid_cap"] = {"max_hours_per_week": 3}  # type: ignore[index]
    issues = check_problem(Problem.model_validate(data))
    assert [i.field for i in issues] == ["agents[0].aid_cap.max_hours_per_week"]


def test_skill_no_queue_uses_is_reported() -> None:
    data = _problem()
    data["agents"][0]["skills"] = ["fr", "de"]  # type: ignore[index]
    issues = check_problem(Problem.model_validate(data))
    assert ["'de'" in i.reason for i in issues] == [True]


def test_overlapping_windows_are_reported() -> None:
    data = _problem()
    data["agents"][0]["availability"] = [  # type: ignore[index]
        {"start": "2026-11-30T08:00", "end": "2026-11-30T12:00"},
        {"start": "2026-11-30T11:00", "end": "2026-11-30T13:00"},
    ]
    issues = check_problem(Problem.model_validate(data))
    assert [i.field for i in issues] == ["agents[0].availability[1]"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"weights": {"unmet_demand": 1e308}}, "weights.unmet_demand"),
        ({"weights": {"labour_cost": 1_000_001}}, "weights.labour_cost"),
        ({"queues": [{"id": "q", "skill": "fr", "countries": ["ZZ"]}]}, "queues.0.countries.0"),
    ],
)
def test_out_of_range_weights_and_unknown_countries_are_refused(
    change: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        Problem.model_validate(_problem(**change))
    assert [".".join(map(str, e["loc"])) for e in raised.value.errors()] == [field]


@pytest.mark.parametrize(("key", "value"), [("country", "ZZ"), ("hourly_cost", 1e-320)])
def test_an_agent_needs_an_iso_country_and_a_representable_cost(key: str, value: object) -> None:
    data = _problem()
    agents = data["agents"]
    assert isinstance(agents, list)
    agents[0][key] = value
    with pytest.raises(ValidationError) as raised:
        Problem.model_validate(data)
    assert raised.value.errors()[0]["loc"] == ("agents", 0, key)


def test_the_weight_bound_keeps_every_coefficient_exact() -> None:
    """MAX_WEIGHT's derivation (solver/problem.py) against the model's actual scaling."""
    from solver.model.inputs import SCALE
    from solver.problem import MAX_HOURLY_COST, MAX_WEIGHT

    slot_hours, top_priority = 0.5, 100
    largest = max(
        MAX_WEIGHT * top_priority * slot_hours * SCALE,  # unmet demand per agent-slot
        MAX_WEIGHT * MAX_HOURLY_COST * slot_hours * SCALE,  # labour per agent-slot
        MAX_WEIGHT * SCALE,  # one changed shift
    )
    assert largest <= 2**53
    assert 2**63 / largest > 100_000
