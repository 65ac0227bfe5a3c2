"""Alert email: a neutral message that a visitor needs attention at a named kiosk, sent by SMTP.

The mail never carries the visitor's or the banned person's details: mail leaves the school's
control, so it only says where someone is needed.
"""

from __future__ import annotations

import logging
import ssl
from typing import TYPE_CHECKING

# smtplib (and email.utils) load with the first message or probe: the kiosk builds a mailer at start
# but sends mail rarely, and they are about 1 MB of its memory.
if TYPE_CHECKING:
    from email.message import EmailMessage

from kiosk.config import SmtpSettings

log = logging.getLogger(__name__)

SUBJECT = "Visitor needs attention at {kiosk}"
BODY = (
    "A visitor at the {where} needs a member of staff at reception now.\n\n"
    "Please open the reception console to see the details.\n\n"
    "This message deliberately contains no names or personal details.\n"
)


class MailFailed(Exception):
    """The mail server could not be reached or refused the message (the outbox tries again)."""


def alert_email(
    kiosk_name: str, site_name: str, school_name: str, recipients: list[str]
) -> dict[str, object]:
    """The outbox payload of an alert email: recipients, subject and body, and nothing about anyone."""
    where = f"{kiosk_name} kiosk" + (f" ({site_name})" if site_name else "")
    return {
        "to": list(recipients),
        "subject": SUBJECT.format(kiosk=kiosk_name),
        "body": BODY.format(where=where),
        "school": school_name,
    }


ARRIVAL_SUBJECT = "Your visitor has arrived"
ARRIVAL_BODY = (
    "{visitor}, whom you were expecting today, has signed in at reception{where}.\n\n"
    "Please collect them from reception.\n"
)


def arrival_email(visitor: str, host_email: str, site_name: str, school_name: str) -> dict[str, object]:
    """The outbox payload telling a host their expected visitor signed in (first name and initial only)."""
    parts = visitor.split()
    short = (
        f"{parts[0]} {parts[-1][:1].upper()}." if len(parts) > 1 else (parts[0] if parts else "Your visitor")
    )
    return {
        "to": [host_email],
        "subject": ARRIVAL_SUBJECT,
        "body": ARRIVAL_BODY.format(visitor=short, where=f" ({site_name})" if site_name else ""),
        "school": school_name,
    }


class SmtpMailer:
    """Sends outbox email payloads through the school's SMTP server (STARTTLS when the settings say so)."""

    def __init__(self, smtp: SmtpSettings, *, timeout: float = 15.0):
        self.smtp = smtp
        self.timeout = timeout

    @property
    def configured(self) -> bool:
        return bool(self.smtp.host and self.smtp.alert_recipients)

    def build(self, payload: dict) -> EmailMessage:
        from email.message import EmailMessage
        from email.utils import formatdate, make_msgid

        msg = EmailMessage()
        sender = self.smtp.sender or self.smtp.username or f"kiosk@{self.smtp.host}"
        school = str(payload.get("school") or "")
        msg["From"] = f"{school} reception kiosk <{sender}>" if school else sender
        msg["To"] = ", ".join(payload["to"])
        msg["Subject"] = str(payload["subject"])
        msg["Date"] = formatdate(localtime=True)
        msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
        msg.set_content(str(payload["body"]))
        return msg

    def send(self, payload: dict) -> None:
        """Send one message; raise MailFailed with a line fit for the log when it did not go."""
        import smtplib

        msg = self.build(payload)
        try:
            if self.smtp.port == 465:
                # Port 465 speaks TLS from the first byte (implicit TLS) rather than STARTTLS.
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.smtp.host, self.smtp.port, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                client = smtplib.SMTP(self.smtp.host, self.smtp.port, timeout=self.timeout)
            with client:
                client.ehlo()
                if self.smtp.starttls and self.smtp.port != 465:
                    client.starttls(context=ssl.create_default_context())
                    client.ehlo()
                if self.smtp.username:
                    client.login(self.smtp.username, self.smtp.password)
                refused = client.send_message(msg)
            if refused:
                # Some recipients took it: sending again would repeat it to them, so only log the rest.
                log.warning("alert email not accepted for %s", ", ".join(refused))
        except (OSError, smtplib.SMTPException) as exc:
            raise MailFailed(f"{type(exc).__name__}: {exc}") from exc

    def probe(self, timeout: float = 3.0) -> None:
        """Raise MailFailed unless the SMTP server answers (greeting and NOOP); sends nothing."""
        import smtplib

        try:
            if self.smtp.port == 465:
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.smtp.host, self.smtp.port, timeout=timeout, context=ssl.create_default_context()
                )
            else:
                client = smtplib.SMTP(self.smtp.host, self.smtp.port, timeout=timeout)
            with client:
                code, _ = client.noop()
            if code != 250:
                raise MailFailed(f"the mail server answered {code} to NOOP")
        except (OSError, smtplib.SMTPException) as exc:
            raise MailFailed(f"{type(exc).__name__}: {exc}") from exc
