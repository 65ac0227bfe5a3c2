"""The first-run set-up window, driven end to end on a real SQLite file: accounts, printer, mail, bans.

The test print goes through the real CUPS queue KioskPDF (cups-pdf writes the PDF, read back here), the
test message to a real aiosmtpd server, the ban list from a real CSV file; the database, kiosk.toml and
the kiosk window started afterwards are checked as a person would find them.
"""

from __future__ import annotations

import stat
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "integration" / "printing"))

from test_cups_printing import _cups_pdf_out_dir  # noqa: E402
from test_label_drivers import _need  # noqa: E402

from kiosk.config import load_settings, user_config_path  # noqa: E402
from kiosk.domain.model import BanStatus, PersonType, Role  # noqa: E402
from kiosk.ui.ops import wait_for_ops  # noqa: E402
from tests.integration.alerts.conftest import free_port  # noqa: E402

BANS_CSV = (
    "name,aliases,date_of_birth,categories,reason,start,end,review\n"
    "William Hargreaves,Bill Hargreaves,1979-04-02,disruptive behaviour,Threatened staff.,"
    "2026-01-05,,\n"
    "Jolene Marsh,,,,Abusive at the gate.,2026-03-01,,\n"
)


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives."""
    from aiosmtpd.controller import Controller

    from tests.integration.alerts.conftest import RecordingHandler

    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    yield handler
    controller.stop()


@pytest.fixture
def wizard(qtbot, sqlite_services):
    from kiosk.ui.kiosk.setup import SetupWizard

    dialog = SetupWizard(sqlite_services)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    wait_for_ops()


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_page(qtbot, wizard, name: str) -> None:
    qtbot.waitUntil(lambda: wizard.page == name, timeout=20_000)


def type_into(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def fill_accounts(qtbot, wizard, school="St Aidan's Primary School", accent="#2E7D32", logo="") -> None:
    type_into(qtbot, wizard.school_name, school)
    type_into(qtbot, wizard.accent, accent)
    if logo:
        type_into(qtbot, wizard.logo, logo)
    click(qtbot, wizard.next_button)
    wait_page(qtbot, wizard, "administrator")
    type_into(qtbot, wizard.name, "Alex Admin")
    type_into(qtbot, wizard.pin, "9753")
    type_into(qtbot, wizard.pin_again, "9753")
    click(qtbot, wizard.next_button)
    wait_page(qtbot, wizard, "head")
    type_into(qtbot, wizard.head_name, "Helen Head")
    type_into(qtbot, wizard.head_pin, "864213")
    type_into(qtbot, wizard.head_pin_again, "864213")
    click(qtbot, wizard.next_button)
    wait_page(qtbot, wizard, "printer")


def test_the_whole_set_up_leaves_a_kiosk_ready_for_its_first_visitor(
    qtbot, wizard, sqlite_services, smtp_server, tmp_path
):
    _need("KioskPDF")
    app = sqlite_services
    logo = Path(__file__).resolve().parents[3] / "resources" / "icons"
    logo_file = next(iter(sorted(logo.glob("*.png"))), None) if logo.exists() else None
    if logo_file is None:  # draw one: a school's logo is any picture
        from PySide6.QtGui import QColor, QPixmap

        pixmap = QPixmap(120, 120)
        pixmap.fill(QColor("#2E7D32"))
        logo_file = tmp_path / "logo.png"
        assert pixmap.save(str(logo_file))
    assert wizard.page == "school" and "Step 1 of 7" in wizard.step_label.text()
    assert not wizard.back_button.isVisible()
    fill_accounts(qtbot, wizard, logo=str(logo_file))

    # 4. Printers: what the system reports, the badge folder as the fallback; a test badge on KioskPDF.
    qtbot.waitUntil(lambda: wizard.printer_list.count() > 1, timeout=20_000)
    listed = [wizard.printer_list.item(i).text() for i in range(wizard.printer_list.count())]
    assert any(t.startswith("KioskPDF") for t in listed) and any(t.startswith("KioskQL570") for t in listed)
    assert "PDF files" in listed[-1]
    wizard.select_printer("KioskPDF")
    wizard.select_label("dymo-99014")
    out = _cups_pdf_out_dir()
    sent_at = time.time() - 1

    def printed_now() -> list[Path]:
        # cups-pdf names the file after the job's title, so an earlier test badge is overwritten.
        found = out.glob("badge-printtest*.pdf") if out.exists() else []
        return [p for p in found if p.stat().st_mtime >= sent_at and p.stat().st_size > 0]

    click(qtbot, wizard.test_print_button)
    qtbot.waitUntil(lambda: "A test badge was sent" in wizard.info.text(), timeout=30_000)
    deadline = time.monotonic() + 60
    while not printed_now() and time.monotonic() < deadline:
        qtbot.wait(200)
    qtbot.wait(500)  # cups-pdf writes the file, then closes it
    printed = printed_now()
    assert printed, "cups-pdf wrote no test badge"
    import pypdfium2 as pdfium

    for path in printed:
        doc = pdfium.PdfDocument(path.read_bytes())
        try:
            w, h = (v * 25.4 / 72 for v in doc[0].get_size())
            text = doc[0].get_textpage().get_text_range()
        finally:
            doc.close()
        path.unlink()
        assert (round(w), round(h)) == (54, 101)  # the DYMO 99014 label chosen, not the default
        assert "St Aidan" in text  # the school just typed is on the badge
    click(qtbot, wizard.next_button)
    wait_page(qtbot, wizard, "mail")

    # 5. Mail: a wrong address is one line; the test message reaches the real server.
    assert wizard.skip_button.isVisible() and wizard.back_button.isVisible()
    type_into(qtbot, wizard.smtp_host, "127.0.0.1")
    type_into(qtbot, wizard.smtp_port, str(smtp_server.port))
    wizard.smtp_starttls.setChecked(False)
    type_into(qtbot, wizard.smtp_sender, "kiosk@staidans.sch.uk")
    type_into(qtbot, wizard.smtp_to, "office.staidans.sch.uk")
    click(qtbot, wizard.test_mail_button)
    qtbot.waitUntil(lambda: "not an e-mail address" in wizard.error.text(), timeout=10_000)
    type_into(qtbot, wizard.smtp_to, "office@staidans.sch.uk, head@staidans.sch.uk")
    click(qtbot, wizard.test_mail_button)
    qtbot.waitUntil(lambda: "A test message was sent to" in wizard.info.text(), timeout=20_000)
    assert len(smtp_server.messages) == 1
    envelope = smtp_server.messages[0]
    assert envelope.rcpt_tos == ["office@staidans.sch.uk", "head@staidans.sch.uk"]
    body = envelope.content.decode()
    assert "Test message from the reception kiosk" in body and "St Aidan's Primary School" in body
    click(qtbot, wizard.next_button)
    wait_page(qtbot, wizard, "bans")

    # 6. The ban list: a bad file is refused whole; a good one is imported as drafts for the head.
    bad = tmp_path / "bad.csv"
    bad.write_text("name,start\nNo Date,\n", encoding="utf-8")
    type_into(qtbot, wizard.bans_file, str(bad))
    click(qtbot, wizard.import_button)
    qtbot.waitUntil(lambda: "bad.csv, line 2" in wizard.error.text(), timeout=10_000)
    csv_file = tmp_path / "our-bans.csv"
    csv_file.write_text(BANS_CSV, encoding="utf-8")
    type_into(qtbot, wizard.bans_file, str(csv_file))
    click(qtbot, wizard.import_button)
    qtbot.waitUntil(lambda: "2 bans imported" in wizard.info.text(), timeout=20_000)
    assert "Helen Head's approval" in wizard.info.text()
    click(qtbot, wizard.next_button)
    wait_page(qtbot, wizard, "ready")
    summary = wizard.summary.text()
    for expected in (
        "St Aidan's Primary School",
        "Alex Admin",
        "Helen Head",
        "KioskPDF",
        "test badge printed",
        "office@staidans.sch.uk",
        "2 bans waiting for Helen Head's approval",
    ):
        assert expected in summary
    with qtbot.waitSignal(wizard.finished_setup, timeout=10_000):
        click(qtbot, wizard.next_button)
    assert wizard.visited == ["school", "administrator", "head", "printer", "mail", "bans", "ready"]

    # The database: two accounts with their roles, two drafts that screen no one until the head approves.
    admin = app.staff.authenticate("Alex Admin", "9753")
    head = app.staff.authenticate("Helen Head", "864213")
    assert (admin.role, head.role) == (Role.ADMINISTRATOR, Role.HEAD)
    bans = app.bans.list(head)
    assert sorted(b.name for b in bans) == ["Jolene Marsh", "William Hargreaves"]
    assert {b.status for b in bans} == {BanStatus.DRAFT} and {b.approved_by for b in bans} == {None}
    assert app.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, app.place).held is False
    william = next(b for b in bans if b.name == "William Hargreaves")
    app.bans.approve(head, william.id)
    assert app.sign_in.screen("Bill", "Hargreaves", PersonType.VISITOR, app.place).held is True
    actions = [e.action for e in app.staff.audit_log(head)]
    for action in ("staff account created", "settings changed", "printer tested", "mail tested"):
        assert action in actions
    assert "ban drafted by import" in actions and "set-up finished" in actions

    # kiosk.toml, as the next start reads it; it holds the mail password's place, so it is private.
    saved = load_settings(system_file=Path("/nonexistent"))
    assert saved.school.name == "St Aidan's Primary School" and saved.school.accent_colour == "#2E7D32"
    assert saved.school.logo == str(logo_file)
    assert (saved.printing.printer, saved.printing.label) == ("KioskPDF", "dymo-99014")
    assert saved.smtp.host == "127.0.0.1" and saved.smtp.port == smtp_server.port
    assert saved.smtp.alert_recipients == ["office@staidans.sch.uk", "head@staidans.sch.uk"]
    assert saved.smtp.starttls is False
    assert stat.S_IMODE(user_config_path().stat().st_mode) & 0o077 == 0

    # The kiosk that starts next greets visitors with the school's name and logo.
    from kiosk.ui.kiosk.main import build_kiosk_window

    window = build_kiosk_window(app)
    qtbot.addWidget(window)
    assert window.welcome.school.text() == "St Aidan's Primary School"
    assert app.sign_in.school_name == "St Aidan's Primary School"


def test_mistakes_get_one_clear_line_and_nothing_is_made(qtbot, wizard, sqlite_services):
    app = sqlite_services
    click(qtbot, wizard.next_button)
    assert "school's name" in wizard.error.text() and wizard.page == "school"
    type_into(qtbot, wizard.school_name, "Oakfield Primary")
    type_into(qtbot, wizard.accent, "green")
    click(qtbot, wizard.next_button)
    assert "#1F6F8B" in wizard.error.text() and wizard.page == "school"
    wizard.accent.clear()
    type_into(qtbot, wizard.logo, "/nonexistent/logo.png")
    click(qtbot, wizard.next_button)
    assert "cannot be read as a picture" in wizard.error.text()
    wizard.logo.clear()
    click(qtbot, wizard.next_button)
    wait_page(qtbot, wizard, "administrator")
    type_into(qtbot, wizard.name, "Alex Admin")
    type_into(qtbot, wizard.pin, "9753")
    type_into(qtbot, wizard.pin_again, "9751")
    click(qtbot, wizard.next_button)
    assert "different" in wizard.error.text() and not app.staff.has_staff()
    type_into(qtbot, wizard.pin, "1111")
    type_into(qtbot, wizard.pin_again, "1111")
    click(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: "too easy" in wizard.error.text(), timeout=10_000)
    assert not app.staff.has_staff() and wizard.page == "administrator"
    type_into(qtbot, wizard.pin, "9753")
    type_into(qtbot, wizard.pin_again, "9753")
    click(qtbot, wizard.next_button)
    wait_page(qtbot, wizard, "head")
    assert not wizard.back_button.isVisible()  # an account cannot be un-made by going back
    type_into(qtbot, wizard.head_name, "Helen Head")
    type_into(qtbot, wizard.head_pin, "9753")
    type_into(qtbot, wizard.head_pin_again, "9753")
    click(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: "6 to 12 digits" in wizard.error.text(), timeout=10_000)
    admin = app.staff.authenticate("Alex Admin", "9753")
    assert [s.name for s in app.staff.list(admin)] == ["Alex Admin"]
    assert "Traceback" not in wizard.error.text()


def test_skipping_mail_and_bans_with_no_label_printer_still_ends_ready(qtbot, wizard, sqlite_services):
    app = sqlite_services
    fill_accounts(qtbot, wizard, school="Oakfield Primary School", accent="")
    qtbot.waitUntil(lambda: wizard.printer_list.count() >= 1, timeout=20_000)
    wizard.select_printer("file")
    wizard.select_label("a6")
    click(qtbot, wizard.test_print_button)
    qtbot.waitUntil(lambda: "A test badge was sent" in wizard.info.text(), timeout=30_000)
    badges = list(app.settings.badge_folder().glob("*.pdf"))
    assert badges, "the file printer wrote no test badge"
    click(qtbot, wizard.next_button)
    wait_page(qtbot, wizard, "mail")
    # A server that does not answer: one line, and the step can still be skipped.
    type_into(qtbot, wizard.smtp_host, "127.0.0.1")
    type_into(qtbot, wizard.smtp_port, str(free_port()))
    type_into(qtbot, wizard.smtp_to, "office@oakfield.sch.uk")
    click(qtbot, wizard.test_mail_button)
    qtbot.waitUntil(lambda: "The test message did not go" in wizard.error.text(), timeout=20_000)
    click(qtbot, wizard.skip_button)
    wait_page(qtbot, wizard, "bans")
    click(qtbot, wizard.back_button)
    wait_page(qtbot, wizard, "mail")
    click(qtbot, wizard.skip_button)
    wait_page(qtbot, wizard, "bans")
    click(qtbot, wizard.skip_button)
    wait_page(qtbot, wizard, "ready")
    assert "Alert messages: not set up (skipped)" in wizard.summary.text()
    assert "Ban list: none imported (skipped)" in wizard.summary.text()
    assert "badges saved as PDF files" in wizard.summary.text()
    with qtbot.waitSignal(wizard.finished_setup, timeout=10_000):
        click(qtbot, wizard.next_button)
    saved = load_settings(system_file=Path("/nonexistent"))
    assert saved.smtp.host == "" and saved.printing.printer == "file" and saved.printing.label == "a6"
    head = app.staff.authenticate("Helen Head", "864213")
    assert app.bans.list(head) == []


def test_the_import_for_approval_needs_a_ban_manager_and_refuses_ids(sqlite_services):
    from kiosk.domain.errors import InvalidInput, PermissionDenied

    app = sqlite_services
    admin = app.setup.create_administrator("Alex Admin", "9753", "9753")
    with pytest.raises(PermissionDenied):
        app.setup.import_bans(admin, BANS_CSV.encode(), "bans.csv")  # an administrator manages no bans
    head = app.setup.create_head(admin, "Helen Head", "864213", "864213")
    with pytest.raises(InvalidInput, match="line 2: has an id"):
        app.setup.import_bans(head, b"id,name,start\n7,Jolene Marsh,2026-03-01\n", "bans.csv")
    assert app.setup.import_bans(head, BANS_CSV.encode("cp1252"), "bans.csv") == 2
    assert {b.status for b in app.bans.list(head)} == {BanStatus.DRAFT}
    with pytest.raises(InvalidInput, match="already has staff"):
        app.setup.create_administrator("Mallory", "97531", "97531")


@pytest.fixture
def program(qapp, monkeypatch):
    """For run_kiosk, which themes the whole application and installs its fault hook: both put back after."""
    font, css = qapp.font(), qapp.styleSheet()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    # Closing the set-up window must not end the shared test application (Qt quits on the last window).
    quit_on_close = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield qapp
    qapp.setQuitOnLastWindowClosed(quit_on_close)
    qapp.setStyleSheet(css)
    qapp.setFont(font)


def test_the_full_screen_kiosk_never_offers_the_set_up(program, sqlite_services, capsys):
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.kiosk.main import run_kiosk

    assert run_kiosk(sqlite_services, windowed=False) == 1
    assert "will not start full-screen" in capsys.readouterr().err
    assert not [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "FirstStartSetup" and w.isVisible()
    ]


def test_the_set_up_code_dialog_opens_only_for_the_code(qtbot):
    from kiosk.ui.kiosk.setup_code import MAX_TRIES, SetupCodeDialog

    dialog = SetupCodeDialog(lambda typed: typed.replace(" ", "") == "1234-5678")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "1111-2222")
    click(qtbot, dialog.open_button)
    assert "not the set-up code" in dialog.error.text() and dialog.result() == 0 and dialog.isVisible()
    assert dialog.code.text() == ""  # a wrong code is not left on screen
    qtbot.keyClicks(dialog.code, "1234 - 5678")
    click(qtbot, dialog.open_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    other = SetupCodeDialog(lambda typed: False)
    qtbot.addWidget(other)
    other.show()
    for _ in range(MAX_TRIES):
        qtbot.keyClicks(other.code, "0000-0000")
        click(qtbot, other.open_button)
    assert other.result() == other.DialogCode.Rejected and other.tries == MAX_TRIES


def test_the_full_screen_kiosk_offers_the_set_up_after_the_code_db_upgrade_printed(
    program, sqlite_services, capsys
):

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.db.setup_code import issue_setup_code
    from kiosk.ui.kiosk.main import run_kiosk
    from kiosk.ui.kiosk.setup_code import SetupCodeDialog

    code = issue_setup_code(sqlite_services.deps.uow.engine, sqlite_services.deps.clock.now())
    seen: list[str] = []

    def visible(name: str) -> list:
        return [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]

    def drive() -> None:
        dialogs = [w for w in visible("SetupCodeDialog") if isinstance(w, SetupCodeDialog)]
        if dialogs:
            dialogs[0].code.setText(code)
            seen.append("code")
            dialogs[0].submit()
        elif seen and visible("FirstStartSetup"):
            seen.append("set-up")
            visible("FirstStartSetup")[0].reject()  # closed before it finished: the kiosk stops
            return
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    assert run_kiosk(sqlite_services, windowed=False) == 1
    assert seen == ["code", "set-up"]


def test_the_windowed_kiosk_sets_up_then_starts_on_what_was_saved(
    qtbot, program, sqlite_services, printer, clock, monkeypatch, tmp_path
):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build_app
    from kiosk.ui.kiosk.main import run_kiosk
    from kiosk.ui.kiosk.setup import SetupWizard
    from kiosk.ui.kiosk.window import KioskWindow

    monkeypatch.setenv("KIOSK_DATABASE_URL", sqlite_services.settings.resolved_database_url())
    rebuilt = []

    def rebuild():
        rebuilt.append(
            build_app(load_settings(system_file=Path("/nonexistent")), printer=printer, clock=clock)
        )
        return rebuilt[-1]

    seen: dict[str, str] = {}
    shown: list = []
    started = time.monotonic()

    def drive() -> None:
        # Runs inside the set-up's own event loop (its exec()), so it must return for the kiosk to start.
        wizards = [w for w in QApplication.topLevelWidgets() if isinstance(w, SetupWizard) and w.isVisible()]
        if not wizards:
            QTimer.singleShot(50, drive)
            return
        wizard = wizards[0]
        fill_accounts(qtbot, wizard, school="Oakfield Primary School", accent="")
        qtbot.waitUntil(lambda: wizard.printer_list.count() >= 1, timeout=20_000)
        wizard.select_printer("file")
        wizard.select_label("a6")
        click(qtbot, wizard.next_button)
        wait_page(qtbot, wizard, "mail")
        click(qtbot, wizard.skip_button)
        wait_page(qtbot, wizard, "bans")
        click(qtbot, wizard.skip_button)
        wait_page(qtbot, wizard, "ready")
        click(qtbot, wizard.next_button)
        QTimer.singleShot(50, check)

    def check() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()]
        if not windows and time.monotonic() - started < 60:
            QTimer.singleShot(50, check)
            return
        if windows:
            seen["school"] = windows[0].welcome.school.text()
            seen["flags"] = "full-screen" if windows[0].isFullScreen() else "windowed"
            shown.append(windows[0])
        QApplication.instance().quit()

    QTimer.singleShot(0, drive)
    guard = QTimer()  # never hang the suite; stopped at once after
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.instance().quit)
    guard.start(120_000)
    try:
        assert run_kiosk(sqlite_services, windowed=True, rebuild=rebuild) == 0
    finally:
        guard.stop()
        wait_for_ops()
        for window in shown:
            window.close()
            window.deleteLater()
    assert seen == {"school": "Oakfield Primary School", "flags": "windowed"}
    # The kiosk ran on services wired again from kiosk.toml: the label chosen a moment ago is theirs.
    (services,) = rebuilt
    assert (services.settings.printing.printer, services.settings.printing.label) == ("file", "a6")
    assert services.settings.school.name == "Oakfield Primary School"
    assert services.staff.has_staff()
