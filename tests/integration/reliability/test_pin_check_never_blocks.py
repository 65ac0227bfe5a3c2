"""A staff PIN check never holds SQLite's write lock while argon2 works (a kiosk's sign-in would wait).

argon2 takes tenths of a second, more on a busy reception PC; the console and every `kiosk --as NAME`
command check a PIN. The check runs outside any transaction and its outcome is written afterwards, on the
account row as it is then.
"""

from __future__ import annotations

import sqlite3

import pytest

import kiosk.services.staff as staff_module
from kiosk.domain.errors import AccountLocked, InvalidInput
from tests.conftest import make_staff


def _lock_is_free(db_path) -> bool:
    """Can another program take the write lock right now (no waiting)?"""
    conn = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


@pytest.fixture
def watched_verify(monkeypatch, sqlite_services, tmp_path):
    """Runs the real argon2 check, noting each time whether another program could write meanwhile."""
    real = staff_module._verify
    free: list[bool] = []
    during: list = []

    def verify(pin_hash: str, pin: str) -> bool:
        free.append(_lock_is_free(tmp_path / "kiosk.sqlite3"))
        for action in list(during):
            during.remove(action)
            action()
        return real(pin_hash, pin)

    monkeypatch.setattr(staff_module, "_verify", verify)
    return free, during


def test_a_pin_check_leaves_the_write_lock_free_for_the_kiosks(sqlite_services, watched_verify):
    free, _ = watched_verify
    app = sqlite_services
    make_staff(app)
    free.clear()
    actor = app.staff.authenticate("Test Head", "864213")  # right PIN
    assert actor.role is not None and actor.role.value == "head"
    with pytest.raises(InvalidInput):
        app.staff.authenticate("Test Head", "000000")  # wrong PIN
    with pytest.raises(InvalidInput):
        app.staff.authenticate("Nobody Known", "000000")  # unknown name: the same one argon2 check
    assert free == [True, True, True]
    entries = [e.action for e in app.staff.audit_log(actor, limit=5)]
    assert entries[:2] == ["wrong PIN", "signed in"]


def test_wrong_pins_made_during_a_check_are_all_counted(sqlite_services, watched_verify):
    """Another wrong PIN recorded while this one is checked: the check is made again on the row as it is."""
    _, during = watched_verify
    app = sqlite_services
    make_staff(app)

    def another_wrong_pin() -> None:
        with pytest.raises(InvalidInput):
            app.staff.authenticate("Test Head", "111111")

    for _ in range(3):
        with pytest.raises(InvalidInput):
            app.staff.authenticate("Test Head", "000000")
    during.append(another_wrong_pin)  # the 4th wrong PIN arrives while the 5th is being checked
    with pytest.raises(AccountLocked):
        app.staff.authenticate("Test Head", "000000")  # the 5th: locked, the 4th was not lost
    with app.deps.uow.readonly() as uow:
        head = uow.staff.by_name("Test Head")
    assert head is not None and head.locked_until is not None and head.lockouts == 1
