"""Python's cyclic garbage collection, only ever on the UI thread.

The collector runs on whichever thread happens to allocate past its threshold. If that is the
vault thread and the garbage holds a Qt widget (a closed dialog, a destroyed page), the widget is
destroyed off the UI thread and the process crashes. So automatic collection is switched off and
a timer on the UI thread collects with the same generational thresholds (the pattern pyqtgraph's
GarbageCollector uses).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

_PROPERTY = "selfcareUiCollector"


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] > thresholds[0]:
            generation = 0
            if counts[1] > thresholds[1]:
                generation = 2 if counts[2] > thresholds[2] else 1
            gc.collect(generation)


def install(app: QCoreApplication) -> UiThreadCollector:
    """Once per application; later calls return the same collector."""
    existing = app.findChild(UiThreadCollector, _PROPERTY)
    if isinstance(existing, UiThreadCollector):
        gc.disable()
        return existing
    collector = UiThreadCollector(app)
    collector.setObjectName(_PROPERTY)
    return collector
