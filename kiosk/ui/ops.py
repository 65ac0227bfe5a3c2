"""Run database and printer work off the GUI thread, with callbacks on the GUI thread (as Anki's ops do).

    run_op(parent, lambda: services.sign_in.screen(...), on_done=show_next, on_error=show_problem)

One worker thread does the work, so database actions from one window run in order. A KioskError
reaches ``on_error`` with its message fit to show; anything else is logged with its traceback and
reaches ``on_error`` as a generic KioskError, so no traceback ever reaches the screen.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

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


class _Answer:
    """What an operation hands back to the GUI thread: its callbacks, the window they belong to, the outcome.

    The callbacks are let go of once called (or dropped), so what they captured does not outlive them.
    """

    __slots__ = ("parent", "on_done", "on_error", "failed", "value")

    def __init__(
        self,
        parent: QObject,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[KioskError], None] | None,
    ):
        # Weakly: an operation does not keep its window alive (nor, once the window goes, its callbacks).
        self.parent: weakref.ref[QObject] | None = weakref.ref(parent)
        self.on_done = on_done
        self.on_error = on_error
        self.failed = False
        self.value: Any = None

    def deliver(self) -> None:
        ref, on_done, on_error, value = self.parent, self.on_done, self.on_error, self.value
        self.parent = self.on_done = self.on_error = self.value = None
        parent = None if ref is None else ref()
        if parent is None or not shiboken6.isValid(parent):
            return  # the window went first: its callbacks are dropped
        del parent
        if not self.failed:
            if on_done is not None:
                on_done(value)
        elif on_error is not None:
            on_error(value)
        else:
            log.error("operation failed: %s", value)


class _Dispatcher(QObject):
    """The one receiver, on the GUI thread, of every operation's answer.

    Its signal is connected once: a connection made for each operation (to a relay object deleted after it)
    left a little of PySide6's bookkeeping behind every time, ~200 bytes an operation, for as long as
    the kiosk ran.
    """

    answered = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.answered.connect(self._deliver)

    def _deliver(self, answer: _Answer) -> None:
        answer.deliver()


_dispatcher: _Dispatcher | None = None


def _dispatcher_on_gui_thread() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None or not shiboken6.isValid(_dispatcher):
        _dispatcher = _Dispatcher()
        app = QCoreApplication.instance()
        if app is not None and _dispatcher.thread() is not app.thread():
            _dispatcher.moveToThread(app.thread())
    return _dispatcher


class _Op:
    """One operation. It lets go of its work as soon as it has run, and a failure reaches ``on_error``
    without its traceback, whose frames would keep the work's data alive for as long as the window keeps
    the error. The pool is handed its bound ``run`` (PySide6 wraps it in a runnable of its own): a
    QRunnable subclass made for each operation was now and then not freed after it ran."""

    __slots__ = ("work", "answer", "dispatcher")

    def __init__(self, work: Callable[[], Any], answer: _Answer, dispatcher: _Dispatcher):
        self.work: Callable[[], Any] | None = work
        self.answer: _Answer | None = answer
        self.dispatcher = dispatcher

    def run(self) -> None:
        work, answer = self.work, self.answer
        self.work = self.answer = None
        if work is None or answer is None:
            return
        try:
            result = work()
        except KioskError as exc:
            del work
            _drop_tracebacks(exc)
            answer.failed, answer.value = True, exc
        except Exception as exc:  # noqa: BLE001 - logged with traceback, shown calmly
            log.exception("operation failed")
            del work
            answer.failed = True
            answer.value = KioskError(
                f"Something went wrong ({type(exc).__name__}). Please ask at reception."
            )
        else:
            del work
            answer.value = result
            del result
        try:
            self.dispatcher.answered.emit(answer)
        except RuntimeError:  # the application went first (a kiosk closing): the callbacks are dropped
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
    pool().start(_Op(work, _Answer(parent, on_done, on_error), _dispatcher_on_gui_thread()).run)


def wait_for_ops(timeout_ms: int = 10_000) -> bool:
    """Block until queued operations finish (tests and shutdown)."""
    return pool().waitForDone(timeout_ms)
