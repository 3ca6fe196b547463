"""Import a Selfcare JSON/CSV export or a Daylio CSV export, with a preview first.

The file is read and checked on a worker thread; for Daylio, every mood name in the file is
listed with how often it is used and the value it will get on the 0–10 mood scale (defaults
for Daylio's five moods, a choice for renamed ones). "Check" runs the import as a dry run and
shows what would change; "Import" applies it all at once or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import today as clock_today
from selfcare_app.core.daylio import DEFAULT_MOOD_MAP, DaylioPreview, preview
from selfcare_app.core.exchange import (
    ImportFileError,
    ImportReport,
    OnConflict,
    RowsRejectedError,
    decode_text,
    detect_format,
)
from selfcare_app.core.formatting import format_day
from selfcare_app.core.pack_csv import RESOURCE_LIST_HINT, looks_like_resource_list
from selfcare_app.core.records import ImportBundle
from selfcare_app.core.resource_pack import PackInvalid, looks_like_pack, parse_pack
from selfcare_app.data.exchange import apply_import, parse_import, read_import_file
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.dialogs import file_choice
from selfcare_app.ui.dialogs.background import Background
from selfcare_app.ui.session import VaultSession

FORMAT_NAMES = {"json": N_("Selfcare export (JSON)"), "csv": N_("Selfcare daily entries (CSV)"),
                "daylio": N_("Daylio export (CSV)"), "pack": N_("campus resource pack")}
PACK_HANDOVER = N_("This is a campus resource pack. Press Import to open it on the Resources "
                   "page, where you see every change before anything is added.")
CONFLICTS = (
    (OnConflict.KEEP, N_("Keep what is already in Selfcare")),
    (OnConflict.MERGE, N_("Merge: fill in empty fields, add tags and notes")),
    (OnConflict.REPLACE, N_("Replace with the imported day")),
)
UNSET = -1


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    data: bytes
    kind: str
    daylio: DaylioPreview | None


class ImportDialog(QDialog):
    def __init__(self, session: VaultSession, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import data"))
        self.resize(720, 620)
        self.session = session
        self.today = today or clock_today()
        self.worker = Background("import", self)
        self.loaded: LoadedFile | None = None
        self.last_report: ImportReport | None = None
        self.spins: dict[str, QSpinBox] = {}

        layout = QVBoxLayout(self)
        intro = QLabel(_("Import a Selfcare export (JSON or CSV) or a Daylio CSV export. "
                       "Nothing changes until you press Import, and an import is all or "
                       "nothing."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.choose_button = QPushButton(_("&Choose file…"))
        self.choose_button.clicked.connect(self.choose)
        self.file_label = QLabel(_("No file chosen."))
        self.file_label.setWordWrap(True)
        row.addWidget(self.choose_button)
        row.addWidget(self.file_label, 1)
        layout.addLayout(row)

        self.mood_label = QLabel(
            _("Daylio moods and the value each gets on the 0–10 mood scale (Daylio's five "
            "moods start at rad 9, good 7, meh 5, bad 3, awful 1; renamed moods need a value; "
            "several entries on one day are averaged):"))
        self.mood_label.setWordWrap(True)
        self.moods = QTableWidget(0, 3)
        self.moods.setHorizontalHeaderLabels([_("Mood in the file"), _("Entries"),
                                              _("Value (0–10)")])
        self.moods.setAccessibleName(_("Mood mapping"))
        self.moods.setTabKeyNavigation(False)  # Tab goes on to each value box
        self.moods.horizontalHeader().setStretchLastSection(True)
        self.moods.verticalHeader().setVisible(False)
        layout.addWidget(self.mood_label)
        layout.addWidget(self.moods, 1)

        form = QFormLayout()
        self.conflict = QComboBox()
        for policy, text in CONFLICTS:
            self.conflict.addItem(_(text), policy.value)
        self.conflict.setAccessibleName(_("When a day already has data"))
        form.addRow(_("When a day already has &data"), self.conflict)
        layout.addLayout(form)

        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName(_("Import report"))
        layout.addWidget(self.report, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.check_button = QPushButton(_("C&heck"))
        self.check_button.setToolTip(_("Show what would change, without changing anything"))
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = QPushButton(_("&Import"))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        close = QPushButton(_("&Close"))
        close.clicked.connect(self.reject)
        for b in (self.check_button, self.import_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self._show_moods(None)
        self._update_buttons()

    # -- choosing and previewing -------------------------------------------------------------

    def choose(self) -> None:
        path = file_choice.ask_open_path(
            self, _("Import data"), file_choice.file_filters((_("Exports"), "*.json *.csv"),
                                                          (_("All files"), "*")))
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        self.loaded = None
        self.file_label.setText(_("Reading {file}…").format(file=path.name))
        self.report.clear()
        self._update_buttons()

        def job() -> LoadedFile:
            data = read_import_file(path)
            if looks_like_pack(data):
                # The same checks, and the same words, as `selfcare-app import` for a pack.
                parse_pack(data, self.today + timedelta(days=1))
                return LoadedFile(path, data, "pack", None)
            if looks_like_resource_list(data):
                raise ImportFileError(RESOURCE_LIST_HINT)
            text = decode_text(data)
            kind = detect_format(text)
            return LoadedFile(path, data, kind, preview(text) if kind == "daylio" else None)

        self.worker.submit(job, self._loaded, self._load_failed)

    def _loaded(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        kind = _(FORMAT_NAMES[loaded.kind])
        p = loaded.daylio
        if p is not None and p.first_day and p.last_day:
            text = ngettext("{file}: {kind}, {rows} entry from {first} to {last}.",
                            "{file}: {kind}, {rows} entries from {first} to {last}.",
                            p.rows).format(file=loaded.path.name, kind=kind, rows=p.rows,
                                           first=format_day(p.first_day),
                                           last=format_day(p.last_day))
        else:
            text = _("{file}: {kind}.").format(file=loaded.path.name, kind=kind)
        self.file_label.setText(text)
        self._show_moods(p)
        self.conflict.setEnabled(loaded.kind != "pack")
        if loaded.kind == "pack":
            self.report.setPlainText(_(PACK_HANDOVER))
        self._update_buttons()

    def _load_failed(self, exc: BaseException) -> None:
        self.file_label.setText(_("This file can't be imported."))
        self._show_error(exc)
        self._update_buttons()

    def _show_moods(self, p: DaylioPreview | None) -> None:
        self.spins = {}
        self.moods.setRowCount(0)
        visible = p is not None
        self.mood_label.setVisible(visible)
        self.moods.setVisible(visible)
        if p is None:
            return
        for label, count in sorted(p.labels.items(), key=lambda kv: -kv[1]):
            row = self.moods.rowCount()
            self.moods.insertRow(row)
            self.moods.setItem(row, 0, QTableWidgetItem(label))
            self.moods.setItem(row, 1, QTableWidgetItem(str(count)))
            spin = QSpinBox()
            spin.setRange(UNSET, 10)
            spin.setSpecialValueText(_("choose…"))
            spin.setValue(DEFAULT_MOOD_MAP.get(label.casefold(), UNSET))
            spin.setAccessibleName(_("Value for the mood '{mood}'").format(mood=label))
            spin.valueChanged.connect(lambda _v: self._update_buttons())
            self.moods.setCellWidget(row, 2, spin)
            self.spins[label] = spin
        self.moods.resizeColumnToContents(0)
        self.moods.resizeColumnToContents(1)

    def mood_map(self) -> dict[str, int]:
        return {label: spin.value() for label, spin in self.spins.items()
                if spin.value() != UNSET}

    def unmapped(self) -> list[str]:
        return [label for label, spin in self.spins.items() if spin.value() == UNSET]

    def _update_buttons(self) -> None:
        ready = self.loaded is not None and not self.unmapped() and not self.worker.busy
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        if self.loaded is not None and self.unmapped():
            self.report.setPlainText(_("Choose a value for each renamed mood: {moods}.").format(
                moods=", ".join(self.unmapped())))

    # -- running -----------------------------------------------------------------------------

    def run(self, dry_run: bool) -> None:
        loaded = self.loaded
        if loaded is None:
            return
        if loaded.kind == "pack":
            self._run_pack(loaded, dry_run)
            return
        policy = OnConflict(str(self.conflict.currentData()))
        mood_map = self.mood_map()
        self.report.setPlainText(_("Checking…") if dry_run else _("Importing…"))
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)

        def parsed(bundle: ImportBundle) -> None:
            self.session.call(lambda v: apply_import(v, bundle, policy, self.today, dry_run),
                              self._finished, self._failed)

        self.worker.submit(lambda: parse_import(loaded.data, loaded.kind, self.today, mood_map),
                           parsed, self._failed)

    def _run_pack(self, loaded: LoadedFile, dry_run: bool) -> None:
        """Check: the change list `import --dry-run` prints. Import: the Resources page's
        import (which asks about removed favourites and the lock screen)."""
        if not dry_run:
            host = self.parent()
            self.accept()
            navigate = getattr(host, "navigate", None)
            pages = getattr(host, "pages", {})
            if navigate is not None and "resources" in pages:
                navigate("resources")
                pages["resources"].import_pack_file(loaded.path)
            return
        pack = parse_pack(loaded.data, self.today + timedelta(days=1))

        def shown(result: Any) -> None:
            self.report.setPlainText("\n".join([result.summary(), *result.lines(),
                                                _("Nothing was changed.")]))
            self._update_buttons()

        self.session.call(lambda v: v.resources.import_pack(pack, True), shown, self._failed)

    def _finished(self, report: ImportReport) -> None:
        self.last_report = report
        self.report.setPlainText("\n".join(report.lines()))
        if not report.dry_run:
            from selfcare_app.ui.session import ALL_TOPICS

            for topic in ALL_TOPICS:  # an import can touch every part of the vault
                self.session.notify(topic)
        self._update_buttons()

    def _failed(self, exc: Any) -> None:
        self._show_error(exc)
        self._update_buttons()

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, PackInvalid):
            self.report.setPlainText("\n".join([str(exc), *exc.lines()]))
        elif isinstance(exc, RowsRejectedError):
            count = len(exc.rejections)
            lines = [ngettext("{count} of {total} row can't be imported, so nothing was imported:",
                              "{count} of {total} rows can't be imported, so nothing was "
                              "imported:", exc.total).format(count=count, total=exc.total),
                     *exc.lines()]
            self.report.setPlainText("\n".join(lines))
        elif isinstance(exc, ImportFileError):
            self.report.setPlainText(str(exc))
        else:
            self.report.setPlainText(_("Nothing was imported: {problem}").format(problem=exc))

    def done(self, result: int) -> None:
        self.worker.shutdown()
        super().done(result)

