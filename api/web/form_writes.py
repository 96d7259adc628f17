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
from typing import TypeVar

from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.errors import FieldIssue, ServiceError

T = TypeVar("T")
Refused = Callable[[int, list[FieldIssue]], Response]
"""The form's page again, given the status and the reasons."""


def issues_of(exc: ValidationError) -> list[FieldIssue]:
    """A pydantic refusal of a form as the page shows it: field path and reason."""
    return [
        FieldIssue(".".join(str(p) for p in e["loc"]) or "form", str(e["msg"]))
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
) -> Response:
    """``done(write())`` when the form is accepted; ``refused(status, issues)`` when the
    wire model or the use case refuses it, with nothing ``write`` did kept."""
    try:
        with session.begin_nested():
            result = write()
    except ValidationError as exc:
        return refused(422, issues_of(exc))
    except ServiceError as exc:
        return refused(page_status(exc), exc.issues)
    return done(result)
