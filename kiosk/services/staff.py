"""Staff accounts and sign-in with a PIN (argon2): lock-outs that lengthen, the same answer time for
unknown and known names, longer PINs for roles that approve bans, and who may leave the kiosk.

Methods the console's staff page calls (each checks the role table):

- ``list(actor)``: every account (administrator);
- ``add(actor, name, role, pin)``: a new account (administrator; or the very first administrator);
- ``change_own_pin(actor, old_pin, new_pin)``: anyone, their own PIN, with the old one;
- ``set_active(actor, staff_id, active)`` / ``deactivate(actor, staff_id)``: administrator;
- ``reset_lockout(actor, staff_id)``: administrator clears a lock-out;
- ``reset_pin(actor, staff_id, pin)``: administrator sets a temporary PIN that must be changed at next sign-in;
- ``pin_rules(role)``: the minimum length for a role, for the form's hint.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cache

from kiosk.domain.errors import AccountLocked, Conflict, InvalidInput, NotFound, PermissionDenied
from kiosk.domain.model import Actor, AuditEntry, Role, Staff
from kiosk.domain.permissions import ROLE_TABLE, Action, require
from kiosk.services.common import Deps, LazyHasher, audit, clean_name
from kiosk.services.ports import UnitOfWork

MIN_PIN_LENGTH = 4
APPROVER_MIN_PIN_LENGTH = 6  # roles that approve bans (or ban changes)
MAX_PIN_LENGTH = 12
MAX_FAILED_ATTEMPTS = 5
# Each lock-out in a row lasts longer; the last repeats. Only a correct PIN (after the lock has run
# out) or an administrator clears the count.
LOCKOUTS = (timedelta(minutes=15), timedelta(hours=1), timedelta(hours=24))
LOCKOUT = LOCKOUTS[0]

# argon2's RFC 9106 low-memory profile (its PasswordHasher's default), given so the decoy hash has the same.
_hasher = LazyHasher(time_cost=3, memory_cost=65_536, parallelism=4)


@cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown or the account is locked or disabled, so every answer
    takes one argon2 verification and the time does not say whether a name exists.

    Made without argon2 (LazyHasher.decoy: random bytes in a hash of the real hashes' cost), so the
    kiosk's start neither spends 150 ms on a hash nor loads argon2 for it."""
    return _hasher.decoy()


def _verify(pin_hash: str, pin: str) -> bool:
    return _hasher.matches(pin_hash, pin[: MAX_PIN_LENGTH * 4])


def _minutes(delta: timedelta) -> str:
    minutes = max(1, int(delta.total_seconds() // 60) + (1 if delta.total_seconds() % 60 else 0))
    if minutes >= 120:
        hours = round(minutes / 60)
        return f"{hours} hours"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@dataclass
class StaffService:
    """Staff accounts and PIN sign-in."""

    deps: Deps
    # Roles that may approve a weakening change of a ban (settings: roles.approve_ban_changes).
    ban_change_approvers: frozenset[Role] = field(
        default_factory=lambda: ROLE_TABLE[Action.APPROVE_BAN_CHANGES]
    )
    # Roles that may leave the kiosk's full screen (settings: roles.leave_kiosk).
    kiosk_leavers: frozenset[Role] = field(default_factory=lambda: ROLE_TABLE[Action.LEAVE_KIOSK])

    # ------------------------------------------------------------------ rules

    def min_pin_length(self, role: Role) -> int:
        """At least 6 digits for roles that approve bans or ban changes; 4 for the others."""
        approvers = ROLE_TABLE[Action.APPROVE_BANS] | self.ban_change_approvers
        return APPROVER_MIN_PIN_LENGTH if Role(role) in approvers else MIN_PIN_LENGTH

    def pin_rules(self, role: Role) -> str:
        """The PIN rule for a role, in words (for the console's form)."""
        return f"{self.min_pin_length(role)} to {MAX_PIN_LENGTH} digits"

    def _check_pin(self, pin: str, role: Role) -> str:
        pin = (pin or "").strip()
        least = self.min_pin_length(role)
        if not pin.isdigit() or not least <= len(pin) <= MAX_PIN_LENGTH:
            raise InvalidInput(f"A {Role(role).value}'s PIN is {least} to {MAX_PIN_LENGTH} digits.")
        if len(set(pin)) == 1 or pin in "0123456789012" or pin in "9876543210":
            raise InvalidInput("That PIN is too easy to guess; avoid repeated or consecutive digits.")
        return pin

    # ------------------------------------------------------------------ reading

    def has_staff(self) -> bool:
        with self.deps.uow.readonly() as uow:
            return uow.staff.count() > 0

    def list(self, actor: Actor) -> builtins.list[Staff]:
        """Every staff account (administrator)."""
        require(actor, Action.ADMINISTER)
        with self.deps.uow.readonly() as uow:
            return uow.staff.list()

    def names(self) -> builtins.list[str]:
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

    # ------------------------------------------------------------------ accounts

    def add(self, actor: Actor, name: str, role: Role, pin: str) -> Staff:
        """Add a staff account. On an empty database the first account may be added without signing in
        (the bootstrap) and must be an administrator; after that only an administrator adds staff."""
        name = clean_name(name, "staff name")
        role = Role(role)
        if role is Role.SYSTEM:
            raise InvalidInput("No staff account can have the system role.")
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            first = uow.staff.count() == 0
            if not first:
                require(actor, Action.ADMINISTER)
            if first and role is not Role.ADMINISTRATOR:
                raise InvalidInput("The first staff account must be an administrator.")
            pin = self._check_pin(pin, role)
            if uow.staff.by_name(name) is not None:
                raise Conflict(f"There is already a staff account called {name!r}.")
            staff = uow.staff.add(Staff(None, name, role, _hasher.hash(pin)))
            detail = f"role {role.value}" + ("; first administrator (bootstrap)" if first else "")
            audit(uow, now, actor, "staff account created", "staff", staff.id or 0, detail=detail)
            uow.commit()
        return staff

    def set_active(self, actor: Actor, staff_id: int, active: bool) -> None:
        """Enable or disable an account (administrator). An administrator cannot disable themselves."""
        require(actor, Action.ADMINISTER)
        if not active and actor.staff_id == staff_id:
            raise Conflict("You cannot disable your own account; ask another administrator.")
        self._update(
            actor,
            staff_id,
            "staff account enabled" if active else "staff account disabled",
            lambda s: replace(s, active=active, failed_attempts=0, locked_until=None, lockouts=0),
        )

    def deactivate(self, actor: Actor, staff_id: int) -> None:
        """Disable the account of someone who has left (administrator); their history stays."""
        self.set_active(actor, staff_id, False)

    def reset_lockout(self, actor: Actor, staff_id: int) -> None:
        """Clear a lock-out and the wrong-PIN count (administrator)."""
        require(actor, Action.ADMINISTER)
        self._update(
            actor,
            staff_id,
            "lock-out cleared by an administrator",
            lambda s: replace(s, failed_attempts=0, locked_until=None, lockouts=0),
        )

    def reset_pin(self, actor: Actor, staff_id: int, pin: str) -> None:
        """Set a temporary PIN (administrator); its owner must change it at their next sign-in."""
        require(actor, Action.ADMINISTER)
        with self.deps.uow.readonly() as uow:
            staff = uow.staff.get(staff_id)
        if staff is None:
            raise NotFound("That staff account no longer exists.")
        pin = self._check_pin(pin, staff.role)
        self._update(
            actor,
            staff_id,
            "PIN reset by an administrator",
            lambda s: replace(
                s,
                pin_hash=_hasher.hash(pin),
                failed_attempts=0,
                locked_until=None,
                lockouts=0,
                must_change_pin=True,
            ),
        )

    def change_own_pin(self, actor: Actor, old_pin: str, new_pin: str) -> Actor:
        """Change your own PIN, giving the old one; returns the actor without the must-change flag."""
        if actor.staff_id is None:
            raise PermissionDenied("Only a signed-in member of staff can change their PIN.")
        now = self.deps.clock.now()
        with self.deps.uow.readonly() as uow:
            staff = uow.staff.get(actor.staff_id)
        if staff is None or not staff.active:
            raise NotFound("That staff account no longer exists.")
        if staff.locked_until is not None and staff.locked_until > now:
            raise _locked_now(staff.locked_until - now, more=True)
        if not _verify(staff.pin_hash, (old_pin or "").strip()):  # outside any transaction, as at sign-in
            # A wrong current PIN counts toward the lock-out, as at sign-in: a console left signed in
            # must not become a way to guess the PIN.
            with self.deps.uow() as uow:
                current = uow.staff.get(actor.staff_id) or staff
                lock_for = self._record_sign_in(uow, current, actor, False, current.pin_hash, now)
                uow.commit()
            if lock_for is not None:
                raise _locked_now(lock_for)
            raise InvalidInput("The current PIN is not right.")
        pin = self._check_pin(new_pin, staff.role)
        if pin == (old_pin or "").strip():
            raise InvalidInput("Choose a new PIN that differs from the old one.")
        self._update(
            actor,
            actor.staff_id,
            "PIN changed",
            lambda s: replace(s, pin_hash=_hasher.hash(pin), must_change_pin=False),
        )
        return replace(actor, must_change_pin=False)

    def change_pin(self, actor: Actor, staff_id: int, pin: str) -> None:
        """An administrator sets someone's PIN (it must be changed at their next sign-in): see reset_pin."""
        self.reset_pin(actor, staff_id, pin)

    def _update(self, actor: Actor, staff_id: int, what: str, change: Callable[[Staff], Staff]) -> None:
        with self.deps.uow() as uow:
            staff = uow.staff.get(staff_id)
            if staff is None:
                raise NotFound("That staff account no longer exists.")
            uow.staff.update(change(staff))
            audit(uow, self.deps.clock.now(), actor, what, "staff", staff_id)
            uow.commit()

    # ------------------------------------------------------------------ signing in

    def prepare(self) -> None:
        """Make the decoy hash now (off the GUI thread, after the kiosk's first paint), so the first
        unknown name's answer takes no longer than a known one's."""
        _dummy_hash()

    def authenticate(self, name: str, pin: str, source: str = "console") -> Actor:
        """Check a PIN and return the signed-in actor.

        Five wrong PINs lock the account for 15 minutes, the next five for an hour, then a day each;
        the count clears only with a correct PIN after the lock has run out, or by an administrator.
        Every answer costs one argon2 verification, so the time does not tell a known name from an
        unknown one. A PIN shorter than the role now needs (or reset by an administrator) signs in
        with ``must_change_pin`` set: every action is refused until ``change_own_pin``.

        The argon2 check (tenths of a second, more on a busy machine) runs outside any transaction:
        inside a write transaction it would hold SQLite's write lock, and every kiosk's sign-in would
        wait behind it. The outcome is then recorded on the row as it is under the lock; if the account
        changed meanwhile (another sign-in, an administrator) the check is made again.
        """
        now = self.deps.clock.now()
        pin = (pin or "").strip()
        for _ in range(5):
            with self.deps.uow.readonly() as uow:
                found = uow.staff.by_name((name or "").strip())
            staff = found if found is not None and found.active and found.id is not None else None
            locked = staff is not None and staff.locked_until is not None and staff.locked_until > now
            # One argon2 verification whatever happens, so the time says nothing about the name.
            ok = _verify(staff.pin_hash if staff is not None and not locked else _dummy_hash(), pin)
            if staff is None or staff.id is None:
                raise InvalidInput("That name and PIN do not match.")
            if locked:
                assert staff.locked_until is not None
                raise _locked_now(staff.locked_until - now, more=True)
            new_hash = (
                _hasher.hash(pin) if ok and _hasher.check_needs_rehash(staff.pin_hash) else staff.pin_hash
            )
            with self.deps.uow() as uow:
                current = uow.staff.get(staff.id)
                if current != staff:
                    continue  # changed while the PIN was checked: check again against the row as it is now
                actor = Actor(
                    name=staff.name,
                    role=staff.role,
                    staff_id=staff.id,
                    source=source,
                    must_change_pin=staff.must_change_pin or len(pin) < self.min_pin_length(staff.role),
                )
                lock_for = self._record_sign_in(uow, staff, actor, ok, new_hash, now)
                uow.commit()
            if ok:
                return actor
            if lock_for is not None:
                raise _locked_now(lock_for)
            raise InvalidInput("That name and PIN do not match.")
        raise Conflict("That staff account is being changed just now; please try again.")

    def _record_sign_in(
        self, uow: UnitOfWork, staff: Staff, actor: Actor, ok: bool, new_hash: str, now: datetime
    ) -> timedelta | None:
        """Write a PIN check's outcome (in the caller's transaction); the lock-out it starts, if any."""
        assert staff.id is not None
        if ok:
            uow.staff.update(
                replace(staff, failed_attempts=0, locked_until=None, lockouts=0, pin_hash=new_hash)
            )
            detail = "must change PIN" if actor.must_change_pin else ""
            audit(uow, now, actor, "signed in", "staff", staff.id, detail=detail)
            return None
        failed = staff.failed_attempts + 1
        lock_for: timedelta | None = None
        lockouts = staff.lockouts
        if failed >= MAX_FAILED_ATTEMPTS:
            lock_for = LOCKOUTS[min(lockouts, len(LOCKOUTS) - 1)]
            lockouts += 1
            failed = 0
        uow.staff.update(
            replace(
                staff,
                failed_attempts=failed,
                locked_until=now + lock_for if lock_for else staff.locked_until,
                lockouts=lockouts,
            )
        )
        audit(
            uow,
            now,
            actor,
            "account locked after wrong PINs" if lock_for else "wrong PIN",
            "staff",
            staff.id,
            detail=f"lock-out {lockouts} for {_minutes(lock_for)}" if lock_for else "",
        )
        return lock_for

    def authorise_kiosk_exit(self, name: str, pin: str) -> Actor:
        """Sign in to leave the kiosk's full screen: only the roles the settings name (not receptionists
        by default)."""
        actor = self.authenticate(name, pin, source="kiosk")
        require(replace(actor, must_change_pin=False), Action.LEAVE_KIOSK, self.kiosk_leavers)
        return actor

    def audit_log(self, actor: Actor, limit: int = 500, offset: int = 0) -> builtins.list[AuditEntry]:
        require(actor, Action.READ_AUDIT)
        with self.deps.uow.readonly() as uow:
            return uow.audit.list(limit, offset)


def _locked_now(remaining: timedelta, more: bool = False) -> AccountLocked:
    return AccountLocked(
        f"Too many wrong PINs: this account is locked for {_minutes(remaining)}{' more' if more else ''}."
        " An administrator can unlock it."
    )


def roles_from(values: Iterable[str | Role]) -> frozenset[Role]:
    """Roles named in settings (never the system role)."""
    return frozenset(Role(v) for v in values) - {Role.SYSTEM}
