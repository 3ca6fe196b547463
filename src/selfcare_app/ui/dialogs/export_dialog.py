"""Export all data (JSON) or the daily entries (CSV) to a file the student chooses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from selfcare_app import __version__
from selfcare_app.clock import today
from selfcare_app.data.exchange import UNENCRYPTED_WARNING, ExportResult, export_to_file
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.dialogs import file_choice
from selfcare_app.ui.session import VaultSession

FORMATS = (
    ("json", N_("Everything (JSON)"),
     N_("Entries, notes, self-checks, what the app noticed, safety events, quiet periods, your "
        "own resources and settings. Can be imported again into Selfcare.")),
    ("csv", N_("Daily entries (CSV)"),
     N_("One row per day, for a spreadsheet. Formulas are neutralised so nothing runs when it "
        "is opened.")),
)


class ExportDialog(QDialog):
    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export your data"))
        self.session = session
        self.result_path: Path | None = None
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for i, (fmt, title, text) in enumerate(FORMATS):
            radio = QRadioButton(_(title))
            radio.setAccessibleName(_(title))
            radio.setChecked(i == 0)
            self.group.addButton(radio, i)
            self.buttons[fmt] = radio
            layout.addWidget(radio)
            hint = QLabel(_(text))
            hint.setWordWrap(True)
            hint.setIndent(22)
            layout.addWidget(hint)
        self.warning = QLabel(_(UNENCRYPTED_WARNING))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.warning)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Export status"))
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        self.export_button = QPushButton(_("&Export…"))
        self.export_button.clicked.connect(self.export)
        close = QPushButton(_("&Close"))
        close.clicked.connect(self.reject)
        row.addWidget(self.export_button)
        row.addWidget(close)
        layout.addLayout(row)

    def chosen_format(self) -> str:
        return next(fmt for fmt, radio in self.buttons.items() if radio.isChecked())

    def export(self) -> None:
        fmt = self.chosen_format()
        suggested = f"selfcare-{today().isoformat()}.{fmt}"
        path = file_choice.ask_save_path(
            self, _("Export your data"), suggested,
            file_choice.file_filters((_("JSON files") if fmt == "json" else _("CSV files"),
                                      f"*.{fmt}")))
        if path is None:
            return
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        self.export_button.setEnabled(False)
        self.status.setText(_("Exporting…"))
        self.session.call(lambda v: export_to_file(v, path, fmt, __version__),
                          self._done, self._failed)

    def _done(self, result: ExportResult) -> None:
        self.result_path = result.path
        self.export_button.setEnabled(True)
        self.status.setText(ngettext(
            "Exported {days} day ({size} bytes) to {path}.",
            "Exported {days} days ({size} bytes) to {path}.", result.entries).format(
                days=result.entries, size=f"{result.size:,}", path=result.path))

    def _failed(self, exc: Any) -> None:
        self.export_button.setEnabled(True)
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.status.setText(_("The export was not written: {detail}").format(detail=detail))
