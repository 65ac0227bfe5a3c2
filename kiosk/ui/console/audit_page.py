"""The audit log (head and administrator): who did what, when, to which records."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.model import AuditEntry
from kiosk.domain.permissions import Action
from kiosk.ui.console.context import ConsoleContext
from kiosk.ui.console.parts import MessageLine, button, fill_table, label, make_table
from kiosk.ui.ops import run_op

COLUMNS = ("When", "Who", "Where", "What", "Record", "Details")
PAGE = 200


class AuditPage(QWidget):
    """The newest audit entries first, a page at a time."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[AuditEntry] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("Audit log", "pagetitle"))
        top.addStretch(1)
        self.refresh_button = button("Refresh", "secondary", "fa5s.sync")
        self.more_button = button("Older entries", "secondary", "fa5s.history")
        top.addWidget(self.refresh_button)
        top.addWidget(self.more_button)
        outer.addLayout(top)
        outer.addWidget(
            label(
                "Every staff action, ban change and alert decision, newest first. "
                "Entries cannot be changed or removed.",
                "fieldname",
                wrap=True,
            )
        )
        self.message = MessageLine()
        outer.addWidget(self.message)
        self.table = make_table(COLUMNS)
        outer.addWidget(self.table, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        self.more_button.clicked.connect(self.more)

    def refresh(self) -> None:
        self._load(0)

    def more(self) -> None:
        self._load(len(self.entries))

    def _load(self, offset: int) -> None:
        actor, ctx = self.ctx.actor, self.ctx
        if actor is None or not self.ctx.session.may(Action.READ_AUDIT):
            return

        def work() -> tuple[int, list[AuditEntry], dict[str, str]]:
            entries = ctx.services.staff.audit_log(actor, PAGE, offset)
            ids = {e.actor for e in entries if e.actor.startswith("staff:")}
            names = {key: ctx.staff_name(int(key.split(":", 1)[1])) for key in ids}
            return offset, entries, names

        run_op(self, work, on_done=self._show, on_error=self.message.error)

    def _show(self, result: tuple[int, list[AuditEntry], dict[str, str]]) -> None:
        offset, entries, names = result
        self.entries = (self.entries[:offset] if offset else []) + entries
        self.more_button.setEnabled(len(entries) == PAGE)
        self._names = getattr(self, "_names", {}) | names
        fill_table(
            self.table,
            [
                [
                    self.ctx.local_time(e.at, "%-d %b %Y %H:%M:%S"),
                    self._names.get(e.actor, e.actor),
                    e.source,
                    e.action,
                    f"{e.entity} {', '.join(str(i) for i in e.entity_ids)}".strip(),
                    e.detail,
                ]
                for e in self.entries
            ],
        )
