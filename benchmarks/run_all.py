"""Runs every benchmark, one after another, and writes one table of what they measured.

    python benchmarks/run_all.py [--quick] [--only NAME ...] [--out benchmarks/results.md]

Each benchmark runs as its own command (the same command a person would type, shown in the table).
The kiosk's own (start, taps, memory) report figures against their goals with OK or over; the others
are quoted as they print their summary. ``--quick`` runs the short form of each (fewer runs, smaller
data). The table is printed and written to ``--out`` (Markdown); benchmarks/README.md says how to read it.
Benchmarks that need something this machine lacks (a PyInstaller bundle, PostgreSQL) say so in their row.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@dataclass
class Bench:
    name: str
    args: list[str]
    quick: list[str]
    goal: str
    # Turns a --json answer into (measured, met); None: quote the last lines the benchmark printed.
    read: Callable[[dict], tuple[str, bool]] | None = None
    lines: int = 3


def _start(r: dict) -> tuple[str, bool]:
    text = (
        f"{r['kiosk_s']:.2f} s = {r['ratio']:.1f}× a minimal window ({r['minimal_s']:.2f} s); "
        f"CPU {r['kiosk_cpu_s']:.2f} s = {r['cpu_ratio']:.1f}×; {r['kiosk_mb']:.0f} MB ({r['minimal_mb']:.0f}); "
        f"ready to sign in {r.get('kiosk_ready_s', 0.0):.2f} s; {r['where']}"
    )
    return text, bool(r["ok"])


def _taps(r: dict) -> tuple[str, bool]:
    rows = sorted(r["rows"], key=lambda row: -row["max"])
    worst = ", ".join(f"{row['tap']} p50 {row['p50']:.0f} / max {row['max']:.0f}" for row in rows[:3])
    over = sum(row["over"] for row in r["rows"])
    taps = sum(row["n"] for row in r["rows"])
    return f"{over} of {taps} taps over 100 ms; slowest: {worst} (ms); {r['where']}", bool(r["ok"])


def _memory(r: dict) -> tuple[str, bool]:
    return (
        f"{r['start_mb']:.0f} MB up; {r['end_mb']:.0f} MB after {r['signins']} sign-ins; "
        f"{r['growth_mb_per_100']:+.2f} MB per 100",
        bool(r["ok"]),
    )


BENCHES = [
    Bench(
        "kiosk start",
        ["bench_kiosk_start.py", "--json"],
        ["--runs", "3"],
        "≤ 1 s, ≤ 3× minimal, ≤ 150 MB",
        _start,
    ),
    Bench(
        "kiosk start, slow core",
        ["bench_kiosk_start.py", "--slow", "--json"],
        ["--runs", "3"],
        "≤ 2 s",
        _start,
    ),
    Bench("taps, slow core", ["bench_taps.py", "--json"], ["--journeys", "4"], "every tap ≤ 100 ms", _taps),
    Bench("memory over sign-ins", ["bench_memory.py", "--json"], ["--quick"], "≤ 150 MB, flat", _memory),
    Bench("touches per journey", ["bench_touches.py"], [], "pass: ≤ 3 touches, 10 s", lines=9),
    Bench(
        "console data",
        ["bench_console_data.py"],
        ["--visits", "5000", "--audit", "10000", "--runs", "2"],
        "first page ≤ 200 ms",
        lines=8,
    ),
    Bench(
        "screening",
        ["bench_screening.py"],
        ["--sizes", "1000,100000", "--queries", "100"],
        "p99 ≤ 20 ms at 1,000,000",
        lines=8,
    ),
    Bench(
        "screening at scale",
        ["bench_screening_scale.py", "--entries", "1000000", "--list", "filler"],
        ["--entries", "100000"],
        "1,000,000: p99 ≤ 20 ms, build ≤ 30 s, ≤ 1 GB",
        lines=7,
    ),
    Bench("badge PDF", ["bench_badge.py"], ["--builds", "10"], "≤ 50 ms", lines=2),
    Bench("kiosk --help", ["bench_cli_start.py"], ["--runs", "5"], "", lines=2),
    Bench("alert latency", ["bench_alert_latency.py", "--pg-url", PG_URL], ["--trials", "5"], "", lines=4),
    Bench("bundle start", ["bench_bundle_start.py"], ["--runs", "3"], "", lines=4),
    Bench(
        "offline kiosk",
        ["bench_offline.py"],
        ["--visitors", "50", "--bans", "200"],
        "each visitor replayed once",
        lines=7,
    ),
]


def run(bench: Bench, quick: bool) -> dict[str, str]:
    args = [*bench.args, *(bench.quick if quick else [])]
    shown = "python benchmarks/" + " ".join(args)
    started = time.perf_counter()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    out = subprocess.run(
        [sys.executable, str(HERE / args[0]), *args[1:]], capture_output=True, text=True, cwd=ROOT, env=env
    )
    seconds = f"{time.perf_counter() - started:.0f}"
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    # Some benchmarks exit non-zero when over their target: what they printed still counts.
    answer: dict = {}
    if bench.read is not None and lines:
        try:
            answer = json.loads(lines[-1])
        except ValueError:
            lines = []
    if not lines:
        why = (out.stderr.strip().splitlines() or [f"no output (exit {out.returncode})"])[-1][:160]
        return {
            "name": bench.name,
            "command": shown,
            "goal": bench.goal,
            "measured": f"did not run: {why}",
            "met": "–",
            "s": seconds,
        }
    if bench.read is not None:
        measured, met = bench.read(answer)
        verdict = "OK" if met else "over"
    else:
        measured, verdict = " / ".join(line.strip() for line in lines[-bench.lines :]), "see figures"
    return {
        "name": bench.name,
        "command": shown,
        "goal": bench.goal,
        "measured": measured,
        "met": verdict,
        "s": seconds,
    }


def table(rows: list[dict[str, str]], quick: bool) -> str:
    head = [
        f"# Benchmarks ({'quick' if quick else 'full'} run, {time.strftime('%Y-%m-%d %H:%M %Z')}, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)",
        "",
        "| benchmark | goal | measured | met | s | command |",
        "|---|---|---|---|---|---|",
    ]
    body = [
        f"| {r['name']} | {r['goal']} | {r['measured'].replace('|', '/')} | {r['met']} | {r['s']} | `{r['command']}` |"
        for r in rows
    ]
    return "\n".join(head + body) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="the short form of each benchmark")
    parser.add_argument(
        "--only", nargs="*", default=[], help="run only benchmarks whose name contains one of these"
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    chosen = [b for b in BENCHES if not args.only or any(o in b.name for o in args.only)]
    rows = []
    for bench in chosen:
        print(f"running {bench.name} ...", file=sys.stderr, flush=True)
        rows.append(run(bench, args.quick))
    text = table(rows, args.quick)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {args.out})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
