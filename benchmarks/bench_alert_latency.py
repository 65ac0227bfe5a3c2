"""How long from a kiosk process committing a held visit to another process seeing the alert.

    python benchmarks/bench_alert_latency.py [--trials 20] [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test]

A kiosk subprocess screens a banned name on request; this process watches with the event feed
(LISTEN/NOTIFY on PostgreSQL, PRAGMA data_version on SQLite) and, like the console, confirms the held
visit with a query. Prints median and p95 per database, from the moment screen() returned (the
commit and, on PostgreSQL, the NOTIFY are done by then) and from the moment it was called.
"""

from __future__ import annotations

import argparse
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

from kiosk.domain.events import Change, ChangeEvent

KIOSK = """
import sys, time
from kiosk.app import make_notifier
from kiosk.app import build_app
from kiosk.config import Settings
from kiosk.domain.model import PersonType

settings = Settings(database_url=sys.argv[1])
settings.kiosk.name = "Side gate"
app = build_app(settings, schema=sys.argv[2] or None, migrate=False)
app.deps.notifier = make_notifier(app.deps.uow.engine, settings)
app.sign_in.screen("Warm", "Up", PersonType.VISITOR, app.place)  # build the screener before timing
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() != "go":
        break
    before = time.time()
    result = app.sign_in.screen("Bill", "Hargreaves", PersonType.PARENT, app.place)
    after = time.time()
    print(before, after, result.visit_id, flush=True)
app.dispose()
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run(url: str, schema: str | None, trials: int) -> tuple[list[float], list[float]]:
    from kiosk.alerts.feed import build_feed
    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.domain.model import Actor, Ban, Role

    app = build_app(Settings(database_url=url), schema=schema)
    # Stand-ins for the head (who approves the ban) and reception (who reads the held list).
    cli = Actor(name="bench head", role=Role.HEAD, source="console")
    reception = Actor(name="bench reception", role=Role.RECEPTIONIST, source="console")
    today = app.deps.clock.today()
    app.bans.create(
        cli,
        Ban(
            id=None,
            name="William Hargreaves",
            start=today - timedelta(days=1),
            end=today + timedelta(days=300),
            categories=("disruptive behaviour",),
        ),
    )
    seen: dict[int, float] = {}
    arrived = threading.Condition()
    is_pg = app.deps.uow.engine.dialect.name == "postgresql"

    def on_event(event: ChangeEvent) -> None:
        now = time.time()
        if is_pg and event.change is Change.ALERT_RAISED:
            ids = [event.payload.get("visit_id")]
        else:
            ids = [v.id for v in app.sign_in.held(reception)]  # what the console does on "db.changed"
            now = time.time()
        with arrived:
            for visit_id in ids:
                seen.setdefault(visit_id, now)
            arrived.notify_all()

    feed = build_feed(app.deps.uow.engine, app.settings)
    feed.subscribe(on_event)
    feed.ready.wait(10)
    engine = app.deps.uow.engine
    kiosk = subprocess.Popen(
        [sys.executable, "-c", KIOSK, engine.url.render_as_string(hide_password=False), schema or ""],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    after_return: list[float] = []
    from_call: list[float] = []
    try:
        assert kiosk.stdout.readline().strip() == "ready"
        time.sleep(0.5)  # let the warm-up's change notifications pass
        for _ in range(trials):
            kiosk.stdin.write("go\n")
            kiosk.stdin.flush()
            before, after, visit_id = kiosk.stdout.readline().split()
            visit_id = int(visit_id)
            with arrived:
                arrived.wait_for(lambda vid=visit_id: vid in seen, timeout=30)
            if visit_id in seen:
                after_return.append(max(0.0, seen[visit_id] - float(after)) * 1000)
                from_call.append((seen[visit_id] - float(before)) * 1000)
            time.sleep(0.3 + random.random() * 0.25)  # no phase-lock with the SQLite poll
    finally:
        kiosk.stdin.close()
        kiosk.wait(30)
        feed.stop()
        app.dispose()
    return after_return, from_call


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()
    os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-bench-"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(
            (
                "SQLite (data_version, 250 ms poll)",
                *run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", None, args.trials),
            )
        )
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    try:
        import sqlalchemy as sa

        admin = sa.create_engine(args.pg_url.replace("postgresql://", "postgresql+psycopg://"))
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        try:
            rows.append(("PostgreSQL (LISTEN/NOTIFY)", *run(args.pg_url, schema, args.trials)))
        finally:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    except Exception as exc:  # noqa: BLE001 - no server: report SQLite alone
        print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
    print(
        f"{'database':36} {'n':>3} {'median ms':>10} {'p95 ms':>8} {'median from call':>17} {'p95 from call':>14}"
    )
    for name, after, call in rows:
        if not after:
            print(f"{name:36}   0  (no alert seen)")
            continue
        print(
            f"{name:36} {len(after):3d} {statistics.median(after):10.1f} {percentile(after, 0.95):8.1f} "
            f"{statistics.median(call):17.1f} {percentile(call, 0.95):14.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
