"""The alert panel: a held visitor beside the ban record, the reasons, and reception's decision."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.decisions import RELEASE_REASON_MIN, IdentityCheck
from kiosk.domain.errors import KioskError
from kiosk.domain.events import Change, Topic
from kiosk.domain.model import AlertBand, DismissedMatch
from kiosk.domain.permissions import Action
from kiosk.services.alerts import AlertView, CollectionHoldView
from kiosk.ui.console.collection_alert import CollectionDetail, hold_list_text
from kiosk.ui.console.context import ConsoleContext, TopicWatch
from kiosk.ui.console.parts import (
    Card,
    ConfirmDialog,
    FlowLayout,
    MessageLine,
    ResponsiveRow,
    StaffNameEdit,
    button,
    label,
)
from kiosk.ui.ops import run_op

SIDE_WIDE, SIDE_NARROW = 320, 240  # the list of alerts, beside the alert (narrower below 1100 px)


def _date(d) -> str:
    return d.strftime("%-d %b %Y") if d else ""


@dataclass(frozen=True)
class _Shown:
    """An alert view with the staff names its notes need (looked up off the GUI thread)."""

    view: AlertView
    dismissal_notes: tuple[str, ...]


def dismissal_note(ctx: ConsoleContext, d: DismissedMatch) -> str:
    """ "Match dismissed on DATE by NAME", with the note and whether it still holds."""
    text = f"Match dismissed on {ctx.local_time(d.dismissed_at, '%-d %b %Y')} by {ctx.staff_name(d.dismissed_by)}"
    if d.note:
        text += f": “{d.note}”"
    if d.revoked_at is not None:
        text += " (revoked)"
    return text


class AlertDetail(QWidget):
    """One alert: the visitor as signed in beside the ban record, the score and the reasons, the decisions."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        self.banner = QFrame()
        self.banner.setProperty("console", "banner")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(16, 10, 16, 10)
        self.headline = label("", "bannertext", wrap=True)
        self.score = label("", "score")
        banner_row.addWidget(self.headline, 1)
        banner_row.addWidget(self.score, 0, Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.banner)
        # Side by side when there is room; on a 1024x768 screen (or with large text) the ban record goes
        # under the visitor, whole, rather than being cut off.
        self.cards = ResponsiveRow(330)
        self.visitor_card = Card("Signed in at the kiosk", "visitorcard")
        self.ban_card = Card("Ban record", "bancard")
        self.cards.add(self.visitor_card)
        self.cards.add(self.ban_card)
        outer.addWidget(self.cards)
        self.reasons_card = Card("Why the names match")
        self.reasons = label("", wrap=True)
        self.reasons_card.layout().insertWidget(1, self.reasons)
        outer.addWidget(self.reasons_card)
        self.dismissals = label("", "message", wrap=True)
        outer.addWidget(self.dismissals)
        outer.addStretch(1)
        # The decision bar (note, buttons, hint) is placed by the page below the scrolling record, so the
        # decisions stay on screen at 1024x768 however long the ban record is.
        self.decision_bar = QFrame()
        self.decision_bar.setProperty("console", "decisionbar")
        bar = QVBoxLayout(self.decision_bar)
        bar.setContentsMargins(0, 10, 0, 0)
        bar.setSpacing(8)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note (optional): what you checked, who you spoke to")
        self.note.setMaxLength(2000)
        bar.addWidget(self.note)
        decisions = QWidget()
        row = FlowLayout(decisions)  # wraps on a narrow screen instead of pushing buttons off it
        self.release_button = button("Release and print badge", "primary", "fa5s.check")
        self.refuse_button = button("Refuse entry", "danger", "fa5s.times")
        self.not_same_button = button("Not the same person", "secondary", "fa5s.user-check")
        self.noted_button = button("Noted", "primary", "fa5s.check")
        for b in (self.release_button, self.refuse_button, self.not_same_button, self.noted_button):
            row.addWidget(b)
        bar.addWidget(decisions)
        self.hint = label("", "fieldname", wrap=True)
        bar.addWidget(self.hint)

    def show_alert(self, ctx: ConsoleContext, shown: _Shown) -> None:
        v = shown.view
        held = v.alert.band is AlertBand.ALERT
        when = ctx.local_time(v.visit.signed_in_at)
        if held:
            self.headline.setText(
                f"{v.visit.name_as_typed} is waiting at the {v.kiosk_name} kiosk (since {when}). "
                "No badge has printed. Do not tell the visitor about a ban: go and speak to them."
            )
        else:
            self.headline.setText(
                f"For review: {v.visit.name_as_typed} signed in at the {v.kiosk_name} kiosk at {when} and was "
                "not held. Check the match when you can."
            )
        self.banner.setVisible(True)
        self.score.setProperty("console", "score" if held else "reviewscore")
        self.score.style().unpolish(self.score)
        self.score.style().polish(self.score)
        self.score.setText(f"Match {round(v.alert.score * 100)}%")
        person = v.person
        self.visitor_card.set_rows(
            [
                ("Name as typed", v.visit.name_as_typed),
                ("Type", v.visit.person_type.label),
                ("Organisation", v.visit.organisation or (person.organisation if person else "")),
                ("Time", ctx.local_time(v.visit.signed_in_at, "%H:%M, %-d %b %Y")),
                ("Kiosk", v.kiosk_name),
                (
                    "Status",
                    "Waiting at reception" if v.visit.status.value == "held" else v.visit.status.value,
                ),
            ]
        )
        b = v.ban
        dates = _date(b.start) + (f" to {_date(b.end)}" if b.end else " (no end date)")
        self.ban_card.set_rows(
            [
                ("Name", b.name),
                ("Also known as", ", ".join(b.aliases)),
                ("Date of birth", _date(b.date_of_birth)),
                ("Behaviour", "; ".join(b.categories)),
                ("Dates", dates),
                ("Review", _date(b.review_date)),
                ("Conditions", b.conditions),
                ("Reason", b.reason),
            ]
        )
        reasons = "\n".join(f"• {r}" for r in v.alert.reasons) or "• The names are similar."
        self.reasons.setText(f"Matched “{v.alert.matched_name}” — score {v.alert.score:.2f}\n{reasons}")
        self.dismissals.setText("\n".join(shown.dismissal_notes))
        self.dismissals.setVisible(bool(shown.dismissal_notes))
        self.note.clear()
        for b_ in (self.release_button, self.refuse_button, self.not_same_button):
            b_.setVisible(held)
        self.noted_button.setVisible(not held)
        can_dismiss = ctx.session.may(Action.DISMISS_MATCH)
        self.hint.setText(
            ""
            if can_dismiss or not held
            else "“Not the same person” needs a safeguarding lead or the head to confirm with their PIN."
        )
        self.hint.setVisible(bool(self.hint.text()))
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        for b in (self.release_button, self.refuse_button, self.not_same_button, self.noted_button):
            b.setEnabled(not busy)


class AlertsPage(QWidget):
    """Open alerts: held visitors on top, review-band matches in a quieter list below."""

    def __init__(self, ctx: ConsoleContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.views: dict[int, AlertView] = {}
        self.current: AlertView | None = None
        self.decision_dialog: ConfirmDialog | None = None  # the open confirmation, if any
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        outer.addWidget(label("Alerts", "pagetitle"))
        # The message line keeps its place when empty: a decision's message must not push the page down
        # under the pointer.
        self.message = MessageLine(reserve_lines=2)
        outer.addWidget(self.message)
        body = QHBoxLayout()
        body.setSpacing(16)
        side = QVBoxLayout()
        side.setSpacing(6)
        side.addWidget(label("Waiting at reception", "sectiontitle"))
        self.alert_list = self._list("alerts")
        side.addWidget(self.alert_list, 3)
        side.addWidget(label("For review (not held)", "sectiontitle"))
        self.review_list = self._list("review")
        side.addWidget(self.review_list, 2)
        self.side = QWidget()
        self.side.setLayout(side)
        self.side.setFixedWidth(SIDE_WIDE)
        body.addWidget(self.side)
        self.stack = QStackedWidget()
        self.empty = label(
            "No one is waiting.\nWhen a kiosk holds a visitor the alert appears here at once, with a sound.",
            "empty",
            wrap=True,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = AlertDetail()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.detail)
        detail_page = QWidget()
        detail_col = QVBoxLayout(detail_page)
        detail_col.setContentsMargins(0, 0, 0, 0)
        detail_col.setSpacing(0)
        detail_col.addWidget(scroll, 1)
        detail_col.addWidget(self.detail.decision_bar)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(detail_page)
        # A collector held at the door (kiosk.services.pupils): the child's list instead of a ban record.
        self.collection = CollectionDetail()
        self.stack.addWidget(self.collection)
        self.holds: dict[int, CollectionHoldView] = {}
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self._connect_signals()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # At 1024x768 the alert itself needs the room more than the list beside it.
        self.side.setFixedWidth(SIDE_WIDE if event.size().width() >= 1100 else SIDE_NARROW)
        super().resizeEvent(event)

    @staticmethod
    def _list(kind: str) -> QListWidget:
        widget = QListWidget()
        widget.setProperty("console", kind)
        widget.setWordWrap(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return widget

    def _connect_signals(self) -> None:
        self.watch = TopicWatch(self, self.ctx.events, {Topic.ALERTS}, self.refresh)
        self.alert_list.currentItemChanged.connect(self._selected)
        self.review_list.currentItemChanged.connect(self._selected)
        self.detail.release_button.clicked.connect(self.release)
        self.detail.refuse_button.clicked.connect(self.refuse)
        self.detail.not_same_button.clicked.connect(self.not_same_person)
        self.detail.noted_button.clicked.connect(self.noted)
        self.collection.release_button.clicked.connect(self.release_collection)
        self.collection.refuse_button.clicked.connect(self.refuse_collection)
        self.collection.order_button.clicked.connect(self.open_orders)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        actor = self.ctx.actor
        if actor is None or not self.ctx.session.may(Action.HANDLE_ALERT) or self._loading:
            return
        self._loading = True
        alerts = self.ctx.services.alerts
        run_op(
            self,
            lambda: (alerts.open_alerts(actor), alerts.collection_holds(actor)),
            on_done=lambda answer: self._show_list(*answer),
            on_error=self._load_failed,
        )

    def _load_failed(self, exc: KioskError) -> None:
        self._loading = False
        self.message.error(exc)

    def _show_list(self, views: list[AlertView], holds: list[CollectionHoldView] | None = None) -> None:
        self._loading = False
        self.views = {v.alert.id: v for v in views}
        self.holds = {v.visit.id: v for v in holds or [] if v.visit.id is not None}
        keep: object = self.current.alert.id if self.current and self.current.alert.id in self.views else None
        shown_hold = self.collection.view if self.stack.currentWidget() is self.collection else None
        if keep is None and shown_hold is not None and shown_hold.visit.id in self.holds:
            keep = ("hold", shown_hold.visit.id)
        for widget in (self.alert_list, self.review_list):
            widget.blockSignals(True)
            widget.clear()
        for v in views:
            held = v.alert.band is AlertBand.ALERT
            text = (
                f"{v.visit.name_as_typed}\n{v.kiosk_name} · {self.ctx.local_time(v.visit.signed_in_at)} · "
                f"match {round(v.alert.score * 100)}% with {v.ban.name}"
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, v.alert.id)
            (self.alert_list if held else self.review_list).addItem(item)
            if v.alert.id == keep:
                (self.alert_list if held else self.review_list).setCurrentItem(item)
        for hv in self.holds.values():
            item = QListWidgetItem(hold_list_text(self.ctx, hv))
            item.setData(Qt.ItemDataRole.UserRole, ("hold", hv.visit.id))
            self.alert_list.addItem(item)
            if keep == ("hold", hv.visit.id):
                self.alert_list.setCurrentItem(item)
        for widget in (self.alert_list, self.review_list):
            widget.blockSignals(False)
        if keep is None:
            self.current = None
            first = self.alert_list.item(0) or self.review_list.item(0)
            if first is not None and self.alert_list.count():
                self.alert_list.setCurrentItem(first)
            elif first is not None:
                self.review_list.setCurrentItem(first)
            else:
                self.stack.setCurrentIndex(0)

    def _selected(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        other = self.review_list if item.listWidget() is self.alert_list else self.alert_list
        other.blockSignals(True)
        other.setCurrentItem(None)
        other.clearSelection()
        other.blockSignals(False)
        alert_id = item.data(Qt.ItemDataRole.UserRole)
        actor, ctx = self.ctx.actor, self.ctx
        if isinstance(alert_id, (tuple, list)):
            visit_id = int(alert_id[1])
            run_op(
                self,
                lambda: ctx.services.alerts.collection_hold(actor, visit_id),
                on_done=self._show_hold,
                on_error=self.message.error,
            )
            return

        def work() -> _Shown:
            # Opening an alert shows the ban's details, so it goes through view(), which audits it.
            view = ctx.services.alerts.view(actor, alert_id)
            notes = tuple(dismissal_note(ctx, d) for d in view.earlier_dismissals)
            return _Shown(view, notes)

        run_op(self, work, on_done=self._show_detail, on_error=self.message.error)

    def _show_hold(self, view: CollectionHoldView) -> None:
        self.current = None
        self.collection.show_hold(self.ctx, view)
        self.stack.setCurrentWidget(self.collection)

    def _decide_hold(self, work, done_text: str) -> None:
        self.collection.set_busy(True)

        def failed(exc: KioskError) -> None:
            self.collection.set_busy(False)
            self.message.error(exc)
            self.refresh()

        def done(_r) -> None:
            self.collection.view = None
            self.stack.setCurrentIndex(0)
            self._decided(done_text)

        run_op(self, work, on_done=done, on_error=failed)

    def release_collection(self) -> None:
        """Release a held collector (with a short reason): on site, and the badge prints."""
        v, actor = self.collection.view, self.ctx.actor
        if v is None:
            return
        dialog = ConfirmDialog(
            f"Release {v.visit.name_as_typed}?",
            f"{v.headline}.\n\nRelease {v.visit.name_as_typed} to collect {v.hold.child_name} only once the "
            "child's family or the safeguarding lead has confirmed it. A badge will print.",
            "Release and print badge",
            self,
            reason_caption="Who confirmed it, in a few words (recorded with your name):",
            reason_min=RELEASE_REASON_MIN,
        )

        def confirmed() -> None:
            reason, note = dialog.reason(), self.collection.note.text()
            self._decide_hold(
                lambda: self.ctx.services.alerts.release(actor, v.visit.id, note, reason=reason),
                f"{v.visit.name_as_typed} was released; the badge is printing.",
            )

        dialog.accepted.connect(confirmed)
        self._open_dialog(dialog)

    def refuse_collection(self) -> None:
        v, actor = self.collection.view, self.ctx.actor
        if v is None:
            return
        dialog = ConfirmDialog(
            f"Refuse {v.visit.name_as_typed}?",
            "The visit is closed as refused and no badge prints; the child stays in school. Speak to the "
            "visitor calmly, away from the kiosk.",
            "Refuse",
            self,
            role="danger",
        )

        def confirmed() -> None:
            note = self.collection.note.text()
            self._decide_hold(
                lambda: self.ctx.services.alerts.refuse(actor, v.visit.id, note),
                f"{v.visit.name_as_typed} was refused. The visit is closed.",
            )

        dialog.accepted.connect(confirmed)
        self._open_dialog(dialog)

    def open_orders(self) -> None:
        """The lead or the head opens the order's details (audited by the service)."""
        v, actor = self.collection.view, self.ctx.actor
        if v is None:
            return
        run_op(
            self,
            lambda: self.ctx.services.alerts.restriction_details(actor, v.visit.id),
            on_done=self.collection.show_orders,
            on_error=self.message.error,
        )

    def _show_detail(self, shown: _Shown) -> None:
        self.current = shown.view
        self.detail.show_alert(self.ctx, shown)
        self.stack.setCurrentIndex(1)

    # ------------------------------------------------------------------ decisions

    def _decide(self, work, done_text: str) -> None:
        if self.current is None:
            return
        self.detail.set_busy(True)

        def failed(exc: KioskError) -> None:
            self.detail.set_busy(False)
            self.message.error(exc)
            self.refresh()

        run_op(self, work, on_done=lambda _r: self._decided(done_text), on_error=failed)

    def _decided(self, done_text: str) -> None:
        self.message.info(done_text)
        self.current = None
        self.ctx.events.local(Change.ALERT_DECIDED)

    @staticmethod
    def _ban_summary(v: AlertView) -> str:
        """The ban in two lines: whose, and what it says (for the confirmations)."""
        b = v.ban
        dates = _date(b.start) + (f" to {_date(b.end)}" if b.end else " (no end date)")
        text = (
            f"Ban: {b.name} (match {round(v.alert.score * 100)}%)\n"
            f"{'; '.join(b.categories) or 'No behaviour recorded'} · {dates}"
        )
        if b.conditions:
            text += f"\nConditions: {b.conditions}"
        return text

    def _open_dialog(self, dialog: ConfirmDialog) -> None:
        old, self.decision_dialog = self.decision_dialog, dialog
        if old is not None:
            old.deleteLater()
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_closed(d))
        dialog.open()

    def _dialog_closed(self, dialog: ConfirmDialog) -> None:
        if self.decision_dialog is dialog:
            self.decision_dialog = None
        dialog.deleteLater()

    def release(self) -> None:
        """Ask for a confirmation that names the ban, and a short reason; then release and print."""
        v, actor = self.current, self.ctx.actor
        if v is None:
            return
        dialog = ConfirmDialog(
            f"Release {v.visit.name_as_typed}?",
            f"{self._ban_summary(v)}\n\n"
            f"Release {v.visit.name_as_typed} only if you are sure they are not the person banned, or the "
            "ban's conditions allow this visit. A badge will print.",
            "Release and print badge",
            self,
            reason_caption="Why you are releasing them (recorded with your name, in a few words):",
            reason_min=RELEASE_REASON_MIN,
        )

        def confirmed() -> None:
            reason, note = dialog.reason(), self.detail.note.text()
            self._decide(
                lambda: self.ctx.services.alerts.release(actor, v.visit.id, note, reason=reason),
                f"{v.visit.name_as_typed} was released; the badge is printing.",
            )

        dialog.accepted.connect(confirmed)
        self._open_dialog(dialog)

    def refuse(self) -> None:
        """Ask for a confirmation, then refuse entry (the visit is closed as refused)."""
        v, actor = self.current, self.ctx.actor
        if v is None:
            return
        dialog = ConfirmDialog(
            f"Refuse entry to {v.visit.name_as_typed}?",
            f"{self._ban_summary(v)}\n\n"
            "The visit is closed as refused and no badge prints. Tell them calmly that they cannot come in "
            "today; do not discuss the ban at the kiosk.",
            "Refuse entry",
            self,
            role="danger",
        )

        def confirmed() -> None:
            note = self.detail.note.text()
            self._decide(
                lambda: self.ctx.services.alerts.refuse(actor, v.visit.id, note),
                f"Entry refused for {v.visit.name_as_typed}. The visit is closed.",
            )

        dialog.accepted.connect(confirmed)
        self._open_dialog(dialog)

    def noted(self) -> None:
        v, actor, note = self.current, self.ctx.actor, self.detail.note.text()
        if v is None:
            return
        self._decide(
            lambda: self.ctx.services.alerts.note_review(actor, v.alert.id, note),
            f"The match for {v.visit.name_as_typed} was noted.",
        )

    def not_same_person(self) -> None:
        """Record what was checked (pass, photo ID, spoke to them); a receptionist needs a lead's PIN too."""
        v, actor = self.current, self.ctx.actor
        if v is None or actor is None:
            return
        needs_authoriser = not self.ctx.session.may(Action.DISMISS_MATCH)
        intro = (
            f"{self._ban_summary(v)}\n\n"
            f"You are saying {v.visit.name_as_typed} is not the person banned. They are not held for this "
            "ban again when they sign in with their visitor pass. Tick what you checked."
        )
        if needs_authoriser:
            intro += (
                " Only a safeguarding lead or the head can confirm this: ask one of them to type their name "
                "and PIN."
            )
        dialog = ConfirmDialog(
            "Not the same person",
            intro,
            "Confirm: not the same person",
            self,
            checks=[c.caption for c in IdentityCheck],
            require_check=True,
        )
        dialog.hold_open = True
        name_edit: StaffNameEdit | None = None
        pin_edit: QLineEdit | None = None
        services = self.ctx.services
        if needs_authoriser:
            name_edit = StaffNameEdit()
            name_edit.setPlaceholderText("Safeguarding lead or head: type your name")
            pin_edit = QLineEdit()
            pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
            pin_edit.setMaxLength(12)
            dialog.add_field("Name", name_edit)
            dialog.add_field("PIN", pin_edit)
            run_op(dialog, services.staff.names, on_done=name_edit.set_names)
        done_text = (
            f"Not the same person: {v.visit.name_as_typed} is not held for this ban again "
            "when they sign in with their visitor pass."
        )

        def confirmed() -> None:
            checks = [c for c, box in zip(IdentityCheck, dialog.check_boxes, strict=True) if box.isChecked()]
            note = self.detail.note.text()
            who = name_edit.text() if name_edit is not None else ""
            pin = pin_edit.text() if pin_edit is not None else ""
            if pin_edit is not None:
                pin_edit.clear()

            def work():
                authoriser = (
                    services.staff.authenticate(who, pin, source="console") if needs_authoriser else None
                )
                return services.alerts.not_same_person(
                    actor, v.alert.id, note, authoriser=authoriser, checks=checks
                )

            def done(_result) -> None:
                dialog.accept()
                self._decided(done_text)

            self.detail.set_busy(True)

            def failed(exc: KioskError) -> None:
                self.detail.set_busy(False)
                dialog.show_error(exc)

            run_op(dialog, work, on_done=done, on_error=failed)

        dialog.confirmed.connect(confirmed)
        self._open_dialog(dialog)
