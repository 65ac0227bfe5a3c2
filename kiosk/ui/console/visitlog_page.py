"""The visit log: search by name, dates and type, a page at a time; export to CSV.

A school sees 4,000 to 40,000 visits a year: the table is a Qt model fed one page (one query) at a time as
the view scrolls, a new search drops the one still running, and the GUI thread never waits on the database.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.domain.errors import KioskError
from kiosk.domain.model import Person, PersonType, Visit
from kiosk.domain.spreadsheet import csv_text
from kiosk.services.ports import VisitSearch
from kiosk.services.reports import VisitPage
from kiosk.ui.console.context import ConsoleContext
from kiosk.ui.console.parts import FlowLayout, MessageLine, button, label, write_text_file
from kiosk.ui.console.tablemodel import PagedTableModel, fit_columns, make_view
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.fields import choose_save_path, date_edit, from_qdate

COLUMNS = ("Date", "In", "Out", "Name", "Type", "Visiting", "Organisation", "Status")
STATUS_TEXT = {
    "on-site": "On site",
    "signed-out": "Signed out",
    "held": "Waiting at reception",
    "refused": "Refused entry",
    "closed": "Not signed out",
}
MAX_DAYS = 366
PAGE = 200
WIDTHS = (120, 60, 60, 200, 110, 200, 180)


class VisitLogPage(QWidget):
    """Past and present visits over a date range, newest first."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.query: VisitSearch | None = None
        self.total = 0
        self.choose_save_path = lambda: choose_save_path(
            self, "Export visits", "visits.csv", "CSV files (*.csv)"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        outer.addWidget(label("Visit log", "pagetitle"))
        search_box = QWidget()
        search = FlowLayout(search_box)  # wraps onto a second line on a 1024x768 screen
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name contains…")
        self.name.setMinimumWidth(220)
        today = ctx.today()
        self.date_from = date_edit(today - timedelta(days=7))
        self.date_to = date_edit(today)
        self.person_type = QComboBox()
        self.person_type.addItem("Everyone", None)
        for t in PersonType:
            self.person_type.addItem(t.label, t)
        self.search_button = button("Search", "primary", "fa5s.search")
        self.export_button = button("Export CSV", "secondary", "fa5s.file-export")
        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(label("From", "fieldname"))
        dates_row.addWidget(self.date_from)
        dates_row.addWidget(label("to", "fieldname"))
        dates_row.addWidget(self.date_to)
        for widget in (self.name, dates, self.person_type, self.search_button, self.export_button):
            search.addWidget(widget)
        outer.addWidget(search_box)
        self.summary = label("")
        outer.addWidget(self.summary)
        self.message = MessageLine()
        outer.addWidget(self.message)
        self.model = PagedTableModel(COLUMNS, self)
        self.table = make_view(self.model, WIDTHS)
        outer.addWidget(self.table, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search_button.clicked.connect(self.refresh)
        self.name.returnPressed.connect(self.refresh)
        self.export_button.clicked.connect(self.export_csv)
        self.model.more_wanted.connect(self._fetch)

    # ------------------------------------------------------------------ search

    def _search(self) -> VisitSearch | None:
        zone = self.ctx.services.settings.zone
        d_from, d_to = _day(self.date_from.date()), _day(self.date_to.date())
        if d_to < d_from:
            self.message.error("The end date is before the start date.")
            return None
        if (d_to - d_from).days > MAX_DAYS:
            self.message.error("Search at most a year at a time.")
            return None
        return VisitSearch(
            start=datetime.combine(d_from, time.min, tzinfo=zone),
            end=datetime.combine(d_to + timedelta(days=1), time.min, tzinfo=zone),
            name=" ".join(self.name.text().split()),
            # Qt hands the StrEnum back as its plain string value.
            person_type=PersonType(chosen) if (chosen := self.person_type.currentData()) else None,
        )

    def refresh(self) -> None:
        """Start a search: the first page shows as soon as it is read; the rest come as the view scrolls."""
        if self.ctx.actor is None or self.ctx.services.reports is None:
            return
        query = self._search()
        if query is None:
            return
        self.message.clear_message()
        self.query = query
        generation = self.model.reset()
        self.summary.setText("Searching…")
        self._fetch(0, generation)
        self._count(generation)

    def _count(self, generation: int) -> None:
        """Count the matches after the first page is on screen (the same worker thread, in turn)."""
        actor, reports, query, model = self.ctx.actor, self.ctx.services.reports, self.query, self.model
        if actor is None or reports is None or query is None:
            return

        def work() -> tuple[int, int | None]:
            if generation != model.generation:
                return generation, None
            return generation, reports.count_visits(actor, query)

        def counted(result: tuple[int, int | None]) -> None:
            gen, total = result
            if total is None or gen != model.generation:
                return
            model.set_total(gen, total)
            self.total = total
            self.summary.setText(f"{total} visit{'s' if total != 1 else ''} found.")

        run_op(self, work, on_done=counted, on_error=self.message.error)

    def _fetch(self, offset: int, generation: int) -> None:
        actor, reports, query, model = self.ctx.actor, self.ctx.services.reports, self.query, self.model
        if actor is None or reports is None or query is None:
            return

        def work() -> tuple[int, VisitPage | None]:
            if generation != model.generation:
                return generation, None  # a newer search started while this one waited: skip it
            return generation, reports.visit_log(actor, query, offset, PAGE)

        def failed(exc: KioskError) -> None:
            model.failed(generation)
            self.message.error(exc)

        run_op(self, work, on_done=self._show, on_error=failed)

    def _show(self, result: tuple[int, VisitPage | None]) -> None:
        generation, page = result
        if page is None:
            return
        lt = self.ctx.local_time
        rows = [_row(lt, v, p) for v, p in page.rows]
        added = self.model.add_page(
            generation, page.offset, rows, [v.id for v, _ in page.rows], page_size=PAGE
        )
        if added and page.offset == 0:
            fit_columns(self.table)

    # ------------------------------------------------------------------ export

    def export_csv(self) -> None:
        """Every visit the search found (not only the rows loaded so far), formula-guarded."""
        actor, reports, query = self.ctx.actor, self.ctx.services.reports, self.query
        if query is None or actor is None or reports is None or not self.model.rowCount():
            self.message.error("Search first: the export contains the visits found.")
            return
        path = self.choose_save_path()
        if not path:
            return
        lt = self.ctx.local_time

        sign_in = self.ctx.services.sign_in

        def work() -> tuple[str, int]:
            rows: list[list[str]] = []
            visit_ids: list[int] = []
            while True:
                page = reports.visit_log(actor, query, len(rows), 1000)
                rows.extend(_row(lt, v, p) for v, p in page.rows)
                visit_ids.extend(v.id for v, _ in page.rows if v.id is not None)
                if len(page.rows) < 1000:
                    break
            text = csv_text(COLUMNS, rows)  # formula-guarded: a name like "=HYPERLINK(...)" stays text
            # Audited through the service before the file is written, as the command line's export is.
            sign_in.record_export(actor, visit_ids, f"{len(rows)} visits from the console's visit log")
            write_text_file(path, text, encoding="utf-8-sig")
            return path, len(rows)

        run_op(
            self,
            work,
            on_done=lambda r: self.message.info(
                f"{r[1]} visit{'' if r[1] == 1 else 's'} exported to {r[0]}."
            ),
            on_error=self.message.error,
        )


_day = from_qdate


def _row(lt, v: Visit, p: Person | None) -> list[str]:
    return [
        lt(v.signed_in_at, "%a %-d %b %Y"),
        lt(v.signed_in_at),
        lt(v.signed_out_at),
        p.full_name if p else v.name_as_typed,
        v.person_type.label,
        f"Collecting {v.child_name}" if v.child_name else v.host,
        v.organisation,
        STATUS_TEXT.get(v.status.value, v.status.value),
    ]
