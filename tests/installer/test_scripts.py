"""The Linux installer: shellcheck-clean scripts, units systemd accepts, and an install into a temp root."""

from __future__ import annotations

import configparser
import hashlib
import os
import shutil
import stat
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installer" / "linux"
SCRIPTS = sorted(
    [
        *ROOT.joinpath("installer").rglob("*.sh"),
        ROOT / ".ci" / "installer-setup.sh",
        ROOT / ".ci" / "booted-root.sh",
    ]
)
UNITS = ["kiosk.service", "kiosk-backup.service", "kiosk-backup.timer"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/installer-setup.sh installs it)")
    return path


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_shellcheck(script):
    result = subprocess.run(
        [_tool("shellcheck"), "--severity=style", str(script)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert script.read_text().startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script.read_text()
    assert os.access(script, os.X_OK)


@pytest.fixture
def fake_bundle(tmp_path) -> Path:
    """A stand-in for dist/kiosk: the installer only copies it and points the units at it."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "kiosk").write_text('#!/bin/sh\necho kiosk "$@"\n')
    (bundle / "kiosk").chmod(0o755)
    (bundle / "_internal" / "data.txt").write_text("data")
    return bundle


def _templated_units(tmp_path: Path, binary: Path) -> list[Path]:
    out = tmp_path / "units"
    out.mkdir()
    paths = []
    for name in UNITS:
        text = (LINUX / name).read_text().replace("/opt/kiosk/kiosk", str(binary))
        (out / name).write_text(text)
        paths.append(out / name)
    return paths


def test_units_pass_systemd_analyze_verify(tmp_path, fake_bundle):
    analyze = _tool("systemd-analyze")
    _tool("cage")  # kiosk.service runs /usr/bin/cage, which verify checks exists
    units = _templated_units(tmp_path, fake_bundle / "kiosk")
    result = subprocess.run(
        [analyze, "verify", *map(str, units)], capture_output=True, text=True, cwd=units[0].parent
    )
    # verify exits 0 on mere warnings (an unknown key), so any output at all is a failure too.
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), (
        result.stdout + result.stderr
    )


def test_systemd_analyze_catches_a_missing_program(tmp_path):
    """The check above means something: a unit whose program is missing fails verify."""
    analyze = _tool("systemd-analyze")
    units = _templated_units(tmp_path, tmp_path / "missing" / "kiosk")
    backup = next(u for u in units if u.name == "kiosk-backup.service")
    result = subprocess.run(
        [analyze, "verify", str(backup)], capture_output=True, text=True, cwd=backup.parent
    )
    assert result.returncode != 0 and "not executable" in result.stderr


def test_kiosk_unit_restarts_and_runs_cage_locked_down():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(LINUX / "kiosk.service")
    service = unit["Service"]
    assert service["Restart"] == "always"
    assert service["ExecStart"].startswith("/usr/bin/cage ") and service["ExecStart"].endswith(
        "/opt/kiosk/kiosk"
    )
    assert " -s " not in f" {service['ExecStart']} "  # no VT switching out of the kiosk
    assert service["User"] == "kiosk" and service["NoNewPrivileges"] == "yes"
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"
    timer = configparser.ConfigParser(interpolation=None)
    timer.optionxform = str
    timer.read(LINUX / "kiosk-backup.timer")
    assert timer["Timer"]["Persistent"] == "true"


def _tree(root: Path) -> dict[str, tuple[int, str]]:
    """Every path under root with its mode and content hash (or link target)."""
    out = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode):
            what = "-> " + os.readlink(path)
        elif stat.S_ISDIR(st.st_mode):
            what = "dir"
        else:
            what = hashlib.sha256(path.read_bytes()).hexdigest()
        out[str(path.relative_to(root))] = (stat.S_IMODE(st.st_mode), what)
    return out


def _install(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DESTDIR"}
    return subprocess.run(["bash", str(LINUX / "install.sh"), *args], capture_output=True, text=True, env=env)


def test_install_into_a_temp_root(tmp_path, fake_bundle):
    root = tmp_path / "root"
    first = _install("--root", str(root), "--bundle", str(fake_bundle), "--backup-hour", "3", "--keep", "10")
    assert first.returncode == 0, first.stderr

    # The bundle, and the wrapper that sets the group-friendly umask.
    assert (root / "opt/kiosk/kiosk").read_text() == (fake_bundle / "kiosk").read_text()
    assert (root / "opt/kiosk/_internal/data.txt").exists()
    wrapper = (root / "usr/local/bin/kiosk").read_text()
    assert "umask 002" in wrapper and 'exec /opt/kiosk/kiosk "$@"' in wrapper

    # One system-wide SQLite database in a setgid folder the kiosk group shares.
    config_path = root / "etc/kiosk/kiosk.toml"
    assert stat.S_IMODE(config_path.stat().st_mode) == 0o640
    config = tomllib.loads(config_path.read_text())
    assert config["database_url"] == "sqlite:////var/lib/kiosk/kiosk.sqlite3"
    assert config["backup"] == {"folder": "/var/lib/kiosk/backups", "keep": 10, "hour": 3}
    assert config["logging"]["folder"] == "/var/log/kiosk"
    assert config["printing"]["folder"] == "/var/lib/kiosk/badges"
    from kiosk.config import load_settings

    settings = load_settings(environ={}, system_file=config_path, user_file=tmp_path / "none.toml")
    assert settings.resolved_database_url() == "sqlite:////var/lib/kiosk/kiosk.sqlite3"
    for folder in ("var/lib/kiosk", "var/lib/kiosk/backups", "var/lib/kiosk/badges", "var/log/kiosk"):
        mode = (root / folder).stat().st_mode
        assert stat.S_IMODE(mode) == 0o2770, folder

    # Units, enabled the way systemctl enable would, and the console launcher.
    system = root / "etc/systemd/system"
    assert (system / "kiosk.service").read_text() == (LINUX / "kiosk.service").read_text()
    assert os.readlink(system / "graphical.target.wants/kiosk.service") == "/etc/systemd/system/kiosk.service"
    assert (
        os.readlink(system / "timers.target.wants/kiosk-backup.timer")
        == "/etc/systemd/system/kiosk-backup.timer"
    )
    assert "OnCalendar=*-*-* 03:00:00" in (system / "kiosk-backup.timer").read_text()
    assert (root / "etc/pam.d/kiosk").read_text() == (LINUX / "kiosk.pam").read_text()
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(root / "usr/share/applications/kiosk-console.desktop")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Exec"] == "/usr/local/bin/kiosk console"
    assert entry["Terminal"] == "false"
    assert stat.S_IMODE((root / "usr/share/applications/kiosk-console.desktop").stat().st_mode) == 0o644

    # Idempotent: a second run changes nothing.
    before = _tree(root)
    second = _install("--root", str(root), "--bundle", str(fake_bundle), "--backup-hour", "3", "--keep", "10")
    assert second.returncode == 0, second.stderr
    assert _tree(root) == before


def test_install_with_postgres_url_and_config_replacement(tmp_path, fake_bundle):
    root = tmp_path / "root"
    url = 'postgresql://kiosk:pa"ss@db.school.local/kiosk'
    assert _install("--root", str(root), "--bundle", str(fake_bundle), "--database-url", url).returncode == 0
    config = root / "etc/kiosk/kiosk.toml"
    assert tomllib.loads(config.read_text())["database_url"] == url
    # An existing settings file (the school may have edited it) is kept unless --force-config.
    config.write_text(config.read_text() + '\n[school]\nname = "Hilltop"\n')
    edited = config.read_text()
    other = "postgresql://kiosk@other/kiosk"
    kept = _install("--root", str(root), "--bundle", str(fake_bundle), "--database-url", other)
    assert kept.returncode == 0 and "keeping the existing" in kept.stdout
    assert config.read_text() == edited
    forced = _install(
        "--root", str(root), "--bundle", str(fake_bundle), "--database-url", other, "--force-config"
    )
    assert forced.returncode == 0
    assert tomllib.loads(config.read_text())["database_url"] == other
    assert (root / "etc/kiosk/kiosk.toml.bak").read_text() == edited


def test_console_only_install_has_no_kiosk_session(tmp_path, fake_bundle):
    root = tmp_path / "root"
    assert _install("--root", str(root), "--bundle", str(fake_bundle), "--no-kiosk").returncode == 0
    assert not (root / "etc/systemd/system/kiosk.service").exists()
    assert (root / "usr/share/applications/kiosk-console.desktop").exists()


def test_bad_options_and_help(tmp_path, fake_bundle):
    assert _install("--help").returncode == 0 and "--database-url" in _install("--help").stdout
    assert "--admin NAME" in _install("--help").stdout and "INSTALL_ADMIN_PIN" in _install("--help").stdout
    uninstall_help = subprocess.run(
        ["bash", str(LINUX / "uninstall.sh"), "--help"], capture_output=True, text=True
    )
    assert "--keep-packages" in uninstall_help.stdout
    assert _install("--bogus").returncode == 2
    bad_url = _install(
        "--root", str(tmp_path / "r"), "--bundle", str(fake_bundle), "--database-url", "mysql://x"
    )
    assert bad_url.returncode == 1 and "PostgreSQL" in bad_url.stderr
    assert _install("--root", str(tmp_path / "r"), "--bundle", str(tmp_path / "nothing")).returncode == 1
    assert (
        _install(
            "--root", str(tmp_path / "r"), "--bundle", str(fake_bundle), "--backup-hour", "24"
        ).returncode
        == 1
    )


def test_dry_run_changes_nothing(tmp_path, fake_bundle):
    before = _tree(tmp_path)
    watched = [Path(p) for p in ("/opt/kiosk", "/etc/kiosk", "/var/lib/kiosk", "/usr/local/bin/kiosk")]
    existed = [p.exists() for p in watched]
    result = _install("--dry-run", "--no-apt", "--bundle", str(fake_bundle))
    assert result.returncode == 0, result.stderr
    assert "would write /etc/kiosk/kiosk.toml" in result.stdout or "keeping the existing" in result.stdout
    assert "would copy" in result.stdout
    assert "would create the administrator and the head of school" in result.stdout
    assert _tree(tmp_path) == before
    assert [p.exists() for p in watched] == existed


def test_uninstall_keeps_data_unless_purged(tmp_path, fake_bundle):
    root = tmp_path / "root"
    assert _install("--root", str(root), "--bundle", str(fake_bundle)).returncode == 0
    (root / "var/lib/kiosk/kiosk.sqlite3").write_bytes(b"visits")
    uninstall = LINUX / "uninstall.sh"
    env = {k: v for k, v in os.environ.items() if k != "DESTDIR"}
    kept = subprocess.run(
        ["bash", str(uninstall), "--root", str(root)], capture_output=True, text=True, env=env
    )
    assert kept.returncode == 0, kept.stderr
    assert not (root / "opt/kiosk").exists()
    assert not (root / "etc/systemd/system/kiosk.service").exists()
    assert not (root / "etc/systemd/system/graphical.target.wants/kiosk.service").is_symlink()
    assert not (root / "usr/share/applications/kiosk-console.desktop").exists()
    assert (root / "var/lib/kiosk/kiosk.sqlite3").read_bytes() == b"visits"
    assert (root / "etc/kiosk/kiosk.toml").exists()
    again = subprocess.run(
        ["bash", str(uninstall), "--root", str(root)], capture_output=True, text=True, env=env
    )
    assert again.returncode == 0  # idempotent
    purged = subprocess.run(
        ["bash", str(uninstall), "--root", str(root), "--purge-data"], capture_output=True, text=True, env=env
    )
    assert purged.returncode == 0
    assert not (root / "var/lib/kiosk").exists() and not (root / "etc/kiosk").exists()
