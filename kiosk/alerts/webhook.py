"""Alert webhook: a JSON POST to a Teams or Slack incoming webhook (or any HTTPS endpoint), through the outbox.

Like the email it says only where a member of staff is needed, never who: no visitor's name, no
banned person's details. Both Teams and Slack incoming webhooks accept ``{"text": ...}``.
"""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

WEBHOOK_TEXT = "A visitor at the {where} needs a member of staff at reception now. Open the reception console for the details."


class WebhookFailed(Exception):
    """The webhook endpoint could not be reached or refused the message (the outbox tries again)."""


def alert_webhook(kiosk_name: str, site_name: str, school_name: str) -> dict[str, object]:
    """The outbox payload of an alert webhook: a neutral sentence, and nothing about anyone."""
    where = f"{kiosk_name} kiosk" + (f" ({site_name})" if site_name else "")
    text = WEBHOOK_TEXT.format(where=where)
    return {"text": f"{school_name}: {text}" if school_name else text}


class WebhookSender:
    """POSTs outbox webhook payloads as JSON to one URL."""

    def __init__(self, url: str, *, timeout: float = 10.0):
        self.url = url
        self.timeout = timeout

    @property
    def configured(self) -> bool:
        return bool(self.url)

    def send(self, payload: dict) -> None:
        import urllib.error  # with the first webhook sent: urllib.request is about 1 MB of the kiosk's memory
        import urllib.request

        body = json.dumps({"text": str(payload.get("text", ""))}).encode()
        request = urllib.request.Request(
            self.url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - checked URL
                status = response.status
        except urllib.error.HTTPError as exc:
            raise WebhookFailed(f"the webhook answered HTTP {exc.code}") from exc
        except (OSError, urllib.error.URLError) as exc:
            raise WebhookFailed(f"the webhook cannot be reached: {getattr(exc, 'reason', exc)}") from exc
        if not 200 <= status < 300:
            raise WebhookFailed(f"the webhook answered HTTP {status}")

    def probe(self, timeout: float = 3.0) -> None:
        """Raise unless the webhook's server accepts a connection (nothing is posted)."""
        parts = urlsplit(self.url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            with socket.create_connection((parts.hostname or "", port), timeout=timeout):
                pass
        except OSError as exc:
            raise WebhookFailed(f"the webhook's server does not answer: {exc}") from exc
