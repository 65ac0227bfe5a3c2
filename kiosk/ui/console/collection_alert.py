"""A collector held at the door, on the Alerts page: who came for which child, and the child's own list.

A court order or "do not release to" note shows only "Hold: call the safeguarding lead"; the safeguarding
lead and the head can open the order's details (each opening is audited).
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from kiosk.domain.permissions import Action
from kiosk.domain.pupils import Restriction
from kiosk.services.alerts import CollectionHoldView
from kiosk.ui.console.context import ConsoleContext
from kiosk.ui.console.parts import Card, FlowLayout, ResponsiveRow, button, label

PHOTO_SIZE = 72


def hold_list_text(ctx: ConsoleContext, v: CollectionHoldView) -> str:
    """The line in the list of who is waiting."""
    what = v.headline if v.restricted else f"collecting {v.hold.child_name}: {v.headline.lower()}"
    return f"{v.visit.name_as_typed}\n{v.kiosk_name} · {ctx.local_time(v.visit.signed_in_at)} · {what}"


class CollectorRow(QWidget):
    """One authorised collector: photo (where the school holds one), name and relationship."""

    def __init__(self, name: str, relationship: str, photo: bytes | None, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.setSpacing(12)
        self.photo = QLabel()
        self.photo.setFixedSize(PHOTO_SIZE, PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap()
        if photo and pixmap.loadFromData(photo):
            self.photo.setPixmap(
                pixmap.scaled(
                    PHOTO_SIZE,
                    PHOTO_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo.setText("no photo")
            self.photo.setProperty("console", "fieldname")
        row.addWidget(self.photo)
        self.name = label(name, "fieldvalue", wrap=True)
        self.relationship = label(relationship or "—", "fieldname", wrap=True)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.relationship)
        row.addLayout(text, 1)


class CollectionDetail(QWidget):
    """The held collector beside the child's authorised collectors, with reception's two decisions."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(12)
        self.banner = QFrame()
        self.banner.setProperty("console", "banner")
        banner_col = QVBoxLayout(self.banner)
        banner_col.setContentsMargins(16, 10, 16, 10)
        self.outcome = label("", "pagetitle", wrap=True)
        self.headline = label("", "bannertext", wrap=True)
        banner_col.addWidget(self.outcome)
        banner_col.addWidget(self.headline)
        body.addWidget(self.banner)
        self.cards = ResponsiveRow(330)
        self.visitor_card = Card("Signed in at the kiosk", "visitorcard")
        self.list_card = Card("The child's authorised collectors")
        self.list_rows = QVBoxLayout()
        self.list_rows.setSpacing(6)
        cast(QVBoxLayout, self.list_card.layout()).insertLayout(1, self.list_rows)
        self.cards.add(self.visitor_card)
        self.cards.add(self.list_card)
        body.addWidget(self.cards)
        self.order_card = Card("Court order or note (safeguarding lead and head only)", "bancard")
        self.order_text = label("", wrap=True)
        self.order_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cast(QVBoxLayout, self.order_card.layout()).insertWidget(1, self.order_text)
        self.order_card.hide()
        body.addWidget(self.order_card)
        body.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        self.decision_bar = QFrame()
        self.decision_bar.setProperty("console", "decisionbar")
        bar = QVBoxLayout(self.decision_bar)
        bar.setContentsMargins(0, 10, 0, 0)
        bar.setSpacing(8)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note (optional): whom you phoned, what you checked")
        self.note.setMaxLength(2000)
        bar.addWidget(self.note)
        decisions = QWidget()
        row = FlowLayout(decisions)
        self.release_button = button("Release and print badge", "primary", "fa5s.check")
        self.refuse_button = button("Refuse: not collecting today", "danger", "fa5s.times")
        self.order_button = button("Open the order's details", "secondary", "fa5s.gavel")
        for b in (self.release_button, self.refuse_button, self.order_button):
            row.addWidget(b)
        bar.addWidget(decisions)
        self.hint = label("", "fieldname", wrap=True)
        bar.addWidget(self.hint)
        outer.addWidget(self.decision_bar)
        self.view: CollectionHoldView | None = None
        self._may_release = False

    def show_hold(self, ctx: ConsoleContext, v: CollectionHoldView) -> None:
        self.view = v
        when = ctx.local_time(v.visit.signed_in_at)
        self.outcome.setText(v.headline)
        if v.restricted:
            self.headline.setText(
                f"{v.visit.name_as_typed} is waiting at the {v.kiosk_name} kiosk (since {when}) to collect "
                f"{v.hold.child_name}. Do not hand the child over and do not discuss it with them: call the "
                "safeguarding lead now."
            )
        else:
            self.headline.setText(
                f"{v.visit.name_as_typed} is waiting at the {v.kiosk_name} kiosk (since {when}) to collect "
                f"{v.hold.child_name}. No badge has printed. Check with the child's family before the child "
                "is brought down; the visitor has been told only that someone will be with them."
            )
        self.visitor_card.set_rows(
            [
                ("Name as typed", v.visit.name_as_typed),
                ("Child, as typed", v.hold.child_name),
                ("Child on the list", v.child or "Not found on the list of pupils"),
                ("Relationship given", v.visit.relationship),
                ("Time", ctx.local_time(v.visit.signed_in_at, "%H:%M, %-d %b %Y")),
                ("Kiosk", v.kiosk_name),
                ("Family password", "set" if v.password_set else "none set"),
            ]
        )
        while self.list_rows.count():
            item = self.list_rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if v.collectors:
            for c in v.collectors:
                self.list_rows.addWidget(CollectorRow(c.name, c.relationship, c.photo))
        else:
            self.list_rows.addWidget(
                label("No one: the child was not found, or has no collectors listed.", "message", wrap=True)
            )
        self.order_card.hide()
        self.order_text.clear()
        lead = ctx.session.may(Action.COURT_ORDERS)
        self.order_button.setVisible(v.restricted and lead)
        self._may_release = not v.restricted or lead
        self.hint.setText(
            "Only the safeguarding lead or the head can release this collection."
            if v.restricted and not lead
            else ""
        )
        self.hint.setVisible(bool(self.hint.text()))
        self.note.clear()
        self.set_busy(False)

    def show_orders(self, orders: list[Restriction]) -> None:
        """The order's details, for the lead or the head who opened them."""
        parts = []
        for r in orders:
            text = f"{r.kind.label}: {r.person_name}"
            if r.aliases:
                text += f" (also known as {', '.join(r.aliases)})"
            if r.expires_on:
                text += f", until {r.expires_on:%-d %b %Y}"
            parts.append(text + (f"\n{r.details}" if r.details else ""))
        self.order_text.setText("\n\n".join(parts) or "The order has been removed since the hold.")
        self.order_card.show()

    def set_busy(self, busy: bool) -> None:
        for b in (self.refuse_button, self.order_button):
            b.setEnabled(not busy)
        self.release_button.setEnabled(not busy and self._may_release)
