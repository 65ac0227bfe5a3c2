"""Fields that follow the theme to their last part: dates with a themed calendar, the program's file dialogs.

Qt's defaults leak the desktop's look through a few doors: the calendar that drops down from a date marks
weekends in red (the theme keeps red for errors), and the static file dialogs open the desktop's native
(grey) chooser. These helpers close those doors; the colours and arrows come from ``resources/theme``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QFileDialog, QWidget

from kiosk.ui.theme import current_palette

DATE_FORMAT = "d MMM yyyy"


def to_qdate(value: date | None) -> QDate:
    """A Python date as a QDate (an invalid QDate for None)."""
    return QDate(value.year, value.month, value.day) if value else QDate()


def from_qdate(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())


def theme_calendar(calendar: QCalendarWidget) -> QCalendarWidget:
    """Weekends and the weekday header in the theme's colours (Qt paints weekends red by default)."""
    palette = current_palette()
    weekend = QTextCharFormat()
    weekend.setForeground(QColor(palette.muted))
    for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        calendar.setWeekdayTextFormat(day, weekend)
    header = QTextCharFormat()
    header.setForeground(QColor(palette.text))
    header.setBackground(QColor(palette.keyspecial_bg))
    header.setFontWeight(700)
    calendar.setHeaderTextFormat(header)
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    calendar.setGridVisible(False)
    return calendar


def date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A date field ("2 Dec 2026") whose calendar drops down, in the theme's colours."""
    edit = QDateEdit(parent)
    if value is not None:
        edit.setDate(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    theme_calendar(edit.calendarWidget())
    return edit


# The program's own dialog, styled by the window's theme; the desktop's native one ignores it.
_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def choose_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    """Ask where to save a file (the themed dialog); "" when cancelled."""
    return QFileDialog.getSaveFileName(parent, title, suggested, filters, options=_OPTIONS)[0]


def choose_open_path(parent: QWidget, title: str, filters: str) -> str:
    """Ask for one file to open (the themed dialog); "" when cancelled."""
    return QFileDialog.getOpenFileName(parent, title, "", filters, options=_OPTIONS)[0]


def choose_open_paths(parent: QWidget, title: str, filters: str = "") -> list[str]:
    """Ask for files to open (the themed dialog); [] when cancelled."""
    return QFileDialog.getOpenFileNames(parent, title, "", filters, options=_OPTIONS)[0]
