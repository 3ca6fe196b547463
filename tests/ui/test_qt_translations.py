"""Qt's standard buttons follow the app's language, and stay working English otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from selfcare_app.ui.qt_translations import install_qt_translations


def _close_text(qtbot: QtBot) -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    return box.button(QDialogButtonBox.StandardButton.Close).text()


def test_a_translated_language_translates_qt_standard_buttons(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = install_qt_translations(app, "de")
    assert translator is not None
    try:
        assert _close_text(qtbot).replace("&", "") == "Schließen"
    finally:
        app.removeTranslator(translator)
    assert _close_text(qtbot).replace("&", "") == "Close"


def test_english_and_the_pseudo_locale_keep_qt_english(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for language in (None, "en", "en_GB", "en@pseudo", "xx"):
        assert install_qt_translations(app, language) is None
    assert _close_text(qtbot).replace("&", "") == "Close"
