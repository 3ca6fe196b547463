from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from pytestqt.qtbot import QtBot

from selfcare_app.ui.theme import FAMILY, apply_app_font, apply_theme, is_dark


def test_bundled_font_is_registered_and_used(qtbot: QtBot) -> None:
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    apply_app_font(app)
    assert FAMILY in QFontDatabase.families()
    assert app.font().family() == FAMILY


def test_dark_theme_switches_palette(qtbot: QtBot) -> None:
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    original = app.palette()
    try:
        apply_theme(app, "dark")
        assert is_dark()
        apply_theme(app, "light")
        assert not is_dark()
    finally:
        app.setPalette(original)
