"""One slow core for a benchmark's child processes: ``taskset -c 0`` plus a 40 % CPU quota.

The quota goes through the cgroup v1 ``cpu`` controller where it is writable (a cgroup of our own,
removed again afterwards); where it is not, only ``taskset`` applies and ``describe()`` says so.
It stands in for a Raspberry Pi 5 class kiosk PC.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
from pathlib import Path

CPU_V1 = Path("/sys/fs/cgroup/cpu")
QUOTA = 0.40


class SlowCore:
    """A command prefix that runs a child on core 0 under a 40 % quota; use as a context manager."""

    def __init__(self, quota: float = QUOTA) -> None:
        self.quota = quota
        self.group: Path | None = None

    def __enter__(self) -> SlowCore:
        group = CPU_V1 / f"kiosk-bench-slow-{os.getpid()}"
        try:
            group.mkdir(exist_ok=True)
            period = int((group / "cpu.cfs_period_us").read_text())
            (group / "cpu.cfs_quota_us").write_text(str(int(period * self.quota)))
            self.group = group
            if threading.current_thread() is threading.main_thread():
                # A benchmark stopped with SIGTERM still removes its cgroup (on the way out of `with`).
                signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        except OSError:
            if group.exists():
                try:
                    group.rmdir()
                except OSError:
                    pass
            self.group = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.group is not None:
            try:
                self.group.rmdir()  # empty again once its children have exited
            except OSError:
                pass

    def prefix(self) -> list[str]:
        """Put before a command: it joins the cgroup (if any) and runs pinned to core 0."""
        pinned = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        if self.group is None:
            return pinned
        join = f'echo $$ > {self.group / "cgroup.procs"} && exec "$@"'
        return ["sh", "-c", join, "sh", *pinned]

    def describe(self) -> str:
        core = "core 0" if shutil.which("taskset") else "any core (no taskset)"
        if self.group is None:
            return f"{core}, no CPU quota (cgroup v1 cpu not writable)"
        return f"{core} at a {self.quota:.0%} CPU quota (cgroup v1)"
