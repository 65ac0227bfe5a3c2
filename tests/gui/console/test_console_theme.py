"""Themed to the last widget: the popups, dialogs and small controls that Qt draws in the desktop's look.

Each test opens the real control in the real console window and reads back the pixels it painted (or the
format it uses), so a rule that does not reach the widget fails here.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from kiosk.ui.theme import current_palette, school_palette

# A popup asks the window system to raise it and grab the keyboard; the offscreen platform cannot, and says so.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard", extend=True
)


def _colour(widget: QWidget, x: int, y: int) -> str:
    return widget.grab().toImage().pixelColor(QPoint(x, y)).name().upper()


def _visit_log(qtbot, app, make_window, sign_in):
    window = make_window(app)
    sign_in(window, "receptionist")
    window.shell.show_page("visit-log")
    page = window.shell.pages["visit-log"]
    qtbot.waitUntil(lambda: page.isVisible(), timeout=10_000)
    return window, page


def test_the_calendar_that_drops_down_from_a_date_is_themed(qtbot, app, make_window, sign_in, tmp_path):
    window, page = _visit_log(qtbot, app, make_window, sign_in)
    palette = school_palette(app.settings.school.accent_colour)
    edit = page.date_from
    # A click on the drop-down arrow opens the calendar, as a person does.
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 12, edit.height() // 2))
    calendar = edit.calendarWidget()
    qtbot.waitUntil(lambda: calendar.isVisible(), timeout=5000)
    popup = calendar.window()
    assert popup is not window and popup.isVisible()
    popup.grab().save(str(tmp_path / "calendar.png"))
    bar = calendar.findChild(QWidget, "qt_calendar_navigationbar")
    assert bar is not None
    # The month bar in the school's accent, not the desktop's highlight colour.
    assert _colour(bar, 3, bar.height() // 2) == palette.accent
    # Weekends in the theme's muted text, never in the red the theme keeps for errors.
    weekend = calendar.weekdayTextFormat(Qt.DayOfWeek.Saturday).foreground().color().name().upper()
    assert weekend == palette.muted.upper() and weekend != palette.error.upper()
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)


def test_a_choice_drops_down_in_the_theme(qtbot, app, make_window, sign_in, tmp_path):
    window, page = _visit_log(qtbot, app, make_window, sign_in)
    palette = school_palette(app.settings.school.accent_colour)
    combo = page.person_type
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(lambda: view.isVisible(), timeout=5000)
    view.window().grab().save(str(tmp_path / "choice.png"))
    # The highlighted choice in the accent, the list on the theme's surface.
    current = view.visualRect(view.model().index(combo.currentIndex(), 0))
    popup = view.window()
    image = popup.grab().toImage()
    y = view.viewport().mapTo(popup, current.center()).y()
    row = [image.pixelColor(x, y).name().upper() for x in range(image.width())]
    assert row.count(palette.accent) > len(row) // 2, "the highlighted choice is in the school's accent"
    assert current.height() >= 24, current  # a row a mouse hits without aiming
    combo.hidePopup()
    # The arrow beside the choice is drawn in the text colour on its own button, not the desktop's.
    combo.grab().save(str(tmp_path / "combo.png"))
    assert _colour(combo, combo.width() - 12, 6) == QColor(palette.keyspecial_bg).name().upper()


def test_message_boxes_and_file_dialogs_follow_the_theme(qtbot, app, make_window, sign_in, tmp_path):
    window, page = _visit_log(qtbot, app, make_window, sign_in)
    palette = current_palette()
    box = QMessageBox(QMessageBox.Icon.Warning, "Printer", "The report printer is offline.", parent=window)
    box.show()
    qtbot.waitUntil(lambda: box.isVisible(), timeout=5000)
    assert _colour(box, 4, box.height() - 4) == palette.bg.upper()
    box.close()

    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()), None
        )
        if dialog is None:
            QTimer.singleShot(50, answer)
            return
        seen["native"] = not dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        seen["background"] = _colour(dialog, 2, dialog.height() // 2)
        dialog.grab().save(str(tmp_path / "file-dialog.png"))
        dialog.selectFile(str(tmp_path / "visits.csv"))
        dialog.accept()

    QTimer.singleShot(50, answer)
    chosen = page.choose_save_path()  # the page's own chooser, as Export CSV opens it
    assert chosen == str(tmp_path / "visits.csv")
    assert seen == {"native": False, "background": palette.bg.upper()}
