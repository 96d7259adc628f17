"""Rules one shift breaks on its own: each caught with its code and agent, and a clean pass."""

from __future__ import annotations

from solver.problem import Problem
from solver.roster import Shift
from solver.verifier import verify
from tests.verifier.builders import FIRST_DAY, agent, daily_windows, problem, roster, shift

TUE = "2026-12-01"


def broken(planning: Problem, *shifts: Shift) -> list[tuple[str, str | None]]:
    report = verify(planning, roster(*shifts))
    return [(v.rule, v.agent_id) for v in report.violations]


def test_a_compliant_shift_passes() -> None:
    report = verify(problem(), roster(shift("a1", TUE, "08:00", "12:00")))
    assert report.ok
    assert report.violations == []


def test_unknown_agent() -> None:
    assert broken(problem(), shift("ghost", TUE, "08:00", "12:00")) == [("unknown_agent", "ghost")]


def test_outside_horizon() -> None:
    extended = agent(availability=daily_windows(FIRST_DAY, 8, "08:00", "20:00"))
    found = broken(problem([extended]), shift("a1", "2026-12-07", "08:00", "12:00"))
    assert found == [("outside_horizon", "a1")]


def test_availability_is_the_union_of_windows() -> None:
    split = agent(
        availability=[
            {"start": f"{TUE}T08:00", "end": f"{TUE}T10:00"},
            {"start": f"{TUE}T10:00", "end": f"{TUE}T14:00"},
        ]
    )
    assert (
        broken(problem([split]), shift("a1", TUE, "08:00", "14:00", breaks=(("11:00", "11:30"),)))
        == []
    )
    assert broken(problem([split]), shift("a1", TUE, "12:00", "15:00")) == [("availability", "a1")]


def test_site_closed_on_a_closed_weekday_and_after_closing() -> None:
    late = agent(availability=daily_windows(FIRST_DAY, 7, "08:00", "23:00"))
    assert broken(problem([late]), shift("a1", "2026-12-06", "10:00", "14:00")) == [
        ("site_closed", "a1")
    ]
    report = verify(problem([late]), roster(shift("a1", TUE, "18:00", "21:00")))
    assert [(v.rule, v.at.isoformat(timespec="minutes")) for v in report.violations] == [
        ("site_closed", "2026-12-01T20:00+01:00")
    ]


def test_closing_at_midnight_means_end_of_day() -> None:
    evening_agent = agent(availability=[{"start": f"{TUE}T16:00", "end": "2026-12-02T00:00"}])
    late_shift = shift("a1", TUE, "20:00", "00:00", end_day="2026-12-02")
    open_until_midnight = {"opening_hours": [{"weekdays": [1], "open": "16:00", "close": "00:00"}]}
    assert broken(problem([evening_agent], horizon=open_until_midnight), late_shift) == []
    open_until_eleven = {"opening_hours": [{"weekdays": [1], "open": "16:00", "close": "23:00"}]}
    assert broken(problem([evening_agent], horizon=open_until_eleven), late_shift) == [
        ("site_closed", "a1")
    ]


def test_min_and_max_shift_minutes() -> None:
    assert broken(problem(), shift("a1", TUE, "08:00", "09:30")) == [("min_shift_minutes", "a1")]
    report = verify(
        problem(), roster(shift("a1", TUE, "08:00", "17:00", breaks=(("12:00", "12:30"),)))
    )
    assert [str(v) for v in report.violations] == [
        "agent a1 at 2026-12-01T08:00+01:00: max_shift_minutes: shift spans 9h00, longer than 8h00"
    ]


def test_break_too_short() -> None:
    found = broken(problem(), shift("a1", TUE, "08:00", "14:00", breaks=(("11:00", "11:10"),)))
    assert found == [("break_too_short", "a1")]


def test_break_outside_shift() -> None:
    found = broken(problem(), shift("a1", TUE, "08:00", "12:00", breaks=(("12:00", "12:30"),)))
    assert found == [("break_outside_shift", "a1")]


def test_overlapping_breaks() -> None:
    found = broken(
        problem(),
        shift("a1", TUE, "08:00", "14:00", breaks=(("10:00", "10:30"), ("10:20", "10:50"))),
    )
    assert found == [("overlapping_breaks", "a1")]


def test_continuous_work_counts_each_stretch() -> None:
    assert broken(problem(), shift("a1", TUE, "08:00", "15:00")) == [("continuous_work", "a1")]
    assert broken(problem(), shift("a1", TUE, "08:00", "15:00", breaks=(("14:00", "14:30"),))) == []
    late_break = shift("a1", TUE, "08:00", "15:30", breaks=(("14:30", "15:00"),))
    assert broken(problem(), late_break) == [("continuous_work", "a1")]


def test_activities_must_cover_exactly_the_worked_time() -> None:
    gap = shift("a1", TUE, "08:00", "12:00", activities=[("08:00", "11:00", "fr")])
    assert broken(problem(), gap) == [("activities", "a1")]
    over_break = shift(
        "a1",
        TUE,
        "08:00",
        "12:00",
        breaks=(("10:00", "10:30"),),
        activities=[("08:00", "10:15", "fr"), ("10:30", "12:00", "fr")],
    )
    assert broken(problem(), over_break) == [("activities", "a1")]
    overlapping = shift(
        "a1", TUE, "08:00", "12:00", activities=[("08:00", "10:30", "fr"), ("10:00", "12:00", "fr")]
    )
    assert broken(problem(), overlapping) == [("activities", "a1")]
    outside = shift(
        "a1", TUE, "08:00", "12:00", activities=[("08:00", "12:00", "fr"), ("12:00", "13:00", "fr")]
    )
    assert broken(problem(), outside) == [("activities", "a1")]
    two_queues = shift(
        "a1",
        TUE,
        "08:00",
        "12:00",
        activities=[("08:00", "10:00", "fr"), ("10:00", "12:00", "fr-onshore")],
    )
    assert broken(problem(), two_queues) == []


def test_skill_is_required_and_queue_must_exist() -> None:
    with_german = problem(queues=[{"id": "fr", "skill": "fr"}, {"id": "de", "skill": "de"}])
    assert broken(with_german, shift("a1", TUE, "08:00", "12:00", queue="de")) == [("skill", "a1")]
    assert broken(problem(), shift("a1", TUE, "08:00", "12:00", queue="nowhere")) == [
        ("skill", "a1")
    ]


def test_onshore_queue_refuses_other_countries() -> None:
    moroccan = agent("m1", country="MA", time_zone="Africa/Casablanca")
    found = broken(problem([moroccan]), shift("m1", TUE, "08:00", "12:00", queue="fr-onshore"))
    assert found == [("onshore", "m1")]
    assert broken(problem([moroccan]), shift("m1", TUE, "08:00", "12:00", queue="fr")) == []


def test_every_broken_rule_is_reported() -> None:
    bad = shift("a1", "2026-12-06", "06:00", "16:00", queue="nowhere")
    rules = {rule for rule, _ in broken(problem(), bad)}
    assert rules == {"availability", "site_closed", "max_shift_minutes", "continuous_work", "skill"}
