"""Today: the 30-second check-in, plus what the app noticed and how this week compares."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
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
from selfcare_app.core.formatting import format_day, format_long_day, format_time
from selfcare_app.data.errors import VaultError
from selfcare_app.ui.announce import announce
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.theme import set_role
from selfcare_app.ui.widgets.entry_form import EntryForm

DATE_EDIT_FORMAT = "ddd d MMM yyyy"  # as core.formatting.format_day writes a date


def recent_tags(entries: list[DailyEntry]) -> list[str]:
    """Tags, most recently used first (each once, as last written)."""
    seen: dict[str, str] = {}
    for entry in sorted(entries, key=lambda e: e.day, reverse=True):
        for tag in entry.tags:
            seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


def _whole_height(card: QWidget, width: int) -> int:
    """The height `card` needs at `width` with all its text shown; its own scrolling rows
    (`rows_scroll`, the findings card's) count at their minimum."""
    layout = card.layout()
    if layout is None or not layout.hasHeightForWidth():
        return card.minimumSizeHint().height()
    need = layout.totalHeightForWidth(width)
    rows = getattr(card, "rows_scroll", None)
    if isinstance(rows, QWidget) and rows.isVisibleTo(card):
        least = max(rows.minimumHeight(), rows.minimumSizeHint().height())
        need -= max(0, rows.sizeHint().height() - least)
    return need


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
        self._version = 0  # the day's row version when loaded (issue 13: never overwrite)
        self._day = today()

        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 4, 8, 4)
        left = QWidget()
        left.setObjectName("checkInColumn")
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)

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
        self.date_edit.setDisplayFormat(DATE_EDIT_FORMAT)
        self.date_edit.setAccessibleName("Day of this check-in")
        self.date_edit.setMaximumDate(to_qdate(today()))
        self.date_edit.setMinimumDate(QDate(1970, 1, 1))
        self.date_edit.setDate(to_qdate(self._day))
        self.today_button = QPushButton("T&oday")
        self.today_button.setAccessibleName("Go to today")
        for w in (self.prev_day, self.date_edit, self.next_day, self.today_button):
            header.addWidget(w)
        arrow_width = self.fontMetrics().horizontalAdvance("◀") + 24
        self.prev_day.setFixedWidth(arrow_width)
        self.next_day.setFixedWidth(arrow_width)
        header.addStretch(1)
        col.addLayout(header)

        # Only the form scrolls (with large text on a small screen); the day above and Save
        # below stay in view.
        self.form = EntryForm()
        form_scroll = QScrollArea()
        form_scroll.setObjectName("checkInScroll")
        form_scroll.setWidgetResizable(True)
        self.form_box = QWidget()
        self.form_box_layout = QVBoxLayout(self.form_box)
        self.form_box_layout.setContentsMargins(0, 0, 0, 0)
        self.form_box_layout.addWidget(self.form)
        form_scroll.setWidget(self.form_box)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form_scroll.setMinimumWidth(self.form.minimumSizeHint().width()
                                    + form_scroll.verticalScrollBar().sizeHint().width())
        self.form_scroll = form_scroll
        col.addWidget(form_scroll, 1)

        actions = QHBoxLayout()
        self.save_button = QPushButton("Sa&ve check-in")
        self.save_button.setToolTip("Save (Ctrl+S)")
        set_role(self.save_button, "primary")
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.save_button)
        actions.addWidget(self.status, 1)
        col.addLayout(actions)
        outer.addWidget(left, 3)
        self._outer = outer
        self.narrow = False
        self._fit_pending = False

        # The side column: this week against your usual, then what we noticed (it folds its
        # rows and scrolls them itself). No scroll area around the column: one scroll bar at
        # most, never one inside another, and the week card is always whole at the top.
        self.side = QWidget()
        self.side.setObjectName("todaySide")
        self.side_layout = QVBoxLayout(self.side)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_layout.addStretch(1)
        self.side.setMinimumWidth(self.fontMetrics().averageCharWidth() * 32)
        outer.addWidget(self.side, 2)
        from selfcare_app.ui.widgets.week_vs_usual import WeekVsUsual

        self.week_vs_usual = WeekVsUsual(host.session)
        self.add_side_widget(self.week_vs_usual)
        from selfcare_app.ui.widgets.findings_card import FindingsCard

        self.findings_card = FindingsCard(host.session, host)
        # Below "this week against your usual", which so stays in view however many rows the
        # card folds open.
        self.side_layout.insertWidget(1, self.findings_card, 1)
        self.week_vs_usual.installEventFilter(self)
        self.findings_card.installEventFilter(self)
        # The focus ring belongs on controls, not around a whole panel: the card's rows get
        # focus through their own buttons, and the panel scrolls to follow them.
        for panel in self.side.findChildren(QScrollArea):
            panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)

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

    def _fit_columns(self) -> None:
        """Two columns when they fit the space the window gives the page; otherwise (large
        text on a small screen) one column that scrolls under a Save that stays in view."""
        view = self.parentWidget()
        room = view.size() if view is not None else self.size()
        wide_enough = room.width() >= (self.form_scroll.minimumWidth()
                                       + self.side.minimumWidth() + 40)
        # Measured at the width the side column would have, so the choice can't flip-flop.
        side_width = max(self.side.minimumWidth(), (room.width() - 40) * 2 // 5)
        side_height = (_whole_height(self.week_vs_usual, side_width)
                       + _whole_height(self.findings_card, side_width) + 16)
        narrow = not wide_enough or side_height > room.height() - 8
        if narrow == self.narrow:
            return
        self.narrow = narrow
        if narrow:
            self._outer.removeWidget(self.side)
            self.form_box_layout.addWidget(self.side)
        else:
            self.form_box_layout.removeWidget(self.side)
            self._outer.addWidget(self.side, 2)
        self.side.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            return False
        if watched in (self.week_vs_usual, self.findings_card) and event.type() in (
                QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show):
            assert isinstance(watched, QWidget)
            self._keep_text_whole(watched)
        return False

    def _keep_text_whole(self, card: QWidget) -> None:
        """Word-wrapped text has no minimum height of its own: give the card one, so its text
        is never squeezed."""
        need = _whole_height(card, card.width())
        # Qt's estimate for nested rows of wrapped text can fall short: add what any label
        # still lacks at its real width.
        short = sum(max(0, label.heightForWidth(label.width()) - label.height())
                    for label in card.findChildren(QLabel)
                    if label.wordWrap() and label.isVisible() and label.width() > 0)
        if short:
            need = max(need, card.height() + short)
        if need > 0 and need != card.minimumHeight():
            card.setMinimumHeight(need)
            if not self._fit_pending:
                self._fit_pending = True
                # With the page as context: Qt drops the call if the page is gone (locked).
                QTimer.singleShot(0, self, self._deferred_fit)

    def _deferred_fit(self) -> None:
        self._fit_pending = False
        self._fit_columns()

    def first_focus(self) -> QWidget:
        return self.form.stress

    def add_side_widget(self, widget: QWidget) -> None:
        self.side_layout.insertWidget(self.side_layout.count() - 1, widget)

    # -- loading ---------------------------------------------------------------------

    def activate(self) -> None:
        view = self.parentWidget()
        if view is not None:
            view.removeEventFilter(self)
            view.installEventFilter(self)  # the space the window gives the page
            self._fit_columns()
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
        entry, self._version = self.host.session.run(lambda v: v.entries.get_versioned(day))
        recent = recent_tags(self.host.session.run(lambda v: v.entries.range()))
        self._loaded = entry
        self.form.practices.set_practices(self.host.session.run(lambda v: v.practices.list()))
        self.form.set_known_tags(sorted(recent, key=str.casefold), recent)
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
            text = f"How was {format_long_day(d)}?"
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
            f"Save your check-in for {format_day(self._day)} first?",
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
            first = self.form.show_errors(exc.errors)
            self._set_status("Not saved: please check the highlighted fields.", "error")
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
                self.form_scroll.ensureWidgetVisible(first)
            announce(first or self.status, "Not saved. " + exc.one_line(), assertive=True)
            return False
        if self._loaded is not None:
            entry = entry.merged_with({"created_at": self._loaded.created_at})
        try:
            saved = self._save_checked(entry)
        except VaultError as exc:
            self._set_status(str(exc), "error")
            return False
        if saved is None:
            return False
        self._loaded, self._version = saved  # the base for the next save's change check
        self._dirty = False
        self.form.show_errors({})
        self._set_status(f"Saved ✓ {format_time(now())}", "ok")
        announce(self.status, f"Check-in for {format_day(self._day)} saved.")
        self.host.session.notify("entries")
        return True

    def _save_checked(self, entry: DailyEntry) -> tuple[DailyEntry, int] | None:
        """Save unless the day changed elsewhere since loaded; then ask (merge or reload)."""
        from selfcare_app.data.entries import EntryChangedError

        version = self._version
        try:
            return self.host.session.run(lambda v: v.entries.save_checked(entry, version))
        except EntryChangedError as changed:
            from selfcare_app.core.entry_merge import merge_edits
            from selfcare_app.ui.dialogs import save_conflict

            choice = save_conflict.ask(self, self._loaded, entry, changed.current)
            if choice is save_conflict.Choice.MERGE:
                merged = merge_edits(self._loaded, entry, changed.current)
                found = changed.version
                return self.host.session.run(lambda v: v.entries.save_checked(merged, found))
            if choice is save_conflict.Choice.RELOAD:
                self.load(self._day)
                self._set_status("Showing what is saved now.", "ok")
            else:
                self._set_status("Not saved: this day changed elsewhere. Your changes are "
                                 "still here.", "error")
            return None

    def _set_status(self, text: str, kind: str) -> None:
        self.status.setText(text)
        set_role(self.status, f"{kind}-strong")
        announce(self.status, text, assertive=kind == "error")

    @property
    def dirty(self) -> bool:
        return self._dirty
