"""Agree -> Done at once: the Done page shows while the visit is recorded, and says "signed in" only after."""

from __future__ import annotations

import threading

from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.model import PersonType
from kiosk.ui.kiosk.flow import Step


def _to_agree(visitor) -> None:
    visitor.start_sign_in(PersonType.VISITOR)
    visitor.give_name("Priya", "Shah")
    visitor.sees(Step.DETAILS)
    visitor.give_details(host="Mrs Patel")
    visitor.sees(Step.POLICY)
    visitor.read_policy_to_end()


def _held_complete(monkeypatch, sign_in, gate: threading.Event, *, fail: bool = False):
    real = sign_in.complete
    calls: list[str] = []

    def complete(*args, **kwargs):
        calls.append("started")
        assert gate.wait(30), "the test never let the sign-in finish"
        if fail:
            raise DatabaseUnavailable("The database cannot be reached just now.")
        return real(*args, **kwargs)

    monkeypatch.setattr(sign_in, "complete", complete)
    return calls


def test_done_shows_at_once_and_says_signed_in_only_once_the_visit_is_recorded(
    visitor, sqlite_services, printer, monkeypatch
):
    w = visitor.window
    gate = threading.Event()
    calls = _held_complete(monkeypatch, sqlite_services.sign_in, gate)
    _to_agree(visitor)
    try:
        visitor.tap(w.policy_page.agree_button)
        assert w.current_step is Step.DONE, "Done is on screen straight after the tap"
        visitor.qtbot.waitUntil(lambda: calls == ["started"], timeout=20_000)
        text = visitor.screen_text()
        assert "Thank you, Priya." in text and "Signing you in" in text
        assert "signed in" not in text and "badge" not in text.lower()
        assert not w.done_page.button.isEnabled(), "nothing to tap until the visit is recorded"
        assert printer.printed == []
    finally:
        gate.set()
    visitor.sees(Step.DONE)
    text = visitor.screen_text()
    assert "Thank you, Priya. You're signed in." in text and "Signing you in" not in text
    assert "Your badge is printing" in text
    visitor.qtbot.waitUntil(lambda: len(printer.printed) == 1, timeout=20_000)
    assert w.done_page.button.isEnabled()
    visitor.tap(w.done_page.button)
    visitor.sees(Step.WELCOME)


def test_a_sign_in_that_is_not_recorded_turns_done_into_the_sorry_page(
    visitor, sqlite_services, printer, monkeypatch
):
    w = visitor.window
    titles: list[str] = []
    show = w.done_page.show_message
    monkeypatch.setattr(
        w.done_page, "show_message", lambda title, *lines: (titles.append(title), show(title, *lines))
    )
    gate = threading.Event()
    gate.set()
    _held_complete(monkeypatch, sqlite_services.sign_in, gate, fail=True)
    _to_agree(visitor)
    visitor.tap(w.policy_page.agree_button)
    visitor.sees(Step.SORRY)
    assert "Please ask at reception." in visitor.screen_text()
    assert titles == ["Thank you, Priya."], "never told they are signed in"
    assert printer.printed == []
