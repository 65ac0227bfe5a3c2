"""Who may do what: the one table the services check before every staff action."""

from __future__ import annotations

import enum

from kiosk.domain.errors import PermissionDenied
from kiosk.domain.model import Actor, Role


class Action(enum.StrEnum):
    """Things staff do, as listed in the role table."""

    FRONT_DESK = "sign in/out, on-site list, reprint, fire roll"
    HANDLE_ALERT = "see an alert, release or refuse a held visitor"
    DISMISS_MATCH = "dismiss a match (not the same person)"
    MANAGE_BANS = "read the ban list; create and edit bans"
    APPROVE_BANS = "approve or lift a ban"
    CASES = "incidents, cases, letters"
    ADMINISTER = "policy versions, settings, staff accounts"
    READ_AUDIT = "read the audit log"


_R, _L, _H, _A = Role.RECEPTIONIST, Role.SAFEGUARDING_LEAD, Role.HEAD, Role.ADMINISTRATOR

ROLE_TABLE: dict[Action, frozenset[Role]] = {
    Action.FRONT_DESK: frozenset({_R, _L, _H, _A}),
    Action.HANDLE_ALERT: frozenset({_R, _L, _H}),
    Action.DISMISS_MATCH: frozenset({_L, _H}),
    Action.MANAGE_BANS: frozenset({_L, _H}),
    Action.APPROVE_BANS: frozenset({_H}),
    Action.CASES: frozenset({_L, _H}),
    Action.ADMINISTER: frozenset({_A}),
    Action.READ_AUDIT: frozenset({_H, _A}),
}


def may(role: Role | None, action: Action) -> bool:
    """Whether a role may take an action (the UI uses this only to hide what would be refused)."""
    return role is not None and role in ROLE_TABLE[action]


def require(actor: Actor, action: Action) -> None:
    """Raise PermissionDenied unless the actor may take the action.

    The command line is run by the school's IT technician on the machine itself, with the
    operating system's permissions on the database; it acts as an administrator with the head's
    rights over bans, and is audited as "command line".
    """
    if actor.source == "command line":
        return
    if not may(actor.role, action):
        who = actor.role.value if actor.role else actor.name
        raise PermissionDenied(f"A {who} may not {action.value}.")
