"""The outbox sender: a background thread that sends due messages and retries failures with back-off.

While a message waits for its back-off, the sender probes that channel's server every ``probe_s``
seconds (a cheap connection, no message): the moment the server answers again, the waiting messages
are made due and sent, so an alert goes out within seconds of a mail outage ending, not when the
back-off clock (up to ten minutes) says so.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from kiosk.services.ports import Clock, Outbox, OutboxMessage

log = logging.getLogger(__name__)

Transport = Callable[[dict], None]
Probe = Callable[[], None]  # raises when the channel's server does not answer


def _utc_now() -> datetime:
    return datetime.now(UTC)


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
        outbox: Outbox,
        transports: dict[str, Transport],
        *,
        base_delay_s: float = 5.0,
        max_delay_s: float = 600.0,
        poll_s: float = 3.0,
        probes: dict[str, Probe] | None = None,
        probe_s: float = 3.0,
        clock: Clock | None = None,
    ):
        self.outbox = outbox
        # The outbox's times (when a message is next due) are on the program's injected clock: so is "now".
        self._now: Callable[[], datetime] = clock.now if clock is not None else _utc_now
        self.transports = transports
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.poll_s = poll_s
        self.probes = dict(probes or {})
        self.probe_s = probe_s
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Called before each round: queues what should be in the outbox but is not (see the notifier).
        self.reconcile: Callable[[], object] | None = None
        self._failure: str | None = None  # the last round's failure, reported once (None: working)

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
        assert message.id is not None  # claimed messages come from the table
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
            self.outbox.mark_failed(message.id, str(exc), self._now() + timedelta(seconds=delay))
            return False
        self.outbox.mark_sent(message.id)
        log.info("outbox message %s (%s) sent", message.id, message.channel)
        return True

    def probe_waiting(self) -> int:
        """Probe each channel with a waiting message; where the server answers, make its messages due now."""
        freed = 0
        for channel in sorted(self.outbox.waiting_channels()):
            probe = self.probes.get(channel)
            if probe is None:
                continue
            try:
                probe()
            except Exception as exc:  # noqa: BLE001 - still down: the back-off stands
                log.debug("outbox channel %s still not answering: %s", channel, exc)
                continue
            n = self.outbox.retry_now(channel)
            if n:
                log.info("outbox channel %s answers again: sending %d waiting messages now", channel, n)
            freed += n
        return freed

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                if self.reconcile is not None:
                    self.reconcile()
                self.send_due()
                due_in = self._seconds_to_next_due()
                wait = min(self.poll_s, due_in)
                if self.probes and due_in > self.probe_s and self.outbox.waiting_channels():
                    # A message waits for its back-off: look at its server every probe_s meanwhile.
                    self._wake.wait(self.probe_s)
                    if self._stop.is_set():
                        return
                    self.probe_waiting()
                    continue
            except Exception as exc:  # noqa: BLE001 - the database may be away; keep the thread alive
                self._failing_round(exc)
                wait = min(self.poll_s, max(1.0, self.base_delay_s))
            else:
                if self._failure is not None:
                    log.info("outbox sender: the outbox can be read again (%s before)", self._failure)
                    self._failure = None
            self._wake.wait(wait)

    def _failing_round(self, exc: Exception) -> None:
        """One clear line when the outbox cannot be read (a database out of reach: an offline kiosk's for
        hours), then quiet while it stays so (however its error reads: refused, lost, timed out) until a
        round works again, which says so. The traceback goes to the debug log."""
        what = _one_line(exc)
        log.debug("outbox sender round failed", exc_info=True)
        if self._failure is not None:
            return
        self._failure = what
        log.warning("outbox sender cannot read the outbox, trying again every few seconds: %s", what)

    def _seconds_to_next_due(self) -> float:
        """Seconds until the earliest unsent message may be tried (a day when nothing waits)."""
        due = self.outbox.next_due()
        if due is None:
            return 86400.0
        # A small floor: a row claimed by another program is not due yet even if its time has passed.
        return max(0.05, (due - self._now()).total_seconds() + 0.05)


def _one_line(exc: BaseException) -> str:
    """An error as one short line: its type and the first line of its message (a driver error's own
    message spans several lines: the SQL, its parameters, a link)."""
    text = str(exc).strip().splitlines()
    first = text[0].strip() if text else ""
    return f"{type(exc).__name__}: {first[:300]}" if first else type(exc).__name__
