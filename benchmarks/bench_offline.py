"""Offline mode on a private PostgreSQL cluster that is stopped and started again.

    PYTHONPATH=. python benchmarks/bench_offline.py [--visitors 200] [--bans 1000]

Builds a kiosk (kiosk.app, offline mode on) on a private cluster (benchmarks/reliability/pgcluster.py,
initdb on a free port; never the shared server), with ``--bans`` active bans. Prints how long a refresh
of the local copy takes, how long the first visitor waits when the server has just gone (connection
refused), each offline sign-in's screen + complete + badge (p50/p99/max), and how long the replay of the
whole queue takes once the server is back (and its rate), then checks every visitor is in the central
database exactly once.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path


class _Printer:
    def __init__(self) -> None:
        self.printed = 0

    def print_badge(self, badge) -> None:
        self.printed += 1


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=200)
    parser.add_argument("--bans", type=int, default=1000)
    args = parser.parse_args()

    import os

    os.environ.setdefault("KIOSK_DATA_DIR", tempfile.mkdtemp(prefix="kiosk-bench-offline-"))
    os.environ.setdefault("KIOSK_CONFIG", str(Path(os.environ["KIOSK_DATA_DIR"]) / "kiosk.toml"))
    import sqlalchemy as sa

    from benchmarks.reliability.pgcluster import Cluster
    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.domain.model import Actor, Ban, PersonType, Role
    from kiosk.services.visits import VisitDetails

    cluster = Cluster()
    try:
        cluster.start()
        printer = _Printer()
        app = build_app(Settings(database_url=cluster.url), printer=printer, offline=True, create=True)
        try:
            boot = Actor(name="bench", role=None, source="command line")
            app.staff.add(boot, "Bench Admin", Role.ADMINISTRATOR, "975310")
            admin = app.staff.authenticate("Bench Admin", "975310")
            app.staff.add(admin, "Bench Head", Role.HEAD, "864213")
            head = app.staff.authenticate("Bench Head", "864213")
            today = app.deps.clock.today()
            for i in range(args.bans):
                app.bans.create(head, Ban(id=None, name=f"Banned{i:05d} Person{i % 97:02d}", start=today))
            sign_in = app.offline
            assert sign_in is not None
            started = time.perf_counter()
            sign_in.refresh()
            refresh_s = time.perf_counter() - started
            policy = sign_in.current_policy()
            assert policy is not None
            sign_in.screen("Warm", "Up", PersonType.VISITOR, app.place)  # the central screener is built

            cluster.stop()
            times: list[float] = []
            for i in range(args.visitors):
                started = time.perf_counter()
                screened = sign_in.screen(f"Guest{i:04d}", "Visiting", PersonType.VISITOR, app.place)
                sign_in.complete(
                    screened,
                    VisitDetails(host="Reception"),
                    app.place,
                    acknowledged_policy_id=policy.id,
                    journey_key=uuid.uuid4().hex,
                )
                times.append(time.perf_counter() - started)
            first = times[0]
            rest = times[1:] or times

            cluster.start()
            started = time.perf_counter()
            sign_in.tick()
            replay_s = time.perf_counter() - started
            engine = sa.create_engine(cluster.url, poolclass=sa.pool.NullPool)
            with engine.connect() as conn:
                n = conn.execute(
                    sa.text(
                        "SELECT COUNT(DISTINCT journey_key), COUNT(*) FROM visits WHERE name_as_typed LIKE 'Guest%'"
                    )
                ).one()
            engine.dispose()
        finally:
            app.dispose()
    finally:
        cluster.remove()

    print(f"bans in the local copy        {args.bans}")
    print(f"refresh of the local copy     {refresh_s * 1000:.0f} ms")
    print(f"first sign-in after the cut   {first * 1000:.0f} ms (finds the server gone, then offline)")
    print(
        f"offline sign-in (screen+complete+badge)  p50 {statistics.median(rest) * 1000:.1f} ms  "
        f"p99 {_p(rest, 0.99) * 1000:.1f} ms  max {max(rest) * 1000:.1f} ms  ({len(rest)} visitors)"
    )
    print(
        f"replay of {args.visitors} sign-ins      {replay_s:.2f} s ({args.visitors / replay_s:.0f} per second)"
    )
    print(f"central visits                {n[1]} rows, {n[0]} journeys (expected {args.visitors} each)")
    print(f"badges printed                {printer.printed}")
    return 0 if n[0] == n[1] == args.visitors and printer.printed == args.visitors else 1


if __name__ == "__main__":
    raise SystemExit(main())
