"""Daily entries as a Qt table: one class adapts plain DailyEntry rows to Qt's model/view."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication

from selfcare_app.core.cues import strain
from selfcare_app.core.entry import FIELDS_BY_NAME, SOCIAL_LABELS, DailyEntry
from selfcare_app.core.formatting import format_day, format_number
from selfcare_app.i18n import N_, _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS: tuple[tuple[str, str], ...] = (
    ("day", N_("Day")),
    ("stress", N_("Stress")),
    ("sleep_hours", N_("Sleep (h)")),
    ("study_hours", N_("Study (h)")),
    ("mood", N_("Mood")),
    ("energy", N_("Energy")),
    ("social", N_("People")),
    ("tags", N_("Tags")),
    ("note", N_("Note")),
)
_Index = QModelIndex | QPersistentModelIndex
# Colour-blind-safe pair (Okabe–Ito): blue reads easy, orange reads hard; the number stays.
EASY, HARD = QColor("#0072B2"), QColor("#E69F00")
MAX_TINT = 0.35


def cue_brush(metric: str, value: float | None) -> QBrush | None:
    """A tint over the cell's base colour: stronger the further the value is from the middle."""
    share = strain(metric, value)
    if share is None:
        return None
    tone = HARD if share >= 0.5 else EASY
    amount = abs(share - 0.5) * 2 * MAX_TINT
    if amount < 0.08:
        return None  # a middling value gets no colour: the eye goes to the ends
    base = QGuiApplication.palette().base().color()
    mixed = QColor(
        round(base.red() + (tone.red() - base.red()) * amount),
        round(base.green() + (tone.green() - base.green()) * amount),
        round(base.blue() + (tone.blue() - base.blue()) * amount))
    return QBrush(mixed)


class EntriesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DailyEntry] = []

    def set_rows(self, rows: list[DailyEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def entry(self, row: int) -> DailyEntry:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        name = COLUMNS[index.column()][0]
        value = getattr(entry, name)
        if role == ENTRY_ROLE:
            return entry
        if role == SORT_ROLE:
            if name == "day":
                return value.toordinal()
            if name == "tags":
                return ", ".join(value).casefold()
            if name == "note":
                return value.casefold()
            return -1.0 if value is None else float(value)
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "day":
                return format_day(value)
            if value is None:
                return ""
            if name == "social":
                return _(SOCIAL_LABELS[value])
            if name == "tags":
                return ", ".join(value)
            if name == "note":
                first = value.strip().splitlines()[0] if value.strip() else ""
                return first[:80] + ("…" if len(first) > 80 or "\n" in value.strip() else "")
            return format_number(float(value), 2)
        if role == Qt.ItemDataRole.BackgroundRole and name in FIELDS_BY_NAME:
            return cue_brush(name, None if value is None else float(value))
        if role == Qt.ItemDataRole.ToolTipRole and name == "note" and value:
            return value[:1000]
        if role == Qt.ItemDataRole.TextAlignmentRole and name not in ("day", "tags", "note",
                                                                        "social"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EntriesFilter(QSortFilterProxyModel):
    """Sorts by native values and filters by a date range and free text (tags and note)."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self._start: date | None = None
        self._end: date | None = None
        self._text = ""

    def set_filter(self, start: date | None, end: date | None, text: str) -> None:
        self.beginFilterChange()
        self._start, self._end, self._text = start, end, text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, EntriesModel)
        entry = model.entry(source_row)
        if self._start and entry.day < self._start:
            return False
        if self._end and entry.day > self._end:
            return False
        if self._text:
            haystack = " ".join((entry.note, *entry.tags)).casefold()
            return self._text in haystack
        return True
