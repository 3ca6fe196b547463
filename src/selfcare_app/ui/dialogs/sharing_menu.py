"""File-menu entries for sharing on the student's terms: summary, export, import.

Kept light (no matplotlib or report imports until a dialog opens) so start-up stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from selfcare_app.i18n import _
from selfcare_app.ui.actions import make_action

if TYPE_CHECKING:
    from selfcare_app.ui.main_window import MainWindow


def open_summary(window: MainWindow) -> QDialog:
    from selfcare_app.ui.dialogs.summary_dialog import SummaryDialog

    dialog = SummaryDialog(window.session, window)
    dialog.open()
    return dialog


def open_export(window: MainWindow) -> QDialog:
    from selfcare_app.ui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(window.session, window)
    dialog.open()
    return dialog


def open_import(window: MainWindow) -> QDialog:
    from selfcare_app.ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(window.session, window)
    dialog.open()
    return dialog


def _opener(window: MainWindow,
            opener: Callable[[MainWindow], QDialog]) -> Callable[[], QDialog]:
    return lambda: opener(window)


def add_sharing_actions(window: MainWindow) -> None:
    """Add the three actions to the File menu (enabled only while unlocked)."""
    for text, opener in (
        (_("Counselor &summary (PDF)…"), open_summary),
        (_("&Export data…"), open_export),
        (_("&Import data…"), open_import),
    ):
        action = make_action(window, text, _opener(window, opener))
        action.setObjectName("sharing:" + opener.__name__.removeprefix("open_"))
        window.add_unlocked_action("file", action)
    window.file_menu.insertSeparator(window.lock_action)
