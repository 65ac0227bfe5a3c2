"""Names, notes and free text are shown as typed, never as rich text, on every console page and dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace  # mightBeRichText lives in QtGui's part of Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.domain.model import PersonType, Role
from kiosk.services.visits import VisitDetails
from tests.gui.console.conftest import PINS

HOSTILE_FIRST = "<b>Bill</b>"
HOSTILE_ORG = "<img src=x> & <font color=red>Co</font>"


def _labels(widget) -> list[QLabel]:
    return [w for w in widget.findChildren(QLabel)]


def _rich(labels: list[QLabel]) -> list[str]:
    """Labels that Qt would render as rich text (a hostile name would turn bold or load an image)."""
    out = []
    for w in labels:
        if w.textFormat() != Qt.TextFormat.PlainText and (
            w.textFormat() == Qt.TextFormat.RichText or QtGuiNamespace.mightBeRichText(w.text())
        ):
            out.append(w.text())
    return out


def test_hostile_names_are_plain_text_everywhere(qtbot, app, banned, make_window, sign_in):
    admin = app.staff.authenticate(*PINS["administrator"])
    app.staff.add(admin, "<font color=red>Eve</font> Staff", Role.HEAD, "579135")  # a head's PIN: 6+ digits
    held = app.sign_in.screen(HOSTILE_FIRST, "Hargreaves", PersonType.PARENT, app.place)
    assert held.held
    screened = app.sign_in.screen("Priya", "<i>Shah</i>", PersonType.VISITOR, app.place)
    policy = app.sign_in.current_policy()
    app.sign_in.complete(
        screened,
        VisitDetails(host="Mrs <u>Patel</u>", organisation=HOSTILE_ORG),
        app.place,
        acknowledged_policy_id=policy.id,
    )

    window = make_window(app)
    window.resize(1024, 768)
    window.sign_in.name.setText("<font color=red>Eve</font> Staff")
    window.sign_in.pin.setText("579135")
    window.sign_in.sign_in_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=10_000)
    assert window.shell.who.text().startswith("<font color=red>Eve</font> Staff")

    alerts = window.shell.pages["alerts"]
    qtbot.waitUntil(lambda: alerts.current is not None, timeout=10_000)
    assert alerts.detail.headline.text().startswith("<b>Bill</b> Hargreaves is waiting")
    assert "<b>Bill</b> Hargreaves" in alerts.detail.visitor_card.value_texts()
    alerts.detail.release_button.click()
    dialog = alerts.decision_dialog
    assert "<b>Bill</b> Hargreaves" in dialog.windowTitle() and _rich(_labels(dialog)) == []
    dialog.reject()

    for key in ("on-site", "bans", "cases", "visit-log", "audit", "staff"):
        window.shell.show_page(key)
        qtbot.wait(300)
    on_site = window.shell.pages["on-site"]
    qtbot.waitUntil(lambda: on_site.table.rowCount() == 1, timeout=10_000)
    assert on_site.table.item(0, 0).text() == "Priya <i>Shah</i>"
    assert on_site.table.item(0, 4).text() == HOSTILE_ORG

    everything = _labels(window) + [w for w in QApplication.topLevelWidgets() if isinstance(w, QLabel)]
    assert _rich(everything) == []
    # The labels that show the hostile names say outright that they are plain text.
    showing = [w for w in _labels(window) if "<" in w.text()]
    assert len(showing) >= 3
    assert all(w.textFormat() == Qt.TextFormat.PlainText for w in showing)
