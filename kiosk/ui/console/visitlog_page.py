"""The visit log: search by name, dates and type; export to CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain.errors import InvalidInput, KioskError
from kiosk.domain.model import Person, PersonType, Visit
from kiosk.ui.console.context import ConsoleContext
from kiosk.ui.console.parts import MessageLine, button, fill_table, label, make_table
from kiosk.ui.ops import run_op

COLUMNS = ("Date", "In", "Out", "Name", "Type", "Visiting", "Organisation", "Status")
STATUS_TEXT = {
    "on-site": "On site",
    "signed-out": "Signed out",
    "held": "Waiting at reception",
    "refused": "Refused entry",
    "closed": "Not signed out",
}
MAX_DAYS = 366


class VisitLogPage(QWidget):
    """Past and present visits over a date range."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[list[str]] = []
        self.choose_save_path = lambda: QFileDialog.getSaveFileName(
            self, "Export visits", "visits.csv", "CSV files (*.csv)"
        )[0]
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        outer.addWidget(label("Visit log", "pagetitle"))
        search = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name contains…")
        today = ctx.today()
        self.date_from = QDateEdit(QDate(today.year, today.month, today.day).addDays(-7))
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.person_type = QComboBox()
        self.person_type.addItem("Everyone", None)
        for t in PersonType:
            self.person_type.addItem(t.label, t)
        self.search_button = button("Search", "primary", "fa5s.search")
        self.export_button = button("Export CSV", "secondary", "fa5s.file-export")
        search.addWidget(self.name, 2)
        search.addWidget(label("From", "fieldname"))
        search.addWidget(self.date_from)
        search.addWidget(label("to", "fieldname"))
        search.addWidget(self.date_to)
        search.addWidget(self.person_type)
        search.addWidget(self.search_button)
        search.addStretch(1)
        search.addWidget(self.export_button)
        outer.addLayout(search)
        self.summary = label("")
        outer.addWidget(self.summary)
        self.message = MessageLine()
        outer.addWidget(self.message)
        self.table = make_table(COLUMNS)
        outer.addWidget(self.table, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search_button.clicked.connect(self.refresh)
        self.name.returnPressed.connect(self.refresh)
        self.export_button.clicked.connect(self.export_csv)

    def refresh(self) -> None:
        if self.ctx.actor is None:
            return
        zone = self.ctx.services.settings.zone
        d_from, d_to = self.date_from.date().toPython(), self.date_to.date().toPython()
        if d_to < d_from:
            self.message.error("The end date is before the start date.")
            return
        if (d_to - d_from).days > MAX_DAYS:
            self.message.error("Search at most a year at a time.")
            return
        start = datetime.combine(d_from, time.min, tzinfo=zone)
        end = datetime.combine(d_to + timedelta(days=1), time.min, tzinfo=zone)
        needle = " ".join(self.name.text().casefold().split())
        wanted = self.person_type.currentData()  # a PersonType value, or None for everyone
        sign_in = self.ctx.services.sign_in
        actor = self.ctx.actor

        def work() -> list[tuple[Visit, Person | None]]:
            found = []
            for visit, person in sign_in.visits_between(actor, start, end):
                names = f"{visit.name_as_typed} {person.full_name if person else ''}".casefold()
                if needle and needle not in names:
                    continue
                if wanted and visit.person_type != wanted:
                    continue
                found.append((visit, person))
            return found

        run_op(self, work, on_done=self._show, on_error=self.message.error)

    def _show(self, visits: list[tuple[Visit, Person | None]]) -> None:
        self.message.clear_message()
        lt = self.ctx.local_time
        self.visit_ids = [v.id for v, _p in visits]
        self.rows = [
            [
                lt(v.signed_in_at, "%a %-d %b %Y"),
                lt(v.signed_in_at),
                lt(v.signed_out_at),
                p.full_name if p else v.name_as_typed,
                v.person_type.label,
                f"Collecting {v.child_name}" if v.child_name else v.host,
                v.organisation,
                STATUS_TEXT.get(v.status.value, v.status.value),
            ]
            for v, p in visits
        ]
        fill_table(self.table, self.rows)
        self.summary.setText(f"{len(self.rows)} visit{'s' if len(self.rows) != 1 else ''} found.")

    def export_csv(self) -> None:
        if not self.rows:
            self.message.error("Search first: the export contains the visits shown.")
            return
        path = self.choose_save_path()
        if not path:
            return
        rows = list(self.rows)
        visit_ids = list(getattr(self, "visit_ids", []))
        actor = self.ctx.actor
        sign_in = self.ctx.services.sign_in

        def work() -> str:
            # Audited through the service before the file is written, as the command line's export is.
            sign_in.record_export(actor, visit_ids, f"{len(rows)} visits from the console's visit log")
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(COLUMNS)
            for row in rows:
                # A cell starting with = + - @ would run as a formula in a spreadsheet.
                writer.writerow(["'" + c if c[:1] in "=+-@" and c else c for c in row])
            try:
                Path(path).write_text(out.getvalue(), encoding="utf-8-sig")
            except OSError as exc:
                raise InvalidInput(f"{path} cannot be written: {exc.strerror}.") from None
            return path

        run_op(
            self,
            work,
            on_done=lambda p: self.message.info(f"{len(rows)} visits exported to {p}."),
            on_error=self._export_failed,
        )

    def _export_failed(self, exc: KioskError) -> None:
        self.message.error(exc)
