"""Command line: `kiosk` starts the visitor kiosk; subcommands run the console and the day-to-day jobs.

Imports are deferred to each command, so `kiosk --help` starts fast and a command that needs no Qt
never loads it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

EPILOG = """\
Settings come from /etc/kiosk/kiosk.toml, then the user's kiosk.toml, then KIOSK_* environment
variables (KIOSK_DATABASE_URL chooses the database; the default is a SQLite file in the user data
folder). Run `kiosk demo` to try the kiosk with sample data.
"""


def _actor():
    from kiosk.domain.model import Actor

    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        user = "unknown"
    return Actor(name=f"cli:{user}", role=None, source="command line")


def _settings():
    from kiosk.config import load_settings

    return load_settings()


def _app(args, **kwargs):
    from kiosk.app import build_app

    return build_app(_settings(), **kwargs)


# ---------------------------------------------------------------- commands


def cmd_kiosk(args) -> int:
    from kiosk.ui.kiosk.main import run_kiosk

    return run_kiosk(_app(args, live=True), windowed=args.windowed)


def cmd_console(args) -> int:
    from kiosk.ui.console.main import run_console

    return run_console(_app(args, live=True))


def cmd_db_upgrade(args) -> int:
    from kiosk.db.engine import make_engine
    from kiosk.db.migrate import upgrade

    settings = _settings()
    engine = make_engine(settings.resolved_database_url())
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    if before == after:
        print(f"database is up to date (schema {after})")
    else:
        print(f"database upgraded from schema {before or 'empty'} to {after}")
    return 0


def cmd_db_backup(args) -> int:
    from kiosk.ops.backup import backup_now

    backup, pruned = backup_now(_settings(), Path(args.file) if args.file else None)
    print(f"backed up the database to {backup.path} ({backup.size / 1e6:.1f} MB)")
    if pruned:
        print(f"removed {len(pruned)} old backups (keeping backup.keep copies)")
    return 0


def cmd_db_restore(args) -> int:
    from kiosk.ops.restore import restore

    result = restore(_settings(), Path(args.file), force=args.force)
    if result.safety_copy:
        print(f"the database as it was is saved in {result.safety_copy}")
    schema = f" (schema {result.revision})" if result.revision else ""
    print(f"restored {result.source}{schema}; restart the kiosk and console, which upgrade it if needed")
    return 0


def cmd_doctor(args) -> int:
    from kiosk.ops.doctor import doctor

    return doctor()


def cmd_bans_import(args) -> int:
    from kiosk.domain.errors import InvalidInput

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read ({exc.strerror}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{path} is not UTF-8 text; save it from the spreadsheet as 'CSV UTF-8'."
        ) from None
    app = _app(args)
    created, updated = app.bans.import_csv(_actor(), text, source=str(path))
    print(f"imported {path}: {created} bans added, {updated} updated")
    return 0


def cmd_bans_export(args) -> int:
    app = _app(args)
    text = app.bans.export_csv(_actor())
    _write_out(args.file, text)
    return 0


def _write_out(file: str | None, text: str) -> None:
    from kiosk.domain.errors import InvalidInput

    if not file or file == "-":
        sys.stdout.write(text)
        return
    path = Path(file)
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be written ({exc.strerror}).") from None
    print(f"wrote {path}", file=sys.stderr)


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-09-01") from None


def cmd_visits_export(args) -> int:
    import csv
    import io

    app = _app(args)
    zone = app.settings.zone
    today = app.deps.clock.today()
    day_from = args.date_from or today
    day_to = args.date_to or day_from
    if day_to < day_from:
        from kiosk.domain.errors import InvalidInput

        raise InvalidInput("--to is before --from.")
    start = datetime.combine(day_from, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day_to + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    rows = app.sign_in.visits_between(start, end)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        [
            "visit_id",
            "signed_in",
            "signed_out",
            "first_name",
            "last_name",
            "type",
            "organisation",
            "host",
            "purpose",
            "child",
            "status",
            "screening",
            "badge_printed",
        ]
    )

    def local(t):
        return t.astimezone(zone).strftime("%Y-%m-%d %H:%M") if t else ""

    def safe(text: str) -> str:
        return "'" + text if text[:1] in ("=", "+", "-", "@") else text

    for visit, person in rows:
        w.writerow(
            [
                visit.id,
                local(visit.signed_in_at),
                local(visit.signed_out_at),
                safe(person.first_name),
                safe(person.last_name),
                visit.person_type.value,
                safe(visit.organisation),
                safe(visit.host),
                safe(visit.purpose),
                safe(visit.child_name),
                visit.status.value,
                visit.screening.value,
                "yes" if visit.badge_printed else "no",
            ]
        )
    _write_out(args.file, out.getvalue())
    from kiosk.services.common import audit

    with app.deps.uow() as uow:
        audit(
            uow,
            app.deps.clock.now(),
            _actor(),
            "visits exported",
            "visit",
            *[v.id for v, _ in rows][:1000],
            detail=f"{len(rows)} visits {day_from}..{day_to}",
        )
        uow.commit()
    return 0


def cmd_staff_add(args) -> int:
    from kiosk.domain.model import Role

    pin = args.pin
    if pin is None:
        if sys.stdin.isatty():
            pin = getpass.getpass("PIN (4-12 digits): ")
            if getpass.getpass("PIN again: ") != pin:
                print("kiosk: the two PINs differ; nothing was saved", file=sys.stderr)
                return 2
        else:
            pin = sys.stdin.readline().strip()
    app = _app(args)
    staff = app.staff.add(_actor(), args.name, Role(args.role), pin)
    print(f"added {staff.name} ({staff.role.value})")
    return 0


def cmd_end_of_day(args) -> int:
    app = _app(args)
    closed = app.sign_in.end_of_day(_actor(), app.settings.kiosk.end_of_day)
    print(f"closed {len(closed)} visits as not signed out")
    return 0


def cmd_demo(args) -> int:
    import os

    from kiosk.demo import make_demo

    path = Path(args.path) if args.path else None
    db_path, data_dir = make_demo(path)
    print(f"demo database: {db_path}")
    print("demo staff PINs: Rachel Reception 2468 (receptionist), Sam Safeguarding 1357 (safeguarding lead),")
    print("                 Helen Head 8642 (head), Alex Admin 9753 (administrator)")
    if args.no_windows:
        return 0
    os.environ["KIOSK_DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["KIOSK_PRINTING__FOLDER"] = str(data_dir / "badges")
    from kiosk.ui.demo import run_demo_windows

    return run_demo_windows(_app(args, live=True))


def cmd_letters_samples(args) -> int:
    from kiosk.domain.errors import InvalidInput
    from kiosk.printing.letters import TemplateLetterRenderer
    from kiosk.services.cases import sample_letters

    settings = _settings()
    case_settings = settings.cases
    renderer = TemplateLetterRenderer(case_settings.letters_folder, settings.school.accent_colour)
    out = Path(args.out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, pdf in sample_letters(renderer, case_settings, settings.school_details()).items():
            path = out / f"sample-{name}.pdf"
            path.write_bytes(pdf)
            print(f"wrote {path}")
    except OSError as exc:
        raise InvalidInput(f"{out}: cannot be written ({exc.strerror}).") from None
    return 0


def cmd_print_test(args) -> int:
    from kiosk.printing.printtest import run

    return run(args, _settings())


def cmd_screenshots(args) -> int:
    import os
    import tempfile

    from kiosk.demo import make_demo

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db_path, folder = make_demo(Path(tempfile.mkdtemp(prefix="kiosk-shots-")))
    os.environ["KIOSK_DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["KIOSK_PRINTING__FOLDER"] = str(folder / "badges")
    from kiosk.ui.screenshots import run_screenshots

    return run_screenshots(_app(args), Path(args.out_dir))


def cmd_retention(args) -> int:
    app = _app(args)
    rules = app.privacy.retention_rules()
    width = max(len(r.kind) for r in rules)
    for r in rules:
        print(f"{r.kind:<{width}}  {r.period:>9}  ({r.setting} = {r.days})")
        print(f"{'':<{width}}  {'':>9}  {r.meaning}")
    return 0


def cmd_purge(args) -> int:
    app = _app(args)
    counts = app.privacy.purge(_actor(), dry_run=args.dry_run)
    width = max(len(k) for k in counts)
    verb = "due" if args.dry_run else "removed"
    for kind, n in counts.items():
        print(f"{kind:<{width}}  {n:>7} {verb}")
    if args.dry_run:
        print("dry run: nothing was changed")
    return 0


def _one_person(app, name_or_id: str):
    from kiosk.domain.errors import InvalidInput, NotFound

    people = app.privacy.find_people(_actor(), name_or_id)
    if not people:
        raise NotFound(f"Nobody called {name_or_id!r} is recorded (give the full name or the id).")
    if len(people) > 1:
        ids = ", ".join(str(p.id) for p in people)
        raise InvalidInput(f"{len(people)} people are called {name_or_id!r} (ids {ids}); give the id.")
    return people[0]


def cmd_person_export(args) -> int:
    import json

    from kiosk.domain.errors import InvalidInput

    app = _app(args)
    person = _one_person(app, args.person)
    data, pdf = app.privacy.export_person(_actor(), person.id)
    out = Path(args.out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        json_path, pdf_path = out / f"person-{person.id}.json", out / f"person-{person.id}.pdf"
        json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        pdf_path.write_bytes(pdf)
    except OSError as exc:
        raise InvalidInput(f"{out}: cannot be written ({exc.strerror}).") from None
    print(f"wrote {pdf_path}")
    print(f"wrote {json_path}")
    return 0


def cmd_person_erase(args) -> int:
    app = _app(args)
    result = app.privacy.erase_person(_actor(), args.id, args.reason)
    changed = ", ".join(f"{k}: {n}" for k, n in result.changed.items())
    print(f"erased person {result.person_id} ({changed})")
    for table, n in result.kept.items():
        print(f"kept {n} {table} record(s): removing them needs the head's decision")
    return 0


def cmd_audit_verify(args) -> int:
    app = _app(args)
    report = app.privacy.verify_audit(_actor())
    if report.ok:
        print("ok")
        return 0
    print(report.describe())
    return 1


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kiosk",
        description="Reception kiosk for schools: visitor sign-in, Code of Conduct, ban-list screening, badges. "
        "With no command, starts the visitor kiosk full-screen.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--windowed", action="store_true", help="run the visitor kiosk in a window (for trying it)"
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    p.set_defaults(func=cmd_kiosk)
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    c = sub.add_parser(
        "console",
        help="the reception console (alerts, on-site list, ban list)",
        description="Start the reception console window.",
    )
    c.set_defaults(func=cmd_console)

    c = sub.add_parser(
        "demo",
        help="make a demo database and open the kiosk and console side by side",
        description="Make a demo database with sample bans, staff and visits, print its path, "
        "then open the kiosk and console windows side by side.",
    )
    c.add_argument("--path", help="where to make the demo database (default: a new temporary folder)")
    c.add_argument("--no-windows", action="store_true", help="only make the database")
    c.set_defaults(func=cmd_demo)

    db = sub.add_parser("db", help="database jobs", description="Database jobs.")
    dbs = db.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = dbs.add_parser(
        "upgrade",
        help="bring the database schema up to date",
        description="Create or migrate the database to this program's schema.",
    )
    c.set_defaults(func=cmd_db_upgrade)
    c = dbs.add_parser(
        "backup",
        help="copy the database to a backup file",
        description="Take a consistent copy of the database while kiosks keep running (SQLite online "
        "backup, or pg_dump -Fc for PostgreSQL). Without FILE, a dated copy goes in the backup folder "
        "(backup.folder) and only the newest backup.keep copies are kept.",
    )
    c.add_argument("file", nargs="?", help="the backup file (default: a dated file in backup.folder)")
    c.set_defaults(func=cmd_db_backup)
    c = dbs.add_parser(
        "restore",
        help="restore the database from a backup file",
        description="Check a backup file (integrity, kiosk tables, schema) and restore it. A database "
        "that already holds visits or bans is only replaced with --force, after a safety copy. Stop the "
        "kiosks and consoles first.",
    )
    c.add_argument("file", help="a backup made by `kiosk db backup`")
    c.add_argument("--force", action="store_true", help="replace a database that already holds data")
    c.set_defaults(func=cmd_db_restore)

    c = sub.add_parser(
        "doctor",
        help="check this installation (database, printer, e-mail, disk, clock)",
        description="Check the database, shared settings, printer, label, e-mail server, disk space, "
        "backups and clock; one line per check. Exit status 1 when any check fails.",
    )
    c.set_defaults(func=cmd_doctor)

    bans = sub.add_parser("bans", help="import or export the ban list (CSV)", description="Ban list CSV.")
    bs = bans.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = bs.add_parser(
        "import",
        help="import bans from a CSV file",
        description="Import bans from CSV (header row; name and start required; optional id, aliases "
        "(;-separated), date_of_birth, categories (;-separated), reason, end, review, status; dates "
        "YYYY-MM-DD). A row with a known id updates that ban. A bad row imports nothing.",
    )
    c.add_argument("file", help="the CSV file")
    c.set_defaults(func=cmd_bans_import)
    c = bs.add_parser("export", help="export every ban to CSV", description="Export every ban, any status.")
    c.add_argument("file", nargs="?", help="output file (default: standard output)")
    c.set_defaults(func=cmd_bans_export)

    visits = sub.add_parser("visits", help="export the visit log", description="Visit log.")
    vs = visits.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = vs.add_parser(
        "export", help="export visits as CSV", description="Export visits in a date range as CSV."
    )
    c.add_argument("--from", dest="date_from", type=_parse_day, help="first day, YYYY-MM-DD (default: today)")
    c.add_argument("--to", dest="date_to", type=_parse_day, help="last day, YYYY-MM-DD (default: --from)")
    c.add_argument("file", nargs="?", help="output file (default: standard output)")
    c.set_defaults(func=cmd_visits_export)
    c = vs.add_parser(
        "end-of-day",
        help="close visits still open as 'not signed out'",
        description="Close visits signed in before today's end-of-day time.",
    )
    c.set_defaults(func=cmd_end_of_day)

    staff = sub.add_parser("staff", help="staff accounts", description="Staff accounts.")
    ss = staff.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = ss.add_parser(
        "add",
        help="add a staff account",
        description="Add a staff account. The PIN is asked for, or read from standard input.",
    )
    c.add_argument("--name", required=True, help="the person's name as they will pick it at sign-in")
    c.add_argument(
        "--role", required=True, choices=["receptionist", "safeguarding lead", "head", "administrator"]
    )
    c.add_argument("--pin", help="4-12 digits (prefer the prompt: a PIN on the command line is visible)")
    c.set_defaults(func=cmd_staff_add)

    letters = sub.add_parser(
        "letters", help="Code of Conduct letters", description="Code of Conduct letters."
    )
    ls = letters.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = ls.add_parser(
        "samples",
        help="write one sample letter per template (demo data)",
        description="Fill every letter template (resources/letters, or the cases.letters_folder setting) "
        "with demo data and write each as a PDF into OUT_DIR.",
    )
    c.add_argument("out_dir", help="folder for the sample PDFs")
    c.set_defaults(func=cmd_letters_samples)

    c = sub.add_parser(
        "print-test",
        help="print or write a sample badge",
        description="Print a sample badge on the configured printer, or write it to --out.",
    )
    try:
        from kiosk.printing.printtest import add_arguments

        add_arguments(c)
    except ImportError:  # pragma: no cover - printing is part of the package
        pass
    c.set_defaults(func=cmd_print_test)

    c = sub.add_parser(
        "screenshots",
        help="render every screen to PNG (demo data, offscreen)",
        description="Render every kiosk and console screen at 1920x1080 and 1280x800.",
    )
    c.add_argument("out_dir", help="folder for the PNG files and index.json")
    c.set_defaults(func=cmd_screenshots)
    c = sub.add_parser(
        "retention",
        help="show how long each kind of record is kept",
        description="Show the retention period of each kind of record and what it means.",
    )
    c.set_defaults(func=cmd_retention)

    c = sub.add_parser(
        "purge",
        help="delete records past their retention period",
        description="Delete or anonymise every record past its retention period (batches of 500, "
        "one transaction each) and audit the counts. Active bans and open cases are never touched.",
    )
    c.add_argument("--dry-run", action="store_true", help="count what is due, change nothing")
    c.set_defaults(func=cmd_purge)

    person = sub.add_parser(
        "person", help="subject access and erasure", description="One person's data: export or erase."
    )
    ps = person.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = ps.add_parser(
        "export",
        help="write everything held about a person as PDF and JSON",
        description="Write everything held about one person (a subject access request) as "
        "person-ID.pdf and person-ID.json in OUT_DIR, bans and cases included.",
    )
    c.add_argument("person", metavar="NAME-OR-ID", help="the person's full name as recorded, or their id")
    c.add_argument("out_dir", metavar="OUT_DIR", help="folder for the PDF and JSON files")
    c.set_defaults(func=cmd_person_export)
    c = ps.add_parser(
        "erase",
        help="erase a visitor's personal data",
        description="Erase a visitor's details everywhere they are kept as visitor data. Ban records and "
        "cases are kept (they need the head's decision). The reason is audited.",
    )
    c.add_argument("id", type=int, help="the person's id (see `kiosk person export`)")
    c.add_argument("--reason", required=True, help="why (e.g. 'erasure request 2026-03-01'); no names")
    c.set_defaults(func=cmd_person_erase)

    audit = sub.add_parser("audit", help="the audit log", description="The audit log.")
    aus = audit.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = aus.add_parser(
        "verify",
        help="check the audit log's hash chain",
        description="Check every audit row's hash and its link to the row before. Prints 'ok' and "
        "exits 0, or names the first broken row and exits 1.",
    )
    c.set_defaults(func=cmd_audit_verify)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors a user can cause print one line, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from kiosk.domain.errors import KioskError
    from kiosk.ops.logs import program_name, setup_logging

    try:
        log_settings = _settings()
    except KioskError:
        log_settings = None  # the command itself reports the bad setting, in one line
    setup_logging(log_settings, args.verbose, program=program_name(None if argv is None else list(argv)))

    try:
        return int(args.func(args) or 0)
    except KioskError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
