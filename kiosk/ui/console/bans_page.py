"""The ban list (safeguarding lead and head): add, edit, approve, lift, reviews due, CSV in and out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.errors import InvalidInput, KioskError
from kiosk.domain.events import Change, Topic
from kiosk.domain.model import BEHAVIOUR_CATEGORIES, Ban, BanScope, BanStatus
from kiosk.domain.permissions import Action
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import (
    FlowLayout,
    FormDialog,
    MessageLine,
    button,
    fill_table,
    keep_open,
    label,
    make_table,
    run_csv_export,
    run_csv_import,
    selected_key,
    submit_form,
)
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.fields import choose_open_path, choose_save_path, date_edit, from_qdate, to_qdate

COLUMNS = ("Name", "Also known as", "Status", "Start", "End", "Review", "Behaviour")
FILTERS = ("All bans", "In force", "Waiting for approval", "Reviews due this week", "Lifted or expired")
STATUS_TEXT = {
    BanStatus.DRAFT: "Waiting for approval",
    BanStatus.ACTIVE: "Active",
    BanStatus.LIFTED: "Lifted",
    BanStatus.EXPIRED: "Expired",
}
DEFAULT_MONTHS = 12  # bans are time-limited by default (the policy reviews them)
# Who a ban is for, as the trust's roles choose it (kiosk.domain.model.BanScope); school staff never see it.
SCOPE_TEXT = {
    BanScope.SCHOOL: "This school",
    BanScope.SCHOOLS: "Several schools",
    BanScope.TRUST: "The whole trust",
}


_qdate, _pydate = to_qdate, from_qdate


def _fmt(d: date | None) -> str:
    return d.strftime("%-d %b %Y") if d else ""


class BanEditor(QDialog):
    """Add or edit a ban: every field of the record, with a time limit of 12 months by default.

    ``schools`` (the trust's, id and name) is given to the trust's roles only (Action.TRUST_BANS): they
    alone see the "Applies to" field and choose this school, several schools or the whole trust. Without
    it the field is not there and a ban keeps its scope (the service refuses a wider one anyway).
    """

    save_requested = Signal(object)  # Ban

    def __init__(
        self,
        ban: Ban | None,
        today: date,
        parent: QWidget | None = None,
        *,
        schools: list[tuple[int, str]] | None = None,
    ):
        super().__init__(parent)
        self.original = ban
        self.setWindowTitle("Edit ban" if ban else "Add a ban")
        self.setModal(True)
        self.resize(760, 760)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.addWidget(label("Edit ban" if ban else "Add a ban", "sectiontitle"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        form.setVerticalSpacing(10)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.name = QLineEdit()
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText("Other names, separated by semicolons")
        self.dob_known = QCheckBox("Known")
        self.dob = date_edit(date(1980, 1, 1))
        dob_row = QHBoxLayout()
        dob_row.addWidget(self.dob_known)
        dob_row.addWidget(self.dob, 1)
        self.categories = QListWidget()
        self.categories.setMinimumHeight(200)
        for c in BEHAVIOUR_CATEGORIES:
            item = QListWidgetItem(c[0].upper() + c[1:])
            item.setData(Qt.ItemDataRole.UserRole, c)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.categories.addItem(item)
        self.reason = QLineEdit()
        self.summary = QPlainTextEdit()
        self.summary.setFixedHeight(80)
        self.start = self._date_edit(today)
        self.has_end = QCheckBox("Time-limited")
        self.has_end.setChecked(True)
        self.end = self._date_edit(today + timedelta(days=365))
        end_row = QHBoxLayout()
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end, 1)
        self.review = self._date_edit(today + timedelta(days=365 - 30))
        self.conditions = QPlainTextEdit()
        self.conditions.setFixedHeight(70)
        self.conditions.setPlaceholderText(
            "e.g. Must not enter the school site or the gates at drop-off and pick-up."
        )
        self.scope: QComboBox | None = None
        self._schools_label: QWidget | None = None
        self.schools: QListWidget | None = None
        if schools is not None:
            self.scope = QComboBox()
            self.scope.setObjectName("banScope")
            for value, text in SCOPE_TEXT.items():
                self.scope.addItem(text, value.value)
            self.schools = QListWidget()
            self.schools.setObjectName("banSchools")
            self.schools.setMaximumHeight(110)
            for school_id, school_name in schools:
                item = QListWidgetItem(school_name)
                item.setData(Qt.ItemDataRole.UserRole, school_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.schools.addItem(item)
        form.addRow("Name", self.name)
        form.addRow("Also known as", self.aliases)
        if self.scope is not None and self.schools is not None:
            form.addRow("Applies to", self.scope)
            form.addRow("Schools", self.schools)
            self._schools_label = form.labelForField(self.schools)
        form.addRow("Date of birth", dob_row)
        form.addRow("Behaviour", self.categories)
        form.addRow("Reason", self.reason)
        form.addRow("Incident summary", self.summary)
        form.addRow("Start", self.start)
        form.addRow("End", end_row)
        form.addRow("Review by", self.review)
        form.addRow("Conditions", self.conditions)
        self.error_line = MessageLine()
        outer.addWidget(self.error_line)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = button("Cancel", "quiet")
        self.save_button = button("Save ban", "primary", "fa5s.check")
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        outer.addLayout(row)
        if ban is not None:
            self._load(ban)
        self._sync_enabled()
        self._connect_signals()

    @staticmethod
    def _date_edit(d: date) -> QDateEdit:
        return date_edit(d)

    def _connect_signals(self) -> None:
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._save)
        self.dob_known.toggled.connect(self._sync_enabled)
        self.has_end.toggled.connect(self._sync_enabled)
        self.start.dateChanged.connect(self._start_moved)
        if self.scope is not None:
            self.scope.currentIndexChanged.connect(self._sync_enabled)

    def _sync_enabled(self) -> None:
        self.dob.setEnabled(self.dob_known.isChecked())
        self.end.setEnabled(self.has_end.isChecked())
        if self.scope is not None and self.schools is not None:
            several = self.scope.currentData() == BanScope.SCHOOLS.value
            self.schools.setVisible(several)
            if self._schools_label is not None:
                self._schools_label.setVisible(several)

    def _start_moved(self, new: QDate) -> None:
        if self.original is None:
            # A new ban keeps its 12-month limit and a review a month before it ends.
            self.end.setDate(new.addMonths(DEFAULT_MONTHS))
            self.review.setDate(new.addMonths(DEFAULT_MONTHS - 1))

    def _load(self, ban: Ban) -> None:
        self.name.setText(ban.name)
        self.aliases.setText("; ".join(ban.aliases))
        self.dob_known.setChecked(ban.date_of_birth is not None)
        if ban.date_of_birth:
            self.dob.setDate(_qdate(ban.date_of_birth))
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in ban.categories:
                item.setCheckState(Qt.CheckState.Checked)
        self.reason.setText(ban.reason)
        self.summary.setPlainText(ban.incident_summary)
        self.start.setDate(_qdate(ban.start))
        self.has_end.setChecked(ban.end is not None)
        if ban.end:
            self.end.setDate(_qdate(ban.end))
        if ban.review_date:
            self.review.setDate(_qdate(ban.review_date))
        self.conditions.setPlainText(ban.conditions)
        if self.scope is not None and self.schools is not None:
            self.scope.setCurrentIndex(max(0, self.scope.findData(ban.scope.value)))
            for i in range(self.schools.count()):
                item = self.schools.item(i)
                if item.data(Qt.ItemDataRole.UserRole) in ban.school_ids:
                    item.setCheckState(Qt.CheckState.Checked)

    def chosen_scope(self) -> tuple[BanScope, tuple[int, ...]] | None:
        """The scope and schools chosen (None: no field, school staff's editor)."""
        if self.scope is None or self.schools is None:
            return None
        scope = BanScope(self.scope.currentData())
        if scope is not BanScope.SCHOOLS:
            return scope, ()
        return scope, tuple(
            int(self.schools.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.schools.count())
            if self.schools.item(i).checkState() == Qt.CheckState.Checked
        )

    def ban(self) -> Ban:
        """The ban as typed (the service validates it)."""
        categories = tuple(
            self.categories.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.categories.count())
            if self.categories.item(i).checkState() == Qt.CheckState.Checked
        )
        base = self.original or Ban(id=None, name="", start=_pydate(self.start.date()))
        chosen = self.chosen_scope()
        if chosen is not None:
            base = replace(base, scope=chosen[0], school_ids=chosen[1])
        return replace(
            base,
            name=self.name.text(),
            aliases=tuple(a.strip() for a in self.aliases.text().split(";") if a.strip()),
            date_of_birth=_pydate(self.dob.date()) if self.dob_known.isChecked() else None,
            categories=categories,
            reason=self.reason.text(),
            incident_summary=self.summary.toPlainText(),
            start=_pydate(self.start.date()),
            end=_pydate(self.end.date()) if self.has_end.isChecked() else None,
            review_date=_pydate(self.review.date()),
            conditions=self.conditions.toPlainText(),
        )

    def _save(self) -> None:
        ban = self.ban()
        if not ban.categories:
            self.show_error(InvalidInput("Tick at least one behaviour from the Code of Conduct."))
            return
        if ban.scope is BanScope.SCHOOLS and not ban.school_ids:
            self.show_error(InvalidInput("Tick the schools this ban is for."))
            return
        self.save_button.setEnabled(False)
        self.error_line.clear_message()
        self.save_requested.emit(ban)

    def show_error(self, exc: KioskError | str) -> None:
        self.save_button.setEnabled(True)
        self.error_line.error(exc)


class BansPage(QWidget):
    """The ban list with its lifecycle. Only shown to a safeguarding lead or the head."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.bans: list[Ban] = []
        self.editor: BanEditor | None = None
        self.lift_dialog: FormDialog | None = None
        # File choosers; tests replace them (a native dialog would wait for a person).
        self.choose_open_path = lambda: choose_open_path(self, "Import bans", "CSV files (*.csv)")
        self.choose_save_path = lambda: choose_save_path(self, "Export bans", "bans.csv", "CSV files (*.csv)")
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("Ban list", "pagetitle"))
        top.addStretch(1)
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        top.addWidget(label("Show", "fieldname"))
        top.addWidget(self.filter)
        outer.addLayout(top)
        self.summary = label("", wrap=True)
        outer.addWidget(self.summary)
        self.message = MessageLine()
        outer.addWidget(self.message)
        self.table = make_table(COLUMNS)
        outer.addWidget(self.table, 1)
        actions_box = QWidget()
        actions = FlowLayout(actions_box)  # wraps on a narrow screen
        self.add_button = button("Add a ban", "primary", "fa5s.plus")
        self.edit_button = button("Edit", "secondary", "fa5s.edit")
        self.approve_button = button("Approve", "secondary", "fa5s.check")
        self.lift_button = button("Lift", "secondary", "fa5s.unlock")
        self.import_button = button("Import CSV", "secondary", "fa5s.file-import")
        self.export_button = button("Export CSV", "secondary", "fa5s.file-export")
        for b in (
            self.add_button,
            self.edit_button,
            self.approve_button,
            self.lift_button,
            self.import_button,
            self.export_button,
        ):
            actions.addWidget(b)
        outer.addWidget(actions_box)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.watch = TopicWatch(self, self.ctx.events, {Topic.BANS}, self.refresh)
        self.filter.currentIndexChanged.connect(lambda *_: self.refresh())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda *_: self.edit())
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.approve_button.clicked.connect(self.approve)
        self.lift_button.clicked.connect(self.lift)
        self.import_button.clicked.connect(self.import_csv)
        self.export_button.clicked.connect(self.export_csv)

    # ------------------------------------------------------------------ list

    def refresh(self) -> None:
        actor = self.ctx.actor
        self._update_buttons()
        if actor is None or not self.ctx.session.may(Action.MANAGE_BANS) or self._loading:
            return
        self._loading = True
        which = self.filter.currentIndex()
        bans_service = self.ctx.services.bans

        def work() -> tuple[list[Ban], int]:
            statuses = {
                1: [BanStatus.ACTIVE],
                2: [BanStatus.DRAFT],
                4: [BanStatus.LIFTED, BanStatus.EXPIRED],
            }.get(which)
            # One read gives the list and the reviews due.
            shown, due = bans_service.list_and_reviews_due(actor, statuses, 7)
            return (due if which == 3 else shown), len(due)

        run_op(self, work, on_done=self._show, on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show(self, result: tuple[list[Ban], int]) -> None:
        self._loading = False
        bans, due = result
        keep = selected_key(self.table)
        self.bans = sorted(
            bans,
            key=lambda b: (
                b.status is not BanStatus.DRAFT,
                b.status is not BanStatus.ACTIVE,
                b.name.casefold(),
            ),
        )
        fill_table(
            self.table,
            [
                [
                    b.name,
                    "; ".join(b.aliases),
                    STATUS_TEXT[b.status],
                    _fmt(b.start),
                    _fmt(b.end) or "No end date",
                    _fmt(b.review_date),
                    "; ".join(b.categories),
                ]
                for b in self.bans
            ],
            [b.id for b in self.bans],
        )
        for i, b in enumerate(self.bans):
            if b.id == keep:
                self.table.selectRow(i)
        drafts = sum(b.status is BanStatus.DRAFT for b in self.bans)
        bits = [f"{len(self.bans)} shown"]
        if drafts:
            bits.append(f"{drafts} waiting for the head's approval (they do not screen yet)")
        if due:
            bits.append(f"{due} review{'s' if due != 1 else ''} due this week")
        self.summary.setText(" · ".join(bits))
        self._update_buttons()

    def _chosen(self) -> Ban | None:
        key = selected_key(self.table)
        return next((b for b in self.bans if b.id == key), None)

    def _update_buttons(self) -> None:
        ban = self._chosen()
        head = self.ctx.session.may(Action.APPROVE_BANS)
        self.edit_button.setEnabled(ban is not None)
        self.approve_button.setVisible(head)
        self.lift_button.setVisible(head)
        self.import_button.setVisible(head)  # an import screens at once: the head's decision
        self.approve_button.setEnabled(ban is not None and ban.status is BanStatus.DRAFT)
        self.lift_button.setEnabled(ban is not None and ban.status in (BanStatus.DRAFT, BanStatus.ACTIVE))

    # ------------------------------------------------------------------ changes

    def add(self) -> None:
        self._open_editor(None)

    def edit(self) -> None:
        ban, actor = self._chosen(), self.ctx.actor
        if ban is None:
            return
        # Reading a ban's full record is audited, so the editor opens from get().
        run_op(
            self,
            lambda: self.ctx.services.bans.get(actor, ban.id),
            on_done=self._open_editor,
            on_error=self.message.error,
        )

    def _open_editor(self, ban: Ban | None) -> None:
        if self.ctx.session.may(Action.TRUST_BANS):
            # The trust's roles choose who the ban is for: the editor offers the trust's schools.
            actor, service = self.ctx.actor, self.ctx.services.bans
            run_op(
                self,
                lambda: service.schools(actor),
                on_done=lambda schools: self._show_editor(ban, schools),
                on_error=self.message.error,
            )
            return
        self._show_editor(ban, None)

    def _show_editor(self, ban: Ban | None, schools: list[tuple[int, str]] | None) -> None:
        editor = BanEditor(ban, self.ctx.today(), self, schools=schools)
        actor, service = self.ctx.actor, self.ctx.services.bans

        def save(new: Ban) -> None:
            work = (
                (lambda: service.edit(actor, new))
                if ban is not None
                else (lambda: service.create(actor, new))
            )

            def done(saved: Ban) -> None:
                editor.accept()
                state = STATUS_TEXT[saved.status].lower()
                self.message.info(f"Ban for {saved.name} saved ({state}).")
                self.ctx.events.local(Change.BANS_CHANGED)

            run_op(editor, work, on_done=done, on_error=editor.show_error)

        editor.save_requested.connect(save)
        keep_open(self, "editor", editor)
        editor.open()

    def approve(self) -> None:
        ban, actor = self._chosen(), self.ctx.actor
        if ban is None:
            return

        def done(saved: Ban) -> None:
            self.message.info(f"Ban for {saved.name} approved: it screens at every kiosk from now on.")
            self.ctx.events.local(Change.BANS_CHANGED)

        run_op(
            self,
            lambda: self.ctx.services.bans.approve(actor, ban.id),
            on_done=done,
            on_error=self.message.error,
        )

    def lift(self) -> None:
        ban, actor = self._chosen(), self.ctx.actor
        if ban is None:
            return
        dialog = FormDialog(
            f"Lift the ban for {ban.name}",
            "The ban stops screening at once. Say why it is lifted (kept in the record).",
            "Lift ban",
            self,
        )
        dialog.add_line("reason", "Reason", placeholder="e.g. Appeal upheld by the governors")

        def done(saved: Ban) -> None:
            self.message.info(f"Ban for {saved.name} lifted.")
            self.ctx.events.local(Change.BANS_CHANGED)

        submit_form(
            self,
            "lift_dialog",
            dialog,
            lambda v: self.ctx.services.bans.lift(actor, ban.id, v["reason"]),
            done,
        )

    def import_csv(self) -> None:
        path, actor = self.choose_open_path(), self.ctx.actor
        if not path:
            return

        bans = self.ctx.services.bans

        def done(counts: tuple[int, int]) -> None:
            self.message.info(f"Imported: {counts[0]} new, {counts[1]} updated.")
            self.ctx.events.local(Change.BANS_CHANGED)

        # read by the same rule as `kiosk bans import`
        run_csv_import(
            self, self.message, path, lambda text, name: bans.import_csv(actor, text, source=name), done
        )

    def export_csv(self) -> None:
        path, actor = self.choose_save_path(), self.ctx.actor
        if not path:
            return

        bans = self.ctx.services.bans
        run_csv_export(
            self, self.message, path, lambda: bans.export_csv(actor), "Ban list exported to {path}."
        )
