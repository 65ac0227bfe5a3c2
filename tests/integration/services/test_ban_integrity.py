"""Attacks on the ban list and on staff PINs, through the real services on both databases."""

from __future__ import annotations

import time as wallclock
from dataclasses import replace
from datetime import time, timedelta

import pytest

from kiosk.domain.cases import BanTerms, Incident, IncidentPlace, SubjectType
from kiosk.domain.errors import AccountLocked, InvalidInput, PermissionDenied
from kiosk.domain.model import BanStatus, PersonType, Role
from tests.helpers import add_ban


def held(services, first, last) -> bool:
    return services.sign_in.screen(first, last, PersonType.PARENT, services.place).held


def test_a_lead_cannot_weaken_the_heads_ban(services, staff):
    lead, head = staff["safeguarding lead"], staff["head"]
    today = services.deps.clock.today()
    ban = add_ban(services, head, name="Jürgen Müller", aliases=("Jurgen Muller",))
    assert ban.status is BanStatus.ACTIVE and held(services, "Jürgen", "Müller")

    # Ending it yesterday: a request, nothing changes.
    ended = services.bans.edit(lead, replace(ban, end=today - timedelta(days=1)))
    assert ended.pending_change is not None and "ends earlier" in ended.pending_change.weakens
    assert services.bans.get(head, ban.id).end == ban.end and held(services, "Jürgen", "Müller")
    services.bans.reject_change(head, ban.id, "The ban stands.")

    # Renaming: screens on both the old and the new name until the head approves.
    renamed = services.bans.edit(lead, replace(ban, name="Zzz Nobody", aliases=()))
    assert renamed.pending_change is not None
    assert held(services, "Jürgen", "Müller") and held(services, "Zzz", "Nobody")
    for attempt in (
        lambda: services.bans.approve_change(lead, ban.id),
        lambda: services.bans.lift(lead, ban.id, "Sorted."),
        lambda: services.bans.reject_change(lead, ban.id, "Withdrawn."),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert held(services, "Jürgen", "Müller")
    assert [b.id for b in services.bans.pending_changes(head)] == [ban.id]

    approved = services.bans.approve_change(head, ban.id)
    assert approved.name == "Zzz Nobody" and approved.pending_change is None
    assert not held(services, "Jürgen", "Müller") and held(services, "Zzz", "Nobody")
    actions = [e.action for e in services.staff.audit_log(head)]
    assert {"ban change requested", "ban change rejected", "ban change approved"} <= set(actions)


def test_a_lead_may_strengthen_or_fix_a_draft_without_asking(services, staff):
    lead, head = staff["safeguarding lead"], staff["head"]
    ban = add_ban(services, head, name="Kim Rowe")
    longer = services.bans.edit(
        lead, replace(ban, end=ban.end + timedelta(days=30), aliases=("Kimberley Rowe",))
    )
    assert longer.pending_change is None and longer.end == ban.end + timedelta(days=30)
    draft = add_ban(services, lead, name="Darren Cole")
    fixed = services.bans.edit(lead, replace(draft, name="Darren Coles"))
    assert fixed.pending_change is None and fixed.name == "Darren Coles"


def test_a_named_role_approves_ban_changes_when_the_settings_say_so(services, staff):
    from kiosk.services.bans import BanService

    bans = BanService(services.deps, change_approvers=frozenset({Role.SAFEGUARDING_LEAD}))
    ban = add_ban(services, staff["head"], name="Ann Other")
    edited = bans.edit(staff["safeguarding lead"], replace(ban, name="Anne Other"))
    assert edited.pending_change is None and edited.name == "Anne Other"
    with pytest.raises(PermissionDenied):
        bans.approve_change(staff["head"], ban.id)


# ---------------------------------------------------------------- the breach process in order


def _case(services, actor, days_ago=40, **kw):
    today = services.deps.clock.today()
    incident = services.cases.record_incident(
        actor,
        Incident(
            None,
            "Jürgen Müller",
            SubjectType.PARENT,
            today - timedelta(days=days_ago),
            IncidentPlace.PREMISES,
            ("loud or offensive language or temper",),
            "Shouted at the office staff.",
            subject_address="3 Mill Lane",
            lado_referred_on=today - timedelta(days=days_ago),
            **kw,
        ),
    )
    return services.cases.open_case(actor, incident.id)


def test_no_warning_for_not_attending_before_the_meeting(services, staff):
    head = staff["head"]
    today = services.deps.clock.today()
    case = _case(services, head, subject_title="Mr")
    services.cases.invite_to_meeting(
        head,
        case.id,
        meeting_on=today + timedelta(days=7),
        meeting_at=time(15, 30),
        place="the office",
        on=today - timedelta(days=1),
    )
    with pytest.raises(InvalidInput, match="can only follow it"):
        services.cases.send_warning(head, case.id, refused=True)
    with pytest.raises(InvalidInput, match="meeting held"):
        services.cases.send_warning(head, case.id, refused=False)
    file = services.cases.send_warning(head, case.id, refused=True, refusal="Phoned to say he will not come.")
    from tests.integration.cases.test_case_routes import letter_text

    text = letter_text(services, head, file.letters[-1].id)
    assert "Dear Mr Müller," in text and "Mr Jürgen Müller" in text
    assert "You told us that you would not come" in text and "You did not attend" not in text


def test_a_referral_is_possible_at_any_stage(services, staff):
    head = staff["head"]
    case = _case(services, head, subject_salutation="Dear Jürgen".removeprefix("Dear "))
    services.cases.issue_ban(head, case.id, BanTerms(), skip_reason="Threats at the gate.")
    file = services.cases.refer_to_police(head, case.id, crime_reference="CAD 1")
    assert file.case.stage.name == "BANNED"  # recorded; the ban's process goes on
    file = services.cases.refer_to_legal(head, case.id)
    assert file.case.stage.name == "BANNED" and file.letters[-1].template == "legal_referral"
    from tests.integration.cases.test_case_routes import letter_text

    ban_letter = next(ltr for ltr in file.letters if ltr.template == "ban")
    assert "Dear Jürgen," in letter_text(services, head, ban_letter.id)


def test_a_permanent_ban_letter_names_one_review_date(services, staff):
    head = staff["head"]
    case = _case(services, head)
    file = services.cases.issue_ban(head, case.id, BanTerms(temporary=False), skip_reason="Assault.")
    from tests.integration.cases.test_case_routes import letter_text

    text = letter_text(services, head, file.letters[-1].id)
    assert "reviewed after" not in text
    assert text.count("review it by") + text.count("reviewed by") >= 1


# ---------------------------------------------------------------- PINs


def test_lockouts_lengthen_and_only_a_correct_pin_or_an_administrator_clears_them(services, staff):
    name = "Test Receptionist"
    clock = services.deps.clock
    for lock, minutes in ((1, 15), (2, 60), (3, 24 * 60), (4, 24 * 60)):
        for _ in range(4):
            with pytest.raises(InvalidInput):
                services.staff.authenticate(name, "999999")
        with pytest.raises(AccountLocked):
            services.staff.authenticate(name, "999999")
        with pytest.raises(AccountLocked):  # even the right PIN, while locked
            services.staff.authenticate(name, "2468")
        with services.deps.uow.readonly() as uow:
            member = uow.staff.by_name(name)
        assert member.lockouts == lock
        assert member.locked_until - clock.now() == pytest.approx(
            timedelta(minutes=minutes), abs=timedelta(seconds=5)
        )
        with services.deps.uow() as uow:  # the lock runs out (move it into the past)
            uow.staff.update(replace(member, locked_until=clock.now() - timedelta(seconds=1)))
            uow.commit()
    services.staff.reset_lockout(staff["administrator"], member.id)
    with services.deps.uow.readonly() as uow:
        assert uow.staff.by_name(name).lockouts == 0
    assert services.staff.authenticate(name, "2468").role is Role.RECEPTIONIST
    with pytest.raises(PermissionDenied):
        services.staff.reset_lockout(staff["head"], member.id)


@pytest.mark.production_hashes  # the time of a real argon2 check is what is compared
def test_unknown_and_known_names_take_the_same_time(services, staff):
    def timed(name):
        start = wallclock.perf_counter()
        with pytest.raises(InvalidInput):
            services.staff.authenticate(name, "999999")
        return wallclock.perf_counter() - start

    services.staff.reset_lockout(staff["administrator"], staff["receptionist"].staff_id)
    known = min(timed("Test Receptionist") for _ in range(3))
    unknown = min(timed("Nobody At All") for _ in range(3))
    assert unknown > known * 0.5  # both verify one argon2 hash (before: 4 ms against 800 ms)


def test_approvers_need_six_digits_and_a_short_pin_must_be_changed(services, staff):
    admin = staff["administrator"]
    with pytest.raises(InvalidInput, match="6 to 12"):
        services.staff.add(admin, "New Head", Role.HEAD, "2580")
    with services.deps.uow() as uow:  # an existing 4-digit head PIN from before the rule
        from argon2 import PasswordHasher

        member = uow.staff.by_name("Test Head")
        uow.staff.update(replace(member, pin_hash=PasswordHasher().hash("2580")))
        uow.commit()
    actor = services.staff.authenticate("Test Head", "2580")
    assert actor.must_change_pin
    with pytest.raises(PermissionDenied, match="PIN must be changed"):
        services.bans.list(actor)
    with pytest.raises(InvalidInput):
        services.staff.change_own_pin(actor, "2580", "3579")  # still too short
    actor = services.staff.change_own_pin(actor, "2580", "357924")
    assert not actor.must_change_pin and services.bans.list(actor) == []
    assert not services.staff.authenticate("Test Head", "357924").must_change_pin


def test_who_may_leave_the_kiosk_is_a_setting(services, staff):
    with pytest.raises(PermissionDenied):
        services.staff.authorise_kiosk_exit("Test Receptionist", "2468")
    assert services.staff.authorise_kiosk_exit("Test Administrator", "9753").role is Role.ADMINISTRATOR
    services.staff.kiosk_leavers = frozenset({Role.RECEPTIONIST})
    assert services.staff.authorise_kiosk_exit("Test Receptionist", "2468").role is Role.RECEPTIONIST


def test_an_administrator_deactivates_and_resets(services, staff):
    admin, rec = staff["administrator"], staff["receptionist"]
    with pytest.raises(PermissionDenied):
        services.staff.deactivate(rec, admin.staff_id)
    services.staff.deactivate(admin, rec.staff_id)
    with pytest.raises(InvalidInput):
        services.staff.authenticate("Test Receptionist", "2468")
    services.staff.set_active(admin, rec.staff_id, True)
    services.staff.reset_pin(admin, rec.staff_id, "135792")
    assert services.staff.authenticate("Test Receptionist", "135792").must_change_pin


def test_a_lead_cannot_import_the_ban_list(services, staff):
    ban = add_ban(services, staff["head"], name="Jürgen Müller")
    text = f"id,name,start,end,status\n{ban.id},Zzz Nobody,{ban.start},{ban.start},lifted\n"
    with pytest.raises(PermissionDenied):
        services.bans.import_csv(staff["safeguarding lead"], text, "bans.csv")
    assert services.bans.get(staff["head"], ban.id).name == "Jürgen Müller"


def test_wrong_current_pins_at_pin_change_lock_the_account_as_at_sign_in(services, staff):
    """A console left signed in is no way round the lock-out: five wrong current PINs lock the account."""
    actor = staff["receptionist"]
    for _ in range(4):
        with pytest.raises(InvalidInput, match="current PIN is not right"):
            services.staff.change_own_pin(actor, "0000", "864297")
    with pytest.raises(AccountLocked, match="locked for 15 minutes"):
        services.staff.change_own_pin(actor, "0000", "864297")
    with pytest.raises(AccountLocked, match="more"):  # even the right PIN waits for the lock to run out
        services.staff.change_own_pin(actor, "2468", "864297")
    with pytest.raises(AccountLocked):
        services.staff.authenticate("Test Receptionist", "2468")
    services.deps.clock.advance(timedelta(minutes=16))
    assert services.staff.change_own_pin(actor, "2468", "864297").name == "Test Receptionist"
    assert services.staff.authenticate("Test Receptionist", "864297").role is Role.RECEPTIONIST
