"""A proven lower bound: the LP relaxation of the shift model, solved with HiGHS.

Every roster the CP-SAT model accepts is a feasible point of this linear program (the
same candidates, the same coverage flows, the rules that link shifts as linear rows),
so its optimum is a lower bound on any roster's objective. Leaving a rule out would
only weaken the bound, never make it wrong; rules with several shifts a day are left
out for that reason. CP-SAT's own bound is often far weaker on these models at scale,
because its LP is solved only partially within the time limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csc_matrix

from solver.model.inputs import SCALE, SHORTFALL_UNITS_PER_SLOT, ModelInputs
from solver.rules import consecutive_days, daily_rest, shifts_per_day, weekly_hours, working_days
from solver.rules.explain import by_agent_day
from solver.rules.lp import LinearRows


@dataclass(frozen=True)
class LpRelaxation:
    """The relaxation's optimum (a proven lower bound) and its value of each candidate."""

    bound: float
    seconds: float
    shift_values: np.ndarray


def lp_relaxation(inputs: ModelInputs, time_limit: float = 60.0) -> LpRelaxation | None:
    """The LP relaxation's optimum, in objective units; None when HiGHS did not finish."""
    import time

    started = time.perf_counter()
    cands = inputs.candidates
    weights = inputs.problem.weights
    cost: list[float] = []
    upper: list[float] = []
    lower: list[float] = []

    def column(c: float, lo: float, hi: float) -> int:
        cost.append(c)
        lower.append(lo)
        upper.append(hi)
        return len(cost) - 1

    pref_points = inputs.hourly_points(weights.missed_preference)
    chosen = []
    for cand in cands:
        agent = inputs.agents[cand.agent]
        c = inputs.slot_cost_points(agent) * cand.worked_slots
        c += pref_points * inputs.preference_misses(cand)
        chosen.append(column(c, 1.0 if cand.locked else 0.0, 1.0))
    le, eq = LinearRows.empty(), LinearRows.empty()
    per_day = by_agent_day(cands)
    shifts_per_day.lp_rows(inputs, per_day, chosen, le)
    for (owner, week), members in _by_week(inputs).items():
        weekly_hours.lp_row(inputs, owner, week, members, chosen, le)
        working_days.lp_row(inputs, members, chosen, le)
        minimum = inputs.week_minimum_units(inputs.agents[owner], week)
        short_points = inputs.shortfall_unit_points()
        if minimum > 0 and short_points:
            short = column(short_points, 0.0, float(minimum))
            per_slot = float(SHORTFALL_UNITS_PER_SLOT)
            entries = [(chosen[i], -per_slot * cands[i].worked_slots) for i in members]
            le.add([*entries, (short, -1.0)], -float(minimum))
    daily_rest.lp_rows(inputs, per_day, chosen, le)
    consecutive_days.lp_rows(inputs, per_day, chosen, le)
    constant = _coverage_rows(inputs, chosen, column, le, eq)
    n = len(cost)
    if n == 0:  # nobody can work: the objective is the unavoidable constant
        return LpRelaxation(constant / SCALE, time.perf_counter() - started, np.zeros(0))
    lp = _FullLp(
        cost=np.array(cost),
        lower=np.array(lower),
        upper=np.array(upper),
        a_ub=_csc(le, n),
        b_ub=np.array(le.rhs),
        a_eq=_csc(eq, n),
        b_eq=np.array(eq.rhs),
        shift_columns=len(cands),
    )
    deadline = started + time_limit
    solved = _column_generation(lp, deadline)
    if solved is None:
        return None
    bound, values = solved
    # Every term of the objective is non-negative, so 0 bounds it too (early rounds of
    # column generation can give less).
    bound = max(bound + constant, 0.0)
    return LpRelaxation(bound / SCALE, time.perf_counter() - started, values)


def _csc(rows: LinearRows, n_cols: int) -> csc_matrix:
    if not rows.rhs:
        return csc_matrix((0, n_cols))
    return coo_matrix((rows.vals, (rows.rows, rows.cols)), shape=(len(rows.rhs), n_cols)).tocsc()


@dataclass(frozen=True)
class _FullLp:
    """``min cost x  s.t.  a_ub x <= b_ub, a_eq x = b_eq, lower <= x <= upper``."""

    cost: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    a_ub: csc_matrix
    b_ub: np.ndarray
    a_eq: csc_matrix
    b_eq: np.ndarray
    shift_columns: int  # the first columns are candidate shifts; the rest always stay in


INITIAL_COLUMNS_PER_AGENT_DAY = 3
MAX_NEW_COLUMNS = 20_000
# Up to this many candidate shifts the LP is solved whole, in one round.
FULL_LP_COLUMNS = 150_000
REDUCED_COST_TOLERANCE = 1e-6
CONVERGED_GAP = 5e-4


def _initial_columns(lp: _FullLp) -> np.ndarray:
    """Start with every non-shift column, locked shifts, and the longest shifts of each
    agent-day row (the at-most rows come first in ``a_ub``)."""
    keep = np.zeros(lp.cost.size, dtype=bool)
    if lp.shift_columns <= FULL_LP_COLUMNS:
        keep[:] = True
        return keep
    keep[lp.shift_columns :] = True
    keep[: lp.shift_columns][lp.lower[: lp.shift_columns] > 0] = True
    rows = lp.a_ub[:, : lp.shift_columns].tocsr()
    for r in range(rows.shape[0]):
        cols = rows.indices[rows.indptr[r] : rows.indptr[r + 1]]
        if cols.size and np.all(rows.data[rows.indptr[r] : rows.indptr[r + 1]] == 1.0):
            best = cols[np.argsort(lp.cost[cols])[-INITIAL_COLUMNS_PER_AGENT_DAY:]]
            keep[best] = True
    return keep


def _column_generation(lp: _FullLp, deadline: float) -> tuple[float, np.ndarray] | None:
    """LP optimum by column generation, and at every round a valid Lagrangian bound.

    Up to ``FULL_LP_COLUMNS`` shifts the LP is solved whole in one round. Beyond, shifts
    enter when their reduced cost under the current duals is negative. For any duals,
    ``b.y + sum_j min(0, rc_j) * upper_j + max(0, rc_j) * lower_j`` bounds the full LP
    from below, so the best bound seen is valid even when time runs out first.
    (HiGHS' own Python binding would keep its basis between rounds, but it clashes with
    the copy of HiGHS inside OR-Tools in one process, so we use SciPy's.)
    """
    import time

    active = _initial_columns(lp)
    finite_upper = np.where(np.isfinite(lp.upper), lp.upper, 0.0)
    best_bound = -np.inf
    values = np.zeros(lp.shift_columns)
    while (remaining := deadline - time.perf_counter()) > 0:
        cols = np.flatnonzero(active)
        result = linprog(
            c=lp.cost[cols],
            A_ub=lp.a_ub[:, cols] if lp.b_ub.size else None,
            b_ub=lp.b_ub if lp.b_ub.size else None,
            A_eq=lp.a_eq[:, cols] if lp.b_eq.size else None,
            b_eq=lp.b_eq if lp.b_eq.size else None,
            bounds=np.column_stack([lp.lower[cols], lp.upper[cols]]),
            method="highs",
            options={"time_limit": remaining, "presolve": True},
        )
        if result.status != 0:
            break
        y_ub = result.ineqlin.marginals if lp.b_ub.size else np.zeros(0)
        y_eq = result.eqlin.marginals if lp.b_eq.size else np.zeros(0)
        reduced = lp.cost - lp.a_ub.T @ y_ub - lp.a_eq.T @ y_eq
        bound = float(
            lp.b_ub @ y_ub
            + lp.b_eq @ y_eq
            + np.minimum(reduced, 0) @ finite_upper
            + np.maximum(reduced, 0) @ lp.lower
        )
        best_bound = max(best_bound, bound)
        values = np.zeros(lp.shift_columns)
        shift_cols = cols[cols < lp.shift_columns]
        values[shift_cols] = result.x[: shift_cols.size]
        pricing = np.where(active[: lp.shift_columns], np.inf, reduced[: lp.shift_columns])
        entering = np.flatnonzero(pricing < -REDUCED_COST_TOLERANCE)
        if entering.size == 0:
            best_bound = max(best_bound, float(result.fun))
            break
        if float(result.fun) - best_bound <= CONVERGED_GAP * abs(float(result.fun)):
            break
        if entering.size > MAX_NEW_COLUMNS:
            entering = entering[np.argsort(pricing[entering])[:MAX_NEW_COLUMNS]]
        active[entering] = True
    if not np.isfinite(best_bound):
        return None
    return best_bound, values


def _by_week(inputs: ModelInputs) -> dict[tuple[int, int], list[int]]:
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, cand in enumerate(inputs.candidates):
        groups[(cand.agent, inputs.grid.week_of_day(cand.day))].append(i)
    return groups


def _coverage_rows(
    inputs: ModelInputs,
    chosen: list[int],
    column: Callable[[float, float, float], int],
    le: LinearRows,
    eq: LinearRows,
) -> float:
    """Group flows, unmet demand and over-staffing; returns the unavoidable constant."""
    weights = inputs.problem.weights
    group_of_agent = {a: g for g, group in enumerate(inputs.groups) for a in group.agents}
    working: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, cand in enumerate(inputs.candidates):
        for slot in cand.worked():
            working[(group_of_agent[cand.agent], slot)].append(i)
    served: dict[tuple[int, int], list[int]] = defaultdict(list)
    for (g, slot), members in working.items():
        split = []
        for q in inputs.groups[g].queues:
            flow = column(0.0, 0.0, float(len(members)))
            split.append((flow, 1.0))
            served[(q, slot)].append(flow)
        eq.add(split + [(chosen[i], -1.0) for i in members], 0.0)
    over_points = inputs.hourly_points(weights.overstaffing)
    constant = 0.0
    for q, queue in enumerate(inputs.queues):
        unmet_points = inputs.hourly_points(weights.unmet_demand * queue.priority)
        for slot in range(inputs.grid.count):
            required = inputs.required[q][slot]
            flows = served.get((q, slot), [])
            if not flows:
                constant += required * unmet_points
                continue
            # served + unmet - over = required: one row instead of two inequalities
            entries = [(f, 1.0) for f in flows]
            entries.append((column(float(over_points), 0.0, np.inf), -1.0))
            if required:
                entries.append((column(unmet_points, 0.0, float(required)), 1.0))
            eq.add(entries, float(required))
    return constant
