"""Today: the 30-second check-in, plus what the app noticed and how this week compares."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import now, today
from selfcare_app.core.entry import DailyEntry, EntryValidationError, validate_entry
from selfcare_app.data.errors import VaultError
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.theme import set_role
from selfcare_app.ui.widgets.entry_form import EntryForm


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class TodayPage(Page):
    key = "today"
    title = "Today"
    shortcuts = (("Ctrl+S", "Save the check-in"),
                 ("Alt+Left", "Previous day"),
                 ("Alt+Right", "Next day"))

    def __init__(self, host: PageHost) -> None:
        super().__init__(host)
        self._dirty = False
        self._loaded: DailyEntry | None = None
        self._day = today()

        outer = QHBoxLayout(self)
        left = QWidget()
        col = QVBoxLayout(left)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        col.addWidget(self.heading)
        header = QHBoxLayout()
        self.prev_day = QPushButton("◀")
        self.prev_day.setAccessibleName("Previous day")
        self.prev_day.setToolTip("Previous day (Alt+Left)")
        self.next_day = QPushButton("▶")
        self.next_day.setAccessibleName("Next day")
        self.next_day.setToolTip("Next day (Alt+Right)")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Day of this check-in")
        self.date_edit.setMaximumDate(to_qdate(today()))
        self.date_edit.setMinimumDate(QDate(1970, 1, 1))
        self.date_edit.setDate(to_qdate(self._day))
        self.today_button = QPushButton("T&oday")
        self.today_button.setAccessibleName("Go to today")
        for w in (self.prev_day, self.date_edit, self.next_day, self.today_button):
            header.addWidget(w)
        self.prev_day.setFixedWidth(40)
        self.next_day.setFixedWidth(40)
        header.addStretch(1)
        col.addLayout(header)

        self.form = EntryForm()
        col.addWidget(self.form)

        actions = QHBoxLayout()
        self.save_button = QPushButton("Sa&ve check-in")
        self.save_button.setToolTip("Save (Ctrl+S)")
        set_role(self.save_button, "primary")
        self.status = QLabel()
        self.status.setAccessibleName("Save status")
        actions.addWidget(self.save_button)
        actions.addWidget(self.status, 1)
        col.addLayout(actions)
        col.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll, 3)

        # Other capabilities add their panels here (what we noticed, this week vs usual).
        self.side = QWidget()
        self.side_layout = QVBoxLayout(self.side)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_layout.addStretch(1)
        # Scrolls instead of squeezing: with large desktop text the panels keep their height,
        # and the column is wide enough (in characters, not pixels) for the card's link rows.
        side_scroll = QScrollArea()
        side_scroll.setMinimumWidth(max(340, self.fontMetrics().averageCharWidth() * 58))
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setWidget(self.side)
        outer.addWidget(side_scroll, 2)
        from selfcare_app.ui.widgets.week_vs_usual import WeekVsUsual

        self.week_vs_usual = WeekVsUsual(host.session)
        self.add_side_widget(self.week_vs_usual)
        from selfcare_app.ui.widgets.findings_card import FindingsCard

        self.findings_card = FindingsCard(host.session, host)
        self.side_layout.insertWidget(0, self.findings_card, 1)  # above "this week vs usual"

        self.save_button.clicked.connect(self.save)
        self.add_shortcut("Ctrl+S", self.save)
        self.add_shortcut("Alt+Left", lambda: self._step(-1))
        self.add_shortcut("Alt+Right", lambda: self._step(1))
        self.form.edited.connect(self._on_edited)
        self.form.practices.edit_list_requested.connect(self._edit_practices)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.prev_day.clicked.connect(lambda: self._step(-1))
        self.next_day.clicked.connect(lambda: self._step(1))
        self.today_button.clicked.connect(lambda: self.date_edit.setDate(to_qdate(today())))

    def first_focus(self) -> QWidget:
        return self.form.stress

    def add_side_widget(self, widget: QWidget) -> None:
        self.side_layout.insertWidget(self.side_layout.count() - 1, widget)

    # -- loading ---------------------------------------------------------------------

    def activate(self) -> None:
        self.date_edit.setMaximumDate(to_qdate(today()))
        if not self._dirty:
            self.load(self._day)

    def navigate_to(self, arg: Any) -> None:
        if isinstance(arg, date):
            self.date_edit.setDate(to_qdate(arg))

    @property
    def day(self) -> date:
        return self._day

    def load(self, day: date) -> None:
        self._day = day
        entry = self.host.session.run(lambda v: v.entries.get(day))
        tags = self.host.session.run(lambda v: sorted(
            {t for e in v.entries.range() for t in e.tags}, key=str.casefold))
        self._loaded = entry
        self.form.practices.set_practices(self.host.session.run(lambda v: v.practices.list()))
        self.form.set_known_tags(tags)
        self.form.set_entry(entry)
        self._dirty = False
        self._update_heading()
        if entry and entry.updated_at:
            self.status.setText("Saved earlier. Change anything and save again.")
        else:
            self.status.setText("Not logged yet." if day == today() else "No entry for this day.")
        set_role(self.status, "")
        self.next_day.setEnabled(day < today())

    def _edit_practices(self) -> None:
        from selfcare_app.ui.dialogs.practices_dialog import edit_practice_list

        saved = edit_practice_list(self, self.host.session)
        if saved is not None:
            self.form.practices.set_practices(saved)

    def _update_heading(self) -> None:
        d = self._day
        if d == today():
            text = "How are you today?"
        else:
            text = f"How was {d.strftime('%A')}, {d.day} {d.strftime('%B')}?"
        self.heading.setText(f"<h2>{text}</h2>")

    def _step(self, days: int) -> None:
        self.date_edit.setDate(self.date_edit.date().addDays(days))

    def _on_date_changed(self, qdate: QDate) -> None:
        new_day = from_qdate(qdate)
        if new_day == self._day:
            return
        if self._dirty and not self._confirm_leave():
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(to_qdate(self._day))
            self.date_edit.blockSignals(False)
            return
        self.load(new_day)

    def _confirm_leave(self) -> bool:
        answer = QMessageBox.question(
            self, "Unsaved check-in",
            f"Save your changes to {self._day.isoformat()} first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return True

    def _on_edited(self) -> None:
        self._dirty = True
        self.status.setText("Not saved yet")
        set_role(self.status, "muted")

    # -- saving ----------------------------------------------------------------------

    def save(self) -> bool:
        """Validate, commit, and only then say Saved. On failure the input stays on screen."""
        values = {"day": self._day, **self.form.values()}
        try:
            entry = validate_entry(values, today())
        except EntryValidationError as exc:
            self.form.show_errors(exc.errors)
            self._set_status("Not saved: please check the highlighted fields.", "error")
            return False
        if self._loaded is not None:
            entry = entry.merged_with({"created_at": self._loaded.created_at})
        try:
            stored = self.host.session.run(lambda v: v.entries.upsert(entry))
        except VaultError as exc:
            self._set_status(str(exc), "error")
            return False
        self._loaded = stored
        self._dirty = False
        self.form.show_errors({})
        self._set_status(f"Saved ✓ {now().strftime('%H:%M')}", "ok")
        self.host.session.notify("entries")
        return True

    def _set_status(self, text: str, kind: str) -> None:
        self.status.setText(text)
        set_role(self.status, f"{kind}-strong")

    @property
    def dirty(self) -> bool:
        return self._dirty
