"""``homeshore erlang``: the staffing calculator analysts use every day.

Examples::

    homeshore erlang --contacts 100 --aht 180                    # agents for 80 % in 20 s
    homeshore erlang --contacts 100 --aht 180 --agents 12        # service with 12 agents
    homeshore erlang --contacts 100 --aht 180 --patience 120 --json   # Erlang A, as JSON

Exit codes: 0 success; 1 the queue has no steady state (Erlang C with agents <= load);
2 invalid arguments.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from api.cli.arg_types import count, fraction, non_negative, occupancy, positive, shrinkage

if TYPE_CHECKING:
    from solver.staffing.metrics import QueueMetrics

HELP = "Erlang C/A calculator: required agents, service level, ASA, occupancy."


@dataclass(frozen=True)
class ErlangArgs:
    """The options as given, for the calculation and its text."""

    contacts: float
    aht: float
    interval: float
    answer_seconds: float
    service_level: float | None
    agents: int | None
    asa: float | None
    max_occupancy: float | None
    patience: float | None
    shrinkage: float
    json: bool


def register(app: typer.Typer) -> None:
    app.command("erlang", help=HELP)(erlang)


def erlang(
    contacts: Annotated[
        float, typer.Option(parser=non_negative, help="contacts offered per interval")
    ],
    aht: Annotated[float, typer.Option(parser=positive, help="average handle time, s")],
    interval: Annotated[
        float, typer.Option(parser=positive, help="interval length, minutes")
    ] = 30.0,
    answer_seconds: Annotated[
        float,
        typer.Option(
            parser=non_negative,
            help="target answer time T for the service level, s",
        ),
    ] = 20.0,
    service_level: Annotated[
        float | None,
        typer.Option(
            parser=fraction,
            help="target share answered within T (default 0.8 unless --asa or --agents)",
        ),
    ] = None,
    agents: Annotated[
        int | None, typer.Option(parser=count, help="evaluate this many agents instead")
    ] = None,
    asa: Annotated[
        float | None,
        typer.Option(
            parser=positive,
            help="target average speed of answer, s (mean wait of answered calls)",
        ),
    ] = None,
    max_occupancy: Annotated[
        float | None,
        typer.Option(parser=occupancy, help="cap on occupancy when sizing (e.g. 0.85)"),
    ] = None,
    patience: Annotated[
        float | None,
        typer.Option(parser=positive, help="mean caller patience, s: use Erlang A (abandonment)"),
    ] = None,
    shrinkage_share: Annotated[
        float,
        typer.Option(
            "--shrinkage",
            parser=shrinkage,
            help="share of paid time off the phones; also prints agents to schedule",
        ),
    ] = 0.0,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> int:
    """Exit 0 with the figures, 1 when the queue has no steady state, 2 for bad options."""
    return run(
        ErlangArgs(
            contacts=contacts,
            aht=aht,
            interval=interval,
            answer_seconds=answer_seconds,
            service_level=service_level,
            agents=agents,
            asa=asa,
            max_occupancy=max_occupancy,
            patience=patience,
            shrinkage=shrinkage_share,
            json=as_json,
        )
    )


def run(args: ErlangArgs) -> int:
    import sys

    import numpy as np

    from solver.staffing.erlang_a import erlang_a_metrics, erlang_a_required_agents
    from solver.staffing.erlang_c import erlang_c_metrics, required_agents
    from solver.staffing.metrics import UnstableQueue, offered_load
    from solver.staffing.requirements import scheduled_agents

    for other, given in (("--service-level", args.service_level), ("--asa", args.asa)):
        if args.agents is not None and given is not None:
            print(f"homeshore erlang: error: give --agents or {other}, not both", file=sys.stderr)
            return 2
    load = offered_load(args.contacts, args.aht, args.interval * 60.0)
    level = args.service_level
    if args.agents is None and level is None and args.asa is None:
        level = 0.8
    occupancy_cap = args.max_occupancy or 1.0
    agents = args.agents
    if agents is None:
        if args.patience is None:
            agents = int(
                required_agents(
                    load,
                    args.aht,
                    service_level_target=level,
                    answer_seconds=args.answer_seconds,
                    max_asa_seconds=args.asa,
                    max_occupancy=occupancy_cap,
                )
            )
        else:
            agents = erlang_a_required_agents(
                load,
                args.aht,
                args.patience,
                service_level_target=level,
                answer_seconds=args.answer_seconds,
                max_asa_seconds=args.asa,
                max_occupancy=occupancy_cap,
            )
    try:
        metrics: QueueMetrics
        if args.patience is None:
            metrics = erlang_c_metrics(agents, load, args.aht, args.answer_seconds)
        else:
            metrics = erlang_a_metrics(agents, load, args.aht, args.patience, args.answer_seconds)
    except UnstableQueue as exc:
        print(f"homeshore erlang: {exc}", file=sys.stderr)
        return 1
    scheduled = int(scheduled_agents(np.array([agents]), args.shrinkage)[0])
    model = "erlang_a" if args.patience is not None else "erlang_c"
    if args.json:
        out: dict[str, object] = {
            "model": model,
            "load_erlangs": round(load, 6),
            "agents": agents,
            "service_level": metrics.service_level,
            "asa_seconds": metrics.asa_seconds if math.isfinite(metrics.asa_seconds) else None,
            "asa_all_arrivals_seconds": _finite(metrics.mean_wait_all_arrivals),
            "prob_wait": metrics.prob_wait,
            "occupancy": metrics.occupancy,
        }
        if metrics.prob_abandon is not None:
            out["prob_abandon"] = metrics.prob_abandon
        if args.shrinkage:
            out["scheduled_agents"] = scheduled
        print(json.dumps(out))
        return 0
    print(_text(args, model, load, level, metrics, scheduled))
    return 0


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if math.isfinite(value) else "unbounded"


def _text(
    args: ErlangArgs,
    model: str,
    load: float,
    level: float | None,
    metrics: QueueMetrics,
    scheduled: int,
) -> str:
    title = "Erlang C" if model == "erlang_c" else f"Erlang A (mean patience {args.patience:g} s)"
    if args.agents is not None:
        why = "given"
    else:
        goals = []
        if level is not None:
            goals.append(f"{level:.0%} in {args.answer_seconds:g} s")
        if args.asa is not None:
            goals.append(f"ASA <= {args.asa:g} s")
        if args.max_occupancy:
            goals.append(f"occupancy <= {args.max_occupancy:.0%}")
        why = "required for " + ", ".join(goals)
    lines = [
        f"{title}: {args.contacts:g} contacts per {args.interval:g} min, AHT {args.aht:g} s "
        f"-> offered load {load:.2f} Erlangs",
        f"  agents            {metrics.agents}  ({why})",
        f"  service level     {metrics.service_level:.1%} answered within "
        f"{args.answer_seconds:g} s",
        *_asa_lines(metrics),
        f"  prob. of waiting  {metrics.prob_wait:.1%}",
        f"  occupancy         {metrics.occupancy:.1%}",
    ]
    if metrics.prob_abandon is not None:
        lines.append(f"  prob. of abandon  {metrics.prob_abandon:.1%}")
    if args.shrinkage:
        lines.append(f"  to schedule       {scheduled}  (shrinkage {args.shrinkage:.0%})")
    return "\n".join(lines)


def _asa_lines(metrics: QueueMetrics) -> list[str]:
    """Under Erlang A, both averages, named: they differ by who is counted."""
    if metrics.prob_abandon is None:
        return [f"  ASA               {_seconds(metrics.asa_seconds)}"]
    return [
        f"  ASA, answered     {_seconds(metrics.asa_seconds)}  (mean wait of answered calls)",
        f"  ASA, all arrivals {_seconds(metrics.mean_wait_all_arrivals)}  "
        "(mean wait of every caller, abandoners until they hang up)",
    ]
