"""The first-run set-up code: `kiosk db upgrade` prints one for a database with no staff yet.

The full-screen kiosk never offers the set-up to whoever walks up to it; on a database with no staff it
asks for this code first (typed by the person who ran `kiosk db upgrade`, say over SSH, then walked to
the touchscreen), so no visitor can make themselves the administrator. `kiosk --windowed` needs no code.
Only a hash of the code is kept (``kiosk_meta``), it lasts SETUP_CODE_VALID, a new upgrade replaces it,
and it opens nothing once a staff account exists.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from hashlib import sha256

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine

from kiosk.db import models as m
from kiosk.db.engine import READONLY

SETUP_CODE_KEY = "setup.code"
SETUP_CODE_VALID = timedelta(hours=24)
DIGITS = 8


def _digest(digits: str) -> str:
    return sha256(f"kiosk-setup-code-1:{digits}".encode()).hexdigest()


def issue_setup_code(engine: Engine, now: datetime) -> str | None:
    """A new set-up code ("1234-5678") when the database has no staff yet; None when it has some."""
    with engine.begin() as conn:
        if conn.scalar(select(func.count()).select_from(m.StaffRow)):
            conn.execute(delete(m.MetaRow).where(m.MetaRow.key == SETUP_CODE_KEY))
            return None
        digits = f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"
        value = json.dumps({"sha256": _digest(digits), "issued": now.isoformat()})
        conn.execute(delete(m.MetaRow).where(m.MetaRow.key == SETUP_CODE_KEY))
        conn.execute(insert(m.MetaRow).values(key=SETUP_CODE_KEY, value=value))
    return f"{digits[:4]}-{digits[4:]}"


def setup_code_pending(engine: Engine, now: datetime) -> bool:
    """Whether a set-up code is waiting to be typed (issued, unexpired, and still no staff)."""
    return _stored(engine, now) is not None


def setup_code_matches(engine: Engine, typed: str, now: datetime) -> bool:
    """Whether ``typed`` is the pending set-up code (spaces and dashes ignored)."""
    stored = _stored(engine, now)
    digits = "".join(ch for ch in typed if not ch.isspace() and ch != "-")
    if stored is None or len(digits) != DIGITS or not digits.isdigit():
        return False
    return hmac.compare_digest(stored, _digest(digits))


def _stored(engine: Engine, now: datetime) -> str | None:
    with engine.execution_options(**{READONLY: True}).connect() as conn:  # no write lock for a read
        if conn.scalar(select(func.count()).select_from(m.StaffRow)):
            return None
        raw = conn.scalar(select(m.MetaRow.value).where(m.MetaRow.key == SETUP_CODE_KEY))
        conn.rollback()
    try:
        data = json.loads(raw) if raw else None
        issued = datetime.fromisoformat(data["issued"]) if data else None
    except (ValueError, KeyError, TypeError):
        return None
    if data is None or issued is None or not now - SETUP_CODE_VALID <= issued <= now + timedelta(minutes=5):
        return None
    return str(data.get("sha256") or "") or None


class SetupCode:
    """The set-up code check a program is given (kiosk.app): pending, and does a typed code match."""

    def __init__(self, engine: Engine, now: Callable[[], datetime]):
        self.engine = engine
        self.now = now

    def pending(self) -> bool:
        return setup_code_pending(self.engine, self.now())

    def matches(self, typed: str) -> bool:
        return setup_code_matches(self.engine, typed, self.now())
