"""One column of the scenario comparison: cost, coverage, service, countries.

Hours per country and the caller notice per queue count agents on each queue and slot with
``solver.verifier.coverage.staffed_by_country``, the one computation behind the caller
notice, on the roster's shifts (activities less breaks) and the countries of the agents in
the snapshot the roster was solved from (so an agent the scenario hires counts too).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy.orm import Session

from api.db.models import PlanningPeriod, Roster, RosterShift
from api.scenarios import repository
from api.scenarios.schemas import QueueNotice, ScenarioFigures
from api.solves.snapshot import build_problem
from solver.problem import Problem
from solver.timegrid import SlotGrid
from solver.verifier.coverage import staffed_by_country


def of_period(session: Session, period: PlanningPeriod, is_baseline: bool) -> ScenarioFigures:
    roster = repository.newest_roster(session, period.id)
    column = ScenarioFigures(
        period_id=period.id, name=period.name, is_baseline=is_baseline, roster_id=None
    )
    if roster is None:
        return column
    column.roster_id = roster.id
    column.labour_cost = _number(roster.kpis.get("cost"))
    column.coverage_percent = _number(roster.kpis.get("coverage_percent"))
    column.expected_service_level = _service_level(roster)
    run = repository.run_of(session, roster.solve_run_id)
    problem = (
        Problem.model_validate(run.problem)
        if run is not None
        else build_problem(session, period.id)  # a roster not solved here: today's agents
    )
    if problem.agents:
        notice = _hours(problem, repository.shifts_of(session, roster.id))
        column.caller_notice = [
            QueueNotice(queue=queue, hours_by_country=dict(sorted(hours.items())))
            for queue, hours in sorted(notice.items())
        ]
        totals: dict[str, float] = defaultdict(float)
        for hours in notice.values():
            for country, value in hours.items():
                totals[country] += value
        column.hours_by_country = {c: round(h, 2) for c, h in sorted(totals.items())}
    return column


def with_differences(columns: list[ScenarioFigures]) -> list[ScenarioFigures]:
    """Each scenario's difference to the baseline (the first column)."""
    base = columns[0]
    for column in columns[1:]:
        if column.labour_cost is not None and base.labour_cost is not None:
            column.cost_difference = round(column.labour_cost - base.labour_cost, 2)
            if base.labour_cost:
                column.cost_difference_percent = round(
                    100 * column.cost_difference / base.labour_cost, 2
                )
        if column.coverage_percent is not None and base.coverage_percent is not None:
            column.coverage_difference = round(column.coverage_percent - base.coverage_percent, 2)
        if column.expected_service_level is not None and base.expected_service_level is not None:
            column.service_level_difference = round(
                column.expected_service_level - base.expected_service_level, 4
            )
    return columns


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _service_level(roster: Roster) -> float | None:
    """All queues over the period, weighted by forecast contacts."""
    if roster.service_level is None:
        return None
    weeks = [w for w in roster.service_level.get("weeks", []) if w.get("queue") is None]
    volume = sum(w["contacts"] for w in weeks if w.get("service_level") is not None)
    if not volume:
        return None
    total = sum(
        w["contacts"] * w["service_level"] for w in weeks if w.get("service_level") is not None
    )
    return round(float(total) / float(volume), 4)


def _hours(problem: Problem, shifts: list[RosterShift]) -> dict[str, dict[str, float]]:
    """Agent-hours on each queue per country."""
    grid = SlotGrid(problem.horizon)
    country_of = {a.id: a.country for a in problem.agents}
    slot_seconds = int(grid.slot.total_seconds())
    spans = []
    for shift in shifts:
        country = country_of.get(shift.agent_id)
        if country is None:
            continue
        breaks = [(_epoch(b["start"]), _epoch(b["end"])) for b in shift.breaks]
        for activity in shift.activities:
            for piece in _minus((_epoch(activity["start"]), _epoch(activity["end"])), breaks):
                spans.append((shift.agent_id, str(activity["queue"]), country, piece))
    staffed = staffed_by_country(int(grid.start.timestamp()), slot_seconds, grid.count, spans)
    hours: dict[str, dict[str, float]] = defaultdict(dict)
    for (queue, country), counts in staffed.items():
        hours[queue][country] = round(sum(counts) * slot_seconds / 3600, 2)
    return hours


def _epoch(value: str | datetime) -> int:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return int(moment.timestamp())


def _minus(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``span`` less the ``holes`` (a hole off the span leaves it whole)."""
    pieces = [span]
    for low, high in holes:
        pieces = [
            part
            for start, end in pieces
            for part in ((start, min(end, low)), (max(start, high), end))
            if part[1] > part[0]
        ]
    return pieces
