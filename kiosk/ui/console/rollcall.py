"""The roll call at the assembly point: everyone on site when it began, one big row each, ticked as they
arrive (a touch-friendly list for a tablet or a laptop in the playground), and who is missing as a PDF.

Ticks are saved at once; another console (or tablet) showing the same roll call hears of them through
the event feed and shows them too. Every tick is in the audit log.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.errors import KioskError
from kiosk.domain.events import Change, Topic
from kiosk.domain.staffroll import RollCallEntry, RollGroup
from kiosk.services.staffroll import RollCallView
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import MessageLine, button, label, save_file
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.fields import choose_save_path
from kiosk.ui.widgets.icons import icon

ROW_HEIGHT = 56  # a finger's row, well over the 48 px the design asks for anywhere touch is used


class RollCallDialog(QDialog):
    """A roll call: resumes the one in progress on this site, or begins one from who is on site now."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Roll call")
        self.setObjectName("roll-call")
        self.view: RollCallView | None = None
        self.rows: dict[int, QPushButton] = {}
        self.last_saved: Path | None = None
        self._loading = False
        # Where to save the missing list (a file dialog); tests replace it.
        self.choose_pdf_path = lambda suggested: choose_save_path(
            self, "Save the missing list", suggested, "PDF files (*.pdf)"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        self.title = label("Roll call", "pagetitle")
        top.addWidget(self.title)
        top.addStretch(1)
        self.count = label("", "sectiontitle")
        top.addWidget(self.count)
        outer.addLayout(top)
        outer.addWidget(label("Tap each person as they reach the assembly point.", "fieldname", wrap=True))
        self.message = MessageLine()
        outer.addWidget(self.message)
        self.list_scroll = QScrollArea()
        self.list_scroll.setWidgetResizable(True)
        self.list_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.list_box = QWidget()
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(6)
        self.list_scroll.setWidget(self.list_box)
        outer.addWidget(self.list_scroll, 1)
        actions = QHBoxLayout()
        self.missing_button = button("Save missing list as PDF", "danger", "fa5s.file-pdf")
        self.finish_button = button("Finish roll call", "secondary", "fa5s.flag-checkered")
        self.close_button = button("Close", "secondary", "fa5s.times")
        actions.addWidget(self.missing_button)
        actions.addStretch(1)
        actions.addWidget(self.finish_button)
        actions.addWidget(self.close_button)
        outer.addLayout(actions)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.watch = TopicWatch(self, self.ctx.events, {Topic.ROLL_CALL}, self.refresh)
        self.missing_button.clicked.connect(self.save_missing)
        self.finish_button.clicked.connect(self.finish)
        self.close_button.clicked.connect(self.reject)

    # ------------------------------------------------------------------ loading

    def begin(self) -> None:
        """Resume the roll call in progress, or begin one (off the GUI thread)."""
        roll, actor = self.ctx.services.staff_roll, self.ctx.actor
        if roll is None or actor is None:
            return
        self._loading = True

        def work() -> RollCallView:
            return roll.current_roll_call(actor) or roll.start_roll_call(actor)

        run_op(self, work, on_done=self.show_view, on_error=self._failed)

    def refresh(self) -> None:
        roll, actor = self.ctx.services.staff_roll, self.ctx.actor
        if roll is None or actor is None or self.view is None or self._loading:
            return
        self._loading = True
        rc_id = self.view.roll_call.id
        assert rc_id is not None
        run_op(self, lambda: roll.roll_call(actor, rc_id), on_done=self.show_view, on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def show_view(self, view: RollCallView) -> None:
        """Show a roll call: its rows (made again only when its people changed) and their ticks."""
        self._loading = False
        first = self.view is None
        self.view = view
        started = self.ctx.local_time(view.roll_call.started_at)
        done = view.roll_call.closed_at is not None
        self.title.setText(f"Roll call begun {started}" + (" (finished)" if done else ""))
        if first or set(self.rows) != {e.id for e in view.entries}:
            self._build_rows(view.entries)
        for entry in view.entries:
            row = self.rows[entry.id or 0]
            row.blockSignals(True)
            row.setChecked(entry.present)
            row.blockSignals(False)
            self._style_row(row, entry)
            row.setEnabled(not done)
        self._update_count()
        self.finish_button.setEnabled(not done)

    def _build_rows(self, entries: tuple[RollCallEntry, ...]) -> None:
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        group: RollGroup | None = None
        for entry in entries:
            if entry.group is not group:
                group = entry.group
                n = sum(1 for e in entries if e.group is group)
                self.list_layout.addWidget(label(f"{group.value.capitalize()} ({n})", "sectiontitle"))
            row = QPushButton()
            row.setCheckable(True)
            row.setMinimumHeight(ROW_HEIGHT)
            row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            row.setProperty("role", "rollcall")
            row.setObjectName(f"roll-{entry.ref}")
            entry_id = entry.id or 0
            row.toggled.connect(lambda on, entry_id=entry_id: self.tick(entry_id, on))
            self.rows[entry_id] = row
            self.list_layout.addWidget(row)
        if not entries:
            self.list_layout.addWidget(label("Nobody was signed in on this site.", "fieldname"))
        self.list_layout.addStretch(1)

    def _style_row(self, row: QPushButton, entry: RollCallEntry) -> None:
        text = entry.name + (f"  ·  {entry.detail}" if entry.detail else "")
        when = self.ctx.local_time(entry.ticked_at)
        row.setText(f"{text}    ✓ here {when}" if entry.present else text)
        row.setIcon(icon("fa5s.check-circle", "accent_strong") if entry.present else icon("fa5r.circle"))
        row.setAccessibleName(f"{entry.name}: {'here' if entry.present else 'not yet seen'}")

    def _update_count(self) -> None:
        if self.view is None:
            return
        total = len(self.view.entries)
        here = len(self.view.present)
        self.count.setText(f"{here} of {total} accounted for · {total - here} missing")

    # ------------------------------------------------------------------ actions

    def entry(self, entry_id: int) -> RollCallEntry | None:
        if self.view is None:
            return None
        return next((e for e in self.view.entries if e.id == entry_id), None)

    def tick(self, entry_id: int, present: bool) -> None:
        """Save a tick (or untick) at once; the row shows it when the service has it."""
        roll, actor, view = self.ctx.services.staff_roll, self.ctx.actor, self.view
        if roll is None or actor is None or view is None or view.roll_call.id is None:
            return
        rc_id = view.roll_call.id

        def done(entry: RollCallEntry) -> None:
            if self.view is None:
                return
            entries = tuple(entry if e.id == entry.id else e for e in self.view.entries)
            self.view = RollCallView(self.view.roll_call, entries)
            row = self.rows.get(entry.id or 0)
            if row is not None:
                self._style_row(row, entry)
            self._update_count()
            self.ctx.events.local(Change.ROLL_CALL)

        def failed(exc: KioskError) -> None:
            self.message.error(exc)
            self.refresh()

        run_op(self, lambda: roll.tick(actor, rc_id, entry_id, present), on_done=done, on_error=failed)

    def save_missing(self) -> None:
        """Make the missing list now and save it as a PDF where staff choose."""
        roll, actor, view = self.ctx.services.staff_roll, self.ctx.actor, self.view
        if roll is None or actor is None or view is None or view.roll_call.id is None:
            return
        rc_id = view.roll_call.id

        def made(pdf: bytes) -> None:
            started = view.roll_call.started_at.astimezone(self.ctx.services.settings.zone)
            path = self.choose_pdf_path(f"roll-call-missing-{started:%Y%m%d-%H%M}.pdf")
            if not path:
                return

            run_op(
                self,
                lambda: save_file(path, pdf, "The missing list"),
                on_done=saved,
                on_error=self.message.error,
            )

        def saved(path: Path) -> None:
            self.last_saved = path
            self.message.info(f"Missing list saved: {path}")

        run_op(self, lambda: roll.missing_pdf(actor, rc_id), on_done=made, on_error=self.message.error)

    def finish(self) -> None:
        roll, actor, view = self.ctx.services.staff_roll, self.ctx.actor, self.view
        if roll is None or actor is None or view is None or view.roll_call.id is None:
            return
        rc_id = view.roll_call.id

        def done(_result: object) -> None:
            self.message.info("The roll call is finished. A new one begins from who is on site then.")
            self.ctx.events.local(Change.ROLL_CALL)
            self.refresh()

        run_op(self, lambda: roll.finish_roll_call(actor, rc_id), on_done=done, on_error=self.message.error)
