"""Unit of work over one SQLAlchemy session: one per user action, never a global session."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Self

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db import repositories as r
from kiosk.db.cases import SqlCaseRepository
from kiosk.db.engine import READONLY, describe_error
from kiosk.db.privacy import SqlPrivacyRepository
from kiosk.db.records import RecordsStore, records_for
from kiosk.domain.errors import DatabaseUnavailable

log = logging.getLogger(__name__)


class SqlUnitOfWork:
    """A transaction with the kiosk's repositories. Leaving the block without commit() rolls back."""

    def __init__(self, session_factory: Callable[[], Session], url: str, records: RecordsStore | None = None):
        self._session_factory = session_factory
        self._url = url
        self.records = records
        self.session: Session | None = None
        # Anchor lines for the file anchor (SQLite), written only once the transaction has committed.
        self._anchor_pending: list = []

    def __enter__(self) -> Self:
        s = self.session = self._session_factory()
        self.sites = r.SqlSiteRepository(s)
        self.people = r.SqlPersonRepository(s)
        self.visits = r.SqlVisitRepository(s)
        self.policies = r.SqlPolicyRepository(s)
        self.bans = r.SqlBanRepository(s)
        self.alerts = r.SqlAlertRepository(s)
        self.dismissals = r.SqlDismissalRepository(s)
        self.staff = r.SqlStaffRepository(s)
        self._anchor_pending = []
        self.audit = r.SqlAuditRepository(s, self.records, self._anchor_pending)
        self.privacy = SqlPrivacyRepository(s, self.records, self._anchor_pending)
        self.cases = SqlCaseRepository(s)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.session is not None:
                self.session.rollback()
                self.session.close()
        finally:
            self.session = None
        if isinstance(exc, OperationalError | DBAPIError):
            raise DatabaseUnavailable(describe_error(exc, self._url)) from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except (OperationalError, DBAPIError) as exc:
            self.session.rollback()
            self._anchor_pending.clear()
            raise DatabaseUnavailable(describe_error(exc, self._url)) from exc
        self._write_anchor()

    def _write_anchor(self) -> None:
        pending, self._anchor_pending[:] = list(self._anchor_pending), []
        if not pending or self.records is None:
            return
        try:
            self.records.append_anchor(r.anchor_lines_to_write(self.records, pending))
        except OSError:
            # The commit stands; `kiosk audit verify` reports the rows written since as not yet anchored.
            log.exception("the audit anchor %s could not be written", self.records.anchor_path)

    def rollback(self) -> None:
        self.session.rollback()
        self._anchor_pending.clear()


class SqlUnitOfWorkFactory:
    """Makes units of work on one engine; `readonly()` ones skip SQLite's up-front write lock."""

    def __init__(self, engine: Engine, records: RecordsStore | None = None):
        self.engine = engine
        self.records = records if records is not None else records_for(engine)
        self._write = sessionmaker(bind=engine, expire_on_commit=False)
        self._read = sessionmaker(bind=engine.execution_options(**{READONLY: True}), expire_on_commit=False)
        self._url = str(engine.url)

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._write, self._url, self.records)

    def readonly(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._read, self._url, self.records)
