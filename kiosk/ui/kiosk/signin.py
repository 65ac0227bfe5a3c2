"""The sign-in pages before the Code of Conduct: who you are, your name, your details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QStackedWidget, QWidget

from kiosk.domain.model import PersonType
from kiosk.services.visits import VisitDetails
from kiosk.ui.i18n import translate
from kiosk.ui.kiosk.common import TYPE_ICONS, Page, type_hint, type_label
from kiosk.ui.kiosk.flow import PHONE_DIGITS, SignInFlow, detail_fields
from kiosk.ui.widgets.icons import make_button, redraw_stale_icons
from kiosk.ui.widgets.keyboard import KeyboardArea, NumberPad, OnScreenKeyboard
from kiosk.ui.widgets.qapp import running_app
from kiosk.ui.widgets.text import field, label, set_invalid
from kiosk.ui.widgets.tile import ChoiceTile

if TYPE_CHECKING:
    from kiosk.config import Settings


def field_label(name: str, person_type: PersonType) -> str:
    """The question a detail field asks, worded for this kind of visitor."""
    contractor_like = person_type in (PersonType.CONTRACTOR, PersonType.SUPPLY_STAFF)
    words = {
        "organisation": translate("Kiosk", "Agency")
        if person_type is PersonType.SUPPLY_STAFF
        else translate("Kiosk", "Company")
        if contractor_like
        else translate("Kiosk", "Organisation"),
        "host": translate("Kiosk", "Who are you here to see?")
        if person_type is not PersonType.SUPPLY_STAFF
        else translate("Kiosk", "Class or staff member"),
        "purpose": translate("Kiosk", "Work you are doing")
        if person_type is PersonType.CONTRACTOR
        else translate("Kiosk", "Reason for your visit"),
        "car_registration": translate("Kiosk", "Car registration"),
        "phone": translate("Kiosk", "Mobile number"),
        "child_name": translate("Kiosk", "Child's full name"),
        "child_class": translate("Kiosk", "Child's class"),
        "relationship": translate("Kiosk", "Your relationship to the child"),
    }
    return words[name]


def field_placeholder(name: str) -> str:
    """An example in each empty field."""
    words = {
        "organisation": "",
        "host": translate("Kiosk", "e.g. Mrs Patel"),
        "purpose": "",
        "car_registration": translate("Kiosk", "e.g. AB12 CDE"),
        "phone": translate("Kiosk", "e.g. 07700 900123"),
        "child_name": "",
        "child_class": translate("Kiosk", "e.g. Year 2"),
        "relationship": translate("Kiosk", "e.g. grandparent, aunt"),
    }
    return words[name]


class TypePage(Page):
    """Choose who you are: one large tile per kind of visitor."""

    chosen = Signal(object)  # PersonType
    cancel = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent=parent)
        self.title = label(translate("Kiosk", "Who are you today?"), "title")
        self.body.addWidget(self.title)
        grid = QGridLayout()
        grid.setSpacing(18)
        self.tiles: dict[PersonType, ChoiceTile] = {}
        for n, person_type in enumerate(PersonType):
            tile = ChoiceTile(type_label(person_type), type_hint(person_type), TYPE_ICONS[person_type])
            tile.setProperty("person_type", person_type.value)
            self.tiles[person_type] = tile
            grid.addWidget(tile, n // 3, n % 3)
        self.body.addLayout(grid, 1)
        self.cancel_button = make_button(translate("Kiosk", "Cancel"), "secondary", "fa5s.times")
        self.footer.addWidget(self.cancel_button)
        self.footer.addStretch(1)
        self.add_footer()
        self._connect_signals()

    def _connect_signals(self) -> None:
        for person_type, tile in self.tiles.items():
            tile.clicked.connect(lambda _=False, t=person_type: self.chosen.emit(t))
        self.cancel_button.clicked.connect(self.cancel)


class NamePage(Page):
    """First name and surname on the on-screen keyboard, and "I've been here before" with phone digits."""

    submitted = Signal(str, str, str)  # first name, surname, phone digits ("" when not offered)
    back = Signal()
    cancel = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent=parent)
        top = QHBoxLayout()
        self.title = label(translate("Kiosk", "What is your name?"), "title")
        top.addWidget(self.title, 1)
        self.type_button = make_button("", "quiet", "fa5s.exchange-alt", icon_px=20)
        self.type_button.setToolTip(translate("Kiosk", "Change who you are signing in as"))
        top.addWidget(self.type_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.body.addLayout(top)

        names = QGridLayout()
        names.setHorizontalSpacing(24)
        names.setVerticalSpacing(6)
        self.first_name = field(translate("Kiosk", "First name"), autocap=True)
        self.last_name = field(translate("Kiosk", "Surname"), autocap=True)
        self.first_label = label(translate("Kiosk", "First name"), "fieldlabel")
        self.last_label = label(translate("Kiosk", "Surname"), "fieldlabel")
        names.addWidget(self.first_label, 0, 0)
        names.addWidget(self.last_label, 0, 1)
        names.addWidget(self.first_name, 1, 0)
        names.addWidget(self.last_name, 1, 1)
        self.body.addLayout(names)

        returning = QHBoxLayout()
        returning.setSpacing(16)
        self.been_before = make_button(
            translate("Kiosk", "I've been here before"), "quiet", "fa5s.history", icon_px=20
        )
        self.been_before.setCheckable(True)
        returning.addWidget(self.been_before)
        self.digits_label = label(
            translate("Kiosk", "Last 3 digits of your mobile number:"), "body", wrap=False
        )
        self.digits = field(
            "", max_length=PHONE_DIGITS, accessible=translate("Kiosk", "Last 3 digits of your mobile number")
        )
        self.digits.setFixedWidth(130)
        self.digits.setAlignment(Qt.AlignmentFlag.AlignCenter)
        returning.addWidget(self.digits_label)
        returning.addWidget(self.digits)
        self.error = label("", "error")
        returning.addWidget(self.error, 1)
        self.body.addLayout(returning)

        self.keyboard = OnScreenKeyboard(self)
        self.keyboard.fallback_target = self.first_name
        # Digits on a number pad, in the keyboard's place, while the digits box is in use.
        self.number_pad = NumberPad(self)
        self.number_pad.fallback_target = self.digits
        pad_host = QWidget()
        pad_row = QHBoxLayout(pad_host)
        pad_row.setContentsMargins(0, 0, 0, 0)
        pad_row.addStretch(1)
        pad_row.addWidget(self.number_pad, 2)
        pad_row.addStretch(1)
        self.keys = QStackedWidget()
        self.keys.addWidget(self.keyboard)
        self.keys.addWidget(pad_host)
        self.body.addStretch(1)
        self.body.addWidget(self.keys, 3)
        self.back_button = make_button(translate("Kiosk", "Back"), "secondary", "fa5s.arrow-left")
        self.next_button = make_button(
            translate("Kiosk", "Next"), "primary", "fa5s.arrow-right", icon_right=True
        )
        self.next_button.setMinimumWidth(260)
        self.footer.addWidget(self.back_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.next_button)
        self.add_footer()
        self._show_digits(False)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.been_before.toggled.connect(self._show_digits)
        self.type_button.clicked.connect(self.back)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self._submit)
        self.first_name.returnPressed.connect(self.last_name.setFocus)
        self.last_name.returnPressed.connect(self._submit)
        self.digits.returnPressed.connect(self._submit)
        for widget in (self.first_name, self.last_name, self.digits):
            widget.textEdited.connect(lambda _t, w=widget: set_invalid(w, False))
        self.digits.textChanged.connect(lambda _t: set_invalid(self.digits, False))
        running_app().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old, new) -> None:
        # The number pad while the digits box has the focus; the letters for the names.
        if new is self.digits:
            self.keys.setCurrentIndex(1)
            redraw_stale_icons(self.keys)
        elif new in (self.first_name, self.last_name):
            self.keys.setCurrentIndex(0)

    def set_type(self, person_type: PersonType) -> None:
        """Show who the visitor is signing in as (tap to change)."""
        self.type_button.setText(
            " " + translate("Kiosk", "Signing in as: {0}").format(type_label(person_type))
        )

    def _show_digits(self, on: bool) -> None:
        self.digits_label.setVisible(on)
        self.digits.setVisible(on)
        self.keys.setCurrentIndex(1 if on else 0)
        redraw_stale_icons(self.keys)
        if on:
            self.digits.setFocus()
        else:
            self.digits.clear()
            self.error.clear()

    def try_digits_again(self, tries_left: int) -> None:
        """Wrong digits (or a name we do not know: the answer is the same): try again on the number pad."""
        self.set_busy(False)
        self.digits.clear()
        set_invalid(self.digits, True)
        # self.tr: lupdate reads plural forms only from tr() (context NamePage, a class nothing subclasses).
        text = self.tr("Those digits don't match. Please try again (%n more tries).", "", tries_left)
        self.show_error(text)
        self.digits.setFocus()

    def _submit(self) -> None:
        first, last, digits = self.first_name.text(), self.last_name.text(), self.digits.text()
        missing = SignInFlow.missing_names(first, last)
        set_invalid(self.first_name, "first_name" in missing)
        set_invalid(self.last_name, "last_name" in missing)
        if missing:
            self.show_error(translate("Kiosk", "Please type your first name and your surname."))
            (self.first_name if "first_name" in missing else self.last_name).setFocus()
            return
        if self.been_before.isChecked() and not SignInFlow.digits_ok(digits):
            set_invalid(self.digits, True)
            self.show_error(translate("Kiosk", "Please type the last 3 digits of your mobile number."))
            self.digits.setFocus()
            return
        self.show_error("")
        self.submitted.emit(first, last, digits if self.been_before.isChecked() else "")

    def show_error(self, text: str) -> None:
        """Say what is missing, next to the fields."""
        self.error.setText(text)

    def clear(self) -> None:
        for widget in (self.first_name, self.last_name, self.digits):
            widget.clear()
            set_invalid(widget, False)
        self.been_before.setChecked(False)
        self.keys.setCurrentIndex(0)
        self.error.clear()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.first_name.text():
            self.first_name.setFocus()


class DetailsPage(Page):
    """The details each kind of visitor gives; a returning visitor sees their record and confirms it."""

    submitted = Signal(object)  # VisitDetails
    cancel = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent=parent)
        # The notice sits beside the title, not under it: the fields and keyboard need the height.
        top = QHBoxLayout()
        top.setSpacing(24)
        self.title = label("", "title")
        top.addWidget(self.title, 1)
        self.notice = label("", "notice")
        self.notice.hide()
        # Beside the short "Thank you, …." the notice takes most of the row (it is longer in Welsh).
        top.addWidget(self.notice, 4)
        self.body.addLayout(top)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(6)
        self.body.addWidget(self.grid_host)
        self.error = label("", "error")
        self.error.hide()
        self.body.addWidget(self.error)
        # The phone number on the number pad; everything else on the letters.
        self.keys = KeyboardArea(self)
        self.keyboard = self.keys.keyboard
        self.body.addStretch(1)
        self.body.addWidget(self.keys, 3)
        self.cancel_button = make_button(translate("Kiosk", "Cancel"), "secondary", "fa5s.times")
        self.next_button = make_button(
            translate("Kiosk", "Next"), "primary", "fa5s.arrow-right", icon_right=True
        )
        self.next_button.setMinimumWidth(260)
        self.footer.addWidget(self.cancel_button)
        # Said before the visitor signs in when the badge printer is not printing (the kiosk's printer
        # watch): between the buttons, where it costs the fields and keyboard no height.
        self.badge_notice = label("", "hint")
        self.badge_notice.hide()
        self.footer.addWidget(self.badge_notice, 4)
        self.footer.addStretch(1)
        self.footer.addWidget(self.next_button)
        self.add_footer()
        self.fields: dict[str, QLineEdit] = {}
        self.required: set[str] = set()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.cancel_button.clicked.connect(self.cancel)
        self.next_button.clicked.connect(self._submit)

    def load(
        self,
        person_type: PersonType,
        details: VisitDetails,
        *,
        first_name: str,
        returning: bool,
        proof_failed: bool,
        masked: dict[str, str] | None = None,
    ) -> None:
        """Lay out the fields for this kind of visitor, filled with what is already known.

        ``masked`` holds stored details shown back only in part (``"••••• •••123"``): their box stays
        empty, and empty keeps what is stored.
        """
        masked = masked or {}
        self.clear()
        if returning:
            self.title.setText(
                translate("Kiosk", "Welcome back, {0}. Please check your details.").format(first_name)
            )
        elif person_type is PersonType.COLLECTOR:
            self.title.setText(
                translate("Kiosk", "Thank you, {0}. Who are you collecting?").format(first_name)
            )
        else:
            self.title.setText(
                translate("Kiosk", "Thank you, {0}. A few details, please.").format(first_name)
            )
        if proof_failed:
            self.title.setText(translate("Kiosk", "Thank you, {0}.").format(first_name))
            self.notice.setText(
                translate(
                    "Kiosk",
                    "We couldn't find your earlier visit, so please fill in your details. That's fine.",
                )
            )
            self.notice.show()
        specs = detail_fields(person_type)
        # Three columns keep the fields and the keyboard on one 1280×800 screen.
        columns = 3 if len(specs) > 4 else 2
        for n, (name, required) in enumerate(specs):
            text = field_label(name, person_type) + (
                "" if required else "  " + translate("Kiosk", "(optional)")
            )
            # Wrapped: "(optional)" after a long label in another language goes to a second line.
            caption = label(text, "fieldlabel", wrap=True)
            edit = field(
                field_placeholder(name),
                autocap=name in ("child_name", "host", "organisation"),
                accessible=field_label(name, person_type),
                max_length=200,
            )
            edit.setText(getattr(details, name))
            if name in masked:
                caption.setText(
                    field_label(name, person_type) + "  " + translate("Kiosk", "(type to change)")
                )
                edit.setPlaceholderText(masked[name])
                edit.setProperty("masked", True)
            if name == "car_registration":
                edit.setMaxLength(20)
            if name == "phone":
                edit.setProperty("digits", True)
            edit.textEdited.connect(lambda _t, w=edit: set_invalid(w, False))
            edit.returnPressed.connect(self._focus_next)
            row, col = divmod(n, columns)
            self.grid.addWidget(caption, row * 2, col)
            self.grid.addWidget(edit, row * 2 + 1, col)
            self.fields[name] = edit
            if required:
                self.required.add(name)
        for col in range(columns):
            self.grid.setColumnStretch(col, 1)
        first_empty = next((e for e in self.fields.values() if not e.text()), None)
        self.keyboard.fallback_target = first_empty or next(iter(self.fields.values()), None)
        if self.keyboard.fallback_target is not None:
            self.keyboard.fallback_target.setFocus()

    def _focus_next(self) -> None:
        edits = list(self.fields.values())
        current = self.focusWidget()
        if current in edits and edits.index(current) + 1 < len(edits):
            edits[edits.index(current) + 1].setFocus()
        else:
            self._submit()

    def details(self) -> VisitDetails:
        """What the visitor entered."""
        return VisitDetails(**{name: edit.text().strip() for name, edit in self.fields.items()})

    def _submit(self) -> None:
        missing = [
            name for name in self.fields if name in self.required and not self.fields[name].text().strip()
        ]
        for name, edit in self.fields.items():
            set_invalid(edit, name in missing)
        if missing:
            self.show_error(translate("Kiosk", "Please fill in the boxes marked in red."))
            self.fields[missing[0]].setFocus()
            return
        self.show_error("")
        self.submitted.emit(self.details())

    def show_error(self, text: str) -> None:
        """Say what needs fixing."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def set_badge_notice(self, text: str) -> None:
        """Say (or stop saying) that the badge will come from reception; kept between visitors."""
        self.badge_notice.setText(text)
        self.badge_notice.setVisible(bool(text))

    def clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Off the page at once: deleteLater alone leaves it drawn until the event loop runs.
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.fields.clear()
        self.required.clear()
        for col in range(3):
            self.grid.setColumnStretch(col, 0)
        self.keyboard.fallback_target = None
        self.keys.setCurrentIndex(0)
        self.notice.hide()
        self.notice.clear()
        self.title.clear()
        self.show_error("")
