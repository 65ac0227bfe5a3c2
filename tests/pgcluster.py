"""The private PostgreSQL cluster of one test (benchmarks/reliability/pgcluster.py), as a fixture body."""

from __future__ import annotations

import os
import shutil

import pytest

from benchmarks.reliability.pgcluster import Cluster

IN_CI = os.environ.get("CI") == "true"


def running_cluster():
    """Yield a started private cluster and remove it afterwards (wrap it in a fixture)."""
    if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
        if IN_CI:
            pytest.fail("initdb and pg_ctl must be on PATH for the offline-mode tests")
        pytest.skip("initdb/pg_ctl not on PATH")
    c = Cluster()
    try:
        c.start()
        yield c
    finally:
        c.remove()
