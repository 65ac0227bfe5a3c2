"""The fault suite's short form: about 50 kill -9s per database and each fault once, nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.postgres
def test_short_fault_suite_loses_nothing_and_fails_closed(tmp_path, _pg_engine):
    out = tmp_path / "rows.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_") or k == "KIOSK_TEST_PG_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.reliability", "--short", "--together", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = json.loads(out.read_text())
    names = " | ".join(r["scenario"] for r in rows)
    for needed in (
        "kill -9",
        "4 kiosk processes",
        "deleted / replaced",
        "dropped PostgreSQL",
        "locked",
        "printer",
    ):
        assert needed in names
    kills = [r for r in rows if r["scenario"].startswith("kill -9")]
    assert len(kills) == 2 and all(r["kills"] >= 50 and r["acknowledged"] > 0 for r in kills)
    for r in rows:
        assert (r["lost"], r["duplicated"], r["half_written"]) == (0, 0, 0), r
        assert r["ok"], r
