"""The outbox: messages for the world outside (alert emails, webhooks) kept in the database until sent.

A message is written in its own short transaction where the alert is raised, then a sender claims it
with a lease, sends it outside any transaction, and marks it sent or schedules the next try. A mail
outage, a crash or a restart loses nothing: an unsent row is simply tried again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, text, update
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.orm import sessionmaker

from kiosk.db.engine import READONLY
from kiosk.db.models import AlertRow, BanRow, KioskRow, OutboxRow, SiteRow, VisitRow
from kiosk.db.trust import set_school_in_each_transaction
from kiosk.services.ports import Clock, OutboxMessage

__all__ = ["OutboxMessage", "SqlOutbox", "encode_event"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _message(row: OutboxRow) -> OutboxMessage:
    return OutboxMessage(
        id=row.id,
        channel=row.channel,
        event=row.event,
        payload=dict(row.payload or {}),
        attempts=row.attempts,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        sent_at=row.sent_at,
        last_error=row.last_error,
    )


class SqlOutbox:
    """The outbox table on one engine. Each method is its own short transaction.

    ``clock`` is the program's injected clock (kiosk.app hands in Deps.clock): every stamp and "due
    now" of the outbox reads it, so a message's times agree with the visits it is about.
    """

    def __init__(self, engine: Engine, clock: Clock | None = None, *, school_id: int | None = None):
        """``school_id``: this program is one school of a trust (school.trust_school_id): each of the
        outbox's transactions sets it (SET LOCAL kiosk.school_id), as the unit of work's do, so that
        row-level security lets the school write and send its own messages (and no other school's)."""
        self.engine = engine
        self._now = clock.now if clock is not None else _utc_now
        self.school_id = school_id
        self._session = self._sessions(engine)
        # Reads skip SQLite's up-front write lock, so the sender's polling never delays a sign-in.
        self._read = self._sessions(engine.execution_options(**{READONLY: True}))
        self.is_postgres = engine.dialect.name == "postgresql"
        self._autocommit = (
            engine.execution_options(isolation_level="AUTOCOMMIT") if self.is_postgres else engine
        )

    def _sessions(self, bind: Engine) -> sessionmaker:
        factory = sessionmaker(bind=bind, expire_on_commit=False)
        if self.school_id is None or bind.dialect.name != "postgresql":
            return factory
        return set_school_in_each_transaction(factory, self.school_id)

    # ------------------------------------------------------------------ writing

    def enqueue(
        self, messages: Iterable[OutboxMessage], *, pg_notify: tuple[str, str] | None = None
    ) -> list[int]:
        """Store messages to send; on PostgreSQL also NOTIFY (delivered when this transaction commits)."""
        now = self._now()
        messages = list(messages)
        with self._session() as s, s.begin():
            # One alert email per held visit: the program that held the visitor and another program's
            # search for missed emails may both queue it; the second finds the first and adds nothing.
            visits = {m.payload.get("visit_id") for m in messages if m.event == "alert.raised"} - {None}
            if visits:
                since = now - timedelta(days=1)
                queued = {
                    (channel, p.get("visit_id"))
                    for channel, p in s.execute(
                        select(OutboxRow.channel, OutboxRow.payload).where(
                            OutboxRow.event == "alert.raised", OutboxRow.created_at >= since
                        )
                    )
                    if isinstance(p, dict)
                }
                messages = [
                    m
                    for m in messages
                    if m.event != "alert.raised" or (m.channel, m.payload.get("visit_id")) not in queued
                ]
            rows = [
                OutboxRow(
                    channel=m.channel,
                    event=m.event,
                    payload=m.payload,
                    created_at=now,
                    next_attempt_at=now,
                    attempts=0,
                    last_error="",
                    claimed_by="",
                )
                for m in messages
            ]
            s.add_all(rows)
            s.flush()
            if pg_notify is not None and self.is_postgres:
                s.execute(
                    text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": pg_notify[0], "payload": pg_notify[1]},
                )
            return [r.id for r in rows]

    def claim_due(
        self, worker: str, *, limit: int = 20, lease: timedelta = timedelta(minutes=2)
    ) -> list[OutboxMessage]:
        """Take unsent messages whose time has come, for ``lease``; nobody else sends them meanwhile."""
        now = self._now()
        with self._session() as s, s.begin():
            query = (
                select(OutboxRow)
                .where(
                    OutboxRow.sent_at.is_(None),
                    OutboxRow.next_attempt_at <= now,
                    or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now),
                )
                .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
                .limit(limit)
            )
            if self.is_postgres:
                # Two senders on two machines skip each other's rows instead of waiting on them.
                query = query.with_for_update(skip_locked=True)
            rows = list(s.scalars(query))
            for row in rows:
                row.claimed_until = now + lease
                row.claimed_by = worker[:100]
            return [_message(r) for r in rows]

    def mark_sent(self, message_id: int) -> None:
        with self._session() as s, s.begin():
            s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == message_id)
                .values(sent_at=self._now(), claimed_until=None, last_error="")
            )

    def mark_failed(self, message_id: int, error: str, retry_at: datetime) -> None:
        """Record a failed try and when to try again; the lease is given back."""
        with self._session() as s, s.begin():
            s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == message_id)
                .values(
                    attempts=OutboxRow.attempts + 1,
                    last_error=error[:2000],
                    next_attempt_at=retry_at,
                    claimed_until=None,
                )
            )

    def retry_now(self, channel: str) -> int:
        """Make every waiting (failed, unclaimed) message of ``channel`` due now: its server answers again."""
        now = self._now()
        with self._session() as s, s.begin():
            result = s.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.channel == channel,
                    OutboxRow.sent_at.is_(None),
                    OutboxRow.attempts > 0,
                    OutboxRow.next_attempt_at > now,
                    or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until < now),
                )
                .values(next_attempt_at=now)
            )
            assert isinstance(result, CursorResult)  # an UPDATE's result has a row count
            return int(result.rowcount or 0)

    # ------------------------------------------------------------------ reading

    def waiting_channels(self) -> set[str]:
        """Channels with a message that failed and waits for its back-off."""
        with self._read() as s:
            return set(
                s.scalars(
                    select(OutboxRow.channel)
                    .where(OutboxRow.sent_at.is_(None), OutboxRow.attempts > 0)
                    .distinct()
                )
            )

    def next_due(self) -> datetime | None:
        """When the earliest unsent message may next be tried (None when everything is sent)."""
        with self._read() as s:
            rows = s.execute(
                select(OutboxRow.next_attempt_at, OutboxRow.claimed_until).where(OutboxRow.sent_at.is_(None))
            ).all()
        # A row claimed by another sender is not ours to try before its lease runs out.
        times = [max(t, c) if c is not None else t for t, c in rows]
        return min(times) if times else None

    def unsent(self) -> list[OutboxMessage]:
        with self._read() as s:
            rows = s.scalars(select(OutboxRow).where(OutboxRow.sent_at.is_(None)).order_by(OutboxRow.id))
            return [_message(r) for r in rows]

    def all(self) -> list[OutboxMessage]:
        with self._read() as s:
            return [_message(r) for r in s.scalars(select(OutboxRow).order_by(OutboxRow.id))]

    def held_visits_without_email(
        self, since: datetime, before: datetime
    ) -> list[tuple[int, int | None, int, bool]]:
        """Visits held between ``since`` and ``before`` with no alert email queued: (visit, kiosk, site ids,
        held on a trust ban or a ban for several schools).

        The alert and its email are written in two transactions; a program that died between them
        left a held visitor nobody was mailed about. The sender looks for those and queues them, to the
        trust's recipients as well when a ban of the trust's held the visitor (as the first email would).
        """
        with self._read() as s:
            held = s.execute(
                select(VisitRow.id, VisitRow.kiosk_id, VisitRow.site_id).where(
                    VisitRow.status == "held", VisitRow.signed_in_at >= since, VisitRow.signed_in_at < before
                )
            ).all()
            if not held:
                return []
            payloads = s.scalars(
                select(OutboxRow.payload).where(
                    OutboxRow.channel == "email",
                    OutboxRow.event == "alert.raised",
                    OutboxRow.created_at >= since,
                )
            )
            mailed = {p.get("visit_id") for p in payloads if isinstance(p, dict)}
            missed = [(v, k, site) for v, k, site in held if v not in mailed]
            if not missed:
                return []
            # The alert band only (a review match does not hold): the first email's "trust_ban" too.
            on_trust_ban = set(
                s.scalars(
                    select(AlertRow.visit_id)
                    .join(BanRow, BanRow.id == AlertRow.ban_id)
                    .where(
                        AlertRow.visit_id.in_([v for v, _k, _s in missed]),
                        AlertRow.band == "alert",
                        BanRow.scope.in_(("trust", "schools")),
                    )
                )
            )
        return [(v, k, site, v in on_trust_ban) for v, k, site in missed]

    def place_names(self, kiosk_id: int | None, site_id: int | None) -> tuple[str, str]:
        """The kiosk's and the site's names, for a message that must say where (and nothing about who)."""
        with self._read() as s:
            kiosk = s.get(KioskRow, kiosk_id) if kiosk_id is not None else None
            site = s.get(SiteRow, site_id) if site_id is not None else None
            return (kiosk.name if kiosk else "reception"), (site.name if site else "")

    def notify(self, channel: str, event: str, payload: dict) -> None:
        """PostgreSQL only: tell every listening program about an event (no outbox row)."""
        if not self.is_postgres:
            return
        # One statement in autocommit (its own transaction, delivered at once): no BEGIN and COMMIT
        # round trips around it, which every sign-in would pay.
        with self._autocommit.connect() as conn:
            conn.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": channel, "payload": encode_event(event, payload)},
            )


# NOTIFY payloads must stay under 8000 bytes; ours are ids only, but cut anything unexpected.
MAX_NOTIFY_BYTES = 7000


def encode_event(event: str, payload: dict) -> str:
    """The NOTIFY payload: the event name and its (id-only) details as JSON."""
    body = json.dumps({"event": event, "payload": payload}, default=str, separators=(",", ":"))
    if len(body.encode()) > MAX_NOTIFY_BYTES:
        body = json.dumps({"event": event, "payload": {}})
    return body
