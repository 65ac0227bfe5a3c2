"""A year of data in the reception console: how long the Visit log and the Audit log take to show.

    python benchmarks/bench_console_data.py [--visits 50000] [--audit 100000] [--url postgresql://...]

Fills a fresh database (SQLite by default) with a year of visits (about 20,000 people) and audit rows, then
opens the real console window offscreen, signed in as the head, and prints the milliseconds from a click to
the first page of rows on screen: the Visit log over the whole year, a name search, the next page when the
table is scrolled to the bottom, and the Audit log. The target is 200 ms for a first page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

TARGET_MS = 200.0
FIRST = [
    "Priya",
    "Tom",
    "Grace",
    "Daniel",
    "Aisha",
    "Olivia",
    "Noah",
    "Amelia",
    "Jack",
    "Zoë",
    "Mohammed",
    "Sofia",
]
LAST = [
    "Shah",
    "Baker",
    "Okafor",
    "Evans",
    "Begum",
    "Smith",
    "Jones",
    "Williams",
    "Brown",
    "Taylor",
    "Nowak",
    "Müller",
]


def fill(services, visits: int, audit_rows: int, *, seed: int = 7) -> None:
    """Bulk-insert people, a year of visits and audit rows (plain INSERTs: seconds, not hours)."""
    from sqlalchemy import insert

    from kiosk.db import models as m
    from kiosk.domain.model import PersonType

    types = [t.value for t in PersonType]
    rnd = random.Random(seed)
    engine = services.deps.uow.engine
    now = services.deps.clock.now()
    n_people = max(1, visits * 2 // 5)
    site_id, kiosk_id = services.place.site_id, services.place.kiosk_id
    with engine.begin() as conn:
        people = []
        for i in range(n_people):
            first, last = rnd.choice(FIRST), f"{rnd.choice(LAST)}{i % 97 or ''}"
            people.append(
                dict(
                    first_name=first,
                    last_name=last,
                    first_name_key=first.casefold(),
                    last_name_key=last.casefold(),
                    person_type=rnd.choice(types),
                    created_at=now - timedelta(days=366),
                )
            )
        for chunk in range(0, len(people), 5000):
            conn.execute(insert(m.PersonRow), people[chunk : chunk + 5000])
        first_id = conn.execute(m.PersonRow.__table__.select().order_by(m.PersonRow.id).limit(1)).first().id
        rows = []
        for i in range(visits):
            person = first_id + rnd.randrange(n_people)
            signed_in = now - timedelta(seconds=rnd.randrange(365 * 24 * 3600))
            rows.append(
                dict(
                    person_id=person,
                    site_id=site_id,
                    kiosk_id=kiosk_id,
                    status="signed-out",
                    screening="clear",
                    name_as_typed=f"Visitor {i}",
                    person_type=rnd.choice(types),
                    signed_in_at=signed_in,
                    signed_out_at=signed_in + timedelta(hours=1),
                    host="Mrs Patel",
                    badge_token=uuid.uuid4().hex,
                    badge_printed=True,
                )
            )
            if len(rows) == 5000:
                conn.execute(insert(m.VisitRow), rows)
                rows = []
        if rows:
            conn.execute(insert(m.VisitRow), rows)
        entries = []
        for i in range(audit_rows):
            entries.append(
                dict(
                    at=now - timedelta(seconds=(audit_rows - i) * 300),
                    actor="kiosk:Front door",
                    source="kiosk",
                    action="signed in" if i % 2 else "signed out",
                    entity="visit",
                    entity_ids=[i],
                    detail="",
                )
            )
            if len(entries) == 5000:
                conn.execute(insert(m.AuditLogRow), entries)
                entries = []
        if entries:
            conn.execute(insert(m.AuditLogRow), entries)


def _timed(app, until, action) -> float:
    """Milliseconds from ``action()`` to ``until()`` being true, with the GUI thread running events."""
    started = time.perf_counter()
    action()
    deadline = started + 30
    while not until():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("timed out waiting for the page")
        time.sleep(0.001)
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=50_000)
    parser.add_argument("--audit", type=int, default=100_000)
    parser.add_argument("--url", default="", help="a database URL (default: a new SQLite file)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build_app
    from kiosk.config import Settings
    from kiosk.domain.model import Actor, Role
    from kiosk.ui.console.main import build_console_window
    from kiosk.ui.ops import wait_for_ops

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-console-"))
    url = args.url or f"sqlite:///{folder / 'kiosk.sqlite3'}"
    settings = Settings(database_url=url)
    settings.printing.folder = str(folder / "badges")
    schema = f"bench_console_{uuid.uuid4().hex[:8]}" if url.startswith("postgresql") else None
    services = build_app(settings, schema=schema)
    try:
        cli = Actor(name="cli:bench", role=None, source="command line")
        services.staff.add(cli, "Alex Admin", Role.ADMINISTRATOR, "9753")
        admin = services.staff.authenticate("Alex Admin", "9753")  # the bootstrap adds only the first
        services.staff.add(admin, "Helen Head", Role.HEAD, "864213")
        started = time.perf_counter()
        fill(services, args.visits, args.audit)
        print(
            f"filled {args.visits} visits and {args.audit} audit rows in {time.perf_counter() - started:.1f} s"
        )

        window = build_console_window(services)
        window.resize(1280, 800)
        window.show()
        window.session.start(services.staff.authenticate("Helen Head", "864213"))
        wait_for_ops()
        app.processEvents()
        log = window.shell.pages["visit-log"]
        audit = window.shell.pages["audit"]
        today = services.deps.clock.today()
        log.date_from.setDate(QDate(today.year, today.month, today.day).addDays(-365))
        times: dict[str, list[float]] = {
            "visit log, a year": [],
            "name search": [],
            "next page": [],
            "audit log": [],
        }
        for _ in range(args.runs):
            window.shell.show_page("on-site")
            wait_for_ops()
            log.name.clear()
            times["visit log, a year"].append(
                _timed(app, lambda: log.model.rowCount() > 0, lambda: window.shell.show_page("visit-log"))
            )
            log.name.setText("smith")
            times["name search"].append(
                _timed(app, lambda: log.model.rowCount() > 0, log.search_button.click)
            )
            log.name.clear()
            _timed(app, lambda: log.model.rowCount() > 0, log.search_button.click)
            loaded = log.model.rowCount()
            times["next page"].append(
                _timed(app, lambda n=loaded: log.model.rowCount() > n, lambda: log.table.scrollToBottom())
            )
            audit.watch.stale = True
            times["audit log"].append(
                _timed(app, lambda: audit.model.rowCount() > 0, lambda: window.shell.show_page("audit"))
            )
        print(f"{log.summary.text()} ({log.model.rowCount()} rows loaded so far)")
        for name, values in times.items():
            worst = max(values)
            verdict = (
                "ok" if name == "next page" or worst <= TARGET_MS else f"over the {TARGET_MS:.0f} ms target"
            )
            print(f"{name:>18}: median {statistics.median(values):6.1f} ms, worst {worst:6.1f} ms  {verdict}")
        window.session.lock()
        window.close()
        wait_for_ops()
    finally:
        services.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
