"""The cases page's dialogs: record an incident, and one form per step of a case."""

from __future__ import annotations

import mimetypes
from datetime import date, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from kiosk.domain.cases import (
    MAX_ATTACHMENT_BYTES,
    AttachmentUpload,
    Incident,
    IncidentPlace,
    ReviewOutcome,
    StepKind,
    SubjectType,
)
from kiosk.domain.errors import InvalidInput
from kiosk.domain.model import BEHAVIOUR_CATEGORIES
from kiosk.ui.console.parts import FormDialog, button, label
from kiosk.ui.widgets.fields import choose_open_paths, date_edit


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class FieldsDialog(FormDialog):
    """A scrolling modal form with typed fields, an error line and OK/Cancel; the page closes it on success.

    ``submitted`` carries the values (Python dates, times, strings, bools, ints) keyed by field name.
    """

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None):
        super().__init__(title, intro, ok_text, parent, scrollable=True, min_width=560)

    def _add(self, key: str, caption: str, widget: QWidget) -> QWidget:
        self.form.addRow(caption, widget)
        self.fields[key] = widget
        return widget

    def add_line(self, key: str, caption: str, placeholder: str = "", text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(placeholder)
        return self._add(key, caption, edit)

    def add_text(self, key: str, caption: str, placeholder: str = "", height: int = 80) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(height)
        return self._add(key, caption, edit)

    def add_date(self, key: str, caption: str, value: date) -> QDateEdit:
        return self._add(key, caption, date_edit(value))

    def add_time(self, key: str, caption: str, value: time) -> QTimeEdit:
        edit = QTimeEdit(QTime(value.hour, value.minute))
        edit.setDisplayFormat("HH:mm")
        return self._add(key, caption, edit)

    def add_choice(self, key: str, caption: str, choices: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.addItems(choices)
        return self._add(key, caption, combo)

    def add_check(self, key: str, caption: str, text: str, checked: bool = False) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(checked)
        return self._add(key, caption, box)

    def add_number(
        self, key: str, caption: str, value: int, low: int, high: int, suffix: str = ""
    ) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return self._add(key, caption, spin)

    def values(self) -> dict[str, object]:
        """The typed values, by field name."""
        out: dict[str, object] = {}
        for key, w in self.fields.items():
            if isinstance(w, QDateEdit):
                out[key] = _pydate(w.date())
            elif isinstance(w, QTimeEdit):
                out[key] = time(w.time().hour(), w.time().minute())
            elif isinstance(w, QComboBox):
                out[key] = w.currentText()
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            elif isinstance(w, QSpinBox):
                out[key] = w.value()
            elif isinstance(w, QPlainTextEdit):
                out[key] = w.toPlainText()
            elif isinstance(w, QLineEdit):
                out[key] = w.text()
        return out


STEP_INTROS = {
    StepKind.POLICE_REFERRAL: "Serious or potentially criminal behaviour (threats, violence, harassment, "
    "cyberbullying) is referred to the police first. A referral letter is produced.",
    StepKind.LEGAL_REFERRAL: "Behaviour that may be libel or slander is referred to the legal team. "
    "A referral letter is produced.",
    StepKind.MEETING_INVITATION: "A formal letter inviting the parent/carer to a meeting.",
    StepKind.MEETING_HELD: "Record what was said and agreed at the meeting (no letter).",
    StepKind.WARNING: "The meeting was refused (or the behaviour went on): a letter asks them to stop, and "
    "warns that a ban may follow.",
    StepKind.BAN: "The behaviour continued after the warning: the ban letter is produced and the ban goes on "
    "the screening list. A safeguarding lead's ban waits for the head's approval.",
    StepKind.IMMEDIATE_BAN: "A ban without the earlier steps, for serious cases. Record why. The ban letter is "
    "produced and the ban goes on the screening list.",
    StepKind.REPRESENTATIONS: "Record the representations the person made about the ban (no letter).",
    StepKind.BAN_REVIEW: "Review the ban after the representations: confirm, extend, change or lift it. "
    "A letter with the outcome is produced. Only the head may lift a ban.",
    StepKind.CLOSED: "Close the case. Say why (kept in the case file).",
}
OUTCOMES = {o.value.capitalize(): o for o in ReviewOutcome}


def step_dialog(kind: StepKind, today: date, parent: QWidget | None = None) -> FieldsDialog:
    """The form for one step of a case."""
    ok = (
        "Save"
        if kind in (StepKind.MEETING_HELD, StepKind.REPRESENTATIONS, StepKind.CLOSED)
        else "Save and write letter"
    )
    d = FieldsDialog(kind.label, STEP_INTROS[kind], ok, parent)
    d.kind = kind  # type: ignore[attr-defined]
    if kind is StepKind.REPRESENTATIONS:
        d.add_date("on", "Received on", today)
        d.add_text("text", "Representations", "What the person said, in their words where possible", 140)
        return d
    d.add_date("on", "Date of letter" if kind in _LETTER_STEPS else "Date", today)
    if kind is StepKind.POLICE_REFERRAL:
        d.add_line("crime_reference", "Crime reference", "If the police have given one")
    elif kind is StepKind.MEETING_INVITATION:
        d.add_date("meeting_on", "Meeting date", today + timedelta(days=7))
        d.add_time("meeting_at", "Meeting time", time(15, 30))
        d.add_line("place", "Meeting place", "e.g. the head's office", "the head's office")
    elif kind is StepKind.MEETING_HELD:
        d.add_text("notes", "Notes", "What was said and agreed", 140)
    elif kind is StepKind.WARNING:
        d.add_choice(
            "why", "Because", ["The meeting was refused", "The behaviour continued after the meeting"]
        )
    elif kind in (StepKind.BAN, StepKind.IMMEDIATE_BAN):
        d.add_choice("months", "Length", ["12 months", "6 months"])
        d.add_check("temporary", "Temporary bar", "Until representations have been reviewed", True)
        d.add_number("representations_days", "Representations within", 14, 7, 60, " days")
        d.add_text("conditions", "Conditions", "e.g. You may wait outside the main gate for your child.", 70)
        if kind is StepKind.IMMEDIATE_BAN:
            d.add_text(
                "skip_reason", "Why at once", "Why the matter is serious enough to skip the earlier steps", 90
            )
    elif kind is StepKind.BAN_REVIEW:
        d.add_choice("outcome", "Outcome", list(OUTCOMES))
        d.add_text("reason", "Reasons", "The reasons for the decision (they go in the letter)", 90)
        d.add_check("change_end", "New end date", "Set a new end date (extend or change)")
        d.add_date("new_end", "Ends on", date(today.year + 1, today.month, min(today.day, 28)))
        d.add_text("conditions", "Conditions", "Leave empty to keep the current conditions", 60)
    elif kind is StepKind.CLOSED:
        d.add_text("reason", "Reason", "e.g. Resolved at the meeting; no further action", 90)
    if kind in (
        StepKind.POLICE_REFERRAL,
        StepKind.LEGAL_REFERRAL,
        StepKind.MEETING_INVITATION,
        StepKind.WARNING,
        StepKind.BAN,
        StepKind.IMMEDIATE_BAN,
    ):
        d.add_text("note", "Note for the file", "Not printed in the letter", 60)
    return d


_LETTER_STEPS = (
    StepKind.POLICE_REFERRAL,
    StepKind.LEGAL_REFERRAL,
    StepKind.MEETING_INVITATION,
    StepKind.WARNING,
    StepKind.BAN,
    StepKind.IMMEDIATE_BAN,
    StepKind.BAN_REVIEW,
)


class IncidentDialog(FieldsDialog):
    """Record an incident against a parent/carer or visitor, with its LADO referral and attachments."""

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(
            "Record an incident",
            "Every concern is a safeguarding concern referred to the LADO: give the referral, or (safeguarding "
            "lead only) the reason it was not referred.",
            "Record incident and open case",
            parent,
        )
        self.resize(720, 820)
        self.uploads: list[AttachmentUpload] = []
        # The file chooser; tests replace it (a native dialog would wait for a person).
        self.choose_files = lambda: choose_open_paths(self, "Attach files")
        self.add_line("name", "Name", "The person's full name")
        self.add_choice("type", "Who", [t.value.capitalize() for t in SubjectType])
        self.add_text("address", "Postal address", "For the letters", 60)
        self.add_date("occurred_on", "Date", today)
        self.add_choice("place", "Where", [p.value.capitalize() for p in IncidentPlace])
        self.add_line("location", "Where exactly", "e.g. the main gate; the Year 3 WhatsApp group")
        self.behaviours = QListWidget()
        self.behaviours.setMinimumHeight(180)
        for c in BEHAVIOUR_CATEGORIES:
            item = QListWidgetItem(c[0].upper() + c[1:])
            item.setData(Qt.ItemDataRole.UserRole, c)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.behaviours.addItem(item)
        self.form.addRow("Behaviour", self.behaviours)
        self.add_text("description", "What happened", "", 90)
        self.add_text("witnesses", "Witnesses", "", 50)
        self.add_check("lado", "LADO", "Referred to the LADO", True)
        self.add_date("lado_on", "Referred on", today)
        self.add_line("lado_reference", "LADO reference")
        self.add_text("lado_reason", "Not referred because", "Safeguarding lead's decision", 50)
        files_row = QHBoxLayout()
        self.files_label = label("No files attached", "fieldname", wrap=True)
        self.attach_button = button("Attach files…", "secondary", "fa5s.paperclip")
        files_row.addWidget(self.files_label, 1)
        files_row.addWidget(self.attach_button)
        self.form.addRow("Attachments", files_row)
        self.attach_button.clicked.connect(self.attach)
        self.fields["lado"].toggled.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        referred = self.fields["lado"].isChecked()
        self.fields["lado_on"].setEnabled(referred)
        self.fields["lado_reference"].setEnabled(referred)
        self.fields["lado_reason"].setEnabled(not referred)

    def attach(self) -> None:
        """Add files (read now, at most 10 MB each) to the incident."""
        for path in self.choose_files() or []:
            p = Path(path)
            try:
                if p.stat().st_size > MAX_ATTACHMENT_BYTES:
                    self.show_error(f"{p.name} is larger than 10 MB; attach a smaller copy.")
                    continue
                data = p.read_bytes()
            except OSError as exc:
                self.show_error(f"{p.name} cannot be read: {exc.strerror}.")
                continue
            kind = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
            self.uploads.append(AttachmentUpload(p.name, kind, data))
        names = ", ".join(u.filename for u in self.uploads)
        self.files_label.setText(names or "No files attached")

    def incident(self) -> Incident:
        """The incident as typed (the service validates it)."""
        v = self.values()
        behaviours = tuple(
            self.behaviours.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.behaviours.count())
            if self.behaviours.item(i).checkState() == Qt.CheckState.Checked
        )
        referred = bool(v["lado"])
        return Incident(
            id=None,
            subject_name=str(v["name"]),
            subject_type=SubjectType(str(v["type"]).lower()),
            subject_address=str(v["address"]),
            occurred_on=v["occurred_on"],  # type: ignore[arg-type]
            place=IncidentPlace(str(v["place"]).lower()),
            location=str(v["location"]),
            behaviours=behaviours,
            description=str(v["description"]),
            witnesses=str(v["witnesses"]),
            lado_referred_on=v["lado_on"] if referred else None,  # type: ignore[arg-type]
            lado_reference=str(v["lado_reference"]) if referred else "",
            lado_not_referred_reason="" if referred else str(v["lado_reason"]),
        )

    def _submit(self) -> None:
        if not any(
            self.behaviours.item(i).checkState() == Qt.CheckState.Checked
            for i in range(self.behaviours.count())
        ):
            self.show_error(InvalidInput("Tick at least one behaviour from the Code of Conduct."))
            return
        super()._submit()
