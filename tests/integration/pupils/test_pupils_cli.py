"""`kiosk pupils import` and `export` on a real SQLite file, signed in as a member of staff."""

from __future__ import annotations

import io
import struct
import sys
import zlib

from kiosk.app import build_app
from kiosk.config import load_settings
from tests.helpers import add_staff_accounts


def _run(argv, stdin, monkeypatch, capsys):
    from kiosk.cli import main

    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def _png() -> bytes:
    """A real 1x1 PNG picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_pupils_through_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    app = build_app(load_settings())
    add_staff_accounts(
        app, {"administrator": ("Alex Admin", "9753"), "receptionist": ("Rachel Reception", "2468")}
    )
    app.dispose()
    (tmp_path / "grace.png").write_bytes(_png())
    roll = tmp_path / "bromcom.csv"
    roll.write_text(
        "Forename,Surname,Registration Group,Admission Number,Contact 1 Forename,Contact 1 Surname,"
        "Contact 1 Relationship,Contact 1 Photo\n"
        "Amelia,Okafor,3B,1001,Grace,Okafor,Mother,grace.png\n"
    )
    me = ["--as", "Rachel Reception"]
    code, out, err = _run([*me, "pupils", "import", str(roll)], "2468\n", monkeypatch, capsys)
    assert code == 0, err
    assert out.strip() == f"imported {roll}: 1 pupils added, 0 updated, 1 collectors"
    code, out, err = _run([*me, "pupils", "export"], "2468\n", monkeypatch, capsys)
    assert code == 0, err
    assert "Amelia,Okafor,,,3B,,1001,no,Grace Okafor,Mother,1" in out
    app = build_app(load_settings())
    try:
        reception = app.staff.authenticate("Rachel Reception", "2468")
        [p] = app.pupils.pupils(reception)
        assert p.collectors[0].has_photo
        assert app.pupils.get(reception, p.id).collectors[0].photo == _png()
    finally:
        app.dispose()
    # A photo outside the file's folder, or a bad file: one clear line, no traceback.
    roll.write_text("Forename,Surname,Contact 1 Name,Contact 1 Photo\nAmelia,Okafor,Grace Okafor,../x.png\n")
    code, _out, err = _run([*me, "pupils", "import", str(roll)], "2468\n", monkeypatch, capsys)
    assert code == 1 and "same folder" in err and "Traceback" not in err
    code, _out, err = _run(
        [*me, "pupils", "import", str(tmp_path / "none.csv")], "2468\n", monkeypatch, capsys
    )
    assert code == 1 and "cannot be read" in err and "Traceback" not in err
