"""Composition root: reads settings, builds the database, services, printer and notifiers; nothing else wires."""

from __future__ import annotations

import logging
import threading

from sqlalchemy.exc import DBAPIError, OperationalError

from kiosk.config import Settings
from kiosk.db.engine import (
    PoolLimits,
    _safe_url,
    describe_error,
    is_unreachable,
    make_engine,
    release_engine,
    shared_engine,
)
from kiosk.db.identity import DatabaseGuard, Marker, check_before_open, marker_path
from kiosk.db.migrate import current_revision, upgrade
from kiosk.db.trust import SqlTrustReports
from kiosk.db.uow import SqlUnitOfWorkFactory
from kiosk.domain.errors import DatabaseFault, DatabaseUnavailable, DatabaseUnreachable
from kiosk.resources_path import read_text
from kiosk.services.alerts import AlertService
from kiosk.services.bans import BanService
from kiosk.services.clearance import ClearanceService
from kiosk.services.common import Deps, SystemClock
from kiosk.services.container import Services
from kiosk.services.expected import ExpectedService
from kiosk.services.policy import PolicyService
from kiosk.services.ports import BadgePrinter, Clock, Notifier
from kiosk.services.pupils import CollectionDesk, PupilService
from kiosk.services.screening import ActiveBanList
from kiosk.services.staff import StaffService, roles_from
from kiosk.services.staffroll import StaffRollService
from kiosk.services.trust import TrustReportService
from kiosk.services.visits import Place, SignInService

log = logging.getLogger(__name__)

POLICY_TITLE = "Code of Conduct for Parents, Carers and Visitors"
# The housekeeping jobs' first run waits this long: none is needed for the first paint, and on one core
# they would compete with it (ban expiry has run already, in build_app).
HOUSEKEEPING_AFTER_S = 15.0


def _screener(entries):
    """The screening engine, imported with the first index it builds (after the kiosk's first paint)."""
    from kiosk.screening import Screener

    return Screener(entries)


def build_app(
    settings: Settings,
    *,
    notifier: Notifier | None = None,
    printer: BadgePrinter | None = None,
    migrate: bool = True,
    schema: str | None = None,
    live: bool = False,
    clock: Clock | None = None,
    create: bool = True,
    offline: bool = False,
) -> Services:
    """Open (and migrate) the database and wire the services for this machine's kiosk and site.

    ``offline`` (the visitor kiosk): on PostgreSQL with ``[offline] enabled``, sign-in carries on against a
    local copy of the bans while the server cannot be reached (kiosk.services.offline, docs/trust.md).

    ``clock`` replaces the system clock (tests run on an injected clock, whatever the hour).
    ``live`` also starts the event feed (PostgreSQL LISTEN/NOTIFY, or watching the SQLite file) that
    windows use to refresh themselves when another kiosk or console changes something.

    ``create`` allows making a new database where there is none *and no marker says one existed*
    (``kiosk db upgrade`` and the windowed first-run set-up); the full-screen kiosk passes False, so a
    deleted database is never silently replaced by an empty one. A database that is gone, replaced,
    emptied or whose ban list vanished raises DatabaseFault (kiosk.db.identity).

    With ``offline``, a kiosk whose PostgreSQL server cannot be reached at all (DatabaseUnreachable) still
    starts when an earlier run left a local copy of its bans no older than ``[offline] max_age_h``, of
    this database (its marker's identity) and with this kiosk's place: it signs in offline from the
    first visitor, and its offline worker finishes the start (migrations, the identity check, the site
    and kiosk rows) when the server answers. Without such a copy it raises, as before (fail closed).
    """
    url = settings.resolved_database_url()
    clock = clock or SystemClock(settings.zone)
    started_offline: _OfflineStart | None = None
    try:
        engine = open_database(url, schema=schema, create=create, migrate=migrate, pool=pool_limits(settings))
    except DatabaseUnreachable as exc:
        if not (offline and settings.offline.enabled):
            raise
        started_offline = _offline_start(settings, schema, clock, exc)
        engine = shared_engine(url, schema=schema, pool=pool_limits(settings))
    guard = DatabaseGuard(engine, url, schema, now=clock.now)
    try:
        if started_offline is None:
            _establish(guard, url)
        else:
            # Until the start is finished, write transactions check the identity the marker remembers.
            guard.database_id = started_offline.marker.database_id
            guard.known_bans = started_offline.marker.bans
    except BaseException:
        if started_offline is not None:
            started_offline.store.close()
        release_engine(engine)
        raise
    built_notifier = None
    if notifier is None:
        # Every program gets the database notifier: the kiosk raises alerts, so it must queue the email
        # and send the PostgreSQL NOTIFY that other machines listen for.
        notifier = built_notifier = make_notifier(engine, settings, clock=clock)
    uow = SqlUnitOfWorkFactory(engine, guard, clock=clock, school_id=settings.school.trust_school_id or None)
    deps = Deps(uow=uow, clock=clock, notifier=notifier)
    place = started_offline.place if started_offline is not None else _ensure_place(uow, settings)
    if printer is None:

        def badge_printer():
            from kiosk.printing import build_badge_printer

            return build_badge_printer(settings)

        printer = Lazy(badge_printer)
    ban_list = ActiveBanList(deps, _screener)
    desk = CollectionDesk(deps)
    offline_sign_in = None
    if offline and settings.offline.enabled and engine.dialect.name == "postgresql":
        offline_sign_in = sign_in = _offline_sign_in(
            deps,
            ban_list,
            printer,
            settings,
            place,
            desk,
            store=started_offline.store if started_offline is not None else None,
        )
        offline_sign_in.identity = lambda: guard.database_id
    else:
        sign_in = SignInService(
            deps,
            ban_list,
            printer,
            school_name=settings.school.name,
            night_cutoff=settings.kiosk.night_cutoff,
            print_timeout_s=settings.printing.timeout_s,
            trust_office=settings.school.trust_office,
            collections=desk,
        )
    app = Services(
        settings=settings,
        deps=deps,
        place=place,
        sign_in=sign_in,
        alerts=AlertService(
            deps,
            sign_in,
            dismissal_days=settings.retention.dismissed_match_days,
            badge_at_kiosk=settings.kiosk.badge_at == "kiosk",
        ),
        bans=BanService(
            deps,
            approval_required=settings.bans_need_approval,
            change_approvers=roles_from(settings.roles.approve_ban_changes),
        ),
        policy=PolicyService(deps),
        staff=StaffService(
            deps,
            ban_change_approvers=roles_from(settings.roles.approve_ban_changes),
            kiosk_leavers=roles_from(settings.roles.leave_kiosk),
        ),
    )
    app.ban_list = ban_list
    if offline_sign_in is not None:
        app.offline = offline_sign_in
        app.closers.append(offline_sign_in.close)
        if started_offline is not None:
            offline_sign_in.pending_start = lambda: _finish_offline_start(
                app, engine, guard, url, schema, place, migrate
            )
        offline_sign_in.refresh()  # the copy exists before the first visitor (kept as it was if it cannot)
    app.expected = ExpectedService(deps, place.site_id)
    app.clearances = ClearanceService(deps)
    app.pupils = PupilService(deps, desk)

    def staff_card_renderer():
        from kiosk.printing.staffcards import PdfStaffCardRenderer

        return PdfStaffCardRenderer()

    app.staff_roll = StaffRollService(
        deps,
        app.staff,
        renderer=Lazy(staff_card_renderer),
        school_name=settings.school.name,
        site_name=settings.kiosk.site,
        site_id=place.site_id,
        night_cutoff=settings.kiosk.night_cutoff,
    )
    app.reports = Lazy(lambda: _report_service(deps, settings, place))
    case_settings = settings.cases

    def letter_renderer():
        from kiosk.printing.letters import TemplateLetterRenderer

        return TemplateLetterRenderer(case_settings.letters_folder, settings.school.accent_colour)

    def case_service():
        # The breach process is the console's: the kiosk never loads it.
        from kiosk.services.cases import CaseService

        return CaseService(deps, app.bans, Lazy(letter_renderer), case_settings, settings.school_details())

    app.cases = Lazy(case_service)
    app.trust_reports = TrustReportService(deps, SqlTrustReports(engine))
    app.closers.append(lambda: release_engine(engine))
    if built_notifier is not None:
        app.closers.append(built_notifier.close)
    if live:
        from kiosk.alerts.feed import build_feed

        feed = build_feed(engine, settings)
        app.feed = feed
        app.closers.append(feed.stop)
        if offline_sign_in is not None:
            feed.subscribe(offline_sign_in.on_change)  # a ban change refreshes the local copy at once
            offline_sign_in.start()
    if (
        migrate and started_offline is None
    ):  # started offline: when the server answers (_finish_offline_start)
        _first_policy_and_expiry(app)
    app.privacy = _privacy_service(deps, settings)
    app.printing = _printing_service(deps, settings, printer)
    # The kiosk's window starts watching its badge printer (PrintingService.start_watch); stopped at close.
    app.closers.append(app.printing.stop_watch)
    app.setup = _setup_service(app)
    from kiosk.db.setup_code import SetupCode

    app.setup_code = SetupCode(engine, clock.now)
    if live:
        # End of day, ban expiry and the retention purge: at start, then every few minutes, off the GUI thread.
        from kiosk.services.housekeeping import Housekeeping, standard_jobs

        # A journey a kiosk never finished (it died while printing): this kiosk's own at once, others' when stale.
        try:
            app.sign_in.resolve_unfinished(place)
        except DatabaseUnavailable as exc:
            log.error("could not resolve this kiosk's unfinished sign-ins: %s", exc)
        jobs = standard_jobs(app.sign_in, app.bans, app.privacy, settings.kiosk.end_of_day, app.staff_roll)
        jobs.append(("unfinished sign-ins", app.sign_in.resolve_unfinished))
        if settings.printing.printer.strip().lower() == "file":
            jobs.append(("old badge files", lambda: _remove_old_badge_files(settings)))
        housekeeping = Housekeeping(jobs, first_after_s=HOUSEKEEPING_AFTER_S)
        housekeeping.start()
        app.housekeeping = housekeeping
        app.closers.append(housekeeping.stop)
    return app


def _first_policy_and_expiry(app: Services) -> None:
    """The start's two central steps after the wiring: the first Code of Conduct, the bans now ended."""
    app.policy.ensure_first_version(
        POLICY_TITLE,
        read_text("policy", "code-of-conduct.md"),
        read_text("policy", "collector-reminder.md"),
    )
    app.bans.expire_due()


def _establish(guard: DatabaseGuard, url: str) -> None:
    """The guard's check of the database's identity; a driver error says whether the server is out of reach."""
    try:
        guard.establish()
    except (OperationalError, DBAPIError) as exc:
        kind = DatabaseUnreachable if is_unreachable(exc, url) else DatabaseUnavailable
        raise kind(describe_error(exc, url)) from None


class _OfflineStart:
    """What a kiosk that starts while its server is out of reach takes from an earlier run's local copy."""

    def __init__(self, store, place: Place, marker: Marker):
        self.store = store
        self.place = place
        self.marker = marker


def _offline_start(
    settings: Settings, schema: str | None, clock: Clock, exc: DatabaseUnreachable
) -> _OfflineStart:
    """The local copy an earlier run left, if it may open the door now; else ``exc`` is raised (fail closed).

    It must exist, be no older than [offline] max_age_h, name this kiosk's place, and come from the database
    this kiosk's marker remembers (a copy of another database, or no marker, starts nothing).
    """
    from datetime import timedelta

    from kiosk.db.offline import LocalStore

    path = settings.offline_path()
    marker_file = marker_path(settings.resolved_database_url(), schema)
    marker = Marker.read(marker_file) if marker_file is not None else None
    if not path.is_file() or marker is None:
        log.error("central database out of reach at start and no usable offline copy (%s): %s", path, exc)
        raise exc
    store = LocalStore(path)
    try:
        _bans, _policy, copied = store.copy()
        home = store.home() or {}
        why = ""
        if copied is None:
            why = "it was never filled"
        elif clock.now() - copied > timedelta(hours=settings.offline.max_age_h):
            why = f"it is {(clock.now() - copied).total_seconds() / 3600:.1f} h old"
        elif home.get("database_id") != marker.database_id:
            why = "it is not of this kiosk's database"
        elif home.get("kiosk_name") != settings.kiosk.name:
            why = "it is another kiosk's"
        if why:
            log.error(
                "central database out of reach at start; the offline copy %s cannot be used (%s)", path, why
            )
            raise exc
        place = Place(int(home["site_id"]), int(home["kiosk_id"]), str(home["kiosk_name"]))
    except BaseException:
        store.close()
        raise
    log.error(
        "central database out of reach at start; signing in offline against the copy of %s: %s",
        copied.isoformat(timespec="seconds") if copied else "?",
        exc,
    )
    return _OfflineStart(store, place, marker)


def _finish_offline_start(
    app: Services, engine, guard: DatabaseGuard, url: str, schema: str | None, place: Place, migrate: bool
) -> None:
    """What build_app skipped while the server was out of reach, now it answers (the offline worker's call).

    The same checks as a start: a database emptied or replaced fails closed (DatabaseFault), and so does
    one whose site and kiosk rows are not the ones the copy names.
    """
    if migrate:
        _migrate(engine, url, schema, create=False)
    _establish(guard, url)
    found = _ensure_place(app.deps.uow, app.settings)
    if found != place:
        raise DatabaseFault(
            f"The database {_safe_url(url)} does not know this kiosk as its offline copy does "
            f"(site {found.site_id}, kiosk {found.kiosk_id}; the copy: site {place.site_id}, kiosk "
            f"{place.kiosk_id}); sign-in stopped. Check the database, or run `kiosk db adopt`."
        )
    if migrate:
        _first_policy_and_expiry(app)


def _offline_sign_in(
    deps: Deps, ban_list: ActiveBanList, printer, settings: Settings, place: Place, desk, *, store=None
):
    """The visitor kiosk's sign-in with offline mode: its local store is a private SQLite file (kiosk.db.offline)."""
    from datetime import timedelta

    from kiosk.db.offline import LocalStore
    from kiosk.services.offline import OfflineSignIn

    return OfflineSignIn(
        deps,
        ban_list,
        printer,
        school_name=settings.school.name,
        night_cutoff=settings.kiosk.night_cutoff,
        print_timeout_s=settings.printing.timeout_s,
        store=store if store is not None else LocalStore(settings.offline_path()),
        screener_factory=_screener,
        max_age=timedelta(hours=settings.offline.max_age_h),
        refresh_every=timedelta(minutes=settings.offline.refresh_min),
        reception_phone=settings.school.reception_phone,
        home=place,
        trust_office=settings.school.trust_office,
        collections=desk,
    )


def _report_service(deps: Deps, settings: Settings, place: Place):
    """The fire roll: laid out by kiosk.printing.reports, printed on printing.report_printer if set."""
    from kiosk.services.reports import ReportService

    def renderer():
        from kiosk.printing.reports import PdfReportRenderer

        return PdfReportRenderer()

    printer = None
    if settings.printing.report_printer.strip():

        def report_printer():
            from kiosk.printing.printers import build_report_printer

            return build_report_printer(settings)

        printer = Lazy(report_printer)
    return ReportService(
        deps,
        Lazy(renderer),
        school_name=settings.school.name,
        site_name=settings.kiosk.site,
        site_id=place.site_id,
        printer=printer,
        night_cutoff=settings.kiosk.night_cutoff,
    )


def make_notifier(engine, settings: Settings, *, clock: Clock | None = None, **kwargs):
    """The database notifier (alert email and webhook through the outbox, NOTIFY on PostgreSQL) for one
    program: kiosk.alerts gets the outbox as a port, this is where the database's implementation goes in.
    ``clock`` is the program's injected clock (the system clock when None), shared by outbox and sender."""
    from kiosk.alerts.channel import channel_name
    from kiosk.alerts.notifier import build_notifier
    from kiosk.db.outbox import SqlOutbox, encode_event

    clock = clock or SystemClock(settings.zone)
    return build_notifier(
        SqlOutbox(engine, clock, school_id=settings.school.trust_school_id or None),
        settings,
        channel=channel_name(engine),
        encode=encode_event,
        clock=clock,
        **kwargs,
    )


def pool_limits(settings: Settings) -> PoolLimits:
    """The [database] pool settings as kiosk.db.engine takes them."""
    db = settings.database
    return PoolLimits(
        size=db.pool_size,
        overflow=db.max_overflow,
        timeout_s=db.pool_timeout_s,
        prepared_statements=db.prepared_statements,
    )


def open_database(
    url: str,
    *,
    schema: str | None = None,
    create: bool = False,
    migrate: bool = True,
    pool: PoolLimits | None = None,
):
    """The engine of an existing database (migrated to this program's schema when ``migrate``).

    On PostgreSQL it is the process's shared engine (one bounded pool for every program in the
    process): give it back with kiosk.db.engine.release_engine, not dispose().

    A new database is made only with ``create`` and where no marker says one existed; otherwise a
    missing or empty database raises DatabaseFault or DatabaseUnavailable with what to do.
    """
    if check_before_open(url, schema, create=create):
        first = make_engine(url, schema=schema, create=True)
        try:
            upgrade(first)
        finally:
            first.dispose()
        log.info("created a new database at %s", _safe_url(url))
    engine = shared_engine(url, schema=schema, pool=pool)
    try:
        if migrate:
            _migrate(engine, url, schema, create=create)
    except BaseException:
        release_engine(engine)
        raise
    return engine


def _migrate(engine, url: str, schema: str | None, *, create: bool) -> None:
    """Upgrade the schema; an emptied database the marker knows is a DatabaseFault, a server out of reach
    DatabaseUnreachable (a kiosk with an offline copy carries on: build_app)."""
    try:
        revision = current_revision(engine)
    except (OperationalError, DBAPIError) as exc:
        kind = DatabaseUnreachable if is_unreachable(exc, url) else DatabaseUnavailable
        raise kind(describe_error(exc, url)) from None
    if revision is None:  # no kiosk tables: an empty SQLite file or PostgreSQL schema
        marker = marker_path(url, schema)
        if marker is not None and marker.exists():
            raise DatabaseFault(
                f"The database {_safe_url(url)} is empty, but this kiosk's database was there (marker {marker}). "
                "Restore it with `kiosk db restore`, or run `kiosk db upgrade --new`."
            )
        if not create:
            raise DatabaseUnavailable(
                f"The database {_safe_url(url)} has no kiosk tables yet. Run `kiosk db upgrade` to set it up."
            )
    upgrade(engine)


def _printing_service(deps: Deps, settings: Settings, printer):
    """The printers' state and choice; the Qt and printing modules load only when they are used."""
    from kiosk.config import user_config_path
    from kiosk.services.printing import PrintingService

    def list_printers():
        from kiosk.printing.qtprint import system_printers

        return system_printers()

    def print_test(kind: str, name: str | None) -> str:
        from kiosk.printing.printtest import print_test_page

        return print_test_page(settings, kind, name)

    def save_choice(kind: str, name: str) -> None:
        from kiosk.printing.choices import save_printer_choice

        save_printer_choice(user_config_path(), kind, name)

    def chosen() -> dict[str, str]:
        return {"badge": settings.printing.printer, "report": settings.printing.report_printer}

    return PrintingService(
        deps,
        printer,
        kiosk_name=settings.kiosk.name,
        list_printers=list_printers,
        print_test=print_test,
        save_choice=save_choice,
        chosen=chosen,
    )


def _setup_service(app: Services):
    """The first-run set-up: settings go to the user's kiosk.toml, the test message through SMTP."""
    from kiosk.config import save_settings_section
    from kiosk.domain.errors import InvalidInput
    from kiosk.services.setup import LabelChoice, SetupService

    def labels() -> list[LabelChoice]:
        from kiosk.printing.labels import LABELS

        return [LabelChoice(label.name, label.description) for label in LABELS.values()]

    def send_mail(smtp, payload: dict) -> None:
        from kiosk.alerts.email import MailFailed, SmtpMailer

        try:
            SmtpMailer(smtp, timeout=10.0).send(payload)
        except MailFailed as exc:
            raise InvalidInput(
                f"The test message did not go: {exc}. Check the server, port and sign-in."
            ) from None

    return SetupService(
        app.deps,
        app.settings,
        app.staff,
        app.bans,
        app.printing,
        save_section=lambda section, values: save_settings_section(section, values),
        labels=labels,
        send_mail=send_mail,
    )


def _privacy_service(deps: Deps, settings: Settings):
    """The data-protection service; a school's own notice in <data folder>/privacy/ replaces the shipped one."""
    from kiosk.config import data_dir
    from kiosk.services.privacy import PrivacyService

    def render_person_export(data: dict) -> bytes:
        from kiosk.printing.person_export import render_person_export as render

        return render(data)

    def notice(name: str) -> str:
        override = data_dir() / "privacy" / name
        if override.is_file():
            return override.read_text(encoding="utf-8")
        return read_text("privacy", name)

    from kiosk.ops.backup import BackupCatalogue
    from kiosk.ops.logs import log_folder, remove_old_log_files

    def remove_badge_files(tokens: list[str]) -> int:
        from kiosk.printing.printers import FilePrinter

        return FilePrinter(settings.badge_folder()).remove_for_tokens(tokens)

    return PrivacyService(
        deps,
        settings.retention,
        render_pdf=render_person_export,
        notice_short=notice("notice-short.md"),
        notice_full=notice("notice-full.md"),
        school_name=settings.school.name,
        backups=BackupCatalogue(settings),
        remove_badge_files=remove_badge_files,
        remove_log_files=lambda before: remove_old_log_files(log_folder(settings), before),
    )


def _remove_old_badge_files(settings: Settings) -> int:
    """The file printer's badges show visitors' names: delete them after retention.badge_files_days."""
    from kiosk.printing.printers import FilePrinter

    return FilePrinter(settings.badge_folder()).remove_older_than(settings.retention.badge_files_days)


class Lazy:
    """Builds an adapter on first use: reportlab and its fonts load when something is first printed,
    not while the kiosk starts (it shaves a few hundred milliseconds off the cold start)."""

    def __init__(self, make):
        self._make = make
        self._target = None
        self._lock = threading.Lock()

    _OWN = frozenset({"_make", "_target", "_lock"})

    def _built(self):
        with self._lock:
            if self._target is None:
                self._target = self._make()
        return self._target

    def __getattr__(self, name: str):
        return getattr(self._built(), name)

    def __setattr__(self, name: str, value) -> None:
        # Setting a setting on the adapter (the kiosk set-up's school name) reaches the adapter itself.
        if name in Lazy._OWN:
            object.__setattr__(self, name, value)
        else:
            setattr(self._built(), name, value)


def _ensure_place(uow: SqlUnitOfWorkFactory, settings: Settings) -> Place:
    with uow() as u:
        site = u.sites.by_name(settings.kiosk.site) or u.sites.add(settings.kiosk.site)
        kiosk = u.sites.kiosk_by_name(site.id, settings.kiosk.name) or u.sites.add_kiosk(
            site.id, settings.kiosk.name
        )
        u.commit()
    return Place(site_id=site.id, kiosk_id=kiosk.id, kiosk_name=kiosk.name)
