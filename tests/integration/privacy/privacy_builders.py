"""Builders for the data-protection tests: people with a full history, backdating, table dumps."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from kiosk.domain.model import PersonType
from kiosk.services.visits import VisitDetails
from tests.helpers import add_ban, sign_in


def engine_of(services) -> sa.Engine:
    return services.deps.uow.engine


def sql(services, statement: str, **params):
    """Run one SQL statement in its own transaction (how the tests backdate and tamper)."""
    with engine_of(services).begin() as conn:
        return conn.execute(sa.text(statement), params)


def scalar(services, statement: str, **params):
    with engine_of(services).connect() as conn:
        return conn.execute(sa.text(statement), params).scalar()


def ago(services, days: int) -> datetime:
    return services.deps.clock.now() - timedelta(days=days)


def days_ago(services, days: int) -> date:
    return services.deps.clock.today() - timedelta(days=days)


def png_bytes() -> bytes:
    """A small real PNG (a signature stand-in)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (120, 40), "white")
    ImageDraw.Draw(img).line((5, 30, 60, 8, 115, 30), fill="black", width=3)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def dump(services) -> dict[str, list[tuple]]:
    """Every row of every table (found by inspection), for checking that nothing changed."""
    engine = engine_of(services)
    meta = sa.MetaData()
    meta.reflect(bind=engine)
    out = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [tuple(r) for r in conn.execute(sa.select(table).order_by(*order))]
    return out


def text_values(services) -> list[tuple[str, str, str]]:
    """(table, column, value) for every non-binary value of every table, found by SQLAlchemy inspection."""
    engine = engine_of(services)
    meta = sa.MetaData()
    meta.reflect(bind=engine)
    out = []
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            cols = [c for c in table.columns if not isinstance(c.type, sa.LargeBinary)]
            for row in conn.execute(sa.select(*cols)):
                for col, value in zip(cols, row, strict=True):
                    if value is not None:
                        out.append((table.name, col.name, str(value)))
    return out


@dataclass
class History:
    """Ids of everything recorded about one test person."""

    person_id: int
    visit_ids: list[int] = field(default_factory=list)
    alert_ids: list[int] = field(default_factory=list)
    dismissal_ids: list[int] = field(default_factory=list)
    ban_id: int | None = None


def visitor_with_history(
    services,
    staff,
    first: str,
    last: str,
    *,
    host: str,
    org: str,
    with_ban: bool,
    phone: str = "07700 900123",
    car: str = "AB12 CDE",
    child: str = "Tilly",
) -> History:
    """A person who signed in with full details and a signature, and (with_ban) was twice held by a ban
    on their exact name: once released by reception, once ruled "not the same person"."""
    first_visit = _sign_in_with_signature(services, first, last, host, org, phone, car)
    h = History(person_id=first_visit.person.id, visit_ids=[first_visit.visit.id])
    services.sign_in.sign_out(staff["receptionist"], first_visit.visit.id)
    collect = sign_in(
        services,
        first,
        last,
        person_type=PersonType.COLLECTOR,
        details=VisitDetails(child_name=f"{child} {last}", child_class="Year 2", relationship="Uncle"),
        person_id=h.person_id,
    )
    h.visit_ids.append(collect.visit.id)
    services.sign_in.sign_out(staff["receptionist"], collect.visit.id)
    if not with_ban:
        return h
    ban = add_ban(services, staff["head"], name=f"{first} {last}", reason="Threatened staff at the gate")
    h.ban_id = ban.id
    for decide in ("release", "not same"):
        screened = services.sign_in.screen(
            first, last, PersonType.VISITOR, services.place, person_id=h.person_id
        )
        assert screened.held
        h.visit_ids.append(screened.visit_id)
        alert = next(a for a in services.alerts.open_alerts(staff["head"]) if a.visit.id == screened.visit_id)
        h.alert_ids.append(alert.alert.id)
        if decide == "release":
            services.alerts.release(
                staff["receptionist"], screened.visit_id, note=f"Spoke to {first} at the desk"
            )
        else:
            d = services.alerts.not_same_person(
                staff["safeguarding lead"],
                alert.alert.id,
                note=f"Checked ID: not the {first} {last} on the list",
            )
            h.dismissal_ids.append(d.id)
        services.sign_in.sign_out(staff["receptionist"], screened.visit_id)
    return h


def _sign_in_with_signature(services, first, last, host, org, phone, car):
    screened = services.sign_in.screen(first, last, PersonType.VISITOR, services.place)
    assert not screened.held
    policy = services.sign_in.current_policy()
    return services.sign_in.complete(
        screened,
        VisitDetails(
            host=host,
            purpose=f"Meeting about {last} family",
            organisation=org,
            car_registration=car,
            phone=phone,
            email=f"{first.lower()}.{last.lower()}@example.org",
        ),
        services.place,
        acknowledged_policy_id=policy.id,
        signature_png=png_bytes(),
    )


def add_incident(
    services,
    *,
    name: str,
    occurred_days_ago: int,
    case_stage: str | None = None,
    closed_days_ago: int | None = None,
) -> tuple[int, int | None]:
    """An incident (and optionally its case) written straight to the tables, dated in the past."""
    from sqlalchemy.orm import Session

    from kiosk.db.cases import CaseRow, IncidentRow

    with Session(engine_of(services)) as s, s.begin():
        incident = IncidentRow(
            subject_name=name,
            subject_type="visitor",
            subject_address="",
            person_id=None,
            occurred_on=days_ago(services, occurred_days_ago),
            place="on the premises",
            location="front gate",
            behaviours=["disruptive behaviour"],
            description=f"{name} shouted at staff",
            witnesses="",
            lado_reference="",
            lado_not_referred_reason="not needed",
            recorded_at=ago(services, occurred_days_ago),
        )
        s.add(incident)
        s.flush()
        case_id = None
        if case_stage is not None:
            closed = ago(services, closed_days_ago) if closed_days_ago is not None else None
            case = CaseRow(
                incident_id=incident.id,
                subject_name=name,
                stage=case_stage,
                opened_at=ago(services, occurred_days_ago),
                updated_at=closed or ago(services, occurred_days_ago),
                closed_at=closed,
            )
            s.add(case)
            s.flush()
            case_id = case.id
        return incident.id, case_id


def backdate_person(services, person_id: int, days: int) -> None:
    """Move everything a person did `days` into the past (visits, acknowledgements, first seen)."""
    when = ago(services, days)
    sql(
        services,
        "UPDATE visits SET signed_in_at = :t, signed_out_at = :t WHERE person_id = :p",
        t=when,
        p=person_id,
    )
    sql(
        services, "UPDATE acknowledgements SET acknowledged_at = :t WHERE person_id = :p", t=when, p=person_id
    )
    sql(services, "UPDATE people SET created_at = :t WHERE id = :p", t=when, p=person_id)


def populate_for_purge(services, staff) -> dict:
    """A database with records on both sides of every retention period (defaults), returning their ids."""
    from datetime import timedelta

    from kiosk.domain.model import Ban

    ids: dict = {}
    old = sign_in(services, "Olwen", "Oldfield")
    services.sign_in.sign_out(staff["receptionist"], old.visit.id)
    backdate_person(services, old.person.id, 3 * 365)
    ids["old_person"], ids["old_visit"] = old.person.id, old.visit.id

    recent = sign_in(services, "Rhys", "Recent")
    services.sign_in.sign_out(staff["receptionist"], recent.visit.id)
    backdate_person(services, recent.person.id, 30)
    ids["recent_person"], ids["recent_visit"] = recent.person.id, recent.visit.id

    # An active ban: an old refused alert and its visit stay while the ban is in force.
    active = add_ban(services, staff["head"], name="William Hargreaves")
    held = services.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, services.place)
    services.alerts.refuse(staff["receptionist"], held.visit_id, note="refused")
    person_id = scalar(services, "SELECT person_id FROM visits WHERE id = :v", v=held.visit_id)
    backdate_person(services, person_id, 3 * 365)
    sql(
        services,
        "UPDATE alerts SET raised_at = :t, decided_at = :t WHERE visit_id = :v",
        t=ago(services, 3 * 365),
        v=held.visit_id,
    )
    ids["active_ban"], ids["active_ban_visit"], ids["active_ban_person"] = active.id, held.visit_id, person_id

    # A "not the same person" decision that ended 200 days ago (kept 90 days after it ends).
    held2 = services.sign_in.screen("William", "Hargreaves", PersonType.VISITOR, services.place)
    alert = next(a for a in services.alerts.open_alerts(staff["head"]) if a.visit.id == held2.visit_id)
    dismissal = services.alerts.not_same_person(staff["head"], alert.alert.id)
    sql(
        services,
        "UPDATE dismissed_matches SET expires_at = :t WHERE id = :d",
        t=ago(services, 200),
        d=dismissal.id,
    )
    ids["old_dismissal"] = dismissal.id
    services.sign_in.sign_out(staff["receptionist"], held2.visit_id)

    # A ban lifted seven years ago: deleted (kept six years after it ends).
    lifted = add_ban(services, staff["head"], name="Karolina Nowak-Smith")
    services.bans.lift(staff["head"], lifted.id, "apology accepted")
    sql(services, "UPDATE bans SET updated_at = :t WHERE id = :b", t=ago(services, 7 * 365), b=lifted.id)
    ids["lifted_ban"] = lifted.id
    # A ban lifted last month: kept, photo too.
    lifted_recent = add_ban(services, staff["head"], name="Dean Recentlift", photo=b"photo-bytes")
    services.bans.lift(staff["head"], lifted_recent.id, "moved away")
    ids["lifted_recent_ban"] = lifted_recent.id
    # A ban that expired 100 days ago with a photo: the photo goes (90 days), the ban stays.
    today = services.deps.clock.today()
    expired = services.bans.create(
        staff["head"],
        Ban(
            id=None,
            name="Ernest Expired",
            start=today - timedelta(days=400),
            end=today - timedelta(days=100),
            photo=b"photo-bytes",
        ),
    )
    ids["expired_ban"] = expired.id

    # Cases: an old open case is kept; a case closed seven years ago and an old incident are not.
    ids["open_case_incident"], ids["open_case"] = add_incident(
        services, name="Opal Opencase", occurred_days_ago=8 * 365, case_stage="open"
    )
    ids["closed_case_incident"], ids["closed_case"] = add_incident(
        services,
        name="Clive Closed",
        occurred_days_ago=8 * 365,
        case_stage="closed",
        closed_days_ago=7 * 365,
    )
    ids["old_incident"], _ = add_incident(services, name="Ivy Oldincident", occurred_days_ago=7 * 365)
    ids["recent_incident"], _ = add_incident(services, name="Nina Newincident", occurred_days_ago=30)

    # The oldest audit rows, written "eight years ago".
    first_recent = scalar(services, "SELECT max(id) FROM audit_log")
    ids["old_audit_through"] = min(5, first_recent - 1)
    sql(
        services,
        "UPDATE audit_log SET at = :t WHERE id <= :i",
        t=ago(services, 8 * 365),
        i=ids["old_audit_through"],
    )
    return ids
