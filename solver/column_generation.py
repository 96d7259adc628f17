"""Column generation over week plans: a proven lower bound, and the plans a dive needs.

Each round solves the restricted master (``solver.master``), prices every agent's best
week against its duals with the exact per-agent DP (``solver.agent_week``), and adds the
plans whose reduced cost is negative. For any duals ``y`` the Lagrangian function

    L(y) = b.y (head and coverage rows)
           + sum over flow, unmet and over columns of their least reduced cost
           + sum over agents of min over plans of (plan cost - prices of its slots)

bounds every roster from below (each agent picks exactly one plan; the DP's minimum is
exact, or lower when rest would bind, which keeps the bound valid), so the best value
seen is a proven bound even when time runs out before the master converges. It is
usually much tighter than the shift-by-shift LP: the master sees whole weeks, so contract
minimums and weekly caps cannot be met with fractions of shifts.

Applies when the DP is exact: one shift a day (re-planning change terms and locked shifts
are part of each agent's DP); otherwise ``solver.solve`` uses the shift-by-shift LP.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from time import perf_counter

import numpy as np

from solver.agent_week import AgentShifts, agent_shifts, best_week_plan, plan_cost
from solver.master import MasterLp, Plan
from solver.model.inputs import ModelInputs
from solver.plan_repair import within_linking_rules

# Reduced costs above this (in points: 1/14,000 of a currency unit) are taken as zero.
REDUCED_COST_TOLERANCE = 0.5
# Plans are never dropped: measured at 100 agents, dropping plans idle for 3 (or 10)
# rounds left the bound stuck 6 % (0.1 %) below the master, because the pricing returns
# one plan per agent and round and a dropped second-best plan never comes back.
# Column generation stops when neither value moved by this much over this many rounds.
STALL_ROUNDS = 5
# The next round is expected to take this many times the last one: the master grows by a
# plan per agent and round (3,000 honest agents under load: 2.8, 4.6, 4.7, 7.0, 6.1, 8.2,
# 12.1, 17.8 s; the largest step 1.7 times, most 1.3-1.5).
ROUND_GROWTH = 1.5
STALL_TOLERANCE = 1e-5


def applies(inputs: ModelInputs) -> bool:
    """One shift a day: then an agent's week is exactly the DP of ``solver.agent_week``."""
    return inputs.problem.rules.max_shifts_per_day == 1


@dataclass
class ColumnGeneration:
    inputs: ModelInputs
    master: MasterLp = field(init=False)
    shifts: list[AgentShifts] = field(default_factory=list)  # computed when not given
    bound: float = -np.inf  # best Lagrangian bound, in points
    lp_value: float = np.inf
    rounds: int = 0
    fixed: dict[int, int] = field(default_factory=dict)  # agent -> plan index (the dive)
    round_seconds: float = 0.0  # how long the last round of ``run`` took
    master_seconds: float = 0.0  # the slowest master solve so far (rounds and dives)
    pricing_seconds: float = 0.0  # the last round's pricing
    values: np.ndarray = field(default_factory=lambda: np.zeros(0))  # plans, last solve
    history: list[tuple[float, float]] = field(default_factory=list)  # (master, bound)

    def __post_init__(self) -> None:
        inputs = self.inputs
        self.master = MasterLp(inputs)
        if not self.shifts:
            self.shifts = [agent_shifts(inputs, a) for a in range(len(inputs.agents))]
        # The empty plan of every agent free to have no shift; agents with locked shifts
        # get their first plan from the seed roster (``add_roster``).
        self.master.add_plans(
            [self._plan(a, []) for a, own in enumerate(self.shifts) if not own.forced]
        )

    def _plan(self, agent: int, shifts: list[int]) -> Plan:
        own = self.shifts[agent]
        return Plan(
            agent, tuple(sorted(shifts)), plan_cost(shifts, own, own.static, self.inputs, agent)
        )

    def add_roster(self, chosen: list[int]) -> None:
        """Seed the master with a legal roster (locked shifts included): every agent then
        has a plan, and the master is never worse than that roster."""
        by_agent: dict[int, list[int]] = {a: [] for a in range(len(self.inputs.agents))}
        for index in chosen:
            by_agent[self.inputs.candidates[index].agent].append(index)
        self.master.add_plans([self._plan(a, plan) for a, plan in by_agent.items()])

    def round(self) -> int:
        """One solve and pricing round; returns how many plans entered."""
        inputs = self.inputs
        self.lp_value = self.solve_master()
        pricing = perf_counter()
        self.values = self.master.plan_values()
        duals = self.master.duals()
        bound = self.master.coverage_part_of_bound(duals)
        entering = []
        for agent, own in enumerate(self.shifts):
            if agent in self.fixed:  # the dive's: nothing to price, no bound to add to
                continue
            prices = np.concatenate(([0.0], np.cumsum(self.master.head_prices(duals, agent))))
            covered = prices[own.ends] - prices[own.starts]
            covered -= prices[own.break_ends] - prices[own.break_starts]
            cost = own.static - covered
            plan = best_week_plan(inputs, agent, own, cost)
            if plan is None:  # locked shifts over a weekly cap: no bound from this round
                bound = -np.inf
                continue
            value = plan_cost(plan, own, cost, inputs, agent)
            bound += value
            if value - duals[agent] > -REDUCED_COST_TOLERANCE:
                continue
            # The DP's plan may break a rule it cannot count (weekly rest): the bound keeps
            # its value, the master gets the best legal part of it, if that still prices out.
            legal = within_linking_rules(inputs, plan, own, cost, agent)
            if plan_cost(legal, own, cost, inputs, agent) - duals[agent] <= -REDUCED_COST_TOLERANCE:
                entering.append(self._plan(agent, legal))
        self.rounds += 1
        self.pricing_seconds = perf_counter() - pricing
        if not self.fixed:  # once the dive fixes agents, L(y) bounds that dive only
            self.bound = max(self.bound, bound)
        return self.master.add_plans(entering)

    def solve_master(self) -> float:
        """The master's optimum, in points, timed: a dive's solves count too, since after
        a dive the master holds every plan it generated and solves slower than before."""
        began = perf_counter()
        value = self.master.solve()
        self.master_seconds = max(self.master_seconds, perf_counter() - began)
        return value

    def last_round_seconds(self) -> float:
        """The last round, or the slowest master solve and the last pricing if longer."""
        return max(self.round_seconds, self.master_seconds + self.pricing_seconds)

    def next_round_seconds(self) -> float:
        """How long the next round is expected to take: ``ROUND_GROWTH`` times the last."""
        return ROUND_GROWTH * self.last_round_seconds()

    def release(self) -> None:
        """Undo a dive's fixings, keeping every plan it generated (for another dive)."""
        for plan_index in self.fixed.values():
            self.master.unfix(plan_index)
        self.fixed.clear()

    def run(
        self,
        deadline: float,
        gap: float,
        on_bound: Callable[[float], None] | None = None,
        rounds: int | None = None,
    ) -> str:
        """Rounds until no plan enters, the bound is within ``gap`` of the master, or
        ``deadline`` (a ``perf_counter`` time); ``on_bound`` hears each better bound.

        A round is not started when the last one, ``ROUND_GROWTH`` times as long, would
        end past ``deadline``: a round cannot be interrupted, at 3,000 agents one takes
        seconds, and each is longer than the last (the master grows). Returns why
        it stopped: ``"converged"``, ``"no_plan"`` (no plan entered, yet the bound is short
        of the master: a plan the DP priced broke a rule linking days), ``"stalled"``,
        ``"deadline"``, or ``"rounds"`` once ``rounds`` rounds are done in all (the caller
        may round the master to a roster there, then call again to go on).
        """
        while perf_counter() + self.next_round_seconds() < deadline:
            if rounds is not None and self.rounds >= rounds:
                return "rounds"
            began = perf_counter()
            before = self.bound
            entered = self.round()
            if on_bound is not None and self.bound > before:
                on_bound(self.bound)
            self.history.append((self.lp_value, self.bound))
            self.round_seconds = perf_counter() - began
            if self.converged(gap):
                return "converged"
            if entered == 0:
                return "no_plan"
            if _stalled(self.history):
                return "stalled"
        return "deadline"

    def converged(self, gap: float) -> bool:
        return self.lp_value - self.bound <= gap * abs(self.lp_value)


def _stalled(history: list[tuple[float, float]]) -> bool:
    """Neither the master nor the bound moved (relatively) over the last rounds: on
    degenerate masters the duals wander without closing the last fraction of the gap."""
    if len(history) <= STALL_ROUNDS:
        return False
    (lp_then, bound_then), (lp_now, bound_now) = history[-1 - STALL_ROUNDS], history[-1]
    scale = max(1.0, abs(lp_now))
    return lp_then - lp_now <= STALL_TOLERANCE * scale and bound_now - bound_then <= (
        STALL_TOLERANCE * scale
    )
