"""Wire format of agents: contract and aid cap have wire models of their own, which the
service converts to the solver's (``solver.problem.Contract``, ``AidCap``)."""

from __future__ import annotations

from pydantic import Field, model_validator

from api.schemas import CountryCode, ReadModel, TimeZoneName, WireModel
from solver.problem import MAX_HOURLY_COST, MIN_HOURLY_COST, Identifier

HourlyCost = Field(
    ge=MIN_HOURLY_COST,
    le=MAX_HOURLY_COST,
    description="Loaded cost per worked hour, 0.01 to 10,000 (what the solver represents).",
)


class ContractBody(WireModel):
    """Paid hours per 7-day week agreed with the agent."""

    min_hours_per_week: float = Field(default=0, ge=0, le=60, description="Aimed at (soft).")
    max_hours_per_week: float = Field(gt=0, le=60, description="Never exceeded (hard).")

    @model_validator(mode="after")
    def _min_below_max(self) -> ContractBody:
        if self.min_hours_per_week > self.max_hours_per_week:
            raise ValueError(
                f"min_hours_per_week {self.min_hours_per_week} exceeds "
                f"max_hours_per_week {self.max_hours_per_week}"
            )
        return self


class AidCapBody(WireModel):
    """Hours a disability aid allows; never exceeded, whatever the demand."""

    max_hours_per_week: float = Field(ge=0, le=60)
    max_hours_per_day: float | None = Field(default=None, ge=0, le=24)


class AgentCreate(WireModel):
    id: Identifier
    site_id: Identifier
    name: str = Field(default="", max_length=200)
    time_zone: TimeZoneName
    country: CountryCode
    skills: list[Identifier] = Field(min_length=1, max_length=50)
    hourly_cost: float = HourlyCost
    contract: ContractBody
    aid_cap: AidCapBody | None = None
    accepts_changes: bool = True


class AgentUpdate(WireModel):
    """Only the fields sent are changed; ``aid_cap: null`` is ignored, use ``remove_aid_cap``."""

    name: str | None = Field(default=None, max_length=200)
    time_zone: TimeZoneName | None = None
    country: CountryCode | None = None
    skills: list[Identifier] | None = Field(default=None, min_length=1, max_length=50)
    hourly_cost: float | None = Field(
        default=None, ge=MIN_HOURLY_COST, le=MAX_HOURLY_COST, description=HourlyCost.description
    )
    contract: ContractBody | None = None
    aid_cap: AidCapBody | None = None
    remove_aid_cap: bool = False
    accepts_changes: bool | None = None
    active: bool | None = None


class AgentRead(ReadModel):
    id: str
    site_id: str
    name: str
    time_zone: str
    country: str
    skills: list[str]
    hourly_cost: float
    contract: ContractBody
    aid_cap: AidCapBody | None
    accepts_changes: bool
    active: bool
