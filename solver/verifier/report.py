"""What the verifier returns: every broken hard rule, and the figures recomputed from scratch.

Plain pydantic data, so a report prints for people (``str(violation)``) and serialises for
programs (``report.model_dump_json()``). Per-slot figures are lists indexed by slot, which
keeps a 3,000-agent, 336-slot report small.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, computed_field

OBJECTIVE_TERMS = (
    "unmet_demand",
    "unmet_contract_minimum",
    "labour_cost",
    "overstaffing",
    "missed_preference",
    "changed_shifts",
    "changed_hours",
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Violation(_Frozen):
    """One hard rule the roster breaks, located by agent and site-local time."""

    rule: str = Field(description="Rule code, e.g. max_shift_minutes (see docs/verifier.md).")
    agent_id: str | None = None
    at: datetime | None = Field(default=None, description="Aware, in the site time zone.")
    message: str

    def __str__(self) -> str:
        where = []
        if self.agent_id is not None:
            where.append(f"agent {self.agent_id}")
        if self.at is not None:
            where.append(f"at {self.at.isoformat(timespec='minutes')}")
        prefix = " ".join(where) + ": " if where else ""
        return f"{prefix}{self.rule}: {self.message}"


class SlotCoverage(_Frozen):
    """Coverage of one queue in one slot."""

    queue: str
    slot: int
    start: datetime
    required: int
    scheduled: int
    unmet: int
    over: int
    countries: tuple[str, ...]


class QueueCoverage(_Frozen):
    """Coverage of one queue, one entry per slot of the horizon."""

    queue: str
    priority: float
    required: list[int]
    scheduled: list[int]
    unmet: list[int]
    over: list[int]
    countries: list[tuple[str, ...]] = Field(
        description="Countries of the agents serving the queue in each slot, sorted."
    )
    unmet_agent_hours: float
    overstaffed_agent_hours: float


class AgentWeek(_Frozen):
    """Worked hours of one agent in one week block, against contract and aid cap."""

    agent_id: str
    week: int
    days: int = Field(description="Planned days in this block (7 except a final partial one).")
    worked_hours: float
    contract_min_hours: float = Field(description="Scaled by days / 7.")
    contract_max_hours: float = Field(description="Scaled by days / 7.")
    aid_cap_hours: float | None = Field(default=None, description="Scaled by days / 7.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def hours_below_minimum(self) -> float:
        """Hours short of the (scaled) contract minimum; what the objective penalises."""
        return max(0.0, self.contract_min_hours - self.worked_hours)


class Kpis(_Frozen):
    """Figures recomputed from the roster alone; solver numbers are never trusted."""

    slot_minutes: int
    slot_starts: list[datetime] = Field(description="Site-local start of each slot.")
    queues: dict[str, QueueCoverage]
    coverage_percent: float
    unmet_agent_hours: float
    overstaffed_agent_hours: float
    cost: float
    worked_hours: float
    hours_outside_preferences: float
    agent_weeks: list[AgentWeek]
    objective_terms: dict[str, float]
    objective: float

    def slot(self, queue: str, index: int) -> SlotCoverage:
        """Coverage of ``queue`` in slot ``index``, as one record."""
        q = self.queues[queue]
        return SlotCoverage(
            queue=queue,
            slot=index,
            start=self.slot_starts[index],
            required=q.required[index],
            scheduled=q.scheduled[index],
            unmet=q.unmet[index],
            over=q.over[index],
            countries=q.countries[index],
        )


class VerificationReport(_Frozen):
    """The verdict on a roster: ``ok`` when no hard rule is broken."""

    violations: list[Violation]
    kpis: Kpis
    notes: list[str] = Field(
        default_factory=list,
        description="Parts of the problem the verifier could not place (e.g. demand off the "
        "slot grid) and therefore left out of the figures.",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        """True when every hard rule holds."""
        return not self.violations
