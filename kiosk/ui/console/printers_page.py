"""Printers (administrator): the printers this computer has, the badge and report printers, test prints."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.errors import KioskError
from kiosk.domain.printers import SystemPrinter
from kiosk.ui.console.context import ConsoleContext
from kiosk.ui.console.parts import MessageLine, button, fill_table, label, make_table, selected_key
from kiosk.ui.ops import run_op

COLUMNS = ("Printer", "State", "Description")
KINDS = (("badge", "Badge label printer"), ("report", "A4 report printer"))


class PrintersPage(QWidget):
    """Choose the badge label printer and the A4 report printer from the system's, and test each."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.printers: list[SystemPrinter] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("Printers", "pagetitle"))
        top.addStretch(1)
        self.refresh_button = button("Refresh", "secondary", "fa5s.sync")
        top.addWidget(self.refresh_button)
        outer.addLayout(top)
        self.status = label("", "fieldname", wrap=True)
        outer.addWidget(self.status)
        self.message = MessageLine()
        outer.addWidget(self.message)
        grid = QGridLayout()
        self.current: dict[str, QLabel] = {}
        self.use_buttons: dict[str, QPushButton] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        for row, (kind, title) in enumerate(KINDS):
            grid.addWidget(label(title, "fieldname"), row, 0)
            self.current[kind] = label("", "")
            grid.addWidget(self.current[kind], row, 1)
            self.use_buttons[kind] = button("Use the selected printer", "secondary", "fa5s.check")
            self.test_buttons[kind] = button("Test print", "secondary", "fa5s.print")
            grid.addWidget(self.use_buttons[kind], row, 2)
            grid.addWidget(self.test_buttons[kind], row, 3)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        outer.addWidget(
            label(
                "A new choice is saved in this computer's settings and used when the kiosk and console next "
                "start. The test print goes to the selected printer, or to the chosen one if none is selected.",
                "fieldname",
                wrap=True,
            )
        )
        self.table = make_table(COLUMNS)
        outer.addWidget(self.table, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        for kind, _ in KINDS:
            self.use_buttons[kind].clicked.connect(lambda _c=False, k=kind: self.use_selected(k))
            self.test_buttons[kind].clicked.connect(lambda _c=False, k=kind: self.test_print(k))

    @property
    def service(self):
        return self.ctx.services.printing

    def refresh(self) -> None:
        """List the system's printers and the chosen ones (asked on the GUI thread: the list is quick)."""
        actor = self.ctx.actor
        if self.service is None or actor is None:
            return
        try:
            self.printers = self.service.system_printers(actor)
            chosen = self.service.chosen_printers(actor)
            status = self.service.badge_printer_status(fresh=True)
        except KioskError as exc:
            self.message.error(exc)
            return
        for kind, _ in KINDS:
            self.current[kind].setText(chosen.get(kind) or "none chosen")
        self.status.setText(status.message())
        fill_table(
            self.table,
            [
                (p.name + (" (default)" if p.is_default else ""), p.state, p.description)
                for p in self.printers
            ],
            [p.name for p in self.printers],
        )

    def selected_printer(self) -> str | None:
        key = selected_key(self.table)
        return str(key) if key is not None else None

    def use_selected(self, kind: str) -> None:
        name, actor = self.selected_printer(), self.ctx.actor
        if name is None:
            self.message.error("Select a printer in the list first.")
            return

        def done(_result: object) -> None:
            self.current[kind].setText(f"{name} (from the next start)")
            self.message.info(f"'{name}' is saved as the {dict(KINDS)[kind].lower()}.")

        run_op(
            self,
            lambda: self.service.choose_printer(actor, kind, name),
            on_done=done,
            on_error=self.message.error,
        )

    def test_print(self, kind: str) -> None:
        name, actor = self.selected_printer(), self.ctx.actor
        run_op(
            self,
            lambda: self.service.test_print(actor, kind, name),
            on_done=lambda where: self.message.info(f"A test page was sent to {where}."),
            on_error=self.message.error,
        )
