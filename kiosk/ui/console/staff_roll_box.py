"""Staff on the roll, on the Staff page (the administrator): the school's staff list imported from CSV,
each with a staff card (printed as a PDF sheet of QR cards) and, if they want one, a kiosk PIN.

Most of these people have no console account: the list is who signs in and out at the kiosk and who is
on the fire roll. Every rule (who may, the PIN rules, the lock-out) is the staff roll service's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.domain.errors import KioskError
from kiosk.domain.events import Change
from kiosk.domain.staffroll import RollMember
from kiosk.ui.console.context import ConsoleContext
from kiosk.ui.console.parts import (
    FlowLayout,
    FormDialog,
    MessageLine,
    button,
    fill_table,
    label,
    make_table,
    run_csv_import,
    save_file,
    selected_key,
    submit_form,
)
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.fields import choose_open_path, choose_save_path

COLUMNS = ("Name", "Job title", "Staff code", "Kiosk PIN", "On the roll")


def pin_text(m: RollMember) -> str:
    if not m.has_pin:
        return "None (card only)"
    if m.locked_until is not None:
        return "Set (locked after wrong PINs)"
    return "Set"


class StaffRollBox(QWidget):
    """The staff roll's table and its actions: import, cards, kiosk PIN, take off the roll."""

    def __init__(self, ctx: ConsoleContext, message: MessageLine, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.message = message
        self.members: list[RollMember] = []
        self.pin_dialog: FormDialog | None = None
        self.last_cards: Path | None = None
        self._loading = False
        # File choosers (the console's themed dialogs); tests replace them.
        self.choose_open_path = lambda: choose_open_path(self, "Import the staff list", "CSV files (*.csv)")
        self.choose_pdf_path = lambda suggested: choose_save_path(
            self, "Save the staff cards", suggested, "PDF files (*.pdf)"
        )
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 8, 0, 0)
        col.addWidget(label("Staff on the roll", "sectiontitle"))
        col.addWidget(
            label(
                "Everyone who works here, account or not: they sign in and out at the kiosk with their staff "
                "card (or their name and a kiosk PIN), and the fire roll lists them. Import the list from your "
                "school information system's staff export (CSV).",
                "fieldname",
                wrap=True,
            )
        )
        self.table = make_table(COLUMNS)
        self.table.setMinimumHeight(200)
        col.addWidget(self.table, 1)
        actions_box = QWidget()
        row = FlowLayout(actions_box)  # seven actions wrap on a 1024x768 screen instead of widening the page
        self.import_button = button("Import staff list…", "secondary", "fa5s.file-import")
        self.cards_button = button("Staff cards (PDF)…", "secondary", "fa5s.id-badge")
        self.pin_button = button("Set kiosk PIN", "secondary", "fa5s.key")
        self.clear_pin_button = button("Remove PIN", "quiet")
        self.unlock_button = button("Unlock", "quiet")
        self.new_card_button = button("New card (lost)", "quiet")
        self.off_button = button("Take off the roll", "danger", "fa5s.user-times")
        for b in (
            self.import_button,
            self.cards_button,
            self.pin_button,
            self.clear_pin_button,
            self.unlock_button,
            self.new_card_button,
            self.off_button,
        ):
            row.addWidget(b)
        col.addWidget(actions_box)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.import_button.clicked.connect(self.import_csv)
        self.cards_button.clicked.connect(self.save_cards)
        self.pin_button.clicked.connect(self.set_pin)
        self.clear_pin_button.clicked.connect(
            lambda: self._change("clear_pin", "{name} signs in with their card only.")
        )
        self.unlock_button.clicked.connect(lambda: self._change("unlock", "{name} can use their PIN again."))
        self.new_card_button.clicked.connect(
            lambda: self._change("new_card", "{name} has a new card: print it; the old one no longer works.")
        )
        self.off_button.clicked.connect(self._toggle_active)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        roll, actor = self.ctx.services.staff_roll, self.ctx.actor
        if roll is None or actor is None or self._loading:
            return
        self._loading = True
        run_op(self, lambda: roll.members(actor), on_done=self._show, on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show(self, members: list[RollMember]) -> None:
        self._loading = False
        keep = selected_key(self.table)
        self.members = sorted(
            members, key=lambda m: (not m.active, m.last_name.casefold(), m.first_name.casefold())
        )
        fill_table(
            self.table,
            [
                [m.full_name, m.job_title, m.reference, pin_text(m), "Yes" if m.active else "No (has left)"]
                for m in self.members
            ],
            [m.id for m in self.members],
        )
        for i, m in enumerate(self.members):
            if m.id == keep:
                self.table.selectRow(i)
        self._update_buttons()

    def chosen(self) -> RollMember | None:
        key = selected_key(self.table)
        return next((m for m in self.members if m.id == key), None)

    def _update_buttons(self) -> None:
        m = self.chosen()
        for b in (self.pin_button, self.new_card_button, self.off_button):
            b.setEnabled(m is not None)
        self.clear_pin_button.setEnabled(m is not None and m.has_pin)
        self.unlock_button.setEnabled(m is not None and m.locked_until is not None)
        self.off_button.setText(
            "Put back on the roll" if m is not None and not m.active else "Take off the roll"
        )
        self.cards_button.setEnabled(any(m.active for m in self.members))

    # ------------------------------------------------------------------ actions

    def import_csv(self) -> None:
        roll, actor = self.ctx.services.staff_roll, self.ctx.actor
        path = self.choose_open_path()
        if not path or actor is None or roll is None:
            return

        def done(counts: tuple[int, int]) -> None:
            self.message.info(f"Staff list imported: {counts[0]} new, {counts[1]} updated.")
            self.ctx.events.local(Change.STAFF_CHANGED)

        run_csv_import(self, self.message, path, lambda text, name: roll.import_csv(actor, text, name), done)

    def save_cards(self) -> None:
        """A PDF of staff cards: the chosen member's, or every active member's when none is chosen."""
        roll, actor = self.ctx.services.staff_roll, self.ctx.actor
        if roll is None or actor is None:
            return
        m = self.chosen()
        ids = [m.id] if m is not None and m.id is not None and m.active else None
        suggested = (
            f"staff-card-{m.last_name}.pdf" if ids is not None and m is not None else "staff-cards.pdf"
        )

        def made(pdf: bytes) -> None:
            path = self.choose_pdf_path(suggested)
            if not path:
                return

            run_op(
                self,
                lambda: save_file(path, pdf, "The staff cards"),
                on_done=saved,
                on_error=self.message.error,
            )

        def saved(path: Path) -> None:
            self.last_cards = path
            self.message.info(f"Staff cards saved: {path}. Print them on card and cut along the lines.")

        run_op(self, lambda: roll.cards_pdf(actor, ids), on_done=made, on_error=self.message.error)

    def set_pin(self) -> None:
        roll, actor, m = self.ctx.services.staff_roll, self.ctx.actor, self.chosen()
        if roll is None or actor is None or m is None or m.id is None:
            return
        member_id, name = m.id, m.full_name
        dialog = FormDialog(
            f"Kiosk PIN for {name}",
            f"They type their name and this PIN at the kiosk to sign in or out ({roll.pin_rules()}). "
            "Five wrong PINs lock it for a while, as for a console account.",
            "Set PIN",
            self,
        )
        dialog.add_line("pin", "PIN", secret=True)
        dialog.add_line("pin_again", "PIN again", secret=True)

        def check(values: dict[str, str]) -> str:
            return (
                ""
                if values["pin"] == values["pin_again"]
                else "The two PINs are different. Type the same PIN twice."
            )

        def done(_result: object) -> None:
            self.message.info(f"{name} can now sign in at the kiosk with their name and PIN.")
            self.ctx.events.local(Change.STAFF_CHANGED)

        submit_form(
            self, "pin_dialog", dialog, lambda v: roll.set_pin(actor, member_id, v["pin"]), done, check=check
        )

    def _change(self, method: str, said: str) -> None:
        roll, actor, m = self.ctx.services.staff_roll, self.ctx.actor, self.chosen()
        if roll is None or actor is None or m is None or m.id is None:
            return
        member_id, name = m.id, m.full_name

        def done(_result: object) -> None:
            self.message.info(said.format(name=name))
            self.ctx.events.local(Change.STAFF_CHANGED)

        run_op(
            self, lambda: getattr(roll, method)(actor, member_id), on_done=done, on_error=self.message.error
        )

    def _toggle_active(self) -> None:
        roll, actor, m = self.ctx.services.staff_roll, self.ctx.actor, self.chosen()
        if roll is None or actor is None or m is None or m.id is None:
            return
        member_id, name, active = m.id, m.full_name, not m.active

        def done(_result: object) -> None:
            self.message.info(
                f"{name} is on the roll again."
                if active
                else f"{name} is off the roll: their card no longer works."
            )
            self.ctx.events.local(Change.STAFF_CHANGED)

        run_op(
            self, lambda: roll.set_active(actor, member_id, active), on_done=done, on_error=self.message.error
        )
