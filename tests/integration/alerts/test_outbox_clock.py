"""The outbox, its sender and the missed-email search read the program's injected clock, not the real one.

Each test moves the injected clock years away from the real one (either way): with the real clock the
outbox's "due now" and the missed-email window would miss visits stamped by the services' clock.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from kiosk.app import make_notifier
from kiosk.db.outbox import SqlOutbox
from kiosk.domain.model import PersonType
from kiosk.services.common import NullNotifier
from tests.integration.alerts.conftest import free_port

ELSEWHEN = [(2031, 3, 4), (2019, 11, 29)]


def _mail(app, port: int) -> None:
    smtp = app.settings.smtp
    smtp.host, smtp.port, smtp.starttls = "127.0.0.1", port, False
    smtp.sender, smtp.alert_recipients = "kiosk@oakfield.example", ["dsl@oakfield.example"]


def _held_without_email(services, staff, ban_factory) -> int:
    """A held visitor whose program died before queueing the email (the notifier stands in for it)."""
    ban_factory(services, staff["head"], aliases=("Billy Hargreaves",))
    services.deps.notifier = NullNotifier()
    result = services.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, services.place)
    assert result.held and result.visit_id is not None
    return result.visit_id


@pytest.mark.parametrize("day", ELSEWHEN)
def test_a_missed_alert_email_is_found_on_the_injected_clock(services, staff, clock, ban_factory, day):
    clock.set(datetime(*day, 10, 30, tzinfo=clock.zone))
    visit_id = _held_without_email(services, staff, ban_factory)
    _mail(services, free_port())
    notifier = make_notifier(services.deps.uow.engine, services.settings, clock=clock, start_sender=False)
    try:
        # Held a moment ago: its own program may still be queueing the email, so nothing yet.
        assert notifier.queue_missed_alert_emails() == 0
        clock.advance(timedelta(seconds=30))
        assert notifier.queue_missed_alert_emails() == 1
        [message] = SqlOutbox(services.deps.uow.engine, clock).all()
        assert message.payload["visit_id"] == visit_id
        assert abs(message.created_at - clock.now()) < timedelta(minutes=1)
        assert notifier.queue_missed_alert_emails() == 0  # queued once only
        clock.advance(timedelta(days=2))  # a day on, the window has passed it by
        with services.deps.uow() as uow:  # (as if the email had never been queued)
            visit = uow.visits.get(visit_id)
            uow.visits.update(replace(visit, signed_in_at=clock.now() - timedelta(days=1, hours=1)))
            uow.commit()
        assert notifier.queue_missed_alert_emails() == 0
    finally:
        notifier.close()


@pytest.mark.parametrize("day", ELSEWHEN)
def test_the_outbox_stamps_and_claims_on_the_injected_clock(services, clock, day):
    from kiosk.services.ports import OutboxMessage

    clock.set(datetime(*day, 10, 30, tzinfo=clock.zone))
    outbox = SqlOutbox(services.deps.uow.engine, clock)
    [message_id] = outbox.enqueue([OutboxMessage(None, "email", "test", {"to": ["a@b.example"]})])
    [queued] = outbox.unsent()
    assert abs(queued.created_at - clock.now()) < timedelta(minutes=1)
    assert abs(queued.next_attempt_at - clock.now()) < timedelta(minutes=1)
    [claimed] = outbox.claim_due("test worker")  # due on the injected clock, whatever the real one says
    assert claimed.id == message_id
    assert outbox.claim_due("another worker") == []  # leased
    outbox.mark_failed(message_id, "server down", clock.now() + timedelta(minutes=10))
    assert outbox.claim_due("test worker") == []  # waits for its back-off
    assert outbox.retry_now("email") == 1  # the server answers again: due now
    [claimed] = outbox.claim_due("test worker")
    outbox.mark_sent(claimed.id)
    [sent] = outbox.all()
    assert sent.sent_at is not None and abs(sent.sent_at - clock.now()) < timedelta(minutes=1)


def test_the_sender_emails_a_missed_alert_within_10_s_on_the_injected_clock(
    sqlite_services, clock, ban_factory, smtp_server_factory
):
    """End to end on a clock two years ahead: the held visit's email is found, sent, and marked sent."""
    from tests.conftest import make_staff

    services = sqlite_services
    clock.set(datetime(2028, 2, 29, 10, 30, tzinfo=clock.zone))
    staff = make_staff(services)
    _held_without_email(services, staff, ban_factory)
    port = free_port()
    _mail(services, port)
    server = smtp_server_factory(port)
    notifier = make_notifier(services.deps.uow.engine, services.settings, clock=clock)  # default timings
    try:
        started = time.monotonic()
        deadline = started + 15
        while time.monotonic() < deadline and not server.messages:
            time.sleep(0.05)
        assert server.messages, "the missed alert email was not sent"
        assert time.monotonic() - started < 10.0
        outbox = SqlOutbox(services.deps.uow.engine, clock)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and outbox.unsent():
            time.sleep(0.05)
        [sent] = outbox.all()
        assert sent.sent_at is not None and abs(sent.sent_at - clock.now()) < timedelta(minutes=1)
    finally:
        notifier.close()
