"""Run database and printer work off the GUI thread, with callbacks on the GUI thread (as Anki's ops do).

    run_op(parent, lambda: services.sign_in.screen(...), on_done=show_next, on_error=show_problem)

One worker thread does the work, so database actions from one window run in order. A KioskError
reaches ``on_error`` with its message fit to show; anything else is logged with its traceback and
reaches ``on_error`` as a generic KioskError, so no traceback ever reaches the screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from kiosk.domain.errors import KioskError

log = logging.getLogger(__name__)

_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    """The single worker thread that owns database work for this program."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)
    return _pool


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Op(QRunnable):
    """One operation. It lets go of its work and relay as soon as it has run (not when Qt deletes it), and a
    failure reaches ``on_error`` without its traceback, whose frames would keep the work's data alive for
    as long as the window keeps the error."""

    def __init__(self, work: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.work: Callable[[], Any] | None = work
        self.relay: _Relay | None = relay

    def run(self) -> None:
        work, relay = self.work, self.relay
        self.work = self.relay = None
        if work is None or relay is None:
            return
        try:
            result = work()
        except KioskError as exc:
            del work
            _drop_tracebacks(exc)
            _emit(relay.failed, exc)
        except Exception as exc:  # noqa: BLE001 - logged with traceback, shown calmly
            log.exception("operation failed")
            del work
            _emit(
                relay.failed,
                KioskError(f"Something went wrong ({type(exc).__name__}). Please ask at reception."),
            )
        else:
            del work
            _emit(relay.done, result)
            del result


def _emit(signal: Any, value: object) -> None:
    try:
        signal.emit(value)
    except RuntimeError:  # the window went first (a kiosk closing): its callbacks are dropped
        log.info("dropped the answer of an operation whose window has gone")


def _drop_tracebacks(exc: BaseException) -> None:
    """Forget the frames of an error and of the errors it came from (their locals are the work's data)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__


def run_op(
    parent: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[KioskError], None] | None = None,
) -> None:
    """Run ``work`` on the worker thread; call ``on_done(result)`` or ``on_error(exc)`` on the GUI thread.

    The callbacks are dropped if ``parent`` is destroyed first.
    """
    relay = _Relay(parent)
    if on_done is not None:
        relay.done.connect(on_done)
    if on_error is not None:
        relay.failed.connect(on_error)
    else:
        relay.failed.connect(lambda exc: log.error("operation failed: %s", exc))
    relay.done.connect(relay.deleteLater)
    relay.failed.connect(relay.deleteLater)
    pool().start(_Op(work, relay))


def wait_for_ops(timeout_ms: int = 10_000) -> bool:
    """Block until queued operations finish (tests and shutdown)."""
    return pool().waitForDone(timeout_ms)
