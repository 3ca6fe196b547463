"""Test hook for the AT-SPI test (tests/ui/test_atspi.py): what the screen shows, to compare with
what a screen reader gets over AT-SPI.

Off unless the environment variable SELFCARE_A11Y_PROBE names a folder (the test sets it). Then,
whenever a file named `request` appears there, the app writes `labels.json`: the text of every
visible label in its visible windows, and removes `request`. It reads nothing else, writes only
there, and adds no key, window or control.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from selfcare_app.atomic import atomic_write
from selfcare_app.ui.accessibility import RING_NAME, label_text

ENV = "SELFCARE_A11Y_PROBE"
POLL_MS = 50


def visible_label_texts() -> list[dict[str, str]]:
    out = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        for label in window.findChildren(QLabel):
            if label.isVisible() and label.objectName() != RING_NAME:
                text = label_text(label)
                if text:
                    out.append({"window": window.windowTitle(), "text": text})
    return out


class Probe(QObject):
    def __init__(self, folder: Path, parent: QObject) -> None:
        super().__init__(parent)
        self.folder = folder
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        request = self.folder / "request"
        if request.exists():
            atomic_write(self.folder / "labels.json",
                         json.dumps(visible_label_texts()).encode("utf-8"))
            request.unlink(missing_ok=True)


def install_from_env(parent: QObject) -> Probe | None:
    folder = os.environ.get(ENV, "")
    if not folder or not Path(folder).is_dir():
        return None
    return Probe(Path(folder), parent)
