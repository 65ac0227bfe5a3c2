"""`kiosk screenshots` renders every console page, and the Cases page's forms, at each console size."""

from __future__ import annotations

from PySide6.QtGui import QImage

from kiosk.demo import seed


def test_console_screenshots_include_every_page_and_the_case_forms(qtbot, sqlite_services, tmp_path):
    from kiosk.ui.console.screenshots import PAGES, render_console_screens

    seed(sqlite_services)
    entries = render_console_screens(sqlite_services, tmp_path, [(1024, 768)])
    files = {e["file"]: e for e in entries}
    for _key, name, _screen in PAGES:
        assert f"console-{name}-1024x768.png" in files, name
    incident = files["console-cases-incident-1024x768.png"]
    assert "Record an incident" in incident["text"] and "Cancel" in incident["text"]
    steps = [f for f in files if f.startswith("console-cases-") and f != "console-cases-1024x768.png"]
    # The incident and every next step a case can take (police, legal, meeting, warning, ban, review...).
    assert len(steps) >= 10, steps
    assert "console-cases-ban-review-1024x768.png" in files
    # The roll call (staff first, then visitors) and the fire roll's A4 page (staff and visitors).
    roll_call = files["console-roll-call-1024x768.png"]
    assert "Staff (3)" in roll_call["text"] and "accounted for" in roll_call["text"]
    fire = files.pop("console-fire-roll-a4.png")
    assert "Olivia Green" in fire["text"] and "Must be escorted" in fire["text"]
    assert QImage(str(tmp_path / fire["file"])).width() > 800
    for name in files:
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == (1024, 768), name
