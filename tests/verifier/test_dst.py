"""Daylight-saving weeks: absolute time, site days, and agents living in other zones.

Paris moves from +01:00 to +02:00 at 02:00 on Sunday 2027-03-28 and back at 03:00 on
Sunday 2026-10-25. Mauritius (+04:00) and Casablanca (+01:00 that week) do not change.
"""

from __future__ import annotations

from datetime import date, datetime

from solver.problem import Problem
from solver.verifier import verify
from tests.verifier.builders import agent, daily_windows, problem, roster, shift

SPRING_MONDAY = date(2027, 3, 22)
SAT, SUN = "2027-03-27", "2027-03-28"


def spring_problem(rules: dict[str, int] | None = None) -> Problem:
    mauritius = agent(
        "m1",
        time_zone="Indian/Mauritius",
        country="MU",
        availability=[
            {"start": f"{SAT}T10:00", "end": f"{SAT}T16:00"},
            {"start": f"{SUN}T10:00", "end": f"{SUN}T16:00"},
        ],
    )
    casablanca = agent(
        "c1",
        time_zone="Africa/Casablanca",
        country="MA",
        availability=[
            {"start": f"{SAT}T07:00", "end": f"{SAT}T11:00"},
            {"start": f"{SUN}T07:00", "end": f"{SUN}T11:00"},
        ],
    )
    paris = agent("p1", availability=daily_windows(SPRING_MONDAY, 7, "06:00", "22:00"))
    return problem(
        [mauritius, casablanca, paris],
        horizon={
            "first_day": str(SPRING_MONDAY),
            "opening_hours": [{"weekdays": list(range(7)), "open": "06:00", "close": "22:00"}],
        },
        demand=[{"queue": "fr", "start": f"{SUN}T08:00", "required": [1, 1]}],
        rules=rules or {},
    )


def test_the_short_day_has_46_slots() -> None:
    starts = verify(spring_problem(), roster()).kpis.slot_starts
    assert len(starts) == 7 * 48 - 2
    assert starts[-1].isoformat() == "2027-03-28T23:30:00+02:00"
    assert starts[6 * 48 + 4].isoformat() == "2027-03-28T03:00:00+02:00"


def test_mauritius_agent_is_placed_in_their_own_zone_across_the_change() -> None:
    # 10:00-16:00 in Mauritius is 07:00-13:00 in Paris on Saturday, 08:00-14:00 on Sunday.
    planning = spring_problem()
    assert verify(planning, roster(shift("m1", SAT, "07:00", "11:00"))).ok
    assert verify(planning, roster(shift("m1", SUN, "08:00", "12:00", offset="+02:00"))).ok
    early = verify(planning, roster(shift("m1", SUN, "07:00", "11:00", offset="+02:00")))
    assert [(v.rule, v.agent_id) for v in early.violations] == [("availability", "m1")]


def test_casablanca_agent_shifts_by_an_hour_against_the_site() -> None:
    # 07:00-11:00 in Casablanca (+01:00) is 07:00-11:00 Paris on Saturday, 08:00-12:00 on Sunday.
    planning = spring_problem()
    assert verify(planning, roster(shift("c1", SUN, "08:00", "12:00", offset="+02:00"))).ok
    late = verify(planning, roster(shift("c1", SAT, "08:00", "12:00")))
    assert [(v.rule, v.agent_id) for v in late.violations] == [("availability", "c1")]


def test_rest_is_measured_in_absolute_time() -> None:
    # Saturday 17:00-21:00 (+01:00) to Sunday 07:00 (+02:00): 10 h on the wall, 9 h of rest.
    planning = spring_problem({"min_rest_minutes": 600})
    saturday = shift("p1", SAT, "17:00", "21:00")
    too_early = verify(
        planning, roster(saturday, shift("p1", SUN, "07:00", "11:00", offset="+02:00"))
    )
    assert [v.rule for v in too_early.violations] == ["min_rest"]
    assert "9h00" in too_early.violations[0].message
    assert verify(
        planning, roster(saturday, shift("p1", SUN, "08:00", "12:00", offset="+02:00"))
    ).ok


def test_demand_on_the_short_day_is_met_by_the_mauritius_agent() -> None:
    report = verify(spring_problem(), roster(shift("m1", SUN, "08:00", "12:00", offset="+02:00")))
    first = report.kpis.slot("fr", 6 * 48 - 2 + 16)
    assert first.start.isoformat() == "2027-03-28T08:00:00+02:00"
    assert (first.required, first.scheduled, first.countries) == (1, 1, ("MU",))
    assert report.kpis.coverage_percent == 100.0
    assert report.kpis.queues["fr"].unmet_agent_hours == 0


def autumn_problem(open_hours: dict[str, object]) -> Problem:
    first = date(2026, 10, 19)
    return problem(
        [agent("p1", availability=daily_windows(first, 8, "00:00", "23:30"))],
        horizon={"first_day": str(first), "opening_hours": [open_hours]},
        rules={"min_shift_minutes": 30},
    )


def test_the_long_day_has_50_slots_and_the_repeated_hour_is_open_twice() -> None:
    # Open Sunday 00:00-02:30 local: both 02:00-02:30 hours are open, 02:30-03:00 (+02:00) is not.
    planning = autumn_problem({"weekdays": [6], "open": "00:00", "close": "02:30"})
    assert len(verify(planning, roster()).kpis.slot_starts) == 7 * 48 + 2
    sunday = "2026-10-25"
    second_pass = shift("p1", sunday, "02:00", "02:30", offset="+01:00")
    assert verify(planning, roster(second_pass)).ok
    first_pass = shift("p1", sunday, "02:00", "03:00", offset="+02:00")
    closed = verify(planning, roster(first_pass)).violations
    assert [(v.rule, v.at) for v in closed] == [
        ("site_closed", datetime.fromisoformat("2026-10-25T02:30+02:00"))
    ]


def test_a_shift_across_the_repeated_hour_spans_its_absolute_length() -> None:
    planning = autumn_problem({"weekdays": [6], "open": "00:00", "close": "00:00"})
    # 01:00 (+02:00) to 03:00 (+01:00) is three hours, though the wall clock says two.
    three_hours = shift("p1", "2026-10-25", "01:00", "03:00", offset="+02:00")
    three_hours = three_hours.model_copy(
        update={"end": datetime.fromisoformat("2026-10-25T03:00+01:00")}
    )
    report = verify(planning, roster(three_hours))
    assert [v.rule for v in report.violations] == ["activities"]  # activity ends an hour early
    assert report.kpis.worked_hours == 3.0


def night_problem(first: date, availability: list[dict[str, str]], **overrides: object) -> Problem:
    """A Paris site open round the clock, one agent with a 3 h daily aid cap."""
    capped = agent(
        "p1",
        aid_cap={"max_hours_per_week": 20, "max_hours_per_day": 3},
        availability=availability,
    )
    return problem(
        [capped],
        horizon={
            "first_day": str(first),
            "opening_hours": [{"weekdays": list(range(7)), "open": "00:00", "close": "00:00"}],
        },
        rules={"min_shift_minutes": 30},
        **overrides,
    )


def test_the_daily_aid_cap_counts_real_hours_on_the_spring_night() -> None:
    # 00:00 (+01:00) to 04:00 (+02:00): four hours on the wall, three real ones.
    planning = night_problem(SPRING_MONDAY, [{"start": f"{SUN}T00:00", "end": f"{SUN}T04:00"}])
    night = shift("p1", SUN, "00:00", "04:00").model_copy(
        update={"end": datetime.fromisoformat(f"{SUN}T04:00+02:00")}
    )
    night = night.model_copy(
        update={"activities": [a.model_copy(update={"end": night.end}) for a in night.activities]}
    )
    report = verify(planning, roster(night))
    assert report.ok, report.violations
    assert report.kpis.worked_hours == 3.0


def test_the_daily_aid_cap_counts_real_hours_on_the_autumn_night() -> None:
    # 01:00 (+02:00) to 04:00 (+01:00): three hours on the wall, four real ones.
    sunday = "2026-10-25"
    planning = night_problem(
        date(2026, 10, 19), [{"start": f"{sunday}T01:00", "end": f"{sunday}T04:00"}]
    )
    night = shift("p1", sunday, "01:00", "04:00", offset="+02:00").model_copy(
        update={"end": datetime.fromisoformat(f"{sunday}T04:00+01:00")}
    )
    night = night.model_copy(
        update={"activities": [a.model_copy(update={"end": night.end}) for a in night.activities]}
    )
    report = verify(planning, roster(night))
    assert [v.rule for v in report.violations] == ["aid_cap_day"]
    assert "works 4h00 on 2026-10-25" in report.violations[0].message


def test_a_window_in_the_spring_gap_is_no_availability() -> None:
    # 02:00-02:45 does not exist on the spring night; read with the old offset it would
    # pass for 03:00-03:45 (+02:00).
    planning = night_problem(SPRING_MONDAY, [{"start": f"{SUN}T02:00", "end": f"{SUN}T02:45"}])
    report = verify(planning, roster(shift("p1", SUN, "03:00", "03:30", offset="+02:00")))
    assert [(v.rule, v.agent_id) for v in report.violations] == [("availability", "p1")]


def test_demand_at_a_nonexistent_time_is_left_out_with_a_note() -> None:
    planning = night_problem(
        SPRING_MONDAY,
        [],
        demand=[{"queue": "fr", "start": f"{SUN}T02:30", "required": [2]}],
    )
    report = verify(planning, roster())
    assert report.kpis.queues["fr"].unmet_agent_hours == 0
    assert any("2027-03-28 02:30:00 does not exist" in note for note in report.notes)


def test_a_window_with_offsets_names_the_second_pass_of_the_repeated_hour() -> None:
    sunday = "2026-10-25"
    second_pass = [{"start": f"{sunday}T02:00+01:00", "end": f"{sunday}T03:00+01:00"}]
    planning = night_problem(date(2026, 10, 19), second_pass)
    assert verify(planning, roster(shift("p1", sunday, "02:00", "02:30", offset="+01:00"))).ok
    first_pass = verify(planning, roster(shift("p1", sunday, "02:00", "02:30", offset="+02:00")))
    assert [v.rule for v in first_pass.violations] == ["availability"]
