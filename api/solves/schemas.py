"""Wire format of solve runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from api.schemas import WireModel


class SolveRequest(WireModel):
    """How long and how hard to search; defaults come from the service settings."""

    time_limit_seconds: float | None = Field(default=None, gt=0, le=3600)
    relative_gap_limit: float = Field(default=0.001, ge=0, le=1)
    num_workers: int = Field(default=0, ge=0, le=64, description="0: the solver's default.")
    random_seed: int = Field(default=0, ge=0, le=2_147_483_647)
    locks_from_roster_id: int | None = Field(
        default=None,
        ge=1,
        le=2_147_483_647,
        description="Keep the locked shifts of this roster of the period unchanged "
        "(PUT /rosters/{id}/shifts/{shift_id}/lock).",
    )


class ProgressPointRead(WireModel):
    seconds: float
    objective: float
    bound: float | None = None  # None while no proven bound is known


class SolveRunRead(WireModel):
    id: int
    period_id: int
    status: Literal["queued", "running", "finished", "failed", "cancelled"]
    solver_status: str | None = Field(
        description="optimal, feasible, infeasible, unknown or invalid, once finished."
    )
    objective: float | None
    bound: float | None
    progress: list[ProgressPointRead] = Field(description="Improving solutions over time.")
    roster_id: int | None = Field(description="The roster found, when there is one.")
    kpis: dict[str, Any] = Field(description="Headline figures from the verifier.")
    warnings: list[str] = Field(
        default_factory=list,
        description="What the planner should know about the roster, e.g. a queue no agent "
        "may serve, whose demand stays unmet.",
    )
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    claimed_by: str | None = Field(
        default=None, description="The solve worker that took the run last (celery backend)."
    )
    attempts: int = Field(
        default=0, description="Times a solve worker took the run (more: its worker died)."
    )
