"""Expected visitors: today's bookings, who has arrived and who has not, and the hosts' arrival notices.

Any member of staff pre-registers a visit (or imports a supply agency's booking list); the kiosk
recognises the visitor by name on the day and tells the host here (and by email where it is set up).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.errors import InvalidInput, KioskError
from kiosk.domain.events import Change, Topic
from kiosk.domain.expected import ExpectedVisit
from kiosk.domain.model import PersonType
from kiosk.services.listcsv import parse_date
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import (
    FormDialog,
    MessageLine,
    button,
    fill_table,
    label,
    make_table,
    run_csv_import,
    selected_key,
)
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.fields import choose_open_path

COLUMNS = ("Name", "Type", "Visiting", "Organisation", "Purpose", "Arrived", "Notes")
BOOKABLE = [t for t in PersonType if t is not PersonType.COLLECTOR]
DAYS = ("Today", "Tomorrow", "In 2 days", "In 3 days", "In 7 days")
_OFFSETS = (0, 1, 2, 3, 7)


def status_text(e: ExpectedVisit, local_time) -> str:  # noqa: ANN001 - ConsoleContext.local_time
    if e.cancelled_at is not None:
        return "Cancelled"
    if e.arrived_at is not None:
        return f"Arrived {local_time(e.arrived_at)}"
    return "Not yet"


class ExpectedPage(QWidget):
    """The day's expected arrivals: add, import, cancel; arrivals tell their host on this page."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.bookings: list[ExpectedVisit] = []
        self.notices: list[str] = []  # "Jane Supply has arrived for Mr Brown (09:12)", newest first
        self._arrived_seen: set[int] | None = None
        self.add_dialog: FormDialog | None = None
        self.choose_open_path = lambda: choose_open_path(
            self, "Import a booking list", "CSV files (*.csv);;All files (*)"
        )
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("Expected visitors", "pagetitle"))
        top.addSpacing(16)
        self.add_button = button("Add expected visitor", "primary", "fa5s.user-plus")
        top.addWidget(self.add_button)
        top.addStretch(1)
        self.day_choice = QComboBox()
        self.day_choice.addItems(list(DAYS))
        top.addWidget(self.day_choice)
        self.import_button = button("Import booking list", "secondary", "fa5s.file-import")
        self.import_type = QComboBox()
        self.import_type.addItems([t.label for t in BOOKABLE])
        self.import_type.setCurrentText(PersonType.SUPPLY_STAFF.label)
        self.import_type.setToolTip("The type of visitor for rows of the file that do not say")
        outer.addLayout(top)
        tools = QHBoxLayout()  # the import on a second row: the page fits a 1024x768 reception PC
        tools.addStretch(1)
        tools.addWidget(label("Import as", "who"))
        tools.addWidget(self.import_type)
        tools.addWidget(self.import_button)
        outer.addLayout(tools)
        self.notice_line = label("", "notice", wrap=True)
        self.notice_line.setVisible(False)
        outer.addWidget(self.notice_line)
        self.summary = label("", wrap=True)
        outer.addWidget(self.summary)
        self.message = MessageLine()
        outer.addWidget(self.message)
        self.table = make_table(COLUMNS)
        outer.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.cancel_button = button("Cancel booking", "secondary", "fa5s.calendar-times")
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        outer.addLayout(actions)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.watch = TopicWatch(self, self.ctx.events, {Topic.EXPECTED}, self.refresh)
        self.add_button.clicked.connect(self.add)
        self.import_button.clicked.connect(self.import_csv)
        self.cancel_button.clicked.connect(self.cancel)
        self.day_choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def chosen_day(self) -> date:
        return self.ctx.services.deps.clock.today() + timedelta(days=_OFFSETS[self.day_choice.currentIndex()])

    def refresh(self) -> None:
        expected, actor = self.ctx.services.expected, self.ctx.actor
        if actor is None or expected is None or self._loading:
            return
        self._loading = True
        day = self.chosen_day()
        today = self.ctx.services.deps.clock.today()

        def work() -> tuple[list[ExpectedVisit], list[ExpectedVisit]]:
            return expected.day(actor, day), (expected.day(actor, today) if day != today else [])

        run_op(self, work, on_done=self._show, on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show(self, result: tuple[list[ExpectedVisit], list[ExpectedVisit]]) -> None:
        self._loading = False
        shown, today_list = result
        self._note_arrivals(today_list if today_list else shown)
        keep = selected_key(self.table)
        self.bookings = shown
        rows = [
            [
                e.full_name,
                e.person_type.label,
                e.host,
                e.organisation,
                e.purpose,
                status_text(e, self.ctx.local_time),
                e.notes,
            ]
            for e in shown
        ]
        fill_table(self.table, rows, [e.id for e in shown])
        if keep is not None:
            for i, e in enumerate(shown):
                if e.id == keep:
                    self.table.selectRow(i)
        live = [e for e in shown if e.cancelled_at is None]
        arrived = sum(1 for e in live if e.arrived_at is not None)
        when = self.day_choice.currentText().lower()
        self.summary.setText(
            f"{len(live)} expected {when}: {arrived} arrived, {len(live) - arrived} not yet."
            if live
            else f"Nobody is expected {when}."
        )
        self._update_buttons()

    def _note_arrivals(self, today_list: list[ExpectedVisit]) -> None:
        """Arrivals since the page last looked become the hosts' notices (not on the first load)."""
        arrived = {e.id: e for e in today_list if e.arrived_at is not None and e.id is not None}
        if self._arrived_seen is not None:
            for eid in sorted(set(arrived) - self._arrived_seen):
                e = arrived[eid]
                host = f" for {e.host}" if e.host else ""
                self.notices.insert(
                    0, f"{e.full_name} has arrived{host} ({self.ctx.local_time(e.arrived_at)})."
                )
        self._arrived_seen = set(arrived)
        if self.notices:
            self.notice_line.setText("\n".join(self.notices[:5]))
            self.notice_line.setVisible(True)

    def _update_buttons(self) -> None:
        row = self._chosen()
        self.cancel_button.setEnabled(row is not None and row.cancelled_at is None and row.arrived_at is None)

    def _chosen(self) -> ExpectedVisit | None:
        key = selected_key(self.table)
        return next((e for e in self.bookings if e.id == key), None)

    def add(self) -> None:
        expected, actor = self.ctx.services.expected, self.ctx.actor
        if actor is None or expected is None:
            return
        dialog = FormDialog(
            "Add an expected visitor",
            "The kiosk recognises them by name on the day, and you are told here when they arrive. "
            "They are screened like anyone else.",
            "Add",
            self,
            scrollable=True,
        )
        dialog.add_line("first_name", "First name")
        dialog.add_line("last_name", "Surname")
        kinds = dialog.add_choice("person_type", "Type", [t.label for t in BOOKABLE])
        kinds.setCurrentIndex(0)
        day = dialog.add_line("expected_on", "Date", placeholder="e.g. 03/12/2026")
        day.setText(self.chosen_day().strftime("%d/%m/%Y"))
        dialog.add_line("host", "Visiting (host)", placeholder="e.g. Mr Brown")
        dialog.add_line("host_email", "Host's email (optional)", placeholder="told by email on arrival")
        dialog.add_line("organisation", "Organisation")
        dialog.add_line("purpose", "Purpose")
        dialog.add_line("notes", "Notes for reception")

        def submitted(values: dict) -> None:
            try:
                when = parse_date(values["expected_on"], "date")
                if when is None:
                    raise InvalidInput("Please enter the date of the visit.")
            except InvalidInput as exc:
                dialog.show_error(exc)
                return
            kind = next(t for t in BOOKABLE if t.label == values["person_type"])
            booking = ExpectedVisit(
                id=None,
                first_name=values["first_name"],
                last_name=values["last_name"],
                person_type=kind,
                expected_on=when,
                site_id=self.ctx.services.place.site_id,
                host=values["host"],
                host_email=values["host_email"],
                organisation=values["organisation"],
                purpose=values["purpose"],
                notes=values["notes"],
            )

            def done(added: ExpectedVisit) -> None:
                dialog.accept()
                self.message.info(
                    f"{added.full_name} is expected on {added.expected_on.strftime('%d %b %Y')}."
                )
                self.ctx.events.local(Change.EXPECTED_CHANGED)

            run_op(dialog, lambda: expected.add(actor, booking), on_done=done, on_error=dialog.show_error)

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda *_: setattr(self, "add_dialog", None))
        self.add_dialog = dialog
        dialog.open()

    def import_csv(self) -> None:
        expected, actor = self.ctx.services.expected, self.ctx.actor
        path = self.choose_open_path()
        if not path or actor is None or expected is None:
            return
        kind = next(t for t in BOOKABLE if t.label == self.import_type.currentText())

        def done(n: int) -> None:
            self.message.info(
                f"Imported {n} expected {'visitor' if n == 1 else 'visitors'}."
                if n
                else "Nothing new in that file: every booking in it was already here."
            )
            self.ctx.events.local(Change.EXPECTED_CHANGED)

        run_csv_import(
            self,
            self.message,
            path,
            lambda text, name: expected.import_csv(actor, text, name, default_type=kind),
            done,
        )

    def cancel(self) -> None:
        expected, actor, row = self.ctx.services.expected, self.ctx.actor, self._chosen()
        if actor is None or expected is None or row is None or row.id is None:
            return
        booking_id = row.id

        def done(e: ExpectedVisit) -> None:
            self.message.info(f"{e.full_name}'s booking is cancelled.")
            self.ctx.events.local(Change.EXPECTED_CHANGED)

        run_op(self, lambda: expected.cancel(actor, booking_id), on_done=done, on_error=self.message.error)
