"""USB scanners as they really type (replayed key events), and people typing quickly who are never one."""

from __future__ import annotations

import secrets

import pytest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.domain.model import Actor, PersonType, VisitStatus
from kiosk.services.visits import VisitDetails
from kiosk.ui.kiosk.flow import Step
from kiosk.ui.widgets.scanner import ScannerListener
from tests.gui.kiosk.wedge import FakeClock, Wedge, person_types

# Tokens with capitals, digits, "-" and "_": what secrets.token_urlsafe(16) gives, fixed here so every
# kind of character is in every run.
TOKENS = ("Qx3-vB_9kLmZ0aPq7RtY2w", "aB_cD-eF0gH1iJ2kL3mN4o")


@pytest.fixture
def field_window(qtbot):
    """A window with a focused text box and a listener on a clock that moves only with the keys."""
    window = QWidget()
    layout = QVBoxLayout(window)
    box = QLineEdit()
    layout.addWidget(box)
    qtbot.addWidget(window)
    window.resize(400, 120)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    clock = FakeClock()
    listener = ScannerListener(window, clock=clock)
    listener.install()
    heard: list[str] = []
    listener.scanned.connect(heard.append)
    yield window, box, clock, listener, heard
    listener.uninstall()


@pytest.mark.parametrize("layout", ["uk", "us"])
@pytest.mark.parametrize("suffix", ["return", "tab", "enter", ""])
@pytest.mark.parametrize("gap_ms", [1, 30])
@pytest.mark.parametrize("caps", ["off", "on", "on-aware"])
def test_every_scanner_set_up_is_heard_and_leaves_nothing_in_the_box(
    qtbot, field_window, layout, suffix, gap_ms, caps
):
    window, box, clock, listener, heard = field_window
    box.setText("Pri")
    wedge = Wedge(
        window,
        clock,
        layout=layout,
        gap_ms=gap_ms,
        suffix=suffix,
        caps_lock=caps != "off",
        caps_aware=caps == "on-aware",
        altgr_around="_" if layout == "uk" else "",
    )
    token = TOKENS[0]
    if suffix:
        wedge.scan(token)
    else:
        with qtbot.waitSignal(listener.scanned, timeout=2000):
            wedge.scan(token)
    assert len(heard) == 1
    # The hardware really did send Shift as its own key with empty text.
    assert ("KeyPress", 0x01000020, "") in wedge.sent
    assert token in listener.candidates, "the code as the scanner meant it is among the spellings tried"
    assert box.text() == "Pri", "the scanned characters are taken back out of the box"
    assert box.hasFocus(), "a Tab suffix must not move the focus"


def test_caps_lock_inverts_letters_and_the_meant_spelling_is_recovered(field_window):
    window, box, clock, listener, heard = field_window
    Wedge(window, clock, caps_lock=True).scan("AbC1-dEf_23GhIjK")
    assert heard == ["aBc1-DeF_23gHiJk"], "as typed: Caps Lock flipped every letter"
    assert listener.candidates == ("aBc1-DeF_23gHiJk", "AbC1-dEf_23GhIjK")


@pytest.mark.parametrize(
    "text,gaps_ms",
    [
        ("Montgomery-Smith", [45, 60, 38, 52, 41]),  # a quick typist, with rollovers, token-shaped
        ("Christopherson12", [20, 90, 25, 30, 110]),  # bursts of rollover, then a pause
        ("aaaaaaaaaaaaaaaa", [55]),  # every key a hair slower than any scanner
        ("Priya Shah-Jones", [12]),  # impossibly quick, but a space is never in a code
        ("O'Neill-Brennan1", [10]),  # an apostrophe is never in a code
        ("Short1", [5]),  # too short to be one of our codes
    ],
)
def test_a_person_typing_quickly_is_never_a_scan(qtbot, field_window, text, gaps_ms):
    window, box, clock, listener, heard = field_window
    person_types(window, clock, text, gaps_ms)
    listener.finish_now()
    qtbot.wait(150)
    assert heard == []
    assert box.text() == text, "what a person types stays in the box"


def test_the_hardware_sequence_is_replayed_press_and_release_of_each_modifier(field_window):
    window, _box, clock, _listener, _heard = field_window
    wedge = Wedge(window, clock, altgr_around="x", suffix="")
    wedge.type_char("A")
    wedge.type_char("x")
    shift, altgr, a = 0x01000020, 0x01001103, 0x41
    assert wedge.sent[:4] == [
        ("KeyPress", shift, ""),
        ("KeyPress", a, "A"),
        ("KeyRelease", a, "A"),
        ("KeyRelease", shift, ""),
    ]
    assert wedge.sent[4] == ("KeyPress", altgr, "") and wedge.sent[-1] == ("KeyRelease", altgr, "")


# ---------------------------------------------------------------- on the kiosk's screens


def _on_site(services, first="Priya", last="Shah"):
    screened = services.sign_in.screen(first, last, PersonType.VISITOR, services.place)
    policy = services.sign_in.current_policy()
    return services.sign_in.complete(
        screened,
        VisitDetails(host="Mrs Patel", phone="07700 900123"),
        services.place,
        acknowledged_policy_id=policy.id,
    )


def _status(services, visit_id):
    with services.deps.uow.readonly() as uow:
        return uow.visits.get(visit_id).status


@pytest.fixture
def hardware(visitor):
    """The kiosk's own listener on a clock that moves with the replayed keys."""
    clock = FakeClock()
    visitor.window.controller.scanner.clock = clock
    return clock


@pytest.mark.parametrize(
    "settings",
    [
        dict(layout="uk", suffix="return", gap_ms=8),
        dict(layout="us", suffix="tab", gap_ms=30, caps_lock=True),
        dict(layout="uk", suffix="", gap_ms=3, altgr_around="_-"),
    ],
)
def test_a_badge_scanned_at_welcome_signs_out(visitor, sqlite_services, hardware, settings):
    visit = _on_site(sqlite_services).visit
    Wedge(visitor.window, hardware, **settings).scan(visit.badge_token)
    visitor.sees(Step.SIGNED_OUT)
    assert "Goodbye, Priya." in visitor.screen_text()
    assert _status(sqlite_services, visit.id) is VisitStatus.SIGNED_OUT


def test_a_badge_scanned_into_the_name_box_signs_out_and_leaves_nothing(visitor, sqlite_services, hardware):
    visit = _on_site(sqlite_services, "Tom", "Baker").visit
    visitor.start_sign_in(PersonType.VISITOR)
    box = visitor.window.name_page.first_name
    visitor.type_into(box, "Pri")
    hardware.now += 0.4  # a person's last key and a scanner's first are never milliseconds apart
    Wedge(visitor.window, hardware, layout="us", caps_lock=True, caps_aware=True).scan(visit.badge_token)
    assert box.text() == "Pri"
    visitor.sees(Step.SIGNED_OUT)
    assert _status(sqlite_services, visit.id) is VisitStatus.SIGNED_OUT


@pytest.mark.parametrize("where", ["welcome", "type", "name", "sign-out"])
def test_a_pass_scanned_signs_the_returning_visitor_in(visitor, sqlite_services, hardware, printer, where):
    earlier = _on_site(sqlite_services)
    sqlite_services.sign_in.sign_out(Actor.kiosk("test"), earlier.visit.id)
    w = visitor.window
    if where == "type":
        visitor.tap(w.welcome.sign_in_button)
        visitor.sees(Step.TYPE)
    elif where == "name":
        visitor.start_sign_in(PersonType.VISITOR)
        visitor.type_into(w.name_page.first_name, "P")
        hardware.now += 0.4
    elif where == "sign-out":
        visitor.tap(w.welcome.sign_out_button)
        visitor.sees(Step.SIGN_OUT)
    Wedge(w, hardware, layout="uk", suffix="return", gap_ms=12).scan(earlier.person.pass_token)
    if where == "sign-out":
        # Not on site, so there is nothing to sign out.
        visitor.qtbot.waitUntil(lambda: w.toast.isVisible())
        assert "not recognised" in w.toast.text.text()
        return
    visitor.sees(Step.DETAILS)
    assert "Welcome back, Priya" in w.details_page.title.text()
    visitor.tap(w.details_page.next_button)
    visitor.sees(Step.DONE)
    visitor.qtbot.waitUntil(lambda: len(printer.printed) == 2)


def test_random_tokens_on_every_layout_are_heard(field_window):
    window, box, clock, listener, heard = field_window
    for n in range(40):
        token = secrets.token_urlsafe(16)
        Wedge(window, clock, layout=("uk", "us")[n % 2], caps_lock=n % 3 == 0, gap_ms=1 + n % 30).scan(token)
        clock.now += 1
        assert token in listener.candidates
    assert len(heard) == 40 and box.text() == ""


def test_a_pass_scanned_on_the_sign_out_page_signs_its_owner_out(visitor, sqlite_services, hardware):
    visit = _on_site(sqlite_services)
    w = visitor.window
    visitor.tap(w.welcome.sign_out_button)
    visitor.sees(Step.SIGN_OUT)
    Wedge(w, hardware, layout="us", suffix="tab", gap_ms=20).scan(visit.person.pass_token)
    visitor.sees(Step.SIGNED_OUT)
    assert _status(sqlite_services, visit.visit.id) is VisitStatus.SIGNED_OUT


def test_a_scan_into_a_short_box_leaves_it_as_it_was(field_window):
    window, box, clock, listener, heard = field_window
    box.setMaxLength(3)  # the phone-digits box
    box.setText("12")
    Wedge(window, clock).scan(TOKENS[1])
    assert heard == [TOKENS[1]]
    assert box.text() == "12"
