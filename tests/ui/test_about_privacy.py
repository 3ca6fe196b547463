"""About (version, self-check attributions, licences) and Privacy (what, where, never leaves)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from selfcare_app import APP_ID, __version__
from selfcare_app.core.instruments import load_instruments
from selfcare_app.paths import AppPaths


def test_about_names_version_every_instrument_attribution_and_licences(qtbot: QtBot) -> None:
    from selfcare_app.ui.about_privacy import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    tabs = dialog.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["&About", "&Self-checks",
                                                              "&Licences"]
    about = tabs.widget(0).toPlainText()  # type: ignore[attr-defined]
    assert __version__ in about and "not medical advice" in about
    checks = tabs.widget(1).toPlainText()  # type: ignore[attr-defined]
    for instrument in load_instruments().values():
        assert instrument.name in checks
        assert instrument.attribution in checks and instrument.licence in checks
    licences = tabs.widget(2).toPlainText()  # type: ignore[attr-defined]
    for needle in ("PySide6", "SQLCipher", "OpenSSL", "matplotlib", "platformdirs",
                   "GNU LESSER GENERAL PUBLIC LICENSE", "DejaVu"):
        assert needle in licences


def test_privacy_lists_every_file_we_keep_and_the_promises(qtbot: QtBot, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from selfcare_app import autostart
    from selfcare_app.ui.about_privacy import PrivacyDialog

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    paths = AppPaths(tmp_path / "data")
    dialog = PrivacyDialog(paths)
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    for path in (paths.vault, paths.backups, paths.ui_settings, paths.cache_dir):
        assert str(path) in text
    for needle in ("never opens a network connection", "not encrypted", "AES-256",
                   "Delete everything"):
        assert needle in text
    assert "login" not in text.split("What never leaves")[0].split(str(paths.cache_dir))[1]
    autostart.enable(["selfcare-app", "--background"])
    again = PrivacyDialog(paths)
    qtbot.addWidget(again)
    assert f"{APP_ID}.desktop" in again.view.toPlainText()


def test_help_menu_opens_about_and_privacy_even_while_locked(qtbot: QtBot, window: object,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from PySide6.QtWidgets import QDialog

    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    actions = {a.text(): a for a in window.help_menu.actions()}  # type: ignore[attr-defined]
    actions["&About Selfcare"].trigger()
    actions["&Privacy"].trigger()
    assert opened == ["AboutDialog", "PrivacyDialog"]
