"""The alert e-mail on a trust ban goes to the trust's safeguarding lead as well as to the school's."""

from __future__ import annotations

import pytest

from kiosk.app import make_notifier
from kiosk.domain.model import BanScope, PersonType, Role
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
