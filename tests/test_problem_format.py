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
