"""Waiting on the event loop by what happened, never by a fixed number of milliseconds.

`settle` replaces `qtbot.wait(20)` after "navigate, then look": it posts a marker behind
whatever is already queued (queued signal calls, layout requests, `QTimer.singleShot(0, …)`,
deferred deletes) and returns when the marker has run, so everything queued before it has run
too. Each round also lets the events those produced run. For "input keeps the app unlocked",
`wait_for_idle_countdown` and `idle_remaining_ms` read the countdown instead of sleeping
through it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot


def settle(qtbot: QtBot, rounds: int = 2) -> None:
    """Run everything already posted to the event loop (and what that posts, `rounds` deep)."""
    for _ in range(rounds):
        _run_queued(qtbot)


def _run_queued(qtbot: QtBot) -> None:
    ran: list[bool] = []
    QTimer.singleShot(0, lambda: ran.append(True))  # a posted call, run in FIFO order
    qtbot.waitUntil(lambda: bool(ran), timeout=5_000)


def precise_idle_countdown(window: Any) -> None:
    """Make the idle watcher's timer report its countdown to the millisecond. A default
    (coarse) timer of a minute or more is aligned to whole seconds, so a restart a moment
    later shows the same remaining time; when it fires is all the app needs, not this."""
    timer: QTimer = window.idle._timer
    timer.setTimerType(Qt.TimerType.PreciseTimer)


def idle_remaining_ms(window: Any) -> int:
    """Milliseconds left before the main window's idle watcher locks the app."""
    timer: QTimer = window.idle._timer
    return timer.remainingTime()


def wait_for_idle_countdown(qtbot: QtBot, window: Any, below_ms: int) -> None:
    """Wait until the idle countdown has run below `below_ms` (time really passed)."""
    qtbot.waitUntil(lambda: 0 <= idle_remaining_ms(window) < below_ms, timeout=5_000)
