"""What ``homeshore solve`` prints: only improving rosters, and a missing bound said aloud."""

from __future__ import annotations

from api.cli.solve_display import improving_only, progress_line
from api.reports.solve_summary import solve_lines
from solver.result import ProgressPoint, SolveResult


def test_only_a_better_roster_or_a_better_bound_is_shown() -> None:
    shown: list[float] = []
    show = improving_only(lambda point: shown.append(point.seconds))
    points = [
        (0.5, 900.0, None),
        (1.0, 800.0, None),
        (1.5, 850.0, 700.0),  # worse roster: dropped even with a bound
        (2.0, 800.0, None),  # same roster, no news
        (2.5, 800.0, 650.0),  # same roster, first bound
        (2.7, 800.0, 640.0),  # weaker bound: no news
        (3.0, 700.0, 650.0),
    ]
    for seconds, objective, bound in points:
        show(ProgressPoint(seconds=seconds, objective=objective, bound=bound))
    assert shown == [0.5, 1.0, 2.5, 3.0]


def test_a_run_without_a_proven_bound_says_so() -> None:
    line = progress_line(ProgressPoint(seconds=1.25, objective=12345.678, bound=None))
    assert "12,345.68" in line and "no bound proven yet" in line
    result = SolveResult(status="feasible", objective=12345.678, wall_seconds=2.0)
    lines = solve_lines(result)
    assert any(line.startswith("proven bound") and "none proven yet" in line for line in lines)
    assert not any(line.startswith("gap to bound") for line in lines)


def test_a_proven_bound_prints_its_gap_as_a_percentage() -> None:
    result = SolveResult(status="feasible", objective=1000.0, bound=989.6, gap=0.0104)
    lines = solve_lines(result)
    assert "gap to bound    1.04 %" in lines
    bounded = progress_line(ProgressPoint(seconds=3.0, objective=1000.0, bound=989.6))
    assert "gap   1.04 %" in bounded
