"""The role table itself, as the foundation issue gives it."""

from kiosk.domain.model import Actor, Role
from kiosk.domain.permissions import ROLE_TABLE, Action, may, require

R, L, H, A = Role.RECEPTIONIST, Role.SAFEGUARDING_LEAD, Role.HEAD, Role.ADMINISTRATOR

EXPECTED = {
    Action.FRONT_DESK: {R, L, H, A},
    Action.HANDLE_ALERT: {R, L, H},
    Action.DISMISS_MATCH: {L, H},
    Action.MANAGE_BANS: {L, H},
    Action.APPROVE_BANS: {H},
    Action.CASES: {L, H},
    Action.ADMINISTER: {A},
    Action.READ_AUDIT: {H, A},
}


def test_table_matches_the_issue():
    assert {a: set(r) for a, r in ROLE_TABLE.items()} == EXPECTED


def test_kiosk_actor_has_no_staff_rights():
    assert not any(may(None, a) for a in Action)
    import pytest

    from kiosk.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied, match="may not"):
        require(Actor.kiosk("Front door"), Action.MANAGE_BANS)
