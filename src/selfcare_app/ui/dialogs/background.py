"""Run slow work (PDF rendering, parsing an import file) on a worker thread owned by a dialog,
and deliver the result on the UI thread. One QThread, so Qt objects a job creates (the laid-out
summary document) are always used from the same thread.

Python's cycle collector runs in whichever thread happens to trigger it. If it ran in the
worker while unreachable widgets were waiting to be collected, their C++ destructors would run
off the UI thread and crash Qt (reproduced: a closed window, then matplotlib imported in a
thread, segfaults in QApplication::notify). So garbage is collected on the UI thread before a
job starts and after it ends, and automatic collection is paused while a job runs.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

T = TypeVar("T")
_gc_lock = threading.Lock()
_gc_holds = 0
_gc_was_enabled = True


@contextmanager
def automatic_gc_paused() -> Iterator[None]:
    """No automatic cycle collection (in any thread) while a worker job runs."""
    global _gc_holds, _gc_was_enabled
    with _gc_lock:
        if _gc_holds == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_holds += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holds -= 1
            if _gc_holds == 0 and _gc_was_enabled:
                gc.enable()


class _Runner(QObject):
    """Lives on the worker QThread (which has an event loop, so Qt objects made there, like
    QTextDocument with its layout timer, work normally)."""

    finished = Signal(object)

    @Slot(object)
    def run(self, job: tuple[Callable[[], Any], Callable[[Any], None],
                             Callable[[BaseException], None]]) -> None:
        fn, on_done, on_error = job
        try:
            with automatic_gc_paused():
                value = fn()
        except Exception as exc:  # noqa: BLE001 - handed to the UI as a result
            self.finished.emit((on_error, exc))
            return
        self.finished.emit((on_done, value))


class Background(QObject):
    """One worker QThread per dialog; `submit` queues a job, results come back as calls on
    the UI thread. `shutdown` (called when the dialog closes) waits for the running job."""

    _start = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName(name)
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._start.connect(self._runner.run)
        self._runner.finished.connect(self._deliver)
        self._thread.start()
        self.busy = 0

    @Slot(object)
    def _deliver(self, job: tuple[Callable[[Any], None], Any]) -> None:
        self.busy -= 1
        gc.collect()  # on the UI thread: whatever became garbage while the job ran
        callback, value = job
        callback(value)

    def submit(self, fn: Callable[[], T], on_done: Callable[[T], None],
               on_error: Callable[[BaseException], None]) -> None:
        self.busy += 1
        gc.collect()  # on the UI thread, so the worker never finalises widgets
        self._start.emit((fn, on_done, on_error))

    def shutdown(self) -> None:
        """Finish the running job (at most one PDF), drop queued ones, stop the thread."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()
