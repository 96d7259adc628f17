"""Re-planning: absences heal with as few changes to other agents as possible."""

from __future__ import annotations

from datetime import datetime, timedelta

from bench.generator import generate
from solver.problem import Absence, Problem, ShiftRef
from solver.roster import Roster
from tests.solver.checked import solve_checked
from tests.verifier import builders


def _as_previous(roster: Roster) -> list[ShiftRef]:
    return [
        ShiftRef(
            agent_id=s.agent_id,
            start=s.start,
            end=s.end,
            breaks=[
                {"start": b.start, "end": b.end}
                for b in s.breaks  # type: ignore[misc]
            ],
        )
        for s in roster.shifts
    ]


def _published(agents: int = 10, seed: int = 3) -> tuple[Problem, Roster]:
    """A roster proven optimal, so that a re-plan has nothing to improve but the absence."""
    problem = generate(agents, seed=seed, days=1)
    checked = solve_checked(problem, time_limit=30, gap=0.0)
    assert checked.result.status == "optimal"
    return problem, checked.roster


def _absent_for(shift_start: datetime, shift_end: datetime, agent_id: str) -> Absence:
    return Absence(agent_id=agent_id, start=shift_start, end=shift_end, reason="sick child")


def test_an_absence_changes_only_what_it_must() -> None:
    problem, roster = _published()
    victim = roster.shifts[0]
    replan = problem.model_copy(
        update={
            "previous_roster": _as_previous(roster),
            "absences": [_absent_for(victim.start, victim.end, victim.agent_id)],
        }
    )
    checked = solve_checked(replan, time_limit=30, gap=0.0)
    changes = checked.result.changes
    assert any(c.agent_id == victim.agent_id and c.kind == "removed" for c in changes) or any(
        c.agent_id == victim.agent_id and c.kind == "moved" for c in changes
    )
    others = {c.agent_id for c in changes if c.agent_id != victim.agent_id}
    # A lost shift is covered by a few other agents (a change costs half an unmet hour),
    # never by reshuffling the roster.
    lost_hours = (victim.end - victim.start).total_seconds() / 3600
    assert len(others) <= max(2, lost_hours)
    assert len(others) < len({s.agent_id for s in roster.shifts}) / 4
    assert checked.report.kpis.objective_terms["changed_shifts"] == 500 * len(changes)


def test_without_absences_a_replan_keeps_the_published_roster() -> None:
    problem, roster = _published(agents=10, seed=5)
    replan = problem.model_copy(update={"previous_roster": _as_previous(roster)})
    checked = solve_checked(replan, time_limit=30, gap=0.0)
    assert checked.result.changes == []


def test_agents_who_refused_changes_keep_their_shifts() -> None:
    problem, roster = _published(agents=10, seed=6)
    victim = roster.shifts[0]
    refusing = {s.agent_id for s in roster.shifts if s.agent_id != victim.agent_id}
    agents = [
        a.model_copy(update={"accepts_changes": a.id not in refusing}) for a in problem.agents
    ]
    replan = problem.model_copy(
        update={
            "agents": agents,
            "previous_roster": _as_previous(roster),
            "absences": [_absent_for(victim.start, victim.end, victim.agent_id)],
        }
    )
    checked = solve_checked(replan, time_limit=30, gap=0.0)
    assert all(c.agent_id not in refusing for c in checked.result.changes)


def test_shifts_before_the_replan_moment_stay_as_they_were() -> None:
    problem, roster = _published(agents=10, seed=7)
    moment = min(s.start for s in roster.shifts) + timedelta(hours=3)
    started = [s for s in roster.shifts if s.start < moment]
    assert started and len(started) < len(roster.shifts)
    absent = [_absent_for(s.start, s.end, s.agent_id) for s in started]
    replan = problem.model_copy(
        update={
            "previous_roster": _as_previous(roster),
            "absences": absent,  # reported too late: those shifts already began
            "replan_from": moment,
        }
    )
    checked = solve_checked(replan, time_limit=30, gap=0.0)
    kept = {(s.agent_id, s.start, s.end) for s in checked.roster.shifts}
    assert all((s.agent_id, s.start, s.end) in kept for s in started)
    assert all(
        s.start >= moment
        for s in checked.roster.shifts
        if (s.agent_id, s.start, s.end) not in {(p.agent_id, p.start, p.end) for p in started}
    )


def test_a_previous_shift_given_without_its_break_is_not_kept_without_one() -> None:
    # Found through the web interface: the published roster went back to the solver
    # without breaks, and shifts longer than the longest stretch of work came back as they
    # were, breaking the continuous-work rule. solve_checked's verifier would catch it.
    day = builders.FIRST_DAY
    problem = builders.problem(
        [
            builders.agent(
                "a1",
                availability=builders.daily_windows(day, 1, "08:00", "20:00"),
                contract={"min_hours_per_week": 0, "max_hours_per_week": 60},  # 8.5 h a day
            )
        ],
        horizon={"days": 1},
        demand=[{"queue": "fr", "start": f"{day}T09:00", "required": [1] * 16}],
    )
    published = solve_checked(problem, time_limit=10, gap=0.0).roster
    long_shift = published.shifts[0]
    assert long_shift.breaks, "eight hours of demand need a shift with a break"
    stripped = [ShiftRef(agent_id="a1", start=long_shift.start, end=long_shift.end)]
    replan = problem.model_copy(update={"previous_roster": stripped})
    healed = solve_checked(replan, time_limit=10, gap=0.0)
    assert [(s.start, s.end) for s in healed.roster.shifts] == [(long_shift.start, long_shift.end)]
    assert healed.roster.shifts[0].breaks
    assert healed.report.kpis.objective_terms["changed_shifts"] == 500  # the break is a change
