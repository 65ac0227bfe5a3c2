"""The trust's reports (trust safeguarding lead only): bans across schools, reviews due, incidents by school.

The same report as `kiosk trust report`, read through the trust report service (audited; the reviews name
banned people). It sees every school only on the trust's console, connected as the trust's database role;
a school's console shows that school's figures alone (row-level security, kiosk.db.trust).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from kiosk.domain.errors import KioskError
from kiosk.domain.permissions import Action
from kiosk.domain.trust import TrustReport
from kiosk.ui.console.context import ConsoleContext
from kiosk.ui.console.parts import MessageLine, button, fill_table, label, make_table
from kiosk.ui.ops import run_op

BAN_COLUMNS = ("School", "School bans", "Trust bans recorded", "For several schools")
REVIEW_COLUMNS = ("Review due", "School", "Ban", "Name", "Scope")
INCIDENT_COLUMNS = ("School", "Incidents", "Open cases")
SCOPES = {"school": "this school", "schools": "several schools", "trust": "whole trust"}


class TrustPage(QWidget):
    """Three small tables, read on Refresh and when the page is shown (never live: each read is audited)."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.report: TrustReport | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label("Trust", "pagetitle"))
        top.addStretch(1)
        top.addWidget(label("Reviews due within", "fieldname"))
        self.within = QSpinBox()
        self.within.setRange(0, 366)
        self.within.setValue(30)
        self.within.setSuffix(" days")
        top.addWidget(self.within)
        self.refresh_button = button("Refresh", "secondary", "fa5s.sync")
        top.addWidget(self.refresh_button)
        outer.addLayout(top)
        outer.addWidget(
            label(
                "Bans in force at each school of the trust, the bans whose review falls due, and incidents "
                "and open cases by school. Each reading is recorded in the audit log.",
                "fieldname",
                wrap=True,
            )
        )
        self.message = MessageLine()
        outer.addWidget(self.message)
        outer.addWidget(label("Bans in force by school", "sectiontitle"))
        self.bans = make_table(BAN_COLUMNS)
        outer.addWidget(self.bans, 1)
        outer.addWidget(label("Reviews due", "sectiontitle"))
        self.reviews = make_table(REVIEW_COLUMNS)
        outer.addWidget(self.reviews, 1)
        outer.addWidget(label("Incidents by school", "sectiontitle"))
        self.incidents = make_table(INCIDENT_COLUMNS)
        outer.addWidget(self.incidents, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)

    def refresh(self) -> None:
        actor = self.ctx.actor
        if actor is None or not self.ctx.session.may(Action.TRUST_REPORTS):
            return
        source = self.ctx.services.trust_reports
        if source is None:
            self.message.error(KioskError("This console has no trust reports."))
            return
        within = self.within.value()
        run_op(self, lambda: source.report(actor, within), on_done=self._show, on_error=self.message.error)

    def _show(self, report: TrustReport) -> None:
        self.report = report
        self.message.clear_message()
        fill_table(
            self.bans,
            [[b.school, str(b.school_bans), str(b.trust_bans), str(b.several_schools)] for b in report.bans],
        )
        fill_table(
            self.reviews,
            [
                [
                    f"{r.review_date.day} {r.review_date:%b %Y}",
                    r.school,
                    f"#{r.ban_id}",
                    r.name,
                    SCOPES.get(r.scope, r.scope),
                ]
                for r in report.reviews_due
            ],
        )
        fill_table(
            self.incidents, [[i.school, str(i.incidents), str(i.open_cases)] for i in report.incidents]
        )
