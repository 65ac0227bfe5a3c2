"""The visit log's paged search: one page per query, newest first, by name part, type and dates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import sign_in

from kiosk.domain.errors import PermissionDenied
from kiosk.domain.model import Actor, PersonType
from kiosk.services.ports import VisitSearch
from kiosk.services.visits import VisitDetails


def test_search_pages_newest_first_and_filters(services, staff):
    for first, last in [("Priya", "Shah"), ("Zoë", "Ångström"), ("Tom", "Baker"), ("Tom", "100%_Real")]:
        sign_in(services, first, last)
    sign_in(
        services,
        "Grace",
        "Okafor",
        PersonType.COLLECTOR,
        VisitDetails(child_name="Ada Okafor", relationship="Aunt"),
    )
    now = services.deps.clock.now()
    year = VisitSearch(start=now - timedelta(days=365), end=now + timedelta(days=1))
    reports, reception = services.reports, staff["receptionist"]

    first = reports.visit_log(reception, year, 0, 2, count=True)
    assert first.total == 5 == reports.count_visits(reception, year) and [
        p.first_name for _, p in first.rows
    ] == ["Grace", "Tom"]
    second = reports.visit_log(reception, year, 2, 2)
    assert second.total is None and [p.last_name for _, p in second.rows] == ["Baker", "Ångström"]

    def names(**kw):
        page = reports.visit_log(reception, VisitSearch(start=year.start, end=year.end, **kw))
        return sorted(p.full_name for _, p in page.rows)

    assert names(name="ÅNGSTR") == ["Zoë Ångström"]  # any case, accents kept
    assert names(name="tom") == ["Tom 100%_Real", "Tom Baker"]
    assert names(name="%_") == ["Tom 100%_Real"]  # wildcards are letters here
    assert names(name="priya shah") == ["Priya Shah"]
    assert names(person_type=PersonType.COLLECTOR) == ["Grace Okafor"]
    assert names(name="nobody") == []
    later = VisitSearch(start=now + timedelta(days=1), end=now + timedelta(days=2))
    assert reports.count_visits(reception, later) == 0 and reports.visit_log(reception, later).rows == []


def test_the_visit_log_checks_the_role_table(services):
    now = services.deps.clock.now()
    with pytest.raises(PermissionDenied):
        services.reports.visit_log(Actor.kiosk("Front door"), VisitSearch(start=now, end=now))
