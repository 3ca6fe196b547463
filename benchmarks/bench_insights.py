"""Insights (core/insights.py): how long the comparisons take, and how often pure noise shows a
pattern (the false-alarm rate the FDR level was chosen for).

    time     analyse() over a demo semester of N days with tags and practices (median of runs)
    noise    the share of simulated 90-day logs with no real effect that show any pattern

Run: .venv/bin/python benchmarks/bench_insights.py [--seeds 400]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from selfcare_app.core.demo import semester  # noqa: E402
from selfcare_app.core.entry import DailyEntry  # noqa: E402
from selfcare_app.core.insights import analyse  # noqa: E402


def noise_log(seed: int, days: int = 90) -> list[DailyEntry]:
    rng = random.Random(seed)
    return [DailyEntry(
        day=date(2025, 1, 1) + timedelta(days=i), stress=rng.randint(0, 10),
        mood=rng.randint(0, 10), energy=rng.randint(0, 10),
        sleep_hours=rng.choice([5.0, 6.0, 6.5, 7.0, 7.5, 8.0, 9.0]),
        study_hours=rng.choice([0.0, 2.0, 4.0, 6.0]),
        tags=tuple(t for t in ("gym", "exam", "friends") if rng.random() < 0.35),
        practices=tuple(p for p in ("a walk", "a break") if rng.random() < 0.4),
    ) for i in range(days)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=400)
    args = parser.parse_args()
    for days in (120, 365, 3650):
        log = semester(date(2026, 3, 1), days)
        log = [replace(e, practices=("a walk",) if i % 3 == 0 else ()) for i, e in
               enumerate(log)]
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            report = analyse(log)
            runs.append(time.perf_counter() - t0)
        print(f"analyse {days:>5} days: {statistics.median(runs) * 1000:7.1f} ms median, "
              f"{report.tested} comparisons, {len(report.patterns)} patterns")
    hits = sum(1 for s in range(10_000, 10_000 + args.seeds) if analyse(noise_log(s)).patterns)
    print(f"noise: {hits} of {args.seeds} simulated logs showed a pattern "
          f"({hits / args.seeds:.1%})")


if __name__ == "__main__":
    main()
