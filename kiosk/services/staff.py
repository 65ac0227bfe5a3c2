"""Staff accounts and sign-in with a PIN (argon2), with lock-out after repeated wrong PINs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kiosk.domain.errors import AccountLocked, Conflict, InvalidInput, NotFound
from kiosk.domain.model import Actor, Role, Staff
from kiosk.domain.permissions import Action, require
from kiosk.services.common import Deps, audit, clean_name

MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)

_hasher = PasswordHasher()


def _check_pin(pin: str) -> str:
    pin = (pin or "").strip()
    if not pin.isdigit() or not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise InvalidInput(f"A PIN is {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits.")
    if len(set(pin)) == 1 or pin in "0123456789012" or pin in "9876543210":
        raise InvalidInput("That PIN is too easy to guess; avoid repeated or consecutive digits.")
    return pin


@dataclass
class StaffService:
    deps: Deps

    def has_staff(self) -> bool:
        with self.deps.uow.readonly() as uow:
            return uow.staff.count() > 0

    def list(self, actor: Actor) -> list[Staff]:
        require(actor, Action.ADMINISTER)
        with self.deps.uow.readonly() as uow:
            return uow.staff.list()

    def names(self) -> list[str]:
        """Names of active staff, for the console's sign-in list."""
        with self.deps.uow.readonly() as uow:
            return [s.name for s in uow.staff.list() if s.active]

    def name_of(self, staff_id: int) -> str:
        """A staff member's name, for notes like "dismissed by NAME" (staff names are shown at sign-in)."""
        with self.deps.uow.readonly() as uow:
            staff = uow.staff.get(staff_id)
        if staff is None:
            raise NotFound("That staff account no longer exists.")
        return staff.name

    def add(self, actor: Actor, name: str, role: Role, pin: str) -> Staff:
        """Add a staff account. The first account may be added by anyone and must be an administrator."""
        name = clean_name(name, "staff name")
        role = Role(role)
        pin = _check_pin(pin)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            first = uow.staff.count() == 0
            if first and role is not Role.ADMINISTRATOR:
                raise InvalidInput("The first staff account must be an administrator.")
            if not first:
                require(actor, Action.ADMINISTER)
            if uow.staff.by_name(name) is not None:
                raise Conflict(f"There is already a staff account called {name!r}.")
            staff = uow.staff.add(Staff(None, name, role, _hasher.hash(pin)))
            audit(uow, now, actor, "staff account created", "staff", staff.id, detail=f"role {role.value}")
            uow.commit()
        return staff

    def set_active(self, actor: Actor, staff_id: int, active: bool) -> None:
        require(actor, Action.ADMINISTER)
        with self.deps.uow() as uow:
            staff = uow.staff.get(staff_id)
            if staff is None:
                raise NotFound("That staff account no longer exists.")
            uow.staff.update(replace(staff, active=active, failed_attempts=0, locked_until=None))
            audit(
                uow,
                self.deps.clock.now(),
                actor,
                "staff account enabled" if active else "staff account disabled",
                "staff",
                staff_id,
            )
            uow.commit()

    def change_pin(self, actor: Actor, staff_id: int, pin: str) -> None:
        if actor.staff_id != staff_id:
            require(actor, Action.ADMINISTER)
        pin = _check_pin(pin)
        with self.deps.uow() as uow:
            staff = uow.staff.get(staff_id)
            if staff is None:
                raise NotFound("That staff account no longer exists.")
            uow.staff.update(replace(staff, pin_hash=_hasher.hash(pin), failed_attempts=0, locked_until=None))
            audit(uow, self.deps.clock.now(), actor, "PIN changed", "staff", staff_id)
            uow.commit()

    def authenticate(self, name: str, pin: str, source: str = "console") -> Actor:
        """Check a PIN. Five wrong tries lock the account for a while; each failure and lock is audited."""
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            staff = uow.staff.by_name((name or "").strip())
            if staff is None or not staff.active:
                raise InvalidInput("That name and PIN do not match.")
            if staff.locked_until is not None and staff.locked_until > now:
                minutes = max(1, int((staff.locked_until - now).total_seconds() // 60) + 1)
                raise AccountLocked(
                    f"Too many wrong PINs: this account is locked for {minutes} more minutes."
                )
            try:
                _hasher.verify(staff.pin_hash, (pin or "").strip()[: MAX_PIN_LENGTH * 4])
                ok = True
            except (VerificationError, InvalidHashError):
                ok = False
            actor = Actor(name=staff.name, role=staff.role, staff_id=staff.id, source=source)
            if ok:
                new_hash = (
                    _hasher.hash(pin.strip())
                    if _hasher.check_needs_rehash(staff.pin_hash)
                    else staff.pin_hash
                )
                uow.staff.update(replace(staff, failed_attempts=0, locked_until=None, pin_hash=new_hash))
                audit(uow, now, actor, "signed in", "staff", staff.id)
                uow.commit()
                return actor
            failed = staff.failed_attempts + 1
            locked = now + LOCKOUT if failed >= MAX_FAILED_ATTEMPTS else None
            uow.staff.update(replace(staff, failed_attempts=0 if locked else failed, locked_until=locked))
            audit(
                uow,
                now,
                actor,
                "account locked after wrong PINs" if locked else "wrong PIN",
                "staff",
                staff.id,
            )
            uow.commit()
        if locked:
            raise AccountLocked(
                f"Too many wrong PINs: this account is locked for {int(LOCKOUT.total_seconds() // 60)} minutes."
            )
        raise InvalidInput("That name and PIN do not match.")

    def audit_log(self, actor: Actor, limit: int = 500, offset: int = 0):
        require(actor, Action.READ_AUDIT)
        with self.deps.uow.readonly() as uow:
            return uow.audit.list(limit, offset)
