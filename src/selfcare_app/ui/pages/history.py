"""History: every logged day in a sortable, filterable table; edit, delete with undo."""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from selfcare_app.clock import today
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.formatting import format_day
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import N_, _, ngettext
from selfcare_app.ui.entries_model import ENTRY_ROLE, EntriesFilter, EntriesModel
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.pages.today import DATE_EDIT_FORMAT, from_qdate, to_qdate
from selfcare_app.ui.theme import set_role


class _DeleteDay(QUndoCommand):
    def __init__(self, page: HistoryPage, entry: DailyEntry) -> None:
        # Translators: what Undo would undo; the Undo button shows "&Undo {action}".
        super().__init__(_("delete {day}").format(day=format_day(entry.day)))
        self.page = page
        self.entry = entry

    def redo(self) -> None:
        day = self.entry.day
        self.page.host.session.run(lambda v: v.entries.delete(day))
        self.page.reload()

    def undo(self) -> None:
        entry = self.entry
        self.page.host.session.run(lambda v: v.entries.upsert(entry))
        self.page.reload()


class HistoryPage(Page):
    key = "history"
    title = N_("History")
    shortcuts = (("Ctrl+F", N_("Search notes and tags")),
                 ("Return", N_("Open the selected day in Today (in the table)")),
                 ("Del", N_("Delete the selected day (in the table)")),
                 ("Ctrl+Z", N_("Undo the last delete")))

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self.undo_stack = QUndoStack(self)
        col = QVBoxLayout(self)
        col.addWidget(QLabel(f"<h2>{self.display_title()}</h2>"))
        self.legend = QLabel(_("Shading shows each week's shape: orange where a number reads "
                             "harder (high stress, short sleep, long study, low mood or "
                             "energy), blue where it reads easier; middling days stay plain."))
        self.legend.setWordWrap(True)
        set_role(self.legend, "muted")
        col.addWidget(self.legend)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search notes and tags"))
        self.search.setAccessibleName(_("Search notes and tags"))
        self.search.setClearButtonEnabled(True)
        self.use_dates = QCheckBox(_("Fr&om"))
        self.use_dates.setAccessibleName(_("Only show days from"))
        self.use_dates.setToolTip(_("Only show days between these dates"))
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, _("Filter from date")), (self.end, _("Filter to date"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_EDIT_FORMAT)  # the one date style
            edit.setAccessibleName(name)
            edit.setMaximumDate(to_qdate(today()))
            edit.setMinimumDate(QDate(1970, 1, 1))
        self.start.setDate(to_qdate(today()).addDays(-30))
        self.end.setDate(to_qdate(today()))
        filters.addWidget(self.search, 2)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.start)
        filters.addWidget(QLabel(_("to")))
        filters.addWidget(self.end)
        col.addLayout(filters)

        self.model = EntriesModel()
        self.proxy = EntriesFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(_("Logged days"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        col.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.count_label = QLabel()
        self.edit_button = QPushButton(_("&Edit day"))
        self.edit_button.setToolTip(_("Open the selected day in Today (Enter)"))
        self.delete_button = QPushButton(_("&Delete day…"))
        self.delete_button.setToolTip(_("Delete the selected day (Del)"))
        self.undo_button = QPushButton(_("&Undo"))
        self.undo_button.setToolTip(_("Undo the last delete (Ctrl+Z)"))
        self.undo_button.setEnabled(False)
        actions.addWidget(self.count_label, 1)
        for b in (self.edit_button, self.delete_button, self.undo_button):
            actions.addWidget(b)
        col.addLayout(actions)

        self.search.textChanged.connect(self._apply_filter)
        self.use_dates.toggled.connect(self._apply_filter)
        self.start.dateChanged.connect(self._apply_filter)
        self.end.dateChanged.connect(self._apply_filter)
        self.table.activated.connect(self._edit_index)  # Enter, and a double-click
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_button.setText(_("&Undo {action}").format(action=text) if text
                                                  else _("&Undo")))
        self.add_shortcut("Ctrl+F", lambda: self.search.setFocus(
            Qt.FocusReason.ShortcutFocusReason))
        self.add_shortcut("Ctrl+Z", self.undo_stack.undo)
        delete = self.add_shortcut("Del", self.delete_selected, self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def first_focus(self) -> QTableView:
        return self.table

    def activate(self) -> None:
        self.reload()

    def reload(self) -> None:
        rows = self.host.session.run(lambda v: v.entries.all())
        self.model.set_rows(rows)
        self._update_count()

    def _apply_filter(self) -> None:
        dated = self.use_dates.isChecked()
        self.proxy.set_filter(from_qdate(self.start.date()) if dated else None,
                              from_qdate(self.end.date()) if dated else None,
                              self.search.text())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            text = _("No days logged yet. Each check-in you save on Today appears here, newest "
                     "first, shaded so a week's shape shows at a glance.")
        elif shown != total:
            text = ngettext("{shown} of {total} day", "{shown} of {total} days", total).format(
                shown=shown, total=total)
        else:
            text = ngettext("{total} day logged", "{total} days logged", total).format(
                total=total)
        self.count_label.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_entry() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def selected_entry(self) -> DailyEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        entry = rows[0].data(ENTRY_ROLE)
        return entry if isinstance(entry, DailyEntry) else None

    def _edit_index(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if isinstance(entry, DailyEntry):
            self.host.navigate("today", entry.day)

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry:
            self.host.navigate("today", entry.day)

    def delete_selected(self, confirm: bool = True) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, _("Delete this day?"),
                _("Delete everything you logged for {day}? You can undo this until you lock "
                  "the app.").format(day=format_day(entry.day)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.undo_stack.push(_DeleteDay(self, entry))
        except VaultError as exc:
            QMessageBox.warning(self, _("Not deleted"), str(exc))
            return
        self.host.session.notify("entries")
        self.host.show_status(
            _("Deleted {day}. Undo with Ctrl+Z.").format(day=format_day(entry.day)))
