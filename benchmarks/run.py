"""Run every benchmark and print medians and ratios against the goals of DESIGN.md §10.

    .venv/bin/python benchmarks/run.py            # full run, about 3 minutes on a 2-core VM
    .venv/bin/python benchmarks/run.py --quick    # fewer rounds, to check the scripts work
    .venv/bin/python benchmarks/run.py --json results.json   # also keep the raw numbers

Not part of the test suite. Each benchmark runs in its own Python process (offscreen Qt unless
QT_QPA_PLATFORM says otherwise) against throwaway vaults in a temporary folder; every figure is
a median of repeated runs, interleaved with its floor in the same run. Results are reported in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _run(script: str, *args: str) -> dict[str, object]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT / "src")
    out = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True,
                         text=True, env=env, timeout=1800)
    if out.returncode != 0:
        raise SystemExit(f"{script} failed:\n{out.stderr[-2000:]}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _verdict(ratio: float, goal: float) -> str:
    return "met" if ratio <= goal else "**not met**"


def report(results: dict[str, object]) -> str:
    s: dict[str, object] = results["startup"]  # type: ignore[assignment]
    t: dict[str, object] = results["trends"]  # type: ignore[assignment]
    d: dict[str, object] = results["db"]  # type: ignore[assignment]
    save: dict[str, object] = d["save"]  # type: ignore[assignment]
    unlock: dict[str, object] = d["unlock"]  # type: ignore[assignment]

    import statistics

    def med(key: str, src: dict[str, object]) -> float:
        return float(statistics.median(src[key]))  # type: ignore[arg-type]

    tm: dict[str, float] = t["medians_ms"]  # type: ignore[assignment]
    floor = tm["floor"]
    rows = []
    b, a = med("bare_ms", s), med("app_ms", s)
    r = float(s["ratio_median"])  # type: ignore[arg-type]
    rows.append(("Start-up to first painted lock screen", f"{a:.0f} ms",
                 f"bare PySide6 window {b:.0f} ms", f"{r:.2f}×", "≤ 1.3×", _verdict(r, 1.3)))
    ua, uf = float(unlock["app_median"]), float(unlock["floor_median"])  # type: ignore[arg-type]
    uc = float(unlock["checked_median"])  # type: ignore[arg-type]
    rows.append(("Unlock (Vault.open with integrity checks, 10-year vault)", f"{ua:.1f} ms",
                 f"SQLCipher open + first read {uf:.1f} ms", f"{ua / uf:.2f}×", "≤ 1.1×",
                 _verdict(ua / uf, 1.1)))
    rows.append(("Open without the integrity checks (informational)", f"{uc:.1f} ms",
                 f"SQLCipher open + first read {uf:.1f} ms", f"{uc / uf:.2f}×", "(no goal)",
                 "reported"))
    sa, sf = float(save["app_median"]), float(save["floor_median"])  # type: ignore[arg-type]
    rows.append(("Save one check-in", f"{sa:.2f} ms", f"stdlib sqlite3, WAL + FULL {sf:.2f} ms",
                 f"{sa / sf:.2f}×", "≤ 1.3×", _verdict(sa / sf, 1.3)))
    for n in (30, 365, 3650):
        v = tm[f"switch {n}"]
        goal = 2.3
        rows.append((f"Trends range switch to {n:,} days (in place)", f"{v:.1f} ms",
                     f"empty axes {floor:.1f} ms", f"{v / floor:.2f}×", f"≤ {goal}×",
                     _verdict(v / floor, goal)))
    v = tm["toggle 3650"]
    rows.append(("Trends measure toggle, 3,650 days (in place)", f"{v:.1f} ms",
                 f"empty axes {floor:.1f} ms", f"{v / floor:.2f}×", "≤ 2.3×",
                 _verdict(v / floor, 2.3)))
    v = tm["rebuild 3650"]
    rows.append(("Trends full rebuild (theme change), 3,650 days", f"{v:.1f} ms",
                 f"empty axes {floor:.1f} ms", f"{v / floor:.2f}×", "≤ 3×",
                 _verdict(v / floor, 3.0)))
    v = tm["redraw 3650"]
    rows.append(("Trends expose redraw, 3,650 days", f"{v:.1f} ms", f"empty axes {floor:.1f} ms",
                 f"{v / floor:.2f}×", "≤ 2.3×", _verdict(v / floor, 2.3)))
    lines = ["| what | median | floor (same run) | ratio | goal | |",
             "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    px = t["canvas_px"]
    lines.append("")
    one = tm["single empty axes"]
    lines.append(f"Reference: one empty axes with a date axis at the same size (PERFORMANCE.md's "
                 f"floor figure) took {one:.1f} ms; against it the 3,650-day switch is "
                 f"{tm['switch 3650'] / one:.2f}× and the full rebuild "
                 f"{tm['rebuild 3650'] / one:.2f}×.")
    lines.append("")
    lines.append(f"Trends canvas {px[0]}×{px[1]} px (device pixel ratio {t['dpr']}); "  # type: ignore[index]
                 f"core.trends.build_view for 3,650 days: {float(t['build_view_3650_ms']):.1f} ms; "  # type: ignore[arg-type]
                 f"heavy modules at first paint: {s['heavy_at_first_paint'] or 'none'}; "
                 f"rounds: start-up {len(s['app_ms'])}, unlock {len(unlock['app_ms'])}, "  # type: ignore[arg-type]
                 f"save {len(save['app_ms'])}, trends {len(t['times_ms']['floor'])}.")  # type: ignore[index, arg-type]
    lines.append(f"Python {platform.python_version()} on {platform.machine()}, "
                 f"{os.cpu_count()} CPUs, QT_QPA_PLATFORM="
                 f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')}.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="few rounds (checks the scripts)")
    parser.add_argument("--json", metavar="FILE", help="also write the raw results here")
    args = parser.parse_args()
    quick = args.quick
    results: dict[str, object] = {}
    print("start-up …", file=sys.stderr)
    results["startup"] = _run("bench_startup.py", "3" if quick else "21")
    print("database …", file=sys.stderr)
    results["db"] = _run("bench_db.py", *(("40", "3") if quick else ("400", "15")))
    print("trends …", file=sys.stderr)
    results["trends"] = _run("bench_trends.py", "1" if quick else "12")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
