"""``homeshore erlang``: the staffing calculator analysts use every day.

Examples::

    homeshore erlang --contacts 100 --aht 180                    # agents for 80 % in 20 s
    homeshore erlang --contacts 100 --aht 180 --agents 12        # service with 12 agents
    homeshore erlang --contacts 100 --aht 180 --patience 120 --json   # Erlang A, as JSON

Exit codes: 0 success; 1 the queue has no steady state (Erlang C with agents <= load);
2 invalid arguments.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import TYPE_CHECKING

from api.cli.arg_types import count, fraction, non_negative, occupancy, positive, shrinkage

if TYPE_CHECKING:
    from solver.staffing.metrics import QueueMetrics

HELP = "Erlang C/A calculator: required agents, service level, ASA, occupancy."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--contacts", type=non_negative, required=True, help="contacts offered per interval"
    )
    parser.add_argument("--aht", type=positive, required=True, help="average handle time, s")
    parser.add_argument(
        "--interval", type=positive, default=30.0, help="interval length, minutes (default 30)"
    )
    parser.add_argument(
        "--answer-seconds",
        type=non_negative,
        default=20.0,
        help="target answer time T for the service level (default 20 s)",
    )
    goal = parser.add_mutually_exclusive_group()
    goal.add_argument(
        "--service-level",
        type=fraction,
        help="target share answered within T (default 0.8 unless --asa or --agents)",
    )
    goal.add_argument("--agents", type=count, help="evaluate this many agents instead")
    parser.add_argument("--asa", type=positive, help="target average speed of answer, s")
    parser.add_argument(
        "--max-occupancy", type=occupancy, help="cap on occupancy when sizing (e.g. 0.85)"
    )
    parser.add_argument(
        "--patience", type=positive, help="mean caller patience, s: use Erlang A (abandonment)"
    )
    parser.add_argument(
        "--shrinkage",
        type=shrinkage,
        default=0.0,
        help="share of paid time off the phones; also prints agents to schedule",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    import sys

    import numpy as np

    from solver.staffing.erlang_a import erlang_a_metrics, erlang_a_required_agents
    from solver.staffing.erlang_c import erlang_c_metrics, required_agents
    from solver.staffing.metrics import UnstableQueue, offered_load
    from solver.staffing.requirements import scheduled_agents

    if args.agents is not None and args.asa is not None:
        print("homeshore erlang: error: give --agents or --asa, not both", file=sys.stderr)
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


def _text(
    args: argparse.Namespace,
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
    asa = "unbounded" if not math.isfinite(metrics.asa_seconds) else f"{metrics.asa_seconds:.1f} s"
    lines = [
        f"{title}: {args.contacts:g} contacts per {args.interval:g} min, AHT {args.aht:g} s "
        f"-> offered load {load:.2f} Erlangs",
        f"  agents            {metrics.agents}  ({why})",
        f"  service level     {metrics.service_level:.1%} answered within "
        f"{args.answer_seconds:g} s",
        f"  ASA               {asa}",
        f"  prob. of waiting  {metrics.prob_wait:.1%}",
        f"  occupancy         {metrics.occupancy:.1%}",
    ]
    if metrics.prob_abandon is not None:
        lines.append(f"  prob. of abandon  {metrics.prob_abandon:.1%}")
    if args.shrinkage:
        lines.append(f"  to schedule       {scheduled}  (shrinkage {args.shrinkage:.0%})")
    return "\n".join(lines)
