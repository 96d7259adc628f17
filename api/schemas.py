"""Field types shared by the wire schemas of several domains."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from solver.problem import _check_time_zone

TimeZoneName = Annotated[str, AfterValidator(_check_time_zone)]


class WireModel(BaseModel):
    """Base of request bodies: unknown fields are refused, so a typo is not silently lost."""

    model_config = ConfigDict(extra="forbid")


class ReadModel(BaseModel):
    """Base of responses, read straight from table rows."""

    model_config = ConfigDict(from_attributes=True)
