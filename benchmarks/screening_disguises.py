#!/usr/bin/env python3
"""Each disguise of eight banned names, through the real sign-in service on a fresh SQLite file.

    .venv/bin/python benchmarks/screening_disguises.py

Prints one row per disguise: how many of the eight were held, refused at the kiosk, or let
through, and an example. The disguises are those of tests/integration/services/
test_screening_disguises.py (which asserts every one is held).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class _Printer:
    """Badges are not the point here: keep them in memory."""

    def __init__(self) -> None:
        self.printed: list[object] = []

    def print_badge(self, badge: object) -> None:
        self.printed.append(badge)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KIOSK_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["KIOSK_CONFIG"] = str(Path(tmp) / "kiosk.toml")
        from kiosk.app import build_app
        from kiosk.config import Settings
        from kiosk.domain.errors import InvalidInput
        from kiosk.domain.model import Actor, Ban, PersonType, Role
        from tests.integration.services.test_screening_disguises import BANNED, DISGUISES

        app = build_app(Settings(database_url=f"sqlite:///{Path(tmp) / 'kiosk.sqlite3'}"), printer=_Printer())  # type: ignore[arg-type]
        try:
            cli = Actor(name="cli:bench", role=None, source="command line")
            # As a school starts: the first administrator from the command line, the rest by them.
            app.staff.add(cli, "Bench Administrator", Role.ADMINISTRATOR, "9753")
            admin = app.staff.authenticate("Bench Administrator", "9753")
            app.staff.add(admin, "Bench Head", Role.HEAD, "864213")
            head = app.staff.authenticate("Bench Head", "864213")
            today = app.deps.clock.today()
            for first, last in BANNED:
                app.bans.create(
                    head,
                    Ban(
                        id=None,
                        name=f"{first} {last}",
                        start=today - timedelta(days=1),
                        end=today + timedelta(days=90),
                    ),
                )
            print("| disguise | held | refused | through | example |\n|---|---|---|---|---|")
            kinds = {"none (plain name)": lambda w: w, **DISGUISES}
            kinds["zero-width space (refused by the kiosk)"] = lambda w: w[:2] + "\u200b" + w[2:]
            for kind, change in kinds.items():
                held = refused = through = 0
                for first, last in BANNED:
                    try:
                        r = app.sign_in.screen(change(first), change(last), PersonType.VISITOR, app.place)
                    except InvalidInput:
                        refused += 1
                        continue
                    held += r.held
                    through += not r.held
                example = " ".join((change(BANNED[0][0]), change(BANNED[0][1])))
                print(f"| {kind} | {held}/8 | {refused}/8 | {through}/8 | `{example!r}` |")
        finally:
            app.dispose()


if __name__ == "__main__":
    main()
