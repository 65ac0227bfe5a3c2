"""The notifier the services call after each commit: outbox rows for alerts, NOTIFY for other machines."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from kiosk.alerts.email import SmtpMailer, alert_email, arrival_email
from kiosk.alerts.sender import OutboxSender, Probe, Transport
from kiosk.alerts.webhook import WebhookSender, alert_webhook
from kiosk.config import Settings
from kiosk.services.ports import Clock, Outbox, OutboxMessage

# A visit held this recently may still have its email on the way from the program that held it; older
# than this and without one, the program died in between and the sender queues it (found within 10 s).
MISSED_AFTER = timedelta(seconds=5)

log = logging.getLogger(__name__)

ALERT_RAISED = "alert.raised"


AUDIT_DIGEST = "audit.digest"
# Payload keys that name a person or an address: used for the email, never sent on with NOTIFY.
PRIVATE_KEYS = frozenset({"visitor", "host", "host_email"})
EXPECTED_ARRIVED = "expected.arrived"  # kiosk.domain.events.Change.EXPECTED_ARRIVED: the host is emailed


class DatabaseNotifier:
    """Implements the services' Notifier port on the database.

    On "alert.raised" it writes the alert email to the outbox in its own short transaction (the
    alert itself is already committed) and wakes the sender. On PostgreSQL every event is also sent
    with ``pg_notify`` on the installation's channel, in that same transaction, so consoles on other
    machines hear it the moment it commits.
    """

    def __init__(
        self,
        outbox: Outbox,
        settings: Settings,
        *,
        channel: str,
        mailer: SmtpMailer | None = None,
        sender: OutboxSender | None = None,
        webhook: WebhookSender | None = None,
        encode: Callable[[str, dict], str] | None = None,
        clock: Clock | None = None,
    ):
        self.outbox = outbox
        # The window for missed alert emails is measured against the visits' own (injected-clock) times.
        self._now: Callable[[], datetime] = clock.now if clock is not None else lambda: datetime.now(UTC)
        self.settings = settings
        self.channel = channel
        self.mailer = mailer
        self.sender = sender
        self.webhook = webhook
        self._encode = encode or _encode_event

    def notify(self, event: str, payload: dict[str, object]) -> None:
        messages = self._messages_for(event, payload)
        # What goes to other machines is ids only: names and addresses stay in this process (the email).
        shared = {k: v for k, v in payload.items() if k not in PRIVATE_KEYS}
        school = self.settings.school.trust_school_id
        if school:
            # Every school of a trust hears the shared channel: the school lets the others' consoles
            # skip what is not theirs (ChangeEvent.concerns_school).
            shared["school"] = int(school)
        note = (self.channel, self._encode(event, shared)) if self.outbox.is_postgres else None
        if messages:
            self.outbox.enqueue(messages, pg_notify=note)
            if self.sender is not None:
                self.sender.wake()
        elif note is not None:
            self.outbox.notify(self.channel, event, shared)

    def _messages_for(
        self, event: str, payload: dict[str, object], *, channels: tuple[str, ...] = ("email", "webhook")
    ) -> list[OutboxMessage]:
        mail = self.mailer is not None and self.mailer.configured and "email" in channels
        hook = self.webhook is not None and self.webhook.configured and "webhook" in channels
        if event == AUDIT_DIGEST and mail:
            # The daily digest of the audit log: the anchor that leaves the machine (no personal data).
            school = self.settings.school.name
            digest = {
                "to": list(self.settings.smtp.alert_recipients),
                "subject": f"Audit log digest: {school}",
                "body": "Keep this email: it lets the school show later that its audit log was not "
                'rewritten (kiosk audit verify --digest "...").\n\n' + str(payload.get("digest", "")),
                "school": school,
            }
            return [OutboxMessage(id=None, channel="email", event=event, payload=digest)]
        if event == EXPECTED_ARRIVED and mail and str(payload.get("host_email") or ""):
            _kiosk, site_name = self.outbox.place_names(None, _int(payload.get("site_id")))
            content = arrival_email(
                str(payload.get("visitor") or ""),
                str(payload["host_email"]),
                site_name,
                self.settings.school.name,
            )
            content["expected_id"] = _int(payload.get("expected_id"))
            return [OutboxMessage(id=None, channel="email", event=event, payload=content)]
        if event != ALERT_RAISED or not (mail or hook):
            return []
        kiosk_name, site_name = self.outbox.place_names(
            _int(payload.get("kiosk_id")), _int(payload.get("site_id"))
        )
        visit_id = _int(payload.get("visit_id"))  # an id, so a missed message can be found
        messages = []
        if mail:
            recipients = list(self.settings.smtp.alert_recipients)
            if payload.get("trust_ban"):
                # Held on the trust's ban: the trust's safeguarding lead is told as well as reception.
                recipients += [r for r in self.settings.smtp.trust_alert_recipients if r not in recipients]
            content = alert_email(kiosk_name, site_name, self.settings.school.name, recipients)
            content["visit_id"] = visit_id
            messages.append(OutboxMessage(id=None, channel="email", event=event, payload=content))
        if hook:
            content = alert_webhook(kiosk_name, site_name, self.settings.school.name)
            content["visit_id"] = visit_id
            messages.append(OutboxMessage(id=None, channel="webhook", event=event, payload=content))
        return messages

    def queue_missed_alert_emails(self, within: timedelta = timedelta(hours=24)) -> int:
        """Queue the alert email of any visitor held recently without one (a program died in between)."""
        if self.mailer is None or not self.mailer.configured:
            return 0
        now = self._now()
        # A visit held in the last few seconds may have its email on the way from the program that held it
        # (and enqueue() adds nothing when it is already queued).
        missed = self.outbox.held_visits_without_email(now - within, now - MISSED_AFTER)
        for visit_id, kiosk_id, site_id, trust_ban in missed:
            payload: dict[str, object] = {
                "visit_id": visit_id,
                "kiosk_id": kiosk_id,
                "site_id": site_id,
                "trust_ban": trust_ban,  # held on a ban of the trust's: its lead is mailed too, as at first
            }
            self.outbox.enqueue(self._messages_for(ALERT_RAISED, payload, channels=("email",)))
            log.warning("queued the missed alert email for held visit %s", visit_id)
        return len(missed)

    def close(self) -> None:
        """Stop the sender thread (unsent messages stay in the outbox for the next start)."""
        if self.sender is not None:
            self.sender.stop()


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _encode_event(event: str, payload: dict) -> str:
    import json

    return json.dumps({"event": event, "payload": payload}, default=str, separators=(",", ":"))


def build_notifier(
    outbox: Outbox,
    settings: Settings,
    *,
    channel: str,
    encode: Callable[[str, dict], str] | None = None,
    start_sender: bool = True,
    base_delay_s: float = 5.0,
    max_delay_s: float = 600.0,
    poll_s: float = 3.0,
    probe_s: float = 3.0,
    clock: Clock | None = None,
) -> DatabaseNotifier:
    """The notifier for one program: outbox email and webhook when set up, NOTIFY on PostgreSQL.

    ``outbox`` is the Outbox port (kiosk.app hands in kiosk.db.outbox.SqlOutbox); ``channel`` the
    PostgreSQL NOTIFY channel; ``clock`` the program's injected clock (the outbox's, and the services').
    The sender thread starts at once when mail or a webhook is configured, so
    messages left unsent by an earlier run (an outage, a restart) go out too. Call ``close()`` on shutdown.
    """
    mailer = SmtpMailer(settings.smtp)
    webhook = WebhookSender(settings.webhook.url, timeout=settings.webhook.timeout_s)
    transports: dict[str, Transport] = {}
    probes: dict[str, Probe] = {}
    if mailer.configured:
        transports["email"], probes["email"] = mailer.send, mailer.probe
    elif settings.smtp.host or settings.smtp.alert_recipients:
        log.warning("alert email is half set up: it needs both smtp.host and smtp.alert_recipients")
    if webhook.configured:
        transports["webhook"], probes["webhook"] = webhook.send, webhook.probe
    sender = None
    if transports:
        sender = OutboxSender(
            outbox,
            transports,
            base_delay_s=base_delay_s,
            max_delay_s=max_delay_s,
            poll_s=poll_s,
            probes=probes,
            probe_s=probe_s,
            clock=clock,
        )
        if start_sender:
            sender.start()
    notifier = DatabaseNotifier(
        outbox,
        settings,
        channel=channel,
        mailer=mailer,
        sender=sender,
        webhook=webhook,
        encode=encode,
        clock=clock,
    )
    if sender is not None:
        sender.reconcile = notifier.queue_missed_alert_emails
    return notifier
