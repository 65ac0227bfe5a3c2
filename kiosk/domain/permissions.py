"""Who may do what: the one table every route (console, command line, kiosk, service) checks.

There is no bypass: the command line signs in as a named member of staff with their PIN, and the
unattended jobs (nightly backup, retention purge, end of day, ban expiry) run as the narrow ``system``
role, which may do those jobs and nothing else. The only action without a signed-in actor is creating
the very first administrator on an empty database (``StaffService.add``'s bootstrap).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from kiosk.domain.errors import PermissionDenied
from kiosk.domain.model import Actor, Role


class Action(enum.StrEnum):
    """Things staff (or the system's unattended jobs) do, as listed in the role table."""

    FRONT_DESK = "sign in/out, on-site list, visit log, reprint, fire roll"
    HANDLE_ALERT = "see an alert, release or refuse a held visitor"
    DISMISS_MATCH = "dismiss a match (not the same person)"
    MANAGE_BANS = "read the ban list; create and edit bans"
    APPROVE_BANS = "approve or lift a ban"
    # Shortening, ending, renaming or removing an alias of an approved ban (settings may name other roles).
    APPROVE_BAN_CHANGES = "approve a change that weakens an approved ban"
    CASES = "incidents, cases, letters"
    ADMINISTER = "policy versions, settings, staff accounts"
    READ_AUDIT = "read the audit log"
    # Staff on the roll (issue #22): the school's staff list, their cards and kiosk PINs.
    STAFF_ROLL = "import and manage the staff on the roll, print staff cards"
    ROLL_CALL = "take a roll call at the assembly point"
    LEAVE_KIOSK = "leave the kiosk's full screen"  # settings may name other roles
    END_OF_DAY = "close visits still open at the end of the day"
    EXPIRE_BANS = "mark bans past their end date as expired"
    PURGE = "delete records past their retention period"
    BACKUP = "back up the database"
    EXPECTED_VISITS = "pre-register expected visitors; see today's arrivals"
    CLEARANCES = "keep the single central record of checks"
    PUPILS = "pupils and who may collect them"
    COURT_ORDERS = "read and keep court orders and do-not-release notes on pupils"
    TRUST_BANS = "create, approve or lift a ban for the whole trust"
    TRUST_REPORTS = "read the trust's reports across its schools"


_R, _L, _H, _A = Role.RECEPTIONIST, Role.SAFEGUARDING_LEAD, Role.HEAD, Role.ADMINISTRATOR
_S = Role.SYSTEM
_T = Role.TRUST_SAFEGUARDING_LEAD

ROLE_TABLE: dict[Action, frozenset[Role]] = {
    Action.FRONT_DESK: frozenset({_R, _L, _H, _A}),
    Action.HANDLE_ALERT: frozenset({_R, _L, _H}),
    Action.DISMISS_MATCH: frozenset({_L, _H}),
    Action.MANAGE_BANS: frozenset({_L, _H, _T}),
    Action.APPROVE_BANS: frozenset({_H}),
    Action.APPROVE_BAN_CHANGES: frozenset({_H}),
    Action.CASES: frozenset({_L, _H}),
    Action.ADMINISTER: frozenset({_A}),
    Action.READ_AUDIT: frozenset({_H, _A}),
    Action.LEAVE_KIOSK: frozenset({_L, _H, _A}),
    Action.END_OF_DAY: frozenset({_R, _L, _H, _A, _S}),
    Action.EXPIRE_BANS: frozenset({_L, _H, _A, _S}),
    Action.PURGE: frozenset({_A, _S}),
    Action.BACKUP: frozenset({_A, _S}),
    Action.EXPECTED_VISITS: frozenset({_R, _L, _H, _A}),
    Action.CLEARANCES: frozenset({_R, _L, _H, _A}),
    Action.PUPILS: frozenset({_R, _L, _H, _A}),
    # The order's terms are for the safeguarding lead and the head; reception sees only "call the lead".
    Action.COURT_ORDERS: frozenset({_L, _H}),
    Action.STAFF_ROLL: frozenset({_A}),
    Action.ROLL_CALL: frozenset({_R, _L, _H, _A}),
    # A trust of schools (kiosk.domain.trust): only the trust's own roles decide for every school.
    Action.TRUST_BANS: frozenset({_T}),
    Action.TRUST_REPORTS: frozenset({_T}),
}

# Actions whose roles a school may change in its settings (kiosk.config): the table gives the default.
CONFIGURABLE: frozenset[Action] = frozenset({Action.APPROVE_BAN_CHANGES, Action.LEAVE_KIOSK})

# Unattended jobs: what the system role exists for.
SYSTEM_JOBS: frozenset[Action] = frozenset(a for a, roles in ROLE_TABLE.items() if _S in roles)


def may(role: Role | None, action: Action, roles: Iterable[Role] | None = None) -> bool:
    """Whether a role may take an action (``roles`` replaces the table's row for a configurable action).

    The UI uses this only to hide what the service would refuse anyway.
    """
    if role is None:
        return False
    granted = ROLE_TABLE[action] if roles is None else frozenset(Role(r) for r in roles) - {_S}
    return role in granted


def require(actor: Actor, action: Action, roles: Iterable[Role] | None = None) -> None:
    """Raise PermissionDenied unless the actor's role may take the action. No source is exempt."""
    if actor.must_change_pin:
        raise PermissionDenied("Your PIN must be changed before you can do anything else: change it first.")
    if not may(actor.role, action, roles):
        who = actor.role.value if actor.role else actor.name
        raise PermissionDenied(f"A {who} may not {action.value}.")


def require_any(actor: Actor, *actions: Action, doing: str) -> None:
    """Raise PermissionDenied unless the actor may take at least one of the actions."""
    if actor.must_change_pin:
        raise PermissionDenied("Your PIN must be changed before you can do anything else: change it first.")
    if not any(may(actor.role, a) for a in actions):
        who = actor.role.value if actor.role else actor.name
        raise PermissionDenied(f"A {who} may not {doing}.")
