"""The alert e-mail on a trust ban goes to the trust's safeguarding lead as well as to the school's."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta

import pytest

from kiosk.app import make_notifier
from kiosk.db.outbox import SqlOutbox
from kiosk.domain.model import BanScope, PersonType, Role
from kiosk.services.common import NullNotifier
from tests.helpers import add_ban
from tests.integration.alerts.test_alert_email_outbox import wait_for


@pytest.fixture
def notifier(services, smtp_port):
    smtp = services.settings.smtp
    smtp.host, smtp.port, smtp.starttls = "127.0.0.1", smtp_port, False
    smtp.sender = "kiosk@oakfield.example"
    smtp.alert_recipients = ["office@oakfield.example"]
    smtp.trust_alert_recipients = ["dsl@trust.example", "office@oakfield.example"]
    n = make_notifier(
        services.deps.uow.engine, services.settings, clock=services.deps.clock, base_delay_s=0.2, poll_s=1.0
    )
    services.deps.notifier = n
    yield n
    n.close()


def test_a_trust_ban_emails_the_trust_lead_a_school_ban_only_the_school(
    services, staff, notifier, smtp_port, smtp_server_factory
):
    server = smtp_server_factory(smtp_port)
    services.staff.add(staff["administrator"], "Trust Lead", Role.TRUST_SAFEGUARDING_LEAD, "24681357")
    lead = services.staff.authenticate("Trust Lead", "24681357")
    add_ban(services, lead, name="Darren Cole", scope=BanScope.TRUST)
    add_ban(services, staff["head"], name="Brian Hollis")

    assert services.sign_in.screen("Darren", "Cole", PersonType.VISITOR, services.place).held
    assert wait_for(lambda: len(server.messages) == 1)
    assert sorted(server.messages[0].rcpt_tos) == ["dsl@trust.example", "office@oakfield.example"]
    assert "Cole" not in server.messages[0].content.decode()

    assert services.sign_in.screen("Brian", "Hollis", PersonType.VISITOR, services.place).held
    assert wait_for(lambda: len(server.messages) == 2)
    assert server.messages[1].rcpt_tos == ["office@oakfield.example"]


def _trust_lead(services, staff):
    services.staff.add(staff["administrator"], "Trust Lead", Role.TRUST_SAFEGUARDING_LEAD, "24681357")
    return services.staff.authenticate("Trust Lead", "24681357")


def _each_once(server) -> list[str]:
    """Every recipient of every message the server took (a recipient twice would show twice)."""
    return sorted(r for m in server.messages for r in m.rcpt_tos)


def test_a_trust_ban_alert_retried_after_the_mail_server_was_down_reaches_both_once(
    services, staff, notifier, smtp_port, smtp_server_factory
):
    add_ban(services, _trust_lead(services, staff), name="Darren Cole", scope=BanScope.TRUST)
    outbox = SqlOutbox(services.deps.uow.engine, services.deps.clock)

    # Nobody listens on the port yet: the first try is refused and the message waits in the outbox.
    assert services.sign_in.screen("Darren", "Cole", PersonType.VISITOR, services.place).held
    assert wait_for(lambda: any(m.attempts >= 1 for m in outbox.unsent()))
    [waiting] = outbox.unsent()
    assert waiting.last_error

    server = smtp_server_factory(smtp_port)
    assert wait_for(lambda: len(server.messages) == 1)
    assert wait_for(lambda: outbox.unsent() == [])
    time.sleep(1.5)  # more sender rounds: nothing goes twice
    assert _each_once(server) == ["dsl@trust.example", "office@oakfield.example"]


def test_a_trust_ban_alert_requeued_after_a_crash_reaches_the_trust_lead_once(
    services, staff, smtp_port, smtp_server_factory
):
    """The held visit commits, the program dies before queueing the email; the next program's sender
    queues it (queue_missed_alert_emails), its first try fails (no mail server), the retry delivers."""
    add_ban(services, _trust_lead(services, staff), name="Darren Cole", scope=BanScope.TRUST)
    add_ban(services, staff["head"], name="Brian Hollis")
    services.deps.notifier = NullNotifier()  # stands in for the process dying right after the commit
    trust_held = services.sign_in.screen("Darren", "Cole", PersonType.VISITOR, services.place)
    school_held = services.sign_in.screen("Brian", "Hollis", PersonType.VISITOR, services.place)
    assert trust_held.held and school_held.held
    with services.deps.uow() as uow:  # the crash was a few minutes ago
        for visit_id in (trust_held.visit_id, school_held.visit_id):
            visit = uow.visits.get(visit_id)
            uow.visits.update(replace(visit, signed_in_at=services.deps.clock.now() - timedelta(minutes=5)))
        uow.commit()
    outbox = SqlOutbox(services.deps.uow.engine, services.deps.clock)
    assert outbox.all() == []

    smtp = services.settings.smtp
    smtp.host, smtp.port, smtp.starttls = "127.0.0.1", smtp_port, False
    smtp.sender = "kiosk@oakfield.example"
    smtp.alert_recipients = ["office@oakfield.example"]
    smtp.trust_alert_recipients = ["dsl@trust.example"]
    n = make_notifier(
        services.deps.uow.engine, services.settings, clock=services.deps.clock, base_delay_s=0.2, poll_s=0.5
    )
    try:
        assert wait_for(lambda: len(outbox.all()) == 2 and all(m.attempts >= 1 for m in outbox.unsent()))
        to = {m.payload["visit_id"]: sorted(m.payload["to"]) for m in outbox.all()}
        assert to == {
            trust_held.visit_id: ["dsl@trust.example", "office@oakfield.example"],
            school_held.visit_id: ["office@oakfield.example"],  # a school's own ban stays the school's
        }
        server = smtp_server_factory(smtp_port)
        assert wait_for(lambda: len(server.messages) == 2)
        assert wait_for(lambda: outbox.unsent() == [])
        assert n.queue_missed_alert_emails() == 0  # queued once only
        time.sleep(1.5)
        assert _each_once(server) == [
            "dsl@trust.example",
            "office@oakfield.example",
            "office@oakfield.example",
        ]
        assert sorted(len(m.rcpt_tos) for m in server.messages) == [1, 2]
    finally:
        n.close()
