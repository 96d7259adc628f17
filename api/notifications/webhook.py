"""Delivers outbox messages to a webhook, with retries and exponential back-off.

Each message is POSTed as JSON with an ``Idempotency-Key`` header (``outbox-<id>``): a
receiver that saw a message already can ignore the repeat, so delivery is at least once.
A 2xx answer marks it sent; anything else (error status, refused connection, timeout)
counts an attempt and waits ``base * 2**(attempts - 1)`` before the next; after
``max_attempts`` the message is given up (kept, with its last error, for a planner to see).

Reading, sending and recording are separate steps so no transaction stays open while a
slow receiver answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.orm import Session

from api.db.database import Database
from api.db.models import OutboxMessage
from api.notifications import repository
from api.settings import Settings


@dataclass(frozen=True)
class Delivery:
    message_id: int
    ok: bool
    error: str | None = None


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    base_seconds: float

    def delay(self, attempts: int) -> timedelta:
        return timedelta(seconds=self.base_seconds * 2 ** (attempts - 1))


def due_messages(session: Session, now: datetime, limit: int = 100) -> list[dict[str, Any]]:
    """The bodies of messages due for an attempt, oldest first."""
    return [
        {
            "id": m.id,
            "kind": m.kind,
            "agent_id": m.agent_id,
            "roster_id": m.roster_id,
            "created_at": m.created_at.isoformat(),
            **m.payload,
        }
        for m in repository.due_messages(session, now, limit)
    ]


def post_all(client: httpx.Client, url: str, bodies: list[dict[str, Any]]) -> list[Delivery]:
    """POST bodies in order; never raises for a receiver's failure (a failed delivery).

    Stops at the first transport error (refused, timed out): the receiver is down, and
    waiting out a timeout per message would hold up the other jobs. The messages not tried
    stay due and count no attempt.
    """
    deliveries = []
    for body in bodies:
        try:
            response = client.post(
                url, json=body, headers={"Idempotency-Key": f"outbox-{body['id']}"}
            )
        except httpx.HTTPError as exc:
            deliveries.append(Delivery(body["id"], False, f"{type(exc).__name__}: {exc}"))
            break
        if response.is_success:
            deliveries.append(Delivery(body["id"], True))
        else:
            deliveries.append(Delivery(body["id"], False, f"HTTP {response.status_code}"))
    return deliveries


def record_deliveries(
    session: Session, deliveries: list[Delivery], now: datetime, policy: RetryPolicy
) -> None:
    for delivery in deliveries:
        message = session.get(OutboxMessage, delivery.message_id)
        if message is None or message.sent_at is not None:
            continue
        message.attempts += 1
        if delivery.ok:
            message.sent_at = now
            message.last_error = None
            continue
        message.last_error = delivery.error
        if message.attempts >= policy.max_attempts:
            message.gave_up_at = now
        else:
            message.next_attempt_at = now + policy.delay(message.attempts)
    session.flush()


def deliver_due(database: Database, settings: Settings, now: datetime) -> int:
    """Send the due messages to the configured webhook; how many it accepted.

    Reading, sending and recording are separate transactions, so none stays open while a
    slow receiver answers.
    """
    if not settings.webhook_url:
        return 0
    with database.session() as session:
        bodies = due_messages(session, now)
    if not bodies:
        return 0
    with httpx.Client(timeout=settings.webhook_timeout_seconds) as client:
        deliveries = post_all(client, settings.webhook_url, bodies)
    policy = RetryPolicy(settings.webhook_max_attempts, settings.webhook_retry_base_seconds)
    with database.session(write=True) as session:
        record_deliveries(session, deliveries, now, policy)
    return sum(d.ok for d in deliveries)
