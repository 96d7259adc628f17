"""Each hard rule on its own: a tiny problem where demand pushes against the rule.

Demand is always larger than the rule allows, so a model that forgot the rule would
break it; the verifier (inside ``solve_checked``) would then fail the test, and each
test also asserts the figure the rule bounds.
"""

from __future__ import annotations

from datetime import timedelta

from solver.problem import Problem
from tests.solver.checked import solve_checked
from tests.verifier.builders import FIRST_DAY, agent, at, daily_windows, problem

MONDAY = str(FIRST_DAY)


def _all_week_demand(queue: str = "fr", agents: int = 3) -> list[dict[str, object]]:
    return [
        {
            "queue": queue,
            "start": f"{FIRST_DAY + timedelta(days=d)}T08:00",
            "required": [agents] * 24,
        }
        for d in range(6)
    ]


def _worked_hours(p: Problem, agent_id: str) -> float:
    """Worked hours as the verifier recomputes them from the roster."""
    weeks = solve_checked(p).report.kpis.agent_weeks
    return sum(w.worked_hours for w in weeks if w.agent_id == agent_id)


def _shifts(p: Problem) -> list:  # type: ignore[type-arg]
    return solve_checked(p).roster.shifts


def test_work_only_inside_availability_in_the_agents_own_zone() -> None:
    # 09:00-13:00 in Mauritius is 06:00-10:00 in Paris; the site opens at 08:00.
    p = problem(
        [
            agent(
                "m1",
                time_zone="Indian/Mauritius",
                country="MU",
                availability=daily_windows(FIRST_DAY, 1, "09:00", "13:00"),
            )
        ],
        demand=_all_week_demand(),
    )
    shifts = _shifts(p)
    assert len(shifts) == 1
    assert shifts[0].start == at(MONDAY, "08:00")  # the site opens; 11:00 in Mauritius
    assert shifts[0].end == at(MONDAY, "10:00")  # 13:00 in Mauritius


def test_max_shift_length_and_break_over_six_hours() -> None:
    p = problem(
        [agent("a1", availability=daily_windows(FIRST_DAY, 1, "08:00", "20:00"))],
        demand=_all_week_demand(agents=1),
    )
    shifts = _shifts(p)
    assert len(shifts) == 1
    assert shifts[0].end - shifts[0].start == timedelta(hours=8)  # max_shift_minutes
    assert len(shifts[0].breaks) == 1  # more than 6 h needs a break


def test_one_shift_a_day_and_at_most_five_days() -> None:
    p = problem([agent("a1")], demand=_all_week_demand())
    shifts = _shifts(p)
    days = [s.start.date() for s in shifts]
    assert len(days) == len(set(days)) == 5


def test_two_shifts_a_day_when_allowed_keep_their_gap() -> None:
    p = problem(
        [agent("a1", availability=daily_windows(FIRST_DAY, 1, "08:00", "20:00"))],
        rules={"max_shifts_per_day": 2, "max_shift_minutes": 180, "min_gap_same_day_minutes": 120},
        demand=_all_week_demand(agents=1),
    )
    shifts = sorted(_shifts(p), key=lambda s: s.start)
    assert len(shifts) == 2
    assert shifts[1].start - shifts[0].end >= timedelta(hours=2)


def test_eleven_hours_rest_between_days() -> None:
    late = {"start": f"{MONDAY}T20:00", "end": f"{MONDAY}T22:00"}
    early = {"start": "2026-12-01T07:00", "end": "2026-12-01T09:00"}
    p = problem(
        [agent("a1", availability=[late, early])],
        horizon={"opening_hours": [{"weekdays": [0, 1], "open": "07:00", "close": "22:00"}]},
        demand=[
            {"queue": "fr", "start": f"{MONDAY}T20:00", "required": [1] * 4},
            {"queue": "fr", "start": "2026-12-01T07:00", "required": [1] * 4},
        ],
    )
    # 22:00 to 07:00 is 9 h of rest: only one of the two windows can be worked.
    assert len(_shifts(p)) == 1


def test_daily_hours_and_aid_caps_are_never_exceeded() -> None:
    p = problem(
        [
            agent(
                "a1",
                aid_cap={"max_hours_per_week": 9, "max_hours_per_day": 3},
                contract={"min_hours_per_week": 0, "max_hours_per_week": 30},
            )
        ],
        demand=_all_week_demand(),
    )
    assert _worked_hours(p, "a1") == 9
    assert all((s.end - s.start) <= timedelta(hours=3) for s in _shifts(p))


def test_contract_maximum_holds() -> None:
    p = problem(
        [agent("a1", contract={"min_hours_per_week": 0, "max_hours_per_week": 12})],
        demand=_all_week_demand(),
    )
    assert _worked_hours(p, "a1") == 12


def test_skills_and_onshore_clauses() -> None:
    p = problem(
        [
            agent("fr1", hourly_cost=5.0),
            agent("ma1", country="MA", time_zone="Africa/Casablanca", hourly_cost=5.0),
            agent("de1", skills=["de"], hourly_cost=1.0),
        ],
        queues=[
            {"id": "fr", "skill": "fr"},
            {"id": "fr-onshore", "skill": "fr", "countries": ["FR"], "priority": 2},
            {"id": "de", "skill": "de"},
        ],
        demand=[{"queue": "fr-onshore", "start": f"{MONDAY}T08:00", "required": [2] * 8}],
    )
    checked = solve_checked(p)
    queues_by_agent = {(s.agent_id, a.queue) for s in checked.roster.shifts for a in s.activities}
    assert ("fr1", "fr-onshore") in queues_by_agent
    assert not any(q == "fr-onshore" for a, q in queues_by_agent if a != "fr1")
    first_slot = 16  # Monday 08:00 with 30-minute slots
    assert checked.report.kpis.queues["fr-onshore"].countries[first_slot] == ("FR",)


def test_nobody_works_while_the_site_is_closed() -> None:
    p = problem(
        [agent("a1", availability=daily_windows(FIRST_DAY, 7, "06:00", "23:00"))],
        demand=[
            {"queue": "fr", "start": f"{MONDAY}T08:00", "required": [1] * 24},
        ],
        horizon={"opening_hours": [{"weekdays": [0], "open": "10:00", "close": "14:00"}]},
    )
    shifts = _shifts(p)
    assert len(shifts) == 1
    assert (shifts[0].start, shifts[0].end) == (at(MONDAY, "10:00"), at(MONDAY, "14:00"))
