"""Wire format of scenarios and their comparison."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from solver.problem import Agent, CountryCode, Identifier, OpeningHours


class ScenarioChanges(BaseModel):
    """What a scenario changes from its baseline; anything left out stays as it is.

    Queue countries, hourly costs, agents and opening hours are applied to the problem the
    scenario is solved from (the site's queues and agents are not touched); a service-level
    target re-staffs the copied demand from the baseline's forecast at creation.
    """

    model_config = ConfigDict(extra="forbid")

    queue_countries: dict[Identifier, list[CountryCode]] = Field(
        default_factory=dict,
        description="Onshore countries per queue id ([] lifts the restriction).",
    )
    service_level: float | None = Field(
        default=None, gt=0, lt=1, description="New target share answered in time."
    )
    answer_seconds: float | None = Field(default=None, gt=0, le=3600)
    hourly_cost_by_country: dict[CountryCode, float] = Field(
        default_factory=dict, description="Hourly cost of every agent working from a country."
    )
    remove_agents: list[Identifier] = Field(default_factory=list)
    add_agents: list[Agent] = Field(
        default_factory=list, description="Agents hired in the scenario, with availability."
    )
    opening_hours: list[OpeningHours] | None = Field(
        default=None, description="New opening hours; demand outside them is dropped."
    )


class ScenarioCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    changes: ScenarioChanges = Field(default_factory=ScenarioChanges)


class ScenarioRead(BaseModel):
    id: int = Field(description="The scenario's period id: solve it as any period.")
    baseline_id: int
    name: str
    changes: ScenarioChanges


class QueueNotice(BaseModel):
    queue: str
    hours_by_country: dict[str, float] = Field(
        description="Agent-hours on the queue per country: who callers are told answers."
    )


class ScenarioFigures(BaseModel):
    """One column of the side-by-side comparison: a period's newest roster."""

    period_id: int
    name: str
    is_baseline: bool
    roster_id: int | None = Field(description="None until the period has a roster.")
    labour_cost: float | None = None
    coverage_percent: float | None = None
    expected_service_level: float | None = Field(
        default=None, description="All queues, weighted by contacts (Erlang)."
    )
    hours_by_country: dict[str, float] = Field(default_factory=dict)
    caller_notice: list[QueueNotice] = Field(default_factory=list)
    cost_difference: float | None = Field(default=None, description="Against the baseline.")
    cost_difference_percent: float | None = None
    coverage_difference: float | None = None
    service_level_difference: float | None = None


class ScenarioComparison(BaseModel):
    baseline_id: int
    columns: list[ScenarioFigures]
