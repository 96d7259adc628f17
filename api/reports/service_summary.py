"""Expected service level of a solved roster, for ``homeshore solve``.

When ``homeshore staff`` made the problem, it left ``PROBLEM.forecast.json`` beside it (the
forecast and the staffing policy). The solve then judges the roster against that forecast
(Erlang C, or Erlang A with the plan's patience) and shows the volume-weighted service level
per queue and week beside coverage; per-slot figures go to ``service.csv``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from api.cli.input_files import load_model
from api.cli.staff_command import default_plan_path
from solver.problem import Problem
from solver.staffing.requirements import StaffingPlan
from solver.staffing.roster_service import ServiceReport


def load_plan(problem: Problem, problem_path: Path, explicit: Path | None) -> StaffingPlan | None:
    """The staffing plan to judge against: the one given, else the one beside the problem.

    Raises ``InputFileError`` for an unreadable plan and ``ValueError`` for a plan made for
    another horizon; returns None when there is no plan to use.
    """
    path = explicit or default_plan_path(problem_path)
    if explicit is None and not path.exists():
        return None
    plan = load_model(path, StaffingPlan)
    if plan.forecast.horizon != problem.horizon:
        raise ValueError(f"{path}: the forecast was made for another horizon than the problem's")
    return plan


def service_lines(report: ServiceReport) -> list[str]:
    target = (
        f"target {report.target_service_level:.0%} in {report.answer_seconds:g} s"
        if report.target_service_level is not None
        else f"answer time {report.answer_seconds:g} s"
    )
    lines = [f"service level   expected from the forecast ({target}), weighted by volume:"]
    for week in report.weeks:
        level = "n/a" if week.service_level is None else f"{week.service_level:6.1%}"
        asa = "unbounded" if week.asa_seconds is None else f"{week.asa_seconds:.0f} s"
        overloaded = f", {week.unstable_slots} overloaded" if week.unstable_slots else ""
        name = week.queue or "all queues"
        lines.append(
            f"  week {week.week + 1} {name:<14} SL {level:>6}  ASA {asa:>9}  "
            f"{week.slots_below_target} slot(s) below target{overloaded}"
        )
    return lines


def service_csv(report: ServiceReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "queue",
            "start",
            "contacts",
            "staffed",
            "on_phones",
            "service_level",
            "asa_seconds",
            "prob_abandon",
        ]
    )
    for s in report.slots:
        writer.writerow(
            [
                s.queue,
                s.start.isoformat(timespec="minutes"),
                f"{s.contacts:.2f}",
                s.staffed,
                s.on_phones,
                f"{s.service_level:.4f}",
                "" if s.asa_seconds is None else f"{s.asa_seconds:.1f}",
                "" if s.prob_abandon is None else f"{s.prob_abandon:.4f}",
            ]
        )
    return out.getvalue()
