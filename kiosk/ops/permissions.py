"""The installation's private folders and files as a whole: which they are, making them private at start,
and finding the loose ones for `kiosk doctor`. The single-file rules are in kiosk.platform."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from kiosk.platform import (
    SAFE_UMASK,
    LoosePath,
    is_shared_folder,
    is_windows,
    loose,
    restrict_dir,
    restrict_file,
)

# ---------------------------------------------------------------- the whole installation

_OWN_NAMES = re.compile(
    r"^(kiosk-|before-restore-)\d{8}-\d{6}.*|\d{8}-\d{6}-\d{6}-.*\.(pdf|png)|.*\.log(\.\d+)?|person-.*\.(pdf|json)$"
)


def private_paths(settings) -> tuple[list[Path], list[Path]]:
    """(folders, files) that hold personal data for this installation: never world-readable."""
    from kiosk.config import data_dir
    from kiosk.ops.backup import sqlite_path
    from kiosk.ops.logs import log_folder

    folders: list[Path] = [
        data_dir(),
        settings.backup_folder(),
        settings.badge_folder(),
        log_folder(settings),
    ]
    files: list[Path] = []
    db = sqlite_path(settings.resolved_database_url())
    if db is not None:
        files += [db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))]
        records = db.with_name(db.name + ".records")
    else:
        records = data_dir() / "records"
    folders.append(records)
    # Offline mode's local store (a copy of the bans, a queue of sign-ins): kiosk.db.offline.
    offline = settings.offline_path()
    folders.append(offline.parent)
    files += [offline, *(offline.with_name(offline.name + s) for s in ("-wal", "-shm", "-journal"))]
    for folder in list(folders):
        with contextlib.suppress(OSError):
            if folder.is_dir():
                for p in folder.iterdir():
                    if p.is_file() and (_OWN_NAMES.match(p.name) or folder == records or p.suffix == ".key"):
                        files.append(p)
                    elif p.is_dir() and folder == records.parent and p.name.endswith(".records"):
                        folders.append(p)
    return folders, files


def umask_for(settings) -> None:
    """The umask of every program: 077 (owner only), or 007 where the database folder is shared."""
    from kiosk.ops.backup import sqlite_path

    db = sqlite_path(settings.resolved_database_url())
    shared = db is not None and is_shared_folder(db.parent)
    if not is_windows():
        os.umask(SAFE_UMASK if shared else 0o077)


def secure_install(settings) -> None:
    """At every start: a safe umask, and the installation's own folders and files made private."""
    umask_for(settings)
    folders, files = private_paths(settings)
    for folder in folders:
        if folder.is_dir():
            restrict_dir(folder)
    for path in files:
        if path.is_file():
            # restrict_file leaves another user's file to its owner (kiosk.platform.may_change).
            with contextlib.suppress(OSError):
                restrict_file(path, key=path.suffix == ".key")


def loose_paths(settings) -> list[LoosePath]:
    """Every private folder or file of the installation that is readable by more people than it should be."""
    folders, files = private_paths(settings)
    found = [lp for p in folders if (lp := loose(p)) is not None]
    found += [lp for p in files if (lp := loose(p, key=p.suffix == ".key")) is not None]
    return found


# ---------------------------------------------------------------- checking (kiosk doctor)
