"""Alert email goes through the outbox to a real SMTP server, and survives the server being down."""

from __future__ import annotations

import time

import pytest

from kiosk.app import make_notifier
from kiosk.db.outbox import SqlOutbox
from kiosk.domain.model import PersonType


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


@pytest.fixture
def mail_settings(services, smtp_port):
    smtp = services.settings.smtp
    smtp.host = "127.0.0.1"
    smtp.port = smtp_port
    smtp.starttls = False  # the in-process test server speaks plain SMTP
    smtp.sender = "kiosk@oakfield.example"
    smtp.alert_recipients = ["office@oakfield.example", "dsl@oakfield.example"]
    return services.settings


@pytest.fixture
def notifier(services, mail_settings):
    engine = services.deps.uow.engine
    n = make_notifier(
        engine, mail_settings, clock=services.deps.clock, base_delay_s=0.2, max_delay_s=0.5, poll_s=1.0
    )
    services.deps.notifier = n
    yield n
    n.close()


def test_held_visitor_emails_reception_without_personal_details(
    services, staff, notifier, smtp_port, smtp_server_factory, ban_factory
):
    server = smtp_server_factory(smtp_port)
    ban_factory(services, staff["head"], aliases=("Billy Hargreaves",))

    result = services.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, services.place)

    assert result.held
    assert wait_for(lambda: len(server.messages) == 1)
    envelope = server.messages[0]
    text = envelope.content.decode()
    assert sorted(envelope.rcpt_tos) == ["dsl@oakfield.example", "office@oakfield.example"]
    assert "Front door" in text
    assert "needs a member of staff" in text
    for secret in ("Hargreaves", "Bill", "William", "threaten", "ban"):
        assert secret.lower() not in text.lower().replace("oakfield", "")
    outbox = SqlOutbox(services.deps.uow.engine, services.deps.clock)
    assert wait_for(lambda: not outbox.unsent())
    [row] = outbox.all()
    assert row.sent_at is not None and row.attempts == 0


def test_mail_outage_loses_nothing_and_is_retried(
    services, staff, notifier, smtp_port, smtp_server_factory, ban_factory
):
    ban_factory(services, staff["head"])
    outbox = SqlOutbox(services.deps.uow.engine, services.deps.clock)

    services.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, services.place)

    # No server yet: the first try fails and the message stays in the outbox with the error.
    assert wait_for(lambda: any(m.attempts >= 1 for m in outbox.unsent()))
    [waiting] = outbox.unsent()
    assert "refused" in waiting.last_error.lower() or "connect" in waiting.last_error.lower()

    server = smtp_server_factory(smtp_port)

    assert wait_for(lambda: len(server.messages) == 1)
    assert wait_for(lambda: not outbox.unsent())
    [sent] = outbox.all()
    assert sent.attempts >= 1 and sent.sent_at is not None


def test_no_email_without_smtp_settings(services, staff, ban_factory):
    engine = services.deps.uow.engine
    n = make_notifier(engine, services.settings, clock=services.deps.clock)
    services.deps.notifier = n
    try:
        ban_factory(services, staff["head"])
        assert services.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, services.place).held
        assert SqlOutbox(engine, services.deps.clock).all() == []
    finally:
        n.close()


def test_message_left_by_an_earlier_run_is_sent_at_start(
    services, mail_settings, smtp_port, smtp_server_factory
):
    from kiosk.db.outbox import OutboxMessage

    engine = services.deps.uow.engine
    SqlOutbox(engine, services.deps.clock).enqueue(
        [
            OutboxMessage(
                None,
                "email",
                "alert.raised",
                {
                    "to": ["office@oakfield.example"],
                    "subject": "Visitor needs attention at Front door",
                    "body": "x",
                },
            )
        ]
    )
    server = smtp_server_factory(smtp_port)
    n = make_notifier(engine, mail_settings, clock=services.deps.clock, base_delay_s=0.2, poll_s=0.5)
    try:
        assert wait_for(lambda: len(server.messages) == 1)
    finally:
        n.close()


def test_alert_email_missed_by_a_program_that_died_is_sent_by_the_next(
    services, staff, mail_settings, smtp_port, smtp_server_factory, ban_factory
):
    """The held visit commits, then the program dies before queueing the email: the next sender queues it."""
    from dataclasses import replace
    from datetime import timedelta

    from kiosk.services.common import NullNotifier

    ban_factory(services, staff["head"], aliases=("Billy Hargreaves",))
    services.deps.notifier = NullNotifier()  # stands in for the process dying right after the commit
    result = services.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, services.place)
    assert result.held
    with services.deps.uow() as uow:  # the crash was a few minutes ago
        visit = uow.visits.get(result.visit_id)
        uow.visits.update(replace(visit, signed_in_at=services.deps.clock.now() - timedelta(minutes=5)))
        uow.commit()
    engine = services.deps.uow.engine
    assert SqlOutbox(engine, services.deps.clock).all() == []

    server = smtp_server_factory(smtp_port)
    n = make_notifier(engine, mail_settings, clock=services.deps.clock, base_delay_s=0.2, poll_s=0.5)
    try:
        assert wait_for(lambda: len(server.messages) == 1)
        assert "Front door" in server.messages[0].content.decode()
        assert n.queue_missed_alert_emails() == 0  # queued once only
        time.sleep(1.5)  # a few more sender rounds
        assert len(server.messages) == 1
    finally:
        n.close()
