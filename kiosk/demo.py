"""A demo database: sample staff, bans and a day of visits, made through the real services."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypedDict

from kiosk.app import build_app
from kiosk.config import Settings
from kiosk.domain.expected import Clearance, DbsCheck, ExpectedVisit
from kiosk.domain.model import Actor, Ban, PersonType, Role
from kiosk.domain.pupils import Restriction, RestrictionKind
from kiosk.services.common import stored_id
from kiosk.services.container import Services
from kiosk.services.visits import VisitDetails

DEMO_STAFF = (
    ("Alex Admin", Role.ADMINISTRATOR, "9753"),
    ("Rachel Reception", Role.RECEPTIONIST, "2468"),
    ("Sam Safeguarding", Role.SAFEGUARDING_LEAD, "1357"),
    ("Helen Head", Role.HEAD, "864213"),
)


class DemoBan(TypedDict):
    name: str
    aliases: tuple[str, ...]
    categories: tuple[str, ...]
    reason: str
    months: int


DEMO_BANS: tuple[DemoBan, ...] = (
    DemoBan(
        name="William Hargreaves",
        aliases=("Billy Hargreaves",),
        categories=("threatening staff, visitors, parents or pupils",),
        reason="Threatened a member of staff at the gate.",
        months=12,
    ),
    DemoBan(
        name="Karolina Nowak-Smith",
        aliases=(),
        categories=("abusive or threatening messages",),
        reason="Abusive messages to staff on social media.",
        months=6,
    ),
    DemoBan(
        name="Mohammed Rahman",
        aliases=("Mo Rahman",),
        categories=("approaching another's child",),
        reason="Approached another parent's child in the playground.",
        months=12,
    ),
    DemoBan(
        name="Jürgen Müller",
        aliases=(),
        categories=("damaging or destroying school property",),
        reason="Damaged the school gate.",
        months=3,
    ),
)

DEMO_VISITORS = (
    (
        "Priya",
        "Shah",
        PersonType.VISITOR,
        VisitDetails(
            organisation="Local Authority", host="Mrs Patel", purpose="SEND review", phone="07700 900123"
        ),
    ),
    (
        "Tom",
        "Baker",
        PersonType.CONTRACTOR,
        VisitDetails(
            organisation="Baker Electrical",
            host="Site manager",
            purpose="Fire alarm test",
            car_registration="AB12 CDE",
        ),
    ),
    (
        "Grace",
        "Okafor",
        PersonType.COLLECTOR,
        VisitDetails(
            child_name="Ada Okafor", child_class="Year 2", relationship="Aunt", phone="07700 900456"
        ),
    ),
    ("Daniel", "Evans", PersonType.VOLUNTEER, VisitDetails(host="Mr Hughes", purpose="Reading volunteer")),
    ("Aisha", "Begum", PersonType.SUPPLY_STAFF, VisitDetails(organisation="Teach Agency", host="Year 4")),
)


def make_demo(folder: Path | None = None) -> tuple[Path, Path]:
    """Create the demo database in ``folder`` (default: a new temporary folder); returns (db path, folder)."""
    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "kiosk-demo.sqlite3"
    if db_path.exists():
        db_path.unlink()
    settings = Settings(database_url=f"sqlite:///{db_path}")
    settings.printing.folder = str(folder / "badges")
    app = build_app(settings)
    try:
        seed(app)
    finally:
        app.dispose()
    return db_path, folder


def seed(app: Services) -> None:
    """Fill an empty database with the demo staff, bans and visits."""
    setup = Actor(name="demo set-up", role=None, source="command line")
    pins = {name: pin for name, _role, pin in DEMO_STAFF}
    admin_name = next(name for name, role, _pin in DEMO_STAFF if role is Role.ADMINISTRATOR)
    app.staff.add(setup, admin_name, Role.ADMINISTRATOR, pins[admin_name])  # the bootstrap
    admin = app.staff.authenticate(admin_name, pins[admin_name])
    for name, role, pin in DEMO_STAFF:
        if name != admin_name:
            app.staff.add(admin, name, role, pin)
    head = app.staff.authenticate("Helen Head", "864213")
    cli = app.staff.authenticate("Rachel Reception", pins["Rachel Reception"])
    today = app.deps.clock.today()
    for spec in DEMO_BANS:
        start = today - timedelta(days=30)
        app.bans.create(
            head,
            Ban(
                id=None,
                name=spec["name"],
                aliases=spec["aliases"],
                categories=spec["categories"],
                start=start,
                end=start + timedelta(days=30 * spec["months"]),
                review_date=start + timedelta(days=30 * spec["months"] - 14),
                reason=spec["reason"],
                conditions="Must not enter the school site or the gates at drop-off and pick-up.",
            ),
        )
    lead = app.staff.authenticate("Sam Safeguarding", "1357")
    app.bans.create(
        lead,
        Ban(
            id=None,
            name="Darren Cole",
            start=today,
            end=today + timedelta(days=180),
            categories=("loud or offensive language or temper",),
            reason="Shouting at staff in reception (waiting for the head's approval).",
        ),
    )
    place = app.place
    _seed_lists(app, cli, today)
    _seed_pupils(app, cli, lead)
    _seed_staff_roll(app, admin)
    for first, last, ptype, details in DEMO_VISITORS:
        screened = app.sign_in.screen(first, last, ptype, place)
        policy = app.sign_in.current_policy()
        app.sign_in.complete(screened, details, place, acknowledged_policy_id=policy.id if policy else None)
    # One visitor has already left.
    on_site = app.sign_in.on_site(cli, place.site_id)
    app.sign_in.sign_out(cli, stored_id(on_site[-1][0]))
    # Yesterday's visits, for the visit log.
    _backdate_yesterday(app, cli)
    # And one held visitor waiting for reception.
    app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, place)
    # And a collector who is not on the child's list, held discreetly.
    screened = app.sign_in.screen("Kevin", "Marsh", PersonType.COLLECTOR, place)
    policy = app.sign_in.current_policy()
    app.sign_in.complete(
        screened,
        VisitDetails(child_name="Ada Okafor", relationship="Family friend"),
        place,
        acknowledged_policy_id=policy.id if policy else None,
    )


# A few pupils as a school information system exports them (kiosk.services.pupils.PUPIL_COLUMNS).
DEMO_PUPILS = (
    "Legal Forename,Legal Surname,Preferred Forename,Reg Group,Year,UPN,Contact 1 Name,Contact 1 Relationship,"
    "Contact 2 Name,Contact 2 Relationship,Contact 3 Name,Contact 3 Relationship,Collection Password\n"
    "Adaeze,Okafor,Ada,2G,Year 2,A100,Chioma Okafor,Mother,Grace Okafor,Aunt,,,\n"
    "Oliver,Brown,,4C,Year 4,A101,Sarah Brown,Mother,Margaret Hughes,Grandmother,,,bluebell\n"
    "Leo,Hart,,1R,Year 1,A102,Emma Hart,Mother,Joan Hart,Grandmother,Little Acorns,Childminder,\n"
    "Zainab,Ali,,5A,Year 5,A103,Fatima Ali,Mother,Yusuf Ali,Uncle,,,\n"
)


def _seed_pupils(app: Services, cli: Actor, lead: Actor) -> None:
    """A small roll with collectors, one family password and one do-not-release note (made by the lead)."""
    assert app.pupils is not None
    app.pupils.import_csv(cli, DEMO_PUPILS, "demo-roll.csv")
    leo = next(p for p in app.pupils.pupils(cli) if p.first_name == "Leo")
    app.pupils.save_restriction(
        lead,
        Restriction(
            id=None,
            pupil_id=stored_id(leo),
            kind=RestrictionKind.DO_NOT_RELEASE,
            person_name="Ryan Hart",
            details="Child arrangements order: Leo lives with his mother; no contact at school. "
            "Call the safeguarding lead and the mother.",
        ),
    )


DEMO_STAFF_ROLL = (
    "Staff code,Forename,Surname,Job title\n"
    "GRE,Olivia,Green,Year 4 teacher\n"
    "PAT,Ravi,Patel,Teaching assistant\n"
    "OKO,Grace,Okafor,School business manager\n"
    "WIL,Peter,Williams,Site manager\n"
)


def _seed_staff_roll(app: Services, admin: Actor) -> None:
    """A small staff roll; three of them signed in at the kiosk with their cards this morning."""
    roll = app.staff_roll
    assert roll is not None
    roll.import_csv(admin, DEMO_STAFF_ROLL, "demo staff list")
    place = app.place
    for member in roll.members(admin)[:3]:
        roll.toggle_by_card(member.card_token, place.site_id, place.kiosk_id, place.kiosk_name or "demo")


def _seed_lists(app: Services, cli: Actor, today: date) -> None:
    """Today's expected visitors (one arrives with the demo visits) and a small single central record."""
    assert app.expected is not None and app.clearances is not None
    for first, last, ptype, host, org, purpose in (
        ("Aisha", "Begum", PersonType.SUPPLY_STAFF, "Mrs Green", "Teach Agency", "Year 4 cover"),
        ("Mark", "Jones", PersonType.CONTRACTOR, "Site manager", "Jones Roofing", "Roof survey"),
        ("Ruth", "Allen", PersonType.GOVERNOR, "Head teacher", "", "Safeguarding governor visit"),
    ):
        app.expected.add(
            cli,
            ExpectedVisit(
                id=None,
                first_name=first,
                last_name=last,
                person_type=ptype,
                expected_on=today,
                site_id=app.place.site_id,
                host=host,
                organisation=org,
                purpose=purpose,
            ),
        )
    for first, last, ptype, org, dbs, months_ago, expires_months, agency in (
        ("Tom", "Baker", PersonType.CONTRACTOR, "Baker Electrical", DbsCheck.ENHANCED, 8, 28, False),
        ("Daniel", "Evans", PersonType.VOLUNTEER, "", DbsCheck.ENHANCED_BARRED, 40, -4, False),
        ("Aisha", "Begum", PersonType.SUPPLY_STAFF, "Teach Agency", DbsCheck.ENHANCED_BARRED, 5, 31, True),
    ):
        app.clearances.save(
            cli,
            Clearance(
                id=None,
                first_name=first,
                last_name=last,
                person_type=ptype,
                organisation=org,
                dbs_check=dbs,
                dbs_number=f"00123456{len(first + last):04d}",
                dbs_date=today - timedelta(days=30 * months_ago),
                id_checked=True,
                agency_confirmed=agency,
                expires_on=today + timedelta(days=30 * expires_months),
            ),
        )


def _backdate_yesterday(app: Services, cli: Actor) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    for i, (first, last) in enumerate((("Oliver", "Grant"), ("Sofia", "Rossi"))):
        screened = app.sign_in.screen(first, last, PersonType.PARENT, app.place)
        policy = app.sign_in.current_policy()
        result = app.sign_in.complete(
            screened,
            VisitDetails(host="Class teacher", purpose="Parents' meeting"),
            app.place,
            acknowledged_policy_id=policy.id if policy else None,
            print_badge=False,
        )
        app.sign_in.sign_out(cli, stored_id(result.visit))
        with app.deps.uow() as uow:
            visit = uow.visits.get(stored_id(result.visit))
            if visit is None:
                raise RuntimeError("the demo visit just signed out is gone")
            start = yesterday.replace(hour=9 + i * 2, minute=15)
            uow.visits.update(replace(visit, signed_in_at=start, signed_out_at=start + timedelta(minutes=50)))
            uow.commit()
