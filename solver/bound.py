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
from scipy.sparse import coo_matrix

from solver.model.inputs import SCALE, SHORTFALL_UNITS_PER_SLOT, ModelInputs


@dataclass
class _Rows:
    """Sparse ``A x <= b`` (or ``== b``) rows assembled column by column."""

    rows: list[int]
    cols: list[int]
    vals: list[float]
    rhs: list[float]

    @classmethod
    def empty(cls) -> _Rows:
        return cls([], [], [], [])

    def add(self, entries: list[tuple[int, float]], rhs: float) -> None:
        row = len(self.rhs)
        for col, val in entries:
            self.rows.append(row)
            self.cols.append(col)
            self.vals.append(val)
        self.rhs.append(rhs)

    def matrix(self, n_cols: int) -> coo_matrix | None:
        if not self.rhs:
            return None
        return coo_matrix((self.vals, (self.rows, self.cols)), shape=(len(self.rhs), n_cols))


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
    rules = inputs.problem.rules
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
    le, eq = _Rows.empty(), _Rows.empty()
    per_day: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, cand in enumerate(cands):
        per_day[(cand.agent, cand.day)].append(i)
    single = rules.max_shifts_per_day == 1
    for members in per_day.values():
        le.add([(chosen[i], 1.0) for i in members], float(rules.max_shifts_per_day))
    for (owner, week), members in _by_week(inputs).items():
        limit = inputs.week_limit_slots(inputs.agents[owner], week)
        le.add([(chosen[i], float(cands[i].worked_slots)) for i in members], float(limit))
        if single:
            le.add([(chosen[i], 1.0) for i in members], float(rules.max_working_days_per_week))
        minimum = inputs.week_minimum_units(inputs.agents[owner], week)
        short_points = inputs.shortfall_unit_points()
        if minimum > 0 and short_points:
            short = column(short_points, 0.0, float(minimum))
            per_slot = float(SHORTFALL_UNITS_PER_SLOT)
            entries = [(chosen[i], -per_slot * cands[i].worked_slots) for i in members]
            le.add([*entries, (short, -1.0)], -float(minimum))
    if single:
        _rest_rows(inputs, per_day, chosen, le)
    constant = _coverage_rows(inputs, chosen, column, le, eq)
    n = len(cost)
    if n == 0:  # nobody can work: the objective is the unavoidable constant
        return LpRelaxation(constant / SCALE, time.perf_counter() - started, np.zeros(0))
    result = linprog(
        c=np.array(cost),
        A_ub=le.matrix(n),
        b_ub=np.array(le.rhs) if le.rhs else None,
        A_eq=eq.matrix(n),
        b_eq=np.array(eq.rhs) if eq.rhs else None,
        bounds=np.column_stack([lower, upper]),
        method="highs",
        options={"time_limit": time_limit, "presolve": True},
    )
    seconds = time.perf_counter() - started
    if result.status != 0:
        return None
    values = np.asarray(result.x[: len(cands)])
    return LpRelaxation((result.fun + constant) / SCALE, seconds, values)


def _by_week(inputs: ModelInputs) -> dict[tuple[int, int], list[int]]:
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, cand in enumerate(inputs.candidates):
        groups[(cand.agent, inputs.grid.week_of_day(cand.day))].append(i)
    return groups


def _rest_rows(
    inputs: ModelInputs,
    per_day: dict[tuple[int, int], list[int]],
    chosen: list[int],
    le: _Rows,
) -> None:
    """The same rest cliques as the CP-SAT model (one shift a day)."""
    cands = inputs.candidates
    minutes = inputs.problem.horizon.slot_minutes
    rest = -(-inputs.problem.rules.min_rest_minutes // minutes)
    for (agent, day), members in per_day.items():
        later = [i for d in (day + 1, day + 2) for i in per_day.get((agent, d), [])]
        for end in sorted({cands[i].end for i in members}):
            second = [i for i in later if cands[i].start < end + rest]
            if second:
                first = [i for i in members if cands[i].end >= end]
                le.add([(chosen[i], 1.0) for i in first + second], 1.0)


def _coverage_rows(
    inputs: ModelInputs,
    chosen: list[int],
    column: Callable[[float, float, float], int],
    le: _Rows,
    eq: _Rows,
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
            if required:
                unmet = column(unmet_points, 0.0, float(required))
                le.add([(unmet, -1.0)] + [(f, -1.0) for f in flows], -float(required))
            if over_points:
                over = column(over_points, 0.0, np.inf)
                le.add([(over, -1.0)] + [(f, 1.0) for f in flows], float(required))
    return constant
