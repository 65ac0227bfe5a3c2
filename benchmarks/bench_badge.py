"""Time to build one badge PDF, per label: mean and p95 over 50 builds (target: 50 ms or less).

.venv/bin/python benchmarks/bench_badge.py [--builds 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from kiosk.domain.documents import BadgeContent  # noqa: E402
from kiosk.domain.model import PersonType  # noqa: E402
from kiosk.printing.badge import render_badge  # noqa: E402
from kiosk.printing.labels import LABELS  # noqa: E402

TARGET_MS = 50.0


def main() -> int:
    """Print a table of build times per label; exit 1 if any p95 is over the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=50)
    args = parser.parse_args()
    badge = BadgeContent(
        visitor_name="Alexandra Montgomery-Fitzwilliam",
        person_type=PersonType.CONTRACTOR,
        visit_token="V7Q2K9XW-4MPA-83TZ-LQ",
        signed_in_at=datetime(2025, 6, 3, 9, 41),
        host="Mrs Patel (Year 3)",
        school_name="Oakfield Primary School",
        organisation="Acme Electrical Ltd",
    )
    render_badge(badge, LABELS["a6"])  # warm-up: font loading and imports are not part of a build
    print(
        f"{'label':<16} {'size (mm)':>11} {'mean ms':>9} {'p95 ms':>9} {'max ms':>9}  target {TARGET_MS:g} ms"
    )
    worst = 0.0
    for name, label in LABELS.items():
        times = []
        for _ in range(args.builds):
            start = time.perf_counter()
            render_badge(badge, label, dpi=300)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        worst = max(worst, p95)
        size = f"{label.width_mm:g}x{label.height_mm:g}"
        print(f"{name:<16} {size:>11} {statistics.mean(times):>9.1f} {p95:>9.1f} {times[-1]:>9.1f}")
    print(
        f"worst p95: {worst:.1f} ms ({'within' if worst <= TARGET_MS else 'OVER'} the {TARGET_MS:g} ms target)"
    )
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
