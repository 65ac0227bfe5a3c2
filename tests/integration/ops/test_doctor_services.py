"""`kiosk doctor` on a PC install.sh set up: is the kiosk service running, did the last backup succeed.

systemctl is answered here from recorded `systemctl show` output (this machine runs no systemd); the
booted-Debian test (tests/installer/test_booted.py) runs the same checks against a real systemd.
"""

from __future__ import annotations

import subprocess

from kiosk.ops.doctor import FAIL, OK, WARN, check_kiosk_service, check_last_backup


def _systemctl(answers: dict[str, str], rc: int = 0):
    calls = []

    def run(cmd, **kwargs):
        calls.append(cmd)
        unit = cmd[2]
        return subprocess.CompletedProcess(cmd, rc, stdout=answers.get(unit, ""), stderr="")

    run.calls = calls
    return run


def _units(tmp_path, *names):
    for name in names:
        (tmp_path / name).write_text("[Service]\n")
    return tmp_path


RUNNING = (
    "ActiveState=active\nSubState=running\nResult=success\nNRestarts=1\nMainPID=4242\nUnitFileState=enabled\n"
)


def test_no_kiosk_service_installed_is_fine(tmp_path):
    check = check_kiosk_service(_systemctl({}), unit_folder=tmp_path, systemd_running=True)
    assert check.level == OK and "not installed" in check.detail


def test_a_running_kiosk_passes(tmp_path):
    run = _systemctl({"kiosk.service": RUNNING})
    check = check_kiosk_service(
        run,
        unit_folder=_units(tmp_path, "kiosk.service"),
        systemd_running=True,
        kiosk_processes=lambda pid: [42],
    )
    assert check.level == OK, check.line()
    assert run.calls[0][1:3] == ["show", "kiosk.service"]


def test_a_failed_kiosk_service_fails(tmp_path):
    failed = "ActiveState=failed\nSubState=failed\nResult=exit-code\nNRestarts=7\nUnitFileState=enabled\n"
    check = check_kiosk_service(
        _systemctl({"kiosk.service": failed}),
        unit_folder=_units(tmp_path, "kiosk.service"),
        systemd_running=True,
    )
    assert check.level == FAIL and check.status == "not running"
    assert "exit-code" in check.detail and "journalctl -u kiosk.service" in check.detail


def test_cage_running_without_the_kiosk_fails(tmp_path):
    """Debian 12's cage without Xwayland: the unit is active (running), but no kiosk window exists."""
    check = check_kiosk_service(
        _systemctl({"kiosk.service": RUNNING}),
        unit_folder=_units(tmp_path, "kiosk.service"),
        systemd_running=True,
        kiosk_processes=lambda pid: [],
    )
    assert check.level == FAIL and check.status == "no kiosk"


def test_a_kiosk_that_will_not_start_at_boot_warns(tmp_path):
    check = check_kiosk_service(
        _systemctl({"kiosk.service": RUNNING.replace("=enabled", "=disabled")}),
        unit_folder=_units(tmp_path, "kiosk.service"),
        systemd_running=True,
        kiosk_processes=lambda pid: [42],
    )
    assert check.level == WARN and check.status == "not enabled"


def test_without_systemd_the_service_is_unknown(tmp_path):
    check = check_kiosk_service(
        _systemctl({}), unit_folder=_units(tmp_path, "kiosk.service"), systemd_running=False
    )
    assert check.level == WARN


TIMER = "ActiveState=active\nNextElapseUSecRealtime=Wed 2026-12-02 02:00:00 UTC\n"


def test_a_failed_backup_fails(tmp_path):
    service = (
        "ActiveState=failed\nResult=exit-code\nExecMainStatus=1\n"
        "ExecMainExitTimestamp=Tue 2026-12-01 02:00:04 UTC\nExecMainStartTimestamp=Tue 2026-12-01 02:00:01 UTC\n"
    )
    check = check_last_backup(
        _systemctl({"kiosk-backup.timer": TIMER, "kiosk-backup.service": service}),
        unit_folder=_units(tmp_path, "kiosk-backup.service"),
        systemd_running=True,
    )
    assert check.level == FAIL and check.status == "failed"
    assert "02:00:04" in check.detail and "exit status 1" in check.detail


def test_a_successful_backup_passes_and_a_stopped_timer_fails(tmp_path):
    units = _units(tmp_path, "kiosk-backup.service")
    service = "ActiveState=inactive\nResult=success\nExecMainStatus=0\nExecMainExitTimestamp=Tue 2026-12-01 02:00:04 UTC\n"
    ok = check_last_backup(
        _systemctl({"kiosk-backup.timer": TIMER, "kiosk-backup.service": service}),
        unit_folder=units,
        systemd_running=True,
    )
    assert ok.level == OK and "succeeded at Tue 2026-12-01 02:00:04" in ok.detail
    stopped = check_last_backup(
        _systemctl({"kiosk-backup.timer": "ActiveState=inactive\n", "kiosk-backup.service": service}),
        unit_folder=units,
        systemd_running=True,
    )
    assert stopped.level == FAIL and stopped.status == "timer stopped"


def test_no_backup_yet_since_boot_is_ok(tmp_path):
    service = "ActiveState=inactive\nResult=success\nExecMainStatus=0\nExecMainExitTimestamp=\n"
    check = check_last_backup(
        _systemctl({"kiosk-backup.timer": TIMER, "kiosk-backup.service": service}),
        unit_folder=_units(tmp_path, "kiosk-backup.service"),
        systemd_running=True,
    )
    assert check.level == OK and "next at Wed 2026-12-02 02:00:00" in check.detail


def test_systemctl_not_answering_is_a_warning(tmp_path):
    check = check_last_backup(
        _systemctl({}, rc=1), unit_folder=_units(tmp_path, "kiosk-backup.service"), systemd_running=True
    )
    assert check.level == WARN
