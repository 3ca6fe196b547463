"""Composition root of the desktop app: paths, QApplication, fonts, the main window."""

from __future__ import annotations

import os
import sys

from selfcare_app import APP_ID, APP_NAME
from selfcare_app.paths import AppPaths, resolve


def _prepare_environment(paths: AppPaths) -> None:
    # matplotlib must pick PySide6 and keep its font cache out of the student's home folder.
    os.environ.setdefault("QT_API", "pyside6")
    os.environ.setdefault("MPLCONFIGDIR", str(paths.cache_dir / "matplotlib"))


def create_window(paths: AppPaths) -> object:
    """Build the QApplication (if needed) and the main window; returns the window."""
    from PySide6.QtWidgets import QApplication

    from selfcare_app.data.security import disable_core_dumps
    from selfcare_app.ui.desktop_settings import DesktopSettings
    from selfcare_app.ui.main_window import MainWindow
    from selfcare_app.ui.theme import apply_app_font, apply_theme

    disable_core_dumps()  # SQLCipher's own hardening runs on the vault thread before opening
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    apply_app_font(app)
    from selfcare_app.ui.qt_translations import install_qt_translations

    install_qt_translations(app)  # Qt's standard buttons in the app's language, if it has one
    from PySide6.QtCore import QTimer

    from selfcare_app.ui.main_window import AFTER_FIRST_PAINT_MS

    QTimer.singleShot(AFTER_FIRST_PAINT_MS, lambda: _install_focus_ring(app))
    theme = DesktopSettings(paths.ui_settings).theme
    if theme != "system":
        apply_theme(app, theme)
    from selfcare_app.ui import gc_policy

    gc_policy.install(app)
    from importlib import resources

    from PySide6.QtGui import QIcon, QPixmap

    icon = QIcon()
    icons = resources.files("selfcare_app.resources").joinpath("icons")
    for name in ("selfcare.svg", "selfcare-256.png"):  # the PNG where SVG can't be drawn
        pixmap = QPixmap()
        if pixmap.loadFromData(icons.joinpath(name).read_bytes()):
            icon.addPixmap(pixmap)
    app.setWindowIcon(icon)
    window = MainWindow(paths)
    return window


def _install_focus_ring(app: object) -> None:
    from selfcare_app.ui.accessibility import install_focus_ring

    install_focus_ring(app)  # type: ignore[arg-type]


def run_gui(data_dir: str | None = None, background: bool = False) -> int:
    """`background` (the login autostart): start locked in the tray, or minimised without one."""
    paths = resolve(data_dir)
    from selfcare_app.paths import make_private

    make_private(paths)  # window.ini, cache/ and backups/ 0600/0700 from creation
    _prepare_environment(paths)
    from selfcare_app.data.vault_lock import release, request_raise, try_acquire

    if not try_acquire(paths.vault):
        # Another window has this vault: bring it forward instead of opening it twice.
        if background or request_raise(paths.vault):
            return 0
        return _tell_in_use(paths)
    from PySide6.QtWidgets import QApplication

    from selfcare_app.data.precheck import finish_interrupted_restore

    finish_interrupted_restore(paths.vault)  # before the lock screen looks for a vault
    window = create_window(paths)
    from selfcare_app.ui.single_instance import RaiseWatcher

    RaiseWatcher(paths.vault, window)  # type: ignore[arg-type]
    if background:
        window.start_in_background()  # type: ignore[attr-defined]
    else:
        window.show()  # type: ignore[attr-defined]
    app = QApplication.instance()
    assert app is not None
    try:
        return int(app.exec())
    finally:
        release(paths.vault)


def _tell_in_use(paths: AppPaths) -> int:
    """The lock is held by a command (passwd, restore …), not a window that could come forward."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from selfcare_app.data.errors import VaultBusyError

    text = str(VaultBusyError())
    sys.stderr.write(f"selfcare-app: {text}\n")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QMessageBox.information(None, APP_NAME, text)
    del app
    return VaultBusyError.exit_code


def main() -> int:
    return run_gui(None)
