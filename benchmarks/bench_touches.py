"""Touches per journey at the kiosk: the real window, driven tap by tap and key by key.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_touches.py

Builds the kiosk on a fresh SQLite file, then walks each journey as a visitor would, with QTest
clicks on the real buttons (including every key of the on-screen keyboard and number pad) and
replayed scanner key events for a QR code. Every touch is counted: a tap on a button or a key, or a
code held under the scanner. A scan is one touch.

For each journey it prints the touches, the seconds the program itself took (``machine s``), and an
estimate of a person's time from a simple model: 1 s per button tap (find, reach, tap), 0.5 s per
on-screen key, 2 s per scan (find the code, hold it up), plus 2 s to take in each new page. Scrolling the Code of Conduct
is counted as touches; reading it is not (it takes as long as it takes).
Targets: returning with a pass at most 3 touches and 10 s; returning without one at most 6
touches after the name and 20 s.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TAP_S, KEY_S, SCAN_S, READ_S = 1.0, 0.5, 2.0, 2.0


@dataclass
class Tally:
    """Touches of one journey."""

    taps: int = 0
    keys: int = 0
    scans: int = 0
    pages: int = 0
    after_name: int = 0
    counting_after_name: bool = False
    started: float = field(default_factory=time.perf_counter)
    steps: list[str] = field(default_factory=list)

    @property
    def touches(self) -> int:
        return self.taps + self.keys + self.scans

    @property
    def person_s(self) -> float:
        return self.taps * TAP_S + self.keys * KEY_S + self.scans * SCAN_S + self.pages * READ_S


class Driver:
    """A visitor's hands on the real window."""

    def __init__(self, app, window) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.app, self.window, self.QTest, self.Qt = app, window, QTest, Qt
        self.tally = Tally()
        window.stack.currentChanged.connect(lambda _i: self._page())

    def _page(self) -> None:
        step = self.window.current_step
        if step.value != "welcome":  # the journey's end: back at Welcome is not a page to read
            self.tally.pages += 1
            self.tally.steps.append(step.value)

    def start(self) -> Tally:
        self.tally = Tally()
        return self.tally

    def wait(self, predicate, timeout_s: float = 10.0) -> None:
        from kiosk.ui.ops import wait_for_ops

        end = time.perf_counter() + timeout_s
        while not predicate():
            self.app.processEvents()
            wait_for_ops(50)
            if time.perf_counter() > end:
                page = self.window.name_page
                raise RuntimeError(
                    f"timed out on {self.window.current_step}: "
                    f"{page.first_name.text()!r} {page.last_name.text()!r} {page.digits.text()!r} {page.error.text()!r}"
                )

    def sees(self, step) -> None:
        # Done shows at once, "signing you in": it is seen once it says how the sign-in went.
        done = self.window.pages.get(step)
        self.wait(
            lambda: (
                self.window.current_step is step and not (done is not None and done.property("signing_in"))
            )
        )

    def tap(self, widget) -> None:
        assert widget.isVisible() and widget.isEnabled(), f"{widget!r} is not there to tap"
        self.QTest.mouseClick(widget, self.Qt.MouseButton.LeftButton)
        self.tally.taps += 1
        if self.tally.counting_after_name:
            self.tally.after_name += 1
        self.app.processEvents()

    def keys(self, keyboard, text: str) -> None:
        """Type on the on-screen keyboard (or number pad), one tap per key; capitals come by themselves."""
        from PySide6.QtWidgets import QPushButton

        for ch in text:
            if ch == " ":
                key = keyboard.space_key
            else:
                key = next(
                    b
                    for b in keyboard.findChildren(QPushButton)
                    if (b.property("char") or b.text()).lower() == ch.lower() and b.isVisible()
                )
            self.QTest.mouseClick(key, self.Qt.MouseButton.LeftButton)
            self.tally.keys += 1
            if self.tally.counting_after_name:
                self.tally.after_name += 1
        self.app.processEvents()

    def scan(self, code: str) -> None:
        """A code under a USB scanner: its key events, 8 ms apart, Shift around capitals, then Return."""
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent

        handle = self.window.windowHandle()
        # The scanner's own timing, replayed on the listener's clock: 8 ms between events whatever
        # else the machine is doing (a loaded machine must not turn a scanner into a slow typist).
        scanner = self.window.controller.scanner
        clock = [time.monotonic() + 10]
        scanner.clock = lambda: clock[0]

        def send(kind, key, text="", mods=Qt.KeyboardModifier.NoModifier):
            clock[0] += 0.008
            self.app.sendEvent(handle, QKeyEvent(kind, key, mods, text))

        for ch in code:
            shift = ch.isupper() or ch == "_"
            mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
            key = (
                Qt.Key.Key_Underscore
                if ch == "_"
                else Qt.Key.Key_Minus
                if ch == "-"
                else Qt.Key(ord(ch.upper()))
            )
            if shift:
                send(QEvent.Type.KeyPress, Qt.Key.Key_Shift, "", mods)
            send(QEvent.Type.KeyPress, key, ch, mods)
            send(QEvent.Type.KeyRelease, key, ch, mods)
            if shift:
                send(QEvent.Type.KeyRelease, Qt.Key.Key_Shift)
        send(QEvent.Type.KeyPress, Qt.Key.Key_Return, "\r")
        send(QEvent.Type.KeyRelease, Qt.Key.Key_Return, "\r")
        scanner.clock = time.monotonic
        self.tally.scans += 1


def _earlier_visit(services, first, last, person_type, phone, *, leave=True, **details):
    from kiosk.domain.model import Actor
    from kiosk.services.visits import VisitDetails

    screened = services.sign_in.screen(first, last, person_type, services.place)
    policy = services.sign_in.current_policy()
    result = services.sign_in.complete(
        screened,
        VisitDetails(phone=phone, **details),
        services.place,
        acknowledged_policy_id=policy.id if policy else None,
        print_badge=False,
    )
    if leave:
        services.sign_in.sign_out(Actor.kiosk("bench"), result.visit.id)
    return result


def run() -> list[tuple[str, Tally, float]]:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.domain.model import PersonType
    from kiosk.ui.kiosk.flow import Step
    from kiosk.ui.kiosk.main import build_kiosk_window

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="kiosk-touches-"))
    os.environ["KIOSK_DATA_DIR"] = str(folder / "data")
    settings = Settings(database_url=f"sqlite:///{folder / 'kiosk.sqlite3'}")
    settings.printing.folder = str(folder / "badges")
    services = build_app(settings)
    window = build_kiosk_window(services, idle_timeout_ms=3_600_000)
    window.resize(1280, 800)
    window.show()
    d = Driver(app, window)
    w = window
    rows: list[tuple[str, Tally, float]] = []

    def finish(name: str, tally: Tally) -> None:
        rows.append((name, tally, time.perf_counter() - tally.started))
        window.controller.go_home()
        d.sees(Step.WELCOME)

    def name(first: str, last: str) -> None:
        d.keys(w.name_page.keyboard, first)
        d.tap(w.name_page.last_name)
        d.keys(w.name_page.keyboard, last)

    def read_and_agree() -> None:
        page = w.policy_page
        while not page.agree_button.isEnabled():
            d.tap(page.more_button)
        d.tap(page.agree_button)

    # New visitor
    t = d.start()
    d.tap(w.welcome.sign_in_button)
    d.tap(w.type_page.tiles[PersonType.VISITOR])
    name("Priya", "Shah")
    d.tap(w.name_page.next_button)
    d.sees(Step.DETAILS)
    d.keys(w.details_page.keyboard, "Mrs Patel")
    d.tap(w.details_page.next_button)
    d.sees(Step.POLICY)
    read_and_agree()
    d.sees(Step.DONE)
    finish("new visitor", t)

    tom = _earlier_visit(services, "Tom", "Baker", PersonType.VISITOR, "07700 900789", host="Mr Hughes")

    # Returning with their pass
    t = d.start()
    d.scan(tom.person.pass_token)
    d.sees(Step.DETAILS)
    d.tap(w.details_page.next_button)
    d.sees(Step.DONE)
    finish("returning, pass", t)
    with services.deps.uow.readonly() as uow:
        open_visit = [v for v in uow.visits.for_person(tom.person.id) if v.signed_out_at is None][-1]

    # Expected today (booked yesterday by reception) and scanning their pass: nothing left to ask
    from kiosk.domain.expected import ExpectedVisit
    from kiosk.domain.model import Actor, Role

    supply = _earlier_visit(
        services,
        "Jane",
        "Supply",
        PersonType.SUPPLY_STAFF,
        "07700 900111",
        host="Office",
        organisation="Teach Cover Ltd",
    )
    assert services.expected is not None
    services.staff.add(
        Actor("bench set-up", None, source="command line"), "Bench Admin", Role.ADMINISTRATOR, "9753"
    )
    services.expected.add(
        services.staff.authenticate("Bench Admin", "9753"),
        ExpectedVisit(
            id=None,
            first_name="Jane",
            last_name="Supply",
            person_type=PersonType.SUPPLY_STAFF,
            expected_on=services.deps.clock.today(),
            site_id=services.place.site_id,
            host="Mr Brown",
            organisation="Teach Cover Ltd",
        ),
    )
    t = d.start()
    d.scan(supply.person.pass_token)
    d.sees(Step.DONE)
    finish("expected, pass", t)

    # Sign-out by scanning the badge
    t = d.start()
    d.scan(open_visit.badge_token)
    d.sees(Step.SIGNED_OUT)
    finish("sign-out, badge", t)

    # Returning without their pass: name, then the last three digits on the number pad
    t = d.start()
    d.tap(w.welcome.sign_in_button)
    d.tap(w.type_page.tiles[PersonType.VISITOR])
    name("Tom", "Baker")
    t.counting_after_name = True
    d.tap(w.name_page.been_before)
    d.keys(w.name_page.number_pad, "789")
    d.tap(w.name_page.next_button)
    d.sees(Step.DETAILS)
    d.tap(w.details_page.next_button)
    d.sees(Step.DONE)
    finish("returning, no pass", t)

    # Sign-out by typing one's own name
    t = d.start()
    d.tap(w.welcome.sign_out_button)
    d.sees(Step.SIGN_OUT)
    d.keys(w.sign_out_page.keyboard, "Tom")
    d.tap(w.sign_out_page.last_name)
    d.keys(w.sign_out_page.keyboard, "Baker")
    d.tap(w.sign_out_page.find_button)
    d.sees(Step.CONFIRM_OUT)
    d.tap(w.confirm_out_page.yes_button)
    d.sees(Step.SIGNED_OUT)
    finish("sign-out, by name", t)

    # A collector who has agreed before: name, digits, child, the short reminder
    _earlier_visit(
        services,
        "Grace",
        "Okafor",
        PersonType.COLLECTOR,
        "07700 900456",
        child_name="Ada Okafor",
        relationship="Aunt",
    )
    t = d.start()
    d.tap(w.welcome.collect_button)
    d.sees(Step.NAME)
    name("Grace", "Okafor")
    t.counting_after_name = True
    d.tap(w.name_page.been_before)
    d.keys(w.name_page.number_pad, "456")
    d.tap(w.name_page.next_button)
    d.sees(Step.DETAILS)
    d.tap(w.details_page.next_button)
    d.sees(Step.POLICY)
    d.tap(w.policy_page.agree_button)
    d.sees(Step.DONE)
    finish("collector (returning)", t)

    # New contractor
    t = d.start()
    d.tap(w.welcome.sign_in_button)
    d.tap(w.type_page.tiles[PersonType.CONTRACTOR])
    name("Dev", "Mistry")
    d.tap(w.name_page.next_button)
    d.sees(Step.DETAILS)
    d.keys(w.details_page.keyboard, "Mistry Electrical")
    d.tap(w.details_page.next_button)
    d.sees(Step.POLICY)
    read_and_agree()
    d.sees(Step.DONE)
    finish("contractor (new)", t)

    from kiosk.ui.ops import wait_for_ops

    wait_for_ops()
    window.close()
    services.dispose()
    return rows


def main() -> int:
    rows = run()
    print(f"{'journey':<24}{'touches':>8}{'keys':>6}{'after name':>12}{'machine s':>11}{'person s':>10}")
    for name, t, machine in rows:
        after = str(t.after_name) if t.counting_after_name else "-"
        print(f"{name:<24}{t.touches:>8}{t.keys:>6}{after:>12}{machine:>11.2f}{t.person_s:>10.1f}")
    print(
        f"(person s: {TAP_S} s per tap, {KEY_S} s per key, {SCAN_S} s per scan, {READ_S} s per new page; "
        "reading the Code of Conduct not included)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
