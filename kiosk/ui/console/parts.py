"""Small building blocks shared by the console pages: titles, messages, cards, tables, PIN prompts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.errors import InvalidInput, KioskError
from kiosk.services.bans import decode_csv
from kiosk.ui.ops import run_op

T = TypeVar("T")


def read_csv_file(path: str | Path) -> str:
    """A CSV file chosen for an import, read and decoded by the command line's own rule (``decode_csv``);
    a file that cannot be read is one clear line. Run it on the worker (``run_op``), not the GUI thread."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path} cannot be read: {exc.strerror}.") from None
    return decode_csv(data, Path(path).name)


def save_file(path: str | Path, data: bytes, what: str) -> Path:
    """Write a document staff chose to save (``what``: "The fire roll"); a failure is one clear line."""
    target = Path(path)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(f"{what} could not be saved in {target}: {exc.strerror}.") from None
    return target


def write_text_file(path: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write an export staff chose to save (a CSV); a file that cannot be written is one clear line."""
    target = Path(path)
    try:
        target.write_text(text, encoding=encoding)
    except OSError as exc:
        raise InvalidInput(f"{target} cannot be written: {exc.strerror}.") from None
    return target


def run_csv_import(
    owner: QWidget,
    message: MessageLine,
    path: str,
    importer: Callable[[str, str], T],
    on_done: Callable[[T], None],
) -> None:
    """On the worker: read the CSV staff chose (``read_csv_file``: the command line's rule) and hand its text
    and file name to ``importer`` (the service checks the role and audits); ``on_done`` gets its result."""
    run_op(
        owner, lambda: importer(read_csv_file(path), Path(path).name), on_done=on_done, on_error=message.error
    )


def run_csv_export(
    owner: QWidget, message: MessageLine, path: str, produce: Callable[[], str], done: str
) -> None:
    """On the worker: ``produce`` the export's text (the service checks the role and audits it) and write it
    to the path staff chose; then ``done`` is shown with the path in place of ``{path}``."""
    run_op(
        owner,
        lambda: write_text_file(path, produce()),
        on_done=lambda written: message.info(done.format(path=written)),
        on_error=message.error,
    )


def label(text: str = "", kind: str = "", *, wrap: bool = False) -> QLabel:
    """A label with a console style ("pagetitle", "sectiontitle", "fieldname", ...), always plain text.

    Names and notes come from visitors and staff: a name typed as ``<b>Bill</b>`` is shown as typed,
    never interpreted as rich text.
    """
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setText(text)
    if kind:
        widget.setProperty("console", kind)
    widget.setWordWrap(wrap)
    return widget


def button(text: str, role: str = "", icon_name: str = "") -> QPushButton:
    """A push button in a theme role ("primary", "secondary", "quiet", "danger"), optionally with an icon."""
    widget = QPushButton(text)
    if role:
        widget.setProperty("role", role)
    if icon_name:
        from kiosk.ui.theme import current_palette
        from kiosk.ui.widgets.icons import font_icon

        colour = "#FFFFFF" if role in ("primary", "danger") else current_palette().text
        widget.setIcon(font_icon(icon_name, colour))
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


class MessageLine(QLabel):
    """One line under a page title that says what just happened, or what went wrong and what to do."""

    def __init__(self, parent: QWidget | None = None, *, reserve_lines: int = 0):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and notes
        self.setWordWrap(True)
        self.reserve_lines = reserve_lines
        if reserve_lines:
            # Keeps its height whether shown or not, so nothing below it moves when a message appears.
            policy = self.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.setSizePolicy(policy)
            self._reserve()
        self.setVisible(False)
        self._hide = QTimer(self)
        self._hide.setSingleShot(True)
        self._hide.timeout.connect(self.clear_message)

    def _reserve(self) -> None:
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.reserve_lines + 16)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # The theme's font arrives when the page is first styled, before any message: size the slot then.
        if self.reserve_lines and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._reserve()
        super().changeEvent(event)

    def info(self, text: str) -> None:
        self._show(text, "message", 8000)

    def error(self, exc: KioskError | str) -> None:
        self._show(str(exc), "error", 0)

    def _show(self, text: str, kind: str, hide_after_ms: int) -> None:
        self.setProperty("console", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setVisible(True)
        if hide_after_ms:
            self._hide.start(hide_after_ms)
        else:
            self._hide.stop()

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)


class Card(QFrame):
    """A framed panel with a title and rows of "field name: value"."""

    def __init__(self, title: str, kind: str = "card", parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("console", kind)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 12, 16, 14)
        self._layout.setSpacing(8)
        self.title = label(title, "sectiontitle")
        self._layout.addWidget(self.title)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(6)
        self._grid.setColumnStretch(1, 1)
        self._layout.addLayout(self._grid)
        self._layout.addStretch(1)
        self._rows: list[QLabel] = []

    def set_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        for widget in self._rows:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._rows = []
        for i, (name, value) in enumerate(rows):
            key = label(name, "fieldname")
            key.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            val = label(value or "—", "fieldvalue", wrap=True)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._grid.addWidget(key, i, 0)
            self._grid.addWidget(val, i, 1)
            self._rows += [key, val]

    def value_texts(self) -> list[str]:
        return [w.text() for w in self._rows]


def make_table(headers: Sequence[str]) -> QTableWidget:
    """A read-only, row-selecting table with the given column headers."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return table


def fill_table(
    table: QTableWidget, rows: Sequence[Sequence[str]], keys: Sequence[object] | None = None
) -> None:
    """Replace a table's rows; ``keys`` (e.g. record ids) are kept on the first cell of each row."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            if c == 0 and keys is not None:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for c in range(table.columnCount() - 1):
        header.resizeSection(c, min(max(header.sectionSize(c) + 16, 80), 320))


def selected_key(table: QTableWidget) -> object | None:
    """The key of the selected row (see fill_table), or None."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item else None


class FormDialog(QDialog):
    """A small dialog with a form, an error line and OK/Cancel; the page decides when it may close.

    ``submitted`` carries the typed values; the page runs the action and calls ``accept()`` on
    success or ``show_error()`` to keep the dialog open with the reason.
    """

    submitted = Signal(dict)

    def __init__(
        self,
        title: str,
        intro: str,
        ok_text: str,
        parent: QWidget | None = None,
        *,
        scrollable: bool = False,
        min_width: int = 460,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(min_width)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 18)
        outer.setSpacing(12)
        outer.addWidget(label(title, "sectiontitle"))
        if intro:
            outer.addWidget(label(intro, wrap=True))
        if scrollable:
            # Long forms (incidents, bans) scroll inside the dialog instead of growing off the screen.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            body = QWidget()
            self.form = QFormLayout(body)
            scroll.setWidget(body)
            outer.addWidget(scroll, 1)
        else:
            self.form = QFormLayout()
            outer.addLayout(self.form)
        self.form.setVerticalSpacing(10)
        self.error_line = MessageLine()
        outer.addWidget(self.error_line)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = button("Cancel", "quiet")
        self.ok_button = button(ok_text, "primary")
        self.ok_button.setDefault(True)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        outer.addLayout(row)
        self.fields: dict[str, QWidget] = {}
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self._submit)

    def add_line(self, key: str, caption: str, *, secret: bool = False, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setPlaceholderText(placeholder)
        edit.returnPressed.connect(self._submit)
        self.form.addRow(caption, edit)
        self.fields[key] = edit
        return edit

    def add_choice(self, key: str, caption: str, choices: Sequence[str]) -> QComboBox:
        combo = QComboBox()
        combo.addItems(list(choices))
        self.form.addRow(caption, combo)
        self.fields[key] = combo
        return combo

    def values(self) -> dict[str, str]:
        out = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QComboBox):
                out[key] = widget.currentText()
            elif isinstance(widget, QLineEdit):
                out[key] = widget.text()
        return out

    def _submit(self) -> None:
        self.error_line.clear_message()
        self.ok_button.setEnabled(False)
        self.submitted.emit(self.values())

    def show_error(self, exc: KioskError | str) -> None:
        self.ok_button.setEnabled(True)
        self.error_line.error(exc)


class ConfirmDialog(QDialog):
    """Asks "are you sure?" in words that name what will happen, with an optional reason to type.

    The confirm button stays disabled until a required reason has at least ``reason_min`` characters.
    The page reads ``reason()`` and ``checked()`` after ``accepted``; nothing happens on Cancel.
    """

    def __init__(
        self,
        title: str,
        text: str,
        confirm_text: str,
        parent: QWidget | None = None,
        *,
        role: str = "primary",
        reason_caption: str = "",
        reason_min: int = 0,
        checks: Sequence[str] = (),
        require_check: bool = False,
        min_width: int = 480,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(min_width)
        self.reason_min = reason_min
        self.require_check = require_check
        self.required_fields: list[QLineEdit] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 18)
        outer.setSpacing(12)
        outer.addWidget(label(title, "sectiontitle"))
        self.text = label(text, wrap=True)
        outer.addWidget(self.text)
        self.check_boxes: list[QCheckBox] = []
        for caption in checks:
            box = QCheckBox(caption)
            outer.addWidget(box)
            self.check_boxes.append(box)
        self.reason_edit: QPlainTextEdit | None = None
        if reason_caption:
            outer.addWidget(label(reason_caption, "fieldname", wrap=True))
            self.reason_edit = QPlainTextEdit()
            self.reason_edit.setTabChangesFocus(True)
            self.reason_edit.setFixedHeight(72)
            outer.addWidget(self.reason_edit)
        self.form = QFormLayout()  # extra fields a page adds (e.g. who confirms, with their PIN)
        self.form.setVerticalSpacing(10)
        outer.addLayout(self.form)
        self.error_line = MessageLine()
        outer.addWidget(self.error_line)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = button("Cancel", "quiet")
        self.confirm_button = button(confirm_text, role)
        row.addWidget(self.cancel_button)
        row.addWidget(self.confirm_button)
        outer.addLayout(row)
        self._connect_signals()
        self._update()
        self.cancel_button.setDefault(True)  # Enter never confirms by accident
        self.confirm_button.setAutoDefault(False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Wrapped text needs its height for the dialog's width, or the words are cut off at the bottom.
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))
        super().showEvent(event)

    def _connect_signals(self) -> None:
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self._confirm)
        if self.reason_edit is not None:
            self.reason_edit.textChanged.connect(self._update)
        for box in self.check_boxes:
            box.toggled.connect(self._update)

    confirmed = Signal()  # with ``hold_open``: the page acts, then accept() or show_error()

    hold_open = False  # True: Confirm emits ``confirmed`` and the dialog stays open until the page says

    def _confirm(self) -> None:
        if self.hold_open:
            self.error_line.clear_message()
            self.confirm_button.setEnabled(False)
            self.confirmed.emit()
        else:
            self.accept()

    def show_error(self, exc: KioskError | str) -> None:
        self._update()
        self.error_line.error(exc)

    def add_field(self, caption: str, edit: QLineEdit, *, required: bool = True) -> QLineEdit:
        self.form.addRow(caption, edit)
        if required:
            self.required_fields.append(edit)
            edit.textChanged.connect(self._update)
        self._update()
        return edit

    def _update(self) -> None:
        ok = len(self.reason()) >= self.reason_min
        if self.require_check:
            ok = ok and any(b.isChecked() for b in self.check_boxes)
        ok = ok and all(e.text().strip() for e in self.required_fields)
        self.confirm_button.setEnabled(ok)

    def reason(self) -> str:
        return " ".join(self.reason_edit.toPlainText().split()) if self.reason_edit is not None else ""

    def checked(self) -> list[str]:
        """The captions of the boxes ticked."""
        return [b.text() for b in self.check_boxes if b.isChecked()]


def keep_open(page: QWidget, attribute: str, dialog: QDialog) -> None:
    """Hold ``dialog`` in ``page.<attribute>`` while it is open (tests and the page find it there), then free it."""
    setattr(page, attribute, dialog)

    def closed(_result: int) -> None:
        if getattr(page, attribute, None) is dialog:
            setattr(page, attribute, None)
        dialog.deleteLater()

    dialog.finished.connect(closed)


def submit_form(
    page: QWidget,
    attribute: str,
    dialog: FormDialog,
    work: Callable[[dict[str, str]], Any],
    on_done: Callable[[Any], None],
    *,
    check: Callable[[dict[str, str]], str] | None = None,
) -> FormDialog:
    """Open a form whose OK runs ``work(values)`` off the GUI thread: the one form-and-act pattern of the pages.

    ``check`` may answer a sentence saying what is wrong with the values (the form stays open with it). On
    success the form closes and ``on_done(result)`` runs; on failure the form stays open with the reason.
    """

    def submitted(values: dict[str, str]) -> None:
        problem = check(values) if check is not None else ""
        if problem:
            dialog.show_error(problem)
            return

        def done(result: Any) -> None:
            dialog.accept()
            on_done(result)

        run_op(dialog, lambda: work(values), on_done=done, on_error=dialog.show_error)

    dialog.submitted.connect(submitted)
    keep_open(page, attribute, dialog)
    dialog.open()
    return dialog


def confirm_then(
    page: QWidget,
    attribute: str,
    dialog: ConfirmDialog,
    work: Callable[[ConfirmDialog], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[KioskError], None],
) -> ConfirmDialog:
    """Open a confirmation; only when it is confirmed does ``work(dialog)`` run off the GUI thread.

    ``work`` gets the dialog to read the reason and the ticked boxes; Cancel does nothing at all.
    """
    dialog.accepted.connect(lambda: run_op(page, lambda: work(dialog), on_done=on_done, on_error=on_error))
    keep_open(page, attribute, dialog)
    dialog.open()
    return dialog


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps onto the next line when the width runs out (Qt's flow layout).

    A row of buttons in a FlowLayout never makes the window wider than its widest button, so every action
    stays reachable on a 1024x768 screen with large text.
    """

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 10):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = sum(i.sizeHint().width() for i in self._visible()) + self._spacing * max(
            0, len(self._visible()) - 1
        )
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        out = []
        for item in self._items:
            widget = item.widget()
            if widget is None or not widget.isHidden():
                out.append(item)
        return out

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class ResponsiveRow(QWidget):
    """Two or more panels side by side when there is room (``min_each`` px each), else one above the other."""

    def __init__(self, min_each: int, parent: QWidget | None = None, *, spacing: int = 12):
        super().__init__(parent)
        self.min_each = min_each
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)

    def add(self, widget: QWidget, stretch: int = 1) -> None:
        self.box.addWidget(widget, stretch)

    def side_by_side(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.LeftToRight

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        wide = event.size().width() >= self.min_each * self.box.count()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Never wider than one panel: below min_each * n the panels stack instead.
        hint = super().minimumSizeHint()
        items = [self.box.itemAt(i) for i in range(self.box.count())]
        widest = max((item.minimumSize().width() for item in items if item is not None), default=0)
        return QSize(widest, hint.height())


class StaffNameEdit(QLineEdit):
    """A staff member's name, typed: suggestions appear only after typing, and nothing is preselected.

    The console never lists its staff to whoever sits down at it.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("Type your name")
        self.setMaxLength(100)
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def set_names(self, names: Sequence[str]) -> None:
        """The names to suggest once something is typed."""
        self._model.setStringList(list(names))

    def names(self) -> list[str]:
        return self._model.stringList()
