"""File-menu entries for sharing on the student's terms: summary, export, import.

Kept light (no matplotlib or report imports until a dialog opens) so start-up stays fast.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from selfcare_app.i18n import _
from selfcare_app.ui.actions import make_action
from selfcare_app.ui.session import VaultSession

Opener = Callable[[VaultSession, QWidget], QDialog]


def open_summary(session: VaultSession, parent: QWidget) -> QDialog:
    from selfcare_app.ui.dialogs.summary_dialog import SummaryDialog

    dialog = SummaryDialog(session, parent)
    dialog.open()
    return dialog


def open_export(session: VaultSession, parent: QWidget) -> QDialog:
    from selfcare_app.ui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(session, parent)
    dialog.open()
    return dialog


def open_import(session: VaultSession, parent: QWidget) -> QDialog:
    from selfcare_app.ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(session, parent)
    dialog.open()
    return dialog


def _opener(session: VaultSession, parent: QWidget, opener: Opener) -> Callable[[], QDialog]:
    return lambda: opener(session, parent)


def sharing_actions(session: VaultSession, parent: QWidget) -> list[QAction]:
    """The three File-menu actions (the window enables them only while unlocked)."""
    actions = []
    for text, opener in (
        (_("Counselor &summary (PDF)…"), open_summary),
        (_("&Export data…"), open_export),
        (_("&Import data…"), open_import),
    ):
        action = make_action(parent, text, _opener(session, parent, opener))
        action.setObjectName("sharing:" + opener.__name__.removeprefix("open_"))
        actions.append(action)
    return actions
