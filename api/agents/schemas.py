"""Wire format of agents. Contract and aid cap use the solver's definitions."""

from __future__ import annotations

from pydantic import Field

from api.schemas import ReadModel, TimeZoneName, WireModel
from solver.problem import AidCap, Contract, CountryCode, Identifier


class AgentCreate(WireModel):
    id: Identifier
    site_id: Identifier
    name: str = Field(default="", max_length=200)
    time_zone: TimeZoneName
    country: CountryCode
    skills: list[Identifier] = Field(min_length=1, max_length=50)
    hourly_cost: float = Field(gt=0, le=1000)
    contract: Contract
    aid_cap: AidCap | None = None
    accepts_changes: bool = True


class AgentUpdate(WireModel):
    """Only the fields sent are changed; ``aid_cap: null`` is ignored, use ``remove_aid_cap``."""

    name: str | None = Field(default=None, max_length=200)
    time_zone: TimeZoneName | None = None
    country: CountryCode | None = None
    skills: list[Identifier] | None = Field(default=None, min_length=1, max_length=50)
    hourly_cost: float | None = Field(default=None, gt=0, le=1000)
    contract: Contract | None = None
    aid_cap: AidCap | None = None
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
    contract: Contract
    aid_cap: AidCap | None
    accepts_changes: bool
    active: bool
