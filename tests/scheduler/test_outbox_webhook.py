"""Outbox delivery to a webhook on a local HTTP server: retries, back-off, giving up."""

from __future__ import annotations

from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from sqlalchemy import select

from api.db.database import Database
from api.db.models import OutboxMessage
from api.notifications import outbox, webhook
from api.settings import Settings
from api.solves.execution import SolveExecution
from scheduler import jobs
from tests.scheduler.clock import Clock
from tests.scheduler.conftest import Receiver
from tests.scheduler.seed import BEFORE_START, seed_published


def _outbox(database: Database) -> list[OutboxMessage]:
    with database.session() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_the_outbox_job_delivers_each_message_after_a_retry(
    database: Database,
    executor: SolveExecution,
    job_settings: Settings,
    receiver_server: tuple[str, Receiver],
) -> None:
    url, receiver = receiver_server
    seeded = seed_published(database)
    clock = Clock(BEFORE_START)
    settings = job_settings.model_copy(
        update={"webhook_url": url, "webhook_retry_base_seconds": 30, "webhook_timeout_seconds": 5}
    )
    jobs.install(jobs.JobContext(database, settings, executor, clock))
    try:
        assert jobs.outbox_job() == 0, "every first attempt is refused"
        messages = _outbox(database)
        assert messages and all(m.roster_id == seeded.roster_id for m in messages)
        assert {m.attempts for m in messages} == {1}
        assert {m.next_attempt_at for m in messages} == {BEFORE_START + timedelta(seconds=30)}
        clock.advance(29)
        assert jobs.outbox_job() == 0, "nothing is due before the back-off"
        clock.advance(1)
        assert jobs.outbox_job() == len(messages)
        clock.advance(3600)
        assert jobs.outbox_job() == 0, "sent messages are not sent again"
    finally:
        jobs.install(None)
    assert set(receiver.attempts.values()) == {2}
    assert sorted(b["id"] for b in receiver.accepted) == [m.id for m in messages]
    first = receiver.accepted[0]
    assert first["kind"] == "shift_added" and first["version"] == 1 and first["before"] is None
    assert {m.sent_at for m in _outbox(database)} == {BEFORE_START + timedelta(seconds=30)}


def test_a_receiver_that_keeps_failing_is_given_up_after_max_attempts(
    database: Database, receiver_server: tuple[str, Receiver]
) -> None:
    url, receiver = receiver_server
    receiver.failures, receiver.status = 1000, 500
    seed_published(database)
    policy = webhook.RetryPolicy(max_attempts=3, base_seconds=10)
    now = BEFORE_START
    with database.session(write=True) as session:
        outbox.record_publications(session, now)
    with httpx.Client(timeout=5) as client:
        for wait in (0, 10, 20, 3600):
            now += timedelta(seconds=wait)
            with database.session() as session:
                bodies = webhook.due_messages(session, now)
            deliveries = webhook.post_all(client, url, bodies)
            with database.session(write=True) as session:
                webhook.record_deliveries(session, deliveries, now, policy)
    messages = _outbox(database)
    assert {m.attempts for m in messages} == {3}
    assert {m.gave_up_at for m in messages} == {BEFORE_START + timedelta(seconds=30)}
    assert {m.last_error for m in messages} == {"HTTP 500"}
    assert set(receiver.attempts.values()) == {3}


def test_an_unreachable_receiver_counts_one_failed_attempt_and_ends_the_batch(
    database: Database,
) -> None:
    seed_published(database)
    with database.session(write=True) as session:
        outbox.record_publications(session, BEFORE_START)
        bodies = webhook.due_messages(session, BEFORE_START, limit=3)
    assert len(bodies) == 3
    probe = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    closed_port = probe.server_address[1]
    probe.server_close()
    with httpx.Client(timeout=2) as client:
        deliveries = webhook.post_all(client, f"http://127.0.0.1:{closed_port}/", bodies)
    assert [d.ok for d in deliveries] == [False], "the other messages are not tried"
    assert deliveries[0].error is not None and deliveries[0].error.startswith("ConnectError")
    with database.session(write=True) as session:
        webhook.record_deliveries(session, deliveries, BEFORE_START, webhook.RetryPolicy(3, 10))
    with database.session() as session:
        still_due = {b["id"] for b in webhook.due_messages(session, BEFORE_START, limit=1000)}
    assert bodies[0]["id"] not in still_due, "the one tried waits for its back-off"
    assert {bodies[1]["id"], bodies[2]["id"]} <= still_due, "the others are still due now"
