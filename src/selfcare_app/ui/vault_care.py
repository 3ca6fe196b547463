"""Backups, passphrase change and delete everything, from the app's menus.

Restoring and changing the passphrase need the vault closed: `VaultController` locks first and
runs the slow parts (key derivation, copying) on the vault thread while a progress note shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.formatting import format_day, format_time
from selfcare_app.core.passphrase import check_strength
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.theme import set_role

if TYPE_CHECKING:
    from selfcare_app.paths import AppPaths
    from selfcare_app.ui.vault_controller import VaultController

KIND_LABELS = {"auto": N_("automatic"), "manual": N_("on demand"),
               "pre-restore": N_("before a restore"), "replaced": N_("replaced file"),
               "pre-passwd": N_("before passphrase change")}


class BackupsDialog(QDialog):
    def __init__(self, controller: VaultController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(_("Backups"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(_(
            "Selfcare keeps encrypted backups beside your vault: one a day when you unlock "
            "(the last 7 days and 4 weeks are kept), plus any you make here. They open with "
            "the same passphrase."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Taken"), _("Kind"), _("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(_("Backups, newest first"))
        self.table.setTabKeyNavigation(False)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.backup_button = QPushButton(_("&Back up now"))
        self.restore_button = QPushButton(_("&Restore selected…"))
        close = QPushButton(_("&Close"))
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        close.clicked.connect(self.accept)
        self.refresh()

    def refresh(self) -> None:
        from selfcare_app.data.backups import list_backups

        self.backups = sorted(list_backups(self.controller.paths), key=lambda b: b.taken_at,
                              reverse=True)
        self.table.setRowCount(len(self.backups))
        for i, b in enumerate(self.backups):
            kind = KIND_LABELS.get(b.kind, b.kind)
            size = _("{size} KiB").format(size=f"{b.size / 1024:,.0f}")
            taken = f"{format_day(b.taken_at.date())} {format_time(b.taken_at)}"
            for j, text in enumerate((taken, _(kind), size)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.restore_button.setEnabled(bool(self.backups))
        if self.backups:
            self.table.selectRow(0)

    def back_up_now(self) -> None:
        """On the vault thread (a large vault takes a moment to copy and check); the dialog
        stays responsive and the button says what is happening meanwhile."""
        from selfcare_app.data.backups import backup_now

        paths = self.controller.paths
        label = self.backup_button.text()
        self.backup_button.setEnabled(False)
        self.backup_button.setText(_("Backing up…"))

        def finished() -> None:
            self.backup_button.setText(label)
            self.backup_button.setEnabled(True)

        def done(_made: object) -> None:
            finished()
            self.refresh()
            self.controller.status.emit(_("Encrypted backup made."), 4000)

        def failed(exc: Exception) -> None:
            finished()
            QMessageBox.warning(self, _("No backup made"), str(exc))

        self.controller.session.call(lambda v: backup_now(v, paths), done, failed)

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        backup = self.backups[rows[0].row()]
        passphrase, ok = QInputDialog.getText(
            self, _("Restore this backup?"),
            _("Restore the backup from {taken}? Your current vault is kept as a backup, so "
              "nothing is lost.\n\nEnter your passphrase to continue:").format(
                taken=f"{format_day(backup.taken_at.date())} {format_time(backup.taken_at)}"),
            QLineEdit.EchoMode.Password)
        if not ok or not passphrase:
            return
        self.accept()
        self.controller.restore(backup.path, passphrase)


class ChangePassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change passphrase"))
        form = QFormLayout()
        self.current = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for field, name in ((self.current, _("&Current passphrase")),
                            (self.new, _("&New passphrase")),
                            (self.repeat, _("&Repeat the new passphrase"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name.replace("&", ""))
            form.addRow(name, field)
        self.message = QLabel(_("Use at least 10 characters; a few unrelated words work well. "
                                "It can't be recovered if you lose it."))
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Change passphrase"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        strength = check_strength(self.new.text())
        ok = (bool(self.current.text()) and strength.acceptable
              and self.new.text() == self.repeat.text())
        if self.new.text():
            text = strength.message
            if self.repeat.text() and self.repeat.text() != self.new.text():
                text += " " + _("The two new passphrases don't match yet.")
            self.message.setText(text)
            set_role(self.message, "" if strength.acceptable else "error")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def confirm_delete_everything(parent: QWidget, paths: AppPaths) -> bool:
    from selfcare_app.data.erase import planned_removals

    count = len(planned_removals(paths))
    text, ok = QInputDialog.getText(
        parent, _("Delete everything?"),
        # Translators: keep the word DELETE in English; the app checks for exactly that word.
        ngettext("This permanently removes your vault, its backups and the app's settings "
                 "({count} item in {folder}). It can't be undone. Export first if you want to "
                 "keep anything.\n\nType DELETE to confirm:",
                 "This permanently removes your vault, its backups and the app's settings "
                 "({count} items in {folder}). It can't be undone. Export first if you want to "
                 "keep anything.\n\nType DELETE to confirm:", count).format(
                     count=count, folder=paths.data_dir))
    return ok and text.strip() == "DELETE"
