"""Judging a roster by expected service: coverage rules, Erlang per slot, weekly weighting."""

from __future__ import annotations

import pytest

from solver.roster import Activity, Shift
from solver.staffing.erlang_a import erlang_a_metrics
from solver.staffing.erlang_c import erlang_c_metrics
from solver.staffing.requirements import StaffingPlan, StaffingPolicy
from solver.staffing.roster_service import judge_roster, staffed_agents
from solver.timegrid import SlotGrid
from tests.staffing_helpers import forecast_with, one_day_horizon, roster, shift, utc


def _plan(contacts: dict[int, float], **policy: float) -> StaffingPlan:
    return StaffingPlan(
        forecast=forecast_with(contacts), policy=StaffingPolicy(shrinkage=0, **policy)
    )


def test_agents_count_only_on_whole_slots_of_their_queue_outside_breaks() -> None:
    grid = SlotGrid(one_day_horizon())
    partial = Shift(
        agent_id="p",
        start=utc(20),
        end=utc(24),
        activities=[Activity(queue="fr", start=utc(20).replace(minute=15), end=utc(24))],
    )
    counts = staffed_agents(
        roster(shift("a", 20, 24, breaks=(22,)), shift("b", 20, 22, queue="en"), partial),
        grid,
        ["fr", "en"],
    )
    assert counts["fr"][19:25].tolist() == [0, 1, 2, 1, 2, 0]
    assert counts["en"][19:23].tolist() == [0, 1, 1, 0]


def test_slot_service_is_erlang_c_of_the_staffed_agents() -> None:
    plan = _plan({20: 100.0, 21: 100.0})
    agents = [shift(f"a{i}", 20, 22) for i in range(14)] + [shift("x", 20, 21)]
    report = judge_roster(roster(*agents), plan)
    by_slot = {s.slot: s for s in report.slots}
    assert by_slot[20].staffed == 15
    assert by_slot[20].service_level == pytest.approx(
        erlang_c_metrics(15, 10.0, 180, 20).service_level
    )
    assert by_slot[21].asa_seconds == pytest.approx(erlang_c_metrics(14, 10.0, 180, 20).asa_seconds)
    week = next(w for w in report.weeks if w.queue is None)
    expected = (by_slot[20].service_level + by_slot[21].service_level) / 2
    assert week.service_level == pytest.approx(expected)
    assert week.slots_below_target == 0


def test_weekly_level_is_weighted_by_volume_and_overload_counts_as_zero() -> None:
    plan = _plan({20: 100.0, 30: 10.0})
    report = judge_roster(roster(*[shift(f"a{i}", 20, 21) for i in range(14)]), plan)
    slot30 = next(s for s in report.slots if s.slot == 30)
    assert slot30.staffed == 0 and slot30.service_level == 0.0 and slot30.asa_seconds is None
    week = next(w for w in report.weeks if w.queue == "fr")
    sl20 = erlang_c_metrics(14, 10.0, 180, 20).service_level
    assert week.service_level == pytest.approx(100 * sl20 / 110)
    assert week.unstable_slots == 1
    assert week.asa_seconds == pytest.approx(erlang_c_metrics(14, 10.0, 180, 20).asa_seconds)
    assert week.slots_below_target == 1
    assert any("1 overloaded slot" in line for line in report.summary_lines())


def test_shrinkage_and_erlang_a_follow_the_plan() -> None:
    plan = StaffingPlan(
        forecast=forecast_with({20: 100.0}),
        policy=StaffingPolicy(shrinkage=0.3, patience_seconds=120),
    )
    report = judge_roster(roster(*[shift(f"a{i}", 20, 21) for i in range(17)]), plan)
    [slot] = report.slots
    assert (slot.staffed, slot.on_phones) == (17, 11)
    expected = erlang_a_metrics(11, 10.0, 180, 120, 20)
    assert slot.service_level == pytest.approx(expected.service_level)
    assert slot.prob_abandon == pytest.approx(expected.prob_abandon)
    assert report.as_dict()["weeks"]


def test_an_asa_target_counts_slots_that_miss_it() -> None:
    plan = StaffingPlan(
        forecast=forecast_with({20: 100.0, 21: 100.0}),
        policy=StaffingPolicy(shrinkage=0, service_level=None, max_asa_seconds=5.0),
    )
    report = judge_roster(
        roster(*[shift(f"a{i}", 20, 22) for i in range(14)], shift("x", 20, 21)), plan
    )
    # 15 agents: ASA about 3 s; 14 agents: about 7.8 s, above the 5 s target.
    week = next(w for w in report.weeks if w.queue == "fr")
    assert week.slots_below_target == 1
