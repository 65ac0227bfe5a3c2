"""Who is on site now: sign out, reprint a badge, counts by type, and the fire roll."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.documents import FireRoll, RosterLine
from kiosk.domain.errors import KioskError, PrintFailed
from kiosk.domain.model import Person, PersonType, ScreeningOutcome, Visit
from kiosk.domain.permissions import Action, may
from kiosk.ui.console.context import ConsoleContext
from kiosk.ui.console.parts import MessageLine, button, fill_table, label, make_table, selected_key
from kiosk.ui.ops import run_op

log = logging.getLogger(__name__)

COLUMNS = ("Name", "Type", "Time in", "Visiting", "Organisation", "Badge", "Note")


@dataclass(frozen=True)
class OnSiteRow:
    """One person on site with what the table shows about them."""

    visit: Visit
    person: Person | None
    note: str = ""


def render_fire_roll_pdf(roll: FireRoll) -> bytes:
    """The fire roll as PDF (reportlab layout from kiosk.printing)."""
    from kiosk.printing.reports import render_fire_roll

    return render_fire_roll(roll)


class OnSitePage(QWidget):
    """The live list of everyone on site."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[OnSiteRow] = []
        # Opens a saved PDF; tests replace it so nothing opens on the test machine.
        self.open_file = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.last_fire_roll: Path | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("On site now", "pagetitle"))
        top.addStretch(1)
        self.fire_button = button("Fire roll", "danger", "fa5s.fire")
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
        self.ctx.events.changed.connect(lambda *_: self.refresh())
        self.sign_out_button.clicked.connect(self.sign_out)
        self.reprint_button.clicked.connect(self.reprint)
        self.fire_button.clicked.connect(self.fire_roll)
        self.table.itemSelectionChanged.connect(self._update_buttons)

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
            return out

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
            self.ctx.events.local("visit.signed_out")

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
            self.ctx.events.local("badge.reprinted")

        run_op(
            self,
            lambda: self.ctx.services.sign_in.reprint(actor, row.visit.id),
            on_done=done,
            on_error=self.message.error,
        )

    def fire_roll(self) -> None:
        """Make the fire roll PDF of everyone on site, save it in the badge folder and open it."""
        settings = self.ctx.services.settings
        zone = settings.zone
        ctx = self.ctx
        actor = ctx.actor

        def work() -> Path:
            people = ctx.services.sign_in.on_site(actor)
            now = datetime.now(zone)
            roll = FireRoll(
                school_name=settings.school.name,
                site_name=settings.kiosk.site,
                printed_at=now,
                lines=tuple(
                    RosterLine(
                        name=p.full_name if p else v.name_as_typed,
                        person_type=v.person_type,
                        signed_in_at=v.signed_in_at.astimezone(zone),
                        host=v.host,
                        organisation=v.organisation,
                        status=v.status.value,
                    )
                    for v, p in people
                ),
            )
            pdf = render_fire_roll_pdf(roll)
            folder = settings.badge_folder()
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / f"fire-roll-{now:%Y%m%d-%H%M%S}.pdf"
                path.write_bytes(pdf)
            except OSError as exc:
                raise PrintFailed(f"The fire roll could not be saved in {folder}: {exc.strerror}.") from None
            return path

        def done(path: Path) -> None:
            self.last_fire_roll = path
            self.message.info(f"Fire roll saved: {path}")
            self.open_file(path)

        run_op(self, work, on_done=done, on_error=self.message.error)
