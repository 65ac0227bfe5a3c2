"""The outbox sender: a background thread that sends due messages and retries failures with back-off."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from kiosk.db.outbox import OutboxMessage, SqlOutbox

log = logging.getLogger(__name__)

Transport = Callable[[dict], None]


def backoff(attempts: int, base: float, cap: float) -> float:
    """Seconds to wait after the ``attempts``-th failure: doubling from ``base``, at most ``cap``."""
    return min(cap, base * (2 ** max(0, attempts - 1)))


class OutboxSender:
    """Sends outbox messages through a transport per channel, until each one has gone.

    Woken at once by ``wake()`` (a new alert), and otherwise when the next retry falls due or every
    ``poll_s`` seconds, so a message left by another program or before a restart still goes.
    """

    def __init__(
        self,
        outbox: SqlOutbox,
        transports: dict[str, Transport],
        *,
        base_delay_s: float = 5.0,
        max_delay_s: float = 600.0,
        poll_s: float = 30.0,
    ):
        self.outbox = outbox
        self.transports = transports
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.poll_s = poll_s
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Called before each round: queues what should be in the outbox but is not (see the notifier).
        self.reconcile: Callable[[], object] | None = None

    def start(self) -> OutboxSender:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kiosk-outbox", daemon=True)
            self._thread.start()
        return self

    def wake(self) -> None:
        """Look for due messages now (called right after a message is enqueued)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def send_due(self) -> int:
        """Send what is due now, once; returns how many went (the thread calls it; tests may too)."""
        sent = 0
        for message in self.outbox.claim_due(self.worker):
            if self._send_one(message):
                sent += 1
        return sent

    def _send_one(self, message: OutboxMessage) -> bool:
        transport = self.transports.get(message.channel)
        try:
            if transport is None:
                raise RuntimeError(f"no transport for channel {message.channel!r} in this program")
            transport(message.payload)
        except Exception as exc:  # noqa: BLE001 - any failure means "try again later"; the row keeps it
            delay = backoff(message.attempts + 1, self.base_delay_s, self.max_delay_s)
            log.warning(
                "outbox message %s (%s) not sent, try %d, next in %.0fs: %s",
                message.id,
                message.channel,
                message.attempts + 1,
                delay,
                exc,
            )
            self.outbox.mark_failed(message.id, str(exc), datetime.now(UTC) + timedelta(seconds=delay))
            return False
        self.outbox.mark_sent(message.id)
        log.info("outbox message %s (%s) sent", message.id, message.channel)
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                if self.reconcile is not None:
                    self.reconcile()
                self.send_due()
                wait = self._seconds_to_next_due()
            except Exception:  # noqa: BLE001 - the database may be briefly away; keep the thread alive
                log.exception("outbox sender failed; trying again shortly")
                wait = min(self.poll_s, max(1.0, self.base_delay_s))
            self._wake.wait(wait)

    def _seconds_to_next_due(self) -> float:
        due = self.outbox.next_due()
        if due is None:
            return self.poll_s
        # A small floor: a row claimed by another program is not due yet even if its time has passed.
        return max(0.05, min(self.poll_s, (due - datetime.now(UTC)).total_seconds() + 0.05))
