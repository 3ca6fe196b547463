"""Every page and dialog fits a 1024×640 screen, at 100 % and with 150 % text: the window opens
inside the screen's free area, Get help now and Lock stay on it, and no button of a dialog lies
outside the screen (ui/fit.py, main_window.py). Dialogs are found generically, so a dialog
reworked by anyone is covered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from selfcare_app.paths import AppPaths
from selfcare_app.ui import fit
from tests.ui.conftest import create_and_unlock
from tests.ui.test_accessibility import dialogs, large_app_font, seed
from tests.ui.waits import settle

SCREEN = QRect(0, 0, 1024, 640)


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    monkeypatch.setattr(fit, "available_area", lambda _widget=None: QRect(SCREEN))
    return SCREEN


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area's viewport: reachable by scrolling, so it may lie past the edge."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def buttons_off(top: QWidget, area: QRect) -> list[str]:
    return [f"{type(top).__name__}: {b.text() or b.accessibleName()!r}"
            for b in top.findChildren(QAbstractButton)
            if b.isVisibleTo(top) and b.isVisible() and not in_scroll_area(b, top)
            and not area.contains(global_rect(b))]


def check_window(qtbot: QtBot, win: Any, area: QRect) -> list[str]:
    problems: list[str] = []
    room = fit.usable_size(area)
    hint = win.minimumSizeHint().expandedTo(win.minimumSize())
    if hint.width() > room.width() or hint.height() > room.height():
        problems.append(f"window needs {hint.toTuple()}, the screen leaves {room.toTuple()}")
    win.resize(room)
    win.move(area.topLeft() + QPoint(fit.MARGIN, fit.MARGIN + fit.DECORATION.height()))
    for key in list(win.pages):
        win.navigate(key)
        settle(qtbot)
        for button in (win.help_button, win.lock_button):
            if not button.isVisible() or not win.rect().contains(
                    QRect(button.mapTo(win, QPoint(0, 0)), button.size())):
                problems.append(f"{key}: {button.text()} is off the window")
        page = win.pages[key]
        room = page.parentWidget()  # the page frame's viewport
        if room is not None and page.width() > room.width():
            problems.append(f"{key}: scrolls sideways ({page.width()} px in {room.width()})")
        if key == "trends":  # nothing laid over the chart (the summary goes under it)
            charts, hint = page.tabs.geometry(), page.hint.geometry()
            if charts.bottom() >= hint.top():
                problems.append(f"trends: the text under the charts overlaps them {charts}")
        if key == "today":
            save = win.pages["today"].save_button
            visible = save.visibleRegion().boundingRect()
            if visible.width() < save.width() or visible.height() < save.height():
                problems.append("today: Save check-in is not fully in view")
    return problems


def check_dialogs(qtbot: QtBot, win: Any, area: QRect) -> tuple[int, list[str]]:
    problems: list[str] = []
    seen = 0
    for name, dialog in dialogs(win):
        settle(qtbot)
        seen += 1
        frame = global_rect(dialog)
        if not area.contains(frame):
            problems.append(f"{name}: opens at {frame.getRect()}, off the screen")
        problems.extend(f"{name}: {p}" for p in buttons_off(dialog, area))
        # The buttons that finish a dialog stay in view: never scrolled away with the content.
        save = getattr(dialog, "save_button", None)
        if isinstance(save, QWidget) and in_scroll_area(save, dialog):
            problems.append(f"{name}: its save button scrolls away with the content")
        dialog.done(0)
        QApplication.processEvents()
    return seen, problems


def run_everything(qtbot: QtBot, win: Any, area: QRect) -> None:
    assert area.contains(win.frameGeometry()), "the window must open inside the screen"
    create_and_unlock(qtbot, win)
    seed(win)
    problems = check_window(qtbot, win, area)
    seen, more = check_dialogs(qtbot, win, area)
    assert seen >= 12
    assert not problems + more, problems + more


def make_window(qtbot: QtBot, paths: AppPaths) -> Any:
    from selfcare_app.app import create_window

    win: Any = create_window(paths)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setenv("SELFCARE_TODAY", "2026-11-25")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(0)


def test_everything_fits_1024_by_640(qtbot: QtBot, paths: AppPaths, small_screen: QRect,
                                     env: None) -> None:
    win = make_window(qtbot, paths)
    run_everything(qtbot, win, small_screen)
    win.close()


def test_everything_fits_1024_by_640_with_150_percent_text(
        qtbot: QtBot, paths: AppPaths, small_screen: QRect, env: None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with large_app_font(app.font().pointSizeF() * 1.5):
        win = make_window(qtbot, paths)
        run_everything(qtbot, win, small_screen)
        win.close()


def test_everything_fits_1366_by_768_with_125_percent_text(
        qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch, env: None) -> None:
    laptop = QRect(0, 0, 1366, 768)
    monkeypatch.setattr(fit, "available_area", lambda _widget=None: QRect(laptop))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with large_app_font(app.font().pointSizeF() * 1.25):
        win = make_window(qtbot, paths)
        run_everything(qtbot, win, laptop)
        win.close()


def test_a_saved_size_larger_than_the_screen_is_brought_back_inside(
        qtbot: QtBot, paths: AppPaths, small_screen: QRect, env: None) -> None:
    from selfcare_app.ui.desktop_settings import DesktopSettings

    first = make_window(qtbot, paths)
    first.resize(1500, 1000)
    first.move(600, 300)
    paths.ui_settings.parent.mkdir(parents=True, exist_ok=True)
    DesktopSettings(paths.ui_settings).geometry = first.saveGeometry()
    first.close()
    again = make_window(qtbot, paths)
    assert small_screen.contains(again.frameGeometry())
    again.close()


def test_a_dialog_too_tall_for_the_screen_scrolls_with_its_buttons_in_view(
        qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = QDialog()
    qtbot.addWidget(dialog)
    col = QVBoxLayout(dialog)
    for n in range(60):
        col.addWidget(QLabel(f"A long line of settings number {n}"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    col.addWidget(buttons)
    area = QRect(0, 0, 1024, 640)
    fit.fit_to_screen(dialog, area)
    dialog.show()
    fit.fit_to_screen(dialog, area)
    assert dialog.property(fit.FITTED)
    assert area.contains(global_rect(dialog))
    assert dialog.height() <= fit.usable_size(area).height()
    assert buttons_off(dialog, area) == []
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not in_scroll_area(save, dialog)  # Save stays outside the scrolling part
    # A plain row of buttons (no QDialogButtonBox) stays outside too.
    rowed = QDialog()
    qtbot.addWidget(rowed)
    col = QVBoxLayout(rowed)
    for n in range(60):
        col.addWidget(QLabel(f"Line {n}"))
    from PySide6.QtWidgets import QHBoxLayout

    row = QHBoxLayout()
    save_pdf = QPushButton("Save PDF…")
    row.addWidget(save_pdf)
    col.addLayout(row)
    rowed.show()
    fit.fit_to_screen(rowed, area)
    assert rowed.property(fit.FITTED) and not in_scroll_area(save_pdf, rowed)
    assert area.contains(global_rect(save_pdf))
    small = QDialog()
    qtbot.addWidget(small)
    QVBoxLayout(small).addWidget(QPushButton("OK"))
    fit.fit_to_screen(small, area)
    assert not small.property(fit.FITTED)  # a dialog that fits is left as it is
    assert small.size().boundedTo(QSize(1024, 640)) == small.size()
