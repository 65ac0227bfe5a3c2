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


def test_operations_leave_nothing_behind_each(qtbot, qapp):
    """Run after run, the kiosk's operations keep no memory: a connection made for each one (to a relay
    deleted after it) left ~200 bytes of PySide6's bookkeeping behind every time (issue #20)."""
    import tracemalloc

    from kiosk.ui import ops

    parent = QWidget()
    qtbot.addWidget(parent)
    answers: list[int] = []

    def run(count: int) -> None:
        for i in range(count):
            run_op(parent, lambda i=i: i, answers.append)
            wait_for_ops()
            qapp.processEvents()
        _settle(qapp)
        assert answers == list(range(count))
        answers.clear()

    run(50)
    tracemalloc.start()
    try:
        only_ops = [tracemalloc.Filter(True, ops.__file__)]
        before = tracemalloc.take_snapshot().filter_traces(only_ops)
        run(500)
        after = tracemalloc.take_snapshot().filter_traces(only_ops)
    finally:
        tracemalloc.stop()
    stats = after.compare_to(before, "lineno")
    kept = sum(stat.size_diff for stat in stats)
    assert kept < 500 * 20, f"{kept} bytes kept by 500 operations: {[str(s) for s in stats[:3]]}"


def test_the_callbacks_of_a_window_that_went_first_are_dropped(qtbot, qapp):
    from PySide6.QtCore import QCoreApplication, QEvent

    gone, kept = QWidget(), QWidget()
    qtbot.addWidget(kept)
    answers: list[str] = []
    gate = threading.Event()
    run_op(gone, lambda: gate.wait(5) and "gone", answers.append)
    run_op(kept, lambda: "kept", answers.append)
    gone.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    _settle(qapp)
    assert answers == ["kept"]
