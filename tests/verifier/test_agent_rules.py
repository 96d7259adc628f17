"""Rules across one agent's shifts: overlap, gaps, rest, daily and weekly limits, locks."""

from __future__ import annotations

from solver.problem import Problem
from solver.roster import Shift
from solver.verifier import verify
from tests.verifier.builders import FIRST_DAY, agent, at, daily_windows, problem, roster, shift

TUE, WED, THU = "2026-12-01", "2026-12-02", "2026-12-03"
LUNCH = (("11:00", "11:30"),)


def broken(planning: Problem, *shifts: Shift) -> list[tuple[str, str | None]]:
    return [(v.rule, v.agent_id) for v in verify(planning, roster(*shifts)).violations]


def test_overlapping_shifts() -> None:
    two_a_day = problem(rules={"max_shifts_per_day": 2})
    found = broken(
        two_a_day, shift("a1", TUE, "08:00", "12:00"), shift("a1", TUE, "11:00", "14:00")
    )
    assert found == [("overlapping_shifts", "a1")]


def test_max_shifts_per_day() -> None:
    found = broken(
        problem(), shift("a1", TUE, "08:00", "10:00"), shift("a1", TUE, "14:00", "16:00")
    )
    assert found == [("max_shifts_per_day", "a1")]
    two_a_day = problem(rules={"max_shifts_per_day": 2})
    assert (
        broken(two_a_day, shift("a1", TUE, "08:00", "10:00"), shift("a1", TUE, "14:00", "16:00"))
        == []
    )


def test_same_day_gap() -> None:
    two_a_day = problem(rules={"max_shifts_per_day": 2})
    found = broken(
        two_a_day, shift("a1", TUE, "08:00", "10:00"), shift("a1", TUE, "10:30", "12:30")
    )
    assert found == [("same_day_gap", "a1")]
    assert (
        broken(two_a_day, shift("a1", TUE, "08:00", "10:00"), shift("a1", TUE, "11:00", "13:00"))
        == []
    )


def test_min_rest_between_days() -> None:
    evening = shift("a1", TUE, "12:00", "20:00", breaks=(("15:00", "15:30"),))
    morning = shift("a1", WED, "08:00", "10:00")
    assert broken(problem(rules={"min_rest_minutes": 720}), evening, morning) == []
    report = verify(problem(rules={"min_rest_minutes": 780}), roster(evening, morning))
    assert [str(v) for v in report.violations] == [
        "agent a1 at 2026-12-02T08:00+01:00: min_rest: rest between shifts is 12h00 "
        "(after shift 2026-12-01 12:00-20:00), less than 13h00"
    ]


def test_max_minutes_per_day_counts_worked_time() -> None:
    rules = {"max_shifts_per_day": 2, "max_minutes_per_day": 300}
    found = broken(
        problem(rules=rules), shift("a1", TUE, "08:00", "11:00"), shift("a1", TUE, "13:00", "16:00")
    )
    assert found == [("max_minutes_per_day", "a1")]
    with_break = shift("a1", TUE, "13:00", "15:30", breaks=(("14:00", "14:30"),))
    assert broken(problem(rules=rules), shift("a1", TUE, "08:00", "11:00"), with_break) == []


def test_max_working_days_per_week() -> None:
    rules = {"max_working_days_per_week": 2}
    days = [shift("a1", d, "08:00", "10:00") for d in (TUE, WED, THU)]
    assert broken(problem(rules=rules), *days) == [("max_working_days_per_week", "a1")]
    assert broken(problem(rules=rules), *days[:2]) == []


def test_contract_max_hours() -> None:
    capped = agent(contract={"max_hours_per_week": 10})
    days = [shift("a1", d, "08:00", "12:00") for d in (TUE, WED, THU)]
    assert broken(problem([capped]), *days) == [("contract_max_hours", "a1")]
    assert broken(problem([capped]), *days[:2]) == []


def test_contract_max_is_scaled_for_a_partial_final_week() -> None:
    # 10 days: week 2 holds 3 days, so a 42 h contract allows 18 h there.
    long_agent = agent(
        contract={"max_hours_per_week": 42},
        availability=daily_windows(FIRST_DAY, 10, "08:00", "20:00"),
    )
    ten_days = problem([long_agent], horizon={"days": 10})
    six_hours = [
        shift("a1", d, "08:00", "14:30", breaks=LUNCH)
        for d in ("2026-12-07", "2026-12-08", "2026-12-09")
    ]
    assert broken(ten_days, *six_hours) == []
    longer = shift("a1", "2026-12-09", "08:00", "15:00", breaks=LUNCH)
    report = verify(ten_days, roster(*six_hours[:2], longer))
    assert [(v.rule, v.at.isoformat(timespec="minutes")) for v in report.violations] == [
        ("contract_max_hours", "2026-12-07T00:00+01:00")
    ]


def test_aid_cap_week_and_day() -> None:
    weekly = agent(aid_cap={"max_hours_per_week": 6})
    days = [shift("a1", d, "08:00", "12:00") for d in (TUE, WED)]
    assert broken(problem([weekly]), *days) == [("aid_cap_week", "a1")]
    assert broken(problem([weekly]), days[0]) == []
    daily = agent(aid_cap={"max_hours_per_week": 20, "max_hours_per_day": 3})
    assert broken(problem([daily]), shift("a1", TUE, "08:00", "12:00")) == [("aid_cap_day", "a1")]
    assert broken(problem([daily]), shift("a1", TUE, "08:00", "11:00")) == []


def _lock(start: str, end: str, breaks: list[tuple[str, str]]) -> dict[str, object]:
    return {
        "agent_id": "a1",
        "start": at(TUE, start).isoformat(),
        "end": at(TUE, end).isoformat(),
        "breaks": [
            {"start": at(TUE, s).isoformat(), "end": at(TUE, e).isoformat()} for s, e in breaks
        ],
    }


def test_locked_shift_must_appear_unchanged() -> None:
    locked = problem(locked_shifts=[_lock("08:00", "15:00", [("11:00", "11:30")])])
    assert broken(locked, shift("a1", TUE, "08:00", "15:00", breaks=LUNCH)) == []
    assert broken(locked, shift("a1", WED, "08:00", "15:00", breaks=LUNCH)) == [
        ("locked_shift", "a1")
    ]
    moved_break = shift("a1", TUE, "08:00", "15:00", breaks=(("12:00", "12:30"),))
    report = verify(locked, roster(moved_break))
    assert [(v.rule, v.message) for v in report.violations] == [
        ("locked_shift", "locked shift 2026-12-01 08:00-15:00 appears with different breaks")
    ]


def test_a_realistic_week_for_two_agents_passes() -> None:
    agents = [agent("a1"), agent("m1", country="MA", time_zone="Africa/Casablanca")]
    shifts = [
        shift(who, day, start, end, breaks=LUNCH if end > "12:00" else ())
        for day in (TUE, WED, THU, "2026-12-04", "2026-12-05")
        for who, start, end in (("a1", "08:00", "14:30"), ("m1", "10:00", "12:00"))
    ]
    report = verify(problem(agents), roster(*shifts))
    assert report.violations == []
    assert report.ok
