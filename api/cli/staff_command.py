"""``homeshore staff``: from a contact history to a planning problem with its demand.

    homeshore staff history.csv --problem base.json --out problem.json \\
        [--service-level 0.8 --answer-seconds 20 --shrinkage 0.3 --max-occupancy 0.85 ...]

Forecasts the base problem's horizon from the history (method chosen by holdout error
unless ``--method``), turns it into required agents per queue and slot, and writes a copy of
the problem with its ``demand`` replaced. Beside it, ``problem.forecast.json`` keeps the
forecast and the staffing policy, so any roster for the problem can be judged by its
expected service level later. Exit codes: 0 written; 1 the files could not be written;
2 bad input (the message says which option, file, line or field), as for ``solve`` and
``verify``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from api.cli.arg_types import count, fraction, non_negative, occupancy, positive, shrinkage

if TYPE_CHECKING:
    from solver.forecast.model import Forecast
    from solver.problem import DemandSeries

HELP = "Forecast contacts from history and write a problem with the required agents."

_OPTION_OF = {
    "service_level": "--service-level",
    "answer_seconds": "--answer-seconds",
    "max_asa_seconds": "--asa",
    "max_occupancy": "--max-occupancy",
    "shrinkage": "--shrinkage",
    "patience_seconds": "--patience",
    "min_agents_when_open": "--min-agents-when-open",
}


def default_plan_path(problem_path: Path) -> Path:
    """Where the forecast and staffing policy of a staffed problem are kept."""
    return problem_path.with_name(problem_path.name.removesuffix(".json") + ".forecast.json")


def register(app: typer.Typer) -> None:
    app.command("staff", help=HELP)(staff)


def staff(
    history_path: Annotated[
        Path, typer.Argument(metavar="HISTORY.csv", help="interval history CSV", show_default=False)
    ],
    problem_path: Annotated[
        Path, typer.Option("--problem", help="base problem JSON", show_default=False)
    ],
    out: Annotated[Path, typer.Option("--out", help="problem JSON to write", show_default=False)],
    forecast_out: Annotated[
        Path | None, typer.Option(help="forecast JSON to write (default: OUT.forecast.json)")
    ] = None,
    service_level: Annotated[
        float, typer.Option(parser=fraction, help="share answered within T")
    ] = 0.8,
    answer_seconds: Annotated[
        float, typer.Option(parser=non_negative, help="target answer time T, s")
    ] = 20.0,
    asa: Annotated[
        float | None, typer.Option(parser=positive, help="maximum average speed of answer, s")
    ] = None,
    shrinkage_share: Annotated[
        float,
        typer.Option("--shrinkage", parser=shrinkage, help="share of paid time off the queue"),
    ] = 0.3,
    max_occupancy: Annotated[float, typer.Option(parser=occupancy, help="occupancy cap")] = 0.85,
    patience: Annotated[
        float | None, typer.Option(parser=positive, help="mean patience, s: use Erlang A")
    ] = None,
    min_agents_when_open: Annotated[
        int, typer.Option(parser=count, help="floor on each open slot")
    ] = 0,
    method: Annotated[
        Literal["auto", "seasonal_naive", "seasonal_mean", "holt_winters", "calendar", "mstl"],
        typer.Option(
            help="forecasting method (default: best of ours on the last week of history; "
            "calendar: weekday, trend, the day after a holiday and the month start; "
            "mstl: statsforecast's MSTL, daily and weekly seasonality, needs statsforecast)"
        ),
    ] = "auto",
    uplift: Annotated[
        list[str] | None,
        typer.Option(
            metavar="[QUEUE@]START[/END]=PERCENT",
            help="manual adjustment, e.g. fr-sales@2026-12-01=+20 (repeatable)",
        ),
    ] = None,
    history_interval: Annotated[
        int | None, typer.Option(help="history interval in minutes (default: inferred)")
    ] = None,
) -> int:
    import json
    import sys

    from pydantic import ValidationError

    from api.cli.input_files import InputFileError, read_input
    from solver.forecast.adjustments import parse_adjustment
    from solver.forecast.history import parse_history
    from solver.forecast.horizon import forecast_horizon
    from solver.problem import Problem
    from solver.staffing.requirements import StaffingPlan, StaffingPolicy, staffed_problem

    def fail(message: str, code: int = 2) -> int:
        print(f"homeshore staff: {message}", file=sys.stderr)
        return code

    try:
        adjustments = [parse_adjustment(spec) for spec in uplift or []]
    except ValueError as exc:
        return fail(str(exc))
    try:
        policy = StaffingPolicy(
            service_level=service_level,
            answer_seconds=answer_seconds,
            max_asa_seconds=asa,
            max_occupancy=max_occupancy,
            shrinkage=shrinkage_share,
            patience_seconds=patience,
            min_agents_when_open=min_agents_when_open,
        )
    except ValidationError as exc:
        reasons = "; ".join(
            f"{_OPTION_OF.get(str(e['loc'][0]) if e['loc'] else '', 'policy')}: {e['msg']}"
            for e in exc.errors()
        )
        return fail(f"invalid option: {reasons}")
    try:
        base_text = read_input(problem_path)
        history_text = read_input(history_path)
    except InputFileError as exc:
        return fail(str(exc))
    try:
        base_data = json.loads(base_text)
        problem = Problem.model_validate(base_data)
    except json.JSONDecodeError as exc:
        return fail(f"{problem_path}: not JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}")
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:10]
        )
        return fail(f"{problem_path}: invalid problem: {details}")
    try:
        history = parse_history(
            history_text,
            time_zone=problem.horizon.time_zone,
            interval_minutes=history_interval,
            slot_minutes=problem.horizon.slot_minutes,
        )
        forecast = forecast_horizon(
            history,
            problem.horizon,
            [q.id for q in problem.queues],
            method=method,
            adjustments=adjustments,
        )
        plan = StaffingPlan(forecast=forecast, policy=policy)
        staffed = staffed_problem(problem, plan)
    except ValueError as exc:
        return fail(f"{history_path}: {exc}")
    base_data["demand"] = [s.model_dump(mode="json") for s in staffed.demand]
    plan_path = forecast_out or default_plan_path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(base_data, indent=2) + "\n", encoding="utf-8")
        plan_path.parent.mkdir(parents=True, exist_ok=True)
        plan_path.write_text(plan.model_dump_json(indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        return fail(f"cannot write {exc.filename}: {exc.strerror}", code=1)
    print(_summary(history_rows=len(history.rows), forecast=forecast, demand=staffed.demand))
    print(
        f"policy: {policy.service_level:.0%} in {policy.answer_seconds:g} s, "
        f"occupancy <= {policy.max_occupancy:.0%}, shrinkage {policy.shrinkage:.0%}"
        + (f", Erlang A patience {policy.patience_seconds:g} s" if policy.patience_seconds else "")
    )
    print(f"wrote {out} and {plan_path}")
    return 0


def _summary(history_rows: int, forecast: Forecast, demand: list[DemandSeries]) -> str:
    from solver.staffing.requirements import agent_hours

    slot = forecast.horizon.slot_minutes
    lines = [
        f"history: {history_rows} rows, {forecast.history_first_day} to "
        f"{forecast.history_last_day}, {forecast.history_interval_minutes}-minute intervals",
        "holdout = the last week of history; WAPE per slot and of daily totals",
        f"{'queue':<14}{'method':<16}{'WAPE slot':>10}{'day':>7}{'MAPE':>8}{'contacts':>10}"
        f"{'peak agents':>13}{'agent-hours':>13}",
    ]
    for queue, series in zip(forecast.queues, demand, strict=True):
        score = next(s for s in queue.holdout if s.method == queue.method)
        wape = "n/a" if score.wape is None else f"{score.wape:.1%}"
        mape = "n/a" if score.mape is None else f"{score.mape:.1%}"
        daily = "n/a" if score.daily_wape is None else f"{score.daily_wape:.1%}"
        lines.append(
            f"{queue.queue:<14}{queue.method:<16}{wape:>10}{daily:>7}{mape:>8}"
            f"{sum(queue.contacts):>10.0f}{max(series.required):>13}"
            f"{agent_hours([series], slot):>13.1f}"
        )
        if queue.contacts_outside_opening >= 1:
            lines.append(
                f"  note: {queue.contacts_outside_opening:.0f} forecast contacts fall while "
                "the site is closed and were dropped"
            )
    baseline = {
        q.queue: next(s for s in q.holdout if s.method == "seasonal_naive") for q in forecast.queues
    }
    naive = ", ".join(f"{name} {s.wape:.1%}" for name, s in baseline.items() if s.wape is not None)
    lines.append(f"seasonal-naive holdout WAPE for comparison: {naive}")
    return "\n".join(lines)
