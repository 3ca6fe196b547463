"""A full check-in (no note) driven with QTest: by mouse and by keyboard, counting each click
and key press. Goals (issue 17): ≤ 8 clicks, ≤ 12 key presses. Not part of the test suite.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_check_in.py

Each input is one QTest event on the real Today page of a throwaway vault; the stored entry is
read back so a count only counts when the check-in was really saved. The last line is JSON.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE  # noqa: E402

DAY = date(2026, 11, 25)
EXPECTED = {"stress": 7, "sleep_hours": 7.0, "study_hours": 6.0, "mood": 6, "energy": 5,
            "social": 1}


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SELFCARE_TODAY"] = DAY.isoformat()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from selfcare_app.app import create_window
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.paths import AppPaths

    tmp = tempfile.TemporaryDirectory()
    win = create_window(AppPaths(Path(tmp.name) / "data"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win.resize(1024, 640)  # type: ignore[attr-defined]
    win.show()  # type: ignore[attr-defined]
    lock = win.lock_screen  # type: ignore[attr-defined]
    lock.passphrase.setText(PASSPHRASE)
    lock.confirm.setText(PASSPHRASE)
    lock.understand.setChecked(True)
    lock.submit.click()
    deadline = time.monotonic() + 30
    while win.main_area is None and time.monotonic() < deadline:  # type: ignore[attr-defined]
        QTest.qWait(20)
    session = win.session  # type: ignore[attr-defined]
    session.run(lambda v: v.entries.upsert(DailyEntry(day=DAY - timedelta(days=5), stress=3,
                                                      tags=("exam",))))
    today = win.pages["today"]  # type: ignore[attr-defined]
    win.activateWindow()  # type: ignore[attr-defined]
    results: dict[str, object] = {}

    def stored(day: date) -> dict[str, object]:
        entry = session.run(lambda v: v.entries.get(day))
        if entry is None:
            return {}
        return {**{k: getattr(entry, k) for k in EXPECTED}, "tags": list(entry.tags),
                "practices": list(entry.practices)}

    # -- by mouse: one click per answer, one on a recent-tag chip, one on Save -------------------
    day = DAY - timedelta(days=1)
    today.navigate_to(day)
    QTest.qWait(20)
    form = today.form
    clicks: list[QWidget] = [
        form.stress.buttons[7], form.quick_buttons["sleep_hours"][2],
        form.quick_buttons["study_hours"][3], form.mood.buttons[6], form.energy.buttons[5],
        form.social.buttons[1], form.chip_buttons[0], today.save_button]
    started = time.perf_counter()
    for widget in clicks:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    mouse_ms = (time.perf_counter() - started) * 1000
    got = stored(day)
    wanted = {**EXPECTED, "tags": ["exam"], "practices": []}
    results["mouse"] = {"clicks": len(clicks), "saved": got == wanted,
                        "driven_ms": round(mouse_ms, 1)}

    # -- by keyboard: digits on the rows, typed hours, a letter for time with people, Ctrl+S ---
    def keyboard(day: date, with_practice: bool) -> dict[str, object]:
        today.navigate_to(day)
        QTest.qWait(20)
        today.focus_first()
        keys: list[tuple[Qt.Key, Qt.KeyboardModifier]] = []
        none = Qt.KeyboardModifier.NoModifier
        for text in ("7", "TAB", "7", "TAB", "6", "TAB", "6", "TAB", "5", "TAB", "b"):
            key = Qt.Key.Key_Tab if text == "TAB" else Qt.Key(ord(text.upper()))
            keys.append((key, none))
        if with_practice:  # the practice chips follow time with people: Tab, Space
            keys += [(Qt.Key.Key_Tab, none), (Qt.Key.Key_Space, none)]
        keys.append((Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier))
        for key, modifier in keys:
            target = QApplication.focusWidget() or today
            QTest.keyClick(target, key, modifier)
        first = form.practices.chips[0].name if form.practices.chips else ""
        expected = {**EXPECTED, "tags": [], "practices": [first] if with_practice else []}
        return {"keys": len(keys), "saved": stored(day) == expected, "stored": stored(day)}

    results["keyboard"] = keyboard(DAY - timedelta(days=2), with_practice=False)
    results["keyboard_with_practice"] = keyboard(DAY - timedelta(days=3), with_practice=True)
    results["goals"] = {"clicks": 8, "keys": 12}
    print(f"mouse: {results['mouse']}")
    print(f"keyboard: {results['keyboard']}")
    print(f"keyboard + a practice: {results['keyboard_with_practice']}")
    print(json.dumps(results, default=str), flush=True)
    os._exit(0)  # PySide6 teardown is not measured (see PERFORMANCE.md §7)


if __name__ == "__main__":
    main()
