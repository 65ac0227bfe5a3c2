"""`kiosk visits export`'s stream: only the file's columns, in one query, the same cells the visit objects give."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import sign_in

from kiosk.domain.errors import PermissionDenied
from kiosk.domain.model import Actor, PersonType
from kiosk.domain.spreadsheet import CsvWriter
from kiosk.services.visits import (
    VISIT_EXPORT_COLUMNS,
    VISIT_EXPORT_TEXT_COLUMNS,
    VisitDetails,
    visit_export_row,
)


def test_the_export_stream_gives_the_cells_of_each_visit_and_its_person(services, staff):
    sign_in(services, "Priya", "Shah")
    sign_in(
        services,
        "Grace",
        "=Okafor",
        PersonType.COLLECTOR,
        VisitDetails(child_name="Ada Okafor", relationship="Aunt", host="+Mr Lee", purpose="-pick up"),
    )
    gone = sign_in(services, "Zoë", "Ångström", PersonType.CONTRACTOR, VisitDetails(organisation="@Fix Ltd"))
    services.sign_in.sign_out(staff["receptionist"], gone.visit.id)
    now = services.deps.clock.now()
    start, end = now - timedelta(days=1), now + timedelta(days=1)
    zone = services.settings.zone
    reception = staff["receptionist"]

    expected = [
        visit_export_row(v, p, zone) for v, p in services.sign_in.iter_visits_between(reception, start, end)
    ]
    rows = list(services.sign_in.iter_visit_export(reception, start, end))
    assert len(rows) == 3 and rows == expected
    assert [r[3] for r in rows] == ["Priya", "Grace", "Zoë"]  # oldest first
    assert rows[2][2] and rows[0][2] == ""  # signed out / still here
    assert rows[1][5] == "collector" and rows[1][9] == "Ada Okafor" and rows[0][12] in ("yes", "no")

    # Written with only the typed columns guarded, the file is the one every cell guarded gives.
    every, typed = (
        CsvWriter(VISIT_EXPORT_COLUMNS),
        CsvWriter(VISIT_EXPORT_COLUMNS, text_columns=VISIT_EXPORT_TEXT_COLUMNS),
    )
    for row in rows:
        every.row(row)
        typed.row(row)
    assert typed.text() == every.text()
    assert "'=Okafor" in typed.text() and "'+Mr Lee" in typed.text() and "'@Fix Ltd" in typed.text()

    site = services.place.site_id
    assert len(list(services.sign_in.iter_visit_export(reception, start, end, site_id=site))) == 3
    assert list(services.sign_in.iter_visit_export(reception, start, end, site_id=site + 999)) == []
    assert list(services.sign_in.iter_visit_export(reception, end, end + timedelta(days=1))) == []


def test_the_export_checks_the_role_before_reading_anything(services):
    now = services.deps.clock.now()
    with pytest.raises(PermissionDenied):
        services.sign_in.iter_visit_export(Actor.kiosk("Front door"), now, now)  # raised at the call
