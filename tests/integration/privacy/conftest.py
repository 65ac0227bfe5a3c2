"""Fixtures shared by the data-protection tests."""

from __future__ import annotations

import pytest

from tests.integration.privacy.privacy_builders import visitor_with_history


@pytest.fixture
def two_people(services, staff):
    """Two visitors with full histories: Zebedee Quarmby (linked to a ban) and Ottoline Vance."""
    a = visitor_with_history(
        services, staff, "Zebedee", "Quarmby", host="Mrs Patel", org="Acme Surveys", with_ban=True
    )
    b = visitor_with_history(
        services,
        staff,
        "Ottoline",
        "Vance",
        host="Mr Okafor",
        org="Brightwater Ltd",
        with_ban=False,
        phone="01632 960555",
        car="XY99 ZZZ",
        child="Maisie",
    )
    return a, b
