"""Every form of every linking rule agrees with the verifier's independent reading.

For random sets of one agent's candidate shifts, the verifier says whether the set keeps
the rules between shifts; the greedy check (``may_join``), the CP-SAT constraints (the set
forced on) and, with one shift a day, the LP rows (the set's 0/1 vector) must say the same.
The week-plan DP's answers must keep the weekly limits it models. Rule settings are chosen
so that each rule binds on some sets: a form that forgot its rule would pass illegal sets.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from typing import Any

import numpy as np
import pytest
from ortools.sat.python import cp_model

from solver.agent_week import agent_shifts, best_week_plan
from solver.candidates import Candidate
from solver.extract import build_roster
from solver.model.builder import build_model
from solver.model.inputs import ModelInputs, build_inputs
from solver.queue_split import split_over_queues
from solver.rules import (
    consecutive_days,
    daily_rest,
    keeps_linking_rules,
    shifts_per_day,
    weekly_hours,
    working_days,
)
from solver.rules.explain import by_agent_day
from solver.rules.lp import LinearRows
from solver.verifier import verify
from tests.verifier.builders import FIRST_DAY, agent, at, daily_windows, problem

LINKING_RULES = {
    "overlapping_shifts",
    "same_day_gap",
    "max_shifts_per_day",
    "min_rest",
    "max_working_days_per_week",
    "max_consecutive_days",
    "contract_max_hours",
    "aid_cap_week",
    "max_minutes_per_day",
    "aid_cap_day",
    "min_weekly_rest",
}

CASES: dict[str, dict[str, Any]] = {
    "a week after six days worked": {
        "rules": {"max_working_days_per_week": 7},
        "contract": {"min_hours_per_week": 0, "max_hours_per_week": 60},
        "before": [(FIRST_DAY - timedelta(days=d), "13:00", "21:00") for d in range(1, 7)],
        "binds": {"max_consecutive_days", "min_weekly_rest"},
    },
    "consecutive days over two weeks": {
        "days": 14,
        "rules": {
            "max_working_days_per_week": 7,
            "max_consecutive_days": 3,
            "min_weekly_rest_minutes": 0,
        },
        "contract": {"min_hours_per_week": 0, "max_hours_per_week": 60},
        "before": [(FIRST_DAY - timedelta(days=1), "12:00", "20:00")],
        "binds": {"max_consecutive_days"},
    },
    "weekly rest over two weeks": {
        "days": 14,
        "rules": {"max_working_days_per_week": 7, "min_weekly_rest_minutes": 2400},
        "contract": {"min_hours_per_week": 0, "max_hours_per_week": 60},
        "binds": {"min_weekly_rest"},
    },
    "one shift a day, days and hours tight": {
        "rules": {"max_working_days_per_week": 3, "min_rest_minutes": 780},
        "contract": {"min_hours_per_week": 0, "max_hours_per_week": 16},
        "binds": {"max_working_days_per_week", "contract_max_hours", "min_rest"},
    },
    "aid cap a week": {
        "rules": {"min_rest_minutes": 720},
        "contract": {"min_hours_per_week": 0, "max_hours_per_week": 35},
        "aid_cap": {"max_hours_per_week": 12},
        "binds": {"aid_cap_week"},
    },
    "two shifts a day, daily caps": {
        "rules": {
            "max_shifts_per_day": 2,
            "min_gap_same_day_minutes": 90,
            "max_shift_minutes": 300,
            "max_minutes_per_day": 420,
            "max_working_days_per_week": 4,
        },
        "contract": {"min_hours_per_week": 0, "max_hours_per_week": 30},
        "aid_cap": {"max_hours_per_week": 30, "max_hours_per_day": 5.5},
        "binds": {"max_working_days_per_week", "same_day_gap", "aid_cap_day"},
    },
}


def _inputs(case: dict[str, Any]) -> ModelInputs:
    extra = {"aid_cap": case["aid_cap"]} if "aid_cap" in case else {}
    days = case.get("days", 7)
    one = agent(
        "a1",
        contract=case["contract"],
        availability=daily_windows(FIRST_DAY, days, "07:00", "21:00"),
        **extra,
    )
    opening = [{"weekdays": list(range(7)), "open": "07:00", "close": "21:00"}]
    horizon = {"opening_hours": opening, "days": days}
    before = [
        {"agent_id": "a1", "start": at(str(day), start), "end": at(str(day), end)}
        for day, start, end in case.get("before", [])
    ]
    p = problem([one], rules=case["rules"], horizon=horizon, previous_shifts=before)
    return build_inputs(p)


def _random_sets(inputs: ModelInputs, count: int, seed: int) -> list[list[Candidate]]:
    rng = random.Random(seed)
    by_day: dict[int, list[Candidate]] = {}
    for cand in inputs.candidates:
        by_day.setdefault(cand.day, []).append(cand)
    sets = []
    for _ in range(count):
        days = rng.sample(sorted(by_day), rng.randint(1, min(len(by_day), 13)))
        picked = [rng.choice(by_day[d]) for d in days]
        if rng.random() < 0.3:  # a second shift on one of the days
            picked.append(rng.choice(by_day[days[0]]))
        sets.append(sorted(set(picked), key=lambda c: (c.start, c.end)))
    return sets


def _broken(inputs: ModelInputs, shifts: list[Candidate]) -> set[str]:
    narrowed = replace(inputs, candidates=shifts)
    _, flows = split_over_queues(narrowed, list(range(len(shifts))))
    roster = build_roster(narrowed, shifts, flows)
    found = {v.rule for v in verify(inputs.problem, roster).violations}
    assert found <= LINKING_RULES, found  # candidates keep the rules of one shift
    return found


def _cp_sat_ok(inputs: ModelInputs, shifts: list[Candidate]) -> bool:
    built = build_model(replace(inputs, candidates=shifts))
    for var in built.chosen:
        built.model.add(var == 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    status = solver.solve(built.model)
    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE)
    return status != cp_model.INFEASIBLE


def _lp_rows_hold(inputs: ModelInputs, shifts: list[Candidate]) -> bool:
    narrowed = replace(inputs, candidates=shifts)
    columns = list(range(len(shifts)))
    le = LinearRows.empty()
    per_day = by_agent_day(shifts)
    shifts_per_day.lp_rows(narrowed, per_day, columns, le)
    daily_rest.lp_rows(narrowed, per_day, columns, le)
    consecutive_days.lp_rows(narrowed, per_day, columns, le)
    weeks: dict[int, list[int]] = {}
    for i, cand in enumerate(shifts):
        weeks.setdefault(inputs.grid.week_of_day(cand.day), []).append(i)
    for week, members in weeks.items():
        weekly_hours.lp_row(narrowed, 0, week, members, columns, le)
        working_days.lp_row(narrowed, members, columns, le)
    lhs = np.zeros(len(le.rhs))
    np.add.at(lhs, le.rows, le.vals)  # every column is 1
    return bool(np.all(lhs <= np.array(le.rhs) + 1e-9))


@pytest.mark.parametrize("name", sorted(CASES))
def test_greedy_cp_sat_and_lp_forms_agree_with_the_verifier(name: str) -> None:
    inputs = _inputs(CASES[name])
    single = inputs.problem.rules.max_shifts_per_day == 1
    legal = illegal = 0
    seen: set[str] = set()
    for shifts in _random_sets(inputs, 60, seed=sorted(CASES).index(name)):
        broken = _broken(inputs, shifts)
        ok = not broken
        seen |= broken
        legal, illegal = legal + ok, illegal + (not ok)
        assert keeps_linking_rules(inputs, shifts) == ok, shifts
        assert _cp_sat_ok(inputs, shifts) == ok, shifts
        # The LP is exact on 0/1 points with one shift a day, but for weekly rest, left out.
        lp_ok = not broken - {"min_weekly_rest"}
        if lp_ok or single:
            assert _lp_rows_hold(inputs, shifts) == lp_ok, shifts
    assert legal >= 5 and illegal >= 5  # both sides of every case were exercised
    assert CASES[name]["binds"] <= seen, seen


@pytest.mark.parametrize("name", [n for n in sorted(CASES) if "one shift" in n or "aid" in n])
def test_week_plan_dp_keeps_the_weekly_limits_it_models(name: str) -> None:
    inputs = _inputs(CASES[name])
    own = agent_shifts(inputs, 0)
    rng = np.random.default_rng(7)
    for _ in range(20):
        cost = -rng.uniform(0, 1e6, size=own.members.size)  # every shift looks worth taking
        plan = best_week_plan(inputs, 0, own, cost)
        assert plan is not None and plan
        shifts = [inputs.candidates[i] for i in plan]
        narrowed = replace(inputs, candidates=shifts)
        _, flows = split_over_queues(narrowed, list(range(len(shifts))))
        report = verify(inputs.problem, build_roster(narrowed, shifts, flows))
        weekly = {"max_working_days_per_week", "contract_max_hours", "aid_cap_week"}
        assert not {v.rule for v in report.violations} & weekly
        assert keeps_linking_rules(inputs, shifts) == report.ok
