"""Field types shared by the wire schemas of several domains."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from fastapi import Path, Query
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    NaiveDatetime,
    model_validator,
)

from solver.problem import _check_time_zone

TimeZoneName = Annotated[str, AfterValidator(_check_time_zone)]

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
_D = TypeVar("_D", date, datetime)


def _supported(value: _D) -> _D:
    """Dates far from now are mistakes, and near year 1 or 9999 time-zone arithmetic fails."""
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(f"must lie between {EARLIEST_DATE} and {LATEST_DATE}")
    return value


PlanDate = Annotated[date, AfterValidator(_supported)]
LocalDateTime = Annotated[NaiveDatetime, AfterValidator(_supported)]
OffsetDateTime = Annotated[AwareDatetime, AfterValidator(_supported)]

IDENTIFIER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"
MAX_ROW_ID = 2_147_483_647

PathIdentifier = Annotated[str, Path(min_length=1, max_length=64, pattern=IDENTIFIER_PATTERN)]
PathRowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
QueryIdentifier = Annotated[
    str | None, Query(min_length=1, max_length=64, pattern=IDENTIFIER_PATTERN)
]


def _find_nul(value: Any, where: str) -> str | None:
    if isinstance(value, str):
        return where if "\x00" in value else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _find_nul(item, f"{where}.{key}" if where else str(key))
        if found is not None:
            return found
    return None


class WireModel(BaseModel):
    """Base of request bodies: unknown fields are refused, so a typo is not silently lost.

    Text containing NUL characters is refused too: PostgreSQL cannot store it.
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul_characters(cls, data: Any) -> Any:
        where = _find_nul(data, "")
        if where is not None:
            raise ValueError(f"{where or 'value'} contains a NUL character")
        return data


class ReadModel(BaseModel):
    """Base of responses, read straight from table rows."""

    model_config = ConfigDict(from_attributes=True)
