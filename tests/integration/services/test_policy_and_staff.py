"""Policy versions and staff accounts, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import AccountLocked, Conflict, InvalidInput, PermissionDenied
from kiosk.domain.model import Role
from kiosk.services.policy import policy_hash


def test_shipped_code_of_conduct_is_the_first_version(services):
    policy = services.policy.current()
    assert policy.title.startswith("Code of Conduct")
    assert "Behaviour that will not be tolerated" in policy.text
    assert policy.sha256 == policy_hash(policy.text)
    assert "collecting" in policy.collector_reminder


def test_publish_needs_administrator_and_new_text(services, staff):
    with pytest.raises(PermissionDenied):
        services.policy.publish(staff["head"], "Code", "text")
    with pytest.raises(Conflict):
        services.policy.publish(staff["administrator"], "Code", services.policy.current().text)
    v = services.policy.publish(staff["administrator"], "Code v2", "# Code\n\nNew text.")
    assert services.policy.current().id == v.id
    assert len(services.policy.versions()) == 2


def test_first_staff_account_must_be_administrator(services):
    from kiosk.domain.model import Actor

    cli = Actor(name="cli:t", role=None, source="command line")
    assert not services.staff.has_staff()
    with pytest.raises(InvalidInput, match="administrator"):
        services.staff.add(cli, "Rachel", Role.RECEPTIONIST, "2468")
    services.staff.add(cli, "Alex Admin", Role.ADMINISTRATOR, "9753")
    assert services.staff.has_staff()


def test_pins_are_hashed_with_argon2(services, staff):
    with services.deps.uow.readonly() as uow:
        s = uow.staff.by_name("Test Head")
    assert s.pin_hash.startswith("$argon2") and "864213" not in s.pin_hash


@pytest.mark.parametrize("pin", ["12", "1111", "abcd", "1234", "1234567890123"])
def test_weak_or_malformed_pins_are_refused(services, staff, pin):
    with pytest.raises(InvalidInput):
        services.staff.add(staff["administrator"], "New Person", Role.RECEPTIONIST, pin)


def test_five_wrong_pins_lock_the_account_and_are_audited(services, staff):
    for _ in range(4):
        with pytest.raises(InvalidInput):
            services.staff.authenticate("Test Receptionist", "0000")
    with pytest.raises(AccountLocked):
        services.staff.authenticate("Test Receptionist", "0000")
    with pytest.raises(AccountLocked):
        services.staff.authenticate("Test Receptionist", "2468")  # even the right PIN, while locked
    actions = [e.action for e in services.staff.audit_log(staff["head"])]
    assert actions.count("wrong PIN") == 4 and "account locked after wrong PINs" in actions


def test_only_administrator_adds_staff_and_head_reads_audit(services, staff):
    with pytest.raises(PermissionDenied):
        services.staff.add(staff["head"], "Someone", Role.RECEPTIONIST, "2580")
    with pytest.raises(PermissionDenied):
        services.staff.audit_log(staff["receptionist"])
    assert services.staff.audit_log(staff["administrator"])
