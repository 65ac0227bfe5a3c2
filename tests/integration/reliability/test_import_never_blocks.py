"""A ban import writes in small transactions, and the ban list as screened changes all at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from kiosk.app import build_app
from kiosk.config import Settings
from kiosk.domain.model import BanStatus
from tests.conftest import make_staff

ROOT = Path(__file__).resolve().parents[3]


def _csv(path: Path, rows: int) -> Path:
    lines = ["name,start,end"] + [f"Person{n} Banned{n},2026-01-05,2099-01-05" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _env(tmp_path: Path, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_DATABASE_URL=f"sqlite:///{db}",
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_CONFIG=str(tmp_path / "kiosk.toml"),
    )
    return env


def _import(tmp_path: Path, db: Path, rows: int, **kw) -> subprocess.Popen:
    """`kiosk bans import` as the head (see make_staff), who approves bans, the PIN typed on stdin."""
    pin = tmp_path / "pin.txt"
    pin.write_text("864213\n", encoding="utf-8")
    with pin.open(encoding="utf-8") as stdin:
        return subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--as", "Test Head", "bans", "import"]
            + [str(_csv(tmp_path / "bans.csv", rows))],
            cwd=ROOT,
            env=_env(tmp_path, db),
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            **kw,
        )


def _screened(app) -> int:
    with app.deps.uow.readonly() as uow:
        return len(uow.bans.list([BanStatus.ACTIVE]))


def test_the_ban_list_as_screened_goes_from_nothing_to_everything(tmp_path):
    db = tmp_path / "kiosk.sqlite3"
    app = build_app(Settings(database_url=f"sqlite:///{db}"))
    make_staff(app)  # the import acts as the head, who signs in with a PIN on stdin
    rows = 3000
    proc = _import(tmp_path, db, rows, text=True)
    seen, waits = set(), []
    while proc.poll() is None:
        started = time.monotonic()
        with app.deps.uow() as uow:  # a write transaction, as a sign-in takes: it queues behind a chunk
            waits.append(time.monotonic() - started)  # entering takes SQLite's write lock
            seen.add(len(uow.bans.list([BanStatus.ACTIVE])))
            uow.commit()
        time.sleep(0.01)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    seen.add(_screened(app))
    assert seen == {0, rows}, f"a kiosk saw a partial ban list: {sorted(seen)}"
    waits.sort()
    assert len(waits) > 20 and waits[-1] < 1.0, (
        f"a write waited {waits[-1]:.2f} s behind the import: {waits[-5:]}"
    )
    app.dispose()


def test_an_import_killed_part_way_screens_nothing_and_is_cleaned_up(tmp_path):
    db = tmp_path / "kiosk.sqlite3"
    app = build_app(Settings(database_url=f"sqlite:///{db}"))
    make_staff(app)
    proc = _import(tmp_path, db, 20000)
    deadline = time.monotonic() + 120
    import sqlite3

    written = 0
    while time.monotonic() < deadline and written < 500:
        with sqlite3.connect(db) as conn:
            written = conn.execute("SELECT COUNT(*) FROM bans").fetchone()[0]
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()  # waits, and closes its pipes
    with sqlite3.connect(db) as conn:
        written = conn.execute("SELECT COUNT(*) FROM bans").fetchone()[0]
    assert 500 <= written < 20000
    assert _screened(app) == 0  # nothing of the unfinished import screens
    # The next import (an hour on) removes what the dead one left, then adds its own.
    app.bans._discard_abandoned_imports(app.deps.clock.now() + timedelta(hours=2))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM bans").fetchone()[0] == 0
        assert (
            conn.execute("SELECT COUNT(*) FROM kiosk_meta WHERE key LIKE 'import_pending:%'").fetchone()[0]
            == 0
        )
    app.dispose()


def test_a_re_import_changing_many_bans_applies_them_at_once_in_one_short_write(services, staff):
    """1,200 changed bans: one statement, every change audited (a row names up to 500 bans), no half list."""
    from kiosk.services.bans import IMPORT_AUDIT_IDS

    head = staff["head"]
    rows = 1200
    text = "name,start,end,reason\n" + "".join(
        f"Person{n} Banned{n},2026-01-05,2099-01-05,first\n" for n in range(rows)
    )
    assert services.bans.import_csv(head, text, "bans.csv") == (rows, 0)
    exported = services.bans.export_csv(head)
    changed = exported.replace(",first,", ",changed,")
    assert changed.count(",changed,") == rows
    from sqlalchemy import event

    updates: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("UPDATE BANS"):
            updates.append(statement)

    engine = services.deps.uow.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert services.bans.import_csv(head, changed, "export.csv") == (0, rows)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(updates) <= 2, f"{len(updates)} UPDATE statements: the changes were written one by one"
    assert {b.reason for b in services.bans.list(head)} == {"changed"}
    entries = [e for e in services.staff.audit_log(head, limit=50) if e.action == "ban updated by import"]
    assert sorted(i for e in entries for i in e.entity_ids) == sorted(b.id for b in services.bans.list(head))
    assert len(entries) == -(-rows // IMPORT_AUDIT_IDS)
    assert services.bans.import_csv(head, changed, "export.csv") == (0, 0)  # nothing left to change


def test_an_import_transaction_is_sized_by_time_not_rows():
    from kiosk.services.bans import (
        IMPORT_CHUNK,
        IMPORT_CHUNK_MAX,
        IMPORT_CHUNK_MIN,
        IMPORT_HOLD_S,
        _next_chunk,
    )

    assert _next_chunk(IMPORT_CHUNK, IMPORT_HOLD_S * 4) == IMPORT_CHUNK // 2  # a slow machine: smaller
    assert _next_chunk(IMPORT_CHUNK, IMPORT_HOLD_S / 4) == IMPORT_CHUNK * 2  # a quick one: larger
    assert _next_chunk(IMPORT_CHUNK, IMPORT_HOLD_S * 0.75) == IMPORT_CHUNK
    size = IMPORT_CHUNK
    for _ in range(20):
        size = _next_chunk(size, 10.0)
    assert size == IMPORT_CHUNK_MIN
    for _ in range(20):
        size = _next_chunk(size, 0.0)
    assert size == IMPORT_CHUNK_MAX


def test_a_bulk_write_skips_the_sync_and_the_next_durable_commit_anchors_past_it(sqlite_services):
    """An import's chunks commit without an fsync (SQLite synchronous=NORMAL), anchor nothing a power cut
    could undo, and the import's last, ordinary commit (FULL) anchors the chain past them."""
    from sqlalchemy import text

    services = sqlite_services
    staff = make_staff(services)
    records = services.deps.uow.records
    with services.deps.uow(bulk=True) as uow:
        assert uow.session.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        uow.commit()
    with services.deps.uow() as uow:
        assert uow.session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL again for the next
        uow.commit()
    anchored = len(records.anchor_lines())
    rows = 450  # three chunks or more
    text_ = "name,start,end\n" + "".join(f"Person{n} Banned{n},2026-01-05,2099-01-05\n" for n in range(rows))
    assert services.bans.import_csv(staff["head"], text_, "bans.csv") == (rows, 0)
    log = services.staff.audit_log(staff["head"], limit=20)
    assert log[0].action == "bans imported" and log[0].detail == f"{rows} added, 0 updated"
    chunks = [e for e in log if e.action == "ban created by import"]
    assert len(chunks) >= 2 and sum(len(e.entity_ids) for e in chunks) == rows
    lines = records.anchor_lines()
    assert len(lines) == anchored + 1  # the import's last commit; no chunk's
    assert lines[-1].row_id == log[0].id
    assert services.privacy.verify_audit(staff["administrator"]).ok
