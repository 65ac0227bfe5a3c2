"""The single central record: contractors, supply staff, volunteers and governors and their checks.

Reception keeps it here (or imports it from the school's spreadsheet); the kiosk reads it at sign-in
to print "Cleared" or "Must be escorted" on the badge and tells reception when a check is missing.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.errors import InvalidInput, KioskError
from kiosk.domain.events import Change, Topic
from kiosk.domain.expected import CHECKED_TYPES, Clearance, DbsCheck
from kiosk.domain.model import PersonType
from kiosk.services.listcsv import parse_date
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import (
    ConfirmDialog,
    FormDialog,
    MessageLine,
    button,
    fill_table,
    label,
    make_table,
    run_csv_export,
    run_csv_import,
    selected_key,
)
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.fields import choose_open_path, choose_save_path

# "At the door" comes second: on a 1024x768 reception PC it is in view without scrolling.
COLUMNS = (
    "Name",
    "At the door",
    "Type",
    "Organisation",
    "DBS check",
    "DBS date",
    "ID checked",
    "Agency",
    "Expires",
)
KINDS = [t for t in PersonType if t in CHECKED_TYPES]
YES_NO = ("No", "Yes")


def _day(d) -> str:  # noqa: ANN001 - date | None
    return d.strftime("%d/%m/%Y") if d else ""


class ClearancePage(QWidget):
    """The record as a table, with add, change, remove, import and export."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.records: list[Clearance] = []
        self.edit_dialog: FormDialog | None = None
        self.confirm_dialog: ConfirmDialog | None = None
        self.choose_open_path = lambda: choose_open_path(
            self, "Import the single central record", "CSV files (*.csv);;All files (*)"
        )
        self.choose_save_path = lambda: choose_save_path(
            self, "Export the single central record", "single-central-record.csv", "CSV files (*.csv)"
        )
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("Single central record", "pagetitle"))
        top.addStretch(1)
        self.add_button = button("Add a person", "primary", "fa5s.user-check")
        self.import_button = button("Import CSV", "secondary", "fa5s.file-import")
        self.export_button = button("Export CSV", "secondary", "fa5s.file-export")
        outer.addLayout(top)
        tools = QHBoxLayout()  # a row of its own: the page fits a 1024x768 reception PC with larger text
        tools.addWidget(self.add_button)
        tools.addStretch(1)
        tools.addWidget(self.import_button)
        tools.addWidget(self.export_button)
        outer.addLayout(tools)
        outer.addWidget(
            label(
                "Contractors, supply staff, volunteers and governors. Anyone without a valid check "
                "(DBS check and date, identity checked, agency confirmation for supply staff, not expired) "
                "gets a “Must be escorted” badge, and you are told when they sign in.",
                wrap=True,
            )
        )
        self.summary = label("", wrap=True)
        outer.addWidget(self.summary)
        self.message = MessageLine()
        outer.addWidget(self.message)
        self.table = make_table(COLUMNS)
        outer.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.edit_button = button("Change", "secondary", "fa5s.edit")
        self.remove_button = button("Remove", "secondary", "fa5s.trash")
        actions.addWidget(self.edit_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        outer.addLayout(actions)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.watch = TopicWatch(self, self.ctx.events, {Topic.EXPECTED}, self.refresh)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self._chosen()))
        self.remove_button.clicked.connect(self.remove)
        self.import_button.clicked.connect(self.import_csv)
        self.export_button.clicked.connect(self.export_csv)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def refresh(self) -> None:
        service, actor = self.ctx.services.clearances, self.ctx.actor
        if actor is None or service is None or self._loading:
            return
        self._loading = True
        run_op(self, lambda: service.records(actor), on_done=self._show, on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show(self, records: list[Clearance]) -> None:
        self._loading = False
        keep = selected_key(self.table)
        self.records = records
        today = self.ctx.services.deps.clock.today()
        rows = []
        for c in records:
            problems = c.problems(today)
            door = "Cleared" if not problems else "Must be escorted: " + "; ".join(problems)
            rows.append(
                [
                    c.full_name,
                    door,
                    c.person_type.label,
                    c.organisation,
                    c.dbs_check.label,
                    _day(c.dbs_date),
                    YES_NO[c.id_checked],
                    YES_NO[c.agency_confirmed] if c.person_type is PersonType.SUPPLY_STAFF else "",
                    _day(c.expires_on),
                ]
            )
        fill_table(self.table, rows, [c.id for c in records])
        if keep is not None:
            for i, c in enumerate(records):
                if c.id == keep:
                    self.table.selectRow(i)
        escorted = sum(1 for c in records if c.problems(today))
        self.summary.setText(
            f"{len(records)} {'person' if len(records) == 1 else 'people'} on the record: "
            f"{len(records) - escorted} cleared, {escorted} must be escorted."
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self._chosen() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _chosen(self) -> Clearance | None:
        key = selected_key(self.table)
        return next((c for c in self.records if c.id == key), None)

    def edit(self, record: Clearance | None) -> None:
        service, actor = self.ctx.services.clearances, self.ctx.actor
        if actor is None or service is None:
            return
        dialog = FormDialog(
            "Change a record" if record else "Add a person to the record",
            "Dates as 03/12/2026. A supply teacher also needs the agency's written confirmation.",
            "Save",
            self,
            scrollable=True,
        )
        fields = {
            "first_name": dialog.add_line("first_name", "First name"),
            "last_name": dialog.add_line("last_name", "Surname"),
        }
        kind = dialog.add_choice("person_type", "Type", [t.label for t in KINDS])
        fields["organisation"] = dialog.add_line("organisation", "Organisation")
        dbs = dialog.add_choice("dbs_check", "DBS check", [d.label for d in DbsCheck])
        fields["dbs_number"] = dialog.add_line("dbs_number", "DBS certificate number")
        fields["dbs_date"] = dialog.add_line("dbs_date", "DBS date", placeholder="e.g. 01/09/2025")
        id_checked = dialog.add_choice("id_checked", "Identity checked", list(YES_NO))
        agency = dialog.add_choice("agency_confirmed", "Agency confirmation", list(YES_NO))
        fields["expires_on"] = dialog.add_line("expires_on", "Expires (or review by)")
        fields["notes"] = dialog.add_line("notes", "Notes")
        if record is not None:
            for key in ("first_name", "last_name", "organisation", "dbs_number", "notes"):
                fields[key].setText(getattr(record, key))
            fields["dbs_date"].setText(_day(record.dbs_date))
            fields["expires_on"].setText(_day(record.expires_on))
            kind.setCurrentText(record.person_type.label)
            dbs.setCurrentText(record.dbs_check.label)
            id_checked.setCurrentIndex(int(record.id_checked))
            agency.setCurrentIndex(int(record.agency_confirmed))

        def submitted(values: dict) -> None:
            try:
                made = Clearance(
                    id=record.id if record else None,
                    first_name=values["first_name"],
                    last_name=values["last_name"],
                    person_type=next(t for t in KINDS if t.label == values["person_type"]),
                    organisation=values["organisation"],
                    dbs_check=next(d for d in DbsCheck if d.label == values["dbs_check"]),
                    dbs_number=values["dbs_number"],
                    dbs_date=parse_date(values["dbs_date"], "DBS date"),
                    id_checked=values["id_checked"] == "Yes",
                    agency_confirmed=values["agency_confirmed"] == "Yes",
                    expires_on=parse_date(values["expires_on"], "expiry date"),
                    notes=values["notes"],
                )
            except InvalidInput as exc:
                dialog.show_error(exc)
                return
            if record is not None:
                made = replace(made, updated_by=record.updated_by)

            def done(saved: Clearance) -> None:
                dialog.accept()
                state = saved.state(self.ctx.services.deps.clock.today())
                self.message.info(f"{saved.full_name} is saved: {state.value.lower()}.")
                self.ctx.events.local(Change.CLEARANCES_CHANGED)

            run_op(dialog, lambda: service.save(actor, made), on_done=done, on_error=dialog.show_error)

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda *_: setattr(self, "edit_dialog", None))
        self.edit_dialog = dialog
        dialog.open()

    def remove(self) -> None:
        service, actor, row = self.ctx.services.clearances, self.ctx.actor, self._chosen()
        if actor is None or service is None or row is None or row.id is None:
            return
        record_id, name = row.id, row.full_name
        dialog = ConfirmDialog(
            "Remove from the record",
            f"{name} will be taken off the single central record; their next badge will say "
            "“Must be escorted”.",
            "Remove",
            self,
        )

        def confirmed() -> None:
            def done(_none: None) -> None:
                self.message.info(f"{name} is no longer on the record.")
                self.ctx.events.local(Change.CLEARANCES_CHANGED)

            run_op(self, lambda: service.remove(actor, record_id), on_done=done, on_error=self.message.error)

        dialog.accepted.connect(confirmed)
        dialog.finished.connect(lambda *_: setattr(self, "confirm_dialog", None))
        self.confirm_dialog = dialog
        dialog.open()

    def import_csv(self) -> None:
        service, actor = self.ctx.services.clearances, self.ctx.actor
        path = self.choose_open_path()
        if not path or actor is None or service is None:
            return

        def done(counts: tuple[int, int]) -> None:
            self.message.info(f"Imported: {counts[0]} new, {counts[1]} updated.")
            self.ctx.events.local(Change.CLEARANCES_CHANGED)

        run_csv_import(
            self, self.message, path, lambda text, name: service.import_csv(actor, text, name), done
        )

    def export_csv(self) -> None:
        service, actor = self.ctx.services.clearances, self.ctx.actor
        path = self.choose_save_path()
        if not path or actor is None or service is None:
            return

        run_csv_export(
            self,
            self.message,
            path,
            lambda: service.export_csv(actor),
            "Single central record exported to {path}.",
        )
