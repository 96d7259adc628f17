"""Typed errors raised by services, turned into HTTP answers in one place.

Every 4xx body has the shape FastAPI uses for validation errors, ``{"detail": [...]}``, each
item naming the field (``loc`` as a path and ``field`` as text) and the reason (``msg``), so
a client handles one error format whatever went wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError


class ErrorItem(BaseModel):
    loc: list[str | int] = Field(description="Path to the field, as FastAPI reports it.")
    field: str = Field(description="The same path as text, e.g. windows[2].start.")
    msg: str = Field(description="Why the request was refused.")
    type: str = Field(description="Kind of error, e.g. value_error, not_found, conflict.")


class ErrorBody(BaseModel):
    """Every 4xx answer: one item per reason."""

    detail: list[ErrorItem]


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (401, "No API key, or an unknown or revoked one."),
        (403, "The caller's role may not do this."),
        (404, "A named resource does not exist."),
        (409, "The request conflicts with the current state (duplicate, closed, published)."),
        (413, "The request body is too large."),
    )
}


@dataclass(frozen=True)
class FieldIssue:
    """One reason a request was refused, and the field it is about."""

    field: str
    reason: str
    kind: str = "value_error"


class ServiceError(Exception):
    """Base of the errors services raise; ``status`` is the HTTP status it maps to."""

    status = 400

    def __init__(self, issues: Sequence[FieldIssue]) -> None:
        self.issues = list(issues)
        super().__init__("; ".join(f"{i.field}: {i.reason}" for i in self.issues))


class InvalidInput(ServiceError):
    status = 422


class NotFound(ServiceError):
    status = 404

    def __init__(self, entity: str, key: object) -> None:
        super().__init__([FieldIssue(entity, f"no {entity} {key!r}", "not_found")])


class Forbidden(ServiceError):
    status = 403

    def __init__(self, reason: str) -> None:
        super().__init__([FieldIssue("authorization", reason, "forbidden")])


class Unauthorized(ServiceError):
    status = 401

    def __init__(self, reason: str) -> None:
        super().__init__([FieldIssue("authorization", reason, "unauthorized")])


class Conflict(ServiceError):
    status = 409

    def __init__(self, field: str, reason: str) -> None:
        super().__init__([FieldIssue(field, reason, "conflict")])


def invalid(field: str, reason: str) -> InvalidInput:
    return InvalidInput([FieldIssue(field, reason)])


def invalid_from(exc: ValidationError, under: str = "") -> InvalidInput:
    """A pydantic error (e.g. converting a wire model to the solver's) as a 422, each
    item under the field ``under`` of the request."""
    issues = []
    for error in exc.errors():
        path = _dotted(list(error.get("loc", ())))
        field = ".".join(p for p in (under, path) if p) or "body"
        issues.append(FieldIssue(field, str(error.get("msg", "")), str(error.get("type", ""))))
    return InvalidInput(issues)


def _loc(field: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in field.replace("]", "").replace("[", ".").split("."):
        if piece:
            parts.append(int(piece) if piece.isdigit() else piece)
    return parts


def _item(issue: FieldIssue) -> dict[str, Any]:
    return {"loc": _loc(issue.field), "field": issue.field, "msg": issue.reason, "type": issue.kind}


def _dotted(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def install_error_handlers(app: FastAPI) -> None:
    async def on_service_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ServiceError)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(
            {"detail": [_item(i) for i in exc.issues]}, status_code=exc.status, headers=headers
        )

    async def on_validation_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        detail = []
        for error in exc.errors():
            loc = list(error.get("loc", ()))
            msg = str(error.get("msg", ""))
            if error.get("type") == "json_invalid":  # loc is ("body", offset in the text)
                reason = (error.get("ctx") or {}).get("error", "")
                msg = f"the body is not valid JSON: {reason} at character {loc[-1]}"
                loc = ["body"]
            field = _dotted(loc[1:] if loc[:1] in (["body"], ["query"]) else loc)
            detail.append(
                {
                    "loc": loc,
                    "field": field or str(loc[0] if loc else "body"),
                    "msg": msg,
                    "type": str(error.get("type", "value_error")),
                }
            )
        return JSONResponse({"detail": detail}, status_code=422)

    app.add_exception_handler(ServiceError, on_service_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
