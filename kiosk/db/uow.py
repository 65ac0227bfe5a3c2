"""Unit of work over one SQLAlchemy session: one per user action, never a global session."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Self

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import repositories as r
from kiosk.db.cases import SqlCaseRepository
from kiosk.db.engine import BULK, BUSY_TIMEOUT, READONLY, describe_error, is_unreachable
from kiosk.db.expected import SqlClearanceRepository, SqlExpectedVisitRepository
from kiosk.db.identity import DatabaseGuard
from kiosk.db.privacy import SqlPrivacyRepository
from kiosk.db.pupils import SqlPupilRepository
from kiosk.db.records import RecordsStore, records_for
from kiosk.db.staffroll import SqlStaffRollRepository
from kiosk.db.trust import set_school_in_each_transaction
from kiosk.domain.errors import DatabaseUnavailable, DatabaseUnreachable
from kiosk.services.audit_chain import HEAD
from kiosk.services.ports import Clock

log = logging.getLogger(__name__)


def _unavailable(exc: BaseException, url: str) -> DatabaseUnavailable:
    """The error a unit of work raises for a driver error: DatabaseUnreachable when the server is out of reach."""
    kind = DatabaseUnreachable if is_unreachable(exc, url) else DatabaseUnavailable
    return kind(describe_error(exc, url))


class SqlUnitOfWork:
    """A transaction with the kiosk's repositories. Leaving the block without commit() rolls back."""

    def __init__(
        self,
        session_factory: Callable[[], Session],
        url: str,
        records: RecordsStore | None = None,
        guard: DatabaseGuard | None = None,
        *,
        write: bool = True,
        now: Callable[[], datetime] | None = None,
        bulk: bool = False,
        checked: bool = False,
    ):
        self._session_factory = session_factory
        self._bulk = bulk
        self._now = now
        self._url = url
        self.records = records
        self._guard = guard
        self._write = write
        self._checked = write or checked  # the guard's in-transaction checks (identity row, ban count)
        self.session: Session | None = None
        # Anchor lines for the file anchor (SQLite), written only once the transaction has committed.
        self._anchor_pending: list = []

    def __enter__(self) -> Self:
        if self._guard is not None:
            self._guard.check_file()  # a deleted or replaced SQLite file fails closed, before any statement
        s = self.session = self._session_factory()
        self.sites = r.SqlSiteRepository(s)
        self.people = r.SqlPersonRepository(s, self._now)
        self.visits = r.SqlVisitRepository(s)
        self.policies = r.SqlPolicyRepository(s)
        self.bans = r.SqlBanRepository(s, self._now)
        self.alerts = r.SqlAlertRepository(s)
        self.dismissals = r.SqlDismissalRepository(s)
        self.staff = r.SqlStaffRepository(s)
        self._anchor_pending = []
        self.audit = r.SqlAuditRepository(s, self.records, self._anchor_pending, self._now)
        self.privacy = SqlPrivacyRepository(s, self.records, self._anchor_pending)
        self.cases = SqlCaseRepository(s)
        self.expected = SqlExpectedVisitRepository(s)
        self.clearances = SqlClearanceRepository(s)
        self.pupils = SqlPupilRepository(s)
        self.staff_roll = SqlStaffRollRepository(s)
        try:
            if self._bulk and s.get_bind().dialect.name == "postgresql":
                # As SQLite's NORMAL sync for a bulk write: the commit does not wait for the disk.
                s.execute(text("SET LOCAL synchronous_commit TO OFF"))
            if self._guard is not None and self._checked:
                self._guard.check_session(s)
        except BaseException as exc:
            self.__exit__(type(exc), exc, None)  # a dropped connection: DatabaseUnavailable, as any statement
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.session is not None:
                self.session.rollback()
                self.session.close()
        except (OperationalError, DBAPIError) as cleanup:
            # The connection died (a dropped PostgreSQL connection): the server rolls back by itself.
            self._discard()
            if exc is None or isinstance(exc, OperationalError | DBAPIError):
                cause = exc or cleanup
                raise _unavailable(cause, self._url) from cause
        finally:
            self.session = None
        # PoolTimeout: every connection of this program's pool was busy for [database] pool_timeout_s.
        if isinstance(exc, OperationalError | DBAPIError | PoolTimeout):
            raise _unavailable(exc, self._url) from exc

    @property
    def _open(self) -> Session:
        """The session of the unit of work in progress (between entering and leaving its ``with``)."""
        if self.session is None:
            raise RuntimeError("this unit of work is not open: use it in a with block")
        return self.session

    def _discard(self) -> None:
        try:
            self._open.invalidate()
        except Exception:  # noqa: BLE001 - nothing more can be done for a dead connection
            pass

    def commit(self) -> None:
        try:
            self._open.commit()
        except (OperationalError, DBAPIError) as exc:
            self._anchor_pending.clear()
            try:
                self._open.rollback()
            except (OperationalError, DBAPIError):
                self._discard()
            raise _unavailable(exc, self._url) from exc
        self._write_anchor()

    def _write_anchor(self) -> None:
        pending, self._anchor_pending[:] = list(self._anchor_pending), []
        if self._bulk and any(kind != HEAD for kind, _, _ in pending):
            raise RuntimeError("a bulk write may not purge or restore the audit log")
        if not pending or self.records is None or self._bulk:
            # A bulk commit may be lost to a power cut, so the file anchor must not vouch for its rows
            # (that would read as rows removed): the next durable commit anchors the chain past them.
            return
        try:
            at = self._now() if self._now is not None else None
            self.records.append_anchor(r.anchor_lines_to_write(self.records, pending, at))
        except OSError:
            # The commit stands; `kiosk audit verify` reports the rows written since as not yet anchored.
            log.exception("the audit anchor %s could not be written", self.records.anchor_path)

    def rollback(self) -> None:
        self._open.rollback()
        self._anchor_pending.clear()


class SqlUnitOfWorkFactory:
    """Makes units of work on one engine; `readonly()` ones skip SQLite's up-front write lock."""

    def __init__(
        self,
        engine: Engine,
        guard: DatabaseGuard | None = None,
        records: RecordsStore | None = None,
        clock: Clock | None = None,
        *,
        school_id: int | None = None,
    ):
        """``clock`` stamps what the repositories write themselves (a person's created_at, a ban's
        updated_at): the same injected clock as the services' (kiosk.app hands in Deps.clock).
        ``school_id``: this program is one school of a trust (kiosk.db.trust, PostgreSQL only): every
        transaction begins with ``SET LOCAL kiosk.school_id``, which row-level security keys on."""
        self.engine = engine
        self._now = clock.now if clock is not None else None
        self.guard = guard
        self.records = records if records is not None else records_for(engine)
        self.school_id = school_id
        if school_id is not None and engine.dialect.name != "postgresql":
            raise DatabaseUnavailable("A school of a trust needs PostgreSQL (school.trust_school_id is set).")
        self._write = self._sessions(engine)
        self._read = self._sessions(engine.execution_options(**{READONLY: True}))
        self._bulk_sessions = self._sessions(engine.execution_options(**{BULK: True}))
        self._quick: dict[tuple[int, bool], sessionmaker] = {}
        self._url = str(engine.url)

    def _sessions(self, bind: Engine) -> sessionmaker:
        if self.school_id is None:
            return sessionmaker(bind=bind, expire_on_commit=False)
        factory = sessionmaker(bind=bind, expire_on_commit=False, info={r.SCHOOL_KEY: self.school_id})
        return set_school_in_each_transaction(factory, self.school_id)

    def __call__(self, *, busy_timeout_ms: int | None = None, bulk: bool = False) -> SqlUnitOfWork:
        """A write unit of work; ``busy_timeout_ms`` gives up sooner than 15 s when another program holds
        SQLite's write lock (for work that is retried later, such as recording a badge's printing).

        ``bulk``: one step of a large write made durable by a later, ordinary commit (an import's
        chunks, which screen nothing until its last transaction): committed without waiting for the
        disk, so the write lock every kiosk waits for is held for the work alone, not an fsync."""
        factory = self._bulk_sessions if bulk else self._write
        if busy_timeout_ms is not None:
            options: dict[str, object] = {BUSY_TIMEOUT: busy_timeout_ms, BULK: bulk}
            factory = self._quick.get((busy_timeout_ms, bulk)) or self._quick.setdefault(
                (busy_timeout_ms, bulk), self._sessions(self.engine.execution_options(**options))
            )
        return SqlUnitOfWork(factory, self._url, self.records, self.guard, now=self._now, bulk=bulk)

    def readonly(self, *, checked: bool = False) -> SqlUnitOfWork:
        """A read (no write lock); ``checked``: with the guard's checks a write makes first."""
        return SqlUnitOfWork(
            self._read, self._url, self.records, self.guard, write=False, now=self._now, checked=checked
        )
