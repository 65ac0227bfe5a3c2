"""The cases page (safeguarding lead and head): incidents, cases and their steps, letters, reviews due."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from kiosk.domain.cases import BanTerms, CaseFile, CaseLetter, ReviewOutcome, StepKind
from kiosk.domain.errors import KioskError
from kiosk.domain.model import Actor, BanStatus
from kiosk.domain.permissions import Action, may
from kiosk.ui.console.cases.dialogs import OUTCOMES, FieldsDialog, IncidentDialog, step_dialog
from kiosk.ui.console.parts import Card, MessageLine, button, fill_table, label, make_table, selected_key
from kiosk.ui.ops import run_op

FILTERS = ("Open cases", "All cases")
STEP_BUTTONS = {
    StepKind.POLICE_REFERRAL: ("Refer to the police", "fa5s.shield-alt"),
    StepKind.LEGAL_REFERRAL: ("Refer to the legal team", "fa5s.balance-scale"),
    StepKind.MEETING_INVITATION: ("Invite to a meeting", "fa5s.envelope"),
    StepKind.MEETING_HELD: ("Record the meeting", "fa5s.comments"),
    StepKind.WARNING: ("Send a warning", "fa5s.exclamation-triangle"),
    StepKind.BAN: ("Ban (letter)", "fa5s.user-slash"),
    StepKind.IMMEDIATE_BAN: ("Ban at once", "fa5s.user-slash"),
    StepKind.REPRESENTATIONS: ("Record representations", "fa5s.file-alt"),
    StepKind.BAN_REVIEW: ("Review the ban", "fa5s.sync"),
    StepKind.CLOSED: ("Close case", "fa5s.folder"),
}
BAN_STATUS = {
    BanStatus.DRAFT: "waiting for the head's approval",
    BanStatus.ACTIVE: "active",
    BanStatus.LIFTED: "lifted",
    BanStatus.EXPIRED: "expired",
}


def _fmt(d: date | None) -> str:
    return f"{d.day} {d:%b %Y}" if d else ""


class CasesPage(QWidget):
    """Lists cases, opens one (steps, letters), records incidents and moves a case on.

    ``actor`` is the signed-in staff member, or a function returning whoever is signed in now (the
    console's session). Only the safeguarding lead and the head see anything; the services check too.
    """

    def __init__(
        self, services, actor: Actor | Callable[[], Actor | None] | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self._actor = actor
        self.file: CaseFile | None = None
        self.cases = []
        self.dialog: FieldsDialog | None = None
        self.step_buttons: dict[StepKind, QPushButton] = {}
        self._loading = False
        # Opens a letter's PDF in the system viewer; tests replace it.
        self.open_file = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("Cases", "pagetitle"))
        top.addStretch(1)
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        top.addWidget(label("Show", "fieldname"))
        top.addWidget(self.filter)
        self.record_button = button("Record an incident", "primary", "fa5s.plus")
        top.addWidget(self.record_button)
        outer.addLayout(top)
        self.summary = label("", wrap=True)
        outer.addWidget(self.summary)
        self.message = MessageLine()
        outer.addWidget(self.message)

        split = QSplitter()
        self.table = make_table(("Case", "Name", "Stage", "Last change"))
        split.addWidget(self.table)
        detail = QWidget()
        col = QVBoxLayout(detail)
        col.setContentsMargins(12, 0, 0, 0)
        col.setSpacing(8)
        self.heading = label("Choose a case on the left", "sectiontitle", wrap=True)
        col.addWidget(self.heading)
        self.card = Card("Incident")
        col.addWidget(self.card)
        col.addWidget(label("Steps", "sectiontitle"))
        self.steps = make_table(("Date", "Step", "By", "Note"))
        col.addWidget(self.steps, 2)
        letters_row = QHBoxLayout()
        letters_row.addWidget(label("Letters", "sectiontitle"))
        letters_row.addStretch(1)
        self.open_pdf_button = button("Open PDF", "secondary", "fa5s.file-pdf")
        letters_row.addWidget(self.open_pdf_button)
        col.addLayout(letters_row)
        self.letters = make_table(("Date", "Letter", "File"))
        col.addWidget(self.letters, 1)
        col.addWidget(label("Next step", "sectiontitle"))
        self.next_row = QHBoxLayout()
        self.next_row.setSpacing(8)
        self.next_hint = label("", "fieldname", wrap=True)
        self.next_row.addWidget(self.next_hint)
        for kind, (text, icon) in STEP_BUTTONS.items():
            b = button(
                text, "danger" if kind in (StepKind.BAN, StepKind.IMMEDIATE_BAN) else "secondary", icon
            )
            b.setVisible(False)
            self.next_row.addWidget(b)
            self.step_buttons[kind] = b
        self.next_row.addStretch(1)
        col.addLayout(self.next_row)
        split.addWidget(detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 700])
        outer.addWidget(split, 1)
        self._show_file(None)
        self._connect_signals()

    @classmethod
    def for_console(cls, ctx, parent: QWidget | None = None) -> CasesPage:
        """The page inside the console shell: follows who is signed in and the console's change events."""
        page = cls(ctx.services, lambda: ctx.actor, parent)
        from kiosk.domain.events import Topic
        from kiosk.ui.console.context import TopicWatch

        page.watch = TopicWatch(page, ctx.events, {Topic.CASES, Topic.BANS}, page.refresh)
        return page

    def _connect_signals(self) -> None:
        self.filter.currentIndexChanged.connect(lambda *_: self.refresh())
        self.table.itemSelectionChanged.connect(self._case_chosen)
        self.record_button.clicked.connect(self.record_incident)
        self.open_pdf_button.clicked.connect(self.open_letter)
        self.letters.doubleClicked.connect(lambda *_: self.open_letter())
        self.letters.itemSelectionChanged.connect(self._update_buttons)
        for kind, b in self.step_buttons.items():
            b.clicked.connect(lambda _checked=False, k=kind: self.start_step(k))

    @property
    def actor(self) -> Actor | None:
        return self._actor() if callable(self._actor) else self._actor

    def _allowed(self) -> bool:
        actor = self.actor
        return actor is not None and may(actor.role, Action.CASES)

    # ------------------------------------------------------------------ list

    def refresh(self) -> None:
        """Reload the list (and the open case) from the services."""
        actor, service = self.actor, self.services.cases
        if not self._allowed() or service is None or self._loading:
            self._update_buttons()
            return
        self._loading = True
        open_only = self.filter.currentIndex() == 0

        def work():
            return service.list_cases(actor, open_only=open_only), service.report(actor)

        run_op(self, work, on_done=self._show_list, on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show_list(self, result) -> None:
        self._loading = False
        cases, report = result
        keep = selected_key(self.table)
        self.cases = cases
        zone = self.services.settings.zone
        fill_table(
            self.table,
            [
                [c.reference, c.subject_name, c.stage.label, f"{c.updated_at.astimezone(zone):%-d %b %Y}"]
                for c in cases
            ],
            [c.id for c in cases],
        )
        bits = [f"{sum(report.open_by_stage.values())} open"]
        bits += [f"{n} {stage.value}" for stage, n in report.open_by_stage.items()]
        if report.reviews_due:
            bits.append(
                f"{len(report.reviews_due)} ban review{'s' if len(report.reviews_due) != 1 else ''} due"
            )
        if report.expiring:
            bits.append(f"{len(report.expiring)} ban{'s' if len(report.expiring) != 1 else ''} ending soon")
        self.summary.setText(" · ".join(bits))
        self._update_buttons()  # the page was built before anyone signed in: enable what this role may do
        # Re-selecting the open case does not reload it: every load is an audited "case viewed".
        for i, c in enumerate(cases):
            if c.id == keep:
                self.table.selectRow(i)

    def _case_chosen(self) -> None:
        key = selected_key(self.table)
        if key is not None and (self.file is None or self.file.case.id != key):
            self.load_case(int(key))

    def load_case(self, case_id: int) -> None:
        """Open one case: its incident, steps, letters and the steps that may come next."""
        actor, service = self.actor, self.services.cases
        run_op(
            self,
            lambda: service.case_file(actor, case_id),
            on_done=self._show_file,
            on_error=self.message.error,
        )

    # ------------------------------------------------------------------ one case

    def _show_file(self, file: CaseFile | None) -> None:
        self.file = file
        if file is None:
            self.heading.setText("Choose a case on the left, or record an incident")
            self.card.set_rows([])
            fill_table(self.steps, [])
            fill_table(self.letters, [])
            self._update_buttons()
            return
        case, incident = file.case, file.incident
        self.heading.setText(f"{case.reference} · {case.subject_name} · {case.stage.label}")
        lado = (
            f"referred {_fmt(incident.lado_referred_on)} {incident.lado_reference}".strip()
            if incident.lado_referred_on
            else f"not referred: {incident.lado_not_referred_reason}"
        )
        rows = [
            (
                "When",
                f"{_fmt(incident.occurred_on)}, {incident.place.value}"
                + (f" ({incident.location})" if incident.location else ""),
            ),
            ("Behaviour", "; ".join(incident.behaviours)),
            ("What happened", incident.description),
            ("LADO", lado),
        ]
        if incident.attachments:
            rows.append(("Attachments", ", ".join(a.filename for a in incident.attachments)))
        if file.ban is not None:
            b = file.ban
            rows.append(
                (
                    "Ban",
                    f"{BAN_STATUS[b.status]}, {b.stage.value}: {_fmt(b.start)} to "
                    f"{_fmt(b.end) or 'no end'}, review {_fmt(b.review_date)}",
                )
            )
        self.card.set_rows(rows)
        fill_table(
            self.steps,
            [
                [
                    _fmt(s.on),
                    s.kind.label,
                    file.staff_names.get(s.by, "") if s.by else "command line",
                    (s.note or s.details.get("skip_reason", "")).replace("\n", " ")[:120],
                ]
                for s in file.steps
            ],
            [s.id for s in file.steps],
        )
        fill_table(
            self.letters,
            [[_fmt(ltr.letter_date), ltr.title, ltr.filename] for ltr in file.letters],
            [ltr.id for ltr in file.letters],
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        allowed = self._allowed()
        self.record_button.setEnabled(allowed)
        nexts = self.file.next_steps if (self.file is not None and allowed) else []
        for kind, b in self.step_buttons.items():
            b.setVisible(kind in nexts)
        if self.file is None:
            self.next_hint.setText("")
        else:
            self.next_hint.setText("" if nexts else "The case is closed.")
        self.next_hint.setVisible(bool(self.next_hint.text()))
        self.open_pdf_button.setEnabled(selected_key(self.letters) is not None)

    def next_step_kinds(self) -> list[StepKind]:
        """The steps whose buttons are shown (for tests and screenshots)."""
        return [k for k, b in self.step_buttons.items() if not b.isHidden()]

    # ------------------------------------------------------------------ actions

    def record_incident(self) -> None:
        """Open the incident form; on save the incident is recorded and its case opened."""
        actor, service = self.actor, self.services.cases
        dialog = IncidentDialog(self.services.deps.clock.today(), self)

        def submitted(_values: dict) -> None:
            try:
                incident = dialog.incident()
            except (ValueError, KioskError) as exc:
                dialog.show_error(str(exc))
                return
            uploads = list(dialog.uploads)

            def work():
                saved = service.record_incident(actor, incident, uploads)
                return service.open_case(actor, saved.id)

            def done(case) -> None:
                dialog.accept()
                self.message.info(f"Incident recorded; case {case.reference} opened for {case.subject_name}.")
                self.file = None
                self.load_case(case.id)
                self.refresh()

            run_op(dialog, work, on_done=done, on_error=dialog.show_error)

        self._open(dialog, submitted)

    def start_step(self, kind: StepKind) -> None:
        """Open the form for a next step of the open case."""
        if self.file is None:
            return
        case_id = self.file.case.id
        dialog = step_dialog(kind, self.services.deps.clock.today(), self)

        def submitted(values: dict) -> None:
            try:
                work = self._step_work(kind, case_id, values)
            except (ValueError, KioskError) as exc:
                dialog.show_error(str(exc))
                return

            def done(file: CaseFile) -> None:
                dialog.accept()
                wrote = (
                    f" Letter: {file.letters[-1].title}." if kind in _LETTER_KINDS and file.letters else ""
                )
                self.message.info(f"{kind.label} recorded for {file.case.reference}.{wrote}")
                self._show_file(file)
                self.refresh()

            run_op(dialog, work, on_done=done, on_error=dialog.show_error)

        self._open(dialog, submitted)

    def _step_work(self, kind: StepKind, case_id: int, v: dict) -> Callable[[], CaseFile]:
        actor, s = self.actor, self.services.cases
        on, note = v.get("on"), str(v.get("note", ""))
        if kind is StepKind.POLICE_REFERRAL:
            return lambda: s.refer_to_police(
                actor, case_id, on=on, crime_reference=v["crime_reference"], note=note
            )
        if kind is StepKind.LEGAL_REFERRAL:
            return lambda: s.refer_to_legal(actor, case_id, on=on, note=note)
        if kind is StepKind.MEETING_INVITATION:
            return lambda: s.invite_to_meeting(
                actor,
                case_id,
                meeting_on=v["meeting_on"],
                meeting_at=v["meeting_at"],
                place=v["place"],
                on=on,
                note=note,
            )
        if kind is StepKind.MEETING_HELD:
            return lambda: s.record_meeting_held(actor, case_id, notes=v["notes"], on=on)
        if kind is StepKind.WARNING:
            refused = v["why"].startswith("The meeting was refused")
            return lambda: s.send_warning(actor, case_id, refused=refused, on=on, note=note)
        if kind in (StepKind.BAN, StepKind.IMMEDIATE_BAN):
            terms = BanTerms(
                months=int(v["months"].split()[0]),
                temporary=v["temporary"],
                representations_days=v["representations_days"],
                conditions=v["conditions"],
            )
            return lambda: s.issue_ban(
                actor, case_id, terms, skip_reason=v.get("skip_reason", ""), on=on, note=note
            )
        if kind is StepKind.REPRESENTATIONS:
            return lambda: s.record_representations(actor, case_id, text=v["text"], received_on=on)
        if kind is StepKind.BAN_REVIEW:
            outcome: ReviewOutcome = OUTCOMES[v["outcome"]]
            new_end = v["new_end"] if v["change_end"] else None
            conditions = v["conditions"] or None
            return lambda: s.review_ban(
                actor, case_id, outcome, reason=v["reason"], on=on, new_end=new_end, conditions=conditions
            )
        return lambda: s.close_case(actor, case_id, reason=v["reason"], on=on)

    def _open(self, dialog: FieldsDialog, submitted) -> None:
        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda *_: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: FieldsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def open_letter(self) -> None:
        """Open the chosen letter's PDF in the system's viewer (written to a private temporary file)."""
        key = selected_key(self.letters)
        if key is None:
            return
        actor, service = self.actor, self.services.cases

        def work() -> Path:
            letter: CaseLetter = service.letter(actor, int(key))
            folder = Path(tempfile.mkdtemp(prefix="kiosk-letter-"))
            path = folder / letter.filename
            path.write_bytes(letter.pdf or b"")
            return path

        run_op(self, work, on_done=self.open_file, on_error=self.message.error)


_LETTER_KINDS = (
    StepKind.POLICE_REFERRAL,
    StepKind.LEGAL_REFERRAL,
    StepKind.MEETING_INVITATION,
    StepKind.WARNING,
    StepKind.BAN,
    StepKind.IMMEDIATE_BAN,
    StepKind.BAN_REVIEW,
)
