"""What differs between Linux and Windows, in one place: file permissions, data and settings folders, the
print system, and the kiosk window's flags. Everything else in the program asks here.

**The Windows branches are unit-tested with the platform faked (``SYSTEM`` set to ``"win32"``) and are not
tested on Windows.**

File permissions: the database, its WAL/SHM, backups, logs, letters, badges and the audit key are never
readable by everyone on the machine. Two modes of install:

- **single user** (the README's quick start, a developer's machine): owner only, files 0600 and folders
  0700;
- **shared** (the Linux installer: kiosk and console run as different users in the programs' group
  ``kiosk``): files 0660 and folders 2770 (set-group-id, so new files keep the group), the audit key
  0640 (the group reads it, nobody writes it after set-up).

Which one applies is read from the folder a file lives in: a folder that is group-writable and
set-group-id (as the installer makes ``/var/lib/kiosk``) is shared; anything else is single-user.
One rule says whose paths a program changes (``may_change``): its own, or any if it runs as root, and never
a shared scratch folder such as ``/tmp`` (sticky bit); another user's file is left to its owner.

On Windows the same intent is written as an ACL (the owner, plus SYSTEM and Administrators, with inheritance
turned off) through ``icacls``; a shared install's folder (``%ProgramData%\\Kiosk``) gets its rights from
the installer (installer/windows/README.md).

Folders: the settings file every program reads first is ``/etc/kiosk/kiosk.toml`` on Linux and
``%ProgramData%\\Kiosk\\kiosk.toml`` on Windows; the shared install's data folder is ``/var/lib/kiosk``
or ``%ProgramData%\\Kiosk``; a single user's data folder is platformdirs' (``~/.local/share/kiosk``,
``%LOCALAPPDATA%\\kiosk``).

Printing: CUPS (``lp``, ``lpstat``) on Linux; the Windows spooler, through Qt's print support, on Windows.

Memory (Linux with glibc only; nothing elsewhere): ``limit_malloc_arenas`` before the kiosk starts its
threads (glibc gives each thread its own malloc arena, which keeps freed memory of its own), and
``trim_memory`` after big transient work (the warm-up: the screening index, the policy's layout) hands
the freed heap back to the system.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# The operating system the program runs on, as sys.platform names it; tests set "win32" to fake Windows.
SYSTEM = sys.platform


def is_windows() -> bool:
    """Whether the program runs on Windows (read at each call, so tests can fake it)."""
    return SYSTEM == "win32"


OWNER_FILE, OWNER_DIR = 0o600, 0o700
SHARED_FILE, SHARED_DIR, SHARED_KEY = 0o660, 0o2770, 0o640
# The umask the programs run under: nothing for "other", and the group may not write unless shared.
SAFE_UMASK = 0o007


# ---------------------------------------------------------------- folders


def user_data_dir() -> Path:
    """A single user's data folder: ~/.local/share/kiosk, or %LOCALAPPDATA%\\kiosk (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("kiosk", appauthor=False))


def user_config_dir() -> Path:
    """A single user's settings folder: ~/.config/kiosk, or %LOCALAPPDATA%\\kiosk (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("kiosk", appauthor=False))


def user_log_dir() -> Path:
    """A single user's log folder: ~/.local/state/kiosk/log, or %LOCALAPPDATA%\\kiosk\\Logs (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_log_dir("kiosk", appauthor=False))


def system_config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The settings file every program reads before the user's: /etc/kiosk, or %ProgramData%\\Kiosk."""
    if is_windows():
        return shared_data_dir(environ) / "kiosk.toml"
    return Path("/etc/kiosk/kiosk.toml")


def system_log_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The shared install's log folder: /var/log/kiosk, or %ProgramData%\\Kiosk\\logs."""
    if is_windows():
        return shared_data_dir(environ) / "logs"
    return Path("/var/log/kiosk")


def shared_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The shared install's data folder (the kiosk and console users' database, backups and logs)."""
    if is_windows():
        env = os.environ if environ is None else environ
        return Path(env.get("ProgramData") or env.get("PROGRAMDATA") or "C:\\ProgramData") / "Kiosk"
    return Path("/var/lib/kiosk")


# ---------------------------------------------------------------- printing and the window


def print_system() -> str:
    """How printers are reached: "cups" (lp and lpstat) or "spooler" (Windows, through Qt's print support)."""
    return "spooler" if is_windows() else "cups"


def kiosk_window_flags() -> tuple[str, ...]:
    """The Qt.WindowType names of the full-screen kiosk window (the UI turns them into flags).

    The same on both systems: no title bar and no close button (only the staff PIN leaves the kiosk), and
    on top of anything else that opens (Windows toasts and update prompts; another X11 window on a Linux
    desktop; under cage there is nothing else). Decided here so that a system that needs other flags
    changes one place.
    """
    return ("FramelessWindowHint", "WindowStaysOnTopHint")


# ---------------------------------------------------------------- memory (glibc)

# mallopt's parameter number for the arena limit (glibc's malloc.h: M_ARENA_MAX -8).
M_ARENA_MAX = -8
# The kiosk's arenas: the GUI thread's and one for every other thread (the worker, Qt's own).
KIOSK_MALLOC_ARENAS = 2
_libc_handle: object | None = None


def _glibc():
    """glibc through ctypes, or None (not Linux, or another C library such as musl)."""
    global _libc_handle
    if SYSTEM != "linux":
        return None
    if _libc_handle is None:
        import ctypes

        try:
            lib = ctypes.CDLL("libc.so.6")
            lib.mallopt.argtypes, lib.mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
            lib.malloc_trim.argtypes, lib.malloc_trim.restype = [ctypes.c_size_t], ctypes.c_int
        except (OSError, AttributeError):
            _libc_handle = False
        else:
            _libc_handle = lib
    return _libc_handle or None


def limit_malloc_arenas(arenas: int = KIOSK_MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas (call before threads start); False where there is no glibc to ask.

    MALLOC_ARENA_MAX in the environment (set by whoever starts the program) wins: it is left alone.
    """
    lib = _glibc()
    if lib is None or os.environ.get("MALLOC_ARENA_MAX"):
        return False
    return bool(lib.mallopt(M_ARENA_MAX, arenas))


def trim_memory() -> bool:
    """Give the heap that freed objects left back to the system (glibc's malloc_trim); False elsewhere."""
    lib = _glibc()
    if lib is None:
        return False
    lib.malloc_trim(0)
    return True


# ---------------------------------------------------------------- file permissions


def is_shared_folder(folder: Path) -> bool:
    """Whether a folder was set up by the installer for the programs' group (group rwx and set-group-id).

    On Windows: whether it is (inside) the shared install's folder, %ProgramData%\\Kiosk, whose rights
    (the kiosk account and reception staff: Modify) the installer set and everything in it inherits.
    """
    if is_windows():
        shared = os.path.normcase(os.path.abspath(shared_data_dir()))
        inside = os.path.normcase(os.path.abspath(folder))
        return inside == shared or inside.startswith(shared.rstrip("\\/") + os.sep)
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
    if is_windows():
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


def may_change(st: os.stat_result) -> bool:
    """Whether this program may change the mode of the file or folder with this stat: the one rule.

    Its own paths, or any if it runs as root (the installer, a restore run with sudo); never another
    user's (the kiosk's log in the shared folder, written by a receptionist's console: its owner keeps it
    private), and never a shared scratch folder such as /tmp (sticky bit), whoever runs. On Windows the
    ACL call itself refuses what the program may not change, so the answer is always yes.
    """
    if is_windows():
        return True
    if stat.S_ISDIR(st.st_mode) and st.st_mode & stat.S_ISVTX:
        return False
    uid = os.getuid()
    return st.st_uid == uid or uid == 0


def restrict_dir(path: Path) -> None:
    """Take every permission for "other" off a folder of ours (and keep a shared folder shared)."""
    if is_windows():
        # Owner only, unless the folder is shared: an owner-only ACL there would lock reception out.
        if not is_shared_folder(path):
            _windows_owner_only(path, folder=True)
        return
    with contextlib.suppress(OSError):
        st = path.stat()
        if not may_change(st):
            return
        mode = stat.S_IMODE(st.st_mode)
        wanted = SHARED_DIR if is_shared_folder(path) else (mode & 0o7770 & ~0o077) | 0o700
        if mode != wanted:
            os.chmod(path, wanted)


def restrict_file(path: Path, *, key: bool = False) -> None:
    """Set a private file's mode (owner only, or the programs' group in a shared folder)."""
    if is_windows():
        # In the shared folder the file inherits the installer's rights (the console opens the kiosk's database).
        if not is_shared_folder(path.parent):
            _windows_owner_only(path, folder=False)
        return
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    if not may_change(st):
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
    if is_windows():
        if not is_shared_folder(path.parent):
            _windows_owner_only(path, folder=False)
    else:
        with contextlib.suppress(OSError):
            os.fchmod(fd, file_mode(path, key=key))
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
    if is_windows():  # the ACL check is not written: icacls output is locale-dependent
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


def _windows_owner_only(path: Path, *, folder: bool) -> None:
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
