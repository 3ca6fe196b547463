"""Start-up to first painted lock screen vs a bare PySide6 window (DESIGN.md §10, goal ≤ 1.3×).

The parent takes a CLOCK_MONOTONIC timestamp just before spawning each child; the child takes
its own inside paintEvent (after the base class painted) and prints the difference, then leaves
with os._exit so interpreter teardown is not counted. The two kinds of child are spawned in a
shuffled order in every round, so drift on a shared machine hits both alike.

    child modes:  bare  QApplication + QMainWindow with a QLabel (the floor)
                  app   the real app: create_window() showing the unlock screen of a vault
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, make_demo_vault, median  # noqa: E402


def _child(mode: str, spawned_ns: int, data_dir: str) -> None:
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

    def done() -> None:
        t = time.monotonic_ns()
        heavy = sorted(m for m in ("matplotlib", "numpy") if m in sys.modules)
        print(json.dumps({"ms": (t - spawned_ns) / 1e6, "heavy": heavy}), flush=True)
        os._exit(0)

    if mode == "bare":
        class Central(QWidget):
            def paintEvent(self, event: QPaintEvent) -> None:
                super().paintEvent(event)
                done()

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        central = Central()
        QLabel("Selfcare", central)
        window.setCentralWidget(central)
        window.resize(1100, 720)
        window.show()
        app.exec()
        return

    from selfcare_app.app import _prepare_environment, create_window
    from selfcare_app.paths import AppPaths
    from selfcare_app.ui.lock_screen import LockScreen

    def paint(self: QWidget, event: QPaintEvent) -> None:
        QWidget.paintEvent(self, event)
        done()

    LockScreen.paintEvent = paint
    paths = AppPaths(Path(data_dir))
    _prepare_environment(paths)
    main: Any = create_window(paths)
    main.resize(1100, 720)
    main.show()
    qapp = QApplication.instance()
    assert qapp is not None
    qapp.exec()


def _spawn(mode: str, data_dir: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELFCARE_")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["MPLCONFIGDIR"] = str(Path(data_dir) / "mpl")
    env["PYTHONPATH"] = str(ROOT / "src")
    t0 = time.monotonic_ns()
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(t0), data_dir],
                         capture_output=True, text=True, env=env, timeout=120)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"{mode} child failed: {out.stderr[-800:]}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def run(rounds: int = 15, warmup: int = 2) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="selfcare-bench-") as tmp:
        data = Path(tmp) / "data"
        make_demo_vault(data / "vault.db", 120)
        times: dict[str, list[float]] = {"bare": [], "app": []}
        ratios: list[float] = []
        heavy: set[str] = set()
        for r in range(warmup + rounds):
            order = ["bare", "app"]
            random.shuffle(order)
            got: dict[str, float] = {}
            for mode in order:
                res = _spawn(mode, str(data))
                got[mode] = float(res["ms"])  # type: ignore[arg-type]
                if mode == "app":
                    heavy.update(res["heavy"])  # type: ignore[arg-type]
            if r >= warmup:
                for mode, ms in got.items():
                    times[mode].append(ms)
                ratios.append(got["app"] / got["bare"])
    return {"bare_ms": times["bare"], "app_ms": times["app"], "ratios": ratios,
            "heavy_at_first_paint": sorted(heavy), "ratio_median": median(ratios)}


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 15)))
