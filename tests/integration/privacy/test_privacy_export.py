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
    data, pdf = services.privacy.export_person(staff["head"], a.person_id)

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
    services.privacy.export_person(staff["safeguarding lead"], a.person_id)
    entry = next(e for e in services.staff.audit_log(staff["head"]) if e.action == "person data exported")
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
    assert data["alerts"][0]["ban_id"] is None and data["alerts"][0]["matched_name"] == ""
    assert "Assaulted a parent" not in json.dumps(data) and ban.id not in [b["id"] for b in data["bans"]]
    assert "Assaulted a parent" not in pdf_text(pdf)
