"""matplotlib and numpy stay out of the process until the Trends page is first shown.

Runs in a fresh interpreter so imports made by other tests can't hide an eager import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication

from selfcare_app.app import _prepare_environment, create_window
from selfcare_app.paths import AppPaths

HEAVY = ("matplotlib", "numpy")
paths = AppPaths(__import__("pathlib").Path(sys.argv[1]))
_prepare_environment(paths)


class PaintSpy(QObject):
    def __init__(self):
        super().__init__()
        self.painted = set()

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.painted.add(obj.objectName())
        return False


def pump(condition, seconds=60):
    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if condition():
            return True
        time.sleep(0.005)
    return False


def heavy():
    return sorted(m for m in HEAVY if m in sys.modules)


report = {}
window = create_window(paths)
spy = PaintSpy()
window.lock_screen.installEventFilter(spy)
window.resize(1100, 720)
window.show()
report["lock_painted"] = pump(lambda: "lockScreen" in spy.painted)
report["after_lock_screen"] = heavy()

window.controller.create("correct horse battery staple")  # as the first-run screen does
assert pump(lambda: "today" in window.pages), "the vault did not open"
today = window.pages["today"]
today.setObjectName("todayPage")
today.installEventFilter(spy)
today.update()
report["today_painted"] = pump(lambda: "todayPage" in spy.painted)
report["after_main_window"] = heavy()

window.navigate("trends")
trends = window.pages["trends"]
pump(lambda: trends.chart is not None)
report["after_trends"] = heavy()
print(json.dumps(report))
sys.stdout.flush()
os._exit(0)
"""


def test_matplotlib_and_numpy_load_only_with_the_trends_page(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELFCARE_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["MPLCONFIGDIR"] = str(tmp_path / "mpl")
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "data")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["lock_painted"] and report["today_painted"]
    assert report["after_lock_screen"] == []
    assert report["after_main_window"] == []
    # The control: showing Trends is what brings them in, so the check above is meaningful.
    assert report["after_trends"] == ["matplotlib", "numpy"]
