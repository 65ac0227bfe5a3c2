"""Pupils and who may collect them: the roll from the school information system, each child's collectors.

Reception imports the roll (a CSV export), changes a child's collectors, photos and family password. The
court orders and "do not release to" notes are shown and kept only for the safeguarding lead and the head
(``Action.COURT_ORDERS``); for anyone else that part of the page is not there at all.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.errors import InvalidInput, KioskError
from kiosk.domain.events import Change, Topic
from kiosk.domain.permissions import Action
from kiosk.domain.pupils import Collector, Pupil, Restriction, RestrictionKind
from kiosk.services.pupils import ImportSummary, parse_expiry, photo_loader
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import (
    ConfirmDialog,
    FormDialog,
    MessageLine,
    ResponsiveRow,
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

COLUMNS = ("Name", "Class", "Year", "Collectors", "Password")
COLLECTOR_COLUMNS = ("Collector", "Relationship", "Photo")
ORDER_COLUMNS = ("Kind", "Person", "Until")


class PupilsPage(QWidget):
    """The roll as a table; the chosen child's collectors below it (and, for the lead and head, orders)."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.pupils: list[Pupil] = []
        self.orders: list[Restriction] = []
        self.restricted: set[int] = set()
        self.dialog: FormDialog | ConfirmDialog | None = None
        self.choose_open_path = lambda: choose_open_path(
            self, "Import pupils and their collectors", "CSV files (*.csv);;All files (*)"
        )
        self.choose_photo_path = lambda: choose_open_path(
            self, "A photo of the collector", "Pictures (*.jpg *.jpeg *.png)"
        )
        self.choose_save_path = lambda: choose_save_path(
            self, "Export pupils and their collectors", "pupils.csv", "CSV files (*.csv)"
        )
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(8)
        outer.addWidget(label("Pupils and who may collect them", "pagetitle"))
        tools = QHBoxLayout()
        self.add_button = button("Add a pupil", "primary", "fa5s.child")
        self.import_button = button("Import CSV", "secondary", "fa5s.file-import")
        self.export_button = button("Export CSV", "secondary", "fa5s.file-export")
        tools.addWidget(self.add_button)
        tools.addStretch(1)
        tools.addWidget(self.import_button)
        tools.addWidget(self.export_button)
        outer.addLayout(tools)
        outer.addWidget(
            label(
                "A collector types the child's full name at the kiosk (and the family's password, where one "
                "is set). Anyone not on the child's list is held discreetly and you see the list in Alerts.",
                wrap=True,
            )
        )
        self.summary = label("", wrap=True)
        outer.addWidget(self.summary)
        self.message = MessageLine()
        outer.addWidget(self.message)
        self.table = make_table(COLUMNS)
        self.table.setMinimumHeight(150)  # the page fits 1024x768: the roll scrolls inside its table
        outer.addWidget(self.table, 3)
        actions = QHBoxLayout()
        self.edit_button = button("Change", "secondary", "fa5s.edit")
        self.password_button = button("Family password", "secondary", "fa5s.key")
        self.remove_button = button("Remove", "secondary", "fa5s.trash")
        for b in (self.edit_button, self.password_button, self.remove_button):
            actions.addWidget(b)
        actions.addStretch(1)
        outer.addLayout(actions)
        # The chosen child's collectors and (lead and head only) the orders on them: side by side when
        # there is room, one under the other on a 1024x768 screen.
        self.below = ResponsiveRow(360)
        collectors = QWidget()
        col = QVBoxLayout(collectors)
        col.setContentsMargins(0, 0, 0, 0)
        self.collectors_title = label("Collectors", "sectiontitle")
        col.addWidget(self.collectors_title)
        self.collector_table = make_table(COLLECTOR_COLUMNS)
        self.collector_table.setMinimumHeight(120)
        col.addWidget(self.collector_table, 1)
        row = QHBoxLayout()
        self.add_collector_button = button("Add", "secondary", "fa5s.user-plus")
        self.photo_button = button("Photo", "secondary", "fa5s.camera")
        self.remove_collector_button = button("Remove", "secondary", "fa5s.user-minus")
        for b in (self.add_collector_button, self.photo_button, self.remove_collector_button):
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)
        self.below.add(collectors)
        self.orders_box = QWidget()
        orders = QVBoxLayout(self.orders_box)
        orders.setContentsMargins(0, 0, 0, 0)
        orders.addWidget(label("Court orders and do-not-release notes", "sectiontitle"))
        self.order_table = make_table(ORDER_COLUMNS)
        self.order_table.setMinimumHeight(90)
        orders.addWidget(self.order_table, 1)
        self.order_details = label("", "message", wrap=True)
        self.order_details.hide()
        orders.addWidget(self.order_details)
        row = QHBoxLayout()
        self.add_order_button = button("Add", "secondary", "fa5s.gavel")
        self.remove_order_button = button("Remove", "secondary", "fa5s.trash")
        row.addWidget(self.add_order_button)
        row.addWidget(self.remove_order_button)
        row.addStretch(1)
        orders.addLayout(row)
        self.below.add(self.orders_box)
        self.orders_box.hide()  # shown for the lead and the head only (showEvent, refresh)
        outer.addWidget(self.below, 2)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.watch = TopicWatch(self, self.ctx.events, {Topic.PUPILS}, self.refresh)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.chosen()))
        self.password_button.clicked.connect(self.set_password)
        self.remove_button.clicked.connect(self.remove)
        self.import_button.clicked.connect(self.import_csv)
        self.export_button.clicked.connect(self.export_csv)
        self.add_collector_button.clicked.connect(self.add_collector)
        self.photo_button.clicked.connect(self.set_photo)
        self.remove_collector_button.clicked.connect(self.remove_collector)
        self.add_order_button.clicked.connect(self.add_order)
        self.remove_order_button.clicked.connect(self.remove_order)
        self.table.itemSelectionChanged.connect(self._pupil_chosen)
        self.collector_table.itemSelectionChanged.connect(self._update_buttons)
        self.order_table.itemSelectionChanged.connect(self._order_chosen)

    @property
    def lead(self) -> bool:
        return self.ctx.session.may(Action.COURT_ORDERS)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.orders_box.setVisible(self.lead)
        super().showEvent(event)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        service, actor = self.ctx.services.pupils, self.ctx.actor
        if actor is None or service is None or self._loading:
            return
        self._loading = True
        lead = self.lead
        self.orders_box.setVisible(lead)

        def work() -> tuple[list[Pupil], set[int]]:
            return service.pupils(actor), (service.has_restrictions(actor) if lead else set())

        run_op(self, work, on_done=lambda answer: self._show(*answer), on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show(self, pupils: list[Pupil], restricted: set[int]) -> None:
        self._loading = False
        keep = selected_key(self.table)
        self.pupils, self.restricted = pupils, restricted
        rows = []
        for p in pupils:
            name = p.full_name + (f" ({p.known_as})" if p.known_as != p.full_name else "")
            if p.id in restricted:
                name += "  ⚠ order"
            who = ", ".join(
                f"{c.name} ({c.relationship})" if c.relationship else c.name for c in p.collectors
            )
            rows.append(
                [name, p.reg_group, p.year_group, who or "None listed", "set" if p.has_password else ""]
            )
        self.table.blockSignals(True)
        fill_table(self.table, rows, [p.id for p in pupils])
        for i, p in enumerate(pupils):
            if p.id == keep:
                self.table.selectRow(i)
        self.table.blockSignals(False)
        with_password = sum(1 for p in pupils if p.has_password)
        none = sum(1 for p in pupils if not p.collectors)
        self.summary.setText(
            f"{len(pupils)} {'pupil' if len(pupils) == 1 else 'pupils'} on the roll; {with_password} with a "
            f"family password; {none} with no collector listed."
        )
        self.orders_box.setVisible(self.lead)
        self._pupil_chosen()

    def chosen(self) -> Pupil | None:
        key = selected_key(self.table)
        return next((p for p in self.pupils if p.id == key), None)

    def _chosen_collector(self) -> Collector | None:
        pupil, key = self.chosen(), selected_key(self.collector_table)
        if pupil is None or key is None:
            return None
        return next((c for c in pupil.collectors if c.id == key), None)

    def _pupil_chosen(self) -> None:
        pupil = self.chosen()
        self.collectors_title.setText(f"Collectors of {pupil.known_as}" if pupil else "Collectors")
        collectors = pupil.collectors if pupil else ()
        fill_table(
            self.collector_table,
            [[c.name, c.relationship, "yes" if c.has_photo else ""] for c in collectors],
            [c.id for c in collectors],
        )
        self.orders = []
        fill_table(self.order_table, [])
        self.order_details.clear()
        self.order_details.hide()
        if pupil is not None and self.lead and pupil.id in self.restricted:
            self._load_orders(pupil)
        self._update_buttons()

    def _load_orders(self, pupil: Pupil) -> None:
        service, actor = self.ctx.services.pupils, self.ctx.actor
        if service is None or actor is None or pupil.id is None:
            return
        pupil_id = pupil.id

        def done(orders: list[Restriction]) -> None:
            current = self.chosen()
            if current is None or current.id != pupil_id:
                return
            self.orders = orders
            fill_table(
                self.order_table,
                [
                    [r.kind.label, r.person_name, r.expires_on.strftime("%d/%m/%Y") if r.expires_on else ""]
                    for r in orders
                ],
                [r.id for r in orders],
            )
            self._update_buttons()

        # Reading the orders is audited by the service.
        run_op(self, lambda: service.restrictions(actor, pupil_id), on_done=done, on_error=self.message.error)

    def _order_chosen(self) -> None:
        key = selected_key(self.order_table)
        r = next((o for o in self.orders if o.id == key), None)
        if r is None:
            self.order_details.clear()
        else:
            also = f" Also known as {', '.join(r.aliases)}." if r.aliases else ""
            self.order_details.setText(f"{r.kind.label}: {r.person_name}.{also}\n{r.details}".strip())
        self.order_details.setVisible(r is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        pupil = self.chosen() is not None
        for b in (self.edit_button, self.password_button, self.remove_button, self.add_collector_button):
            b.setEnabled(pupil)
        collector = self._chosen_collector() is not None
        self.photo_button.setEnabled(collector)
        self.remove_collector_button.setEnabled(collector)
        self.add_order_button.setEnabled(pupil and self.lead)
        self.remove_order_button.setEnabled(selected_key(self.order_table) is not None)

    # ------------------------------------------------------------------ changes

    def _save(self, pupil: Pupil, done_text: str, *, password: str | None = None, dialog=None) -> None:
        service, actor = self.ctx.services.pupils, self.ctx.actor
        if service is None or actor is None:
            return

        def done(_saved: Pupil) -> None:
            if dialog is not None:
                dialog.accept()
            self.message.info(done_text)
            self.ctx.events.local(Change.PUPILS_CHANGED)

        run_op(
            self,
            lambda: service.save(actor, pupil, password=password),
            on_done=done,
            on_error=dialog.show_error if dialog is not None else self.message.error,
        )

    def _open(self, dialog: FormDialog | ConfirmDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        dialog.open()

    def edit(self, pupil: Pupil | None) -> None:
        dialog = FormDialog(
            "Change a pupil" if pupil else "Add a pupil",
            "The legal name as on the school roll; the preferred name is the one the child is known by."
            + ("" if pupil else " Add their collectors once the pupil is saved."),
            "Save",
            self,
            scrollable=True,
        )
        keys = (
            ("first_name", "Legal first name"),
            ("last_name", "Legal surname"),
            ("preferred_first_name", "Preferred first name"),
            ("preferred_last_name", "Preferred surname"),
            ("reg_group", "Class or form"),
            ("year_group", "Year"),
            ("mis_id", "UPN or admission number"),
        )
        for key, caption in keys:
            edit = dialog.add_line(key, caption)
            if pupil is not None:
                edit.setText(getattr(pupil, key))

        def submitted(values: dict) -> None:
            base = pupil or Pupil(None, "", "")
            made = replace(base, **{k: values[k] for k, _ in keys})
            self._save(made, f"{made.full_name} is saved.", dialog=dialog)

        dialog.submitted.connect(submitted)
        self._open(dialog)

    def set_password(self) -> None:
        pupil = self.chosen()
        if pupil is None:
            return
        dialog = FormDialog(
            f"Family password for {pupil.known_as}",
            "Collectors of this child are asked for it at the kiosk. Leave it empty to remove the password. "
            "Only a scrambled form is kept: tell the family the new one yourself.",
            "Save",
            self,
        )
        dialog.add_line("password", "New password", secret=True)

        def submitted(values: dict) -> None:
            text = values["password"]
            said = "set" if text.strip() else "removed"
            self._save(
                pupil, f"The family password of {pupil.known_as} is {said}.", password=text, dialog=dialog
            )

        dialog.submitted.connect(submitted)
        self._open(dialog)

    def remove(self) -> None:
        service, actor, pupil = self.ctx.services.pupils, self.ctx.actor, self.chosen()
        if service is None or actor is None or pupil is None or pupil.id is None:
            return
        pupil_id, name = pupil.id, pupil.known_as
        dialog = ConfirmDialog(
            "Remove from the roll",
            f"{name} and their collectors (and any court order on them) will be removed. A collector "
            "who then names this child at the kiosk is held.",
            "Remove",
            self,
            role="danger",
        )

        def confirmed() -> None:
            def done(_none: None) -> None:
                self.message.info(f"{name} is no longer on the roll.")
                self.ctx.events.local(Change.PUPILS_CHANGED)

            run_op(self, lambda: service.remove(actor, pupil_id), on_done=done, on_error=self.message.error)

        dialog.accepted.connect(confirmed)
        self._open(dialog)

    def add_collector(self) -> None:
        pupil = self.chosen()
        if pupil is None:
            return
        dialog = FormDialog(f"Add a collector for {pupil.known_as}", "", "Add", self)
        dialog.add_line("name", "Full name")
        dialog.add_line("relationship", "Relationship", placeholder="e.g. Mother, Grandad, Childminder")

        def submitted(values: dict) -> None:
            added = Collector(
                None, values["name"], values["relationship"], priority=len(pupil.collectors) + 1
            )
            made = replace(pupil, collectors=(*pupil.collectors, added))
            self._save(made, f"{values['name'].strip()} may now collect {pupil.known_as}.", dialog=dialog)

        dialog.submitted.connect(submitted)
        self._open(dialog)

    def remove_collector(self) -> None:
        pupil, collector = self.chosen(), self._chosen_collector()
        if pupil is None or collector is None:
            return
        made = replace(pupil, collectors=tuple(c for c in pupil.collectors if c.id != collector.id))
        self._save(made, f"{collector.name} is no longer on the list of {pupil.known_as}.")

    def set_photo(self) -> None:
        pupil, collector = self.chosen(), self._chosen_collector()
        if pupil is None or collector is None:
            return
        path = self.choose_photo_path()
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.message.error(InvalidInput(f"{path} cannot be read: {exc.strerror}."))
            return
        made = replace(
            pupil,
            collectors=tuple(replace(c, photo=data) if c.id == collector.id else c for c in pupil.collectors),
        )
        self._save(made, f"The photo of {collector.name} is saved.")

    def add_order(self) -> None:
        service, actor, pupil = self.ctx.services.pupils, self.ctx.actor, self.chosen()
        if service is None or actor is None or pupil is None or pupil.id is None:
            return
        pupil_id = pupil.id
        dialog = FormDialog(
            f"Court order or note on {pupil.known_as}",
            "The person it names is held at the kiosk as a banned visitor is; reception sees only "
            "“Hold: call the safeguarding lead”. The details are for the safeguarding lead and the head.",
            "Save",
            self,
            scrollable=True,
        )
        dialog.add_choice("kind", "Kind", [k.label for k in RestrictionKind])
        dialog.add_line("person_name", "Person it names")
        dialog.add_line("aliases", "Other names", placeholder="separated by commas")
        dialog.add_line("details", "Details", placeholder="the order, its reference, whom to call")
        dialog.add_line("expires_on", "Until (optional)", placeholder="e.g. 31/07/2027")

        def submitted(values: dict) -> None:
            try:
                r = Restriction(
                    None,
                    pupil_id,
                    next(k for k in RestrictionKind if k.label == values["kind"]),
                    values["person_name"],
                    aliases=tuple(a.strip() for a in values["aliases"].split(",") if a.strip()),
                    details=values["details"],
                    expires_on=parse_expiry(values["expires_on"]),
                )
            except InvalidInput as exc:
                dialog.show_error(exc)
                return

            def done(_r: Restriction) -> None:
                dialog.accept()
                self.message.info(f"The order on {pupil.known_as} is saved; it screens at every kiosk now.")
                self.ctx.events.local(Change.PUPILS_CHANGED)

            run_op(
                dialog, lambda: service.save_restriction(actor, r), on_done=done, on_error=dialog.show_error
            )

        dialog.submitted.connect(submitted)
        self._open(dialog)

    def remove_order(self) -> None:
        service, actor = self.ctx.services.pupils, self.ctx.actor
        key = selected_key(self.order_table)
        if service is None or actor is None or not isinstance(key, int):
            return
        order_id = key

        def done(_none: None) -> None:
            self.message.info("The order or note is removed.")
            self.ctx.events.local(Change.PUPILS_CHANGED)

        run_op(
            self,
            lambda: service.remove_restriction(actor, order_id),
            on_done=done,
            on_error=self.message.error,
        )

    # ------------------------------------------------------------------ files

    def import_csv(self) -> None:
        service, actor = self.ctx.services.pupils, self.ctx.actor
        path = self.choose_open_path()
        if not path or actor is None or service is None:
            return

        photos = photo_loader(Path(path).parent)

        def done(summary: ImportSummary) -> None:
            self.message.info(f"Imported: {summary}.")
            self.ctx.events.local(Change.PUPILS_CHANGED)

        run_csv_import(
            self,
            self.message,
            path,
            lambda text, name: service.import_csv(actor, text, name, photos=photos),
            done,
        )

    def export_csv(self) -> None:
        service, actor = self.ctx.services.pupils, self.ctx.actor
        path = self.choose_save_path()
        if not path or actor is None or service is None:
            return

        run_csv_export(
            self, self.message, path, lambda: service.export_csv(actor), "Pupils exported to {path}."
        )
