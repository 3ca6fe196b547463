"""File dialogs that leave no folder names behind (SECURITY.md §b.9, DESIGN.md §4).

Qt's own (non-native) file dialog remembers the last folder and a history of folders in the
`FileDialog` group of QtProject.conf; a folder name can say a lot ("Therapy notes"). Every
dialog here removes that group as soon as it closes. Tests replace `ask_save_path` /
`ask_open_path` to avoid modal dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget


def forget_file_dialog_history() -> None:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.sync()


def file_filters(*entries: tuple[str, str]) -> str:
    """Qt's filter string from (translated name, patterns) pairs: "Exports (*.json *.csv);;..."

    The patterns stay outside the translation, so no language (nor the pseudo-locale) can
    change what the dialog matches.
    """
    return ";;".join(f"{name} ({patterns})" for name, patterns in entries)


def ask_save_path(parent: QWidget | None, title: str, suggested: str,
                  filters: str) -> Path | None:
    """A path to write to (the dialog asks before replacing a file), or None if cancelled."""
    try:
        name, _filter = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested),
                                                    filters)
    finally:
        forget_file_dialog_history()
    return Path(name) if name else None


def ask_open_path(parent: QWidget | None, title: str, filters: str) -> Path | None:
    try:
        name, _filter = QFileDialog.getOpenFileName(parent, title, str(Path.home()), filters)
    finally:
        forget_file_dialog_history()
    return Path(name) if name else None
