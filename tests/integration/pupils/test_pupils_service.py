"""Pupils and who may collect them, on both databases: import, the door's check, holds, roles, privacy."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import InvalidInput, PermissionDenied
from kiosk.domain.model import PersonType, VisitStatus
from kiosk.domain.pupils import CollectionOutcome, Collector, Pupil, Restriction, RestrictionKind
from kiosk.services.visits import VisitDetails

# A SIMS-style export: legal and preferred names, registration group, numbered contacts.
SIMS = (
    "Legal Forename,Legal Surname,Preferred Forename,Preferred Surname,Reg Group,Year,UPN,"
    "Contact 1 Name,Contact 1 Relationship,Contact 1 Priority,Contact 2 Name,Contact 2 Relationship,"
    "Contact 2 Priority,Collection Password\n"
    "Amelia,Okafor,Millie,,3B,Year 3,A123,Grace Okafor,Mother,1,Daniel Okafor,Father,2,\n"
    "Oliver,Brown,,,4C,Year 4,B456,Sarah Brown,Mother,1,Margaret Hughes,Grandmother,2,bluebell\n"
)
# An Arbor-style export: one row per contact, unnumbered.
ARBOR = (
    "First name,Last name,Registration Group,Student ID,Contact,Relationship,Priority\n"
    "Zainab,Ali,5A,C789,Fatima Ali,Mother,1\n"
    "Zainab,Ali,5A,C789,Yusuf Ali,Uncle,2\n"
)


def _collect(services, first, last, child, password="", relationship="Mother"):
    """A collector signs in as the kiosk does: screened, then completed with the child's name."""
    screened = services.sign_in.screen(first, last, PersonType.COLLECTOR, services.place)
    assert not screened.held
    policy = services.sign_in.current_policy()
    return services.sign_in.complete(
        screened,
        VisitDetails(child_name=child, relationship=relationship),
        services.place,
        acknowledged_policy_id=policy.id if policy else None,
        collection_password=password,
    )


def _hold_of(services, actor, visit_id):
    return services.alerts.collection_hold(actor, visit_id)


def test_import_of_common_exports_and_the_door(services, staff, printer):
    reception = staff["receptionist"]
    summary = services.pupils.import_csv(reception, SIMS, "sims.csv")
    assert (summary.added, summary.updated, summary.collectors) == (2, 0, 4)
    assert services.pupils.import_csv(reception, ARBOR, "arbor.csv").collectors == 2
    # The same file again changes nothing but updates (no twins).
    assert services.pupils.import_csv(reception, SIMS, "sims.csv").updated == 2
    pupils = {p.full_name: p for p in services.pupils.pupils(reception)}
    assert set(pupils) == {"Amelia Okafor", "Oliver Brown", "Zainab Ali"}
    assert [c.name for c in pupils["Zainab Ali"].collectors] == ["Fatima Ali", "Yusuf Ali"]
    assert pupils["Oliver Brown"].has_password and "bluebell" not in pupils["Oliver Brown"].password_hash
    assert pupils["Amelia Okafor"].known_as == "Millie Okafor"

    # An authorised collector goes through with a badge; the preferred name and a short form both find them.
    printed = len(printer.printed)
    result = _collect(services, "Grace", "Okafor", "Millie Okafor")
    assert result.visit.status is VisitStatus.ON_SITE and len(printer.printed) == printed + 1
    assert printer.printed[-1].host == "Collecting Millie Okafor"
    assert _collect(services, "Dan", "Okafor", "amelia okafor", relationship="Dad").visit.status is (
        VisitStatus.ON_SITE
    )

    # Not on the list: held, no badge; reception's alert lists the child's collectors.
    held = _collect(services, "Kevin", "Stranger", "Amelia Okafor")
    assert held.visit.status is VisitStatus.HELD and len(printer.printed) == printed + 2
    view = _hold_of(services, reception, held.visit.id)
    assert view.hold.outcome is CollectionOutcome.NOT_ON_LIST
    assert view.child == "Millie Okafor (3B)"
    assert [(c.name, c.relationship) for c in view.collectors] == [
        ("Grace Okafor", "Mother"),
        ("Daniel Okafor", "Father"),
    ]
    assert [v.visit.id for v in services.alerts.collection_holds(reception)] == [held.visit.id]
    assert held.visit.id in services.sign_in.held_visit_ids()

    # The family's password: wrong (or none given) holds; right (any case) goes through.
    wrong = _collect(services, "Sarah", "Brown", "Oliver Brown", password="daisy")
    assert _hold_of(services, reception, wrong.visit.id).hold.outcome is CollectionOutcome.WRONG_PASSWORD
    assert services.pupils.desk.needs_password("oliver brown")
    assert not services.pupils.desk.needs_password("Amelia Okafor")
    assert not services.pupils.desk.needs_password("Nobody Atall")
    ok = _collect(services, "Margaret", "Hughes", "Oliver Brown", password=" Bluebell ", relationship="Gran")
    assert ok.visit.status is VisitStatus.ON_SITE

    # A child the list does not have: held too ("child not found"), nothing else said.
    lost = _collect(services, "Grace", "Okafor", "Jonathan Nobody")
    view = _hold_of(services, reception, lost.visit.id)
    assert view.hold.outcome is CollectionOutcome.CHILD_NOT_FOUND and view.collectors == ()

    # Reception releases a held collector as any held visitor: on site, with a badge.
    released = services.alerts.release(reception, held.visit.id, reason="Mother phoned to say so")
    assert released.status is VisitStatus.ON_SITE


def test_a_court_order_holds_for_the_safeguarding_lead_only(services, staff):
    reception, lead, head = staff["receptionist"], staff["safeguarding lead"], staff["head"]
    services.pupils.import_csv(reception, SIMS, "sims.csv")
    amelia = next(p for p in services.pupils.pupils(reception) if p.first_name == "Amelia")
    with pytest.raises(PermissionDenied):
        services.pupils.save_restriction(
            reception, Restriction(None, amelia.id, RestrictionKind.COURT_ORDER, "Daniel Okafor")
        )
    order = services.pupils.save_restriction(
        lead,
        Restriction(
            None,
            amelia.id,
            RestrictionKind.COURT_ORDER,
            "Daniel Okafor",
            aliases=("Danny Okafor",),
            details="Prohibited steps order, Family Court ref FC-123. Call the police.",
        ),
    )
    # He is on her list too (the information system still has him): the order wins, whatever is typed.
    held = _collect(services, "Danny", "Okafor", "Amelia Okafor", relationship="Father")
    assert held.visit.status is VisitStatus.HELD
    view = _hold_of(services, reception, held.visit.id)
    assert view.restricted and view.headline == "Hold: call the safeguarding lead"
    assert "FC-123" not in repr(view)  # reception's alert carries no detail of the order
    with pytest.raises(PermissionDenied):
        services.alerts.restriction_details(reception, held.visit.id)
    with pytest.raises(PermissionDenied):
        services.pupils.restrictions(reception, amelia.id)
    with pytest.raises(PermissionDenied, match="safeguarding lead"):
        services.alerts.release(reception, held.visit.id, reason="He said it was fine")
    [shown] = services.alerts.restriction_details(head, held.visit.id)
    assert shown.id == order.id and "FC-123" in shown.details
    # Typed for another child, a spelling off: still held (the same tolerance as bans).
    other = _collect(services, "Daniel", "Okafer", "Oliver Brown", password="bluebell", relationship="Friend")
    assert _hold_of(services, reception, other.visit.id).restricted
    services.alerts.refuse(reception, other.visit.id)
    # Removed by the lead: he goes through again as the authorised father he is.
    services.pupils.remove_restriction(lead, order.id)
    again = _collect(services, "Daniel", "Okafor", "Amelia Okafor", relationship="Father")
    assert again.visit.status is VisitStatus.ON_SITE
    with services.deps.uow.readonly() as uow:
        actions = [e.action for e in uow.audit.list()]
    assert "court orders viewed" in actions and "collector held for reception" in actions


def test_console_edits_passwords_and_bad_files(services, staff):
    reception, admin = staff["receptionist"], staff["administrator"]
    p = services.pupils.save(
        reception,
        Pupil(None, "Ruby", "Green", reg_group="R", collectors=(Collector(None, "Tom Green", "Father"),)),
        password="acorn",
    )
    assert p.has_password
    changed = services.pupils.save(
        reception,
        Pupil(**{**_fields(p), "collectors": (*p.collectors, Collector(None, "Ann Green", "Aunt"))}),
    )
    assert changed.has_password and [c.name for c in changed.collectors] == ["Tom Green", "Ann Green"]
    assert not services.pupils.save(reception, changed, password="").has_password

    # A photo: lists leave its bytes out; saving a listed pupil (or re-importing them) keeps it.
    from tests.integration.pupils.test_pupils_cli import _png

    tom = changed.collectors[0]
    with_photo = services.pupils.save(
        reception,
        Pupil(
            **{
                **_fields(changed),
                "collectors": (
                    Collector(tom.id, tom.name, tom.relationship, _png()),
                    *changed.collectors[1:],
                ),
            }
        ),
    )
    [listed] = services.pupils.pupils(reception)
    assert listed.collectors[0].photo is None and listed.collectors[0].has_photo
    services.pupils.save(reception, Pupil(**{**_fields(listed), "reg_group": "R1"}))
    services.pupils.import_csv(
        reception,
        "Legal Forename,Legal Surname,Reg Group,Contact 1 Name,Contact 1 Relationship\nRuby,Green,R1,Tom Green,Dad\n",
    )
    again = services.pupils.get(reception, with_photo.id)
    assert again.collectors[0].photo == _png() and again.collectors[0].relationship == "Dad"
    with pytest.raises(InvalidInput, match="JPEG or PNG"):
        services.pupils.save(
            reception, Pupil(**{**_fields(again), "collectors": (Collector(None, "X Y", photo=b"GIF89a"),)})
        )
    with pytest.raises(InvalidInput, match="at least 4"):
        services.pupils.save(reception, changed, password="ab")
    bad = "Legal Forename,Legal Surname,Contact 1 Name\nRuby,,Tom\n"
    with pytest.raises(InvalidInput, match=r"bad\.csv, line 2"):
        services.pupils.import_csv(reception, bad, "bad.csv")
    with pytest.raises(InvalidInput, match="'legal forename'"):
        services.pupils.import_csv(reception, "Name,Class\nRuby,R\n", "x.csv")
    text = services.pupils.export_csv(admin)
    assert "Ruby,Green,,,R1,,,no,Tom Green,Dad,1\n" in text  # the file replaced her collectors
    with pytest.raises(PermissionDenied):
        services.pupils.export_csv(staff["system"])


def test_subject_access_erasure_and_retention(services, staff):
    from datetime import timedelta

    reception, admin = staff["receptionist"], staff["administrator"]
    services.pupils.import_csv(reception, SIMS, "sims.csv")
    held = _collect(services, "Kevin", "Stranger", "Amelia Okafor")
    ok = _collect(services, "Grace", "Okafor", "Amelia Okafor")
    grace, _pdf = services.privacy.export_person(admin, ok.person.id)
    assert grace["authorised_collector"] == [
        {
            "collector_id": grace["authorised_collector"][0]["collector_id"],
            "child": "Millie Okafor",
            "relationship": "Mother",
            "photo_held": False,
        }
    ]
    kevin, pdf = services.privacy.export_person(admin, held.person.id)
    assert kevin["collection_holds"][0]["outcome"] == "not on the child's list"
    services.alerts.refuse(reception, held.visit.id)
    services.privacy.erase_person(admin, held.person.id, "asked for erasure")
    with services.deps.uow.readonly() as uow:
        assert uow.pupils.hold_for_visit(held.visit.id) is None
    # Retention: a pupil no import has named for pupils_days goes, with their collectors.
    services.deps.clock.advance(timedelta(days=services.settings.retention.pupils_days + 1))
    counts = services.privacy.purge(staff["system"])
    assert counts["pupils"] == 2
    assert services.pupils.pupils(reception) == []


def _fields(p):
    return {f: getattr(p, f) for f in p.__slots__}
