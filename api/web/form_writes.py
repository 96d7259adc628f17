"""A form written through its use case, or refused with each field's reason: one copy for
every page that writes.

A page's form is turned into the API's wire model and handed to the API's use case; a
refusal (pydantic's or the service's) is the form's page again with what was typed and the
reasons. The write runs in a savepoint because the request's one transaction still commits
after a refused form (the page is an answer, not an exception), so a use case refused
half-way must be undone on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.errors import FieldIssue, ServiceError, invalid

T = TypeVar("T")
Refused = Callable[[int, list[FieldIssue]], Response]
"""The form's page again, given the status and the reasons."""


def issues_of(exc: ValidationError, unnamed: str = "form") -> list[FieldIssue]:
    """A pydantic refusal of a form as the page shows it: field path and reason; a reason
    about the whole model (no path, e.g. an end before its start) is shown at ``unnamed``."""
    return [
        FieldIssue(".".join(str(p) for p in e["loc"]) or unnamed, str(e["msg"]))
        for e in exc.errors()
    ]


def page_status(exc: ServiceError) -> int:
    """A service's refusal as the page's status: a bare bad request is the form's mistake
    (422), the others (404, 403, 409, 422) keep theirs."""
    return exc.status if exc.status != 400 else 422


def write_or_refuse(
    session: Session,
    write: Callable[[], T],
    refused: Refused,
    done: Callable[[T], Response],
    unnamed: str = "form",
) -> Response:
    """``done(write())`` when the form is accepted; ``refused(status, issues)`` when the
    wire model or the use case refuses it, with nothing ``write`` did kept (``unnamed``: see
    ``issues_of``)."""
    try:
        with session.begin_nested():
            result = write()
    except ValidationError as exc:
        return refused(422, issues_of(exc, unnamed))
    except ServiceError as exc:
        return refused(page_status(exc), exc.issues)
    return done(result)


def local_moment(text: str, zone: ZoneInfo, field: str) -> datetime:
    """A date and time typed in ``zone`` (an offset typed with it is kept); anything else is
    refused naming ``field``, as the form's mistake (422)."""
    try:
        typed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise invalid(field, "must be a date and time") from exc
    return typed.replace(tzinfo=zone) if typed.tzinfo is None else typed
