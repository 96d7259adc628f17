"""HTTP routes of the caller notice: read by the telephony system (and by staff)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BeforeValidator

from api.caller_notice import service
from api.caller_notice.schemas import CallerNotice, CallerNoticeDay
from api.db.base import utc_now
from api.deps import NoticeReader, SessionDep
from api.schemas import OffsetDateTime, PathIdentifier, PlanDate

router = APIRouter(tags=["caller notice"])

_OFFSET_AFTER_SPACE = re.compile(r"^(\S+T[0-9:.]+) ([0-9]{2}(:?[0-9]{2})?)$")


def _plus_restored(value: Any) -> Any:
    """``?at=2030-03-31T10:00+02:00`` sent unencoded arrives with a space for the ``+``."""
    if isinstance(value, str):
        return _OFFSET_AFTER_SPACE.sub(r"\1+\2", value)
    return value


At = Annotated[
    OffsetDateTime | None,
    BeforeValidator(_plus_restored),
    Query(
        description="The instant, with its UTC offset (2030-03-31T10:00+02:00 or ...Z); "
        "default now. A time without offset is refused: it names no instant."
    ),
]


@router.get("/queues/{queue_id}/caller-notice", response_model=CallerNotice)
def caller_notice(
    queue_id: PathIdentifier, session: SessionDep, _caller: NoticeReader, at: At = None
) -> CallerNotice:
    """Countries the queue's calls are answered from at ``at``, and the sentence to play."""
    return service.notice_at(session, queue_id, at or utc_now())


@router.get("/queues/{queue_id}/caller-notice/day", response_model=CallerNoticeDay)
def caller_notice_day(
    queue_id: PathIdentifier,
    session: SessionDep,
    _caller: NoticeReader,
    date: Annotated[PlanDate, Query(description="Site-local day, e.g. 2030-03-31.")],
) -> CallerNoticeDay:
    """Every slot of a site-local day, for the telephony system to cache."""
    return service.notice_day(session, queue_id, date)
