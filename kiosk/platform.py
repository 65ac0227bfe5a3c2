"""File permissions: the database, its WAL/SHM, backups, logs, letters, badges and the audit key are never
readable by everyone on the machine.

Two modes of install:

- **single user** (the README's quick start, a developer's machine): owner only, files 0600 and folders
  0700;
- **shared** (the Linux installer: kiosk and console run as different users in the programs' group
  ``kiosk``): files 0660 and folders 2770 (set-group-id, so new files keep the group), the audit key
  0640 (the group reads it, nobody writes it after set-up).

Which one applies is read from the folder a file lives in: a folder that is group-writable and
set-group-id (as the installer makes ``/var/lib/kiosk``) is shared; anything else is single-user.

On Windows the same intent is written as an ACL (the owner, plus SYSTEM and Administrators, with inheritance
turned off) through ``icacls``. **Not tested on Windows.**
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

IS_WINDOWS = sys.platform == "win32"
OWNER_FILE, OWNER_DIR = 0o600, 0o700
SHARED_FILE, SHARED_DIR, SHARED_KEY = 0o660, 0o2770, 0o640
# The umask the programs run under: nothing for "other", and the group may not write unless shared.
SAFE_UMASK = 0o007


def is_shared_folder(folder: Path) -> bool:
    """Whether a folder was set up by the installer for the programs' group (group rwx and set-group-id)."""
    if IS_WINDOWS:
        return False
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & stat.S_ISGID) and (mode & 0o070) == 0o070


def file_mode(path: Path, *, key: bool = False) -> int:
    """The mode a private file at ``path`` should have, from the folder it is in."""
    if is_shared_folder(path.parent):
        return SHARED_KEY if key else SHARED_FILE
    return OWNER_FILE


def dir_mode(path: Path) -> int:
    """The mode a private folder should have: shared (2770) when its parent is shared, else 0700."""
    return SHARED_DIR if is_shared_folder(path.parent) else OWNER_DIR


def set_umask() -> int:
    """Make files created from now on never world-readable (umask 007); returns the old umask."""
    if IS_WINDOWS:
        return 0
    old = os.umask(SAFE_UMASK)
    os.umask(old | SAFE_UMASK)
    return old


def make_private_dir(path: Path) -> Path:
    """Create a folder (and its parents) not readable by others; tighten an existing one."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    restrict_dir(path)
    return path


def _ours(st: os.stat_result) -> bool:
    # Never change a folder we do not own, nor a shared scratch folder such as /tmp (sticky bit).
    return st.st_uid == os.getuid() and not st.st_mode & stat.S_ISVTX


def restrict_dir(path: Path) -> None:
    """Take every permission for "other" off a folder of ours (and keep a shared folder shared)."""
    if IS_WINDOWS:
        _windows_owner_only(path, folder=True)
        return
    with contextlib.suppress(OSError):
        st = path.stat()
        if not _ours(st):
            return
        mode = stat.S_IMODE(st.st_mode)
        wanted = SHARED_DIR if is_shared_folder(path) else (mode & 0o7770 & ~0o077) | 0o700
        if mode != wanted:
            os.chmod(path, wanted)


def restrict_file(path: Path, *, key: bool = False) -> None:
    """Set a private file's mode (owner only, or the programs' group in a shared folder)."""
    if IS_WINDOWS:
        _windows_owner_only(path, folder=False)
        return
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    if st.st_uid != os.getuid() and os.getuid() != 0:
        # Another user's file in the programs' shared folder (the kiosk's log, written by a receptionist's
        # console): only its owner may change its mode, and its owner's programs keep it private.
        return
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, file_mode(path, key=key))


def restrict_database(path: Path) -> None:
    """The SQLite database and its -wal, -shm and -journal files: private (call where it is created)."""
    for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        if p.exists():
            restrict_file(p)


def open_private(path: Path, flags: int, *, key: bool = False) -> int:
    """os.open with a private creation mode, whatever the umask; the caller closes the descriptor."""
    fd = os.open(path, flags, file_mode(path, key=key))
    if not IS_WINDOWS:
        with contextlib.suppress(OSError):
            os.fchmod(fd, file_mode(path, key=key))
    else:  # pragma: no cover - not tested on Windows
        _windows_owner_only(path, folder=False)
    return fd


def write_private(path: Path, data: bytes, *, key: bool = False) -> None:
    """Write a whole file, created private (never world-readable, not even for an instant)."""
    partial = path.with_name(path.name + ".partial")
    fd = open_private(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, key=key)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(partial, path)


@dataclass(frozen=True)
class LoosePath:
    """A file or folder that others may read (or the group may, where it should not)."""

    path: Path
    mode: int
    why: str

    def describe(self) -> str:
        return f"{self.path} is {self.mode:04o} ({self.why})"


def loose(path: Path, *, key: bool = False) -> LoosePath | None:
    """Whether a private file or folder is readable by more people than it should be."""
    if IS_WINDOWS:  # pragma: no cover - the ACL check is not written; icacls output is locale-dependent
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o007:
        return LoosePath(path, mode, "others can read or change it")
    if key and mode & 0o022:
        return LoosePath(path, mode, "the audit key must not be writable by the group")
    if stat.S_ISDIR(st.st_mode):
        if mode & 0o070 and not is_shared_folder(path):
            return LoosePath(path, mode, "the group has access but the folder is not set up as shared (2770)")
    elif mode & 0o070 and not is_shared_folder(path.parent):
        return LoosePath(path, mode, "the group can read it but its folder is not shared (2770)")
    return None


# ---------------------------------------------------------------- Windows


def _windows_owner_only(path: Path, *, folder: bool) -> None:  # pragma: no cover - not tested on Windows
    """Owner, SYSTEM and Administrators only, with inherited permissions removed. NOT TESTED ON WINDOWS."""
    user = os.environ.get("USERNAME", "")
    if not user:
        return
    grant = "(OI)(CI)F" if folder else "F"
    cmd = [
        "icacls",
        str(path),
        "/inheritance:r",
        "/grant:r",
        f"{user}:{grant}",
        "/grant:r",
        f"*S-1-5-18:{grant}",  # SYSTEM
        "/grant:r",
        f"*S-1-5-32-544:{grant}",  # Administrators
    ]
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(cmd, capture_output=True, check=False, timeout=30)
