"""A trust's school-gate peak on one PostgreSQL: 150 kiosks and 50 consoles, sign-in and alert latency, connections.

    python benchmarks/bench_trust_scale.py [--quick] [--duration 120] [--kiosks 150] [--consoles 50]
        [--processes 4] [--held-percent 5] [--schools 1]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test]

It makes a database of its own on the server (dropped at the end), with one site per console (a school's
entrance with its reception) and the kiosks spread over the sites, and a ban list. Then a few worker
processes each host a share of the kiosks and consoles as real Services objects (kiosk.app.build_app,
live: housekeeping and the event feed running, as in the kiosk and the console), so each process has one
bounded pool ([database] pool_size + max_overflow) and one LISTEN connection.

Each kiosk signs a visitor in every --interval seconds (screen, then complete, through the real services;
the badge is not printed: benchmarks/bench_badge.py times that), starting at a random moment of the
first interval; --held-percent of the visitors give a banned name and are held. Each console watches its
process's feed and does what the console's call for held visitors does (kiosk/ui/console/window.py and
attention.py): on every event that may change who is held (ChangeEvent.may_change_holds), its school's
held visit ids, one look at a time and one more after it; the alert's latency is from the moment the
kiosk's screen() returned (committed and NOTIFY sent) to the moment a console of the visit's site sees
the visit (the kiosk and the console are in different processes when --processes > 1). Each program's
housekeeping runs at its own moment of its 10 minutes (machines start at different times), not all at
once. The connections are counted by PostgreSQL (pg_stat_activity, every 100 ms), with how many of them
wait for a lock (the audit chain's advisory lock serialises every audited write of a school) or sit idle
inside a transaction (their program waiting for Python's GIL or its pool).

What a sign-in costs is printed too: the kiosk thread's CPU time (what one kiosk's own PC spends), all
worker processes' CPU time per sign-in (200 programs' simulation on this machine's cores), the server's
CPU time per sign-in (its backends for this database, from /proc, when the server runs on this machine),
the SQL statements, transactions and pool check-outs of each sign-in, and the audit lock's wait and hold.
On real hardware each kiosk is its own PC: the server's share decides p99 there.

--schools N (N > 1) makes it a trust of N schools (kiosk.db.trust): the sites are shared out over the
schools, row-level security is switched on, the ban list is the trust's, and every kiosk and console
connects as its school's own database role with school.trust_school_id set, so each school's audited
writes chain under that school's own lock (one audit chain per school). Each process then has one pool
per school's role (kept small: --pool-size, --max-overflow), and the roles are dropped at the end.

Reference, measured in the same run: 20 sign-ins by one kiosk alone before the peak (the ratio says what
the crowd costs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIRST = [
    "Priya",
    "Tom",
    "Aisha",
    "Gareth",
    "Olu",
    "Marta",
    "Sean",
    "Mei",
    "Daniel",
    "Ffion",
    "Kwame",
    "Zofia",
]
LAST = ["Shah", "Jones", "Evans", "Okafor", "Nowak", "Byrne", "Chen", "Patel", "Hughes", "Ali", "Murphy"]
BANNED = [
    "William Hargreaves",
    "Keith Blackwood",
    "Darren Pike",
    "Sharon Mottram",
    "Lee Castellan",
    "Gordon Fairbrass",
    "Tracey Vennor",
    "Nigel Strudwick",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def school_of(site: int, schools: int) -> int:
    """The school a site belongs to in a trust of ``schools`` schools (1 for a single school)."""
    return site % schools + 1 if schools > 1 else 1


def app_settings(url: str, app_name: str, site: int, name: str, trust: dict | None = None):
    from sqlalchemy.engine import make_url

    from kiosk.config import Settings

    if trust and trust["schools"] > 1:
        school = school_of(site, trust["schools"])
        url = (
            make_url(url)
            .set(username=f"{trust['prefix']}_school_{school}", password=None)
            .render_as_string(hide_password=False)
        )
    settings = Settings(database_url=f"{url}?application_name={app_name}")
    settings.kiosk.site = f"School {site:02d}"
    settings.kiosk.name = name
    if trust and trust["schools"] > 1:
        settings.school.trust_school_id = school
        settings.database.pool_size = trust["pool_size"]
        settings.database.max_overflow = trust["max_overflow"]
    return settings


# ------------------------------------------------------------------------------------------ worker


from kiosk.db.repositories import AUDIT_LOCK_TIMES  # noqa: E402 - after the path set-up above


class SqlCounter:
    """Counts, on a process's engines, what each kiosk thread's sign-in sends, and times the audit lock.

    Statements, transactions begun and pool check-outs (each a ping: pool_pre_ping) of the thread that
    marks itself with ``start()``; the audit chain's advisory lock: how long the statement waited, and how
    long it was held (from its return to the connection's return to the pool, i.e. after the COMMIT)."""

    def __init__(self) -> None:
        self.local = threading.local()
        self.lock_wait_ms: list[float] = []
        self.lock_held_ms: list[float] = []
        self._engines: set[int] = set()

    def watch(self, engine) -> None:
        from sqlalchemy import event

        if id(engine) in self._engines:
            return
        self._engines.add(id(engine))
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        event.listen(engine, "begin", self._begin)
        event.listen(engine.pool, "checkout", self._checkout)
        event.listen(engine.pool, "checkin", self._checkin)

    def start(self) -> None:
        self.local.counts = [0, 0, 0]  # statements, transactions, check-outs

    def stop(self) -> tuple[int, int, int]:
        counts = getattr(self.local, "counts", None) or [0, 0, 0]
        self.local.counts = None
        return counts[0], counts[1], counts[2]

    def _bump(self, i: int) -> None:
        counts = getattr(self.local, "counts", None)
        if counts is not None:
            counts[i] += 1

    def _before(self, _conn, _cursor, _statement, _params, _context, _many) -> None:
        self._bump(0)

    def _after(self, conn, _cursor, _statement, _params, _context, _many) -> None:
        # The chain's lock and head read go in one pipeline on the driver's connection
        # (SqlAuditRepository._lock_and_read_head), which stamps when the lock was asked for and got.
        times = conn.info.pop(AUDIT_LOCK_TIMES, None)
        if times is not None:
            self._note_lock(conn.info, times)

    def _note_lock(self, info, times: tuple[float, float]) -> None:
        asked, got = times
        self._bump(0)  # the pipeline's two statements (one round trip)
        self._bump(0)
        self.lock_wait_ms.append((got - asked) * 1000)
        info["bench_lock_got"] = got

    def _begin(self, _conn) -> None:
        self._bump(1)

    def _checkout(self, _dbapi, _record, _proxy) -> None:
        self._bump(2)

    def _checkin(self, _dbapi, record) -> None:
        if record is None:
            return
        times = record.info.pop(AUDIT_LOCK_TIMES, None)
        if times is not None:  # the pipeline was the transaction's last statement before its COMMIT
            self._note_lock(record.info, times)
        got = record.info.pop("bench_lock_got", None)
        if got is not None:
            self.lock_held_ms.append((time.perf_counter() - got) * 1000)


def stagger_housekeeping(app, rng: random.Random) -> None:
    """Each program's housekeeping at its own moment of its 10 minutes, as machines started at different
    times run it, not all 200 at once 15 s after the benchmark built them."""
    from kiosk.services.housekeeping import Housekeeping

    old = getattr(app, "housekeeping", None)
    if old is None:
        return
    old.stop()
    new = Housekeeping(old.jobs, old.check_every_s, first_after_s=rng.uniform(0, old.check_every_s))
    new.start()
    app.housekeeping = new
    app.closers.append(new.stop)


def worker(spec: dict) -> dict:
    """One process: its kiosks and consoles, the peak, then what it measured (as JSON)."""
    from kiosk.app import build_app
    from kiosk.domain.events import ChangeEvent
    from kiosk.domain.model import PersonType
    from kiosk.services.visits import VisitDetails

    url, app_name, trust = spec["url"], spec["app_name"], spec.get("trust")
    kiosks = [
        build_app(app_settings(url, app_name, site, f"Gate {site:02d}-{n}", trust), migrate=False, live=True)
        for site, n in spec["kiosks"]
    ]
    consoles = [
        (
            site,
            build_app(
                app_settings(url, app_name, site, f"Reception {site:02d}", trust), migrate=False, live=True
            ),
        )
        for site in spec["consoles"]
    ]
    rng = random.Random(spec["seed"])
    counter = SqlCounter()
    for app in kiosks + [app for _site, app in consoles]:
        counter.watch(app.deps.uow.engine)
        stagger_housekeeping(app, rng)
    for app in kiosks:  # build each kiosk's screener before the clock starts, as the kiosk does at start
        app.ban_list.prepare(app.place.site_id)
    policy = kiosks[0].sign_in.current_policy() if kiosks else None
    print("ready", flush=True)
    start_at = float(sys.stdin.readline())
    end_at = start_at + spec["duration"]
    stop = threading.Event()
    # (screen ms, total ms, held, the kiosk thread's CPU ms, statements, transactions, check-outs)
    sign_ins: list[tuple[float, float, bool, float, int, int, int]] = []
    held: list[tuple[int, int, float]] = []  # (visit id, site id, screen returned at)
    errors: list[str] = []
    seen: list[tuple[int, int, float]] = []  # (visit id, site id, seen by a console of this site at)
    checks = [0]  # the consoles' looks for held visitors
    lock = threading.Lock()

    def kiosk_loop(app, offset: float, seed: int) -> None:
        own = random.Random(seed)
        due = start_at + offset
        while True:
            if stop.wait(max(0.0, due - time.time())) or due >= end_at:
                return
            due += spec["interval"]
            banned = own.random() * 100 < spec["held_percent"]
            if banned:
                first, last = own.choice(BANNED).split(" ", 1)
            else:
                first, last = own.choice(FIRST), f"{own.choice(LAST)}-{own.randrange(10**6)}"
            try:
                counter.start()
                cpu = time.thread_time()
                began = time.perf_counter()
                screened = app.sign_in.screen(first, last, PersonType.VISITOR, app.place)
                returned = time.time()
                screen_ms = (time.perf_counter() - began) * 1000
                if not screened.held:
                    app.sign_in.complete(
                        screened,
                        VisitDetails(host="Mrs Patel"),
                        app.place,
                        acknowledged_policy_id=policy.id if policy else None,
                        print_badge=False,
                    )
                total_ms = (time.perf_counter() - began) * 1000
                cpu_ms = (time.thread_time() - cpu) * 1000
                sql = counter.stop()
            except Exception as exc:  # noqa: BLE001 - counted and reported, the kiosk carries on
                counter.stop()
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
                continue
            with lock:
                sign_ins.append((screen_ms, total_ms, screened.held, cpu_ms, *sql))
                if screened.held:
                    held.append((screened.visit_id, app.place.site_id, returned))

    def console_loop(site: int, app) -> None:
        """What the console's AlertAttention does (kiosk/ui/console/window.py): on every event that may
        change who is held (ChangeEvent.may_change_holds), its school's held visit ids, one check at a
        time and one more after it for what came meanwhile. The benchmark then reads which of them are
        new and at this console's site (the console shows them all; the site is the benchmark's)."""
        wake = threading.Event()
        site_id = app.place.site_id
        known = set(app.sign_in.held_visit_ids())
        school = app.settings.school.trust_school_id or None

        def on_event(event: ChangeEvent) -> None:
            # As ConsoleEvents relays it (kiosk/ui/console/context.py): not another school's own records.
            if event.may_change_holds and event.concerns_school(school):
                wake.set()

        app.feed.subscribe(on_event)
        while not stop.is_set():
            if not wake.wait(0.5):
                continue
            wake.clear()
            try:
                ids = set(app.sign_in.held_visit_ids())
            except Exception as exc:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(f"console: {type(exc).__name__}: {exc}")
                continue
            now = time.time()
            with lock:
                seen.extend((visit_id, site_id, now) for visit_id in ids - known)
                checks[0] += 1
            known = ids

    threads = [
        threading.Thread(target=console_loop, args=(site, app), daemon=True) for site, app in consoles
    ] + [
        threading.Thread(
            target=kiosk_loop, args=(app, rng.random() * spec["interval"], rng.randrange(10**9)), daemon=True
        )
        for app in kiosks
    ]
    for t in threads:
        t.start()
    time.sleep(max(0.0, start_at - time.time()))
    cpu_at_start = time.process_time()
    counter.lock_wait_ms.clear()  # the peak's alone, not the start's
    counter.lock_held_ms.clear()
    time.sleep(max(0.0, end_at - time.time()))
    process_cpu_s = time.process_time() - cpu_at_start  # the whole process's, over the peak
    time.sleep(spec["settle"])
    stop.set()
    for t in threads:
        t.join(30)
    for app in kiosks + [app for _site, app in consoles]:
        app.dispose()
    return {
        "sign_ins": sign_ins,
        "held": held,
        "seen": seen,
        "errors": errors,
        "checks": checks[0],
        "process_cpu_s": process_cpu_s,
        "lock_wait_ms": counter.lock_wait_ms,
        "lock_held_ms": counter.lock_held_ms,
    }


# ------------------------------------------------------------------------------------------ main


def setup(url: str, sites: int, app_name: str) -> tuple[float, float]:
    """Migrate the new database, add the ban list, sites and kiosks; time 20 sign-ins alone (reference)."""
    from kiosk.app import build_app
    from kiosk.domain.model import Actor, Ban, PersonType, Role
    from kiosk.services.visits import VisitDetails

    app = build_app(app_settings(url, app_name, 0, "Reference gate"))
    try:
        head = Actor(name="bench head", role=Role.HEAD, source="console")
        today = app.deps.clock.today()
        for name in BANNED:
            app.bans.create(
                head,
                Ban(
                    id=None,
                    name=name,
                    start=today - timedelta(days=1),
                    end=today + timedelta(days=300),
                    categories=("disruptive behaviour",),
                ),
            )
        with app.deps.uow() as uow:
            for site in range(sites):
                if uow.sites.by_name(f"School {site:02d}") is None:
                    uow.sites.add(f"School {site:02d}")
            uow.commit()
        policy = app.sign_in.current_policy()
        app.ban_list.screen("Warm Up", app.place.site_id)
        alone = []
        for n in range(21):
            began = time.perf_counter()
            screened = app.sign_in.screen("Priya", f"Reference-{n}", PersonType.VISITOR, app.place)
            app.sign_in.complete(
                screened,
                VisitDetails(host="Mrs Patel"),
                app.place,
                acknowledged_policy_id=policy.id if policy else None,
                print_badge=False,
            )
            if n:  # the first warms the caches
                alone.append((time.perf_counter() - began) * 1000)
        return statistics.median(alone), percentile(alone, 0.99)
    finally:
        app.dispose()


def make_trust(url: str, sites: int, schools: int, prefix: str) -> list[str]:
    """A trust of ``schools`` schools: its sites shared out, row-level security on, the bans the trust's.

    Returns the database roles made (cluster-wide: the caller drops them)."""
    import sqlalchemy as sa

    from kiosk.db import trust

    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            for school in range(2, schools + 1):
                trust.add_school(conn, f"Trust school {school:02d}", prefix)
            made = trust.enable_row_security(conn, prefix)
            for site in range(sites):
                conn.execute(
                    sa.text("UPDATE sites SET school_id = :s WHERE name = :n"),
                    {"s": school_of(site, schools), "n": f"School {site:02d}"},
                )
            conn.execute(sa.text("UPDATE bans SET scope = 'trust'"))
    finally:
        engine.dispose()
    return [s.db_role for s in made] + [trust.trust_role(prefix)]


def backend_cpu_ticks(pid: int) -> int | None:
    """A server process's CPU time (user + system, in clock ticks), when the server runs on this machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))


def sample_connections(admin_url: str, database: str, stop: threading.Event, peak: dict) -> None:
    """Every 100 ms: the database's connections by kind, and its server processes' CPU time (the peak's
    share: from ``peak["window"]``'s start to its end; PostgreSQL's own background processes, shared with
    every database of the server, are not counted)."""
    import psycopg

    ticks: dict[int, int] = {}  # pid -> CPU ticks last read
    base: dict[int, int] | None = None
    with psycopg.connect(admin_url, autocommit=True) as conn:
        while not stop.wait(0.1):
            rows = conn.execute(
                "SELECT application_name, count(*), count(*) FILTER (WHERE wait_event_type = 'Lock'), "
                "count(*) FILTER (WHERE state = 'idle in transaction'), array_agg(pid) "
                "FROM pg_stat_activity WHERE datname = %s GROUP BY 1",
                (database,),
            ).fetchall()
            for row in rows:
                for pid in row[4]:
                    got = backend_cpu_ticks(pid)
                    if got is not None:
                        ticks[pid] = got
            window = peak.get("window")
            if window is not None and base is None and time.time() >= window[0]:
                base = dict(ticks)
            if (
                window is not None
                and base is not None
                and "server_cpu_s" not in peak
                and time.time() >= window[1]
            ):
                used = sum(t - base.get(pid, 0) for pid, t in ticks.items())
                peak["server_cpu_s"] = used / os.sysconf("SC_CLK_TCK")
            counts = {name: n for name, n, _locked, _idle, _pids in rows}
            peak.setdefault("lock_waits", []).append(sum(r[2] for r in rows))
            peak.setdefault("idle_in_tx", []).append(sum(r[3] for r in rows))
            total = sum(counts.values())
            listen = sum(n for name, n in counts.items() if name.endswith(" listen"))
            peak["total"] = max(peak.get("total", 0), total)
            peak["listen"] = max(peak.get("listen", 0), listen)
            peak["pooled"] = max(peak.get("pooled", 0), total - listen)
        peak["max_connections"] = int(conn.execute("SHOW max_connections").fetchone()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 30 s peak instead of --duration")
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of peak (default 120)")
    parser.add_argument("--kiosks", type=int, default=150)
    parser.add_argument("--consoles", type=int, default=50, help="one per site (a school's entrance)")
    parser.add_argument("--processes", type=int, default=4, help="worker processes hosting them")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between one kiosk's sign-ins")
    parser.add_argument("--held-percent", type=float, default=5.0, help="visitors giving a banned name")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument(
        "--schools",
        type=int,
        default=1,
        help="a trust of this many schools, one audit chain each (default 1)",
    )
    parser.add_argument("--pool-size", type=int, default=2, help="with --schools: each school role's pool")
    parser.add_argument("--max-overflow", type=int, default=1, help="with --schools: its overflow")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))), flush=True)
        return 0
    if args.kiosks < 1 or args.consoles < 1 or args.processes < 1:
        parser.error("--kiosks, --consoles and --processes must be at least 1")
    if not 1 <= args.schools <= args.consoles:
        parser.error("--schools must be 1 to --consoles (each school has at least one site)")
    duration = 30.0 if args.quick else args.duration
    args.load_before = f"{os.getloadavg()[0]:.1f}"
    os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-bench-"))
    import psycopg
    from sqlalchemy.engine import make_url

    from kiosk.db.engine import normalise_url

    server = make_url(normalise_url(args.pg_url))
    database = f"kiosk_bench_{uuid.uuid4().hex[:10]}"
    admin_url = server.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    url = server.set(database=database).render_as_string(hide_password=False)
    app_name = "kiosk"  # the default: what pg_stat_activity shows for a real installation
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    procs: list[subprocess.Popen] = []
    roles: list[str] = []
    trust_spec = {
        "schools": args.schools,
        "prefix": database,
        "pool_size": args.pool_size,
        "max_overflow": args.max_overflow,
    }
    try:
        alone_p50, alone_p99 = setup(url, args.consoles, app_name)
        if args.schools > 1:
            roles = make_trust(url, args.consoles, args.schools, database)
        sites = list(range(args.consoles))
        shares: list[dict] = [
            {"kiosks": [], "consoles": []} for _ in range(min(args.processes, args.kiosks + args.consoles))
        ]
        for site in sites:
            shares[site % len(shares)]["consoles"].append(site)
        for k in range(args.kiosks):
            site = k % args.consoles
            # A site's kiosks in other processes than its console: alerts cross processes.
            shares[(site + 1 + k // args.consoles) % len(shares)]["kiosks"].append((site, k // args.consoles))
        peak: dict = {}
        stop = threading.Event()
        sampler = threading.Thread(target=sample_connections, args=(admin_url, database, stop, peak))
        sampler.start()
        try:
            for i, share in enumerate(shares):
                spec = {
                    **share,
                    "url": url,
                    "app_name": app_name,
                    "trust": trust_spec,
                    "seed": 1000 + i,
                    "duration": duration,
                    "interval": args.interval,
                    "held_percent": args.held_percent,
                    "settle": 3.0,
                }
                procs.append(
                    subprocess.Popen(
                        [sys.executable, __file__, "--worker", json.dumps(spec)],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        text=True,
                        cwd=ROOT,
                    )
                )
            started = time.time()
            for proc in procs:
                line = proc.stdout.readline().strip() if proc.stdout else ""
                if line != "ready":
                    raise RuntimeError(f"a worker did not start (said {line!r})")
            print(f"{len(procs)} worker processes ready in {time.time() - started:.1f} s", file=sys.stderr)
            start_at = time.time() + 3.0
            peak["window"] = (start_at, start_at + duration)
            for proc in procs:
                assert proc.stdin is not None
                proc.stdin.write(f"{start_at}\n")
                proc.stdin.flush()
            results = []
            for proc in procs:
                out, _ = proc.communicate(timeout=duration + 120)
                results.append(json.loads(out.strip().splitlines()[-1]))
        finally:
            stop.set()
            sampler.join(10)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for role in roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
    report(results, peak, duration, args, alone_p50, alone_p99)
    return 0


def report(
    results: list[dict], peak: dict, duration: float, args, alone_p50: float, alone_p99: float
) -> None:
    sign_ins = [tuple(s) for r in results for s in r["sign_ins"]]
    held = {visit_id: (site, at) for r in results for visit_id, site, at in r["held"]}
    seen: dict[int, float] = {}
    for r in results:
        for visit_id, site, at in r["seen"]:
            if visit_id in held and held[visit_id][0] == site:
                seen[visit_id] = min(at, seen.get(visit_id, at))
    alert_ms = [max(0.0, (seen[v] - held[v][1]) * 1000) for v in held if v in seen]
    errors = [e for r in results for e in r["errors"]]
    clear = [s for s in sign_ins if not s[2]]
    totals = [s[1] for s in clear]
    screens = [s[0] for s in sign_ins]
    print(
        f"trust peak: {args.kiosks} kiosks, {args.consoles} consoles, {args.schools} school(s), "
        f"{len(results)} processes, "
        f"{duration:.0f} s, a sign-in every {args.interval:g} s per kiosk, {args.held_percent:g}% held"
    )
    print(
        f"load average before / after: {args.load_before} / {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)"
    )
    print(f"{'figure':46} {'n':>6} {'p50':>9} {'p99':>9} {'goal':>12}")

    def row(label: str, values: list[float], goal: str = "") -> None:
        if values:
            print(
                f"{label:46} {len(values):6d} {statistics.median(values):9.1f} "
                f"{percentile(values, 0.99):9.1f} {goal:>12}"
            )

    row("sign-in ms (screen + complete)", totals, "p99 <= 200")
    row("  screen ms alone", screens)
    if totals:
        print(f"{'  reference: one kiosk alone, ms':46} {20:6d} {alone_p50:9.1f} {alone_p99:9.1f}")
        print(f"{'  ratio peak / alone (p50)':46} {'':6} {statistics.median(totals) / alone_p50:9.2f}")
    row("alert to the right console ms", alert_ms, "p99 <= 1000")
    print(f"{'alerts held / seen by their console':46} {len(held):6d} {len(alert_ms):9d}")
    checks = sum(r.get("checks", 0) for r in results)
    print(f"{'consoles looking for held visitors, per s':46} {checks / duration if duration else 0:6.1f}")
    # What one sign-in costs: what a real kiosk (its own PC) spends, what the server spends.
    row("kiosk's CPU ms per sign-in (its thread)", [s[3] for s in clear])
    n = len(sign_ins) or 1
    client_cpu = sum(r.get("process_cpu_s", 0.0) for r in results)
    print(
        f"{'  all worker processes: CPU ms per sign-in':46} {len(sign_ins):6d} {client_cpu * 1000 / n:9.1f}"
        f"   (kiosks, consoles, feeds, housekeeping of {args.kiosks + args.consoles} programs)"
    )
    if "server_cpu_s" in peak:
        server_ms = peak["server_cpu_s"] * 1000 / n
        print(
            f"{'server CPU ms per sign-in (its backends)':46} {len(sign_ins):6d} {server_ms:9.1f}"
            f"   ({server_ms * args.kiosks / args.interval / 1000:.2f} cores at "
            f"{args.kiosks / args.interval:g} sign-ins/s, the consoles' reads included)"
        )
    if duration:
        # Whether the simulation itself fits this machine: a worker process near 100% of one core is
        # its GIL saturated (its kiosks wait for Python, not for the server), and the whole near the
        # core count is the machine's CPU saturated (with whatever else runs on it: see the load).
        busiest = max((r.get("process_cpu_s", 0.0) for r in results), default=0.0) / duration
        server_cores = peak.get("server_cpu_s", 0.0) / duration
        print(
            f"{'CPU used over the peak, cores':46} {'':6} {client_cpu / duration + server_cores:9.2f}"
            f"   (workers {client_cpu / duration:.2f} + server {server_cores:.2f} of {os.cpu_count()}; "
            f"busiest worker process {busiest:.0%} of a core)"
        )
    row("  SQL statements per sign-in", [float(s[4]) for s in clear])
    row("  transactions per sign-in", [float(s[5]) for s in clear])
    row("  pool check-outs (each a ping) per sign-in", [float(s[6]) for s in clear])
    row("audit chain lock: wait ms", [w for r in results for w in r.get("lock_wait_ms", [])])
    row("audit chain lock: held ms (to the commit)", [w for r in results for w in r.get("lock_held_ms", [])])
    print(
        f"{'peak connections (pg_stat_activity)':46} {peak.get('total', 0):6d} "
        f"{'pool ' + str(peak.get('pooled', 0)):>9} {'listen ' + str(peak.get('listen', 0)):>9} "
        f"{'<= ' + str(peak.get('max_connections', 100)):>12}"
    )
    for key, label in (("lock_waits", "waiting for a lock"), ("idle_in_tx", "idle in a transaction")):
        samples = peak.get(key) or [0]
        print(
            f"{'  connections ' + label + ', mean / max':46} {statistics.mean(samples):6.1f} {max(samples):9d}"
        )
    rate = len(sign_ins) / duration if duration else 0.0
    print(
        f"{'sign-ins per second (offered ' + format(args.kiosks / args.interval, '.0f') + ')':46} {rate:6.1f}"
    )
    print(f"{'errors':46} {len(errors):6d}")
    for line in sorted(set(errors))[:5]:
        print(f"  {line}")


if __name__ == "__main__":
    sys.exit(main())
