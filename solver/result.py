"""What a solve returns: the roster, how good it is, and how long it took.

A solve is a pure function ``solve(problem, settings) -> SolveResult``; everything here is
plain data that pickles, so a solve can run in another process or on another machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from solver.replan import ShiftChange
from solver.roster import Roster

SolveStatus = Literal["optimal", "feasible", "infeasible", "unknown", "invalid"]


class SolveSettings(BaseModel):
    """How hard and how long to search. Time and gap limits are user settings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    time_limit_seconds: float = Field(default=30.0, gt=0, le=3600)
    relative_gap_limit: float = Field(
        default=0.001, ge=0, le=1, description="Stop when (objective - bound) / objective <= this."
    )
    num_workers: int = Field(default=0, ge=0, le=64, description="0 picks a default for the CPU.")
    random_seed: int = Field(default=0, ge=0)
    log_search_progress: bool = False
    stop_after_first_solution: bool = Field(
        default=False, description="Return the first roster found (benchmarks, quick previews)."
    )


class ProgressPoint(BaseModel):
    """One improving solution found during the search."""

    model_config = ConfigDict(frozen=True)

    seconds: float
    objective: float
    bound: float | None = Field(
        default=None, description="Proven lower bound then; None when none is known."
    )


ProgressCallback = Callable[[ProgressPoint], None]


class Conflict(BaseModel):
    """A hard rule that cannot hold, named so that a planner can act on it."""

    model_config = ConfigDict(frozen=True)

    rule: str
    agent_id: str | None = None
    detail: str


class SolveResult(BaseModel):
    """The outcome of one solve. ``roster`` is None unless a feasible roster was found."""

    model_config = ConfigDict(frozen=True)

    status: SolveStatus
    roster: Roster | None = None
    objective: float | None = Field(default=None, description="Weighted penalty, currency units.")
    bound: float | None = Field(default=None, description="Proven lower bound on the objective.")
    gap: float | None = Field(default=None, description="(objective - bound) / objective.")
    objective_terms: dict[str, float] = Field(default_factory=dict)
    build_seconds: float = Field(default=0.0, description="Building candidates and model inputs.")
    first_solution_seconds: float | None = None
    wall_seconds: float = 0.0
    phase_seconds: dict[str, float] = Field(
        default_factory=dict,
        description="Where the wall time went, by phase of the solve's time budget "
        "(solver.budget): build, first_roster, search, closing.",
    )
    progress: list[ProgressPoint] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    candidate_shifts: int = 0
    changes: list[ShiftChange] = Field(
        default_factory=list,
        description="Re-planning: shifts that differ from the previous roster.",
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="Sentences for the planner about what the solve did with the problem as "
        "written: the part of a window outside the horizon dropped, a queue no agent may "
        "serve whose demand stays unmet.",
    )
    # True once the solver's verifier has checked this very roster (the early roster and
    # the dives' are verified when found), so the last check need not run it again.
    _roster_verified: bool = PrivateAttr(default=False)

    def with_verified_roster(self) -> SolveResult:
        """This result, recorded as holding a roster the verifier has already passed."""
        self._roster_verified = True
        return self

    @property
    def roster_verified(self) -> bool:
        return self._roster_verified
