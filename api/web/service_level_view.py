"""The coverage page's service section: a roster's expected service, formatted for people.

The figures are ``api.servicelevel.service.of_roster`` (the same read as
``GET /rosters/{id}/service-level``); this module only formats them in the page's locale
(Babel): 80.4 % rather than 0.8041, "unbounded" for an Erlang C slot without steady state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from babel import Locale
from babel.numbers import format_decimal, format_percent
from sqlalchemy.orm import Session

from api.servicelevel import service
from api.servicelevel.schemas import ServiceLevelRead

MAX_SLOT_ROWS = 200


@dataclass(frozen=True)
class ServiceRow:
    label: str
    contacts: str
    level: str
    asa: str
    extra: str
    below_target: bool


@dataclass
class ServiceSection:
    available: bool
    heading: str
    rows: list[ServiceRow] = field(default_factory=list)
    slots_by_queue: dict[str, list[ServiceRow]] = field(default_factory=dict)


def service_section(
    session: Session,
    roster_id: int,
    queue: str | None,
    language: str,
    t: Callable[..., str],
) -> ServiceSection:
    read = service.of_roster(session, roster_id)
    if not read.available:
        return ServiceSection(False, t("service.none"))
    fmt = _Formats(language, t)
    heading = t(
        "service.heading_a" if read.model == "erlang_a" else "service.heading_c",
        target=fmt.percent(read.target_service_level),
        seconds=fmt.number(read.answer_seconds),
    )
    section = ServiceSection(True, heading)
    for week in read.weeks:
        if queue is not None and week.queue not in (queue, None):
            continue
        name = week.queue or t("service.all_queues")
        section.rows.append(
            ServiceRow(
                label=t("service.week_label", week=week.week + 1, queue=name),
                contacts=fmt.number(week.contacts),
                level=fmt.percent(week.service_level),
                asa=fmt.seconds(week.asa_seconds),
                extra=fmt.number(week.slots_below_target),
                below_target=week.slots_below_target > 0,
            )
        )
    for slot in read.slots:
        if queue is not None and slot.queue != queue:
            continue
        rows = section.slots_by_queue.setdefault(slot.queue, [])
        if len(rows) >= MAX_SLOT_ROWS:
            continue
        rows.append(
            ServiceRow(
                label=slot.start.strftime("%a %Y-%m-%d %H:%M"),
                contacts=fmt.number(slot.contacts),
                level=fmt.percent(slot.service_level),
                asa=fmt.seconds(slot.asa_seconds),
                extra=f"{slot.staffed} / {slot.on_phones}",
                below_target=_below(read, slot.service_level),
            )
        )
    return section


def _below(read: ServiceLevelRead, level: float) -> bool:
    return read.target_service_level is not None and level < read.target_service_level


class _Formats:
    def __init__(self, language: str, t: Callable[..., str]) -> None:
        self.locale = "fr_FR" if language == "fr" else "en_GB"
        self.t = t
        # The locale's own percent pattern (its spacing and sign), with one decimal.
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        head, zero, tail = pattern.rpartition("0")
        self.percent_pattern = f"{head}{zero}.0{tail}"

    def percent(self, value: float | None) -> str:
        if value is None:
            return "—"
        return str(format_percent(value, format=self.percent_pattern, locale=self.locale))

    def number(self, value: float | None) -> str:
        if value is None:
            return "—"
        return str(format_decimal(value, format="#,##0.#", locale=self.locale))

    def seconds(self, value: float | None) -> str:
        if value is None:
            return self.t("service.unbounded")
        return self.t(
            "service.seconds", value=format_decimal(value, format="#,##0", locale=self.locale)
        )
