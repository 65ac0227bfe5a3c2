"""kiosk.platform: what differs on Windows, with Windows faked (``SYSTEM = "win32"``); not tested on Windows.

The Windows branches cannot run here, so ``icacls`` is the one thing replaced (by a recorder): every other
call is the real one on real files. The POSIX branches run for real, including the one ownership rule.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PureWindowsPath

import pytest

from kiosk import platform


@pytest.fixture
def windows(monkeypatch):
    """Pretend to be Windows; icacls calls are recorded instead of run."""
    calls: list[list[str]] = []

    def run(cmd, **_kwargs):
        calls.append(list(cmd))

    monkeypatch.setattr(platform, "SYSTEM", "win32")
    monkeypatch.setattr(platform.subprocess, "run", run)
    monkeypatch.setenv("USERNAME", "reception")
    return calls


def _win(path: Path) -> PureWindowsPath:
    return PureWindowsPath(str(path))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---------------------------------------------------------------- folders


def test_folders_on_linux():
    assert not platform.is_windows()
    assert platform.system_config_path() == Path("/etc/kiosk/kiosk.toml")
    assert platform.shared_data_dir() == Path("/var/lib/kiosk")
    assert platform.system_log_dir() == Path("/var/log/kiosk")
    assert platform.user_data_dir().parts[-1] == "kiosk"


def test_folders_on_windows_are_under_programdata(windows):
    env = {"ProgramData": "D:\\ProgramData"}
    assert _win(platform.system_config_path(env)) == PureWindowsPath(r"D:\ProgramData\Kiosk\kiosk.toml")
    assert _win(platform.shared_data_dir(env)) == PureWindowsPath(r"D:\ProgramData\Kiosk")
    assert _win(platform.system_log_dir(env)) == PureWindowsPath(r"D:\ProgramData\Kiosk\logs")
    # Without the variable (a service started with an empty environment): the standard place.
    assert _win(platform.shared_data_dir({})) == PureWindowsPath(r"C:\ProgramData\Kiosk")


# ---------------------------------------------------------------- printing and the window


def test_print_system(windows, monkeypatch):
    assert platform.print_system() == "spooler"
    monkeypatch.setattr(platform, "SYSTEM", "linux")
    assert platform.print_system() == "cups"


def test_a_named_printer_on_windows_goes_through_the_spooler(windows):
    from kiosk.config import Settings
    from kiosk.printing.printers import CupsPrinter, build_backend
    from kiosk.printing.qtprint import QtPrinter

    settings = Settings()
    settings.printing.printer = "DYMO LabelWriter 450"
    backend = build_backend(settings)
    assert isinstance(backend, QtPrinter) and backend.name == "DYMO LabelWriter 450"
    platform.SYSTEM = "linux"
    assert isinstance(build_backend(settings), CupsPrinter)


@pytest.mark.parametrize("system", ["win32", "linux"])
def test_the_kiosk_window_has_no_frame_and_stays_on_top(monkeypatch, system):
    from PySide6.QtCore import Qt

    from kiosk.ui.kiosk.main import kiosk_window_flags

    monkeypatch.setattr(platform, "SYSTEM", system)
    flags = kiosk_window_flags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert not flags & Qt.WindowType.WindowCloseButtonHint


# ---------------------------------------------------------------- file permissions on Windows


def test_a_private_file_on_windows_gets_an_owner_only_acl(windows, tmp_path):
    path = tmp_path / "kiosk.sqlite3"
    path.write_bytes(b"x")
    os.chmod(path, 0o644)
    platform.restrict_file(path)
    assert windows == [
        [
            "icacls",
            str(path),
            "/inheritance:r",
            "/grant:r",
            "reception:F",
            "/grant:r",
            "*S-1-5-18:F",
            "/grant:r",
            "*S-1-5-32-544:F",
        ]
    ]
    assert _mode(path) == 0o644, "Windows has no POSIX modes: nothing is chmod-ed there"


def test_a_private_folder_on_windows_is_inherited_by_what_it_holds(windows, tmp_path):
    platform.make_private_dir(tmp_path / "backups")
    (cmd,) = windows
    assert cmd[:3] == ["icacls", str(tmp_path / "backups"), "/inheritance:r"]
    assert "reception:(OI)(CI)F" in cmd and "*S-1-5-18:(OI)(CI)F" in cmd


def test_write_private_on_windows_protects_the_file_before_it_has_data(windows, tmp_path):
    path = tmp_path / "audit.key"
    platform.write_private(path, b"secret", key=True)
    assert path.read_bytes() == b"secret"
    assert [c[1] for c in windows] == [str(tmp_path / "audit.key.partial")]


def test_the_shared_folder_on_windows_keeps_the_installers_rights(windows, monkeypatch, tmp_path):
    """An owner-only ACL in %ProgramData%\\Kiosk would lock the console's account out of the kiosk's database."""
    monkeypatch.setenv("ProgramData", str(tmp_path / "ProgramData"))
    shared = tmp_path / "ProgramData" / "Kiosk"
    backups = shared / "backups"
    backups.mkdir(parents=True)
    assert platform.is_shared_folder(shared) and platform.is_shared_folder(backups)
    database = shared / "kiosk.sqlite3"
    database.write_bytes(b"x")
    platform.restrict_database(database)
    platform.restrict_dir(backups)
    platform.write_private(shared / "audit.key", b"k", key=True)
    assert windows == [], "everything in the shared folder inherits its rights"
    own = tmp_path / "LocalAppData" / "kiosk"
    platform.make_private_dir(own)
    platform.write_private(own / "person-export.json", b"{}")
    assert [c[1] for c in windows] == [str(own), str(own / "person-export.json.partial")]
    assert not platform.is_shared_folder(tmp_path / "ProgramData" / "Kiosk2")


def test_windows_needs_no_posix_calls(windows, monkeypatch, tmp_path):
    """On Windows os.getuid and a meaningful umask do not exist: no branch may reach for them."""
    monkeypatch.delattr(os, "getuid")
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o2770)
    assert not platform.is_shared_folder(folder)
    assert platform.may_change(folder.stat())
    old = os.umask(0o022)
    try:
        assert platform.set_umask() == 0
        assert os.umask(0o022) == 0o022, "the umask is left alone"
    finally:
        os.umask(old)
    assert platform.loose(folder) is None  # the ACL check is not written (icacls output is localised)


def test_secure_install_on_windows_goes_through_icacls_only(windows, monkeypatch, tmp_path):
    from kiosk.config import Settings
    from kiosk.ops.permissions import secure_install

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delattr(os, "getuid")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}")
    settings.logging.folder = str(tmp_path / "data" / "logs")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kiosk.sqlite3").write_bytes(b"x")
    secure_install(settings)
    touched = {c[1] for c in windows}
    assert str(tmp_path / "data") in touched
    assert str(tmp_path / "data" / "kiosk.sqlite3") in touched


def test_doctor_does_not_claim_to_check_windows_acls(windows, tmp_path, monkeypatch):
    from kiosk.config import Settings
    from kiosk.ops.doctor import check_permissions

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    line = check_permissions(Settings(database_url=f"sqlite:///{tmp_path / 'k.sqlite3'}")).line()
    assert line.startswith("file permissions: not checked")


# ---------------------------------------------------------------- the one ownership rule (POSIX, real)


@pytest.mark.parametrize(
    ("uid", "changed"),
    [("own", True), ("other", False), ("root", True)],
)
def test_files_and_folders_follow_one_ownership_rule(monkeypatch, tmp_path, uid, changed):
    """A path is changed by its owner or by root, and left alone by anyone else: files and folders alike."""
    folder = tmp_path / "badges"
    folder.mkdir()
    path = folder / "20260101-101500-000000-badge-ABC123.pdf"
    path.write_bytes(b"%PDF")
    os.chmod(folder, 0o755)
    os.chmod(path, 0o644)
    owner = path.stat().st_uid
    fake = {"own": owner, "other": owner + 4242, "root": 0}[uid]
    monkeypatch.setattr(os, "getuid", lambda: fake)
    assert platform.may_change(path.stat()) is changed
    assert platform.may_change(folder.stat()) is changed
    platform.restrict_file(path)
    platform.restrict_dir(folder)
    assert _mode(path) == (0o600 if changed else 0o644)
    assert _mode(folder) == (0o700 if changed else 0o755)


def test_a_shared_scratch_folder_is_never_changed_even_by_root(monkeypatch, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    os.chmod(scratch, 0o1777)
    monkeypatch.setattr(os, "getuid", lambda: 0)
    assert not platform.may_change(scratch.stat())
    platform.restrict_dir(scratch)
    assert _mode(scratch) == 0o1777


# ---------------------------------------------------------------- memory (glibc)


def test_on_linux_the_arena_limit_is_set_and_the_heap_trimmed(monkeypatch):
    """The real glibc calls: mallopt accepts the limit (it answers 1) and malloc_trim runs."""
    assert platform.SYSTEM == "linux"
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert platform.limit_malloc_arenas() is True
    assert platform.trim_memory() is True


def test_an_arena_limit_given_in_the_environment_is_left_alone(monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert platform.limit_malloc_arenas() is False


def test_memory_calls_do_nothing_on_windows(windows):
    assert platform.limit_malloc_arenas() is False
    assert platform.trim_memory() is False
    assert windows == []
