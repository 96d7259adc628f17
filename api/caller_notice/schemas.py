"""Wire format of the caller notice the telephony system reads."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from api.caller_notice.sentences import NoticeLanguage
from api.schemas import WireModel


class NoticeCountry(WireModel):
    code: str = Field(description="ISO 3166-1 alpha-2.")
    name: str = Field(description="The country's name in the queue's language.")
    agents: int = Field(description="Agents answering the queue from there in this slot.")


class NoticeSlot(WireModel):
    """One slot of the site's grid and what callers are told in it."""

    start: dt.datetime = Field(description="Slot start, UTC.")
    end: dt.datetime = Field(description="Slot end, UTC.")
    local_start: dt.datetime = Field(description="Slot start in the site's time zone.")
    local_end: dt.datetime = Field(description="Slot end in the site's time zone.")
    countries: list[NoticeCountry] = Field(
        description="Most agents first; empty when nobody is staffed on the queue."
    )
    sentence: str | None = Field(
        description="Ready to be spoken, in the queue's language; null when nobody is staffed."
    )


class NoticeSource(WireModel):
    queue_id: str
    language: NoticeLanguage
    time_zone: str = Field(description="The site's time zone.")
    period_id: int | None = Field(description="The planning period covering the time asked.")
    roster_id: int | None = Field(description="Its newest published roster; null if none.")
    roster_version: int | None


class CallerNotice(NoticeSource):
    at: dt.datetime = Field(description="The instant asked about, UTC.")
    slot: NoticeSlot


class CallerNoticeDay(NoticeSource):
    date: dt.date = Field(description="The site-local day.")
    slots: list[NoticeSlot] = Field(
        description="Every slot of the site-local day in order: 46 or 50 on a day the clocks "
        "change, 48 (half-hour slots) otherwise."
    )
