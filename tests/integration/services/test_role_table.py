"""The role table, attacked through every entry point: each role without the right is refused.

Parametrised from ROLE_TABLE itself: a new Action without an entry here fails (never skips), so every
action is covered automatically. Entry points: the services (both databases) and the command line
(real `kiosk.cli.main`, PIN on standard input, a real SQLite file).
"""

from __future__ import annotations

import io
import sys

import pytest

from kiosk.domain.errors import KioskError, PermissionDenied
from kiosk.domain.model import Ban, BanScope
from kiosk.domain.permissions import ROLE_TABLE, Action
from tests.helpers import add_ban, sign_in

ROLES = ["receptionist", "safeguarding lead", "head", "administrator", "system"]


def _service_call(services, staff, action: Action, actor):
    """One service call that needs `action` (set up as the head or administrator)."""
    head = staff["head"]
    if action is Action.FRONT_DESK:
        visit = sign_in(services).visit
        return lambda: services.sign_in.on_site(actor) and services.sign_in.sign_out(actor, visit.id)
    if action is Action.HANDLE_ALERT:
        return lambda: services.alerts.open_alerts(actor)
    if action is Action.DISMISS_MATCH:
        add_ban(services, head)
        services.sign_in.screen("William", "Hargreaves", "visitor", services.place)
        alert = services.alerts.open_alerts(head)[0].alert
        return lambda: services.alerts.not_same_person(actor, alert.id)
    if action is Action.MANAGE_BANS:
        return lambda: services.bans.list(actor)
    if action is Action.APPROVE_BANS:
        draft = add_ban(services, staff["safeguarding lead"], name="Darren Cole")
        return lambda: services.bans.approve(actor, draft.id)
    if action is Action.APPROVE_BAN_CHANGES:
        ban = add_ban(services, head, name="Jürgen Müller")
        services.bans.edit(staff["safeguarding lead"], Ban(**{**_fields(ban), "name": "Zzz Nobody"}))
        return lambda: services.bans.approve_change(actor, ban.id)
    if action is Action.CASES:
        return lambda: services.cases.list_cases(actor)
    if action is Action.ADMINISTER:
        return lambda: services.policy.publish(actor, "Code", f"# Code {actor.name}")
    if action is Action.READ_AUDIT:
        return lambda: services.staff.audit_log(actor)
    if action is Action.LEAVE_KIOSK:
        if actor.name not in PINS:  # no staff account (the system role, the kiosk): cannot sign in at all
            return lambda: _raise(PermissionDenied("no account"))
        return lambda: services.staff.authorise_kiosk_exit(actor.name, PINS[actor.name])
    if action is Action.END_OF_DAY:
        return lambda: services.sign_in.end_of_day(actor, services.settings.kiosk.end_of_day)
    if action is Action.EXPIRE_BANS:
        return lambda: services.bans.expire_due(actor)
    if action is Action.PURGE:
        return lambda: services.privacy.purge(actor, dry_run=True)
    if action is Action.BACKUP:
        from kiosk.domain.permissions import require

        return lambda: require(actor, Action.BACKUP)  # the command line's check before ops.backup_now
    if action is Action.EXPECTED_VISITS:
        return lambda: services.expected.day(actor)
    if action is Action.CLEARANCES:
        return lambda: services.clearances.records(actor)
    if action is Action.PUPILS:
        return lambda: services.pupils.pupils(actor)
    if action is Action.COURT_ORDERS:
        return lambda: services.pupils.has_restrictions(actor)
    if action is Action.STAFF_ROLL:
        return lambda: services.staff_roll.export_csv(actor)
    if action is Action.ROLL_CALL:
        return lambda: services.staff_roll.start_roll_call(actor)
    if action is Action.TRUST_BANS:
        return lambda: add_ban(services, actor, name="Darren Cole", scope=BanScope.TRUST)
    if action is Action.TRUST_REPORTS:
        return lambda: services.trust_reports.report(actor)
    raise AssertionError(f"{action!r} has no service entry point in this test: add one")


PINS = {
    "Test Administrator": "9753",
    "Test Receptionist": "2468",
    "Test Safeguarding Lead": "1357",
    "Test Head": "864213",
}


def _raise(exc: Exception):
    raise exc


def _fields(ban: Ban) -> dict:
    return {f: getattr(ban, f) for f in ban.__slots__}


def _allowed(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    except KioskError:
        return True  # allowed, but refused for another reason (e.g. state)
    return True


@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.name)
def test_role_table_through_the_services(services, staff, action):
    allowed = {role: _allowed(_service_call(services, staff, action, staff[role])) for role in ROLES}
    assert allowed == {role: any(r.value == role for r in ROLE_TABLE[action]) for role in ROLES}


def test_no_actor_without_a_role_passes_any_check(services, staff):
    from kiosk.domain.model import Actor

    for actor in (Actor.kiosk("Front door"), Actor(name="cli:root", role=None, source="command line")):
        for action in Action:
            assert not _allowed(_service_call(services, staff, action, actor)), action


# ---------------------------------------------------------------- the command line

# The command that needs each action; None where the action has no command (said here, not skipped).
CLI_COMMANDS: dict[Action, list[str] | None] = {
    Action.FRONT_DESK: ["visits", "export"],
    Action.HANDLE_ALERT: None,  # alerts are handled in the console only
    Action.DISMISS_MATCH: None,
    Action.MANAGE_BANS: ["bans", "export"],
    Action.APPROVE_BANS: None,
    Action.APPROVE_BAN_CHANGES: None,
    Action.CASES: None,
    Action.ADMINISTER: ["staff", "list"],
    Action.READ_AUDIT: ["audit", "verify"],
    Action.LEAVE_KIOSK: None,  # the kiosk's own exit
    Action.END_OF_DAY: ["visits", "end-of-day"],
    Action.EXPIRE_BANS: None,  # housekeeping and start-up only
    Action.PURGE: ["purge", "--dry-run"],
    Action.BACKUP: ["db", "backup"],
    Action.EXPECTED_VISITS: ["expected", "export"],
    Action.CLEARANCES: ["checks", "export"],
    Action.PUPILS: ["pupils", "export"],
    Action.COURT_ORDERS: None,  # the console's Pupils and Alerts pages
    Action.STAFF_ROLL: ["staff", "export"],
    Action.ROLL_CALL: None,  # the console's roll call view
    Action.TRUST_BANS: None,  # the service (the trust's console)
    Action.TRUST_REPORTS: ["trust", "report"],
}
CLI_ROLES = {
    "receptionist": ("Test Receptionist", "2468"),
    "safeguarding lead": ("Test Safeguarding Lead", "1357"),
    "head": ("Test Head", "864213"),
    "administrator": ("Test Administrator", "9753"),
}


def test_every_action_is_in_the_command_line_map():
    assert set(CLI_COMMANDS) == set(Action)


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    from kiosk.app import build_app
    from kiosk.config import load_settings
    from tests.helpers import add_staff_accounts

    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    monkeypatch.setenv("KIOSK_BACKUP__FOLDER", str(tmp_path / "backups"))
    app = build_app(load_settings())
    add_staff_accounts(app, {role: spec for role, spec in CLI_ROLES.items()})
    app.dispose()
    return tmp_path


def _run_cli(argv, stdin: str, monkeypatch, capsys) -> tuple[int, str]:
    from kiosk.cli import main

    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("action", [a for a, cmd in CLI_COMMANDS.items() if cmd], ids=lambda a: a.name)
def test_role_table_through_the_command_line(cli_db, monkeypatch, capsys, action):
    command = CLI_COMMANDS[action]
    assert command is not None
    for role, (name, pin) in CLI_ROLES.items():
        out = [str(cli_db / "out.csv")] if command[-1] == "export" else []
        code, err = _run_cli(["--as", name, *command, *out], pin + "\n", monkeypatch, capsys)
        granted = any(r.value == role for r in ROLE_TABLE[action])
        if granted:
            assert code == 0, (role, err)
        else:
            assert code == 1 and "may not" in err, (role, err)
    # --system: only the unattended jobs; and no name at all is refused with one line.
    code, err = _run_cli(["--system", *command], "", monkeypatch, capsys)
    assert (code == 0) == any(r.value == "system" for r in ROLE_TABLE[action]), err
    monkeypatch.delenv("KIOSK_STAFF", raising=False)
    code, err = _run_cli(command, "", monkeypatch, capsys)
    assert code == 1 and "--as NAME" in err


def test_a_wrong_pin_at_the_command_line_is_refused(cli_db, monkeypatch, capsys):
    code, err = _run_cli(["--as", "Test Head", "bans", "export"], "111222\n", monkeypatch, capsys)
    assert code == 1 and "do not match" in err


def test_the_first_administrator_needs_no_pin_but_the_second_does(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    code, err = _run_cli(
        ["staff", "add", "--name", "Alex Admin", "--role", "administrator"], "9753\n", monkeypatch, capsys
    )
    assert code == 0, err
    code, err = _run_cli(
        ["staff", "add", "--name", "Eve", "--role", "administrator"], "9753\n", monkeypatch, capsys
    )
    assert code == 1 and "--as NAME" in err
    code, err = _run_cli(
        ["--as", "Alex Admin", "staff", "add", "--name", "Rachel", "--role", "receptionist"],
        "9753\n2468\n",
        monkeypatch,
        capsys,
    )
    assert code == 0, err
