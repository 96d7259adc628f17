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
    "fairness",
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
    fair_target_hours: float = Field(
        default=0.0,
        description="Fair share of the demand on the agent's queues (``verifier.fairness``).",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def hours_off_fair_target(self) -> float:
        """Hours worked above or below the fair target; what the fairness term penalises."""
        return abs(self.worked_hours - self.fair_target_hours)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def hours_below_minimum(self) -> float:
        """Hours short of the (scaled) contract minimum; what the objective penalises."""
        return max(0.0, self.contract_min_hours - self.worked_hours)


class FairnessGroup(_Frozen):
    """Comparable agents (same skills, same contract range) and how evenly they work."""

    skills: list[str]
    contract_min_hours: float
    contract_max_hours: float
    agents: int
    min_ratio: float = Field(description="Lowest worked hours / offer in the group.")
    max_ratio: float = Field(description="Highest worked hours / offer in the group.")
    stdev_ratio: float = Field(description="Population standard deviation of the ratios.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def spread(self) -> float:
        """max − min of the worked-hours-to-offer ratios."""
        return self.max_ratio - self.min_ratio


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
    fairness: list[FairnessGroup] = Field(default_factory=list)
    objective_terms: dict[str, float]
    objective: float

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fairness_spread(self) -> float:
        """The widest spread of worked-hours-to-offer ratios in any group of comparable agents."""
        return max((g.spread for g in self.fairness if g.agents > 1), default=0.0)

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
