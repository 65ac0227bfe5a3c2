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
Who the command line acts as: a command that reads or changes the school's records runs as a named
member of staff, signed in with their PIN, and may do only what their role may do in the console:

  kiosk --as "Helen Head" bans export bans.csv      (asks for Helen Head's PIN)
  KIOSK_STAFF="Helen Head" kiosk bans export        (the same, the name from the environment)
  echo "$PIN" | kiosk --as "Helen Head" --pin-stdin person export 12 out/   (scripts: PIN on stdin)

The unattended jobs (db backup, purge, visits end-of-day) run with --system instead, as the narrow
system role that may do those jobs and nothing else (for systemd timers and cron). On an empty
database `kiosk staff add --role administrator` adds the first administrator without signing in.

Settings come from /etc/kiosk/kiosk.toml (Windows: %ProgramData%\\Kiosk\\kiosk.toml), then the user's
kiosk.toml, then KIOSK_* environment variables (KIOSK_DATABASE_URL chooses the database; the default is
a SQLite file in the user data folder). Run `kiosk demo` to try the kiosk with sample data.
"""


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"


def _read_pin(args, prompt: str) -> str:
    """A PIN from the terminal (not echoed), or the next line of standard input for scripts."""
    from kiosk.domain.errors import InvalidInput

    if getattr(args, "pin_stdin", False) or not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line.strip():
            raise InvalidInput("No PIN on standard input: give one PIN a line (or run from a terminal).")
        return line.strip()
    return getpass.getpass(prompt)


def _actor(app, args, *, system_job: bool = False):
    """Who this command acts as: the member of staff named by --as / KIOSK_STAFF, signed in with their
    PIN, or (for the unattended jobs only) the system role with --system."""
    import os

    from kiosk.domain.errors import InvalidInput, PermissionDenied
    from kiosk.domain.model import Actor, Role

    if getattr(args, "system", False):
        if not system_job:
            raise InvalidInput(
                "--system runs only the unattended jobs (db backup, purge, visits end-of-day); "
                "for this command sign in with --as NAME."
            )
        return Actor(name=f"system (command line, {_os_user()})", role=Role.SYSTEM, source="command line")
    name = (getattr(args, "as_staff", None) or os.environ.get("KIOSK_STAFF") or "").strip()
    if not name:
        extra = " (or --system for an unattended job)" if system_job else ""
        raise InvalidInput(
            "This command acts as a member of staff: put --as NAME before the command (or set KIOSK_STAFF) "
            f"and type your PIN when asked{extra}."
        )
    actor = app.staff.authenticate(name, _read_pin(args, f"PIN for {name}: "), source="command line")
    if actor.must_change_pin:
        raise PermissionDenied(
            f'{actor.name}\'s PIN must be changed first: run kiosk --as "{actor.name}" staff change-pin.'
        )
    return actor


def _settings():
    from kiosk.config import load_settings

    return load_settings()


def _app(args, **kwargs):
    """The wired services. Only `kiosk db upgrade`, the windowed kiosk's first-run set-up, the console's
    first run and `kiosk staff add` may create a database; every other command needs one already."""
    from kiosk.app import build_app

    kwargs.setdefault("create", False)
    return build_app(_settings(), **kwargs)


# ---------------------------------------------------------------- commands


def cmd_kiosk(args) -> int:
    """The visitor kiosk. It never creates a database full-screen; a missing or wrong database shows
    "please ask at reception" (and is tried again every few seconds) instead of signing anyone in. A
    PostgreSQL server out of reach at start opens the door offline when an earlier run left a usable
    local copy of the bans (kiosk.app.build_app, docs/trust.md "Offline").

    Welcome is painted first, from the settings files alone (kiosk.ui.kiosk.start); the settings are
    validated, logging set up and the services built after that paint."""
    from kiosk.ui.kiosk.start import start_kiosk

    def load_settings():
        settings = _settings()
        _secure_and_log(args, settings, args.argv)
        return settings

    def build(settings):
        from kiosk.app import build_app

        return build_app(settings, live=True, create=args.windowed, offline=True)

    def rebuild():
        from kiosk.app import build_app

        return build_app(_settings(), live=True, create=False, offline=True)

    _owner_only_umask()  # until the settings say whether the database folder is shared
    return start_kiosk(windowed=args.windowed, load_settings=load_settings, build=build, rebuild=rebuild)


def cmd_console(args) -> int:
    from kiosk.ui.console.main import run_console

    return run_console(_app(args, live=True, create=True))


def cmd_db_upgrade(args) -> int:
    from datetime import UTC, datetime

    from kiosk.db.engine import make_engine
    from kiosk.db.identity import DatabaseGuard, check_before_open, forget_marker, marker_path
    from kiosk.db.setup_code import SETUP_CODE_VALID, issue_setup_code

    settings = _settings()
    url = settings.resolved_database_url()
    if args.new:
        forget_marker(url)
    engine = make_engine(url, create=check_before_open(url, None, create=True))
    try:
        before, after = upgrade_checked(engine, url, marker_path(url))
        identity = DatabaseGuard(engine, url).establish()
        code = issue_setup_code(engine, datetime.now(UTC))
    finally:
        engine.dispose()
    if before == after:
        print(f"database is up to date (schema {after}, identity {identity[:8]})")
    else:
        print(f"database upgraded from schema {before or 'empty'} to {after} (identity {identity[:8]})")
    if code is not None:
        print(
            f"set-up code: {code} (for {SETUP_CODE_VALID.total_seconds() / 3600:.0f} hours). There is no staff "
            "account yet: the full-screen kiosk asks for this code before it offers the first-run set-up "
            "(`kiosk --windowed` needs none). Each `kiosk db upgrade` makes a new one."
        )
    return 0


def upgrade_checked(engine, url: str, marker):
    """Upgrade, refusing to lay a new schema where the marker says this kiosk's database used to be."""
    from kiosk.db.engine import _safe_url, describe_error
    from kiosk.db.migrate import current_revision, upgrade
    from kiosk.domain.errors import DatabaseFault, DatabaseUnavailable

    try:
        current = current_revision(engine)
    except Exception as exc:  # noqa: BLE001 - any driver error: the database cannot be reached
        raise DatabaseUnavailable(describe_error(exc, url)) from None
    if current is None and marker is not None and marker.exists():
        raise DatabaseFault(
            f"The database {_safe_url(url)} is empty, but this kiosk's database was there (marker {marker}). "
            "Restore it with `kiosk db restore`, or run `kiosk db upgrade --new` to start a new one."
        )
    return upgrade(engine)


def cmd_db_adopt(args) -> int:
    from kiosk.db.engine import make_engine
    from kiosk.db.identity import adopt, marker_path

    settings = _settings()
    url = settings.resolved_database_url()
    engine = make_engine(url, create=False)
    try:
        identity, bans = adopt(engine, url)
    except Exception as exc:
        from sqlalchemy.exc import DBAPIError

        from kiosk.db.engine import describe_error
        from kiosk.domain.errors import DatabaseUnavailable

        if isinstance(exc, DBAPIError):
            raise DatabaseUnavailable(describe_error(exc, url)) from None
        raise
    finally:
        engine.dispose()
    print(f"this kiosk now trusts database {identity[:8]} ({bans} bans); marker {marker_path(url)}")
    return 0


def cmd_db_backup(args) -> int:
    from kiosk.domain.permissions import Action, require
    from kiosk.ops.backup import backup_now

    app = _app(args)
    try:
        require(_actor(app, args, system_job=True), Action.BACKUP)
    finally:
        app.dispose()
    backup, pruned = backup_now(_settings(), Path(args.file) if args.file else None)
    print(f"backed up the database to {backup.path} ({backup.size / 1e6:.1f} MB)")
    if pruned:
        print(f"removed {len(pruned)} old backups (keeping backup.keep copies)")
    return 0


def cmd_db_restore(args) -> int:
    from kiosk.domain.errors import DatabaseUnavailable
    from kiosk.domain.permissions import Action, require
    from kiosk.ops.restore import restore

    # Replacing a database that has staff is an administrator's decision. An empty one, or none at all
    # (a new machine, or the database lost: restoring it is the way back), has nobody to ask.
    try:
        app = _app(args)
    except DatabaseUnavailable:
        app = None
    if app is not None:
        try:
            if app.staff.has_staff():
                require(_actor(app, args), Action.ADMINISTER)
        finally:
            app.dispose()
    result = restore(_settings(), Path(args.file), force=args.force)
    if result.safety_copy:
        print(f"the database as it was is saved in {result.safety_copy}")
    schema = f" (schema {result.revision})" if result.revision else ""
    print(f"restored {result.source}{schema}; restart the kiosk and console, which upgrade it if needed")
    if not result.manifest:
        print("note: the backup had no manifest, so its contents could not be checked against one")
    elif result.chains:
        print(
            f"audit log: the head of each of its {result.chains} chain(s) (one per school) is as the manifest recorded"
        )
    if result.reerased:
        print(f"erased again {len(result.reerased)} person(s) erased after the backup was made")
    return 0


def cmd_doctor(args) -> int:
    from kiosk.ops.doctor import doctor

    return doctor()


def cmd_bans_import(args) -> int:
    from kiosk.domain.errors import InvalidInput
    from kiosk.services.bans import decode_csv

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read ({exc.strerror}).") from None
    text = decode_csv(raw, str(path))  # the same rule as the console's import
    app = _app(args)
    created, updated = app.bans.import_csv(_actor(app, args), text, source=str(path))
    print(f"imported {path}: {created} bans added, {updated} updated")
    return 0


def _read_csv_file(file: str) -> str:
    from kiosk.domain.errors import InvalidInput
    from kiosk.services.bans import decode_csv

    path = Path(file)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read ({exc.strerror}).") from None
    return decode_csv(raw, str(path))


def cmd_expected_import(args) -> int:
    from kiosk.domain.model import PersonType
    from kiosk.services.expected import parse_type

    text = _read_csv_file(args.file)
    app = _app(args)
    assert app.expected is not None
    kind = parse_type(args.type, PersonType.VISITOR)
    n = app.expected.import_csv(_actor(app, args), text, Path(args.file).name, default_type=kind)
    print(f"imported {args.file}: {n} expected visitors added")
    return 0


def cmd_expected_export(args) -> int:
    app = _app(args)
    assert app.expected is not None
    _write_out(args.file, app.expected.export_csv(_actor(app, args), args.day))
    return 0


def cmd_checks_import(args) -> int:
    text = _read_csv_file(args.file)
    app = _app(args)
    assert app.clearances is not None
    added, updated = app.clearances.import_csv(_actor(app, args), text, Path(args.file).name)
    print(f"imported {args.file}: {added} added, {updated} updated")
    return 0


def cmd_staff_import(args) -> int:
    text = _read_csv_file(args.file)
    app = _app(args)
    assert app.staff_roll is not None
    added, updated = app.staff_roll.import_csv(_actor(app, args), text, Path(args.file).name)
    print(f"imported {args.file}: {added} added, {updated} updated")
    return 0


def cmd_staff_export(args) -> int:
    app = _app(args)
    assert app.staff_roll is not None
    _write_out(args.file, app.staff_roll.export_csv(_actor(app, args)))
    return 0


def cmd_checks_export(args) -> int:
    app = _app(args)
    assert app.clearances is not None
    _write_out(args.file, app.clearances.export_csv(_actor(app, args)))
    return 0


def cmd_pupils_import(args) -> int:
    from kiosk.services.pupils import photo_loader

    text = _read_csv_file(args.file)
    app = _app(args)
    assert app.pupils is not None
    path = Path(args.file)
    summary = app.pupils.import_csv(_actor(app, args), text, path.name, photos=photo_loader(path.parent))
    print(f"imported {args.file}: {summary}")
    return 0


def cmd_pupils_export(args) -> int:
    app = _app(args)
    assert app.pupils is not None
    _write_out(args.file, app.pupils.export_csv(_actor(app, args)))
    return 0


def cmd_bans_export(args) -> int:
    app = _app(args)
    text = app.bans.export_csv(_actor(app, args))
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
    """The visit log as CSV, streamed: rows go to a temporary file as they are read, the export is audited,
    and only then does the file appear (or go to standard output)."""
    import os
    import shutil
    import tempfile

    from kiosk.domain.errors import InvalidInput
    from kiosk.domain.spreadsheet import CsvWriter
    from kiosk.services.visits import VISIT_EXPORT_COLUMNS, VISIT_EXPORT_TEXT_COLUMNS

    app = _app(args)
    actor = _actor(app, args)
    zone = app.settings.zone
    today = app.deps.clock.today()
    day_from = args.date_from or today
    day_to = args.date_to or day_from
    if day_to < day_from:
        raise InvalidInput("--to is before --from.")
    start = datetime.combine(day_from, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day_to + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    to_stdout = not args.file or args.file == "-"
    target = None if to_stdout else Path(args.file)
    rows = app.sign_in.iter_visit_export(actor, start, end)  # the role is checked here

    folder = target.parent if target is not None else None
    try:
        spool = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed into place
            "w", encoding="utf-8", newline="", dir=folder, prefix=".visits-", suffix=".csv.part", delete=False
        )
    except OSError as exc:
        raise InvalidInput(f"{target}: cannot be written ({exc.strerror}).") from None
    count, first_ids = 0, []
    try:
        with spool:
            w = CsvWriter(VISIT_EXPORT_COLUMNS, out=spool, text_columns=VISIT_EXPORT_TEXT_COLUMNS)
            for row in rows:
                w.row(row)
                if count < 1000:
                    first_ids.append(row[0])
                count += 1
        # Audited before the file appears: an export is never unrecorded.
        app.sign_in.record_export(actor, first_ids, f"{count} visits {day_from}..{day_to}")
        if target is None:
            with open(spool.name, encoding="utf-8", newline="") as done:
                shutil.copyfileobj(done, sys.stdout)
        else:
            os.replace(spool.name, target)
            print(f"wrote {target} ({count} visits)", file=sys.stderr)
    except OSError as exc:
        raise InvalidInput(f"{target or 'standard output'}: cannot be written ({exc.strerror}).") from None
    finally:
        if os.path.exists(spool.name):
            os.unlink(spool.name)
    return 0


def _new_pin(args, rule: str) -> str:
    """A new PIN: typed twice at the terminal, or the next line of standard input."""
    from kiosk.domain.errors import InvalidInput

    if getattr(args, "pin", None):
        return args.pin
    if getattr(args, "pin_stdin", False) or not sys.stdin.isatty():
        return _read_pin(args, "")
    pin = getpass.getpass(f"New PIN ({rule}): ")
    if getpass.getpass("New PIN again: ") != pin:
        raise InvalidInput("The two PINs differ; nothing was saved.")
    return pin


def cmd_staff_add(args) -> int:
    from kiosk.domain.model import Actor, Role

    app = _app(args, create=True)  # the first administrator may be added to a new database
    role = Role(args.role)
    if app.staff.has_staff():
        actor = _actor(app, args)
    else:  # the bootstrap: the first administrator of an empty database
        actor = Actor(name=f"first start (command line, {_os_user()})", role=None, source="command line")
    pin = _new_pin(args, app.staff.pin_rules(role))
    staff = app.staff.add(actor, args.name, role, pin)
    print(f"added {staff.name} ({staff.role.value})")
    return 0


def cmd_staff_count(args) -> int:
    app = _app(args)
    print(len(app.staff.names()) if app.staff.has_staff() else 0)
    return 0


def _staff_named(app, actor, name: str):
    from kiosk.domain.errors import NotFound

    wanted = " ".join(name.split()).casefold()
    for member in app.staff.list(actor):
        if member.name.casefold() == wanted:
            return member
    raise NotFound(f"There is no staff account called {name!r} (see `kiosk staff list`).")


def cmd_staff_list(args) -> int:
    app = _app(args)
    actor = _actor(app, args)
    now = app.deps.clock.now()
    for member in app.staff.list(actor):
        state = "active" if member.active else "disabled"
        if member.locked_until and member.locked_until > now:
            state += ", locked"
        if member.must_change_pin:
            state += ", must change PIN"
        print(f"{member.name}\t{member.role.value}\t{state}")
    return 0


def _on_staff_member(args, change: str, done: str) -> int:
    """Sign in, find the named staff account and apply one StaffService change (``change``) to it."""
    app = _app(args)
    actor = _actor(app, args)
    member = _staff_named(app, actor, args.name)
    getattr(app.staff, change)(actor, member.id)
    print(f"{done} {member.name}")
    return 0


def cmd_staff_deactivate(args) -> int:
    return _on_staff_member(args, "deactivate", "disabled")


def cmd_staff_unlock(args) -> int:
    return _on_staff_member(args, "reset_lockout", "unlocked")


def cmd_staff_change_pin(args) -> int:
    import os

    from kiosk.domain.errors import InvalidInput

    app = _app(args)
    name = (args.as_staff or os.environ.get("KIOSK_STAFF") or "").strip()
    if not name:
        raise InvalidInput("Say whose PIN: put --as NAME before the command (or set KIOSK_STAFF).")
    old = _read_pin(args, f"Current PIN for {name}: ")
    actor = app.staff.authenticate(name, old, source="command line")
    assert actor.role is not None
    app.staff.change_own_pin(actor, old, _new_pin(args, app.staff.pin_rules(actor.role)))
    print(f"changed the PIN of {actor.name}")
    return 0


def cmd_end_of_day(args) -> int:
    app = _app(args)
    actor = _actor(app, args, system_job=True)
    closed = app.sign_in.end_of_day(actor, app.settings.kiosk.end_of_day)
    print(f"closed {len(closed)} visits as not signed out")
    if app.staff_roll is not None:
        staff = app.staff_roll.end_of_day(actor, app.settings.kiosk.end_of_day)
        print(f"closed {len(staff)} staff still signed in")
    return 0


def cmd_demo(args) -> int:
    import os

    from kiosk.demo import make_demo

    path = Path(args.path) if args.path else None
    db_path, data_dir = make_demo(path)
    print(f"demo database: {db_path}")
    print("demo staff PINs: Rachel Reception 2468 (receptionist), Sam Safeguarding 1357 (safeguarding lead),")
    print("                 Helen Head 864213 (head), Alex Admin 9753 (administrator)")
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

    return run_screenshots(_app(args), Path(args.out_dir), language=args.language or "")


def cmd_policy_translate(args) -> int:
    """Publish a school's translation of a Code of Conduct version (administrator)."""
    app = _app(args)
    try:
        actor = _actor(app, args)
        version = app.policy.current() if args.version is None else None
        version_id = args.version if args.version is not None else (version.id if version else None)
        if version_id is None:
            print("kiosk: there is no policy version to translate yet", file=sys.stderr)
            return 1
        text = Path(args.file).read_text(encoding="utf-8")
        reminder = Path(args.reminder).read_text(encoding="utf-8") if args.reminder else ""
        done = app.policy.publish_translation(actor, version_id, args.language, args.title, text, reminder)
        print(
            f"published the {done.language} translation of policy version {version_id} (sha256 {done.sha256[:12]})"
        )
        return 0
    finally:
        app.dispose()


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
    counts = app.privacy.purge(_actor(app, args, system_job=True), dry_run=args.dry_run)
    width = max(len(k) for k in counts)
    verb = "due" if args.dry_run else "removed"
    for kind, n in counts.items():
        print(f"{kind:<{width}}  {n:>7} {verb}")
    if args.dry_run:
        print("dry run: nothing was changed")
    return 0


def _one_person(app, actor, name_or_id: str):
    from kiosk.domain.errors import InvalidInput, NotFound

    people = app.privacy.find_people(actor, name_or_id)
    if not people:
        raise NotFound(f"Nobody called {name_or_id!r} is recorded (give the full name or the id).")
    if len(people) > 1:
        ids = ", ".join(str(p.id) for p in people)
        raise InvalidInput(f"{len(people)} people are called {name_or_id!r} (ids {ids}); give the id.")
    return people[0]


def _write_export(out_dir: str, stem: str, data: dict, pdf: bytes) -> list[Path]:
    import json

    from kiosk.domain.errors import InvalidInput
    from kiosk.platform import make_private_dir, write_private

    out = Path(out_dir)
    try:
        make_private_dir(out)
        json_path, pdf_path = out / f"{stem}.json", out / f"{stem}.pdf"
        write_private(json_path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
        write_private(pdf_path, pdf)
    except OSError as exc:
        raise InvalidInput(f"{out}: cannot be written ({exc.strerror}).") from None
    return [pdf_path, json_path]


def cmd_person_find(args) -> int:
    app = _app(args)
    matches = app.privacy.find_subject_records(
        _actor(app, args),
        name=args.name or "",
        date_of_birth=args.dob,
        phone=args.phone or "",
        email=args.email or "",
    )
    if not matches:
        print("no record matches")
        return 1
    for m in matches:
        print(f"{m.kind} {m.id}: {m.name} ({m.what}) — {'; '.join(m.why)}")
    return 0


def cmd_person_export(args) -> int:
    app = _app(args)
    actor = _actor(app, args)
    person_id = None
    if args.person not in (None, "", "-"):
        person_id = _one_person(app, actor, args.person).id
    data, pdf = app.privacy.export_person(actor, person_id, same_person_bans=tuple(args.ban or ()))
    subject = person_id if person_id is not None else f"ban-{'-'.join(map(str, args.ban or ()))}"
    for path in _write_export(args.out_dir, f"person-{subject}-draft", data, pdf):
        print(f"wrote {path}")
    print(
        f"export {data['export_id']} is a draft: another member of staff reviews it and runs "
        f"`kiosk person approve {data['export_id']}`, then `kiosk person release {data['export_id']} OUT_DIR`"
    )
    return 0


def cmd_person_approve(args) -> int:
    app = _app(args)
    app.privacy.approve_export(_actor(app, args), args.export_id)
    print(f"export {args.export_id} approved for release")
    return 0


def cmd_person_release(args) -> int:
    app = _app(args)
    data, pdf = app.privacy.release_export(_actor(app, args), args.export_id)
    person = (data.get("person") or {}).get("id") or "ban"
    for path in _write_export(args.out_dir, f"person-{person}", data, pdf):
        print(f"wrote {path}")
    return 0


def cmd_person_erase(args) -> int:
    app = _app(args)
    result = app.privacy.erase_person(_actor(app, args), args.id, args.reason)
    for line in result.receipt():
        print(line)
    return 0


def cmd_audit_verify(args) -> int:
    app = _app(args)
    if args.digest:
        line = app.privacy.check_digest(_actor(app, args), args.digest)
        print(line)
        return 0 if line.startswith("ok") else 1
    if args.manifest:
        from kiosk.domain.errors import InvalidInput
        from kiosk.ops.backup import check_manifest, manifest_heads

        backup = Path(args.manifest)
        if backup.name.endswith(".manifest.json"):
            backup = backup.with_name(backup.name[: -len(".manifest.json")])
        doc = check_manifest(app.settings.resolved_database_url(), backup)
        if doc is None:
            raise InvalidInput(f"There is no manifest beside {backup}.")
        line = app.privacy.check_chain_heads(_actor(app, args), manifest_heads(doc))
        print(line)
        return 0 if line.startswith("ok") else 1
    report = app.privacy.verify_audit(_actor(app, args))
    print(report.describe())
    return 0 if report.ok else 1


def cmd_audit_digest(args) -> int:
    app = _app(args)
    print(app.privacy.audit_digest(_actor(app, args)))
    return 0


# ---------------------------------------------------------------- parser


def _owner_engine():
    """The configured database, connected as its tables' owner (for `kiosk trust` set-up)."""
    from kiosk.db.engine import make_engine

    return make_engine(_settings().resolved_database_url(), create=False)


def cmd_trust_add_school(args) -> int:
    from kiosk.db import trust

    engine = _owner_engine()
    try:
        with engine.begin() as conn:
            school = trust.add_school(conn, args.name, args.prefix)
    finally:
        engine.dispose()
    print(f"added school {school.id}: {school.name} (database role {school.db_role}; give it a password)")
    return 0


def cmd_trust_enable(args) -> int:
    from kiosk.db import trust

    engine = _owner_engine()
    try:
        with engine.begin() as conn:
            if args.rename_default:
                trust.rename_school(conn, 1, " ".join(args.rename_default.split()))
            schools = trust.enable_row_security(conn, args.prefix)
    finally:
        engine.dispose()
    for school in schools:
        print(
            f"school {school.id}: {school.name} -> role {school.db_role} (school.trust_school_id = {school.id})"
        )
    print(f"row-level security is on; the trust's console connects as {trust.trust_role(args.prefix)}")
    return 0


def cmd_trust_report(args) -> int:
    app = _app(args)
    try:
        report = app.trust_reports.report(_actor(app, args), args.within)
    finally:
        app.dispose()
    print(
        "Bans in force by school (school bans, trust bans recorded there, bans for several schools naming it):"
    )
    for line in report.bans:
        print(
            f"  {line.school}: {line.school_bans} school, {line.trust_bans} trust, "
            f"{line.several_schools} for several schools"
        )
    print(f"Reviews due within {args.within} days:")
    for review in report.reviews_due:
        print(
            f"  {review.review_date.isoformat()}  {review.school}  #{review.ban_id} {review.name} ({review.scope})"
        )
    if not report.reviews_due:
        print("  none")
    print("Incidents by school (incidents, open cases):")
    for row in report.incidents:
        print(f"  {row.school}: {row.incidents} incidents, {row.open_cases} open cases")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kiosk",
        description="Reception kiosk for schools: visitor sign-in, Code of Conduct, ban-list screening, badges. "
        "With no command, starts the visitor kiosk full-screen.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--windowed",
        action="store_true",
        help="run the visitor kiosk in a window (for trying it; on a database with no staff yet it opens the "
        "first-run set-up, see docs/first-run.md)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    p.add_argument(
        "--as",
        dest="as_staff",
        metavar="NAME",
        help="act as this member of staff (asks for their PIN; default: the KIOSK_STAFF environment variable)",
    )
    p.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read PINs from standard input, one a line, instead of asking (for scripts)",
    )
    p.add_argument(
        "--system",
        action="store_true",
        help="run an unattended job (db backup, purge, visits end-of-day) as the system role, without a PIN",
    )
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
        description="Create or migrate the database to this program's schema. A new database gets a "
        "random identity, remembered in a marker file outside it; where the marker says a database "
        "existed and it is gone, nothing is created unless --new is given.",
    )
    c.add_argument(
        "--new",
        action="store_true",
        help="start a new, empty database even though this kiosk had one (forgets the old marker)",
    )
    c.set_defaults(func=cmd_db_upgrade)
    c = dbs.add_parser(
        "adopt",
        help="trust the database as it is now (after a deliberate replacement)",
        description="Rewrite the marker with the database's identity and ban count. Kiosks refuse to sign "
        "visitors in when their database was replaced, emptied or lost its ban list; after checking "
        "that this is the right database, adopt it here.",
    )
    c.set_defaults(func=cmd_db_adopt)
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

    exp = sub.add_parser(
        "expected",
        help="import or export expected visitors (CSV)",
        description="Visitors booked before the day (docs/expected.md).",
    )
    es = exp.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = es.add_parser(
        "import",
        help="import a booking list (e.g. a supply agency's)",
        description="Import bookings from CSV: first name, surname and date required; type, host, host "
        "email, organisation, purpose, notes optional; common headers accepted (Forename, Booking Date, "
        "Agency, ...: docs/expected.md). A bad row imports nothing; a booking already made is skipped.",
    )
    c.add_argument("file", help="the CSV file")
    c.add_argument("--type", default="visitor", help="type for rows that do not say (default: visitor)")
    c.set_defaults(func=cmd_expected_import)
    c = es.add_parser("export", help="export a day's bookings to CSV", description="Export a day's bookings.")
    c.add_argument("file", nargs="?", help="output file (default: standard output)")
    c.add_argument("--day", type=_parse_day, default=None, help="the day, YYYY-MM-DD (default: today)")
    c.set_defaults(func=cmd_expected_export)
    chk = sub.add_parser(
        "checks",
        help="import or export the single central record (CSV)",
        description="Checks of contractors, supply staff, volunteers and governors (docs/expected.md).",
    )
    cs = chk.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = cs.add_parser(
        "import",
        help="import the single central record from CSV",
        description="Import checks from CSV: first name and surname required; type, organisation, DBS "
        "check, DBS number, DBS date, ID checked, agency confirmation, expiry, notes optional. A row "
        "matching one person's line updates it. A bad row imports nothing.",
    )
    c.add_argument("file", help="the CSV file")
    c.set_defaults(func=cmd_checks_import)
    c = cs.add_parser("export", help="export the single central record to CSV", description="Export it.")
    c.add_argument("file", nargs="?", help="output file (default: standard output)")
    c.set_defaults(func=cmd_checks_export)
    pup = sub.add_parser(
        "pupils",
        help="import or export pupils and who may collect them (CSV)",
        description="Pupils with their authorised collectors, from a school information system's export "
        "(docs/pupils.md).",
    )
    ps = pup.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = ps.add_parser(
        "import",
        help="import pupils and their collectors from CSV",
        description="Import pupils from CSV as SIMS, Arbor, Bromcom or ScholarPack export them: legal "
        "forename and surname required; preferred names, reg group, year, UPN, collection password, "
        "'Contact 1 Name', 'Contact 1 Relationship', 'Contact 1 Priority', ... (or one row per contact) "
        "optional (docs/pupils.md). A pupil already on the list (same UPN, or same name and reg group) has "
        "their collectors replaced by the file's. A bad row imports nothing.",
    )
    c.add_argument("file", help="the CSV file (photo files it names are read from its folder)")
    c.set_defaults(func=cmd_pupils_import)
    c = ps.add_parser(
        "export",
        help="export pupils and their collectors to CSV",
        description="Export the pupils and their collectors (no passwords, photos or court orders).",
    )
    c.add_argument("file", nargs="?", help="output file (default: standard output)")
    c.set_defaults(func=cmd_pupils_export)
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
        "export",
        help="export visits as CSV",
        description="Export visits in a date range as CSV. Rows are streamed to the file as they are read; "
        "the export is audited before the file appears.",
    )
    c.add_argument("--from", dest="date_from", type=_parse_day, help="first day, YYYY-MM-DD (default: today)")
    c.add_argument("--to", dest="date_to", type=_parse_day, help="last day, YYYY-MM-DD (default: --from)")
    c.add_argument("file", nargs="?", help="output file (default: standard output)")
    c.set_defaults(func=cmd_visits_export)
    c = vs.add_parser(
        "end-of-day",
        help="close visits still open as 'not signed out'",
        description="Close visits signed in before today's end-of-day time, and staff still signed in.",
    )
    c.set_defaults(func=cmd_end_of_day)

    staff = sub.add_parser(
        "staff",
        help="staff accounts, and the staff on the roll (CSV)",
        description="Staff accounts (console sign-in), and the staff on the roll (docs/staff-roll.md).",
    )
    ss = staff.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = ss.add_parser(
        "add",
        help="add a staff account (administrator; or the first administrator of an empty database)",
        description="Add a staff account, signed in as an administrator with --as. On an empty database "
        "the first account, an administrator, is added without signing in. The new PIN is asked for "
        "twice, or read from standard input (after the administrator's own PIN, one a line).",
    )
    c.add_argument("--name", required=True, help="the person's name as they will pick it at sign-in")
    c.add_argument(
        "--role",
        required=True,
        choices=["receptionist", "safeguarding lead", "head", "administrator", "trust safeguarding lead"],
    )
    c.add_argument(
        "--pin",
        help="4-12 digits, 6-12 for the head (prefer the prompt: a PIN on the command line is visible)",
    )
    c.set_defaults(func=cmd_staff_add)
    c = ss.add_parser("list", help="list staff accounts (administrator)", description="List staff accounts.")
    c.set_defaults(func=cmd_staff_list)
    c = ss.add_parser(
        "deactivate",
        help="disable the account of someone who has left (administrator)",
        description="Disable a staff account; its history stays in the audit log.",
    )
    c.add_argument("name", help="the account's name")
    c.set_defaults(func=cmd_staff_deactivate)
    c = ss.add_parser(
        "unlock",
        help="clear a lock-out after wrong PINs (administrator)",
        description="Clear a staff account's lock-out and wrong-PIN count.",
    )
    c.add_argument("name", help="the account's name")
    c.set_defaults(func=cmd_staff_unlock)
    c = ss.add_parser(
        "change-pin",
        help="change your own PIN",
        description="Change the PIN of the member of staff named by --as: their PIN, then the current PIN "
        "again and the new one (twice at a terminal; from standard input, one a line).",
    )
    c.set_defaults(func=cmd_staff_change_pin, pin=None)
    c = ss.add_parser(
        "count",
        help="print how many active staff accounts there are",
        description="Print the number of active staff accounts (0 before the first administrator).",
    )
    c.set_defaults(func=cmd_staff_count)
    c = ss.add_parser(
        "import",
        help="import the staff on the roll from CSV (administrator)",
        description="Import the school's staff list (the staff who sign in at the kiosk and are on the fire "
        "roll; most have no console account) from CSV: first name and surname required; job title, "
        "department and staff code optional (docs/staff-roll.md lists the headers read). A row with a "
        "known staff code, or else one member's name, updates them; others are added with a new staff "
        "card. A bad row imports nothing.",
    )
    c.add_argument("file", help="the CSV file")
    c.set_defaults(func=cmd_staff_import)
    c = ss.add_parser(
        "export",
        help="export the staff on the roll to CSV (administrator)",
        description="Export the staff on the roll in the import's columns (no card codes, no PINs).",
    )
    c.add_argument("file", nargs="?", help="output file (default: standard output)")
    c.set_defaults(func=cmd_staff_export)

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
    c.add_argument(
        "--language",
        choices=["en", "cy", "pl", "ur"],
        help="the kiosk's screens in this language (cy Welsh, pl Polish, ur Urdu); the console's are left out",
    )
    c.set_defaults(func=cmd_screenshots)
    c = sub.add_parser(
        "policy-translate",
        help="publish a translation of the Code of Conduct (administrator)",
        description="Publish the school's translation of a Code of Conduct version. A visitor who chooses "
        "that language at the kiosk reads and agrees to it, and the acknowledgement records the language "
        "and the translation's hash. A translation is published once; to correct it, publish a new version.",
    )
    c.add_argument("file", help="the translated text (Markdown, UTF-8)")
    c.add_argument(
        "--language", required=True, choices=["cy", "pl", "ur"], help="cy Welsh, pl Polish, ur Urdu"
    )
    c.add_argument("--title", required=True, help="the translated title")
    c.add_argument("--version", type=int, help="the policy version's number (default: the current one)")
    c.add_argument("--reminder", help="a file with the translated reminder for people collecting a child")
    c.set_defaults(func=cmd_policy_translate)
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
        "find",
        help="find every record that may be about a person (before a subject access export)",
        description="Search visitor records, bans and their aliases, and incident subjects by name (as "
        "tolerant as screening: nicknames, typos, order), date of birth, phone or email. Finding a "
        "record discloses nothing; confirm which are the requester's, then `kiosk person export`.",
    )
    c.add_argument("--name", help="the requester's name")
    c.add_argument("--dob", type=_parse_day, help="date of birth, YYYY-MM-DD (matched against bans)")
    c.add_argument("--phone", help="phone number (the last digits are compared)")
    c.add_argument("--email", help="email address")
    c.set_defaults(func=cmd_person_find)
    c = ps.add_parser(
        "export",
        help="draft everything held about a person as PDF and JSON (reviewed before release)",
        description="Draft a subject access export (person-ID-draft.pdf/.json in OUT_DIR): the visitor "
        "record, its visits, acknowledgements, alerts, dismissals, incidents, cases and letters, the bans "
        "that are theirs and the audit log's entries about them, with third parties redacted. A possible "
        "match with someone else's ban is not disclosed. Another member of staff approves it "
        "(`kiosk person approve`) before it is released (`kiosk person release`).",
    )
    c.add_argument(
        "person", metavar="NAME-OR-ID", help="the person's full name as recorded, or their id ('-' for none)"
    )
    c.add_argument("out_dir", metavar="OUT_DIR", help="folder for the draft PDF and JSON files")
    c.add_argument(
        "--ban", type=int, action="append", help="a ban confirmed as this same person (repeatable)"
    )
    c.set_defaults(func=cmd_person_export)
    c = ps.add_parser(
        "approve",
        help="approve a drafted export (a second member of staff)",
        description="Approve a drafted subject access export for release. The person who drafted it may "
        "not approve it. Audited.",
    )
    c.add_argument("export_id", type=int, help="the export's number (printed by `kiosk person export`)")
    c.set_defaults(func=cmd_person_approve)
    c = ps.add_parser(
        "release",
        help="write an approved export for the requester",
        description="Write an approved subject access export as person-ID.pdf and person-ID.json. A draft "
        "is refused. Audited.",
    )
    c.add_argument("export_id", type=int, help="the export's number")
    c.add_argument("out_dir", metavar="OUT_DIR", help="folder for the PDF and JSON files")
    c.set_defaults(func=cmd_person_release)
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
        help="check the audit log's keyed hash chain against its anchor",
        description="Check every audit row's keyed hash (HMAC-SHA256, with the audit key kept outside "
        "the database) and its link to the row before, and compare the log with its anchor (the "
        "append-only file beside a SQLite database, or the insert-only table on PostgreSQL), so that "
        "edited, deleted or recomputed rows, the newest rows deleted and an emptied table all show. "
        "Prints 'ok: ...' and exits 0, or says from which row on the log cannot be trusted and exits 1.",
    )
    c.add_argument(
        "--digest", metavar="TEXT", help="check a daily digest kept off this machine (`kiosk audit digest`)"
    )
    c.add_argument(
        "--manifest",
        metavar="BACKUP",
        help="check that the log still holds the head of each school's chain a backup's manifest recorded "
        "(the backup file, or its .manifest.json beside it)",
    )
    c.set_defaults(func=cmd_audit_verify)
    c = aus.add_parser(
        "digest",
        help="print today's digest of the audit log (keep it off this machine)",
        description="Print one line naming the audit log's newest row and its keyed hash, with a MAC (one "
        "line per school's chain in a trust's database, as the tables' owner or the trust's role). "
        "Kept off the machine (it is also emailed daily when mail is set up), it lets `kiosk audit "
        "verify --digest` show later whether the log still holds that row unchanged.",
    )
    c.set_defaults(func=cmd_audit_digest)
    trust = sub.add_parser(
        "trust",
        help="a trust of schools on one PostgreSQL (schools, row-level security, reports)",
        description="A trust of schools sharing one PostgreSQL database. `add-school` and `enable` run as "
        "the tables' owner (the database address in the settings); each school's kiosks then connect as "
        "that school's role with school.trust_school_id set, and the trust's console as the trust's role.",
    )
    ts = trust.add_subparsers(title="commands", metavar="COMMAND", required=True)
    c = ts.add_parser("add-school", help="add a school and its database role", description="Add a school.")
    c.add_argument("name", help="the school's name")
    c.add_argument("--prefix", default="kiosk", help="the database roles' prefix (default: kiosk)")
    c.set_defaults(func=cmd_trust_add_school)
    c = ts.add_parser(
        "enable",
        help="switch on row-level security (again after each `kiosk db upgrade`)",
        description="Switch on PostgreSQL row-level security (forced, so the owner is held too): each "
        "school's role reads and changes only its school's rows; trust bans are read by every school.",
    )
    c.add_argument("--prefix", default="kiosk", help="the database roles' prefix (default: kiosk)")
    c.add_argument("--rename-default", metavar="NAME", help="name the first school (id 1)")
    c.set_defaults(func=cmd_trust_enable)
    c = ts.add_parser(
        "report",
        help="bans across schools, reviews due, incidents by school (trust roles)",
        description="The trust's report, signed in with --as as a trust safeguarding lead, on the "
        "trust's database role. The read is audited.",
    )
    c.add_argument("--within", type=int, default=30, help="reviews due within this many days (default 30)")
    c.set_defaults(func=cmd_trust_report)
    return p


def _secure_and_log(args, settings, argv: Sequence[str] | None = None) -> None:
    """The installation's permissions made safe, and logging set up, before a command does anything."""
    from kiosk.ops.logs import program_name, setup_logging

    if settings is not None:
        # Before anything is created: no file of this installation is ever world-readable.
        # `kiosk doctor` only sets the umask: it changes nothing, and reports loose permissions.
        import contextlib

        from kiosk.ops.permissions import secure_install, umask_for

        with contextlib.suppress(OSError):
            (umask_for if args.func is cmd_doctor else secure_install)(settings)
    setup_logging(settings, args.verbose, program=program_name(None if argv is None else list(argv)))


def _owner_only_umask() -> None:
    """Files made before the settings are read are the owner's alone (kiosk.ops.permissions may widen it)."""
    from kiosk.platform import is_windows

    if not is_windows():
        import os

        os.umask(0o077)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors a user can cause print one line, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = None if argv is None else list(argv)  # the log file's name comes from it
    from kiosk.domain.errors import KioskError

    if args.func is not cmd_kiosk:  # the kiosk reads and checks its settings after Welcome's first paint
        try:
            log_settings = _settings()
        except KioskError:
            log_settings = None  # the command itself reports the bad setting, in one line
        _secure_and_log(args, log_settings, args.argv)

    try:
        return int(args.func(args) or 0)
    except KioskError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
