"""The door's check of a collector on a whole school's roll: import time and the time per check.

    PYTHONPATH=. python benchmarks/bench_collection_check.py [--pupils 1500] [--checks 200]

Fills a fresh SQLite database with a roll as a school information system exports it (three collectors a
pupil, one family in ten with a collection password), imports it through PupilService.import_csv (as
`kiosk pupils import` does), then times CollectionDesk.verdict: the first check (which builds the index of
the children's and the court orders' names; the kiosk builds it after its first paint) and each check after
it (an authorised collector; one in ten with the argon2 password check).
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

FIRST = (
    "Amelia Oliver Isla George Ava Noah Mia Leo Ivy Arlo Freya Theo Zara Omar Aisha Jack Lily Harry".split()
)
LAST = (
    "Smith Jones Taylor Brown Williams Wilson Patel Khan Ali Evans Hughes Okafor Nowak Begum Hussain".split()
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pupils", type=int, default=1500)
    ap.add_argument("--checks", type=int, default=200)
    args = ap.parse_args()
    os.environ["KIOSK_DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    from kiosk.app import build_app
    from kiosk.config import load_settings
    from kiosk.domain.model import Actor, Role

    app = build_app(load_settings())
    app.staff.add(
        Actor(name="bench", role=None, source="command line"), "Bench Admin", Role.ADMINISTRATOR, "9753"
    )
    admin = app.staff.authenticate("Bench Admin", "9753")
    app.staff.add(admin, "Bench Reception", Role.RECEPTIONIST, "2468")
    reception = app.staff.authenticate("Bench Reception", "2468")
    rng = random.Random(1)
    rows = [
        "Legal Forename,Legal Surname,Reg Group,UPN,Contact 1 Name,Contact 1 Relationship,Contact 2 Name,"
        "Contact 2 Relationship,Contact 3 Name,Contact 3 Relationship,Collection Password"
    ]
    for i in range(args.pupils):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)}{i}"
        password = f"word{i:04d}" if i % 10 == 0 else ""
        rows.append(
            f"{first},{last},{i % 30}A,U{i:05d},{rng.choice(FIRST)} {last},Mother,{rng.choice(FIRST)} {last},"
            f"Father,{rng.choice(FIRST)} {rng.choice(LAST)},Grandparent,{password}"
        )
    start = time.perf_counter()
    summary = app.pupils.import_csv(reception, "\n".join(rows) + "\n", "bench.csv")
    import_s = time.perf_counter() - start
    desk = app.pupils.desk
    start = time.perf_counter()
    desk.verdict("Nobody Known", "Nobody Atall")
    first_ms = (time.perf_counter() - start) * 1000
    times, with_password = [], []
    for i, pupil in enumerate(app.pupils.pupils(reception)[: args.checks]):
        password = f"word{i:04d}" if pupil.has_password else ""
        start = time.perf_counter()
        verdict = desk.verdict(pupil.collectors[0].name, pupil.full_name, password)
        took = (time.perf_counter() - start) * 1000
        (with_password if pupil.has_password else times).append(took)
        assert verdict.outcome.value in ("authorised", "wrong collection password"), verdict
    times.sort()
    print(f"import: {summary} in {import_s:.1f} s")
    print(f"first check (builds the index): {first_ms:.0f} ms")
    print(
        f"check without a password: median {times[len(times) // 2]:.1f} ms, "
        f"p95 {times[int(len(times) * 0.95)]:.1f} ms ({len(times)} checks)"
    )
    if with_password:
        with_password.sort()
        print(
            f"check with the family password (argon2): median {with_password[len(with_password) // 2]:.1f} ms"
        )
    app.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
