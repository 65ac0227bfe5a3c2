"""The audit log (head and administrator): who did what, when, to which records, a page at a time."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.events import Topic
from kiosk.domain.model import AuditEntry
from kiosk.domain.permissions import Action
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import MessageLine, button, label
from kiosk.ui.console.tablemodel import PagedTableModel, fit_columns, make_view
from kiosk.ui.ops import run_op

COLUMNS = ("When", "Who", "Where", "What", "Record", "Details")
WIDTHS = (170, 160, 110, 260, 150)
PAGE = 200


class AuditPage(QWidget):
    """The newest audit entries first; older pages load as the table scrolls (one query per page)."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._names: dict[str, str] = {}
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
        self.model = PagedTableModel(COLUMNS, self)
        self.table = make_view(self.model, WIDTHS)
        outer.addWidget(self.table, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        # Nearly every change writes an entry: the page reloads when next shown (or on Refresh), never while
        # someone is reading older entries.
        self.watch = TopicWatch(self, self.ctx.events, {Topic.AUDIT}, self.refresh, live=False)
        self.refresh_button.clicked.connect(self.refresh)
        self.more_button.clicked.connect(lambda: self.model.fetchMore())
        self.model.more_wanted.connect(self._load)
        self.model.rowsInserted.connect(self._update_more)
        self.model.modelReset.connect(self._update_more)

    def refresh(self) -> None:
        if self.ctx.actor is None or not self.ctx.session.may(Action.READ_AUDIT):
            return
        self._load(0, self.model.reset())

    def _update_more(self, *_args) -> None:
        self.more_button.setEnabled(self.model.canFetchMore())

    def _load(self, offset: int, generation: int) -> None:
        actor, ctx, model = self.ctx.actor, self.ctx, self.model
        if actor is None:
            return
        known = dict(self._names)

        def work() -> tuple[int, int, list[AuditEntry], dict[str, str]] | None:
            if generation != model.generation:
                return None  # superseded by a newer refresh
            entries = ctx.services.staff.audit_log(actor, PAGE, offset)
            ids = {e.actor for e in entries if e.actor.startswith("staff:") and e.actor not in known}
            names = {key: ctx.staff_name(int(key.split(":", 1)[1])) for key in ids}
            return generation, offset, entries, names

        def failed(exc) -> None:
            model.failed(generation)
            self.message.error(exc)

        run_op(self, work, on_done=self._show, on_error=failed)

    def _show(self, result: tuple[int, int, list[AuditEntry], dict[str, str]] | None) -> None:
        if result is None:
            return
        generation, offset, entries, names = result
        self._names |= names
        rows = [
            [
                self.ctx.local_time(e.at, "%-d %b %Y %H:%M:%S"),
                self._names.get(e.actor, e.actor),
                e.source,
                e.action,
                f"{e.entity} {', '.join(str(i) for i in e.entity_ids)}".strip(),
                e.detail,
            ]
            for e in entries
        ]
        added = self.model.add_page(generation, offset, rows, [e.id for e in entries], page_size=PAGE)
        if added and offset == 0:
            fit_columns(self.table)
        self._update_more()
