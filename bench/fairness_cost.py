"""What the fairness term costs: weight 0 against the default, on ``bench.generator`` weeks.

Per seed and weight: the verified objective, labour cost and worked hours, unmet agent-hours,
the fairness term, and the fairness figures (the widest spread and the mean standard
deviation of worked-hours-to-offer ratios among comparable agents). The objective compared
across weights is not the same function; labour cost, unmet hours and the spreads are.
The machine is shared: the load average is printed with each row, and at a fixed time
limit a loaded run ends further from the optimum.

    python -m bench.fairness_cost                         # 300 agents, 30 s, seeds 1 and 2
    python -m bench.fairness_cost --agents 100 --limit 5 --seeds 1
"""

from __future__ import annotations

import argparse
import os
from statistics import mean

from bench.generator import generate
from solver.problem import Weights
from solver.result import SolveSettings
from solver.solve import solve
from solver.verifier import verify


def run(agents: int, seed: int, weight: float, limit: float, workers: int) -> str:
    problem = generate(agents, seed)
    problem = problem.model_copy(update={"weights": Weights(fairness=weight)})
    result = solve(problem, SolveSettings(time_limit_seconds=limit, num_workers=workers))
    if result.roster is None:
        return f"seed {seed} weight {weight:>4}: no roster ({result.status})"
    report = verify(problem, result.roster)
    k = report.kpis
    groups = [g for g in k.fairness if g.agents > 1]
    sd = mean(g.stdev_ratio for g in groups) if groups else 0.0
    gap = f"{100 * result.gap:.2f} %" if result.gap is not None else "-"
    return (
        f"seed {seed} weight {weight:>4}: objective {k.objective:>10.1f} (gap {gap})  "
        f"labour {k.cost:>9.1f} for {k.worked_hours:>7.1f} h  unmet {k.unmet_agent_hours:>6.1f} h  "
        f"fairness term {k.objective_terms['fairness']:>8.1f}  spread {k.fairness_spread:.3f}  "
        f"mean sd {sd:.3f} in {len(groups)} groups  verified {report.ok}  "
        f"load {os.getloadavg()[0]:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=300)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--seeds", default="1,2")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    default = Weights().fairness
    for seed in (int(s) for s in args.seeds.split(",")):
        for weight in (0.0, default):
            print(run(args.agents, seed, weight, args.limit, args.workers), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
