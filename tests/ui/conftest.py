"""GUI fixtures: the real main window over a vault in tmp_path, offscreen."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from selfcare_app.paths import AppPaths

PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def _collect_on_ui_thread() -> Iterator[None]:
    """As the app does (ui/gc_policy.py): never let the cyclic GC finalise a Qt object on the
    vault thread; collect here, on the UI thread, after each test."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data")


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    from PySide6.QtWidgets import QMessageBox

    from selfcare_app.app import create_window

    monkeypatch.setenv("SELFCARE_TODAY", "2026-11-25")
    # Modal questions are answered by the tests that expect them; never block the suite.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    win = create_window(paths)
    qtbot.addWidget(win)  # type: ignore[arg-type]
    win.resize(1280, 800)  # type: ignore[attr-defined]
    win.show()  # type: ignore[attr-defined]
    yield win
    win.close()  # type: ignore[attr-defined]


def create_and_unlock(qtbot: QtBot, win: object, passphrase: str = PASS) -> None:
    lock = win.lock_screen  # type: ignore[attr-defined]
    lock.passphrase.setText(passphrase)
    lock.confirm.setText(passphrase)
    lock.understand.setChecked(True)
    lock.submit.click()
    qtbot.waitUntil(lambda: win.session.is_unlocked and win.main_area is not None,  # type: ignore[attr-defined]
                    timeout=10_000)


def unlock(qtbot: QtBot, win: object, passphrase: str = PASS) -> None:
    lock = win.lock_screen  # type: ignore[attr-defined]
    lock.passphrase.setText(passphrase)
    lock.submit.click()
    qtbot.waitUntil(lambda: win.session.is_unlocked and win.main_area is not None,  # type: ignore[attr-defined]
                    timeout=10_000)


TODAY = date(2026, 11, 25)
