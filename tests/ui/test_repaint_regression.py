"""PySide6 6.12.0 on Python 3.11 over-releases None on every Python paintEvent and aborts after
a few thousand repaints (PERFORMANCE.md §7). The dependency spec excludes that combination;
this test repaints 2,000 times and fails if `None` loses references."""

from __future__ import annotations

import sys

from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


class Painted(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawText(10, 20, "paint")
        painter.end()
        self.paints += 1


def test_two_thousand_python_repaints_keep_none_alive(qtbot: QtBot) -> None:
    widget = Painted()
    qtbot.addWidget(widget)
    widget.resize(120, 40)
    widget.show()
    qtbot.waitExposed(widget)
    image = QImage(120, 40, QImage.Format.Format_ARGB32)
    widget.render(image)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.render(image)  # a synchronous paintEvent, exposed window or not
    after = sys.getrefcount(None)
    assert widget.paints >= 2000
    assert after >= before - 50, f"None lost {before - after} references over 2,000 repaints"
