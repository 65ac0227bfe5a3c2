"""`kiosk staff import/export` and `kiosk visits end-of-day` on a real SQLite file, as the administrator."""

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


def test_staff_roll_through_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    app = build_app(load_settings())
    add_staff_accounts(
        app, {"administrator": ("Alex Admin", "9753"), "receptionist": ("Rachel Reception", "2468")}
    )
    app.dispose()
    staff_csv = tmp_path / "arbor-staff.csv"
    staff_csv.write_text("Name,Staff Role,Staff Code\nAnna Abbott,Teacher,ABE\n")
    code, out, err = _run(
        ["--as", "Alex Admin", "staff", "import", str(staff_csv)], "9753\n", monkeypatch, capsys
    )
    assert code == 1 and "no 'first name' column" in err and "Traceback" not in err
    staff_csv.write_text("Legal First Name,Legal Last Name,Role,Staff Code\nAnna,Abbott,Teacher,ABE\n")
    code, out, err = _run(
        ["--as", "Alex Admin", "staff", "import", str(staff_csv)], "9753\n", monkeypatch, capsys
    )
    assert code == 0 and out.strip() == f"imported {staff_csv}: 1 added, 0 updated", err
    code, out, err = _run(["--as", "Alex Admin", "staff", "export"], "9753\n", monkeypatch, capsys)
    assert code == 0 and "Anna,Abbott,Teacher,,ABE,no,yes" in out and "STAFF-" not in out
    # Reception may not change the roll.
    code, out, err = _run(
        ["--as", "Rachel Reception", "staff", "import", str(staff_csv)], "2468\n", monkeypatch, capsys
    )
    assert code == 1 and "may not" in err
    code, out, err = _run(["--system", "visits", "end-of-day"], "", monkeypatch, capsys)
    assert code == 0 and "closed 0 staff still signed in" in out, err
