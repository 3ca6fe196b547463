"""Replay benchmark for the early-warning rules (CONTENT.md §3.5): what the app would have shown,
evening by evening, to synthetic students with known hard episodes and to the StudentLife sample.

    .venv/bin/python benchmarks/bench_early_warning.py            # prints a report, ~20 s
    .venv/bin/python benchmarks/bench_early_warning.py --json     # the raw figures as JSON

Not part of the test suite. It runs exactly what Today's card and `signals --replay` run:
rules (core.rules.RuleEngine) → policy (core.alerts.replay: budget, cooldowns, hysteresis,
headlines, R7 absorbing its parts, the new-vault limit), with no snoozes and no "not helpful".
Cohorts are seeded, so the figures are reproducible.

Measures (goals in CONTENT.md §3.5):
  precision         share of new findings inside a hard episode or the 6 days after it (≥ 80 %)
  episode recall    share of hard episodes with at least one new finding (≥ 85 %)
  steady students   new findings in a term for students whose state never changes (≤ 3;
                    calm ≤ 1)
  R8 timing         days from the last entry to "gone quiet" for a student who stops logging
                    after a hard week (≤ 5)
  StudentLife       share of new findings in the weeks the study reports as high-stress
                    (midterms, the last week and finals) against those weeks' share of logged days
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402,F401  (puts src/ on the path)

from selfcare_app.core.alerts import replay  # noqa: E402
from selfcare_app.core.entry import DailyEntry  # noqa: E402
from selfcare_app.core.rules import RuleEngine  # noqa: E402

START = date(2025, 1, 6)   # a Monday
TERM_DAYS = 105            # 15 weeks: 5 to learn the usual, then a 10-week term
AFTER = 6                  # a finding up to 6 days after an episode still counts as inside it
DATA = Path(__file__).resolve().parent / "data" / "studentlife_ema.csv"


@dataclass
class Student:
    name: str
    kind: str
    entries: list[DailyEntry]
    episodes: list[tuple[date, date]] = field(default_factory=list)
    quiet_from: date | None = None  # first day without entries, for the one who goes quiet


def _clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))


def _q(v: float) -> float:
    return round(v * 4) / 4


def _entry(rng: random.Random, day: date, base: dict[str, float], shift: dict[str, float],
           noise: float = 1.0) -> DailyEntry:
    def scale(name: str, sd: float) -> int:
        return int(round(_clamp(rng.gauss(base[name] + shift.get(name, 0), sd * noise), 0, 10)))

    sleep = _q(_clamp(rng.gauss(base["sleep"] + shift.get("sleep", 0), 0.5 * noise), 2, 12))
    study = _q(_clamp(rng.gauss(base["study"] + shift.get("study", 0), 1.2 * noise), 0,
                      24 - sleep))
    if day.weekday() == 6 and not shift and base.get("rest", 1):
        study = _q(_clamp(rng.gauss(1.5, 0.75), 0, 24 - sleep))  # a lighter Sunday
    social_p = _clamp(base["social"] + shift.get("social", 0), 0, 1)
    social = 0 if rng.random() > social_p else (2 if rng.random() < 0.5 else 1)
    return DailyEntry(day=day, sleep_hours=sleep, study_hours=study, stress=scale("stress", 1.0),
                      mood=scale("mood", 1.0), energy=scale("energy", 1.0), social=social)


ORDINARY = {"sleep": 7.4, "study": 6.5, "stress": 4.0, "mood": 6.5, "energy": 6.5,
            "social": 0.85}
HARD = {"sleep": -1.6, "study": 3.0, "stress": 3.0, "mood": -2.5, "energy": -2.5,
        "social": -0.6}


def _episodes(rng: random.Random, count: int) -> list[tuple[date, date]]:
    """Non-overlapping hard stretches of 6–12 days after the first 5 weeks, 3+ weeks apart."""
    out: list[tuple[date, date]] = []
    earliest = 37
    for _ in range(count):
        length = rng.randint(6, 12)
        if earliest + length > TERM_DAYS - 8:
            break
        first = rng.randint(earliest, min(earliest + 18, TERM_DAYS - 8 - length))
        out.append((START + timedelta(days=first), START + timedelta(days=first + length - 1)))
        earliest = first + length + 21
    return out


def _log(rng: random.Random, base: dict[str, float], episodes: Sequence[tuple[date, date]],
         rate: float, until: int = TERM_DAYS, noise: float = 1.0) -> list[DailyEntry]:
    out = []
    for i in range(until):
        day = START + timedelta(days=i)
        hard = any(a <= day <= b for a, b in episodes)
        if rng.random() > rate:
            continue
        out.append(_entry(rng, day, base, HARD if hard else {}, noise))
    return out


def cohort(seed: int = 16) -> list[Student]:
    rng = random.Random(seed)
    students: list[Student] = []
    for n in range(20):
        eps = _episodes(rng, rng.choice([1, 2, 2]))
        students.append(Student(f"episodic-{n}", "episodic", _log(rng, ORDINARY, eps, 0.9),
                                eps))
    for n in range(5):
        eps = _episodes(rng, 2)
        students.append(Student(f"sparse-{n}", "sparse", _log(rng, ORDINARY, eps, 0.5), eps))
    for n in range(5):
        eps = _episodes(rng, 1)
        a, b = eps[0]
        stop = (b - START).days - rng.randint(0, 2) + 1  # stops logging near the end of it
        entries = _log(rng, ORDINARY, eps, 0.9, until=stop)
        last = max(e.day for e in entries)
        students.append(Student(f"quiet-{n}", "quiet", entries, [(a, min(b, last))],
                                last + timedelta(days=1)))
    steady = {
        "short-sleeper": ORDINARY | {"sleep": 6.2},
        "steady-high-stress": ORDINARY | {"stress": 7.2},
        "calm": {"sleep": 7.8, "study": 5.0, "stress": 2.5, "mood": 7.5, "energy": 7.5,
                 "social": 0.95},
    }
    for kind, base in steady.items():
        for n in range(5):
            noise = 0.6 if kind != "calm" else 0.5
            students.append(Student(f"{kind}-{n}", kind, _log(rng, base, [], 0.9,
                                                              noise=noise)))
    return students


def shown_findings(entries: Sequence[DailyEntry], start: date, end: date
                   ) -> list[tuple[date, str]]:
    days = replay(RuleEngine(entries), start, end)
    return [(d, f.rule) for d, shown in days for f in shown]


def synthetic_report(students: Sequence[Student]) -> dict[str, Any]:
    term_end = START + timedelta(days=TERM_DAYS - 1)
    inside = total = 0
    recall_hit = recall_all = 0
    recall_by_kind: dict[str, list[int]] = {}
    per_steady: dict[str, list[int]] = {}
    r8_delay: list[int | None] = []
    by_rule: dict[str, int] = {}
    outside: dict[str, int] = {}
    for s in students:
        # The term's end is not "going quiet": only the student who stops logging is replayed
        # past their last entry (two more weeks).
        end = term_end + timedelta(days=14) if s.kind == "quiet" else term_end
        shown = shown_findings(s.entries, START, end)
        for _, rule in shown:
            by_rule[rule] = by_rule.get(rule, 0) + 1
        if s.kind in ("episodic", "sparse", "quiet"):
            for d, rule in shown:
                total += 1
                if any(a <= d <= b + timedelta(days=AFTER) for a, b in s.episodes):
                    inside += 1
                else:
                    outside[rule] = outside.get(rule, 0) + 1
            for a, b in s.episodes:
                hit = any(a <= d <= b + timedelta(days=AFTER) for d, _ in shown)
                recall_all += 1
                recall_hit += hit
                kind = recall_by_kind.setdefault(s.kind, [0, 0])
                kind[0] += hit
                kind[1] += 1
        else:
            per_steady.setdefault(s.kind, []).append(len(shown))
        if s.kind == "quiet" and s.quiet_from is not None:
            last = s.quiet_from - timedelta(days=1)
            r8 = [d for d, rule in shown if rule == "R8" and d > last]
            r8_delay.append((r8[0] - last).days if r8 else None)
    return {
        "students": len(students),
        "precision": inside / total if total else None,
        "findings_in_episodic_students": total,
        "outside_by_rule": dict(sorted(outside.items())),
        "episode_recall": recall_hit / recall_all if recall_all else None,
        "episodes": recall_all,
        "recall_by_kind": {k: f"{h} of {n}" for k, (h, n) in recall_by_kind.items()},
        "steady_findings": {k: v for k, v in per_steady.items()},
        "r8_days_after_last_entry": r8_delay,
        "shown_by_rule": dict(sorted(by_rule.items())),
    }


# -- StudentLife ----------------------------------------------------------------------------

# StudentLife's stress EMA: 1 a little stressed, 2 definitely stressed, 3 stressed out,
# 4 feeling good, 5 feeling great. Mapped onto the app's 0–10 stress scale [D].
STRESS_MAP = {5: 1.0, 4: 2.0, 1: 5.0, 2: 7.0, 3: 9.0}
TERM_START = date(2013, 3, 25)  # Monday of week 1, spring term 2013


def sleep_hours(code: int) -> float:
    """The Sleep EMA's hour options: [1] <3, [2] 3.5, [3] 4 … [19] 12 (half-hour steps)."""
    return 2.5 if code <= 1 else 2.5 + 0.5 * code


def term_week(day: date) -> int:
    return (day - TERM_START).days // 7 + 1


# Weeks the study reports as high-stress: midterms (weeks 4–5), the last week (10) and finals
# (the days after week 10). Our reading of Wang et al. 2014 [36], marked [U] in the docs.
HIGH_WEEKS = frozenset({4, 5, 10, 11})


def load_studentlife(path: Path = DATA) -> dict[str, list[DailyEntry]]:
    by_student: dict[str, list[DailyEntry]] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            stress_codes = [int(x) for x in row["stress_codes"].split()]
            sleep_codes = [int(x) for x in row["sleep_codes"].split()]
            stress = (round(sum(STRESS_MAP[c] for c in stress_codes) / len(stress_codes))
                      if stress_codes else None)
            sleep = (_q(sum(sleep_hours(c) for c in sleep_codes) / len(sleep_codes))
                     if sleep_codes else None)
            by_student.setdefault(row["student"], []).append(DailyEntry(
                day=date.fromisoformat(row["day"]), stress=stress, sleep_hours=sleep))
    return by_student


def studentlife_report() -> dict[str, Any]:
    data = load_studentlife()
    found: list[tuple[str, date, str]] = []
    logged_days = high_days = 0
    for student, entries in sorted(data.items()):
        first, last = min(e.day for e in entries), max(e.day for e in entries)
        for e in entries:
            logged_days += 1
            high_days += term_week(e.day) in HIGH_WEEKS
        for d, rule in shown_findings(entries, first, last):
            found.append((student, d, rule))
    in_high = sum(1 for _, d, _ in found if term_week(d) in HIGH_WEEKS)
    return {
        "students": len(data),
        "logged_days": logged_days,
        "findings": len(found),
        "findings_in_high_weeks": in_high,
        "share_in_high_weeks": in_high / len(found) if found else None,
        "high_weeks_share_of_logged_days": high_days / logged_days if logged_days else None,
        "shown": [(s, d.isoformat(), r, term_week(d)) for s, d, r in found],
    }


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.0f} %"


def report(results: dict[str, Any]) -> str:
    syn, sl = results["synthetic"], results["studentlife"]
    steady = syn["steady_findings"]

    def fmt(values: list[int]) -> str:
        return f"median {sorted(values)[len(values) // 2]}, max {max(values)} ({values})"

    lines = [
        f"Synthetic cohort ({syn['students']} students, {syn['episodes']} hard episodes)",
        f"  precision           {_pct(syn['precision'])} of "
        f"{syn['findings_in_episodic_students']} findings inside an episode or the 6 days after"
        f"  (goal ≥ 80 %); outside by rule: {syn['outside_by_rule']}",
        f"  episode recall      {_pct(syn['episode_recall'])}  (goal ≥ 85 %); by kind "
        f"{syn['recall_by_kind']}",
    ]
    for kind, values in steady.items():
        goal = "≤ 1" if kind == "calm" else "≤ 3"
        lines.append(f"  {kind:<19} {fmt(values)} findings a term  (goal {goal})")
    lines.append(f"  R8 after last entry {syn['r8_days_after_last_entry']} days  (goal ≤ 5)")
    lines.append(f"  shown by rule       {syn['shown_by_rule']}")
    lines.append(f"StudentLife sample ({sl['students']} students, {sl['logged_days']} logged days)")
    lines.append(f"  findings            {sl['findings']}; in high-stress weeks "
                 f"{sl['findings_in_high_weeks']} ({_pct(sl['share_in_high_weeks'])}) against "
                 f"{_pct(sl['high_weeks_share_of_logged_days'])} of logged days")
    lines.append(f"  shown               {sl['shown']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None,
         out: Callable[[str], None] = print) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    results = {"synthetic": synthetic_report(cohort(args.seed)),
               "studentlife": studentlife_report()}
    out(json.dumps(results) if args.json else report(results))
    return results


if __name__ == "__main__":
    main()
