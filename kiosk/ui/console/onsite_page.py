"""Who is on site now: sign out, reprint a badge, counts by type, and the fire roll."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.errors import InvalidInput, KioskError
from kiosk.domain.events import Change, ChangeEvent, Topic
from kiosk.domain.model import Person, PersonType, ScreeningOutcome, Visit
from kiosk.domain.permissions import Action, may
from kiosk.services.reports import FireRollDocument, FireRollResult
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import MessageLine, button, fill_table, label, make_table, selected_key
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.fields import choose_save_path

log = logging.getLogger(__name__)

CHECK_NOTICE = (
    "Someone signed in without a valid check in the single central record: their badge says "
    "“Must be escorted” (see the Note column)."
)
COLUMNS = ("Name", "Type", "Time in", "Visiting", "Organisation", "Badge", "Note")


@dataclass(frozen=True)
class OnSiteRow:
    """One person on site with what the table shows about them."""

    visit: Visit
    person: Person | None
    note: str = ""


def with_door_checks(ctx: ConsoleContext, actor, rows: list[OnSiteRow]) -> list[OnSiteRow]:  # noqa: ANN001
    """Add the single central record's word ("Cleared" / "Must be escorted: why") to the rows' notes."""
    clearances = ctx.services.clearances
    if clearances is None or not rows:
        return rows
    people = [
        (r.person.first_name, r.person.last_name) if r.person else (r.visit.name_as_typed, "") for r in rows
    ]
    checks = clearances.door_checks(
        actor,
        [(f, s, r.visit.person_type, r.visit.organisation) for (f, s), r in zip(people, rows, strict=True)],
    )
    out = []
    for r, check in zip(rows, checks, strict=True):
        if check is not None:
            word = check.state.value + (": " + "; ".join(check.reasons) if check.reasons else "")
            r = OnSiteRow(r.visit, r.person, "; ".join(x for x in (word, r.note) if x))
        out.append(r)
    return out


class OnSitePage(QWidget):
    """The live list of everyone on site."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[OnSiteRow] = []
        # Where to save the fire roll PDF (a file dialog); tests replace it.
        self.choose_pdf_path = lambda suggested: choose_save_path(
            self, "Save the fire roll", suggested, "PDF files (*.pdf)"
        )
        self.last_fire_roll: FireRollDocument | None = None
        self.last_saved: Path | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("On site now", "pagetitle"))
        top.addStretch(1)
        self.fire_button = button("Print fire roll", "danger", "fa5s.fire")
        self.save_pdf_button = button("Save fire roll as PDF", "secondary", "fa5s.file-pdf")
        top.addWidget(self.save_pdf_button)
        top.addWidget(self.fire_button)
        outer.addLayout(top)
        self.counts = label("", wrap=True)
        outer.addWidget(self.counts)
        self.message = MessageLine()
        outer.addWidget(self.message)
        self.table = make_table(COLUMNS)
        outer.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.sign_out_button = button("Sign out", "secondary", "fa5s.sign-out-alt")
        self.reprint_button = button("Reprint badge", "secondary", "fa5s.print")
        actions.addWidget(self.sign_out_button)
        actions.addWidget(self.reprint_button)
        actions.addStretch(1)
        outer.addLayout(actions)
        self._connect_signals()

    def _connect_signals(self) -> None:
        # On-site lists visits: it refreshes for visit changes only, never while hidden (see TopicWatch).
        self.watch = TopicWatch(self, self.ctx.events, {Topic.VISITS}, self.refresh)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.reprint_button.clicked.connect(self.reprint)
        self.fire_button.clicked.connect(self.fire_roll)
        self.save_pdf_button.clicked.connect(self.save_fire_roll)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.ctx.events.changed.connect(self._check_notice)

    def _check_notice(self, event: ChangeEvent) -> None:
        """A checked type signed in without a valid check: reception is told (a notice, not a hold)."""
        if event.change is Change.CLEARANCE_REVIEW:
            self.message.info(CHECK_NOTICE)

    def refresh(self) -> None:
        if self.ctx.actor is None or self._loading:
            return
        self._loading = True
        ctx = self.ctx
        actor = ctx.actor
        sees_matches = may(actor.role, Action.HANDLE_ALERT)

        def work() -> list[OnSiteRow]:
            out = []
            for visit, person in ctx.services.sign_in.on_site(actor):
                note = ""
                if visit.screening is ScreeningOutcome.DISMISSED and person is not None and sees_matches:
                    from kiosk.ui.console.alerts_page import dismissal_note

                    note = "; ".join(
                        dismissal_note(ctx, d) for d in ctx.services.alerts.dismissal_notes(actor, person.id)
                    )
                elif visit.screening is ScreeningOutcome.REVIEW:
                    note = "Possible match for review (see Alerts)"
                out.append(OnSiteRow(visit, person, note))
            return with_door_checks(ctx, actor, out)

        run_op(self, work, on_done=self._show, on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show(self, rows: list[OnSiteRow]) -> None:
        self._loading = False
        keep = selected_key(self.table)
        self.rows = rows
        table_rows = []
        for r in rows:
            v = r.visit
            visiting = v.host
            if v.person_type is PersonType.COLLECTOR and v.child_name:
                visiting = f"Collecting {v.child_name}" + (f" ({v.child_class})" if v.child_class else "")
            badge = (
                "Printed"
                if v.badge_printed
                else ("Not printed: " + v.badge_error if v.badge_error else "Not printed")
            )
            table_rows.append(
                [
                    r.person.full_name if r.person else v.name_as_typed,
                    v.person_type.label,
                    self.ctx.local_time(v.signed_in_at),
                    visiting,
                    v.organisation,
                    badge,
                    r.note,
                ]
            )
        fill_table(self.table, table_rows, [r.visit.id for r in rows])
        if keep is not None:
            for i, r in enumerate(rows):
                if r.visit.id == keep:
                    self.table.selectRow(i)
        counts = Counter(r.visit.person_type for r in rows)
        parts = [
            f"{n} {t.label.lower()}{'' if n == 1 or t.value.endswith('staff') else 's'}"
            for t, n in sorted(counts.items(), key=lambda kv: -kv[1])
        ]
        total = len(rows)
        self.counts.setText(
            f"{total} {'person' if total == 1 else 'people'} on site"
            + (f": {', '.join(parts)}" if parts else ".")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = selected_key(self.table) is not None
        self.sign_out_button.setEnabled(chosen)
        self.reprint_button.setEnabled(chosen)

    def _chosen(self) -> OnSiteRow | None:
        key = selected_key(self.table)
        return next((r for r in self.rows if r.visit.id == key), None)

    def sign_out(self) -> None:
        row, actor = self._chosen(), self.ctx.actor
        if row is None:
            return
        name = row.person.full_name if row.person else row.visit.name_as_typed

        def done(_visit) -> None:
            self.message.info(f"{name} is signed out.")
            self.ctx.events.local(Change.VISIT_SIGNED_OUT)

        run_op(
            self,
            lambda: self.ctx.services.sign_in.sign_out(actor, row.visit.id),
            on_done=done,
            on_error=self.message.error,
        )

    def reprint(self) -> None:
        row, actor = self._chosen(), self.ctx.actor
        if row is None:
            return

        def done(result: tuple[bool, str]) -> None:
            printed, why = result
            if printed:
                self.message.info("The badge is printing again.")
            else:
                self.message.error(why or "The badge did not print.")
            self.ctx.events.local(Change.BADGE_REPRINTED)

        run_op(
            self,
            lambda: self.ctx.services.sign_in.reprint(actor, row.visit.id),
            on_done=done,
            on_error=self.message.error,
        )

    def fire_roll(self) -> None:
        """Print the fire roll on the report printer in one click; if it cannot print, say so and offer the PDF."""
        reports, actor = self.ctx.services.reports, self.ctx.actor
        if reports is None or actor is None:
            return
        self.fire_button.setEnabled(False)

        def done(result: FireRollResult) -> None:
            self.fire_button.setEnabled(True)
            self.last_fire_roll = result.document
            n = len(result.document.roll.lines)
            people = f"{n} {'person' if n == 1 else 'people'}"
            if result.printed:
                self.message.info(f"The fire roll ({people}) is printing on {result.printer_name}.")
            else:
                self.message.error(
                    f"The fire roll did not print: {result.problem} "
                    "Use “Save fire roll as PDF” to save it and print it from another computer."
                )

        def failed(exc: KioskError) -> None:
            self.fire_button.setEnabled(True)
            self.message.error(exc)

        run_op(self, lambda: reports.print_fire_roll(actor), on_done=done, on_error=failed)

    def save_fire_roll(self) -> None:
        """Make the fire roll now and save it as a PDF where staff choose."""
        reports, actor = self.ctx.services.reports, self.ctx.actor
        if reports is None or actor is None:
            return

        def made(document: FireRollDocument) -> None:
            self.last_fire_roll = document
            path = self.choose_pdf_path(document.file_name)
            if not path:
                return

            def write() -> Path:
                target = Path(path)
                try:
                    target.write_bytes(document.pdf)
                except OSError as exc:
                    raise InvalidInput(
                        f"The fire roll could not be saved in {target}: {exc.strerror}."
                    ) from None
                return target

            run_op(self, write, on_done=saved, on_error=self.message.error)

        def saved(path: Path) -> None:
            self.last_saved = path
            self.message.info(f"Fire roll saved: {path}")

        run_op(self, lambda: reports.fire_roll(actor), on_done=made, on_error=self.message.error)
