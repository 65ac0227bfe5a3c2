"""Log files: rotating files in one folder, with personal data kept out of them.

Where: ``[logging] folder`` when set; else ``/var/log/kiosk`` (Windows: ``%ProgramData%\\Kiosk\\logs``) when it exists and this user may write
to it (the Linux installer makes it, group ``kiosk``, setgid); else, when ``KIOSK_DATA_DIR`` is set (a
demo, a test), its ``logs/``; else the platformdirs user log folder. A folder that cannot be written
never stops the program: it logs to standard error only.

Each program writes its own file (``kiosk.log`` for the visitor kiosk, ``console.log``, ``cli.log``
for the other commands) because RotatingFileHandler is not safe when two processes rotate one file.

The rule for every log call in ``kiosk/``: **log ids, never personal data.** A visit, ban, alert or
staff record is named by its id (``visit %s``), never by the visitor's name, date of birth, child's
name, address, e-mail or telephone number; free text a person typed (a name, a reason, a note) is
never logged, and neither is an exception message that may quote it — log the exception's class or
the id instead. Log files are kept for weeks on a shared PC and copied into support tickets, which
is exactly where a ban list or a child's name must not end up.

As a safety net, :class:`RedactingFilter` masks e-mail addresses and telephone numbers, and text in
quotes inside messages of the loggers that handle visitor input, before any handler writes them.
It cannot recognise a bare name, so the rule above still matters.
"""

from __future__ import annotations

import getpass
import logging
import logging.handlers
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.platform import system_log_dir

if TYPE_CHECKING:
    from kiosk.config import Settings

# /var/log/kiosk, or %ProgramData%\Kiosk\logs on Windows (kiosk.platform).
SYSTEM_LOG_DIR = system_log_dir()
LOG_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5  # 6 files of 2 MB per program: weeks of a busy kiosk, bounded on a small disk

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers as people type them: 07700 900123, +44 7700 900123, (01632) 960 001.
_PHONE = re.compile(r"(?<!\w)(?:\+44\s?|\(?0)\d[\d\s()-]{7,}\d(?!\w)")
# A quoted string in a message from code that handles what visitors type (an InvalidInput message
# usually quotes the offending text).
_QUOTED = re.compile(r"(['\"\u2018\u201c])[^'\"\u2019\u201d]{1,200}(['\"\u2019\u201d])")
_QUOTE_SENSITIVE = ("kiosk.ui.kiosk", "kiosk.services.visits", "kiosk.screening", "kiosk.alerts.email")

_HANDLER_MARK = "_kiosk_ops_handler"


class RedactingFilter(logging.Filter):
    """Masks e-mail addresses and phone numbers (and quoted text from visitor-facing code) in records."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must still be logged, not lost
            return True
        redacted = redact(message, quoted=record.name.startswith(_QUOTE_SENSITIVE))
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def redact(text: str, *, quoted: bool = False) -> str:
    """``text`` with e-mail addresses and phone numbers (and, if ``quoted``, quoted text) masked."""
    text = _EMAIL.sub("[email]", text)
    text = _PHONE.sub("[phone]", text)
    if quoted:
        text = _QUOTED.sub(r"\1…\2", text)
    return text


def program_name(argv: list[str] | None = None) -> str:
    """The log file's stem for this process: kiosk (the visitor kiosk), console, or cli."""
    args = [a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-")]
    if not args:
        return "kiosk"
    return "console" if args[0] == "console" else "cli"


def log_folder(settings: Settings | None) -> Path:
    """The folder log files go to (see the module docstring for the order); not created here."""
    if settings is not None and settings.logging.folder:
        return Path(settings.logging.folder).expanduser()
    if SYSTEM_LOG_DIR.is_dir() and os.access(SYSTEM_LOG_DIR, os.W_OK | os.X_OK):
        return SYSTEM_LOG_DIR
    override = os.environ.get("KIOSK_DATA_DIR")
    if override:
        return Path(override) / "logs"
    from kiosk.platform import user_log_dir

    return user_log_dir()


def setup_logging(
    settings: Settings | None, verbose: bool = False, *, program: str | None = None
) -> Path | None:
    """Log WARNING (INFO with ``verbose``) to standard error and ``logging.level`` to a rotating file.

    Returns the log file's path, or None when no folder could be written (standard error only).
    Calling it again replaces the handlers it added before, so tests may call it freely.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            root.removeHandler(handler)
            handler.close()
    redactor = RedactingFilter()
    formatter = logging.Formatter(LOG_FORMAT)

    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    console.setFormatter(formatter)
    console.addFilter(redactor)
    setattr(console, _HANDLER_MARK, True)
    root.addHandler(console)

    file_level = logging.DEBUG if verbose else logging.INFO
    if settings is not None:
        file_level = min(file_level, logging.getLevelName(settings.logging.level))
    path = _open_file_handler(root, log_folder(settings), program or program_name(), file_level, formatter)
    root.setLevel(min(console.level, file_level))
    # Libraries' chatter at INFO (SQLAlchemy's engine, Alembic's "running upgrade") is not ours to keep.
    for noisy in ("sqlalchemy", "alembic", "PIL", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


def _open_file_handler(
    root: logging.Logger, folder: Path, program: str, level: int, formatter: logging.Formatter
) -> Path | None:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        user = "unknown"
    # In the shared system folder a file made by another user (the kiosk account) may not be ours to
    # append to; then this user gets a file of its own.
    for name in (f"{program}.log", f"{program}-{user}.log"):
        path = folder / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=False
            )
        except OSError:
            continue
        from kiosk.platform import restrict_dir, restrict_file

        restrict_dir(folder)
        restrict_file(path)  # log lines name kiosks and record ids: never world-readable
        handler.setLevel(level)
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter())
        setattr(handler, _HANDLER_MARK, True)
        root.addHandler(handler)
        return path
    return None


def remove_old_log_files(folder: Path, before: datetime) -> int:
    """Delete this program's log files (``*.log`` and rotated ``*.log.N``) last written before ``before``."""
    import re

    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.iterdir():
        if not path.is_file() or not re.fullmatch(r"[A-Za-z0-9_.-]+\.log(\.\d+)?", path.name):
            continue
        try:
            if datetime.fromtimestamp(path.stat().st_mtime, UTC) < before:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed
