"""Price-and-dive: a roster from the master LP, fixing agents a batch at a time.

Each step fixes the agents whose best plan the LP already takes (almost) whole, plus the
most decided of the others, then lets column generation re-price the agents still free
around them, so they adapt to what is fixed. The master stays feasible throughout (unmet
demand and over-staffing are columns), and every plan keeps every hard rule, so the last
step is a legal roster. It typically lands within a percent or two of the bound, where a
search from the greedy roster stalls much further away.
"""

from __future__ import annotations

import math
from time import perf_counter

from solver.column_generation import ColumnGeneration

# A plan the LP takes at least this much is fixed without a second thought.
WHOLE = 0.95
# Besides those, each step fixes this share of the undecided agents (at least one): the
# first dive is coarse and quick, a second one, when time is left, finer.
COARSE_STEP = 0.3
FINE_STEP = 0.1
ROUNDS_PER_STEP = 1


def dive(generation: ColumnGeneration, deadline: float, step: float = COARSE_STEP) -> list[int]:
    """Candidate indices of the roster the dive ends with.

    When ``deadline`` (a ``perf_counter`` time) comes first, every agent still free is fixed
    to the plan the LP values most, which is as legal as any other plan.
    """
    master = generation.master
    n_agents = len(generation.inputs.agents)
    began = perf_counter()
    generation.solve_master()  # values for every plan in, the last round's entering ones included
    # A step's round cannot be interrupted: none starts that would end past the deadline.
    last_step = perf_counter() - began
    while len(generation.fixed) < n_agents:
        began = perf_counter()
        values = master.plan_values()
        best: dict[int, tuple[float, int]] = {}
        for index, (plan, value) in enumerate(zip(master.plans, values, strict=True)):
            if plan.agent not in generation.fixed and value > best.get(plan.agent, (-1.0, 0))[0]:
                best[plan.agent] = (float(value), index)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])
        whole = [agent for agent, (value, _) in ranked if value >= WHOLE]
        rest = [agent for agent, (value, _) in ranked if value < WHOLE]
        out_of_time = perf_counter() + last_step >= deadline
        batch = whole + rest[: max(1, math.ceil(step * len(rest)))]
        if out_of_time or len(whole) == len(ranked):
            batch = [agent for agent, _ in ranked]
        for agent in batch:
            generation.fixed[agent] = best[agent][1]
            master.fix(best[agent][1])
        if len(generation.fixed) == n_agents:
            break
        for _ in range(ROUNDS_PER_STEP):
            if generation.round() == 0:
                break
        last_step = perf_counter() - began
    return sorted(i for index in generation.fixed.values() for i in master.plans[index].shifts)


def rounded(generation: ColumnGeneration) -> list[int]:
    """Candidate indices of the master's last solution rounded at once: every agent takes
    the plan the LP valued most, with nothing re-priced and no master solved again.

    Why: a dive needs a master solve and a round per step (a minute at 3,000 agents on the
    loaded machine), but the second round's master, rounded, is already within a few
    percent of the optimum (3,000 honest agents: 2.45M against 2.37M, where the first
    roster is 3.18M), for the price of reading the values. Every plan keeps every hard
    rule and every agent has one (the empty plan or the seed roster's), so this is legal.
    """
    master = generation.master
    best: dict[int, tuple[float, int]] = {}
    for index, value in enumerate(generation.values.tolist()):
        agent = master.plans[index].agent
        if value > best.get(agent, (-1.0, 0))[0]:
            best[agent] = (value, index)
    return sorted(i for _, index in best.values() for i in master.plans[index].shifts)
