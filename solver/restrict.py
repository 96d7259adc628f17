"""Choose the candidate shifts the CP-SAT search works on, guided by the LP relaxation.

The full candidate set is large and CP-SAT wanders in it; the LP optimum tells which
shifts matter. We keep every candidate the LP uses, plus those that start or end one
slot away from one it uses (so the search can still shift and stretch), plus locked
shifts and those of the previous roster. This is the restricted-master heuristic of
column generation; the LP value stays a proven bound on the full problem.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from solver.candidates import Candidate
from solver.model.inputs import ModelInputs

LP_SUPPORT_THRESHOLD = 1e-6


def restricted_inputs(
    inputs: ModelInputs, lp_values: np.ndarray, keep: set[Candidate] | None = None
) -> ModelInputs:
    """A copy of ``inputs`` whose candidates are the LP support and its neighbours."""
    used = {
        (c.agent, c.day, c.start, c.end)
        for c, v in zip(inputs.candidates, lp_values, strict=True)
        if v > LP_SUPPORT_THRESHOLD
    }
    keep = keep or set()
    previous = inputs.previous_candidates
    chosen = [
        c for c in inputs.candidates if c.locked or c in keep or c in previous or _near(c, used)
    ]
    return replace(inputs, candidates=chosen)


def _near(cand: Candidate, used: set[tuple[int, int, int, int]]) -> bool:
    for d_start in (-1, 0, 1):
        for d_end in (-1, 0, 1):
            if (cand.agent, cand.day, cand.start + d_start, cand.end + d_end) in used:
                return True
    return False
