"""Composition root: reads settings, builds the database, services, printer and notifiers; nothing else wires."""

from __future__ import annotations

import logging
import threading

from kiosk.config import Settings
from kiosk.db.engine import make_engine
from kiosk.db.migrate import upgrade
from kiosk.db.uow import SqlUnitOfWorkFactory
from kiosk.resources_path import read_text
from kiosk.screening import Screener
from kiosk.services.alerts import AlertService
from kiosk.services.bans import BanService
from kiosk.services.common import Deps, SystemClock
from kiosk.services.container import Services
from kiosk.services.policy import PolicyService
from kiosk.services.ports import BadgePrinter, Clock, Notifier
from kiosk.services.screening import ActiveBanList
from kiosk.services.staff import StaffService
from kiosk.services.visits import Place, SignInService

log = logging.getLogger(__name__)

POLICY_TITLE = "Code of Conduct for Parents, Carers and Visitors"


def build_app(
    settings: Settings,
    *,
    notifier: Notifier | None = None,
    printer: BadgePrinter | None = None,
    migrate: bool = True,
    schema: str | None = None,
    live: bool = False,
    clock: Clock | None = None,
) -> Services:
    """Open (and migrate) the database and wire the services for this machine's kiosk and site.

    ``clock`` replaces the system clock (tests run on an injected clock, whatever the hour).
    ``live`` also starts the event feed (PostgreSQL LISTEN/NOTIFY, or watching the SQLite file) that
    windows use to refresh themselves when another kiosk or console changes something.
    """
    engine = make_engine(settings.resolved_database_url(), schema=schema)
    if migrate:
        upgrade(engine)
    built_notifier = None
    if notifier is None:
        # Every program gets the database notifier: the kiosk raises alerts, so it must queue the email
        # and send the PostgreSQL NOTIFY that other machines listen for.
        from kiosk.alerts.notifier import build_notifier

        notifier = built_notifier = build_notifier(engine, settings)
    uow = SqlUnitOfWorkFactory(engine)
    deps = Deps(uow=uow, clock=clock or SystemClock(settings.zone), notifier=notifier)
    place = _ensure_place(uow, settings)
    if printer is None:

        def badge_printer():
            from kiosk.printing import build_badge_printer

            return build_badge_printer(settings)

        printer = Lazy(badge_printer)
    ban_list = ActiveBanList(deps, Screener)
    sign_in = SignInService(
        deps, ban_list, printer, school_name=settings.school.name, night_cutoff=settings.kiosk.night_cutoff
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
        bans=BanService(deps, approval_required=settings.bans_need_approval),
        policy=PolicyService(deps),
        staff=StaffService(deps),
    )
    app.extras["ban_list"] = ban_list
    from kiosk.services.cases import CaseService, case_settings_from

    case_settings = case_settings_from(settings)

    def letter_renderer():
        from kiosk.printing.letters import TemplateLetterRenderer

        return TemplateLetterRenderer(case_settings.letters_folder, settings.school.accent_colour)

    app.cases = CaseService(deps, app.bans, Lazy(letter_renderer), case_settings)
    app.closers.append(engine.dispose)
    if built_notifier is not None:
        app.closers.append(built_notifier.close)
    if live:
        from kiosk.alerts.feed import build_feed

        feed = build_feed(engine, settings)
        app.extras["feed"] = feed
        app.closers.append(feed.stop)
    if migrate:
        app.policy.ensure_first_version(
            POLICY_TITLE,
            read_text("policy", "code-of-conduct.md"),
            read_text("policy", "collector-reminder.md"),
        )
        app.bans.expire_due()
    app.privacy = _privacy_service(deps, settings)
    app.printing = _printing_service(deps, settings, printer)
    if live:
        # End of day, ban expiry and the retention purge: at start, then every few minutes, off the GUI thread.
        from kiosk.services.housekeeping import Housekeeping, standard_jobs

        jobs = standard_jobs(app.sign_in, app.bans, app.privacy, settings.kiosk.end_of_day)
        if settings.printing.printer.strip().lower() == "file":
            jobs.append(("old badge files", lambda: _remove_old_badge_files(settings)))
        # The badge printer's state, so reception hears of an empty roll before a visitor does.
        jobs.append(("printer check", app.printing.check))
        housekeeping = Housekeeping(jobs)
        housekeeping.start()
        app.extras["housekeeping"] = housekeeping
        app.closers.append(housekeeping.stop)
    return app


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

    return PrivacyService(
        deps,
        settings.retention,
        render_pdf=render_person_export,
        notice_short=notice("notice-short.md"),
        notice_full=notice("notice-full.md"),
        school_name=settings.school.name,
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

    def __getattr__(self, name: str):
        with self._lock:
            if self._target is None:
                self._target = self._make()
        return getattr(self._target, name)


def _ensure_place(uow: SqlUnitOfWorkFactory, settings: Settings) -> Place:
    with uow() as u:
        site = u.sites.by_name(settings.kiosk.site) or u.sites.add(settings.kiosk.site)
        kiosk = u.sites.kiosk_by_name(site.id, settings.kiosk.name) or u.sites.add_kiosk(
            site.id, settings.kiosk.name
        )
        u.commit()
    return Place(site_id=site.id, kiosk_id=kiosk.id, kiosk_name=kiosk.name)
