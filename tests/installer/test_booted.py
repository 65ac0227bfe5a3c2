"""The installer on a booted Debian: install.sh, the units and uninstall.sh as a technician would meet them.

A minimal Debian bookworm root (debootstrap minbase + systemd + dbus, made once by .ci/booted-root.sh and
cached under /var/cache/kiosk-test-root) is booted with ``systemd-nspawn --boot --register=no
--keep-unit`` on an overlay, so the cached root is never changed. Commands run inside it with
``nsenter --target <its PID 1> --all``; files are read from the host through the overlay. cage runs on
wlroots' headless backend (there is no screen), set by a drop-in the test adds beside kiosk.service.

The checks run in order on one machine (each needs the state the one before left): packages missing on
the minimal root, install.sh installs them and creates the administrator and the head; an upgrade
install keeps the data and migrates it; after a reboot systemd starts the kiosk under cage and its window
fills cage's output; killing the kiosk brings it back; the console user and the kiosk share the one
database; the backup timer fires and its backup restores; `kiosk doctor` fails when the kiosk service or
the last backup has failed; a clean stop; a PostgreSQL install backs up; uninstall.sh leaves nothing it
made, keeping the data unless --purge-data. The timings go to build/booted-timings.txt and the report.

Needs root, systemd-nspawn and debootstrap (.ci/booted-root.sh installs them) and the network for apt.
About 5 minutes with a cached root and apt cache, plus about 4 for the first debootstrap.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("KIOSK_TEST_ROOT_CACHE", "/var/cache/kiosk-test-root"))
WORK = ROOT / "build" / "booted"
TIMINGS_FILE = ROOT / "build" / "booted-timings.txt"
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
ADMIN, ADMIN_PIN = "Ada Admin", "4826"
HEAD, HEAD_PIN = "Hal Head", "739164"  # the head approves bans: 6 digits at least
PG_SERVER = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# The schema an "older kiosk" left: before the cases tables (0003), the data-protection migration (0004,
# which hash-chains the existing audit log) and their merge, so the upgrade install has data to migrate.
OLD_SCHEMA = "0002"

pytestmark = [
    pytest.mark.booted,
    pytest.mark.skipif(
        os.environ.get("CI") != "true" and os.environ.get("KIOSK_TEST_BOOTED") != "1",
        reason="the booted-Debian test runs under CI=true or KIOSK_TEST_BOOTED=1 (about 5 minutes)",
    ),
]
AS_KIOSK = "runuser -u kiosk -- env HOME=/var/lib/kiosk/home"
AS_RECEPTION = "runuser -u reception -- env HOME=/home/reception"
AS_VISITOR = "runuser -u visitor -- env HOME=/home/visitor"

HEADLESS_DROPIN = """\
# Added by tests/installer/test_booted.py: no screen and no tty in the container.
[Unit]
ConditionPathExists=
[Service]
TTYPath=
StandardInput=null
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
UtmpIdentifier=
Environment=WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman
"""
# The timer's random delay off, so a missed night is made up at once (the real unit keeps its 5 min).
TIMER_DROPIN = "[Timer]\nRandomizedDelaySec=0\n"


class Timings:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, what: str, seconds: float) -> None:
        self.lines.append(f"{what}: {seconds:.1f} s")

    def measure(self, what: str):
        timings = self

        class _Timer:
            def __enter__(self):
                self.start = time.monotonic()

            def __exit__(self, *exc):
                timings.add(what, time.monotonic() - self.start)

        return _Timer()


class Machine:
    """A Debian root booted with systemd-nspawn on an overlay; commands through nsenter."""

    def __init__(self, base: Path, work: Path, binds: list[str]) -> None:
        self.base, self.work, self.binds = base, work, binds
        self.merged = work / "merged"
        self.proc: subprocess.Popen | None = None
        self.leader: int | None = None
        self.boots = 0
        self.notes: list[str] = []  # what the timings file should also say (a boot started again)
        self._log = None  # the console log of the running boot, closed when it powers off

    def mount(self) -> None:
        # The overlay's root takes the upper folder's mode. A test run earlier in this worker may have left
        # the process umask at 077 (the kiosk's own, kiosk.ops.permissions): a 0700 root lets no service
        # user in, and dbus (as messagebus) then cannot watch its folders and never finishes starting, so
        # the boot hangs (seen in CI as dbus.service "start running"; reproduced with umask 077).
        for sub in ("upper", "work", "merged"):
            (self.work / sub).mkdir(parents=True, exist_ok=True)
            (self.work / sub).chmod(0o755)
        subprocess.run(
            [
                "mount",
                "-t",
                "overlay",
                "overlay",
                "-o",
                f"lowerdir={self.base},upperdir={self.work / 'upper'},workdir={self.work / 'work'}",
                str(self.merged),
            ],
            check=True,
        )

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.merged)], check=False)

    def boot(self, timeout: float = 90, attempts: int = 3) -> None:
        """Start the container and wait for its systemd to finish booting.

        A boot takes under a second here. One whose systemd waits on a job that never ends (seen in CI
        runs: dbus.service's start still "running" after 180 s, logind waiting on it, twice in one run
        after the first hung boot had been stopped by killing systemd-nspawn alone, which leaves the
        container's processes running) is killed whole, from its PID 1, and started again, up to
        `attempts` times; what each hung boot's processes were doing (state, kernel wait channel, stack)
        and its journal go into the timings file, and the last hang fails with them.
        """
        hangs: list[str] = []
        for _ in range(attempts):
            self._sweep_leftovers()
            try:
                self._boot_once(timeout)
            except _BootHung as exc:
                hangs.append(f"boot {self.boots} hung: {exc}")
                self._kill()
                continue
            self.notes.extend(hangs)
            return
        raise AssertionError(f"the container's boot hung {attempts} times: " + "\n\n".join(hangs))

    def _boot_once(self, timeout: float) -> None:
        self.boots += 1
        self._close_log()
        log = self._log = open(self.work / f"console-{self.boots}.log", "wb")  # noqa: SIM115 - closed at poweroff
        self.proc = subprocess.Popen(
            [
                "systemd-nspawn",
                "--boot",
                "--register=no",
                "--keep-unit",
                "--console=pipe",
                f"--directory={self.merged}",
                "--machine=kiosk-test",
                *[f"--bind{'-ro' if ro else ''}={src}:{dst}" for src, dst, ro in self.binds],
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        self.leader = None
        while self.leader is None:
            if self.proc.poll() is not None:
                raise AssertionError(f"systemd-nspawn exited: {self._console_tail()}")
            if time.monotonic() > deadline:
                raise _BootHung(f"its systemd never started; console: {self._console_tail()}")
            self.leader = _child_named(self.proc.pid, "systemd")
            time.sleep(0.1)
        while True:
            left = deadline - time.monotonic()
            try:
                done = self.sh("systemctl is-system-running --wait", check=False, timeout=max(1.0, left))
            except subprocess.TimeoutExpired:
                raise _BootHung(self._stuck_report()) from None
            state = done.stdout.strip()
            if state in ("running", "degraded"):
                return
            if time.monotonic() > deadline:
                raise _BootHung(f"boot did not finish: {state} {done.stderr}; {self._stuck_report()}")
            time.sleep(0.5)

    def _kill(self) -> None:
        """Stop a container that will not power off: SIGKILL to its PID 1 ends every process of its PID
        namespace (killing systemd-nspawn alone leaves them running), then nspawn exits by itself."""
        if self.leader is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.leader, signal.SIGKILL)
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        self.leader = None
        self._close_log()

    def _sweep_leftovers(self) -> None:
        """Kill what an earlier test container left running on this machine (a run stopped from outside,
        or a hung boot killed the old way): processes whose root is a booted test's overlay."""
        left = [pid for pid, root in _process_roots() if _TEST_ROOT.search(root)]
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if left:
            self.notes.append(f"killed {len(left)} processes an earlier test container left running")

    def _stuck_report(self) -> str:
        """What a hung boot is waiting on: its jobs, each of its processes' state, kernel wait channel and
        stack (read from the host), the journal and the console's tail."""
        parts = []
        for what, script in (
            ("jobs", "systemctl list-jobs --no-pager"),
            ("dbus", "systemctl status dbus.service --no-pager -n 15 -l"),
            ("journal", "journalctl -b --no-pager -n 60 -o short-monotonic"),
        ):
            try:
                out = self.sh(script, check=False, timeout=20)
                parts.append(f"{what}:\n{(out.stdout + out.stderr).strip()[-3000:]}")
            except subprocess.TimeoutExpired:
                parts.append(f"{what}: no answer in 20 s")
        parts.append("processes:\n" + "\n".join(_describe(pid) for pid in self._container_pids()))
        parts.append(f"console:\n{self._console_tail()}")
        return "\n".join(parts)

    def _container_pids(self) -> list[int]:
        if self.leader is None:
            return []
        try:
            ns = os.readlink(f"/proc/{self.leader}/ns/pid")
        except OSError:
            return []
        pids = []
        for entry in Path("/proc").glob("[0-9]*"):
            try:
                if os.readlink(entry / "ns" / "pid") == ns:
                    pids.append(int(entry.name))
            except OSError:
                continue
        return sorted(pids)

    def _console_tail(self) -> str:
        return (self.work / f"console-{self.boots}.log").read_bytes()[-3000:].decode(errors="replace")

    def sh(
        self, script: str, *, check: bool = True, timeout: float = 300, input: str | None = None, **env: str
    ) -> subprocess.CompletedProcess:
        """Run a bash script as root inside the container."""
        assert self.leader is not None
        variables = {"PATH": PATH, "LANG": "C.UTF-8", "HOME": "/root", **env}
        done = subprocess.run(
            [
                "nsenter",
                f"--target={self.leader}",
                "--all",
                "env",
                "-i",
                *[f"{k}={v}" for k, v in variables.items()],
                "bash",
                "-c",
                script,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
        )
        if check:
            assert done.returncode == 0, (
                f"{script}\nrc {done.returncode}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
            )
        return done

    def poweroff(self, timeout: float = 60) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.sh("systemctl poweroff", check=False, timeout=30)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.notes.append(f"boot {self.boots} did not power off in {timeout:.0f} s and was killed")
            self._kill()
        self.leader = None
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def path(self, inside: str) -> Path:
        return self.merged / inside.lstrip("/")

    def wait_for(self, what: str, check, timeout: float = 90, every: float = 0.5):
        deadline = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            time.sleep(every)

    def unit(self, unit: str, *props: str) -> dict[str, str]:
        out = self.sh(f"systemctl show {unit} --property={','.join(props)}").stdout
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def kiosk_pids(self) -> list[str]:
        """The kiosk program's processes: the children of cage (kiosk.service's main process)."""
        out = self.sh(
            'main=$(systemctl show kiosk.service -p MainPID --value); [ "$main" != 0 ] || exit 0; '
            "for c in $(cat /proc/$main/task/*/children 2>/dev/null); do "
            '[ "$(tr "\\0" "\\n" </proc/$c/cmdline | head -n 1)" = /opt/kiosk/kiosk ] && echo $c; done',
            check=False,
        ).stdout
        return out.split()

    def packages(self) -> set[str]:
        out = self.sh("dpkg-query -W -f '${db:Status-Abbrev} ${Package}\\n'").stdout
        return {line.split()[1] for line in out.splitlines() if line.startswith("ii")}

    def enabled_units(self) -> set[str]:
        out = self.sh("systemctl list-unit-files --state=enabled --no-legend --plain").stdout
        return {line.split()[0] for line in out.splitlines() if line.strip()}


class _BootHung(Exception):
    """The container's systemd did not finish booting in time (Machine.boot starts it once more)."""


# A booted test's overlay (build/booted/<8 hex>/merged in any checkout), as /proc/<pid>/root shows it.
_TEST_ROOT = re.compile(r"/build/booted/[0-9a-f]{8}/merged(?: \(deleted\))?$")


def _process_roots() -> Iterator[tuple[int, str]]:
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            yield int(entry.name), os.readlink(entry / "root")
        except OSError:
            continue


def _describe(pid: int) -> str:
    """One process as the host sees it: pid, name, state, kernel wait channel, syscall, top of stack."""

    def read(name: str) -> str:
        try:
            return Path(f"/proc/{pid}/{name}").read_text(errors="replace").strip()
        except OSError:
            return "?"

    stat = read("stat")
    comm, state = (
        (stat[stat.find("(") + 1 : stat.rfind(")")], stat[stat.rfind(")") + 2 :][:1])
        if "(" in stat
        else ("?", "?")
    )
    stack = " < ".join(line.split(" ", 1)[-1] for line in read("stack").splitlines()[:6])
    return f"{pid} {comm} {state} wchan={read('wchan')} syscall={read('syscall').split(' ')[0]} stack={stack}"


def _child_named(parent: int, name: str) -> int | None:
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1 : text.rindex(")")]
        ppid = int(text[text.rindex(")") + 2 :].split()[1])
        if ppid == parent and comm == name:
            return int(stat.parent.name)
    return None


def _sqlite(machine: Machine, sql: str, db: str = "/var/lib/kiosk/kiosk.sqlite3") -> list[tuple]:
    con = sqlite3.connect(f"file:{machine.path(db)}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _tool_or_fail(name: str) -> None:
    if shutil.which(name) is None:
        pytest.fail(f"{name} is missing although .ci/booted-root.sh installs it")


@pytest.fixture(scope="module")
def timings(request) -> Iterator[Timings]:
    t = Timings()
    yield t
    TIMINGS_FILE.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS_FILE.write_text("\n".join(t.lines) + "\n")
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("")
        reporter.write_line("booted-Debian test timings (build/booted-timings.txt):")
        for line in t.lines:
            reporter.write_line("  " + line)


@pytest.fixture(scope="module")
def machine(bundle, timings, tmp_path_factory) -> Iterator[Machine]:
    if os.geteuid() != 0:
        pytest.skip("the booted-Debian test needs root (systemd-nspawn, mount)")
    started = time.monotonic()
    made = subprocess.run(
        ["bash", str(ROOT / ".ci" / "booted-root.sh")], capture_output=True, text=True, timeout=1200
    )
    assert made.returncode == 0, made.stderr[-3000:]
    base = Path(made.stdout.strip().splitlines()[-1])
    fresh = "made " in made.stderr
    timings.add(
        "debootstrap root ("
        + ("cold, made now" if fresh else "warm: cached, or waited for .ci/run's background run")
        + ")",
        time.monotonic() - started,
    )
    for tool in ("systemd-nspawn", "nsenter"):
        _tool_or_fail(tool)

    # An "older kiosk": the same bundle without the newest migrations (hard links, so it costs nothing).
    work = WORK / uuid.uuid4().hex[:8]
    work.mkdir(parents=True)
    archives, lists = CACHE / "apt-archives", CACHE / "apt-lists"
    for folder in (archives / "partial", lists / "partial"):
        folder.mkdir(parents=True, exist_ok=True)
    m = Machine(
        base,
        work,
        [
            (bundle, "/mnt/bundle", True),
            (ROOT / "installer", "/mnt/installer", True),
            (archives, "/var/cache/apt/archives", False),
            (lists, "/var/lib/apt/lists", False),
        ],
    )
    umask = os.umask(0o022)  # files the test writes into the machine are readable as on a real system
    m.mount()
    try:
        # dpkg without an fsync per file, as build containers do: the test's apt runs take half the time.
        unsafe = m.path("/etc/dpkg/dpkg.cfg.d/test-unsafe-io")
        unsafe.parent.mkdir(parents=True, exist_ok=True)
        unsafe.write_text("force-unsafe-io\n")
        _add_test_dropins(m)
        with timings.measure("boot (to multi-user, systemctl is-system-running)"):
            m.boot()
        yield m
    finally:
        timings.lines.extend(m.notes)
        m.poweroff()
        m.unmount()
        shutil.rmtree(work, ignore_errors=True)
        os.umask(umask)


def _install(
    machine: Machine, *args: str, pins: bool = True, timeout: float = 600
) -> subprocess.CompletedProcess:
    env = {"INSTALL_ADMIN_PIN": ADMIN_PIN, "INSTALL_HEAD_PIN": HEAD_PIN} if pins else {}
    return machine.sh(
        "bash /mnt/installer/linux/install.sh --bundle /mnt/bundle " + " ".join(args),
        check=False,
        timeout=timeout,
        **env,
    )


# ---------------------------------------------------------------- install on a minimal machine


def test_minimal_root_lacks_what_the_kiosk_needs(machine):
    packages = machine.packages()
    assert {"systemd", "dbus"} <= packages
    assert not {"cage", "libpam-systemd", "xwayland", "postgresql-client"} & packages
    machine.before_packages = packages
    machine.before_enabled = machine.enabled_units()
    machine.sh("useradd --create-home reception && useradd --create-home visitor")


def test_install_brings_the_packages_and_creates_the_administrator_and_head(machine, timings):
    with timings.measure("install.sh, first install (apt included)"):
        done = _install(machine, "--staff", "reception", f"--admin '{ADMIN}'", f"--head '{HEAD}'")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert f"added {ADMIN} (administrator)" in done.stdout and f"added {HEAD} (head)" in done.stdout
    # The PINs never reached a command line or the settings: no "unknown setting" complaint.
    assert ADMIN_PIN not in done.stdout + done.stderr
    installed = machine.packages()
    assert {"cage", "libpam-systemd", "xwayland"} <= installed
    assert "postgresql-client" not in installed
    assert machine.path("/usr/bin/Xwayland").exists()
    assert list(machine.path("/lib").glob("*/security/pam_systemd.so")) or list(
        machine.path("/usr/lib").glob("*/security/pam_systemd.so")
    )
    # Every package install.sh added is listed for uninstall.sh, and nothing that was there before.
    listed = set(machine.path("/etc/kiosk/installed-packages").read_text().split())
    assert listed == installed - machine.before_packages
    staff = _sqlite(machine, "SELECT name, role FROM staff ORDER BY id")
    assert staff == [(ADMIN, "administrator"), (HEAD, "head")]


def test_without_pins_or_a_terminal_the_kiosk_is_not_offered_to_the_public(machine, tmp_path):
    """A fresh database and no PINs: install.sh stops with the commands to run; the kiosk is not started."""
    config = machine.path("/etc/kiosk/kiosk.toml")
    saved = config.read_text()
    try:
        config.write_text(saved.replace("/var/lib/kiosk/kiosk.sqlite3", "/var/lib/kiosk/empty.sqlite3"))
        done = _install(machine, pins=False)
        assert done.returncode == 3, done.stdout + done.stderr
        assert "the kiosk is NOT started" in done.stdout
        assert machine.unit("kiosk.service", "ActiveState")["ActiveState"] in ("inactive", "failed")
        assert not machine.path("/etc/systemd/system/graphical.target.wants/kiosk.service").exists()
    finally:
        config.write_text(saved)
        # The empty database, its WAL, its records folder (audit key, anchor) and its identity marker.
        folder = machine.path("/var/lib/kiosk")
        for leftover in [*folder.glob("empty.sqlite3*"), *folder.glob(".kiosk-identity.empty.sqlite3*")]:
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()


def test_an_upgrade_install_keeps_the_data_and_migrates_it(machine, timings):
    """The database as an older kiosk left it (schema 0002, an audit log without its hash chain)."""
    from alembic import command
    from sqlalchemy import create_engine

    from kiosk.db.migrate import _config, head_revision

    machine.sh("systemctl stop kiosk.service")
    db = machine.path("/var/lib/kiosk/kiosk.sqlite3")
    engine = create_engine(f"sqlite:///{db}")
    cfg = _config(engine)
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, OLD_SCHEMA)
        conn.commit()
    engine.dispose()
    # An older kiosk kept nothing beside its database: no identity marker, no audit key or anchor.
    machine.sh(
        "chown kiosk:kiosk /var/lib/kiosk/kiosk.sqlite3 && rm -rf /var/lib/kiosk/kiosk.sqlite3-* "
        "/var/lib/kiosk/kiosk.sqlite3.records /var/lib/kiosk/.kiosk-identity.kiosk.sqlite3.json"
    )
    assert _sqlite(machine, "SELECT version_num FROM alembic_version") == [(OLD_SCHEMA,)]
    audit_before = _sqlite(machine, "SELECT count(*) FROM audit_log")[0][0]
    assert audit_before >= 2

    with timings.measure("install.sh, upgrade install"):
        done = _install(machine, "--staff", "reception", pins=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert f"database upgraded from schema {OLD_SCHEMA} to {head_revision()}" in done.stdout
    assert "already has 2 staff accounts" in done.stdout
    revisions = "+".join(sorted(r for (r,) in _sqlite(machine, "SELECT version_num FROM alembic_version")))
    assert revisions == head_revision()
    assert _sqlite(machine, "SELECT name FROM staff ORDER BY id") == [(ADMIN,), (HEAD,)]
    rows = _sqlite(machine, "SELECT count(*), sum(row_hash != '') FROM audit_log")[0]
    assert rows[0] >= audit_before and rows[1] == rows[0], "the migration hashed every audit row"
    doctor = machine.sh(f"{AS_KIOSK} kiosk doctor", check=False)
    assert "database: ok" in doctor.stdout and "up to date" in doctor.stdout, doctor.stdout


# ---------------------------------------------------------------- the kiosk at boot


def _window_lines(machine: Machine) -> list[str]:
    log = machine.path("/var/log/kiosk/kiosk.log")
    text = log.read_text(errors="replace") if log.exists() else ""
    return [line for line in text.splitlines() if "kiosk window " in line]


def test_after_a_reboot_systemd_starts_the_kiosk_under_cage(machine, timings):
    machine.poweroff()
    seen = len(_window_lines(machine))
    with timings.measure("reboot (poweroff, boot to is-system-running)"):
        machine.boot()
    started = time.monotonic()
    machine.wait_for("the kiosk under cage", machine.kiosk_pids, timeout=120)
    state = machine.unit("kiosk.service", "ActiveState", "SubState", "UnitFileState", "ExecMainPID")
    assert state["ActiveState"] == "active" and state["UnitFileState"] == "enabled", state
    comm = machine.sh(f"cat /proc/{state['ExecMainPID']}/comm").stdout.strip()
    assert comm == "cage"
    # The window: full-screen on cage's headless output (1280x720), logged once the compositor configured it.
    lines = machine.wait_for("the kiosk's window line", lambda: _window_lines(machine)[seen:], timeout=120)
    timings.add("kiosk up after boot (cage running the kiosk, window on screen)", time.monotonic() - started)
    machine.window_line = lines[0]
    user = machine.sh(f"stat -c %U /proc/{machine.kiosk_pids()[0]}").stdout.strip()
    assert user == "kiosk"
    doctor = machine.sh(f"{AS_KIOSK} kiosk doctor", check=False)
    assert "kiosk service: ok" in doctor.stdout, doctor.stdout


def test_the_kiosk_window_fills_cages_output(machine):
    """Qt's window and its Wayland surface are the output's size, at 0,0.

    Not a screenshot: `grim` on cage 0.1.4's headless output shows the first composited frame only (the
    kiosk's pre-configure size, about 1015 px wide, beside black) once the client's full-size buffer is
    scanned out directly; WAYLAND_DEBUG shows cage configuring 1280x720 and Qt attaching a 1280x720
    buffer. That is the "black strip" seen before; a real screen needs a look by eye.
    """
    line = machine.window_line
    m = re.search(
        r"kiosk window (\d+)x(\d+) \(platform window (\d+)x(\d+)\) at (-?\d+),(-?\d+) on screen (\d+)x(\d+)",
        line,
    )
    assert m, line
    win_w, win_h, nat_w, nat_h, x, y, scr_w, scr_h = map(int, m.groups())
    assert (scr_w, scr_h) == (1280, 720), "cage's headless output is 1280x720"
    assert (win_w, win_h) == (nat_w, nat_h) == (scr_w, scr_h) and (x, y) == (0, 0), line
    assert "does not fill" not in line


def test_killing_the_kiosk_brings_it_back(machine, timings):
    old = machine.kiosk_pids()
    assert old
    restarts = int(machine.unit("kiosk.service", "NRestarts")["NRestarts"])
    machine.sh(f"kill -9 {old[0]}")
    started = time.monotonic()
    new = machine.wait_for(
        "a new kiosk", lambda: [p for p in machine.kiosk_pids() if p not in old], timeout=60
    )
    timings.add("kiosk back after kill -9 (Restart=always)", time.monotonic() - started)
    assert new
    assert int(machine.unit("kiosk.service", "NRestarts")["NRestarts"]) == restarts + 1


# ---------------------------------------------------------------- one database for kiosk and console


def test_the_console_user_and_the_kiosk_share_the_database(machine):
    def mode(path: str) -> str:
        return machine.sh(f"stat -c '%a %U:%G' {path}").stdout.strip()

    assert mode("/var/lib/kiosk") == "2770 root:kiosk"
    assert mode("/var/lib/kiosk/kiosk.sqlite3") == "660 kiosk:kiosk"
    assert mode("/etc/kiosk/kiosk.toml") == "640 root:kiosk"
    # The receptionist (--staff reception) writes to the same database the kiosk uses: the
    # administrator signs in on the command line to add a receptionist.
    added = machine.sh(
        f"{AS_RECEPTION} kiosk --as '{ADMIN}' staff add --name 'Rita Reception' --role receptionist",
        input=f"{ADMIN_PIN}\n2580\n",
        check=False,
    )
    assert added.returncode == 0, added.stdout + added.stderr
    assert ("Rita Reception",) in _sqlite(machine, "SELECT name FROM staff")
    doctor = machine.sh(f"{AS_RECEPTION} kiosk doctor", check=False)
    assert "database: ok" in doctor.stdout and "shared database: ok" in doctor.stdout, doctor.stdout
    # What the receptionist's write left is still the kiosk's to write: group kiosk, group-writable.
    for extra in ("-wal", "-shm"):
        if machine.path(f"/var/lib/kiosk/kiosk.sqlite3{extra}").exists():
            m = mode(f"/var/lib/kiosk/kiosk.sqlite3{extra}")
            assert m.split()[1].endswith(":kiosk") and int(m.split()[0][-2]) >= 6, m
    assert mode("/var/lib/kiosk/kiosk.sqlite3") == "660 kiosk:kiosk"
    # Someone outside the kiosk group reads neither the settings nor the database.
    outsider = machine.sh(f"{AS_VISITOR} cat /var/lib/kiosk/kiosk.sqlite3 /etc/kiosk/kiosk.toml", check=False)
    assert outsider.returncode != 0 and "Permission denied" in outsider.stderr


# ---------------------------------------------------------------- backups


def _backups(machine: Machine) -> set[str]:
    """The backups in the folder; each has its keyed manifest (the audit log's anchor) beside it."""
    folder = machine.path("/var/lib/kiosk/backups")
    found = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
    backups = {name for name in found if not name.endswith(".manifest.json")}
    for name in backups:
        assert f"{name}.manifest.json" in found, f"backup {name} has no manifest"
    return backups


def test_the_backup_timer_fires_and_its_backup_restores(machine, timings):
    before = _backups(machine)
    # A missed night: the timer's last run two days ago; Persistent=true makes it up on (re)start.
    machine.sh(
        "mkdir -p /var/lib/systemd/timers && touch -d '2 days ago' /var/lib/systemd/timers/stamp-kiosk-backup.timer"
        " && systemctl restart kiosk-backup.timer"
    )
    started = time.monotonic()

    def finished():
        s = machine.unit("kiosk-backup.service", "ActiveState", "Result", "ExecMainExitTimestamp")
        return s if s["ExecMainExitTimestamp"] and s["ActiveState"] != "activating" else None

    state = machine.wait_for("the timer's backup", finished, timeout=120)
    timings.add("backup timer fired and backup finished", time.monotonic() - started)
    assert state["Result"] == "success", state
    new = _backups(machine) - before
    assert len(new) == 1, new
    backup = f"/var/lib/kiosk/backups/{new.pop()}"
    mode = machine.sh(f"stat -c '%a %G' {backup}").stdout.split()
    assert mode[1] == "kiosk" and mode[0][-1] == "0", "a backup is not readable outside the kiosk group"
    # Restorable: `kiosk db restore` checks and copies it into an empty database.
    restored = machine.sh(
        f"{AS_KIOSK} KIOSK_DATABASE_URL=sqlite:////var/lib/kiosk/home/restored.sqlite3 kiosk db restore {backup}",
        check=False,
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr
    names = _sqlite(machine, "SELECT name FROM staff ORDER BY id", db="/var/lib/kiosk/home/restored.sqlite3")
    assert (ADMIN,) in names and ("Rita Reception",) in names
    machine.sh("rm -f /var/lib/kiosk/home/restored.sqlite3*")
    doctor = machine.sh(f"{AS_RECEPTION} kiosk doctor", check=False)
    assert "last backup: ok" in doctor.stdout, doctor.stdout


def test_doctor_fails_when_the_last_backup_failed(machine):
    machine.sh("chmod 0550 /var/lib/kiosk/backups")
    try:
        machine.sh("systemctl start kiosk-backup.service", check=False)
        state = machine.unit("kiosk-backup.service", "Result")
        assert state["Result"] != "success"
        doctor = machine.sh(f"{AS_RECEPTION} kiosk doctor", check=False)
        assert doctor.returncode == 1 and "last backup: failed" in doctor.stdout, doctor.stdout
    finally:
        machine.sh("chmod 2770 /var/lib/kiosk/backups")
    machine.sh("systemctl start kiosk-backup.service")
    doctor = machine.sh(f"{AS_RECEPTION} kiosk doctor", check=False)
    assert "last backup: ok" in doctor.stdout, doctor.stdout


# ---------------------------------------------------------------- stopping


def test_a_clean_stop_and_doctor_fails_while_the_kiosk_is_down(machine, timings):
    since = machine.sh("date '+%Y-%m-%d %H:%M:%S'").stdout.strip()
    with timings.measure("systemctl stop kiosk.service"):
        machine.sh("systemctl stop kiosk.service")
    state = machine.unit("kiosk.service", "ActiveState", "Result", "ExecMainCode", "ExecMainStatus")
    assert state["ActiveState"] == "inactive" and state["Result"] == "success", state
    journal = machine.sh(f"journalctl -u kiosk.service --since '{since}' --no-pager").stdout
    assert "ABRT" not in journal and "Assertion" not in journal, journal
    failed = machine.sh("systemctl --failed --no-legend --plain").stdout
    assert "kiosk" not in failed, failed
    doctor = machine.sh(f"{AS_RECEPTION} kiosk doctor", check=False)
    assert doctor.returncode == 1 and "kiosk service: not running" in doctor.stdout, doctor.stdout
    machine.sh("systemctl start kiosk.service")
    machine.wait_for("the kiosk again", machine.kiosk_pids, timeout=120)


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture
def pg_database() -> Iterator[str]:
    import psycopg

    server = PG_SERVER.replace("postgresql+psycopg://", "postgresql://")
    name = f"kiosk_booted_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_a_postgresql_install_backs_up(machine, timings, pg_database):
    with timings.measure("install.sh --database-url (PostgreSQL, postgresql-client)"):
        done = _install(
            machine,
            f"--database-url {pg_database}",
            "--force-config",
            f"--admin '{ADMIN}'",
            f"--head '{HEAD}'",
        )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "postgresql-client" in machine.packages()
    assert "postgresql-client" in machine.path("/etc/kiosk/installed-packages").read_text().split()
    before = _backups(machine)
    machine.sh("systemctl start kiosk-backup.service")
    assert machine.unit("kiosk-backup.service", "Result")["Result"] == "success"
    new = _backups(machine) - before
    assert len(new) == 1, new
    listing = machine.sh(f"pg_restore --list /var/lib/kiosk/backups/{new.pop()}").stdout
    assert "TABLE DATA public staff" in listing or "TABLE DATA" in listing and "staff" in listing, listing[
        -2000:
    ]
    doctor = machine.sh(f"{AS_RECEPTION} kiosk doctor", check=False)
    assert "last backup: ok" in doctor.stdout and "database: ok" in doctor.stdout, doctor.stdout


# ---------------------------------------------------------------- uninstall


def _leftovers(machine: Machine) -> list[str]:
    """Files under the overlay's upper layer (what changed since the minimal root) named after the kiosk."""
    upper = machine.work / "upper"
    found = []
    for path in upper.rglob("*"):
        rel = "/" + str(path.relative_to(upper))
        # Users' own folders (the receptionist's ~/.local/share/kiosk from running the console) are
        # theirs, not the installer's: uninstall.sh never touches a home folder.
        if "kiosk" not in rel or rel.startswith(
            ("/var/cache/apt", "/var/lib/apt", "/var/log/journal", "/home/")
        ):
            continue
        if path.is_char_device() and os.stat(path, follow_symlinks=False).st_rdev == 0:
            continue  # an overlay whiteout: a file that was removed
        found.append(rel)
    return sorted(found)


def _assert_system_clean(machine: Machine, packages: bool = True) -> None:
    assert machine.sh("systemctl is-system-running").stdout.strip() == "running"
    units = machine.sh("systemctl list-units --all --no-legend --plain 'kiosk*'").stdout
    assert not units.strip(), units
    if packages:
        assert machine.packages() == machine.before_packages, machine.packages() ^ machine.before_packages
        assert machine.enabled_units() == machine.before_enabled


def _remove_test_dropins(machine: Machine) -> None:
    for test_dropin in ("kiosk.service.d", "kiosk-backup.timer.d"):
        machine.sh(f"rm -rf /etc/systemd/system/{test_dropin}")
    machine.sh("systemctl daemon-reload")


def _add_test_dropins(machine: Machine) -> None:
    for unit, text in (("kiosk.service", HEADLESS_DROPIN), ("kiosk-backup.timer", TIMER_DROPIN)):
        dropin = machine.path(f"/etc/systemd/system/{unit}.d/test.conf")
        dropin.parent.mkdir(parents=True, exist_ok=True)
        dropin.write_text(text)


def test_uninstall_removes_what_it_made_and_keeps_the_data(machine, timings):
    """--keep-packages here (the packages go in the purge below, so apt installs them only once)."""
    with timings.measure("uninstall.sh --keep-packages"):
        done = machine.sh("bash /mnt/installer/linux/uninstall.sh --keep-packages", check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    _remove_test_dropins(machine)
    _assert_system_clean(machine, packages=False)
    assert {"cage", "xwayland"} <= machine.packages()
    assert not machine.path("/var/lib/systemd/timers/stamp-kiosk-backup.timer").exists()
    kept = set(_leftovers(machine))
    assert {"/var/lib/kiosk/kiosk.sqlite3", "/etc/kiosk/kiosk.toml", "/etc/kiosk/installed-packages"} <= kept
    made = {p for p in kept if not p.startswith(("/var/lib/kiosk", "/var/log/kiosk", "/etc/kiosk"))}
    # The kiosk user and group stay (they own the data).
    assert not made, made
    assert machine.sh("getent passwd kiosk", check=False).returncode == 0


def test_uninstall_purge_data_right_after_the_kiosk_ran_finishes_and_leaves_nothing(machine, timings):
    _add_test_dropins(machine)
    with timings.measure("install.sh again (the packages still there)"):
        done = _install(machine, "--force-config", "--staff", "reception", pins=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    machine.wait_for("the kiosk", machine.kiosk_pids, timeout=120)
    with timings.measure("uninstall.sh --purge-data (the kiosk running; apt purges its packages)"):
        done = machine.sh("bash /mnt/installer/linux/uninstall.sh --purge-data", check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "removed the kiosk and all its data" in done.stdout
    _remove_test_dropins(machine)
    _assert_system_clean(machine)
    assert machine.sh("getent passwd kiosk", check=False).returncode != 0
    assert machine.sh("getent group kiosk", check=False).returncode != 0
    assert "kiosk" not in machine.sh("id -nG reception").stdout
    assert _leftovers(machine) == []
