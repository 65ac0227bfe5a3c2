"""What every use case shares: its dependencies, the clock, the audit trail and validation of names."""

from __future__ import annotations

import logging
import threading
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from kiosk.domain.errors import InvalidInput
from kiosk.domain.events import Change
from kiosk.domain.model import Actor, AuditEntry
from kiosk.services.ports import Clock, Notifier, UnitOfWork, UnitOfWorkFactory

if TYPE_CHECKING:
    from argon2 import PasswordHasher

log = logging.getLogger(__name__)

MAX_NAME_LENGTH = 100
MAX_TEXT_LENGTH = 2000


class SystemClock:
    """The real clock: UTC now, and today's date in the school's time zone."""

    def __init__(self, zone: ZoneInfo):
        self.zone = zone

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now(self.zone).date()


def school_day_start(now: datetime, zone: ZoneInfo, night_cutoff: time) -> datetime:
    """Local midnight of the current school day, in UTC: yesterday's until the night cut-off passes.

    A visit begun before it belongs to an earlier day: it is not on site, nor on the fire roll.
    """
    local = now.astimezone(zone)
    day = local.date()
    if local.time() < night_cutoff:
        day -= timedelta(days=1)
    return datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(UTC)


class NullNotifier:
    """A notifier that tells nobody (the command line needs no live updates)."""

    def notify(self, event: str, payload: dict[str, object]) -> None:
        return None


@dataclass
class Deps:
    """The ports a use case needs, handed over by kiosk.app."""

    uow: UnitOfWorkFactory
    clock: Clock
    notifier: Notifier = field(default_factory=NullNotifier)
    # Identifies this program in the events it sends, so its own windows can tell their echo from news.
    origin: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def notify(self, event: Change | str, *, actor: Actor | None = None, **payload: object) -> None:
        """Tell listeners after a commit; a failing notifier never undoes what was committed.

        ``event`` is a Change (a plain string is read as one, so older call sites keep working); the
        payload also carries who caused it (``by``, the audit-log actor) and this program's ``origin``.
        """
        try:
            name: str = Change(event)
        except ValueError:  # a name this version does not know yet: sent as it is (heard as DB_CHANGED)
            name = str(event)
        payload["origin"] = self.origin
        if actor is not None:
            payload["by"] = audit_actor(actor)
        try:
            self.notifier.notify(name, payload)
        except Exception:  # noqa: BLE001 - notification is best effort; the change is already committed
            log.exception("notifier failed for %s", event)


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def stored_id(record: _Stored) -> int:
    """The id of a record read from or added to the database; only a record never stored has none."""
    if record.id is None:
        raise ValueError(f"this {type(record).__name__} has no id: it was never stored")
    return record.id


def audit(
    uow: UnitOfWork, now: datetime, actor: Actor, action: str, entity: str, *ids: int | str, detail: str = ""
) -> None:
    """Append one row to the audit trail: who (an id, not a name), what, which records."""
    uow.audit.append(
        AuditEntry(
            id=None,
            at=now,
            actor=audit_actor(actor),
            source=actor.source,
            action=action,
            entity=entity,
            entity_ids=tuple(ids),
            detail=detail,
        )
    )


def audit_actor(actor: Actor) -> str:
    if actor.staff_id is not None:
        return f"staff:{actor.staff_id}"
    return actor.name


def clean_text(value: str | None, label: str, *, required: bool = False, limit: int = MAX_TEXT_LENGTH) -> str:
    """Trim a typed value, refuse control characters and over-long text, and say which field is wrong."""
    text = unicodedata.normalize("NFC", (value or "")).strip()
    text = " ".join(text.split()) if limit <= MAX_NAME_LENGTH * 3 else text
    if required and not text:
        raise InvalidInput(f"Please enter the {label}.")
    if len(text) > limit:
        raise InvalidInput(f"The {label} is too long (at most {limit} characters).")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in "\n\t" for ch in text):
        raise InvalidInput(f"The {label} contains characters that cannot be used.")
    return text


def clean_name(value: str | None, label: str) -> str:
    """A person's name part: required, printable, at most 100 characters, with a letter in it."""
    text = clean_text(value, label, required=True, limit=MAX_NAME_LENGTH)
    if not any(ch.isalpha() for ch in text):
        raise InvalidInput(f"The {label} must contain letters.")
    return text


class LazyHasher:
    """An argon2 ``PasswordHasher`` made on first use, with the same calls.

    argon2 and its cffi bindings are ~2 MB of resident memory; the kiosk's Welcome screen checks no PIN
    or password, so they load with the first one (a staff PIN, a family's collection password).
    """

    def __init__(
        self, *, time_cost: int | None = None, memory_cost: int | None = None, parallelism: int | None = None
    ) -> None:
        # None: argon2's own default for that parameter (its RFC 9106 low-memory profile)
        self._params = {
            k: v
            for k, v in (("time_cost", time_cost), ("memory_cost", memory_cost), ("parallelism", parallelism))
            if v is not None
        }
        self._made: PasswordHasher | None = None
        self._lock = threading.Lock()

    def _hasher(self) -> PasswordHasher:
        if self._made is None:
            with self._lock:
                if self._made is None:
                    from argon2 import PasswordHasher

                    self._made = PasswordHasher(**self._params)  # type: ignore[arg-type]
        return self._made

    def hash(self, secret: str) -> str:
        return self._hasher().hash(secret)

    def matches(self, stored: str, secret: str) -> bool:
        """Whether ``secret`` is the one ``stored`` was made from (False for a hash argon2 cannot read)."""
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return bool(self._hasher().verify(stored, secret))
        except (VerificationError, InvalidHashError):
            return False

    def check_needs_rehash(self, stored: str) -> bool:
        return bool(self._hasher().check_needs_rehash(stored))

    def decoy(self) -> str:
        """A hash that no secret matches, with this hasher's cost, made without loading argon2.

        Checked against when a name is unknown, so that the answer costs one full argon2 verification,
        as a real one does (argon2 reads the cost from the hash: its encoding, RFC 9106 and the PHC string
        format). Needs all three costs given, so that the decoy's are the real hashes'.
        """
        import base64
        import secrets

        t, m, p = (self._params.get(k) for k in ("time_cost", "memory_cost", "parallelism"))
        if t is None or m is None or p is None:
            raise ValueError("a decoy needs the hasher's time_cost, memory_cost and parallelism")

        def b64(n: int) -> str:
            return base64.b64encode(secrets.token_bytes(n)).decode("ascii").rstrip("=")

        return f"$argon2id$v=19$m={m},t={t},p={p}${b64(16)}${b64(32)}"
