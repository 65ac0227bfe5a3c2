#!/usr/bin/env python3
"""Each disguise of eight banned names, through the real sign-in service on a fresh SQLite file.

    .venv/bin/python benchmarks/screening_disguises.py

Prints one row per disguise: how many of the eight were held, refused at the kiosk, or let
through, how many the screening alone holds in the alert band (whether or not the kiosk would
refuse the characters first), and an example. The first twenty disguises are those of
tests/integration/services/test_screening_disguises.py; the rest (letters as symbols, small
capitals, Zalgo, leetspeak, separators, quotes, titles, right-to-left overrides, Cyrillic and
Greek transcriptions, two disguises at once) are in tests/screening_disguises.py. The test
asserts every one is held, or refused at the kiosk and held by the screening alone.
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
        from tests.screening_disguises import (
            NAME_DISGUISES,
            REFUSED_NAME_DISGUISES,
            REFUSED_WORD_DISGUISES,
            WORD_DISGUISES,
            as_name,
        )

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
            print(
                "| disguise | held | refused | through | screening alone | example |\n|---|---|---|---|---|---|"
            )
            kinds = {
                "none (plain name)": lambda f, s: (f, s),
                **{k: as_name(v) for k, v in DISGUISES.items()},
                "zero-width space (refused by the kiosk)": as_name(lambda w: w[:2] + "\u200b" + w[2:]),
                **{k: as_name(v) for k, v in WORD_DISGUISES.items()},
                **NAME_DISGUISES,
                **{k: as_name(v) for k, v in REFUSED_WORD_DISGUISES.items()},
                **REFUSED_NAME_DISGUISES,
            }
            for kind, change in kinds.items():
                held = refused = through = alone = 0
                for first, last in BANNED:
                    typed = change(first, last)
                    matches = app.sign_in.bans.screen(
                        f"{typed[0].strip()} {typed[1].strip()}", app.place.site_id
                    )
                    alone += any(m.band == "alert" and m.ban.name == f"{first} {last}" for m in matches)
                    try:
                        r = app.sign_in.screen(*typed, PersonType.VISITOR, app.place)
                    except InvalidInput:
                        refused += 1
                        continue
                    held += r.held
                    through += not r.held
                example = " ".join(change(*BANNED[1]))
                cells = (kind, f"{held}/8", f"{refused}/8", f"{through}/8", f"{alone}/8", f"`{example!r}`")
                print("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        finally:
            app.dispose()


if __name__ == "__main__":
    main()
