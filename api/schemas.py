"""Field types shared by the wire schemas of several domains."""

from __future__ import annotations

import types
from datetime import date, datetime
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from fastapi import Path, Query
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    NaiveDatetime,
    ValidationInfo,
    field_validator,
    model_validator,
)

from solver.locations import check_country, check_time_zone

TimeZoneName = Annotated[str, AfterValidator(check_time_zone)]
CountryCode = Annotated[
    str,
    Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code, e.g. FR, MA, MU."),
    AfterValidator(check_country),
]

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


def _json_kind(annotation: Any) -> str | None:
    """ "number", "boolean", "numbers" (a list of numbers) or None for a field's type."""
    if get_origin(annotation) is Annotated:
        return _json_kind(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        kinds = {_json_kind(a) for a in get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else None
    if get_origin(annotation) is list:
        return "numbers" if _json_kind(get_args(annotation)[0]) == "number" else None
    if annotation is bool:
        return "boolean"
    return "number" if annotation in (int, float) else None


def _wrong_json_type(kind: str, value: Any) -> bool:
    if kind == "boolean":
        return not isinstance(value, bool) and value is not None
    if kind == "number":
        return isinstance(value, bool | str)
    return isinstance(value, list) and any(isinstance(v, bool | str) for v in value)


class WireModel(BaseModel):
    """Base of request bodies: unknown fields are refused, so a typo is not silently lost.

    Types are strict where JSON has its own: ``true`` is not the number 1 and ``"5"`` is
    not 5, nor ``1`` a boolean (pydantic's lax mode would convert them). Text containing
    NUL characters is refused too: PostgreSQL cannot store it.
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul_characters(cls, data: Any) -> Any:
        where = _find_nul(data, "")
        if where is not None:
            raise ValueError(f"{where or 'value'} contains a NUL character")
        return data

    @field_validator("*", mode="before")
    @classmethod
    def _json_types_are_kept(cls, value: Any, info: ValidationInfo) -> Any:
        kind = _json_kind(cls.model_fields[str(info.field_name)].annotation)
        if kind is not None and _wrong_json_type(kind, value):
            wanted = {"number": "a number", "boolean": "true or false"}
            raise ValueError(
                f"must be {wanted.get(kind, 'a list of numbers')}, "
                f"not {type(value).__name__} {value!r}"
            )
        return value


class ReadModel(BaseModel):
    """Base of responses, read straight from table rows."""

    model_config = ConfigDict(from_attributes=True)
