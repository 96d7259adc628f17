"""The CP-SAT model, assembled like the problem statement reads.

Hard rules first (each a function of its own in ``solver.model.rules``), then coverage,
then the soft terms, each kept under its name so a roster can be explained term by term;
the objective is summed once, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.model import coverage, rules, soft, stability
from solver.model.inputs import ModelInputs

LinearTerms = list[tuple[cp_model.IntVar, int]]


@dataclass
class ShiftModel:
    """A built model and the handles needed to read a solution back."""

    inputs: ModelInputs
    model: cp_model.CpModel
    chosen: list[cp_model.IntVar]  # one boolean per candidate shift
    flows: dict[tuple[int, int, int], cp_model.IntVar]  # (group, queue, slot), multi-queue groups
    terms: dict[str, LinearTerms] = field(default_factory=dict)
    constants: dict[str, int] = field(default_factory=dict)
    unmet: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    over: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    shortfall: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    # (agent, week) -> per step: (step, beyond it above, beyond it below) the fair target,
    # in shortfall units (``model.soft``)
    deviation: dict[tuple[int, int], list[tuple[int, cp_model.IntVar, cp_model.IntVar]]] = field(
        default_factory=dict
    )
    rule_literals: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    # (agent, day) -> 1 when the agent works that day (``solver.rules.explain.worked_day``)
    day_worked: dict[tuple[int, int], cp_model.LinearExprT] = field(default_factory=dict)
    # The roster given as a hint (candidate indices, flows), kept as a fallback result.
    hinted: tuple[set[int], dict[tuple[int, int, int], int]] | None = None
    # (term, variable, expression, points): the variable is at least max(0, expression);
    # an unfinished search may leave it higher, so reports use the expression instead.
    excesses: list[tuple[str, cp_model.IntVar, cp_model.LinearExprT, int]] = field(
        default_factory=list
    )

    def add_term(self, name: str, var: cp_model.IntVar, coefficient: int) -> None:
        self.terms.setdefault(name, [])
        if coefficient:
            self.terms[name].append((var, coefficient))

    def add_excess(
        self, name: str, var: cp_model.IntVar, expression: cp_model.LinearExprT, points: int
    ) -> None:
        """Penalise ``var >= max(0, expression)`` at ``points`` per unit."""
        self.model.add(var >= expression)
        self.add_term(name, var, points)
        self.excesses.append((name, var, expression, points))

    def add_constant(self, name: str, points: int) -> None:
        """Penalty no decision can avoid, e.g. demand on a queue nobody may serve."""
        self.constants[name] = self.constants.get(name, 0) + points

    def set_objective(self) -> None:
        variable = sum(coef * var for entries in self.terms.values() for var, coef in entries)
        self.model.minimize(variable + sum(self.constants.values()))


def build_model(inputs: ModelInputs, explain_agents: frozenset[int] = frozenset()) -> ShiftModel:
    """Build the full model.

    ``explain_agents`` puts each hard rule of these agents behind an assumption literal, so
    that an infeasible solve can name the agent and rule that conflict.
    """
    model = cp_model.CpModel()
    chosen = [
        model.new_bool_var(f"shift_a{c.agent}_d{c.day}_{c.start}_{c.end}")
        for c in inputs.candidates
    ]
    built = ShiftModel(inputs, model, chosen, {})
    for rule in rules.HARD_RULES:
        rule(built, explain_agents)
    coverage.add_coverage(built)
    soft.add_soft_terms(built)
    stability.add_change_terms(built)
    built.set_objective()
    return built
