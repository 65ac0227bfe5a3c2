"""Who is on site now, staff and visitors: sign out, reprint a badge, counts, the fire roll and the roll call."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.errors import KioskError
from kiosk.domain.events import Change, ChangeEvent, Topic
from kiosk.domain.model import Person, PersonType, ScreeningOutcome, Visit
from kiosk.domain.permissions import Action, may
from kiosk.services.reports import FireRollDocument, FireRollResult
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import MessageLine, button, fill_table, label, make_table, save_file, selected_key
from kiosk.ui.ops import run_op
from kiosk.ui.widgets.fields import choose_save_path

log = logging.getLogger(__name__)

CHECK_NOTICE = (
    "Someone signed in without a valid check in the single central record: their badge says "
    "“Must be escorted” (see the Note column)."
)
COLUMNS = ("Name", "Type", "Time in", "Visiting", "Organisation", "Badge", "Note")


@dataclass(frozen=True)
class StaffRow:
    """A member of staff on site (signed in at the kiosk with their card or PIN)."""

    member_id: int
    name: str
    job_title: str
    signed_in_at: datetime

    @property
    def key(self) -> str:
        return f"staff:{self.member_id}"


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
        self.staff_rows: list[StaffRow] = []
        self.roll_call_dialog = None  # the roll call while it is open (kiosk.ui.console.rollcall)
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
        self.roll_call_button = button("Roll call", "secondary", "fa5s.clipboard-check")
        top.addWidget(self.roll_call_button)
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
        self.roll_call_button.clicked.connect(self.open_roll_call)
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

        def work() -> tuple[list[OnSiteRow], list[StaffRow]]:
            staff_rows = []
            if ctx.services.staff_roll is not None:
                staff_rows = [
                    StaffRow(m.id or 0, m.full_name, m.job_title, p.signed_in_at)
                    for p, m in ctx.services.staff_roll.on_site(actor, ctx.services.place.site_id)
                ]
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
            return with_door_checks(ctx, actor, out), staff_rows

        run_op(self, work, on_done=self._show, on_error=self._failed)

    def _failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show(self, result: tuple[list[OnSiteRow], list[StaffRow]]) -> None:
        self._loading = False
        rows, staff_rows = result
        keep = selected_key(self.table)
        self.rows = rows
        self.staff_rows = staff_rows
        # Staff first (the fire roll's order), then visitors.
        table_rows: list[list[str]] = [
            [
                s.name,
                "Staff",
                self.ctx.local_time(s.signed_in_at),
                s.job_title,
                "",
                "",
                "Staff (signed in at the kiosk)",
            ]
            for s in staff_rows
        ]
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
        keys: list[object] = [s.key for s in staff_rows] + [r.visit.id for r in rows]
        fill_table(self.table, table_rows, keys)
        if keep is not None and keep in keys:
            self.table.selectRow(keys.index(keep))
        counts = Counter(r.visit.person_type for r in rows)
        parts = [
            f"{n} {t.label.lower()}{'' if n == 1 or t.value.endswith('staff') else 's'}"
            for t, n in sorted(counts.items(), key=lambda kv: -kv[1])
        ]
        if staff_rows:
            parts.insert(0, f"{len(staff_rows)} staff")
        total = len(rows) + len(staff_rows)
        self.counts.setText(
            f"{total} {'person' if total == 1 else 'people'} on site"
            + (f": {', '.join(parts)}" if parts else ".")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = selected_key(self.table) is not None
        self.sign_out_button.setEnabled(chosen)
        self.reprint_button.setEnabled(self._chosen() is not None)  # staff have no badge
        self.roll_call_button.setVisible(
            self.ctx.services.staff_roll is not None and self.ctx.session.may(Action.ROLL_CALL)
        )

    def _chosen(self) -> OnSiteRow | None:
        key = selected_key(self.table)
        return next((r for r in self.rows if r.visit.id == key), None)

    def _chosen_staff(self) -> StaffRow | None:
        key = selected_key(self.table)
        return next((s for s in self.staff_rows if s.key == key), None)

    def sign_out(self) -> None:
        row, actor = self._chosen(), self.ctx.actor
        member = self._chosen_staff()
        roll = self.ctx.services.staff_roll
        if member is not None and roll is not None and actor is not None:

            def staff_done(_result: object) -> None:
                self.message.info(f"{member.name} is signed out.")
                self.ctx.events.local(Change.STAFF_PRESENCE)

            run_op(
                self,
                lambda: roll.sign_out(actor, member.member_id),
                on_done=staff_done,
                on_error=self.message.error,
            )
            return
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

    def open_roll_call(self) -> None:
        """Open the roll call (resuming the one in progress): a tick per person at the assembly point."""
        from kiosk.ui.console.parts import keep_open
        from kiosk.ui.console.rollcall import RollCallDialog

        if self.ctx.actor is None or self.ctx.services.staff_roll is None:
            return
        dialog = RollCallDialog(self.ctx, self)
        # As big as the console allows: the list is for a finger in the playground.
        window = self.window()
        dialog.resize(min(window.width(), 1000), min(window.height(), 720))
        keep_open(self, "roll_call_dialog", dialog)
        dialog.open()
        dialog.begin()

    def fire_roll(self) -> None:
        """Print the fire roll on the report printer in one click; if it cannot print, say so and offer the PDF."""
        reports, actor = self.ctx.services.reports, self.ctx.actor
        if reports is None or actor is None:
            return
        self.fire_button.setEnabled(False)

        def done(result: FireRollResult) -> None:
            self.fire_button.setEnabled(True)
            self.last_fire_roll = result.document
            n = result.document.roll.total
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

            run_op(
                self,
                lambda: save_file(path, document.pdf, "The fire roll"),
                on_done=saved,
                on_error=self.message.error,
            )

        def saved(path: Path) -> None:
            self.last_saved = path
            self.message.info(f"Fire roll saved: {path}")

        run_op(self, lambda: reports.fire_roll(actor), on_done=made, on_error=self.message.error)
