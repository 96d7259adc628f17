"""The one form write every page uses: accepted, or refused with the reasons and nothing kept."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.database import Database
from api.db.models import Site
from api.errors import Conflict, FieldIssue, InvalidInput, ServiceError
from api.web.form_writes import issues_of, local_moment, write_or_refuse


class Body(BaseModel):
    days: int = Field(ge=1)


class Span(BaseModel):
    start: int
    end: int

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


def _site(session: Session, site_id: str) -> Site:
    site = Site(
        id=site_id, time_zone="UTC", slot_minutes=30, opening_hours=[], rules={}, weights={}
    )
    session.add(site)
    session.flush()
    return site


def _refused(status: int, issues: list[FieldIssue]) -> Response:
    return JSONResponse([[i.field, i.reason] for i in issues], status_code=status)


def _site_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Site.id).order_by(Site.id)))


def test_an_accepted_form_is_written_and_answered(database: Database) -> None:
    with database.session(write=True) as session:
        answer = write_or_refuse(
            session,
            lambda: _site(session, "kept"),
            _refused,
            lambda site: Response(site.id, status_code=303),
        )
        assert answer.status_code == 303 and answer.body == b"kept"
        assert _site_ids(session) == ["kept"]


def test_a_refused_form_keeps_nothing_of_what_was_written(database: Database) -> None:
    def half_written(error: Exception) -> None:
        _site(session, "undone")
        raise error

    with database.session(write=True) as session:
        _site(session, "before")
        invalid = write_or_refuse(
            session, lambda: half_written(_bad_body()), _refused, lambda _: Response()
        )
        assert invalid.status_code == 422 and b'"days"' in invalid.body
        conflict = write_or_refuse(
            session,
            lambda: half_written(Conflict("id", "taken")),
            _refused,
            lambda _: Response(),
        )
        assert conflict.status_code == 409 and b"taken" in conflict.body
        bare = write_or_refuse(
            session,
            lambda: half_written(ServiceError([FieldIssue("until", "must be a date")])),
            _refused,
            lambda _: Response(),
        )
        assert bare.status_code == 422, "a bare bad request is the form's mistake"
        assert _site_ids(session) == ["before"], "the request's own writes stay"


def _bad_body() -> Exception:
    try:
        Body.model_validate({"days": 0})
    except Exception as exc:
        return exc
    raise AssertionError("days=0 is accepted")


def test_a_reason_about_the_whole_form_is_shown_where_the_page_asks() -> None:
    with pytest.raises(ValidationError) as refused:
        Span.model_validate({"start": 2, "end": 1})
    assert [i.field for i in issues_of(refused.value)] == ["form"]
    assert [i.field for i in issues_of(refused.value, "start")] == ["start"]
    with pytest.raises(ValidationError) as typed:
        Span.model_validate({"start": 1, "end": "x"})
    assert [i.field for i in issues_of(typed.value, "start")] == ["end"], "its own path"


def test_a_typed_moment_is_local_unless_it_says_its_offset() -> None:
    paris = ZoneInfo("Europe/Paris")
    summer = local_moment("2030-07-01T09:00", paris, "start")
    assert summer.utcoffset() == timedelta(hours=2) and summer.hour == 9
    kept = local_moment("2030-07-01T09:00+00:00", paris, "start")
    assert kept == datetime(2030, 7, 1, 9, tzinfo=ZoneInfo("UTC"))
    with pytest.raises(InvalidInput) as refused:
        local_moment("tomorrow", paris, "end")
    assert [(i.field, i.reason) for i in refused.value.issues] == [
        ("end", "must be a date and time")
    ]
