"""The counselor summary dialog on a small screen and with large text: it opens inside the
screen, Save PDF and Close stay on screen, and the preview pages shrink to their panel."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from selfcare_app.core.demo import semester
from tests.ui.conftest import TODAY, create_and_unlock

SMALL_SCREEN = QRect(0, 0, 1024, 640)


@contextmanager
def app_font_scaled(factor: float) -> Iterator[None]:
    """The whole application's text at `factor` × its size (a desktop at 150 %), restored."""
    from selfcare_app.ui.theme import apply_app_font

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QFont(app.font())
    try:
        apply_app_font(app, original.pointSizeF() * factor)
        yield
    finally:
        app.setFont(original)


def _on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("factor", [1.0, 1.5])
def test_save_and_close_stay_on_a_1024x640_screen(window: Any, qtbot: QtBot, factor: float,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.ui import fit
    from selfcare_app.ui.dialogs.summary_dialog import SummaryDialog

    # The app-wide fitter (ui/fit.py) places every dialog as it is shown: on this screen too.
    monkeypatch.setattr(fit, "available_area", lambda widget=None: SMALL_SCREEN)

    create_and_unlock(qtbot, window)
    window.session.run(lambda v: v.entries.upsert_many(semester(TODAY, 90)))
    window.session.run(lambda v: v.safety_events.add(datetime(2026, 11, 20, 22, 0),
                                                     "not-safe"))
    with app_font_scaled(factor):
        dlg = SummaryDialog(window.session, window)
        qtbot.addWidget(dlg)
        dlg.fit_to(SMALL_SCREEN)
        dlg.show()
        qtbot.waitUntil(lambda: dlg.page_count > 0 and dlg.save_button.isEnabled(),
                        timeout=30_000)
        qtbot.waitUntil(lambda: dlg.page_labels[0].width() <= dlg.preview_area.viewport()
                        .width(), timeout=5_000)
        assert SMALL_SCREEN.contains(dlg.frameGeometry())
        for button in (dlg.save_button, dlg.close_button):
            assert button.isVisible()
            assert SMALL_SCREEN.contains(_on_screen(button)), _on_screen(button)
            assert dlg.rect().contains(QRect(button.mapTo(dlg, QPoint(0, 0)), button.size()))
        # the pages shrink to the preview panel instead of needing a sideways scroll
        assert all(label.width() <= dlg.preview_area.viewport().width()
                   for label in dlg.page_labels)
        # the choices scroll inside their panel: every section box is reachable there
        assert dlg.choices_area.widget().isAncestorOf(dlg.section_boxes["safety"])
        dlg.done(0)


def test_fit_to_keeps_the_preferred_size_on_a_large_screen(window: Any, qtbot: QtBot) -> None:
    from selfcare_app.ui.dialogs.summary_dialog import PREFERRED_SIZE, SummaryDialog

    create_and_unlock(qtbot, window)
    dlg = SummaryDialog(window.session, window)
    qtbot.addWidget(dlg)
    big = QRect(0, 0, 1920, 1080)
    dlg.fit_to(big)
    assert (dlg.width(), dlg.height()) == PREFERRED_SIZE
    assert big.contains(dlg.geometry())
    qtbot.waitUntil(lambda: dlg.page_count > 0, timeout=30_000)
    dlg.done(0)
