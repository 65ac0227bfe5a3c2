"""The trust's report: every school's bans, reviews and incidents, for the trust's roles only, audited."""

from __future__ import annotations

import io
import sys
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kiosk.db.trust import SqlTrustReports
from kiosk.domain.errors import PermissionDenied
from kiosk.domain.model import BanScope
from kiosk.services.trust import TrustReportService
from tests.helpers import add_ban
from tests.integration.trust.conftest import url_as
from tests.integration.trust.test_row_security import open_case_with_letter

pytestmark = pytest.mark.postgres


def _fill(t) -> None:
    today = t.a.deps.clock.today()
    add_ban(
        t.central,
        t.trust_lead,
        name="Darren Cole",
        scope=BanScope.TRUST,
        review_date=today + timedelta(days=3),
    )
    add_ban(t.a, t.staff_a["head"], name="Gary Oldfield", review_date=today + timedelta(days=60))
    add_ban(t.b, t.staff_b["head"], name="Brian Hollis", review_date=today + timedelta(days=10))
    add_ban(t.b, t.staff_b["head"], name="Ivy Marsh")
    open_case_with_letter(t.b, t.staff_b["head"], "Casey Morgan")


def test_the_trust_report_sees_every_school_and_is_audited(two_schools):
    t = two_schools
    _fill(t)
    engine = t.engine_as("trust")
    try:
        service = TrustReportService(t.central.deps, SqlTrustReports(engine))
        report = service.report(t.trust_lead, review_within_days=30)
        with pytest.raises(PermissionDenied, match="trust's reports"):
            service.report(t.staff_a["head"])
    finally:
        engine.dispose()
    assert [(b.school, b.school_bans, b.trust_bans) for b in report.bans] == [
        ("Kestrel House School", 1, 1),
        ("Hillside Primary", 2, 0),
    ]
    assert [(r.school, r.name, r.scope) for r in report.reviews_due] == [
        ("Kestrel House School", "Darren Cole", "trust"),
        ("Hillside Primary", "Brian Hollis", "school"),
    ]
    assert [(i.school, i.incidents, i.open_cases) for i in report.incidents] == [
        ("Kestrel House School", 0, 0),
        ("Hillside Primary", 1, 1),
    ]
    with t.owner.connect() as conn:
        actions = conn.execute(sa.text("SELECT actor, action FROM audit_log WHERE entity = 'trust'")).all()
    assert actions == [(f"staff:{t.trust_lead.staff_id}", "trust report read")]


def test_a_school_role_cannot_make_the_report_see_other_schools(two_schools):
    """Even with the trust lead's sign-in, a school's connection reports its own rows only."""
    t = two_schools
    _fill(t)
    engine = t.engine_as("a")
    try:
        # No kiosk.school_id on this connection at all: it sees nothing, not the trust's figures.
        report = TrustReportService(t.central.deps, SqlTrustReports(engine)).report(t.trust_lead)
    finally:
        engine.dispose()
    assert all(b.school_bans == 0 and b.trust_bans == 0 for b in report.bans)
    assert report.reviews_due == () and all(i.incidents == 0 for i in report.incidents)


def test_kiosk_trust_report_on_the_command_line(two_schools, monkeypatch, capsys):
    from kiosk.cli import main

    t = two_schools
    _fill(t)
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"{url_as(t.roles['trust'])}?options=-csearch_path%3D{t.schema}")
    monkeypatch.setenv("KIOSK_SCHOOL__TRUST_SCHOOL_ID", "1")
    monkeypatch.setenv("KIOSK_STAFF", "Trust Lead")
    monkeypatch.setattr(sys, "stdin", io.StringIO("24681357\n"))
    assert main(["trust", "report", "--within", "14"]) == 0
    out = capsys.readouterr().out
    assert "Hillside Primary: 2 school, 0 trust" in out
    assert "Darren Cole (trust)" in out and "Brian Hollis (school)" in out and "Gary Oldfield" not in out
    assert "Hillside Primary: 1 incidents, 1 open cases" in out
    monkeypatch.setenv("KIOSK_STAFF", "Test Head")
    monkeypatch.setattr(sys, "stdin", io.StringIO("864213\n"))
    assert main(["trust", "report"]) == 1
    assert "may not read the trust's reports" in capsys.readouterr().err
