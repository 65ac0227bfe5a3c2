"""`kiosk doctor`: the checks a technician would make, one line each, exit 1 when any fails.

    database: ok — sqlite:////var/lib/kiosk/kiosk.sqlite3, schema 0004 (up to date)
    shared database: ok — set in /etc/kiosk/kiosk.toml, so the kiosk and the console both use it
    printer: not found — there is no CUPS queue 'Brother_QL' (lpstat -p lists the queues)

A check is "ok", a warning (printed, but the exit status stays 0: something to look at, not a
fault) or a failure (exit status 1). The checks never change anything: the database is not created
or migrated, nothing is printed, no e-mail is sent.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.config import SYSTEM_CONFIG, Settings, _read_toml, load_settings, user_config_path
from kiosk.domain.errors import KioskError

LOW_DISK_BYTES = 1_000_000_000  # warn below 1 GB free
FULL_DISK_BYTES = 100_000_000  # fail below 100 MB: SQLite cannot commit a sign-in on a full disk
SMTP_TIMEOUT_S = 5.0
OK, WARN, FAIL = "ok", "warning", "fail"


@dataclass(frozen=True)
class Check:
    """The outcome of one check: a name, ok/warning/fail, the word printed, and what to do."""

    name: str
    level: str
    status: str
    detail: str = ""

    def line(self) -> str:
        """The line printed for this check, e.g. 'printer: not found — ...'."""
        return f"{self.name}: {self.status}" + (f" — {self.detail}" if self.detail else "")


def _ok(name: str, detail: str = "") -> Check:
    return Check(name, OK, "ok", detail)


def _warn(name: str, status: str, detail: str) -> Check:
    return Check(name, WARN, status, detail)


def _fail(name: str, status: str, detail: str) -> Check:
    return Check(name, FAIL, status, detail)


def safe_url(url: str) -> str:
    """The database URL with any password hidden."""
    from kiosk.db.engine import _safe_url

    return _safe_url(url)


# ---------------------------------------------------------------- the checks


def check_settings(
    system_file: Path, user_file: Path, environ: dict[str, str]
) -> tuple[Check, Settings | None]:
    """Whether the settings files load; the Settings for the other checks."""
    try:
        settings = load_settings(environ=environ, system_file=system_file, user_file=user_file)
    except KioskError as exc:
        return _fail("settings", "invalid", str(exc)), None
    read = [str(p) for p in (system_file, user_file) if p.is_file()]
    return _ok("settings", f"read {', '.join(read)}" if read else "defaults (no settings file)"), settings


def check_shared_database(
    settings: Settings, system_file: Path, user_file: Path, environ: dict[str, str]
) -> Check:
    """Whether the kiosk and the console (any user) resolve the same database: the system file sets it.

    The kiosk runs as its own user and the console as the receptionist, so a database chosen in a user's
    file or environment, or the per-user default, means each program may open a different database.
    """
    url = safe_url(settings.resolved_database_url())
    name = "shared database"
    if environ.get("KIOSK_DATABASE_URL"):
        return _warn(
            name,
            "set by this user",
            f"{url} comes from KIOSK_DATABASE_URL; other users may use another database",
        )
    try:
        in_user = "database_url" in _read_toml(user_file)
        in_system = "database_url" in _read_toml(system_file)
    except KioskError as exc:
        return _fail(name, "unreadable", str(exc))
    if in_user:
        return _warn(
            name, "set by this user", f"{url} comes from {user_file}; put it in {system_file} instead"
        )
    if in_system:
        return _ok(name, f"{url}, set in {system_file}, so the kiosk and the console both use it")
    return _warn(
        name,
        "per-user default",
        f"{url} is this user's own file; set database_url in {system_file} so the kiosk and console share one",
    )


def check_database(settings: Settings) -> Check:
    """Reachable, and migrated to this program's schema (current revision == head revision)."""
    from kiosk.db.engine import describe_error, make_engine
    from kiosk.db.identity import Marker, judge, marker_path, read_identity
    from kiosk.db.migrate import current_revision, head_revision
    from kiosk.ops.backup import sqlite_path

    url = settings.resolved_database_url()
    shown = safe_url(url)
    path = sqlite_path(url)
    marker_file = marker_path(url)
    if path is not None:
        if not path.is_file() and marker_file is not None and marker_file.is_file():
            return _fail(
                "database",
                "missing",
                f"{path} is gone, but this kiosk's database was there (marker {marker_file}); "
                "restore it with `kiosk db restore`",
            )
        if not path.parent.is_dir():
            return _fail(
                "database", "not found", f"the database folder {path.parent} does not exist ({shown})"
            )
        if not path.is_file():
            # Connecting would create an empty file; the doctor must not change anything.
            return _fail("database", "not found", f"no database file at {path}; run `kiosk db upgrade`")
        if not os.access(path, os.R_OK | os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK):
            return _fail(
                "database",
                "not writable",
                f"this user may not write {path} and its folder (SQLite needs both, for the -wal file)",
            )
    try:
        engine = make_engine(url, create=False)
    except KioskError as exc:
        return _fail("database", "not reachable", str(exc))
    try:
        current = current_revision(engine)
        identity: tuple[str | None, int] = (None, 0)
        if current is not None and marker_file is not None:
            with engine.connect() as conn:
                identity = read_identity(conn)
                conn.rollback()
    except Exception as exc:  # noqa: BLE001 - any driver error is reported as unreachable
        return _fail("database", "not reachable", describe_error(exc, url))
    finally:
        engine.dispose()
    if marker_file is not None and current is not None:
        try:
            marker = Marker.read(marker_file)
            if marker is not None or identity[0] is not None:
                judge(marker, identity[0], identity[1], str(path) if path is not None else shown)
        except KioskError as exc:
            return _fail("database", "not this kiosk's", str(exc))
    elif current is None and marker_file is not None and marker_file.is_file():
        return _fail(
            "database",
            "emptied",
            f"{shown} has no kiosk tables, but this kiosk's database was there "
            f"(marker {marker_file}); restore it with `kiosk db restore`",
        )
    head = head_revision()
    if current is None:
        return _fail("database", "not migrated", f"{shown} has no kiosk tables; run `kiosk db upgrade`")
    if current != head:
        return _fail(
            "database",
            "not migrated",
            f"{shown} is at schema {current}, this program needs {head}; run `kiosk db upgrade`",
        )
    return _ok("database", f"{shown}, schema {current} (up to date)")


def _folder_writable(folder: Path) -> str | None:
    """None if a file can be made in ``folder`` (made if missing), else the reason why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def check_printer(
    settings: Settings, run: Callable[..., subprocess.CompletedProcess] = subprocess.run
) -> Check:
    """The file printer's folder is writable, or the CUPS queue exists and is enabled."""
    printer = settings.printing.printer.strip()
    if printer.lower() == "file":
        folder = settings.badge_folder()
        reason = _folder_writable(folder)
        if reason:
            return _fail("printer", "not writable", f"badges cannot be saved in {folder}: {reason}")
        return _ok("printer", f"badges are saved as PDF files in {folder}")
    from kiosk.domain.printers import PrinterState
    from kiosk.platform import print_system
    from kiosk.printing.printers import parse_lpstat_status

    spooler = print_system() == "spooler"
    if printer.lower().startswith(("brother_ql:", "qt:")) or spooler:
        from kiosk.printing.printers import build_backend

        try:
            status = build_backend(settings).status()
        except Exception as exc:  # noqa: BLE001 - a doctor reports, it does not crash
            return _fail("printer", "not usable", str(exc))
    else:
        lpstat = shutil.which("lpstat")
        if lpstat is None:
            return _fail(
                "printer",
                "not found",
                "lpstat is not installed (install cups-client) so CUPS cannot be asked",
            )
        try:
            done = run(
                [lpstat, "-l", "-p", printer],
                capture_output=True,
                text=True,
                timeout=10,
                env={**os.environ, "LC_ALL": "C", "LANG": "C"},
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return _fail("printer", "not reachable", f"CUPS did not answer ({exc})")
        status = parse_lpstat_status(printer, done.returncode, done.stdout or "", done.stderr or "")
    service = "the Windows print spooler" if spooler else "the printing service (CUPS)"
    if status.state is PrinterState.NO_SERVICE:
        return _fail("printer", "not reachable", f"{service} is not running")
    if status.state is PrinterState.NOT_FOUND:
        listed = "Settings > Printers lists them" if spooler else "lpstat -p lists the queues"
        return _fail("printer", "not found", f"there is no printer '{printer}' ({listed})")
    if status.state is PrinterState.STOPPED:
        resume = "resume it in Settings > Printers" if spooler else f"cupsenable {printer}"
        return _fail(
            "printer",
            "stopped",
            f"the {'printer' if spooler else 'queue'} '{printer}' is "
            + ("paused" if spooler else "disabled")
            + (f" ({status.detail})" if status.detail else "")
            + f"; check the printer, then {resume}",
        )
    if not status.ready:
        # Out of labels, cover open, offline: the kiosk tells visitors their badge comes from reception.
        return _fail("printer", status.state.value, status.message())
    if status.state is PrinterState.LOW:
        return _warn("printer", status.state.value, status.message())
    if status.state is PrinterState.UNKNOWN:
        return _warn("printer", "not asked", f"'{printer}' cannot report its state until it prints")
    return _ok("printer", f"'{printer}' is ready")


def check_label(settings: Settings) -> Check:
    """printing.label names a label size the layout knows."""
    from kiosk.printing.labels import LABELS, get_label

    try:
        label = get_label(settings.printing.label)
    except KeyError:
        return _fail("label", "unknown", f"'{settings.printing.label}'; choose one of: {', '.join(LABELS)}")
    return _ok("label", f"{label.name} ({label.width_mm:g} x {label.height_mm:g} mm)")


def check_smtp(settings: Settings) -> Check:
    """When alert e-mail is set up, the SMTP server accepts a TCP connection."""
    smtp = settings.smtp
    if not smtp.host:
        return _ok("smtp", "not configured (no alert e-mails)")
    try:
        with socket.create_connection((smtp.host, smtp.port), timeout=SMTP_TIMEOUT_S):
            pass
    except OSError as exc:
        return _fail("smtp", "not reachable", f"{smtp.host}:{smtp.port}: {exc.strerror or exc}")
    if not smtp.alert_recipients:
        return _warn(
            "smtp", "no recipients", f"{smtp.host}:{smtp.port} answers, but smtp.alert_recipients is empty"
        )
    return _ok("smtp", f"{smtp.host}:{smtp.port} answers")


def _existing(path: Path) -> Path | None:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return None


def check_disk(settings: Settings) -> Check:
    """Free space where the database and the backups live: warn under 1 GB, fail under 100 MB."""
    from kiosk.ops.backup import sqlite_path

    places = {"backups": settings.backup_folder()}
    db = sqlite_path(settings.resolved_database_url())
    if db is not None:
        places["database"] = db.parent
    worst: tuple[int, str] | None = None
    for what, place in places.items():
        existing = _existing(place)
        if existing is None:
            continue
        free = shutil.disk_usage(existing).free
        if worst is None or free < worst[0]:
            worst = (free, f"{what} ({place})")
    if worst is None:
        return _warn("disk", "unknown", "no folder to measure")
    free, where = worst
    text = f"{free / 1e9:.1f} GB free for the {where}"
    if free < FULL_DISK_BYTES:
        return _fail("disk", "full", text)
    if free < LOW_DISK_BYTES:
        return _warn("disk", "low", text)
    return _ok("disk", text)


def check_backups(settings: Settings, now: datetime) -> Check:
    """The backup folder is writable, and says when the newest backup was taken."""
    from kiosk.ops.backup import list_backups

    folder = settings.backup_folder()
    reason = _folder_writable(folder)
    if reason:
        return _fail("backups", "not writable", f"{folder}: {reason}")
    backups = list_backups(folder)
    if not backups:
        return _warn("backups", "none yet", f"no backup in {folder}; run `kiosk db backup`")
    newest = datetime.fromtimestamp(backups[-1].stat().st_mtime, now.tzinfo)
    age_days = (now - newest).total_seconds() / 86400
    detail = f"{len(backups)} in {folder}, newest {newest:%Y-%m-%d %H:%M}"
    if age_days > 2:
        return _warn("backups", "old", detail + " (more than 2 days ago: is the nightly backup running?)")
    return _ok("backups", detail)


def check_clock(settings: Settings, now: datetime | None = None) -> Check:
    """The time zone is valid and the year is sane (a dead CMOS battery boots in 1970 or 2000)."""
    try:
        zone = ZoneInfo(settings.school.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return _fail("clock", "bad time zone", f"{settings.school.time_zone!r} is not a known time zone")
    now = now or datetime.now(zone)
    if not 2024 <= now.year <= 2100:
        return _fail(
            "clock", "wrong", f"the computer's clock says {now:%Y-%m-%d %H:%M}; set the date and time"
        )
    return _ok("clock", f"{now:%Y-%m-%d %H:%M %Z} ({settings.school.time_zone})")


def check_logs(settings: Settings) -> Check:
    """The log folder is writable."""
    from kiosk.ops.logs import log_folder

    folder = log_folder(settings)
    reason = _folder_writable(folder)
    if reason:
        return _warn("logs", "not writable", f"{folder}: {reason} (logging to the terminal only)")
    return _ok("logs", str(folder))


# ---------------------------------------------------------------- the installed services

UNIT_FOLDER = Path("/etc/systemd/system")
KIOSK_PROGRAM = "/opt/kiosk/kiosk"


def _systemd_running() -> bool:
    return Path("/run/systemd/system").is_dir()


def _unit_properties(
    unit: str, names: list[str], run: Callable[..., subprocess.CompletedProcess]
) -> dict[str, str] | None:
    """``systemctl show UNIT`` as a dict, or None when systemctl cannot be asked."""
    systemctl = shutil.which("systemctl") or "systemctl"
    try:
        done = run(
            [systemctl, "show", unit, "--property=" + ",".join(names)],
            capture_output=True,
            text=True,
            timeout=10,
            env={**os.environ, "LC_ALL": "C", "LANG": "C"},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    props = {}
    for line in done.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            props[key] = value
    return props


def _kiosk_processes(main_pid: int) -> list[int]:
    """The kiosk program's processes among the children of cage (the unit's main process).

    Not the unit's control group: pam_systemd moves the processes into the kiosk user's session.
    """
    found = []
    for children in Path(f"/proc/{main_pid}/task").glob("*/children"):
        try:
            pids = [int(p) for p in children.read_text().split()]
        except (OSError, ValueError):
            continue
        for pid in pids:
            try:
                argv0 = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
            except OSError:
                continue
            if argv0 == KIOSK_PROGRAM:
                found.append(pid)
    return found


def check_kiosk_service(
    run: Callable[..., subprocess.CompletedProcess] = subprocess.run,
    *,
    unit_folder: Path | None = None,
    systemd_running: bool | None = None,
    kiosk_processes: Callable[[int], list[int]] = _kiosk_processes,
) -> Check:
    """Where install.sh set up kiosk.service: it is running, and the kiosk program runs inside cage.

    cage can stay up with no application (Debian 12's cage without Xwayland hangs), which systemd
    reports as "active (running)", so the unit's processes are looked at too.
    """
    name = "kiosk service"
    folder = UNIT_FOLDER if unit_folder is None else unit_folder
    if not (folder / "kiosk.service").is_file():
        return _ok(name, "not installed here (no kiosk.service: a console-only PC or a trial)")
    if not (_systemd_running() if systemd_running is None else systemd_running):
        return _warn(name, "unknown", "systemd is not running, so the kiosk service cannot be asked")
    props = _unit_properties(
        "kiosk.service",
        ["ActiveState", "SubState", "Result", "NRestarts", "MainPID", "UnitFileState"],
        run,
    )
    if props is None:
        return _warn(name, "unknown", "systemctl did not answer")
    state, sub, result = props.get("ActiveState", ""), props.get("SubState", ""), props.get("Result", "")
    restarts = props.get("NRestarts", "0")
    if state != "active":
        why = f" (last result: {result})" if result and result != "success" else ""
        return _fail(
            name,
            "not running",
            f"kiosk.service is {state or 'unknown'}/{sub or '?'}{why}, restarted {restarts} times; "
            "`journalctl -u kiosk.service -b` says why, `systemctl restart kiosk.service` starts it",
        )
    main_pid = props.get("MainPID", "0")
    if not kiosk_processes(int(main_pid) if main_pid.isdigit() else 0):
        return _fail(
            name,
            "no kiosk",
            "kiosk.service runs cage but not the kiosk program (is xwayland installed?); "
            "`journalctl -u kiosk.service -b` says why",
        )
    enabled = props.get("UnitFileState", "")
    if enabled != "enabled":
        return _warn(name, "not enabled", f"kiosk.service runs but is {enabled}: it will not start at boot")
    return _ok(name, f"kiosk.service is running the kiosk (restarted {restarts} times since boot)")


def check_last_backup(
    run: Callable[..., subprocess.CompletedProcess] = subprocess.run,
    *,
    unit_folder: Path | None = None,
    systemd_running: bool | None = None,
) -> Check:
    """Where install.sh set up the nightly backup: the timer is waiting and the last run succeeded."""
    name = "last backup"
    folder = UNIT_FOLDER if unit_folder is None else unit_folder
    if not (folder / "kiosk-backup.service").is_file():
        return _ok(name, "no nightly backup service here (kiosk-backup.service is not installed)")
    if not (_systemd_running() if systemd_running is None else systemd_running):
        return _warn(name, "unknown", "systemd is not running, so the backup service cannot be asked")
    timer = _unit_properties("kiosk-backup.timer", ["ActiveState", "NextElapseUSecRealtime"], run)
    service = _unit_properties(
        "kiosk-backup.service",
        ["ActiveState", "Result", "ExecMainStatus", "ExecMainExitTimestamp", "ExecMainStartTimestamp"],
        run,
    )
    if timer is None or service is None:
        return _warn(name, "unknown", "systemctl did not answer")
    if timer.get("ActiveState") != "active":
        return _fail(
            name,
            "timer stopped",
            f"kiosk-backup.timer is {timer.get('ActiveState') or 'unknown'}: no nightly backups; "
            "`systemctl enable --now kiosk-backup.timer`",
        )
    result, when = service.get("Result", ""), service.get("ExecMainExitTimestamp", "")
    if service.get("ActiveState") == "failed" or (result and result != "success"):
        status = service.get("ExecMainStatus", "")
        return _fail(
            name,
            "failed",
            f"the backup at {when or service.get('ExecMainStartTimestamp') or 'an unknown time'} failed "
            f"({result}, exit status {status or '?'}); `journalctl -u kiosk-backup.service` says why",
        )
    if not when:
        return _ok(
            name,
            "not run since this computer started; next at "
            f"{timer.get('NextElapseUSecRealtime') or 'the set hour'}",
        )
    return _ok(name, f"succeeded at {when}")


# ---------------------------------------------------------------- running them


def check_permissions(settings: Settings) -> Check:
    """The database, its WAL/SHM, backups, logs, badges and the audit key: nobody else may read them."""
    from kiosk.ops.permissions import loose_paths
    from kiosk.platform import is_windows

    if is_windows():  # not tested on Windows
        return _warn("file permissions", "not checked", "the ACL check is not written for Windows")
    found = loose_paths(settings)
    if found:
        more = f" (and {len(found) - 3} more)" if len(found) > 3 else ""
        return _fail(
            "file permissions",
            "too open",
            "; ".join(lp.describe() for lp in found[:3]) + more + ". Run any kiosk command once (it "
            "tightens its own files) or chmod them: owner only (0600/0700), or 0660/2770 for the "
            "programs' group.",
        )
    return _ok("file permissions", "the database, backups, logs, badges and audit key are private")


def check_offline(settings: Settings, now: datetime) -> Check:
    """Offline mode (PostgreSQL only): how old the kiosk's local copy of the bans is, and what waits to be sent."""
    from datetime import timedelta

    from kiosk.db.offline import LocalStore

    name = "offline copy"
    if not settings.resolved_database_url().startswith(("postgres://", "postgresql")):
        return _ok(name, "not used (SQLite has no offline mode)")
    if not settings.offline.enabled:
        return _ok(name, "offline mode is off ([offline] enabled = false)")
    path = settings.offline_path()
    if not path.is_file():
        return _warn(
            name, "none yet", f"no local copy of the ban list at {path}: the kiosk makes it when it starts"
        )
    store = LocalStore(path, create=False)
    try:
        copied = store.refreshed_at()
        bans, queued, refused = store.ban_count(), len(store.pending()), len(store.refused())
    finally:
        store.close()
    if copied is None:
        return _warn(name, "empty", f"{path} holds no copy yet: offline, every sign-in would be held")
    age = now - copied
    hours = age.total_seconds() / 3600
    detail = f"{bans} bans copied {hours:.1f} hours ago ({path})"
    if queued:
        detail += f"; {queued} queued steps wait for the central database"
    if refused:
        return _fail(
            name,
            "refused",
            f"{detail}; {refused} queued steps were refused by the central database (see the log)",
        )
    if age > timedelta(hours=settings.offline.max_age_h):
        return _warn(name, "too old", f"{detail}: past max_age_h, offline every sign-in is held")
    return _ok(name, detail)


def run_checks(
    *,
    environ: dict[str, str] | None = None,
    system_file: Path | None = None,
    user_file: Path | None = None,
    now: datetime | None = None,
) -> list[Check]:
    """Every check, in the order a technician reads them; the settings check first."""
    environ = dict(os.environ) if environ is None else environ
    system_file = SYSTEM_CONFIG if system_file is None else system_file
    user_file = user_config_path() if user_file is None else user_file
    first, settings = check_settings(system_file, user_file, environ)
    checks = [first]
    if settings is None:
        return checks
    if now is None:
        now = datetime.now(settings.zone) if _zone_ok(settings) else datetime.now().astimezone()
    steps: list[tuple[str, Callable[[], Check]]] = [
        ("database", lambda: check_database(settings)),
        ("shared database", lambda: check_shared_database(settings, system_file, user_file, environ)),
        ("printer", lambda: check_printer(settings)),
        ("label", lambda: check_label(settings)),
        ("smtp", lambda: check_smtp(settings)),
        ("disk", lambda: check_disk(settings)),
        ("backups", lambda: check_backups(settings, now)),
        ("clock", lambda: check_clock(settings, now)),
        ("logs", lambda: check_logs(settings)),
        ("file permissions", lambda: check_permissions(settings)),
        ("offline copy", lambda: check_offline(settings, now)),
        ("kiosk service", lambda: check_kiosk_service()),
        ("last backup", lambda: check_last_backup()),
    ]
    for name, step in steps:
        try:
            checks.append(step())
        except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others
            checks.append(_fail(name, "error", f"{exc.__class__.__name__}: {exc}"))
    return checks


def _zone_ok(settings: Settings) -> bool:
    try:
        ZoneInfo(settings.school.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def doctor(out: TextIO | None = None, **kwargs) -> int:
    """Print one line per check; 0 when none failed, 1 when any did."""
    out = out or sys.stdout
    checks = run_checks(**kwargs)
    for check in checks:
        print(check.line(), file=out)
    return 1 if any(c.level == FAIL for c in checks) else 0
