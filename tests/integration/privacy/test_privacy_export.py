"""Subject access: the export holds every record of one person and nothing of anyone else."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from kiosk.domain.errors import PermissionDenied


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_export_holds_every_record_of_the_person_and_nothing_of_another(services, staff, two_people):
    a, b = two_people
    # Staff confirmed the ban in his name is his (same person): only then is it disclosed.
    data, pdf = services.privacy.export_person(staff["head"], a.person_id, same_person_bans=(a.ban_id,))
    assert data["status"] == "draft" and data["export_id"]

    assert data["person"]["first_name"] == "Zebedee" and data["person"]["last_name"] == "Quarmby"
    assert data["person"]["phone"] == "07700 900123"
    assert sorted(v["id"] for v in data["visits"]) == sorted(a.visit_ids)
    assert {v["host"] for v in data["visits"]} >= {"Mrs Patel"}
    assert any(v["child_name"] == "Tilly Quarmby" for v in data["visits"])
    assert len(data["acknowledgements"]) >= 1
    assert data["acknowledgements"][0]["signature_png_base64"]
    assert sorted(x["id"] for x in data["alerts"]) == sorted(a.alert_ids)
    assert [d["id"] for d in data["dismissed_matches"]] == a.dismissal_ids
    assert [ban["id"] for ban in data["bans"]] == [a.ban_id]
    assert data["bans"][0]["reason"] == "Threatened staff at the gate"
    assert data["includes_safeguarding_records"] is True

    text = json.dumps(data)
    for other in ("Ottoline", "Vance", "Mr Okafor", "Brightwater"):
        assert other not in text
    assert not set(b.visit_ids) & {v["id"] for v in data["visits"]}

    body = pdf_text(pdf)
    for expected in (
        "Zebedee Quarmby",
        "Mrs Patel",
        "Acme Surveys",
        "Tilly Quarmby",
        "Threatened staff at the gate",
    ):
        assert expected in body
    for other in ("Ottoline", "Vance", "Okafor", "Brightwater"):
        assert other not in body


def test_receptionist_cannot_export_a_persons_bans(services, staff, two_people):
    a, _ = two_people
    with pytest.raises(PermissionDenied):
        services.privacy.export_person(staff["receptionist"], a.person_id)
    with pytest.raises(PermissionDenied):
        services.privacy.export_person(staff["receptionist"], a.person_id, include_safeguarding=True)


def test_administrator_export_leaves_out_bans_and_says_so(services, staff, two_people):
    a, _ = two_people
    with pytest.raises(PermissionDenied):
        services.privacy.export_person(staff["administrator"], a.person_id, include_safeguarding=True)
    data, pdf = services.privacy.export_person(staff["administrator"], a.person_id)
    assert data["includes_safeguarding_records"] is False
    assert "bans" not in data and "alerts" not in data and "dismissed_matches" not in data
    assert all("screening" not in v for v in data["visits"])
    assert "Threatened staff" not in json.dumps(data)
    body = pdf_text(pdf)
    assert "Threatened staff" not in body and "safeguarding lead" in body
    assert sorted(v["id"] for v in data["visits"]) == sorted(a.visit_ids)


def test_export_is_audited_with_ids_only(services, staff, two_people):
    a, _ = two_people
    services.privacy.export_person(staff["safeguarding lead"], a.person_id, same_person_bans=(a.ban_id,))
    entry = next(
        e for e in services.staff.audit_log(staff["head"]) if e.action == "person data export drafted"
    )
    assert entry.entity == "person" and entry.entity_ids[0] == a.person_id and a.ban_id in entry.entity_ids
    assert entry.actor == f"staff:{staff['safeguarding lead'].staff_id}"
    assert "Zebedee" not in entry.detail and "Quarmby" not in entry.detail


def test_a_match_ruled_out_does_not_show_the_other_persons_ban(services, staff):
    from tests.helpers import add_ban

    ban = add_ban(services, staff["head"], name="William Hargreaves", reason="Assaulted a parent")
    screened = services.sign_in.screen("William", "Hargreaves", "visitor", services.place)
    alert = next(a for a in services.alerts.open_alerts(staff["head"]) if a.visit.id == screened.visit_id)
    services.alerts.not_same_person(staff["head"], alert.alert.id, note="different date of birth")
    person_id = alert.person.id
    data, pdf = services.privacy.export_person(staff["head"], person_id)
    assert data["bans"] == []
    assert "ban_id" not in data["alerts"][0] and "matched_name" not in data["alerts"][0]
    assert "Assaulted a parent" not in json.dumps(data) and ban.id not in [b["id"] for b in data["bans"]]
    assert "Assaulted a parent" not in pdf_text(pdf)


def test_a_possible_match_with_someone_elses_ban_is_not_disclosed(services, staff):
    """Visitor Bill Hargreaves is held for banned William Hargreaves; reception releases him. His export
    says a check was made, and nothing of William's ban: not its name, reason, alias or id."""
    from tests.helpers import add_ban

    ban = add_ban(
        services,
        staff["head"],
        name="William Hargreaves",
        aliases=("Will Hargreaves",),
        reason="Shouted at the head",
        incident_summary="Gate incident",
    )
    screened = services.sign_in.screen("Bill", "Hargreaves", "visitor", services.place)
    assert screened.held
    alert = next(a for a in services.alerts.open_alerts(staff["head"]) if a.visit.id == screened.visit_id)
    services.alerts.release(staff["head"], screened.visit_id, note="checked ID")
    data, pdf = services.privacy.export_person(staff["head"], alert.person.id)
    text = json.dumps(data) + pdf_text(pdf)
    assert data["bans"] == [] and len(data["alerts"]) == 1 and "checked" in data["alerts"][0]["about"]
    for secret in ("William", "Will Hargreaves", "Shouted at the head", "Gate incident"):
        assert secret not in text
    assert not any(ref["action"].startswith("ban") for ref in data["audit_log"])
    assert ban.id not in [b["id"] for b in data["bans"]]


def test_a_banned_person_without_a_visit_is_found_and_exported(services, staff):
    import datetime as dt

    from tests.helpers import add_ban

    ban = add_ban(
        services,
        staff["head"],
        name="Desmond Flint",
        aliases=("Des Flint",),
        date_of_birth=dt.date(1980, 5, 17),
        reason="Threats",
    )
    found = services.privacy.find_subject_records(staff["head"], name="Dez Flint")
    assert [(m.kind, m.id) for m in found] == [("ban", ban.id)]
    by_dob = services.privacy.find_subject_records(staff["head"], date_of_birth=dt.date(1980, 5, 17))
    assert [(m.kind, m.id) for m in by_dob] == [("ban", ban.id)]
    data, _ = services.privacy.export_person(staff["head"], None, same_person_bans=(ban.id,))
    assert [b["id"] for b in data["bans"]] == [ban.id] and data["bans"][0]["reason"] == "Threats"
    assert any(r["action"].startswith("ban") for r in data["audit_log"])
    # Staff appear by role below the head: the ban's author is "a head" only if the head made it.
    assert all("Test Receptionist" not in json.dumps(r) for r in data["audit_log"])


def test_the_reviewer_must_be_another_member_of_staff(services, staff, two_people):
    from kiosk.domain.errors import Conflict

    a, _ = two_people
    data, _ = services.privacy.export_person(staff["head"], a.person_id)
    with pytest.raises(Conflict, match="draft"):
        services.privacy.release_export(staff["head"], data["export_id"])
    with pytest.raises(PermissionDenied, match="Another member of staff"):
        services.privacy.approve_export(staff["head"], data["export_id"])
    services.privacy.approve_export(staff["administrator"], data["export_id"])
    released, pdf = services.privacy.release_export(staff["head"], data["export_id"])
    assert released["status"] == "approved" and "Reviewed and approved" in pdf_text(pdf)
    actions = [e.action for e in services.staff.audit_log(staff["head"], limit=20)]
    assert "person data export approved" in actions and "person data export released" in actions


def test_a_person_with_an_incident_and_case_gets_it_with_witnesses_withheld(services, staff, two_people):
    """The incident form's subject becomes a person record; the export holds the incident and case,
    with the witnesses and other people's names taken out."""
    from datetime import timedelta

    from kiosk.domain.cases import Incident, IncidentPlace, SubjectType

    today = services.deps.clock.today()
    incident = services.cases.record_incident(
        staff["safeguarding lead"],
        Incident(
            id=None,
            subject_name="Harriet Nkemelu",
            subject_type=SubjectType.PARENT,
            occurred_on=today - timedelta(days=3),
            place=IncidentPlace.PREMISES,
            behaviours=("loud or offensive language or temper",),
            description="Shouted at Ottoline Vance at the gate.",
            witnesses="Ottoline Vance and the caretaker",
            lado_referred_on=today - timedelta(days=2),
            lado_reference="L-1",
        ),
    )
    assert incident.person_id is not None  # made for the subject: the form left it empty
    services.cases.open_case(staff["safeguarding lead"], incident.id)
    found = services.privacy.find_subject_records(staff["head"], name="Harriet Nkemelu")
    assert ("person", incident.person_id) in [(m.kind, m.id) for m in found]
    assert ("incident", incident.id) in [(m.kind, m.id) for m in found]
    data, pdf = services.privacy.export_person(staff["head"], incident.person_id)
    assert [i["id"] for i in data["incidents"]] == [incident.id]
    item = data["incidents"][0]
    assert item["case"]["id"] and item["witnesses"].startswith("[withheld")
    text = json.dumps(data) + pdf_text(pdf)
    assert "Ottoline" not in text and "Vance" not in text and "caretaker" not in text
    assert "Shouted at [third party] at the gate." in item["description"]
    assert "Test Safeguarding Lead" not in text  # staff below the head appear by role
    assert any(r["action"] == "incident recorded" for r in data["audit_log"])
