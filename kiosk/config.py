"""Typed settings: defaults < /etc/kiosk/kiosk.toml < the user's config file < KIOSK_* environment.

Environment variables name a setting by its section and key: ``KIOSK_PRINTING__LABEL=dymo-99012``
sets ``[printing] label``; ``KIOSK_DATABASE_URL`` sets the database. A bad value stops start-up with
one line naming the setting and where it came from.
"""

from __future__ import annotations

import os
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from kiosk.domain.cases import CaseSettings, SchoolDetails, parse_terms
from kiosk.domain.errors import InvalidInput
from kiosk.platform import user_data_dir

# Reading and layering the files is kiosk.settings_files' (no pydantic there: the kiosk's first paint
# reads them before this module is imported); these names stay importable from here.
from kiosk.settings_files import (
    ENV_PREFIX,
    ConfigError,
    read_layers,
    user_config_path,
)
from kiosk.settings_files import (
    SYSTEM_CONFIG as SYSTEM_CONFIG,
)
from kiosk.settings_files import read_toml as _read_toml  # noqa: F401 - kiosk.ops.doctor's name for it

APP_NAME = "kiosk"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class SchoolSettings(_Section):
    name: str = "Kestrel House School"  # the school whose Code of Conduct ships as the default policy
    address: str = "1 School Lane, Oakfield, OK1 2AB"
    head_name: str = "the Head of School"
    accent_colour: str = "#1F6F8B"
    logo: str = ""  # path to a PNG/SVG; empty for none
    time_zone: str = "Europe/London"
    # One school of a trust on a shared PostgreSQL (kiosk.db.trust): this school's id; 0 for a school on
    # its own (the default: no row-level security, nothing changes).
    trust_school_id: int = Field(default=0, ge=0)
    # Reception's telephone number: the kiosk's staff screen shows it while the central database is out
    # of reach (offline mode) and a visitor is held, since the console may not hear of the hold.
    reception_phone: str = Field(default="", max_length=40)
    # The trust's own console (the trust safeguarding lead's, connected as the trust's database role): its
    # "someone is waiting" call also sounds for a visitor held on a trust ban (or a ban for several
    # schools) at any school of the trust, not only at its own.
    trust_office: bool = False

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (e.g. Europe/London)") from exc
        return value

    @field_validator("accent_colour")
    @classmethod
    def _hex_colour(cls, value: str) -> str:
        v = value.strip()
        if len(v) != 7 or not v.startswith("#") or any(c not in "0123456789abcdefABCDEF" for c in v[1:]):
            raise ValueError(f"{value!r} is not a colour like #1F6F8B")
        return v


class KioskSettings(_Section):
    site: str = "Main site"
    name: str = "Front door"
    idle_timeout_s: int = Field(default=90, ge=15, le=3600)
    hold_screen_s: int = Field(default=60, ge=10, le=3600)
    signature_pad: bool = False
    end_of_day: time = time(18, 0)
    # Visits still open from an earlier day are closed at this local time (after an evening event).
    night_cutoff: time = time(3, 0)
    badge_at: Literal["kiosk", "console"] = "console"  # where a released visitor's badge prints
    camera_scanner: bool = False  # read QR codes from the camera (needs the "camera" extra)
    # The language each visitor starts in (a school in Wales may start in Welsh: "cy"), and the languages
    # offered on Welcome as buttons in their own names; the kiosk returns to `language` after each visitor.
    # Badges, letters and emails stay in English, the school's language.
    language: Literal["en", "cy", "pl", "ur"] = "en"
    languages: list[Literal["en", "cy", "pl", "ur"]] = ["en", "cy", "pl", "ur"]


class PrintingSettings(_Section):
    # "file" writes PDFs to `folder`; "qt:<name>" prints through Qt to any system printer (the Windows
    # spooler; CUPS); "brother_ql:<model>:<printer>" drives a Brother QL directly; anything else is a CUPS
    # queue (on Windows: a system printer, through Qt).
    printer: str = "file"
    # The A4 printer for the fire roll, letters and reports, named as `printer` is; empty: none (reports
    # are saved as PDF files and opened).
    report_printer: str = ""
    label: str = "brother-62x100"
    folder: str = ""  # for the file printer; empty: the user data folder's badges/
    raster: bool = False  # send a raster image instead of PDF (for drivers that mis-scale PDFs)
    dpi: int = Field(default=300, ge=72, le=1200)
    # A badge printer that has not printed within this many seconds is given up: the visit stands and
    # the visitor is told their badge comes from reception.
    timeout_s: float = Field(default=5.0, ge=0.5, le=120)
    # How often a running kiosk asks the print system whether its badge printer is ready (seconds): an
    # empty roll or an unplugged printer reaches reception and the kiosk's screens within this time.
    watch_s: float = Field(default=5.0, ge=1, le=600)


class RetentionSettings(_Section):
    """How long each kind of record is kept before the daily purge deletes or anonymises it (days).

    The purge never touches an active or draft ban, an open case, or anyone on site now. The reasoning
    behind each default is in docs/data-protection.md; `kiosk retention` prints this table.
    """

    # A visit (name as typed, host, purpose, organisation, child collected), counted from sign-in.
    # A visit that raised an alert for a ban still in force is kept with that alert.
    visits_days: int = Field(default=365 * 2, ge=1)
    # An acknowledgement of the Code of Conduct and its signature image, counted from when it was given;
    # a returning visitor is simply asked to acknowledge again.
    acknowledgements_days: int = Field(default=365 * 2, ge=1)
    # A decided alert (a possible ban match and reception's decision), counted from when it was raised;
    # kept while its ban is active or waiting for approval.
    alerts_days: int = Field(default=365 * 2, ge=1)
    # How long a "not the same person" decision lasts before the person is held again (not a retention
    # period: see ended_dismissals_days).
    dismissed_match_days: int = Field(default=365, ge=1)
    # A "not the same person" decision, counted from when it expired or was revoked.
    ended_dismissals_days: int = Field(default=90, ge=1)
    # A lifted or expired ban's photo, counted from when the ban ended (the rest of the ban is kept longer).
    ban_photos_days: int = Field(default=90, ge=1)
    # A lifted or expired ban, with its alerts and dismissed matches, counted from when it ended.
    ended_bans_days: int = Field(default=365 * 6, ge=1)
    # A closed case with its incident, steps and attachments, counted from when it closed; an incident
    # that never became a case, counted from when it happened. Open cases are never purged.
    cases_days: int = Field(default=365 * 6, ge=1)
    # A letter of a closed case (the PDF sent), counted from when it was written.
    letters_days: int = Field(default=365 * 6, ge=1)
    # A row of the audit log, counted from when it was written; a checkpoint row keeps the chain checkable.
    audit_days: int = Field(default=365 * 7, ge=1)
    # A badge file written by the "file" printer (it shows the visitor's name), counted from when it was
    # written. Badges are valid on the day only; the visit itself is kept for visits_days.
    badge_files_days: int = Field(default=7, ge=1)
    # A draft ban that was never approved, counted from its last change (a draft does not screen anyone).
    draft_bans_days: int = Field(default=180, ge=1)
    # A sent outbox message (an alert email with the visit's reference), counted from when it was sent.
    outbox_sent_days: int = Field(default=30, ge=1)
    # A log file (rotated copies included), counted from its last write.
    log_files_days: int = Field(default=90, ge=1)
    # A subject access export (draft or released), counted from when it was made.
    exports_days: int = Field(default=365, ge=1)
    # A booking of an expected visitor (name, host, notes), counted from the day it was for.
    expected_visits_days: int = Field(default=90, ge=1)
    # A line of the single central record, counted from when its check expired (and was not changed since).
    clearances_days: int = Field(default=365, ge=1)
    # A pupil with their collectors, family password and court orders, counted from the last import or change
    # that named them (a pupil the information system no longer exports has left the school).
    pupils_days: int = Field(default=400, ge=1)
    # A collector held at the door (the child's name as typed, why), counted from when the hold was raised;
    # kept while the visit is still held.
    collection_holds_days: int = Field(default=365, ge=1)
    # A staff member's time on site (sign-in and sign-out at the kiosk), counted from when it ended.
    staff_attendance_days: int = Field(default=365, ge=1)
    # A roll call at the assembly point (who was on site, who was ticked), counted from when it began.
    roll_calls_days: int = Field(default=365, ge=1)


class SmtpSettings(_Section):
    host: str = ""
    port: int = Field(default=587, ge=1, le=65535)
    username: str = ""
    password: str = ""
    starttls: bool = True
    sender: str = ""
    alert_recipients: list[str] = Field(default_factory=list)
    # In a trust of schools: the trust safeguarding lead's address(es), added to the alert e-mail when the
    # visitor is held on a trust ban or a ban for several schools (a school's own bans stay the school's).
    trust_alert_recipients: list[str] = Field(default_factory=list)

    @field_validator("alert_recipients", "trust_alert_recipients")
    @classmethod
    def _addresses(cls, values: list[str]) -> list[str]:
        cleaned = [v.strip() for v in values if v.strip()]
        if values and not cleaned:
            raise ValueError("names no address; list e-mail addresses, or leave it empty for no alert e-mail")
        bad = [v for v in cleaned if "@" not in v or any(c.isspace() for c in v)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not an e-mail address")
        return cleaned


class WebhookSettings(_Section):
    """A Teams or Slack incoming webhook (or any HTTPS endpoint) that alerts are posted to, without names."""

    url: str = ""  # empty: no webhook
    timeout_s: float = Field(default=10.0, ge=1, le=60)

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        from urllib.parse import urlsplit

        v = value.strip()
        if not v:
            return v
        parts = urlsplit(v)
        local = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and local)):
            raise ValueError(f"{value!r} is not an https:// address (plain http only on this computer)")
        return v


class BackupSettings(_Section):
    folder: str = ""  # empty: the user data folder's backups/
    keep: int = Field(default=14, ge=1, le=3650)  # dated copies kept by the nightly backup
    hour: int = Field(default=2, ge=0, le=23)  # local hour of the nightly backup (kiosk timer)


class DatabaseSettings(_Section):
    """PostgreSQL connections of one program (SQLite ignores these): a small pool, plus one LISTEN
    connection per process for the event feed. 150 kiosks and 50 consoles stay within PostgreSQL's
    default max_connections of 100 only if each program holds few; see docs/architecture.md (PgBouncer)."""

    pool_size: int = Field(default=3, ge=1, le=50)  # connections kept open once used
    max_overflow: int = Field(default=2, ge=0, le=50)  # more opened at a peak, closed when returned
    pool_timeout_s: float = Field(default=10.0, gt=0, le=300)  # wait for a free one, then fail with one line
    # Where the event feed's LISTEN connection goes (empty: database_url). Behind PgBouncer in transaction
    # pooling, the PostgreSQL server itself: LISTEN needs a session of its own.
    listen_url: str = ""
    # psycopg prepares a statement run five times on its connection; PgBouncer before 1.21 in transaction
    # pooling cannot follow that (the next transaction may get another server): set false behind one.
    prepared_statements: bool = True

    @field_validator("listen_url")
    @classmethod
    def _postgres_address(cls, v: str) -> str:
        v = v.strip()
        if v and not v.startswith(("postgres://", "postgresql://", "postgresql+psycopg://")):
            raise ValueError("must be a postgresql:// address (the server that takes LISTEN), or empty")
        return v


class OfflineSettings(_Section):
    """A kiosk on PostgreSQL that keeps signing in while the central server cannot be reached
    (kiosk.services.offline, docs/trust.md "Offline"). SQLite has no offline mode."""

    enabled: bool = True
    # Past this age of the local copy of the bans, every sign-in is held for reception.
    max_age_h: float = Field(default=24.0, gt=0, le=24 * 31)
    # How often the local copy is refreshed (besides every change to the ban list the feed reports).
    refresh_min: float = Field(default=5.0, gt=0, le=24 * 60)
    # The local store's file; empty: <data folder>/offline/<kiosk name>.sqlite3.
    path: str = ""


class LoggingSettings(_Section):
    folder: str = ""  # empty: /var/log/kiosk when writable, else the user log folder
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"  # what goes to the log file


StaffRoleName = Literal["receptionist", "safeguarding lead", "head", "administrator"]


_LEAVE_KIOSK_DEFAULT: tuple[StaffRoleName, ...] = ("safeguarding lead", "head", "administrator")
_APPROVE_DEFAULT: tuple[StaffRoleName, ...] = ("head",)


class RolesSettings(_Section):
    """Rows of the role table a school may change (kiosk.domain.permissions.CONFIGURABLE)."""

    # Who may leave the kiosk's full screen with their PIN (not receptionists by default).
    leave_kiosk: list[StaffRoleName] = Field(default_factory=lambda: list(_LEAVE_KIOSK_DEFAULT))
    # Who approves a change that weakens an approved ban (shorter, ended, renamed, alias or site removed).
    approve_ban_changes: list[StaffRoleName] = Field(
        default_factory=lambda: list(_APPROVE_DEFAULT), min_length=1
    )


def _cases_section(value: Any) -> Any:
    """Parse [cases] terms once, into kiosk.domain.cases.Term, before the section is validated."""
    if isinstance(value, dict) and "terms" in value:
        try:
            value = {**value, "terms": parse_terms(value["terms"])}
        except InvalidInput as exc:
            raise ValueError(str(exc).rstrip(".")) from None
    return value


class Settings(_Section):
    """All settings of one installation."""

    database_url: str = ""  # empty: a SQLite file in the user data folder
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    school: SchoolSettings = Field(default_factory=SchoolSettings)
    kiosk: KioskSettings = Field(default_factory=KioskSettings)
    printing: PrintingSettings = Field(default_factory=PrintingSettings)
    retention: RetentionSettings = Field(default_factory=RetentionSettings)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    webhook: WebhookSettings = Field(default_factory=WebhookSettings)
    backup: BackupSettings = Field(default_factory=BackupSettings)
    logging: LoggingSettings = Field(default_factory=LoggingSettings)
    offline: OfflineSettings = Field(default_factory=OfflineSettings)
    # The breach process: the one set of case settings is kiosk.domain.cases.CaseSettings.
    cases: Annotated[CaseSettings, BeforeValidator(_cases_section)] = Field(default_factory=CaseSettings)
    bans_need_approval: bool = True  # a safeguarding lead's ban waits for the head before it screens
    roles: RolesSettings = Field(default_factory=RolesSettings)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.school.time_zone)

    def school_details(self) -> SchoolDetails:
        """The school as letters name it."""
        return SchoolDetails(self.school.name, self.school.address, self.school.head_name)

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the user data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{data_dir() / 'kiosk.sqlite3'}"

    def badge_folder(self) -> Path:
        return Path(self.printing.folder).expanduser() if self.printing.folder else data_dir() / "badges"

    def offline_path(self) -> Path:
        """The kiosk's local store for offline mode: offline.path, else one file per kiosk in the data folder."""
        if self.offline.path:
            return Path(self.offline.path).expanduser()
        slug = "".join(c if c.isalnum() else "-" for c in self.kiosk.name.lower()).strip("-") or "kiosk"
        return data_dir() / "offline" / f"{slug}.sqlite3"

    def backup_folder(self) -> Path:
        """Where backups go: backup.folder, else the user data folder's backups/ (not created here)."""
        return Path(self.backup.folder).expanduser() if self.backup.folder else data_dir() / "backups"


def data_dir() -> Path:
    """The user data folder (created on first use); KIOSK_DATA_DIR overrides it."""
    override = os.environ.get(f"{ENV_PREFIX}DATA_DIR")
    path = Path(override) if override else user_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_settings(
    *, environ: dict[str, str] | None = None, system_file: Path | None = None, user_file: Path | None = None
) -> Settings:
    """Read the settings layers and validate them; raise ConfigError naming the bad setting and its file."""
    merged, origin = read_layers(environ=environ, system_file=system_file, user_file=user_file)
    try:
        return Settings.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(str(p) for p in err["loc"])
        setting = ".".join(loc)
        source = origin.get(loc) or next(
            (origin[k] for k in origin if k[: len(loc)] == loc or loc[: len(k)] == k), "the settings"
        )
        if source == "the environment":
            source = f"the environment ({ENV_PREFIX}{'__'.join(loc).upper()})"
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            message = "unknown setting (check the spelling)"
        raise ConfigError(f"Setting '{setting}' in {source}: {message}") from None


def save_school_settings(
    name: str, accent_colour: str = "", *, logo: str = "", path: Path | None = None
) -> Path:
    """Write the school's name (and accent colour, logo) into the user's kiosk.toml, keeping what else it says.

    Validated first (a bad colour raises ConfigError and writes nothing). Returns the file written.
    """
    values: dict[str, Any] = {"name": name.strip()}
    if accent_colour.strip():
        values["accent_colour"] = accent_colour.strip()
    if logo.strip():
        values["logo"] = logo.strip()
    if not values["name"]:
        raise ConfigError("Please type the school's name.")
    return save_settings_section("school", values, path=path)


_SECTIONS: dict[str, type[_Section]] = {
    "school": SchoolSettings,
    "printing": PrintingSettings,
    "smtp": SmtpSettings,
}


def save_settings_section(section: str, values: dict[str, Any], *, path: Path | None = None) -> Path:
    """Set some keys of one section ([school], [printing] or [smtp]) in the user's kiosk.toml.

    The values are checked against the section's rules first (a bad one raises ConfigError naming it and
    writes nothing); the rest of the file, comments included, stays as it was. The file is replaced whole
    or not at all. Returns the file written.
    """
    import tomlkit

    model = _SECTIONS[section]
    try:
        model.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{section}.{key}: {message}" if key else message) from None
    path = user_config_path() if path is None else path
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    except (OSError, tomlkit.exceptions.ParseError) as exc:
        raise ConfigError(f"{path}: cannot be updated ({exc}); fix or remove the file") from exc
    table = document.get(section)
    if table is None:
        table = tomlkit.table()
        document[section] = table
    for key, value in values.items():
        table[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        # The mail server's section may hold its password: from then on the file is the owner's only
        # (not readable by others even for an instant); a file already private stays so.
        secret = section == "smtp" or (path.exists() and path.stat().st_mode & 0o077 == 0)
        # The replacement keeps the mode the file had (whatever this process's umask is); a new file
        # gets the usual 0644 less the umask.
        keep = 0o600 if secret else (path.stat().st_mode & 0o777 if path.exists() else None)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if secret else 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(tomlkit.dumps(document))
        if keep is not None:
            os.chmod(tmp, keep)
        tmp.replace(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be written ({exc.strerror})") from exc
    return path
