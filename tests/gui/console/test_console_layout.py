"""A reception PC may be 1024x768, with larger text: every page fits, and the alert's decisions stay on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QScrollArea

from kiosk.domain.model import PersonType


def _inside(widget, window) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("large", [False, True])
def test_every_page_fits_1024x768_and_the_alert_decisions_are_on_screen(
    qtbot, app, banned, make_window, sign_in, large
):
    app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, app.place)
    window = make_window(app)
    window.resize(1024, 768)
    sign_in(window, "head")
    window.set_large_text(large)
    qtbot.wait(100)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 768, hint
    assert window.width() == 1024

    for key in ("on-site", "expected", "clearances", "bans", "cases", "visit-log", "audit", "staff"):
        window.shell.show_page(key)
        qtbot.wait(150)
        frame = window.shell.frames[key]
        # No page is wider than the screen: nothing is reached only by scrolling sideways.
        assert not frame.horizontalScrollBar().isVisible(), key
        for b in window.shell.pages[key].findChildren(QAbstractButton):
            if b.isVisibleTo(window.shell.pages[key]):
                assert b.mapTo(frame.widget(), QPoint(b.width(), 0)).x() <= frame.viewport().width(), (
                    key,
                    b.text(),
                )

    window.shell.show_page("alerts")
    page = window.shell.pages["alerts"]
    qtbot.waitUntil(lambda: page.current is not None, timeout=10_000)
    qtbot.wait(100)
    for b in (page.detail.release_button, page.detail.refuse_button, page.detail.not_same_button):
        assert b.isVisible() and _inside(b, window), b.text()
    # The ban record is whole: never cut off at the side, and reachable by scrolling down.
    scroll = page.detail.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    assert page.detail.ban_card.width() <= scroll.viewport().width()
    scroll.ensureWidgetVisible(page.detail.ban_card)
    assert "Must not enter the school site." in page.detail.ban_card.value_texts()
