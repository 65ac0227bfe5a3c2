"""`kiosk expected` and `kiosk checks` on a real SQLite file, signed in as a member of staff."""

from __future__ import annotations

import io
import sys

from kiosk.app import build_app
from kiosk.config import load_settings
from tests.helpers import add_staff_accounts


def _run(argv, stdin, monkeypatch, capsys):
    from kiosk.cli import main

    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_booking_list_and_central_record_through_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    app = build_app(load_settings())
    add_staff_accounts(
        app, {"administrator": ("Alex Admin", "9753"), "receptionist": ("Rachel Reception", "2468")}
    )
    today = app.deps.clock.today()
    app.dispose()
    bookings = tmp_path / "agency.csv"
    bookings.write_text(f"Forename,Surname,Booking Date,Agency\nJane,Supply,{today:%d/%m/%Y},Teach Cover\n")
    me = ["--as", "Rachel Reception"]
    code, out, err = _run(
        [*me, "expected", "import", str(bookings), "--type", "supply teacher"], "2468\n", monkeypatch, capsys
    )
    assert code == 0, err
    assert out.strip() == f"imported {bookings}: 1 expected visitors added"
    code, out, err = _run(
        [*me, "expected", "export", "--day", today.isoformat()], "2468\n", monkeypatch, capsys
    )
    assert code == 0, err
    assert f"Jane,Supply,{today.isoformat()},supply staff,,,Teach Cover," in out
    code, _out, err = _run(
        [*me, "expected", "import", str(bookings), "--type", "pirate"], "2468\n", monkeypatch, capsys
    )
    assert code == 1 and "pirate" in err and "Traceback" not in err

    record = tmp_path / "scr.csv"
    record.write_text(
        "Legal Forename,Legal Surname,Category,DBS Level,DBS Issue Date,Identity Checked\n"
        "Bob,Builder,Contractor,Enhanced,01/09/2025,Yes\n"
    )
    code, out, err = _run([*me, "checks", "import", str(record)], "2468\n", monkeypatch, capsys)
    assert code == 0 and out.strip() == f"imported {record}: 1 added, 0 updated", err
    code, out, err = _run([*me, "checks", "export"], "2468\n", monkeypatch, capsys)
    assert code == 0 and "Bob,Builder,contractor,,enhanced,,2025-09-01,yes,no,," in out
