"""The host of an expected visitor is emailed when they sign in: through the outbox, to a real SMTP server."""

from __future__ import annotations

from kiosk.app import make_notifier
from kiosk.domain.expected import ExpectedVisit
from kiosk.domain.model import PersonType
from kiosk.services.visits import VisitDetails
from tests.helpers import sign_in
from tests.integration.alerts.test_alert_email_outbox import wait_for


def test_host_gets_an_email_naming_only_first_name_and_initial(
    services, staff, smtp_port, smtp_server_factory
):
    smtp = services.settings.smtp
    smtp.host, smtp.port, smtp.starttls = "127.0.0.1", smtp_port, False
    smtp.sender = "kiosk@oakfield.example"
    smtp.alert_recipients = ["office@oakfield.example"]
    server = smtp_server_factory(smtp_port)
    notifier = make_notifier(services.deps.uow.engine, services.settings, base_delay_s=0.2, poll_s=1.0)
    services.deps.notifier = notifier
    try:
        services.expected.add(
            staff["receptionist"],
            ExpectedVisit(
                id=None,
                first_name="Jane",
                last_name="Supply",
                person_type=PersonType.SUPPLY_STAFF,
                expected_on=services.deps.clock.today(),
                site_id=services.place.site_id,
                host="Mr Brown",
                host_email="brown@oakfield.example",
                notes="Needs a laptop login",
            ),
        )
        sign_in(services, "Jane", "Supply", PersonType.SUPPLY_STAFF, VisitDetails(organisation="Teach Cover"))
        assert wait_for(lambda: len(server.messages) == 1)
        envelope = server.messages[0]
        text = envelope.content.decode()
        assert envelope.rcpt_tos == ["brown@oakfield.example"]
        assert "Your visitor has arrived" in text and "Jane S., whom you were expecting today" in text
        assert "Supply" not in text and "laptop" not in text
        # A visitor without a booking, or a booking without the host's email, sends nothing.
        sign_in(services, "Priya", "Shah")
        assert not wait_for(lambda: len(server.messages) > 1, timeout=2.0)
    finally:
        notifier.close()
