"""Windows past the horizon's edge and local times on daylight-saving nights, in real solves.

Paris moves to +02:00 at 02:00 on Sunday 2027-03-28 and back to +01:00 at 03:00 on Sunday
2027-10-31; Casablanca stays at +01:00 both weeks. The week of 2027-03-22 therefore ends
(Monday 00:00 Paris) at 23:00 on a Casablanca agent's Sunday.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from solver.horizon_windows import clipping_warnings, describe, kept_local, place_window
from solver.local_time import to_utc
from solver.problem import Problem, TimeWindow
from solver.result import SolveSettings
from solver.solve import solve
from solver.timegrid import SlotGrid
from solver.validation import check_problem
from solver.verifier import verify
from tests.verifier.builders import agent, daily_windows, problem

SPRING_MONDAY, SPRING_SUNDAY = date(2027, 3, 22), "2027-03-28"
AUTUMN_MONDAY, AUTUMN_SUNDAY = date(2027, 10, 25), "2027-10-31"
QUICK = SolveSettings(time_limit_seconds=10, num_workers=1)
ALWAYS_OPEN = [{"weekdays": list(range(7)), "open": "00:00", "close": "00:00"}]


def _week(first: date, agents: list[dict[str, Any]], **overrides: Any) -> Problem:
    return problem(
        agents,
        horizon={"first_day": str(first), "opening_hours": ALWAYS_OPEN},
        **overrides,
    )


def _casablanca_sunday_evening() -> Problem:
    casablanca = agent(
        "c1",
        time_zone="Africa/Casablanca",
        country="MA",
        availability=[{"start": f"{SPRING_SUNDAY}T14:00", "end": f"{SPRING_SUNDAY}T23:30"}],
    )
    paris = agent("p1", availability=daily_windows(SPRING_MONDAY, 6, "08:00", "12:00"))
    return _week(
        SPRING_MONDAY,
        [casablanca, paris],
        # Sunday 20:00-24:00 Paris is 19:00-23:00 in Casablanca: only c1 can take it.
        demand=[
            {"queue": "fr", "start": f"{SPRING_SUNDAY}T20:00", "required": [1] * 8},
            {"queue": "fr", "start": "2027-03-23T09:00", "required": [1] * 4},
        ],
    )


def test_a_window_past_the_horizon_end_is_clipped_and_used() -> None:
    planning = _casablanca_sunday_evening()
    assert check_problem(planning) == []
    result = solve(planning, QUICK)
    assert result.status in ("optimal", "feasible"), result.conflicts
    assert result.roster is not None
    report = verify(planning, result.roster)
    assert report.ok, report.violations
    evening = [s for s in result.roster.shifts if s.agent_id == "c1"]
    assert [s.end for s in evening] == [datetime.fromisoformat("2027-03-29T00:00+02:00")]
    assert report.kpis.queues["fr"].unmet_agent_hours == 0
    # p1, whose windows were never in question, is planned too.
    assert any(s.agent_id == "p1" for s in result.roster.shifts)
    assert result.warnings == [
        "agent c1: agents[0].availability[0]: window 2027-03-28 14:00-23:30 "
        "(Africa/Casablanca) runs past the horizon end; 2027-03-28 14:00-23:00 is kept, "
        "the rest dropped"
    ]


def test_a_window_wholly_outside_the_horizon_is_dropped_with_a_warning() -> None:
    early = agent(
        "m1",
        time_zone="Indian/Mauritius",
        country="MU",
        # Monday 00:00-02:00 in Mauritius is Sunday 21:00-23:00 in Paris: before the horizon.
        availability=[{"start": "2027-03-22T00:00", "end": "2027-03-22T02:00"}],
    )
    planning = _week(SPRING_MONDAY, [early])
    assert check_problem(planning) == []
    result = solve(planning, QUICK)
    assert result.status == "optimal"
    assert result.warnings == [
        "agent m1: agents[0].availability[0]: window 2027-03-22 00:00-02:00 "
        "(Indian/Mauritius) lies wholly outside the horizon; dropped"
    ]


def test_a_window_in_the_spring_gap_is_refused_naming_the_time() -> None:
    gap = agent(
        "p1", availability=[{"start": f"{SPRING_SUNDAY}T02:00", "end": f"{SPRING_SUNDAY}T02:45"}]
    )
    planning = _week(SPRING_MONDAY, [gap])
    [issue] = check_problem(planning)
    assert issue.field == "agents[0].availability[0].start"
    assert issue.reason.startswith("2027-03-28 02:00 does not exist in Europe/Paris")
    result = solve(planning, QUICK)
    assert result.status == "invalid"
    assert "2027-03-28 02:00 does not exist" in result.conflicts[0].detail


def test_a_window_ending_in_the_spring_gap_names_its_end() -> None:
    late = agent(
        "p1", availability=[{"start": f"{SPRING_SUNDAY}T00:00", "end": f"{SPRING_SUNDAY}T02:30"}]
    )
    [issue] = check_problem(_week(SPRING_MONDAY, [late]))
    assert issue.field == "agents[0].availability[0].end"
    assert "2027-03-28 02:30 does not exist" in issue.reason


def test_demand_at_a_nonexistent_time_is_refused() -> None:
    planning = _week(
        SPRING_MONDAY,
        [agent("p1", availability=[])],
        demand=[{"queue": "fr", "start": f"{SPRING_SUNDAY}T02:30", "required": [1, 1]}],
    )
    [issue] = check_problem(planning)
    assert issue.field == "demand[0].start"
    assert issue.reason.startswith("2027-03-28 02:30 does not exist in Europe/Paris")


def _capped_night(first: date, sunday: str, start: str, end: str) -> Problem:
    night = agent(
        "p1",
        aid_cap={"max_hours_per_week": 20, "max_hours_per_day": 3},
        availability=[{"start": f"{sunday}T{start}", "end": f"{sunday}T{end}"}],
    )
    return _week(
        first,
        [night],
        demand=[{"queue": "fr", "start": f"{sunday}T00:00", "required": [1] * 12}],
        rules={"min_shift_minutes": 60, "shift_length_step_minutes": 30},
    )


def test_the_daily_aid_cap_counts_real_hours_on_both_daylight_saving_nights() -> None:
    # Spring: 00:00-04:00 on the wall is 3 real hours, all of which a 3 h cap allows.
    # Autumn: 01:00-04:00 on the wall is 4 real hours; the cap still allows only 3.
    for planning in (
        _capped_night(SPRING_MONDAY, SPRING_SUNDAY, "00:00", "04:00"),
        _capped_night(AUTUMN_MONDAY, AUTUMN_SUNDAY, "01:00", "04:00"),
    ):
        result = solve(planning, QUICK)
        assert result.roster is not None, result.conflicts
        report = verify(planning, result.roster)
        assert report.ok, report.violations
        assert report.kpis.worked_hours == 3.0
        assert report.kpis.queues["fr"].unmet_agent_hours == 3.0


def test_a_window_in_the_second_pass_of_the_autumn_hour_is_written_with_offsets() -> None:
    second_pass = agent(
        "p1",
        availability=[
            {"start": f"{AUTUMN_SUNDAY}T02:00+01:00", "end": f"{AUTUMN_SUNDAY}T04:00+01:00"}
        ],
    )
    planning = _week(
        AUTUMN_MONDAY,
        [second_pass],
        demand=[{"queue": "fr", "start": f"{AUTUMN_SUNDAY}T01:00", "required": [1] * 10}],
        rules={"min_shift_minutes": 60, "shift_length_step_minutes": 30},
    )
    assert check_problem(planning) == []
    result = solve(planning, QUICK)
    assert result.roster is not None and result.warnings == []
    assert verify(planning, result.roster).ok
    [only] = result.roster.shifts
    assert only.start == datetime.fromisoformat(f"{AUTUMN_SUNDAY}T02:00+01:00")


def test_a_clipped_edge_in_the_agents_repeated_hour_never_grows_the_window() -> None:
    # The Cape Verde horizon (-01:00) ends at 01:00 UTC on 2026-10-25, in the second pass of
    # London's repeated hour (01:00-02:00 GMT). "01:00" London would be read in the first
    # pass, an hour earlier: the kept part ends there rather than past the horizon.
    london = agent(
        "l1",
        time_zone="Europe/London",
        country="GB",
        availability=[{"start": "2026-10-24T22:00", "end": "2026-10-25T03:00"}],
    )
    planning = problem(
        [london],
        horizon={
            "first_day": "2026-10-18",
            "days": 7,
            "time_zone": "Atlantic/Cape_Verde",
            "opening_hours": ALWAYS_OPEN,
        },
    )
    [warning] = clipping_warnings(planning)
    assert warning.endswith(
        "runs past the horizon end; 2026-10-24 22:00-2026-10-25 01:00 is kept, the rest dropped"
    )
    grid = SlotGrid(planning.horizon)
    zone = ZoneInfo("Europe/London")
    kept = kept_local(place_window(planning.agents[0].availability[0], zone, grid), zone)
    assert kept is not None
    assert to_utc(kept.end, zone) <= grid.end


# Site and agent zones on both sides of a daylight-saving change. Paris moves to +02:00 on
# 2027-03-28 and back to +01:00 on 2027-10-31; Casablanca and Tunis stay at +01:00 and
# Mauritius at +04:00 in both weeks, so each week's edges fall inside someone's evening.
# (site zone, first day, agent zone, country, window start, window end, side, kept start, kept end)
EDGE_CASES = [
    (  # Paris site, spring: the week ends at 23:00 on a Tunis agent's Sunday.
        "Europe/Paris", SPRING_MONDAY, "Africa/Tunis", "TN",
        "2027-03-28T20:00", "2027-03-29T00:00", "end", "2027-03-28T20:00", "2027-03-28T23:00",
    ),
    (  # Paris site, spring: the week starts at 03:00 on a Mauritius agent's Monday.
        "Europe/Paris", SPRING_MONDAY, "Indian/Mauritius", "MU",
        "2027-03-22T01:00", "2027-03-22T05:00", "start", "2027-03-22T03:00", "2027-03-22T05:00",
    ),
    (  # Paris site, spring: and ends at 02:00 on her next Monday (an hour earlier than it began).
        "Europe/Paris", SPRING_MONDAY, "Indian/Mauritius", "MU",
        "2027-03-29T00:00", "2027-03-29T04:00", "end", "2027-03-29T00:00", "2027-03-29T02:00",
    ),
    (  # Casablanca site, spring: the week ends at 01:00 on a Paris agent's Monday.
        "Africa/Casablanca", SPRING_MONDAY, "Europe/Paris", "FR",
        "2027-03-28T22:00", "2027-03-29T03:00", "end", "2027-03-28T22:00", "2027-03-29T01:00",
    ),
    (  # Mauritius site, autumn: the week starts at 22:00 on a Paris agent's Sunday (+02:00)...
        "Indian/Mauritius", AUTUMN_MONDAY, "Europe/Paris", "FR",
        "2027-10-24T20:00", "2027-10-25T01:00", "start", "2027-10-24T22:00", "2027-10-25T01:00",
    ),
    (  # ... and ends at 21:00 on her next Sunday (+01:00).
        "Indian/Mauritius", AUTUMN_MONDAY, "Europe/Paris", "FR",
        "2027-10-31T18:00", "2027-10-31T23:00", "end", "2027-10-31T18:00", "2027-10-31T21:00",
    ),
    (  # Tunis site, autumn: the week starts at 01:00 on a Paris agent's Monday.
        "Africa/Tunis", AUTUMN_MONDAY, "Europe/Paris", "FR",
        "2027-10-25T00:00", "2027-10-25T04:00", "start", "2027-10-25T01:00", "2027-10-25T04:00",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("site_zone", "first", "zone", "country", "start", "end", "side", "kept_start", "kept_end"),
    EDGE_CASES,
)
def test_a_window_across_either_edge_keeps_its_inside_part_in_every_zone(
    site_zone: str,
    first: date,
    zone: str,
    country: str,
    start: str,
    end: str,
    side: str,
    kept_start: str,
    kept_end: str,
) -> None:
    agent_zone, site = ZoneInfo(zone), ZoneInfo(site_zone)
    kept = (to_utc(datetime.fromisoformat(kept_start), agent_zone),
            to_utc(datetime.fromisoformat(kept_end), agent_zone))  # fmt: skip
    slots = int((kept[1] - kept[0]).total_seconds() // 1800)
    # Demand exactly over the kept part, written in the site's local time.
    demand_start = kept[0].astimezone(site).replace(tzinfo=None)
    edge_agent = agent(
        "x1",
        time_zone=zone,
        country=country,
        availability=[{"start": start, "end": end}],
    )
    planning = problem(
        [edge_agent],
        horizon={"first_day": str(first), "time_zone": site_zone, "opening_hours": ALWAYS_OPEN},
        demand=[{"queue": "fr", "start": demand_start.isoformat(), "required": [1] * slots}],
    )
    assert check_problem(planning) == []
    result = solve(planning, QUICK)
    assert result.roster is not None, result.conflicts
    report = verify(planning, result.roster)
    assert report.ok, report.violations
    assert report.kpis.queues["fr"].unmet_agent_hours == 0
    assert [(s.start, s.end) for s in result.roster.shifts] == [kept]
    written = describe(TimeWindow(start=datetime.fromisoformat(start),
                                  end=datetime.fromisoformat(end)))  # fmt: skip
    inside = describe(TimeWindow(start=datetime.fromisoformat(kept_start),
                                 end=datetime.fromisoformat(kept_end)))  # fmt: skip
    assert result.warnings == [
        f"agent x1: agents[0].availability[0]: window {written} ({zone}) runs past the "
        f"horizon {side}; {inside} is kept, the rest dropped"
    ]
