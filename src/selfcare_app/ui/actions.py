"""Small typed helpers for actions and shortcuts (PySide6's keyword forms confuse mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def make_action(parent: QWidget, text: str, slot: Callable[[], Any],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(shortcut if isinstance(shortcut, QKeySequence)
                           else QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def shortcut(parent: QWidget, key: QKeySequence | QKeySequence.StandardKey | str,
             slot: Callable[[], Any]) -> QShortcut:
    sc = QShortcut(key if isinstance(key, QKeySequence) else QKeySequence(key), parent)
    sc.activated.connect(slot)
    return sc
