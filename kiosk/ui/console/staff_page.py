"""Staff accounts: everyone changes their own PIN; the administrator adds staff and deactivates leavers,
and keeps the staff on the roll (kiosk.ui.console.staff_roll_box).

The page is thin on purpose: every rule (who may, PIN length and strength, lockouts) is the staff
service's, so a rule added there applies here at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.errors import KioskError
from kiosk.domain.events import Change, Topic
from kiosk.domain.model import Actor, Role, Staff
from kiosk.domain.permissions import Action
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import (
    ConfirmDialog,
    FormDialog,
    MessageLine,
    button,
    confirm_then,
    fill_table,
    label,
    make_table,
    selected_key,
    submit_form,
)
from kiosk.ui.console.staff_roll_box import StaffRollBox
from kiosk.ui.ops import run_op

COLUMNS = ("Name", "Role", "Account")


def _pin_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(12)
    return edit


def account_text(s: Staff) -> str:
    if not s.active:
        return "Deactivated (has left)"
    if s.locked_until is not None:
        return "Active (locked after wrong PINs)"
    return "Active"


class StaffPage(QWidget):
    """Your own PIN for everyone; the staff list with add / deactivate / reactivate for the administrator."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.staff: list[Staff] = []
        self.confirm_dialog: ConfirmDialog | None = None
        self.add_dialog: FormDialog | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll)
        col = QVBoxLayout(body)
        col.setContentsMargins(20, 16, 20, 16)
        col.setSpacing(12)
        col.addWidget(label("Staff", "pagetitle"))
        self.message = MessageLine()
        col.addWidget(self.message)

        pin_card = QFrame()
        pin_card.setProperty("console", "card")
        pin_col = QVBoxLayout(pin_card)
        pin_col.setContentsMargins(16, 12, 16, 14)
        pin_col.addWidget(label("Change your PIN", "sectiontitle"))
        self.pin_intro = label("", "fieldname", wrap=True)
        pin_col.addWidget(self.pin_intro)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.current_pin = _pin_edit("Your PIN now")
        self.new_pin = _pin_edit("The new PIN")
        self.new_pin_again = _pin_edit("The new PIN again")
        form.addRow("Current PIN", self.current_pin)
        form.addRow("New PIN", self.new_pin)
        form.addRow("New PIN again", self.new_pin_again)
        pin_col.addLayout(form)
        pin_row = QHBoxLayout()
        self.change_pin_button = button("Change my PIN", "primary", "fa5s.key")
        pin_row.addWidget(self.change_pin_button)
        pin_row.addStretch(1)
        pin_col.addLayout(pin_row)
        col.addWidget(pin_card)

        self.admin_box = QWidget()
        admin = QVBoxLayout(self.admin_box)
        admin.setContentsMargins(0, 8, 0, 0)
        admin.addWidget(label("Staff accounts", "sectiontitle"))
        admin.addWidget(
            label(
                "Deactivate the account of someone who has left: they can no longer sign in, and their name "
                "stays on the records they made.",
                "fieldname",
                wrap=True,
            )
        )
        self.table = make_table(COLUMNS)
        self.table.setMinimumHeight(220)
        admin.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.add_button = button("Add staff member", "secondary", "fa5s.user-plus")
        self.deactivate_button = button("Deactivate (has left)", "danger", "fa5s.user-times")
        self.reactivate_button = button("Reactivate", "secondary", "fa5s.user-check")
        for b in (self.add_button, self.deactivate_button, self.reactivate_button):
            actions.addWidget(b)
        actions.addStretch(1)
        admin.addLayout(actions)
        col.addWidget(self.admin_box, 20)
        self.roll_box = StaffRollBox(ctx, self.message)
        col.addWidget(self.roll_box, 20)
        col.addStretch(1)  # without the staff list (not an administrator), the PIN card stays at the top
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.watch = TopicWatch(self, self.ctx.events, {Topic.STAFF}, self.refresh)
        self.change_pin_button.clicked.connect(self.change_pin)
        self.new_pin_again.returnPressed.connect(self.change_pin)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button.clicked.connect(self.add)
        self.deactivate_button.clicked.connect(lambda: self.set_active(False))
        self.reactivate_button.clicked.connect(lambda: self.set_active(True))

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        rule = self.ctx.services.staff.pin_rules(actor.role) if actor.role else "digits only"
        self.pin_intro.setText(f"Signed in as {actor.name}. Your PIN is {rule}; keep it to yourself.")
        administers = self.ctx.session.may(Action.ADMINISTER)
        self.admin_box.setVisible(administers)
        keeps_roll = self.ctx.services.staff_roll is not None and self.ctx.session.may(Action.STAFF_ROLL)
        self.roll_box.setVisible(keeps_roll)
        if keeps_roll:
            self.roll_box.refresh()
        if not administers or self._loading:
            return
        self._loading = True
        run_op(self, lambda: self.ctx.services.staff.list(actor), on_done=self._show, on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show(self, staff: list[Staff]) -> None:
        self._loading = False
        keep = selected_key(self.table)
        self.staff = sorted(staff, key=lambda s: (not s.active, s.name.casefold()))
        fill_table(
            self.table,
            [[s.name, s.role.value.capitalize(), account_text(s)] for s in self.staff],
            [s.id for s in self.staff],
        )
        for i, s in enumerate(self.staff):
            if s.id == keep:
                self.table.selectRow(i)
        self._update_buttons()

    def _chosen(self) -> Staff | None:
        key = selected_key(self.table)
        return next((s for s in self.staff if s.id == key), None)

    def _update_buttons(self) -> None:
        chosen, me = self._chosen(), self.ctx.actor
        mine = chosen is not None and me is not None and chosen.id == me.staff_id
        self.deactivate_button.setEnabled(chosen is not None and chosen.active and not mine)
        self.reactivate_button.setEnabled(chosen is not None and not chosen.active)

    # ------------------------------------------------------------------ own PIN

    def change_pin(self) -> None:
        actor = self.ctx.actor
        if actor is None or actor.staff_id is None:
            return
        current, new, again = self.current_pin.text(), self.new_pin.text(), self.new_pin_again.text()
        if not current:
            self.message.error("Type your current PIN first.")
            return
        if new != again:
            self.message.error("The two new PINs are different. Type the same new PIN twice.")
            return
        staff = self.ctx.services.staff
        for edit in (self.current_pin, self.new_pin, self.new_pin_again):
            edit.clear()
        self.change_pin_button.setEnabled(False)

        def work() -> Actor:
            # The service checks the current PIN (it proves it is you at the keyboard) and the PIN rules.
            return staff.change_own_pin(actor, current, new)

        def done(changed: Actor) -> None:
            self.change_pin_button.setEnabled(True)
            self.ctx.session.update(changed)  # a PIN that had to be changed no longer has to be
            self.message.info("Your PIN is changed. Use the new PIN from now on.")
            self.ctx.events.local(Change.STAFF_CHANGED)

        def failed(exc: KioskError) -> None:
            self.change_pin_button.setEnabled(True)
            self.message.error(exc)

        run_op(self, work, on_done=done, on_error=failed)

    # ------------------------------------------------------------------ administrator

    def set_active(self, active: bool) -> None:
        chosen, actor = self._chosen(), self.ctx.actor
        if chosen is None or actor is None or chosen.id is None:
            return
        staff_id, name = chosen.id, chosen.name
        if active:
            dialog = ConfirmDialog(
                "Reactivate this account?",
                f"{name} will be able to sign in again with their old PIN.",
                "Reactivate",
                self,
            )
        else:
            dialog = ConfirmDialog(
                "Deactivate this account?",
                f"{name} will no longer be able to sign in to the console or leave the kiosk's full screen. "
                "Their name stays on the records they made. You can reactivate the account later.",
                "Deactivate",
                self,
                role="danger",
            )

        def done(_result: object) -> None:
            self.message.info(f"{name} can sign in again." if active else f"{name}'s account is deactivated.")
            self.ctx.events.local(Change.STAFF_CHANGED)

        confirm_then(
            self,
            "confirm_dialog",
            dialog,
            lambda _d: self.ctx.services.staff.set_active(actor, staff_id, active),
            done,
            self.message.error,
        )

    def add(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        dialog = FormDialog(
            "Add a staff member",
            "They sign in with their name and this PIN; ask them to change the PIN on this page.",
            "Add",
            self,
        )
        dialog.add_line("name", "Name", placeholder="As they sign in, e.g. Sam Patel")
        roles: QComboBox = dialog.add_choice("role", "Role", [r.value.capitalize() for r in Role])
        roles.setCurrentIndex(0)
        dialog.add_line("pin", "PIN", secret=True)
        dialog.add_line("pin_again", "PIN again", secret=True)

        def check(values: dict[str, str]) -> str:
            if values["pin"] != values["pin_again"]:
                return "The two PINs are different. Type the same PIN twice."
            return ""

        def done(added: Staff) -> None:
            self.message.info(f"{added.name} can now sign in as {added.role.value}.")
            self.ctx.events.local(Change.STAFF_CHANGED)

        submit_form(
            self,
            "add_dialog",
            dialog,
            lambda v: self.ctx.services.staff.add(actor, v["name"], Role(v["role"].lower()), v["pin"]),
            done,
            check=check,
        )
