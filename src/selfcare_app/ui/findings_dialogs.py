"""Dialogs for what the app noticed: the history of findings, and the rule settings
(thresholds, rules on/off, quiet periods). `RuleSettingsSection` can also be embedded in
Preferences. Findings of retired rules (R1a of v0.1) stay listed in the history as stored."""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import today
from selfcare_app.core.alerts import QuietPeriod, Shown, tally
from selfcare_app.core.formatting import format_day
from selfcare_app.core.rules import RULE_IDS, RULES, RuleConfig, Threshold, thresholds_for
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import N_, _
from selfcare_app.ui.session import VaultSession

STATE_TEXT = {"new": N_("new"), "seen": N_("seen"), "snoozed": N_("snoozed"),
              "dismissed": N_("dismissed"), "not-helpful": N_("not helpful")}


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class FindingsHistoryDialog(QDialog):
    """Every finding ever shown, newest first, with its reasons and what became of it."""

    COLUMNS = (N_("Shown"), N_("Finding"), N_("Window"), N_("What you did"))

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_("History of findings"))
        self.setAccessibleName(_("History of findings"))
        self.resize(860, 640)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Everything the app has pointed out, newest first. Select one to see why. "
                       "These are patterns in your own logs, not a diagnosis."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.table.setAccessibleName(_("Findings shown"))
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        split.addWidget(self.table)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail.setAccessibleDescription(_("Why this finding was shown"))
        from selfcare_app.ui.links import open_link

        self.detail.linkActivated.connect(open_link)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: Tab goes inside
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        split.addWidget(scroll)
        split.setSizes([240, 320])
        layout.addWidget(split, 1)
        self.tally_label = QLabel()
        self.tally_label.setWordWrap(True)
        self.tally_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.tally_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.records: list[Shown] = []
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.reload()

    def reload(self) -> None:
        from selfcare_app.data.findings import rule_config

        try:
            records, self.config = self.session.run(
                lambda v: (v.findings.history(), rule_config(v)))
        except VaultError:
            return
        self.records = list(reversed(records))
        self.table.setRowCount(len(self.records))
        for row, r in enumerate(self.records):
            f = r.finding
            state = _(STATE_TEXT[r.state]) if r.state in STATE_TEXT else r.state
            if r.state == "snoozed" and r.snoozed_until is not None:
                state = _("snoozed until {day}").format(day=format_day(r.snoozed_until))
            cells = (format_day(r.day), f.title,
                     _("{first} to {last}").format(first=format_day(f.window_start),
                                                   last=format_day(f.window_end)), state)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f.message)
                self.table.setItem(row, col, item)
        counts = [t for t in tally(records).values() if t.rule != "S0"]
        if counts:
            # Translators: a finding's title, then how often it was marked not helpful.
            items = "; ".join(_("{title} {count} of {shown}").format(
                title=RULES[t.rule].title, count=t.not_helpful, shown=t.shown) for t in counts)
            self.tally_label.setText(_("Marked not helpful: {items}.").format(items=items))
        else:
            self.tally_label.setText(_("Nothing has been shown yet."))
        if self.records:
            self.table.selectRow(0)
        else:
            self.detail.setText("")

    def _show_selected(self) -> None:
        from selfcare_app.ui.widgets.findings_card import why_html

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        r = self.records[rows[0].row()]
        self.detail.setText(f"<p><b>{r.finding.title}</b>: {_escape(r.finding.message)}</p>"
                            + why_html(r.finding, self.config))


def _escape(text: str) -> str:
    return html.escape(text)


class RuleSettingsSection(QWidget):
    """Rules on/off and their thresholds (S0 always on), plus quiet periods (saved at once)."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from selfcare_app.data.findings import rule_config

        self.session = session
        self.config: RuleConfig = session.run(rule_config)
        self.toggles: dict[str, QCheckBox] = {}
        self.spins: dict[tuple[str, str], QDoubleSpinBox] = {}
        self.condition_labels: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        intro = QLabel(_("The app compares each week with your own usual, mentions a steady "
                       "pattern once, and checks in if you go quiet after a hard stretch. The "
                       "numbers are starting points; change them if a rule speaks up too often "
                       "or too late. Safety support (S0) is always on."))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        rules_widget = QWidget()
        rules_col = QVBoxLayout(rules_widget)
        for rule in RULE_IDS:
            rules_col.addWidget(self._rule_box(rule))
        rules_col.addStretch(1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: Tab goes inside
        scroll.setWidgetResizable(True)
        scroll.setWidget(rules_widget)
        outer.addWidget(scroll, 1)
        reset = QPushButton(_("Reset rules to &defaults"))
        reset.clicked.connect(self.reset)
        outer.addWidget(reset, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self._quiet_box())
        self.reload_quiet()

    # -- rules -----------------------------------------------------------------------------

    def _rule_box(self, rule: str) -> QGroupBox:
        info = RULES[rule]
        box = QGroupBox()
        box.setAccessibleName(f"{rule} {info.name}")
        col = QVBoxLayout(box)
        toggle = QCheckBox(f"{rule} · {info.name}: {info.title}")
        toggle.setChecked(self.config.on(rule))
        if not info.switchable:
            toggle.setEnabled(False)
            toggle.setToolTip(_("Safety support can't be turned off."))
        self.toggles[rule] = toggle
        col.addWidget(toggle)
        specs = thresholds_for(rule)
        if specs:
            form = QFormLayout()
            for spec in specs:
                spin = self._spin(spec)
                self.spins[(rule, spec.key)] = spin
                form.addRow(spec.label, spin)
            col.addLayout(form)
        condition = QLabel()
        condition.setWordWrap(True)
        condition.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.condition_labels[rule] = condition
        col.addWidget(condition)
        self._update_condition(rule)
        toggle.toggled.connect(lambda _on, r=rule: self._update_condition(r))
        return box

    def _spin(self, spec: Threshold) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(spec.minimum, spec.maximum)
        spin.setSingleStep(spec.step)
        spin.setDecimals(0 if spec.integer else 2)
        spin.setValue(self.config.get(spec.rule, spec.key))
        spin.setAccessibleName(f"{spec.rule}: {spec.label}")
        spin.setMaximumWidth(110)
        spin.valueChanged.connect(lambda _v, r=spec.rule: self._update_condition(r))
        return spin

    def current(self) -> RuleConfig:
        """The settings as shown (raises ValueError for an impossible combination)."""
        config = RuleConfig()
        for rule, toggle in self.toggles.items():
            config = config.with_enabled(rule, toggle.isChecked())
        for (rule, key), spin in self.spins.items():
            config = config.with_value(rule, key, round(spin.value(), 2))
        return config

    def _update_condition(self, rule: str) -> None:
        label = self.condition_labels.get(rule)
        if label is None:
            return
        try:
            text = _("When: {condition}").format(condition=self.current().condition_text(rule))
        except ValueError as exc:
            text = str(exc)
        if not self.toggles[rule].isChecked():
            text = _("Off.")
        label.setText(text)

    def reset(self) -> None:
        defaults = RuleConfig()
        for rule, toggle in self.toggles.items():
            toggle.setChecked(defaults.on(rule))
        for (rule, key), spin in self.spins.items():
            spin.setValue(defaults.get(rule, key))

    def save(self) -> bool:
        from selfcare_app.data.findings import save_rule_config

        config = self.current()
        self.session.run(lambda v: save_rule_config(v, config))
        self.config = config
        self.session.notify("settings")
        return True

    # -- quiet periods ---------------------------------------------------------------------

    def _quiet_box(self) -> QGroupBox:
        box = QGroupBox(_("Quiet periods (e.g. exams)"))
        col = QVBoxLayout(box)
        note = QLabel(_("During a quiet period the app shows no cards, except safety support and "
                      "a check-in if you go quiet. Anything still relevant shows after it ends. "
                      "Changes here are saved at once."))
        note.setWordWrap(True)
        col.addWidget(note)
        self.quiet_list = QListWidget()
        self.quiet_list.setAccessibleName(_("Quiet periods"))
        self.quiet_list.setMaximumHeight(80)
        col.addWidget(self.quiet_list)
        row = QHBoxLayout()
        self.quiet_start = QDateEdit()
        self.quiet_end = QDateEdit()
        for edit, name in ((self.quiet_start, _("Quiet period first day")),
                           (self.quiet_end, _("Quiet period last day"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
        self.quiet_start.setDate(_qdate(today()))
        self.quiet_end.setDate(_qdate(today() + timedelta(days=13)))
        self.quiet_label = QLineEdit()
        self.quiet_label.setPlaceholderText(_("label, e.g. Finals"))
        self.quiet_label.setMaxLength(60)
        self.quiet_label.setAccessibleName(_("Quiet period label"))
        self.quiet_add = QPushButton(_("&Add"))
        self.quiet_add.setAccessibleName(_("Add this quiet period"))
        self.quiet_delete = QPushButton(_("De&lete selected"))
        self.quiet_delete.setAccessibleName(_("Delete selected quiet period"))
        start_label = QLabel(_("&From"))
        start_label.setBuddy(self.quiet_start)
        row.addWidget(start_label)
        row.addWidget(self.quiet_start)
        row.addWidget(QLabel(_("to")))
        row.addWidget(self.quiet_end)
        row.addWidget(self.quiet_label, 1)
        row.addWidget(self.quiet_add)
        col.addLayout(row)
        col.addWidget(self.quiet_delete, 0, Qt.AlignmentFlag.AlignLeft)
        self.quiet_problem = QLabel()
        self.quiet_problem.setWordWrap(True)
        self.quiet_problem.hide()
        col.addWidget(self.quiet_problem)
        self.quiet_add.clicked.connect(self.add_quiet)
        self.quiet_delete.clicked.connect(self.delete_quiet)
        return box

    def reload_quiet(self) -> None:
        periods: list[QuietPeriod] = self.session.run(lambda v: v.quiet_periods.list())
        self.quiet_list.clear()
        for p in periods:
            days = _("{first} to {last}").format(first=format_day(p.start),
                                                 last=format_day(p.end))
            text = _("{days}: {label}").format(days=days, label=p.label) if p.label else days
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.quiet_list.addItem(item)
        self.quiet_delete.setEnabled(bool(periods))

    def add_quiet(self) -> bool:
        start, end = _pydate(self.quiet_start.date()), _pydate(self.quiet_end.date())
        label = self.quiet_label.text()
        if end < start:
            self.quiet_problem.setText(_("The last day can't be before the first day."))
            self.quiet_problem.show()
            return False
        self.session.run(lambda v: v.quiet_periods.add(start, end, label))
        self.quiet_problem.setText("")
        self.quiet_problem.hide()
        self.quiet_label.clear()
        self.reload_quiet()
        self.session.notify("settings")
        return True

    def delete_quiet(self) -> None:
        item = self.quiet_list.currentItem()
        if item is None:
            return
        period_id = int(item.data(Qt.ItemDataRole.UserRole))
        self.session.run(lambda v: v.quiet_periods.delete(period_id))
        self.reload_quiet()
        self.session.notify("settings")


class RuleSettingsDialog(QDialog):
    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("What the app looks for"))
        self.setAccessibleName(_("What the app looks for: rules, thresholds and quiet periods"))
        self.resize(640, 780)
        layout = QVBoxLayout(self)
        self.section = RuleSettingsSection(session, self)
        layout.addWidget(self.section, 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _save(self) -> None:
        try:
            self.section.save()
        except (ValueError, VaultError) as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.accept()
