"""How long the slow vault jobs take and how long the UI thread is held up meanwhile: a 10 ms
timer ticks on the UI thread while `VaultController` changes the passphrase, restores a backup
and deletes everything on the vault thread. Before issue 15 these ran on the UI thread, so the
longest gap was the whole job. Not part of the test suite.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_vault_jobs.py

The last line is JSON: per job, its wall time and the longest gap between timer ticks (ms).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE  # noqa: E402

NEW = "maple tide lantern 42"


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from selfcare_app.data.backups import backup_now
    from selfcare_app.paths import AppPaths
    from selfcare_app.ui.session import VaultSession
    from selfcare_app.ui.vault_controller import VaultController

    app = QApplication.instance() or QApplication([])
    paths = AppPaths(Path(tempfile.mkdtemp(prefix="selfcare-bench-")) / "data")
    session = VaultSession(paths.vault)
    controller = VaultController(session, paths)

    def wait_open(start: Callable[[], None]) -> None:
        opened: list[object] = []
        controller.unlocked.connect(opened.append)
        start()
        while not opened:
            app.processEvents()
        controller.unlocked.disconnect()

    def timed(start: Callable[[], None]) -> dict[str, float]:
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(10)
        finished: list[tuple[str, str]] = []
        controller.job_done.connect(lambda notice, problem: finished.append((notice, problem)))
        began = time.perf_counter()
        start()
        while not finished:
            app.processEvents()
        took = time.perf_counter() - began
        timer.stop()
        controller.job_done.disconnect()
        if finished[0][1]:
            raise SystemExit(finished[0][1])
        return {"job_ms": round(took * 1000), "longest_ui_gap_ms": round(max(gaps) * 1000)}

    results: dict[str, dict[str, float]] = {}
    wait_open(lambda: controller.create(PASSPHRASE))
    results["change_passphrase"] = timed(lambda: controller.change_passphrase(PASSPHRASE, NEW))
    wait_open(lambda: controller.unlock(NEW))
    backup, _rotated = session.run(lambda v: backup_now(v, paths))
    results["restore"] = timed(lambda: controller.restore(backup.path, NEW))
    wait_open(lambda: controller.unlock(NEW))
    results["delete_everything"] = timed(controller.erase)
    session.shutdown()
    for name, figures in results.items():
        print(f"{name:18} job {figures['job_ms']:6.0f} ms   longest UI gap "
              f"{figures['longest_ui_gap_ms']:4.0f} ms")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
