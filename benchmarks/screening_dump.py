#!/usr/bin/env python3
"""Dump every match of many screenings, to check that a change of the engine keeps its results.

    python benchmarks/screening_dump.py OUT --list filler --entries 1000000 [--queries 2000]
    python benchmarks/screening_dump.py OUT --list realistic --entries 200000
    python benchmarks/screening_dump.py OUT --list dev [--entries 100000]

Writes one line per typed name to OUT: the name, then every match (entry id, score, band, reasons,
matched name) as ``repr``. Run it on two checkouts and ``cmp`` the files: a speed change must
leave them byte-identical. ``--list dev`` screens the dev queries (../shared/screening/dev) on the
dev list padded with ``--entries`` filler names (default none), like ``evaluate.py --scale``;
``filler`` screens typed forms of the filler names (bench_screening_scale's queries) plus the dev
queries; ``realistic`` bench_screening's list and queries plus the dev queries. Prints the CPU
seconds of the build and of the screenings.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_screening import make_list, make_queries  # noqa: E402
from bench_screening_scale import _filler_queries, filler  # noqa: E402

from kiosk.screening import Screener, WatchEntry  # noqa: E402

# The shared folder sits beside the repository (a clone) or beside its worktrees' folder.
DEV = next(
    (
        d
        for d in (
            ROOT.parent / "shared" / "screening" / "dev",
            ROOT.parents[1] / "shared" / "screening" / "dev",
        )
        if d.is_dir()
    ),
    ROOT.parent / "shared" / "screening" / "dev",
)


def _load(path: Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--list", choices=("filler", "realistic", "dev"), default="filler")
    ap.add_argument("--entries", type=int, default=0, help="listed names (filler pads the dev list)")
    ap.add_argument("--queries", type=int, default=2000, help="generated typed names (not for dev)")
    ap.add_argument("--dev", type=Path, default=DEV, help="the dev set's folder")
    a = ap.parse_args()

    dev_rows = _load(a.dev / "watchlist.jsonl")
    dev_queries = [str(q["query"]) for q in _load(a.dev / "queries.jsonl")]
    dev_entries = [
        WatchEntry(str(r["id"]), str(r["name"]), tuple(r.get("aliases", ()) or ()))  # type: ignore[arg-type]
        for r in dev_rows
    ]
    if a.list == "dev":
        entries = dev_entries + filler(a.entries)
        queries = dev_queries
    elif a.list == "filler":
        entries = filler(a.entries)
        queries = _filler_queries(entries, a.queries) + dev_queries
    else:
        entries = make_list(a.entries)
        queries = make_queries(entries, a.queries) + dev_queries
    c = time.process_time()
    screener = Screener(entries)
    build = time.process_time() - c
    c = time.process_time()
    n = 0
    with open(a.out, "w", encoding="utf-8") as f:
        for q in queries:
            got = screener.screen(q)
            n += len(got)
            f.write(repr(q) + "\n")
            for m in got:
                f.write(f"  {m.entry_id!r} {m.score!r} {m.band!r} {m.reasons!r} {m.matched_name!r}\n")
    screening = time.process_time() - c
    print(
        f"{a.list} {len(entries):,} entries, {len(queries):,} queries, {n:,} matches:"
        f" build {build:.1f} s CPU, screenings {screening:.1f} s CPU"
    )


if __name__ == "__main__":
    main()
