"""The kiosk hands back its warm-up's memory, and a badge's (kiosk.ui.widgets.qapp.release_memory)."""

from __future__ import annotations

import gc

from kiosk import platform
from kiosk.domain.model import PersonType
from kiosk.ui.kiosk.flow import Step
from kiosk.ui.kiosk.main import prepare_after_first_paint


def test_the_warm_up_and_each_badge_end_by_trimming_the_heap(visitor, sqlite_services, printer, monkeypatch):
    trims: list[bool] = []
    real = platform.trim_memory
    monkeypatch.setattr(platform, "trim_memory", lambda: trims.append(real()) or True)
    w = visitor.window
    gc.unfreeze()  # whatever an earlier test's warm-up set aside
    assert gc.get_freeze_count() == 0
    prepare_after_first_paint(sqlite_services, w)
    visitor.qtbot.waitUntil(lambda: len(trims) == 1, timeout=30_000)
    assert trims == [True]  # glibc's malloc_trim ran, after the warm-up
    visitor.qtbot.waitUntil(lambda: bool(w.property("warmed_up")))  # and says so (benchmarks wait for it)
    # What start-up built for the day is out of the cyclic collector's sight: its collections are short.
    assert gc.get_freeze_count() > 10_000
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Priya", "Shah")
    visitor.sees(Step.DETAILS)
    visitor.give_details(host="Mrs Patel")
    visitor.sees(Step.POLICY)
    visitor.read_policy_to_end()
    visitor.tap(w.policy_page.agree_button)
    visitor.sees(Step.DONE)
    visitor.qtbot.waitUntil(lambda: len(printer.printed) == 1)
    visitor.qtbot.waitUntil(lambda: len(trims) == 2, timeout=10_000)  # and after the badge
