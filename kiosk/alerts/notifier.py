"""The notifier the services call after each commit: outbox rows for alerts, NOTIFY for other machines."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from kiosk.alerts.channel import channel_name
from kiosk.alerts.email import SmtpMailer, alert_email
from kiosk.alerts.sender import OutboxSender
from kiosk.config import Settings
from kiosk.db.outbox import OutboxMessage, SqlOutbox, encode_event

log = logging.getLogger(__name__)

ALERT_RAISED = "alert.raised"


AUDIT_DIGEST = "audit.digest"


class DatabaseNotifier:
    """Implements the services' Notifier port on the database.

    On "alert.raised" it writes the alert email to the outbox in its own short transaction (the
    alert itself is already committed) and wakes the sender. On PostgreSQL every event is also sent
    with ``pg_notify`` on the installation's channel, in that same transaction, so consoles on other
    machines hear it the moment it commits.
    """

    def __init__(
        self,
        outbox: SqlOutbox,
        settings: Settings,
        *,
        channel: str,
        mailer: SmtpMailer | None = None,
        sender: OutboxSender | None = None,
    ):
        self.outbox = outbox
        self.settings = settings
        self.channel = channel
        self.mailer = mailer
        self.sender = sender

    def notify(self, event: str, payload: dict[str, object]) -> None:
        messages = self._messages_for(event, payload)
        note = (self.channel, encode_event(event, payload)) if self.outbox.is_postgres else None
        if messages:
            self.outbox.enqueue(messages, pg_notify=note)
            if self.sender is not None:
                self.sender.wake()
        elif note is not None:
            self.outbox.notify(self.channel, event, payload)

    def _messages_for(self, event: str, payload: dict[str, object]) -> list[OutboxMessage]:
        if event == AUDIT_DIGEST and self.mailer is not None and self.mailer.configured:
            # The daily digest of the audit log: the anchor that leaves the machine (no personal data).
            school = self.settings.school.name
            content = {
                "to": list(self.settings.smtp.alert_recipients),
                "subject": f"Audit log digest: {school}",
                "body": "Keep this email: it lets the school show later that its audit log was not "
                'rewritten (kiosk audit verify --digest "...").\n\n' + str(payload.get("digest", "")),
                "school": school,
            }
            return [OutboxMessage(id=None, channel="email", event=event, payload=content)]
        if event != ALERT_RAISED or self.mailer is None or not self.mailer.configured:
            return []
        kiosk_name, site_name = self.outbox.place_names(
            _int(payload.get("kiosk_id")), _int(payload.get("site_id"))
        )
        content = alert_email(
            kiosk_name, site_name, self.settings.school.name, self.settings.smtp.alert_recipients
        )
        content["visit_id"] = _int(payload.get("visit_id"))  # an id, so a missed email can be found
        return [OutboxMessage(id=None, channel="email", event=event, payload=content)]

    def queue_missed_alert_emails(self, within: timedelta = timedelta(hours=24)) -> int:
        """Queue the alert email of any visitor held recently without one (a program died in between)."""
        if self.mailer is None or not self.mailer.configured:
            return 0
        now = datetime.now(UTC)
        # A visit held in the last minute may have its email on the way from the program that held it.
        missed = self.outbox.held_visits_without_email(now - within, now - timedelta(minutes=1))
        for visit_id, kiosk_id, site_id in missed:
            payload = {"visit_id": visit_id, "kiosk_id": kiosk_id, "site_id": site_id}
            self.outbox.enqueue(self._messages_for(ALERT_RAISED, payload))
            log.warning("queued the missed alert email for held visit %s", visit_id)
        return len(missed)

    def close(self) -> None:
        """Stop the sender thread (unsent messages stay in the outbox for the next start)."""
        if self.sender is not None:
            self.sender.stop()


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def build_notifier(
    engine: Engine,
    settings: Settings,
    *,
    start_sender: bool = True,
    base_delay_s: float = 5.0,
    max_delay_s: float = 600.0,
    poll_s: float = 30.0,
) -> DatabaseNotifier:
    """The notifier for one program: outbox email when SMTP is set up, NOTIFY on PostgreSQL.

    The sender thread starts at once when mail is configured, so messages left unsent by an earlier
    run (a mail outage, a restart) go out too. Call ``close()`` on shutdown.
    """
    outbox = SqlOutbox(engine)
    mailer = SmtpMailer(settings.smtp)
    sender = None
    if mailer.configured:
        sender = OutboxSender(
            outbox, {"email": mailer.send}, base_delay_s=base_delay_s, max_delay_s=max_delay_s, poll_s=poll_s
        )
        if start_sender:
            sender.start()
    elif settings.smtp.host or settings.smtp.alert_recipients:
        log.warning("alert email is half set up: it needs both smtp.host and smtp.alert_recipients")
    notifier = DatabaseNotifier(outbox, settings, channel=channel_name(engine), mailer=mailer, sender=sender)
    if sender is not None:
        sender.reconcile = notifier.queue_missed_alert_emails
    return notifier
