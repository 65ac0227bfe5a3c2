"""The role table itself, as the foundation issue gives it."""

from kiosk.domain.model import Actor, Role
from kiosk.domain.permissions import ROLE_TABLE, Action, may, require

R, L, H, A = Role.RECEPTIONIST, Role.SAFEGUARDING_LEAD, Role.HEAD, Role.ADMINISTRATOR
S = Role.SYSTEM
T = Role.TRUST_SAFEGUARDING_LEAD

EXPECTED = {
    Action.FRONT_DESK: {R, L, H, A},
    Action.HANDLE_ALERT: {R, L, H},
    Action.DISMISS_MATCH: {L, H},
    Action.MANAGE_BANS: {L, H, T},
    Action.APPROVE_BANS: {H},
    Action.CASES: {L, H},
    Action.ADMINISTER: {A},
    Action.READ_AUDIT: {H, A},
    # The breach-process issue: the head approves weakening changes; not receptionists at the kiosk's exit;
    # the unattended jobs for the system role (and the staff who may run them by hand), nothing else.
    Action.APPROVE_BAN_CHANGES: {H},
    Action.LEAVE_KIOSK: {L, H, A},
    Action.END_OF_DAY: {R, L, H, A, S},
    Action.EXPIRE_BANS: {L, H, A, S},
    Action.PURGE: {A, S},
    Action.BACKUP: {A, S},
    # The who-may-come issue (#22): every member of staff at the front desk keeps the two lists.
    Action.EXPECTED_VISITS: {R, L, H, A},
    Action.CLEARANCES: {R, L, H, A},
    # Item 2 of #22: reception keeps the pupils and collectors; court orders are the lead's and head's only.
    Action.PUPILS: {R, L, H, A},
    Action.COURT_ORDERS: {L, H},
    # Staff on the roll (#22): the administrator keeps the list; anyone at the front desk takes a roll call.
    Action.STAFF_ROLL: {A},
    Action.ROLL_CALL: {R, L, H, A},
    # The trust issue (#24): the trust's safeguarding lead reads and makes trust bans, and the trust's reports.
    Action.TRUST_BANS: {T},
    Action.TRUST_REPORTS: {T},
}


def test_table_matches_the_issue():
    assert {a: set(r) for a, r in ROLE_TABLE.items()} == EXPECTED


def test_kiosk_actor_has_no_staff_rights():
    assert not any(may(None, a) for a in Action)
    import pytest

    from kiosk.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied, match="may not"):
        require(Actor.kiosk("Front door"), Action.MANAGE_BANS)


def test_the_system_role_may_do_only_the_unattended_jobs():
    from kiosk.domain.permissions import SYSTEM_JOBS

    assert SYSTEM_JOBS == {Action.END_OF_DAY, Action.EXPIRE_BANS, Action.PURGE, Action.BACKUP}
    assert [a for a in Action if may(S, a)] == [a for a in Action if a in SYSTEM_JOBS]
    assert S not in Role.staff_roles()


def test_there_is_no_command_line_bypass():
    import pytest

    from kiosk.domain.errors import PermissionDenied

    for action in Action:
        with pytest.raises(PermissionDenied):
            require(Actor(name="cli:root", role=None, source="command line"), action)
