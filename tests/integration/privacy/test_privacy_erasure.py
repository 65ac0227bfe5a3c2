"""Erasure: a visitor's name leaves no trace in any text column of any table; the audit chain holds."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import Conflict, PermissionDenied
from tests.helpers import sign_in
from tests.integration.privacy.privacy_builders import scalar, text_values

TRACES = ("zebedee", "quarmby", "acme surveys", "07700 900123", "ab12 cde", "mrs patel", "tilly")


def test_erasure_leaves_no_trace_of_the_name_anywhere(services, staff, two_people):
    a, b = two_people

    result = services.privacy.erase_person(
        staff["head"], a.person_id, "Erasure request from Zebedee Quarmby, by email"
    )
    assert result.changed["visits"] == len(a.visit_ids)
    assert result.changed["dismissed matches"] == 1 and result.changed["signatures"] >= 1

    leftovers = [
        (table, column, value)
        for table, column, value in text_values(services)
        if any(t in value.casefold() for t in TRACES)
        # The ban record is the school's safeguarding record (not erased here); an alert keeps the
        # ban's listed name, which is the ban's, not what the visitor typed.
        and table != "bans"
        and (table, column) != ("alerts", "matched_name")
    ]
    assert leftovers == []
    assert (
        scalar(
            services,
            "SELECT count(*) FROM acknowledgements WHERE person_id = :p AND signature_png IS NOT NULL",
            p=a.person_id,
        )
        == 0
    )
    assert scalar(services, "SELECT count(*) FROM dismissed_matches WHERE person_id = :p", p=a.person_id) == 0
    matched = scalar(services, "SELECT max(matched_name) FROM alerts WHERE ban_id = :b", b=a.ban_id)
    assert matched == "Zebedee Quarmby"  # the ban's listed name
    # The other person is untouched.
    assert scalar(services, "SELECT first_name FROM people WHERE id = :p", p=b.person_id) == "Ottoline"
    assert scalar(services, "SELECT count(*) FROM visits WHERE name_as_typed = 'Ottoline Vance'") == len(
        b.visit_ids
    )

    assert services.privacy.verify_audit(staff["head"]).ok
    entry = next(e for e in services.staff.audit_log(staff["head"]) if e.action == "person erased")
    assert entry.entity_ids == (a.person_id,)
    assert (
        "Zebedee" not in entry.detail and "Quarmby" not in entry.detail and "Erasure request" in entry.detail
    )


def test_someone_on_site_cannot_be_erased_until_signed_out(services, staff):
    visit = sign_in(services, "Priya", "Shah")
    with pytest.raises(Conflict, match="signed in"):
        services.privacy.erase_person(staff["administrator"], visit.person.id, "request")
    services.sign_in.sign_out(staff["receptionist"], visit.visit.id)
    services.privacy.erase_person(staff["administrator"], visit.person.id, "request")
    assert scalar(services, "SELECT first_name FROM people WHERE id = :p", p=visit.person.id) == "erased"


@pytest.mark.parametrize("role", ["receptionist", "safeguarding lead"])
def test_only_administrator_or_head_may_erase(services, staff, role):
    visit = sign_in(services, "Priya", "Shah")
    services.sign_in.sign_out(staff["receptionist"], visit.visit.id)
    with pytest.raises(PermissionDenied):
        services.privacy.erase_person(staff[role], visit.person.id, "request")


def test_erasure_needs_a_reason(services, staff):
    from kiosk.domain.errors import InvalidInput

    visit = sign_in(services, "Priya", "Shah")
    with pytest.raises(InvalidInput):
        services.privacy.erase_person(staff["head"], visit.person.id, "  ")
