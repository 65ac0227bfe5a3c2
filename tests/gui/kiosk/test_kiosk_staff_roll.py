"""Staff on the roll at the real kiosk window: a staff card scanned through the USB scanner path (real key
events), and Staff on Welcome with a name and PIN; never screened, never a badge."""

from __future__ import annotations

from kiosk.ui.kiosk.flow import Step
from tests.gui.kiosk.test_kiosk_sign_out import scan

CSV = "First name,Surname,Job title\nAnna,Abbott,Class teacher\nHarold,Hargreaves,Caretaker\n"


def _roll(services, staff_actors):
    admin = staff_actors["administrator"]
    services.staff_roll.import_csv(admin, CSV, "staff.csv")
    return admin, {m.full_name: m for m in services.staff_roll.members(admin)}


def _on_site(services, staff_actors):
    return [m.full_name for _p, m in services.staff_roll.on_site(staff_actors["receptionist"])]


def test_a_staff_card_scanned_on_welcome_signs_in_then_out(visitor, sqlite_services, staff_actors, printer):
    _admin, members = _roll(sqlite_services, staff_actors)
    scan(visitor.window, members["Anna Abbott"].card_token)
    visitor.sees(Step.STAFF_DONE)
    text = visitor.screen_text()
    assert "Signed in" in text and "Anna Abbott" in text
    assert _on_site(sqlite_services, staff_actors) == ["Anna Abbott"]
    # No visit, no badge: staff are not visitors.
    assert sqlite_services.sign_in.on_site(staff_actors["receptionist"]) == []
    assert printer.printed == []
    visitor.tap(visitor.window.staff_done_page.button)
    visitor.sees(Step.WELCOME)
    scan(visitor.window, members["Anna Abbott"].card_token)
    visitor.qtbot.waitUntil(lambda: "Signed out" in visitor.screen_text(), timeout=20_000)
    assert _on_site(sqlite_services, staff_actors) == []


def test_staff_on_welcome_with_name_and_pin(visitor, sqlite_services, staff_actors, banned):
    admin, members = _roll(sqlite_services, staff_actors)
    # Harold Hargreaves shares a surname with a banned man: staff are never screened, so never held.
    harold = members["Harold Hargreaves"]
    sqlite_services.staff_roll.set_pin(admin, harold.id, "4826")
    w = visitor.window
    visitor.tap(w.welcome.staff_button)
    visitor.sees(Step.STAFF_ROLL)
    page = w.staff_roll_page
    visitor.type_into(page.name, "Harold Hargreaves")
    visitor.type_into(page.pin, "1397")
    visitor.tap(page.unlock_button)
    visitor.qtbot.waitUntil(lambda: "do not match" in page.error.text(), timeout=20_000)
    assert page.pin.text() == ""
    visitor.type_into(page.pin, "4826")
    visitor.tap(page.unlock_button)
    visitor.sees(Step.STAFF_DONE)
    assert "Signed in" in visitor.screen_text() and "Harold Hargreaves" in visitor.screen_text()
    assert _on_site(sqlite_services, staff_actors) == ["Harold Hargreaves"]
    assert sqlite_services.alerts.open_alerts(staff_actors["head"]) == []
    # The wrong PIN was counted (and cleared by the right one), as for a console account.
    actions = [e.action for e in sqlite_services.staff.audit_log(admin)]
    assert "staff wrong PIN" in actions and "staff signed in" in actions
