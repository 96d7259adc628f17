"""Open shifts from unmet demand: the newest version's uncovered slots, offered to agents.

Each queue's unmet agents per slot (the verifier's figures stored on the version) are cut
into layers (the first missing agent, the second...), each layer's runs of consecutive
slots into pieces no longer than the longest stretch of work without a break, and pieces
shorter than the shortest shift are left out: nobody could work them alone. Whether an agent
may work a piece is, as for every open shift, the verifier's word when they pick it up.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from api.audit.repository import record
from api.auth.keys import Principal
from api.db.models import OpenShift
from api.periods.service import require_period
from api.requests import decisions, lookups, repository
from api.requests.candidate import runs
from api.requests.schemas import OpenShiftRead
from api.sites.service import require_site
from solver.problem import Rules

MAX_POSTED = 500


def post_unmet_demand(session: Session, actor: Principal, period_id: int) -> list[OpenShiftRead]:
    """Post the newest version's unmet demand as open shifts; the ones posted now."""
    period = require_period(session, period_id, lock="update")
    site = require_site(session, period.site_id)
    base = lookups.published(session, period)
    rules = Rules.model_validate(period.rules)
    step = timedelta(minutes=site.slot_minutes)
    starts = [datetime.fromisoformat(s).astimezone(UTC) for s in base.kpis.get("slot_starts", [])]
    known = {
        (o.start, o.end, tuple(a["queue"] for a in o.activities))
        for o in repository.open_shifts_of_period(session, period.id)
    }
    posted: list[OpenShift] = []
    for queue, figures in sorted(base.kpis.get("queues", {}).items()):
        unmet: list[int] = figures.get("unmet", [])
        for layer in range(1, max(unmet, default=0) + 1):
            for run in runs([i for i, u in enumerate(unmet) if u >= layer]):
                for start, end in _pieces(starts[run[0]], starts[run[-1]] + step, rules):
                    key = (start, end, (queue,))
                    if key in known or len(posted) >= MAX_POSTED:
                        continue
                    known.add(key)
                    posted.append(
                        OpenShift(
                            period_id=period.id,
                            start=start,
                            end=end,
                            breaks=[],
                            activities=[
                                {"queue": queue, "start": start.isoformat(), "end": end.isoformat()}
                            ],
                            status="open",
                        )
                    )
    session.add_all(posted)
    session.flush()
    record(
        session,
        actor,
        "post",
        "open_shifts",
        period.id,
        {"from": "unmet demand", "posted": len(posted)},
    )
    zone = ZoneInfo(site.time_zone)
    return [decisions.open_shift_read(o, zone) for o in posted]


def _pieces(start: datetime, end: datetime, rules: Rules) -> list[tuple[datetime, datetime]]:
    """``[start, end)`` cut into pieces of at most the longest stretch without a break,
    the shortest ones left out."""
    longest = timedelta(minutes=min(rules.max_continuous_work_minutes, rules.max_shift_minutes))
    shortest = timedelta(minutes=rules.min_shift_minutes)
    pieces = []
    while end - start >= shortest:
        piece_end = min(end, start + longest)
        pieces.append((start, piece_end))
        start = piece_end
    return pieces
