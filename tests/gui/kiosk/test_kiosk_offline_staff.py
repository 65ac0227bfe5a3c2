"""The kiosk's staff page while offline: the local copy's age, and reception's number for a held visitor."""

from __future__ import annotations

import os

from kiosk.db.offline import LocalStore
from kiosk.domain.model import PersonType
from kiosk.services.offline import OfflineSignIn


def test_the_staff_page_shows_the_copy_age_and_receptions_phone(qtbot, make_kiosk, sqlite_services, tmp_path):
    from kiosk.app import _screener

    app = sqlite_services
    store = LocalStore(tmp_path / "offline" / "front-door.sqlite3")
    offline = OfflineSignIn(
        app.deps,
        app.ban_list,
        app.sign_in.printer,
        store=store,
        screener_factory=_screener,
        home=app.place,
        reception_phone="01632 960 123",
    )
    assert offline.refresh()
    # The server went out of reach (on PostgreSQL: DatabaseUnreachable); a visitor held on the local copy.
    offline._went_offline(ConnectionRefusedError("connection refused"))
    store.replace_copy([], None, app.deps.clock.now() - offline.max_age * 2)
    assert offline.screen("Sam", "Okafor", PersonType.VISITOR, app.place).held
    app.offline = offline
    window = make_kiosk()
    window.resize(1024, 768)
    window.controller.open_staff_page()
    note = window.staff_page.offline_note
    qtbot.waitUntil(note.isVisible, timeout=20_000)
    text = note.text()
    assert text.startswith("Offline.")
    assert "Screening list copy 48.0 h old, too old: every sign-in is held" in text
    assert "Held: 1, call reception on 01632 960 123" in text
    assert "ban" not in text.lower()  # the kiosk screen never says it
    shots = os.environ.get("SCREENSHOTS_DIR")
    if shots:
        window.grab().save(os.path.join(shots, "kiosk-staff-offline.png"))
    store.close()
