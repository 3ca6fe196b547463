"""The first thing a student sees: welcome and create a vault, or unlock it.

Key derivation takes ~0.1–0.3 s, so the main window runs it on the vault thread and this screen
shows a busy state; a wrong passphrase is reported inline and the field is cleared.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.passphrase import check_strength
from selfcare_app.i18n import N_, _
from selfcare_app.ui.announce import announce
from selfcare_app.ui.theme import semantic, set_role

PRIVACY_PROMISE = N_(
    "Everything you write stays on this computer, in one encrypted file that only your "
    "passphrase opens. Selfcare never connects to the internet, has no account and no "
    "tracking. Nothing readable leaves the app unless you export it yourself."
)
NOT_A_DIAGNOSIS = N_(
    "Selfcare supports self-reflection. It is not medical advice, diagnosis or treatment, "
    "and it can't respond in an emergency. If you are in danger, use Get help now or call "
    "your local emergency number."
)
# Markup stays outside the messages: a translation holds words and inline tags only.
WELCOME_TITLE = N_("Welcome to Selfcare")
WELCOME = N_("A private place to log how you're doing, see your own patterns, and notice early "
             "when things are getting too much.")
WHAT_YOU_LOG = N_(
    "<b>What you log, and why.</b> Each day, whichever you like of: stress, sleep, study "
    "hours, mood, energy, time with people, a few tags and a private note. Burnout tends to "
    "creep in as stress and study hours climb while sleep, mood and energy slide; seeing your "
    "own weeks side by side makes that visible early. Selfcare looks only at your own entries "
    "and self-checks, mostly against your own usual, and tells you gently, with the reason, "
    "when a pattern looks like early burnout."
)
# The first run's welcome, short: the full texts stay in Help → Privacy and About.
WELCOME_POINTS = (
    N_("<b>What you log:</b> stress, sleep, study hours, mood, energy, time with people; "
       "about 10 seconds a day, and any of it can be skipped."),
    N_("<b>Private by design:</b> one encrypted file on this computer. Selfcare never "
       "connects to the internet; no account, no tracking."),
    N_("<b>Not a diagnosis:</b> patterns in what you logged, not medical advice. In danger? "
       "Use Get help now."),
)


def heading_html(level: int, title: str, text: str = "") -> str:
    """"<hN>title</hN><p>text</p>" from translated words."""
    return f"<h{level}>{title}</h{level}>" + (f"<p>{text}</p>" if text else "")


def welcome_points_html() -> str:
    items = "".join(f"<li>{_(point)}</li>" for point in WELCOME_POINTS)
    return f"<ul style='margin-left: -20px'>{items}</ul>"
NO_RECOVERY = N_(
    "There is no reset: without your passphrase nobody, not even us, can open your data. "
    "Choose something memorable."
)


def _wrap(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if object_name:
        label.setObjectName(object_name)
    return label


class LockScreen(QWidget):
    unlock_requested = Signal(str)
    create_requested = Signal(str)
    help_requested = Signal()

    def __init__(self, creating: bool, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.creating = creating
        self.setObjectName("lockScreen")
        outer = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addStretch(1)
        self.help_button = QPushButton(_("Get help now"))
        self.help_button.setAccessibleName(_("Get help now: crisis lines, no unlock needed"))
        set_role(self.help_button, "help")
        self.help_button.clicked.connect(self.help_requested)
        top.addWidget(self.help_button)
        outer.addLayout(top)
        outer.addStretch(1)

        card = QFrame()
        card.setObjectName("lockCard")
        card.setMaximumWidth(560)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        col = QVBoxLayout(card)
        col.setSpacing(10)
        col.setContentsMargins(28, 24, 28, 24)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.pack_path: Path | None = None
        self.steps = QStackedWidget()
        self.steps.setObjectName("firstRunSteps")
        self.back_button = QPushButton(_("&Back"))
        self.back_button.setAccessibleName(_("Back to the previous step"))
        self.back_button.clicked.connect(lambda: self.go_to_step(self.steps.currentIndex() - 1))
        self.next_button = QPushButton(_("&Next"))
        self.next_button.clicked.connect(self._next_step)
        self.step_label = QLabel()
        if creating:
            welcome = QWidget()
            wcol = QVBoxLayout(welcome)
            wcol.setContentsMargins(0, 0, 0, 0)
            from selfcare_app.ui.icons import picture

            self.welcome_picture = QLabel()
            self.welcome_picture.setPixmap(picture("welcome.svg"))
            self.welcome_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.welcome_picture.setAccessibleName(_("A week of check-ins, kept locked"))
            wcol.addWidget(self.welcome_picture)
            wcol.addWidget(_wrap(heading_html(1, _(WELCOME_TITLE), _(WELCOME))))
            wcol.addWidget(_wrap(welcome_points_html()))
            wcol.addStretch(1)
            self.steps.addWidget(welcome)
            secret = QWidget()
            scol = QVBoxLayout(secret)
            scol.setContentsMargins(0, 0, 0, 0)
            scol.addWidget(_wrap(heading_html(
                2, _("Create your passphrase"),
                _("It encrypts everything you log. You'll type it each time you open "
                  "Selfcare."))))
            col.addWidget(self.steps)
        else:
            scol = col
            col.addWidget(_wrap(heading_html(
                1, _("Unlock Selfcare"),
                _("Enter your passphrase to open your encrypted vault."))))

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        scol.addWidget(self.passphrase)
        # Typing blind on a laptop is where most wrong passphrases come from.
        self.show_passphrase = QCheckBox(_("Sho&w passphrase"))
        self.show_passphrase.setAccessibleName(_("Show the passphrase as you type"))
        self.show_passphrase.toggled.connect(self._show_typed)

        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setPlaceholderText(_("Repeat the passphrase"))
        self.confirm.setAccessibleName(_("Repeat the passphrase"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(_("Passphrase strength"))
        self.meter_text = _wrap("")
        self.understand = QCheckBox(_("I understand: if I lose it, my data stays locked"))
        if creating:
            scol.addWidget(self.confirm)
            scol.addWidget(self.show_passphrase)
            scol.addWidget(self.meter)
            scol.addWidget(self.meter_text)
            self.no_recovery = _wrap(_(NO_RECOVERY))
            set_role(self.no_recovery, "error")
            scol.addWidget(self.no_recovery)
            scol.addWidget(self.understand)
            scol.addStretch(1)
            self.steps.addWidget(secret)
            self.steps.addWidget(self._setup_step())
            self.passphrase.textChanged.connect(self._update_meter)
            self.confirm.textChanged.connect(self._update_meter)
            self.understand.toggled.connect(self._update_meter)

        self.restore_button = QPushButton()
        self.restore_button.setAccessibleName(_("Restore the newest backup"))
        self.restore_button.hide()
        col.addWidget(self.restore_button)

        self.error = _wrap("", "lockError")
        set_role(self.error, "error")
        self.error.hide()
        col.addWidget(self.error)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        col.addWidget(self.busy)

        self.submit = QPushButton(_("Create my &vault") if creating else _("&Unlock"))
        self.submit.setDefault(True)
        set_role(self.submit, "primary")
        self.submit.clicked.connect(self._on_submit)
        self.passphrase.returnPressed.connect(self._on_return)
        self.confirm.returnPressed.connect(self._on_return)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.step_label, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next_button)
        nav.addWidget(self.submit)
        col.addLayout(nav)
        if creating:
            self._update_meter()
            self.go_to_step(0)
        else:
            col.insertWidget(col.indexOf(self.passphrase) + 1, self.show_passphrase)
            for w in (self.back_button, self.next_button, self.step_label):
                w.hide()

        if problem:
            self.show_problem(problem)
        self.passphrase.setFocus()

    # -- first run: welcome → passphrase → optional setup --------------------------------

    def _setup_step(self) -> QWidget:
        from selfcare_app.core.crisis import regions
        from selfcare_app.core.reminders import ReminderSettings
        from selfcare_app.ui.reminder_fields import ReminderFields
        from selfcare_app.ui.reminders import tray_available

        step = QWidget()
        form = QVBoxLayout(step)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(_wrap(heading_html(
            2, _("A few choices (all optional)"),
            _("You can change each of them later under Settings."))))
        region_row = QHBoxLayout()
        region_label = QLabel(_("&Crisis lines for:"))
        self.region_box = QComboBox()
        self.region_box.setAccessibleName(_("Your region, for the crisis lines in Get help now"))
        for code, name in regions():
            self.region_box.addItem(name, code)
        region_label.setBuddy(self.region_box)
        region_row.addWidget(region_label)
        region_row.addWidget(self.region_box, 1)
        form.addLayout(region_row)
        self.reminder_fields = ReminderFields(ReminderSettings(), tray=tray_available())
        self.reminder_fields.login.setChecked(False)
        form.addWidget(self.reminder_fields)
        pack_row = QHBoxLayout()
        self.pack_label = _wrap(_("<b>Campus resources.</b> If your counseling centre gave you a "
                                "resource pack file, add it now or later on the Resources page."))
        self.pack_button = QPushButton(_("Choose &pack file…"))
        self.pack_button.setAccessibleName(_("Choose a campus resource pack file (optional)"))
        self.pack_button.clicked.connect(self._choose_pack)
        pack_row.addWidget(self.pack_label, 1)
        pack_row.addWidget(self.pack_button)
        form.addLayout(pack_row)
        form.addStretch(1)
        return step

    def _choose_pack(self) -> None:
        from selfcare_app.ui.dialogs.file_choice import ask_open_path, file_filters

        path = ask_open_path(self, _("Choose a campus resource pack"),
                             file_filters((_("Resource packs"), "*.json"),
                                          (_("All files"), "*")))
        if path is not None:
            self.set_pack(path)

    def set_pack(self, path: Path | None) -> None:
        self.pack_path = path
        if path is not None:
            from html import escape  # first run only; kept off the unlock screen's path

            self.pack_label.setText(_("<b>Campus pack:</b> {name} (checked and shown to you "
                                      "before anything is added)").format(name=escape(path.name)))
            self.pack_button.setText(_("Choose another &pack file…"))

    def _show_typed(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.confirm.setEchoMode(mode)

    def go_to_step(self, index: int) -> None:
        if not self.creating:
            return
        index = max(0, min(index, self.steps.count() - 1))
        self.steps.setCurrentIndex(index)
        last = index == self.steps.count() - 1
        self.back_button.setVisible(index > 0)
        self.next_button.setVisible(not last)
        self.submit.setVisible(last)
        self.step_label.setText(_("Step {step} of {steps}").format(step=index + 1,
                                                                   steps=self.steps.count()))
        self.next_button.setDefault(not last)
        self.submit.setDefault(last)
        self._update_meter()
        focus = {0: self.next_button, 1: self.passphrase}.get(index, self.region_box)
        focus.setFocus()

    def _next_step(self) -> None:
        if self.steps.currentIndex() == 1 and not self._can_create():
            self.show_problem_keep(_("Choose a passphrase that is strong enough, type it twice, "
                                   "and tick the box below it."))
            return
        self.error.hide()
        self.go_to_step(self.steps.currentIndex() + 1)

    def _on_return(self) -> None:
        if self.creating and self.steps.currentIndex() == 1:
            self._next_step()
        else:
            self._on_submit()

    def show_problem_keep(self, message: str) -> None:
        """A problem that keeps what was typed (first-run step checks)."""
        set_role(self.error, "error")
        self.error.setText(message)
        self.error.show()
        field: QWidget = self.understand
        if not check_strength(self.passphrase.text()).acceptable:
            field = self.passphrase
        elif self.confirm.text() != self.passphrase.text():
            field = self.confirm
        self._tell(field, message)
        field.setFocus()  # the first field to put right

    def _tell(self, field: QWidget, message: str) -> None:
        """An error is announced and stays on the field as its description (heard again when
        the field gets focus); the next attempt or a notice replaces it."""
        for w in (self.passphrase, self.confirm):
            w.setAccessibleDescription("")
        field.setAccessibleDescription(message)
        announce(field, message, assertive=True)

    def _update_meter(self) -> None:
        text = self.passphrase.text()
        strength = check_strength(text)
        self.meter.setValue(strength.score if text else 0)
        self.meter.setFormat(strength.label if text else _("Strength"))
        color = semantic("ok" if strength.acceptable else "error", self.palette())
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        message = strength.message if text else (
            _("Use at least 10 characters. Three or four unrelated words work well."))
        if text and self.confirm.text() and self.confirm.text() != text:
            # Translators: follows a sentence about the passphrase's strength.
            message += " " + _("The two passphrases don't match yet.")
        self.meter_text.setText(message)
        self.submit.setEnabled(self._can_create())
        self.next_button.setEnabled(self.steps.currentIndex() != 1 or self._can_create())

    def _can_create(self) -> bool:
        text = self.passphrase.text()
        return (check_strength(text).acceptable and self.confirm.text() == text
                and self.understand.isChecked())

    def _on_submit(self) -> None:
        if not self.submit.isEnabled():
            return
        text = self.passphrase.text()
        if not text:
            self.show_problem(_("Enter your passphrase."))
            return
        if self.creating:
            if not self._can_create():
                return
            self.set_busy(True, _("Creating your encrypted vault…"))
            self.create_requested.emit(text)
        else:
            self.set_busy(True, _("Unlocking…"))
            self.unlock_requested.emit(text)

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.busy.setVisible(busy)
        for w in (self.passphrase, self.confirm, self.submit, self.understand,
                  self.back_button):
            w.setEnabled(not busy)
        if busy:
            self.error.hide()
            self.submit.setText(message or _("Working…"))
        else:
            self.submit.setText(_("Create my &vault") if self.creating else _("&Unlock"))
            if self.creating:
                self.submit.setEnabled(self._can_create())

    def show_problem(self, message: str) -> None:
        self.set_busy(False)
        if self.creating and self.steps.currentIndex() != 1:
            self.go_to_step(1)
        set_role(self.error, "error")
        self.error.setText(message)
        self.error.show()
        self.passphrase.clear()
        self._tell(self.passphrase, message)
        self.passphrase.setFocus()

    def set_region(self, region: str) -> None:
        if hasattr(self, "region_box"):
            self.region_box.setCurrentIndex(max(0, self.region_box.findData(region)))

    @property
    def region(self) -> str:
        return str(self.region_box.currentData()) if hasattr(self, "region_box") else ""

    def offer_restore(self, label: str) -> None:
        self.restore_button.setText(label)
        self.restore_button.show()

    def show_notice(self, message: str) -> None:
        """A neutral message (e.g. after a restore), not an error."""
        self.error.setText(message)
        set_role(self.error, "ok")
        self.error.show()
        announce(self.error, message)

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()
        self.show_passphrase.setChecked(False)
