"""Get help now: crisis lines for the student's region, reachable even on the lock screen.

In crisis mode (S0: "I'm not safe right now", or a PHQ-9 item-9 answer) the dialog opens as the
full crisis card. It can't be snoozed or turned off; it only closes when the student closes it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.core.crisis import CrisisLine, lines_for, normalize_region, regions
from selfcare_app.core.formatting import format_day
from selfcare_app.core.people import Person
from selfcare_app.i18n import N_, _
from selfcare_app.ui.accessibility import activate_on_show
from selfcare_app.ui.announce import announce
from selfcare_app.ui.links import copy_text, open_link
from selfcare_app.ui.theme import set_role

S0_MESSAGE = N_("Thank you for telling us. You deserve support right now.")


def system_region() -> str:
    territory = QLocale.system().territory()
    code = QLocale.territoryToCode(territory)
    return normalize_region({"GB": "UK"}.get(code, code))


class CrisisLineCard(QFrame):
    def __init__(self, line: CrisisLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("crisisLine")
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        # Campus lines come from a pack, which is untrusted: names are escaped, text is plain.
        name = QLabel(f"<b>{escape(line.name)}</b> · {escape(line.hours)}" if line.hours
                      else f"<b>{escape(line.name)}</b>")
        name.setTextFormat(Qt.TextFormat.RichText)
        name.setWordWrap(True)
        layout.addWidget(name)
        desc = QLabel(line.description)
        desc.setTextFormat(Qt.TextFormat.PlainText)
        desc.setWordWrap(True)
        desc.setVisible(bool(line.description))
        layout.addWidget(desc)
        buttons = QHBoxLayout()
        if line.phone:
            self._button(buttons, _("Call {phone}").format(phone=line.phone),
                         lambda: open_link(line.tel_url()),
                         _("Call {name} on {phone}").format(name=line.name, phone=line.phone))
            self._button(buttons, _("Copy number"), lambda: copy_text(line.phone),
                         _("Copy the number of {name}").format(name=line.name))
        if line.sms:
            # Translators: {body} is a keyword the line asks for (e.g. HOME), {number} a number.
            label = (_("Text {body} to {number}").format(body=line.sms_body, number=line.sms)
                     if line.sms_body else _("Text {number}").format(number=line.sms))
            self._button(buttons, label, lambda: open_link(line.sms_url()),
                         _("Send a text message to {name}").format(name=line.name))
        if line.url:
            self._button(buttons, _("Open website"), lambda: open_link(line.url),
                         _("Open the website of {name} in your browser").format(name=line.name))
        buttons.addStretch(1)
        layout.addLayout(buttons)
        if line.verified_on:
            checked = QLabel(_("Last verified {day}").format(day=format_day(line.verified_on)))
            set_role(checked, "muted")
            layout.addWidget(checked)

    def _button(self, row: QHBoxLayout, text: str, slot: object, details: str) -> None:
        """The name starts with the visible text (speech input says what it sees) and names
        the line, so "Copy number" isn't heard once per line without saying whose."""
        button = QPushButton(text)
        # Translators: an action on a crisis line, then the line's name: "Copy number, Samaritans".
        button.setAccessibleName(_("{action}, {line}").format(action=text, line=self.line.name))
        button.setAccessibleDescription(details)
        button.clicked.connect(slot)
        row.addWidget(button)
        self.buttons.append(button)


class HelpDialog(QDialog):
    """The crisis lines; `not_safe` is emitted when the student says they are not safe."""

    not_safe = Signal()

    def __init__(self, parent: QWidget | None = None, region: str = "",
                 crisis: bool = False, campus: list[CrisisLine] | None = None,
                 people: list[Person] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Get help now"))  # its name to assistive technology too
        self.setObjectName("helpDialog")
        activate_on_show(self)  # F1 from the keyboard: focus lands here, Escape closes it
        self.resize(620, 640)
        self.crisis = crisis
        self._campus = campus or []
        self._people = people or []  # My people, under the crisis lines (core/people.py)
        layout = QVBoxLayout(self)

        # The message is the first stop: a screen reader reads it when the window opens.
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)

        row = QHBoxLayout()
        where = QLabel(_("&Where are you?"))
        row.addWidget(where)
        self.region_box = QComboBox()
        where.setBuddy(self.region_box)
        self.region_box.setAccessibleName(_("Region for crisis lines"))
        for code, name in regions():
            self.region_box.addItem(name, code)
        index = self.region_box.findData(normalize_region(region or system_region()))
        self.region_box.setCurrentIndex(max(index, 0))
        self.region_box.currentIndexChanged.connect(self._fill)
        row.addWidget(self.region_box)
        row.addStretch(1)
        layout.addLayout(row)

        self.lines_area = QScrollArea()
        self.lines_area.setWidgetResizable(True)
        self.lines_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the lines' buttons
        layout.addWidget(self.lines_area, 1)

        bottom = QHBoxLayout()
        self.not_safe_button = QPushButton(_("I'm &not safe right now"))
        self.not_safe_button.setAccessibleName(_("I'm not safe right now: show crisis support"))
        set_role(self.not_safe_button, "help")
        self.not_safe_button.clicked.connect(self._on_not_safe)
        bottom.addWidget(self.not_safe_button)
        bottom.addStretch(1)
        self.close_button = QPushButton(_("&Close"))
        self.close_button.setAccessibleName(_("Close Get help now"))
        self.close_button.clicked.connect(self.accept)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.action_buttons: list[QPushButton] = []
        self._fill()
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def region(self) -> str:
        return str(self.region_box.currentData())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.crisis:
            self._fill()  # the heading's colour suits the new palette

    def forget_people(self) -> None:
        """On lock: My people are personal data and go; the crisis lines stay open."""
        if self._people:
            self._people = []
            self._fill()

    def lines(self) -> list[CrisisLine]:
        return lines_for(self.region)

    def _on_not_safe(self) -> None:
        self.show_crisis()
        self.not_safe.emit()

    def show_crisis(self) -> None:
        """Turn this window into the crisis card (S0), its message first for the keyboard."""
        if not self.crisis:
            self.crisis = True
            self._fill()
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self.heading, _(S0_MESSAGE), assertive=True)

    def _fill(self) -> None:
        if self.crisis:
            self.setWindowTitle(_("Support right now"))
            self.heading.setText(
                # warm, in the text colour: not styled as an error
                f"<h2>{_(S0_MESSAGE)}</h2><p>"
                + _("You don't have to go through this alone. If you might act on thoughts of "
                    "harming yourself, call your local emergency number now, or reach one of the "
                    "free, confidential lines below. People there want to help, and help works.")
                + "</p>"
            )
            self.not_safe_button.hide()
        else:
            self.heading.setText(
                f"<h2>{_('Get help now')}</h2><p>"
                + _("If you or someone near you is in immediate danger, call your local "
                    "emergency number. Talking to someone can help, whatever you're going "
                    "through.") + "</p>"
            )
        body = QWidget()
        col = QVBoxLayout(body)
        cards = [CrisisLineCard(line) for line in self.lines()]
        for card in cards:
            col.addWidget(card)
        if self._campus:
            col.addWidget(QLabel(_("<b>Your campus</b>")))
            for line in self._campus:
                cards.append(CrisisLineCard(line))
                col.addWidget(cards[-1])
        if self._people:
            from selfcare_app.ui.widgets.people_cards import PeopleSection

            col.addWidget(PeopleSection(self._people))
        note = QLabel(_("Selfcare can't respond in an emergency and doesn't monitor you in real "
                      "time. These links open only when you click them."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        col.addWidget(note)
        col.addStretch(1)
        self.lines_area.setWidget(body)
        self.close_button.setAccessibleName(_("Close {title}").format(title=self.windowTitle()))
        # Tab: the message, then the first line's first action, the other lines, the rest.
        self.action_buttons = [b for card in cards for b in card.buttons]
        chain = [self.heading, *self.action_buttons, self.region_box, self.not_safe_button,
                 self.close_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
