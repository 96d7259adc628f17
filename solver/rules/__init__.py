"""The hard rules that link an agent's shifts, one module each, every form side by side.

Each module holds all the solver's forms of one rule, so a change to the rule is one
change in one file. The forms:

- ``add_constraints(built, explain)``: the CP-SAT constraint (``solver.model.rules`` lists
  them in the order the model adds them);
- ``lp_row`` / ``lp_rows``: the rows of the shift LP behind the proven bound
  (``solver.bound``); a rule left out there only weakens the bound;
- ``week_plan_*``: the limits and rest levels of the week-plan DP (``solver.agent_week``);
- ``may_join(inputs, cand, taken)``: the greedy check "may this shift join the agent's
  shifts", used by the greedy roster, LP rounding and to accept the DP's week plans.

The rules, each with the verifier's names for it:

- ``shifts_per_day``: shifts a day and the gap between them (verifier:
  ``max_shifts_per_day``, ``same_day_gap``);
- ``daily_rest``: rest between shifts of different days (``min_rest``);
- ``working_days``: days with a shift per 7-day block (``max_working_days_per_week``);
- ``weekly_hours``: contract maximum and aid cap per block (``contract_max_hours``,
  ``aid_cap_week``);
- ``daily_minutes``: worked minutes a day, the aid cap a day (``max_minutes_per_day``,
  ``aid_cap_day``);
- ``weekly_rest``: a long stretch off work in every full 7-day block (``min_weekly_rest``);
- ``consecutive_days``: days in a row with a shift, the days before the horizon included
  (``max_consecutive_days``).

Shifts worked before the horizon (``Problem.previous_shifts``, ``ModelInputs.history``)
count for daily rest, weekly rest and consecutive days.

Rules of one shift alone (availability, opening hours, length, breaks) are built into the
candidates (``solver.candidates``) and checked on locked shifts (``solver.model.locks``).
The verifier (``solver.verifier``) reads every rule again on its own, from the problem and
the roster only; ``tests/solver/rules`` holds each form against it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from solver.rules import (
    consecutive_days,
    daily_minutes,
    daily_rest,
    shifts_per_day,
    weekly_hours,
    weekly_rest,
    working_days,
)

if TYPE_CHECKING:
    from solver.candidates import Candidate
    from solver.model.inputs import ModelInputs


def may_join(inputs: ModelInputs, cand: Candidate, taken: list[Candidate]) -> bool:
    """``cand`` may join the agent's ``taken`` shifts without breaking a linking rule.

    Every rule's greedy form, cheapest first: the greedy roster asks this of each open
    candidate after each pick, so it is written out rather than looped over.
    """
    return (
        shifts_per_day.may_join(inputs, cand, taken)
        and daily_rest.may_join(inputs, cand, taken)
        and working_days.may_join(inputs, cand, taken)
        and weekly_hours.may_join(inputs, cand, taken)
        and daily_minutes.may_join(inputs, cand, taken)
        and consecutive_days.may_join(inputs, cand, taken)
        and weekly_rest.may_join(inputs, cand, taken)
    )


def keeps_linking_rules(inputs: ModelInputs, shifts: list[Candidate]) -> bool:
    """One agent's shifts keep every rule between shifts (a DP's week plan, say)."""
    return all(may_join(inputs, cand, shifts[:k]) for k, cand in enumerate(shifts))


def keeps_rules_the_week_plan_leaves_out(inputs: ModelInputs, shifts: list[Candidate]) -> bool:
    """A week-plan DP's plan keeps the rule the DP does not count: weekly rest.

    The DP counts the others exactly with one shift a day, the only case its callers use
    it in: one candidate a day, the weekly caps, daily rest, consecutive days, and the
    daily cap, which the candidates keep alone.
    """
    return all(weekly_rest.may_join(inputs, cand, shifts[:k]) for k, cand in enumerate(shifts))
