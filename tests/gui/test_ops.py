"""kiosk.ui.ops: a finished operation lets go of its work, its callbacks and what they captured (weakref)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QWidget

from kiosk.domain.errors import KioskError
from kiosk.ui.ops import run_op, wait_for_ops


class Data:
    """Stands in for what an operation's closure holds (a visitor, a policy, a badge)."""


def _work_returning(data: Data):
    return lambda: len([data])


def _work_failing(data: Data, error: Exception):
    def work():
        held = data  # a local of the failing frame: its traceback would keep it
        assert held is data
        raise error from ValueError("the printer said no")

    return work


def _settle(qapp) -> None:
    wait_for_ops()
    for _ in range(3):
        qapp.processEvents()
    gc.collect()


def test_a_finished_operation_frees_its_work_and_callbacks(qtbot, qapp):
    parent = QWidget()
    qtbot.addWidget(parent)
    data, seen_by_callback = Data(), Data()
    work_ref, callback_ref = weakref.ref(data), weakref.ref(seen_by_callback)
    results = []

    def on_done(result, kept=seen_by_callback):
        results.append(result)

    run_op(parent, _work_returning(data), on_done)
    del data, seen_by_callback, on_done
    _settle(qapp)
    assert results == [1]
    assert work_ref() is None
    assert callback_ref() is None
    assert not parent.children()  # the relay went too


def test_the_work_is_freed_on_the_worker_before_the_gui_thread_runs(qtbot, qapp):
    """Released when it has run, not when Qt gets round to deleting the runnable or the relay."""
    parent = QWidget()
    qtbot.addWidget(parent)
    gate = threading.Event()
    run_op(parent, lambda: gate.wait(5))  # the next op queues behind this one
    data = Data()
    ref = weakref.ref(data)
    run_op(parent, _work_returning(data), lambda _result: None)
    del data
    gate.set()
    assert wait_for_ops()
    gc.collect()
    assert ref() is None  # no Qt event has been handled since: the worker dropped it
    _settle(qapp)


def test_a_kept_error_does_not_keep_the_failed_works_data(qtbot, qapp):
    """on_error often keeps the error (to show it); its traceback's frames must not keep the work's locals."""
    parent = QWidget()
    qtbot.addWidget(parent)
    kept: list[KioskError] = []
    data = Data()
    ref = weakref.ref(data)
    run_op(parent, _work_failing(data, KioskError("The printer is out of paper.")), on_error=kept.append)
    del data
    _settle(qapp)
    assert [str(e) for e in kept] == ["The printer is out of paper."]
    assert kept[0].__traceback__ is None and kept[0].__cause__.__traceback__ is None
    assert ref() is None


def test_an_unexpected_error_reaches_on_error_calmly(qtbot, qapp):
    parent = QWidget()
    qtbot.addWidget(parent)
    kept: list[KioskError] = []
    run_op(parent, _work_failing(Data(), RuntimeError("boom")), on_error=kept.append)
    _settle(qapp)
    assert [str(e) for e in kept] == ["Something went wrong (RuntimeError). Please ask at reception."]
    assert kept[0].__traceback__ is None
