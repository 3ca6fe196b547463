"""Today's "What we noticed" card (CONTENT.md §3.4): one headline, the rest folded.

The card asks `data.findings.refresh_today` what to show (rules → alert policy → history), so
the budget, cooldowns, snoozes and quiet periods all apply here. The card has **one headline**
(S0 > R8 > R7 > Q2 > change rules > Q1/Q3/Q4 > level rules); everything else folds under
"N more things we noticed", collapsed. R7 shows the signs it combines as its evidence. Each
finding offers "Why am I seeing this?" (rule ID, window, data points, exact numbers, sources:
the only place codes and decimals appear) and "Not helpful"; the card offers **one** support
destination (the headline's Learn article and Resources category; for "gone quiet" a quick
check-in, Get help now and your favourite contacts; with S0 the crisis support). The whole card
can be snoozed. S0 is shown above everything, can't be snoozed, and opens the full crisis card
at once when a new safety event appears. The card never scrolls on its own: the Today page's
side column does (nested scroll areas trap the wheel and the keyboard).
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.clock import today
from selfcare_app.core.alerts import SNOOZE_CHOICES, Shown, headline_rank, snooze_until
from selfcare_app.core.resource import category_label
from selfcare_app.core.rules import Finding, RuleConfig, explain
from selfcare_app.core.rules.explain import PART_WORDS
from selfcare_app.data.errors import VaultError
from selfcare_app.data.vault import Vault
from selfcare_app.ui.accessibility import label_text
from selfcare_app.ui.links import open_link
from selfcare_app.ui.session import VaultSession
from selfcare_app.ui.theme import set_role

if TYPE_CHECKING:
    from selfcare_app.data.findings import TodayCard

TITLE = "What we noticed"
NOTHING = ("Nothing stood out in your recent logs. The app compares each week with your own "
           "usual and mentions a steady pattern once; days you didn't log never count against "
           "you.")
FOOTER = "About what you logged, not a diagnosis."
NOT_HELPFUL_THANKS = "Thanks, noted. This one will wait twice as long before it comes back."
REFRESH_TOPICS = ("entries", "assessments", "settings", "findings", "people")
MORE_TEXT = "{n} more thing{s} we noticed"


class CardHost(Protocol):
    """The main window, as the card sees it."""

    def navigate(self, key: str, arg: Any = None) -> None: ...

    def open_help(self, crisis: bool = False) -> object: ...


def learn_title(article_id: str) -> str:
    try:
        from selfcare_app.core.learn import get_article

        return get_article(article_id).title
    except (KeyError, LookupError, ValueError, ImportError):
        return article_id.replace("-", " ").capitalize()


def why_html(finding: Finding, config: RuleConfig | None = None) -> str:
    """"Why am I seeing this?" as simple rich text (all data escaped)."""
    why = explain(finding, config)
    esc = html.escape
    para = "<p style='margin-top:0; margin-bottom:4px'>{}</p>"
    parts = [para.format(f"<b>Rule {esc(why.rule)}</b>: {esc(why.condition)}."),
             para.format(f"<b>Window</b>: {esc(why.window)}."),
             para.format("<b>Your data</b>:")]
    items = "".join(f"<li>{esc(h)}: {esc(v)}</li>" for h, v in why.data)
    parts.append(f"<ul style='margin-top:0; margin-bottom:4px; -qt-list-indent:1'>{items}</ul>")
    if why.numbers:
        parts.append(para.format(esc(why.numbers)))
    if why.sources:
        refs = "; ".join(f"<a href='{esc(s.url, quote=True)}'>[{s.number}]</a> {esc(s.citation)}"
                         for s in why.sources)
        parts.append(para.format(f"<b>Source</b>: {refs}."))
    if why.heuristic:
        parts.append(para.format("The thresholds are a design choice, not a published cut-off; "
                                 "you can adjust them or turn this off in Settings."))
    parts.append(para.format(f"<b>Rests after showing</b>: {esc(why.cooldown)}."))
    return "".join(parts)


def _link_button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAccessibleName(accessible)
    set_role(button, "link")
    return button


class FindingRow(QFrame):
    """One finding on the card: title, message, Why?, Not helpful; the headline row also
    carries the card's one support destination (`offer_support`)."""

    not_helpful = Signal(object)
    navigate = Signal(str, object)
    help_requested = Signal()

    def __init__(self, record: Shown | None, finding: Finding, config: RuleConfig,
                 parent: QWidget | None = None, offer_support: bool = True) -> None:
        super().__init__(parent)
        self.record = record
        self.finding = finding
        self.setObjectName(f"finding-{finding.rule}")
        self.setAccessibleName(f"{finding.title}: {finding.message}")
        self.col = col = QVBoxLayout(self)
        col.setContentsMargins(0, 6, 0, 6)
        col.setSpacing(2)
        self.title = QLabel(f"<b>{html.escape(finding.title)}</b>")
        self.title.setWordWrap(True)
        col.addWidget(self.title)
        self.message = QLabel(finding.message)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.message)
        self.parts: QLabel | None = None
        if finding.rule == "R7" and finding.parts:
            # R7 replaces its parts: the signs it combines are its evidence, in words.
            words = [PART_WORDS.get(p, p) for p in finding.parts]
            text = ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]
            self.parts = QLabel(f"Together this week: {text}.")
            self.parts.setWordWrap(True)
            col.addWidget(self.parts)

        first = QHBoxLayout()
        first.setSpacing(2)
        self.why_button = _link_button("Why am I seeing this?",
                                       f"Why am I seeing this: {finding.title}")
        self.why_button.setCheckable(True)
        first.addWidget(self.why_button)
        first.addStretch(1)
        self.not_helpful_button: QPushButton | None = None
        if finding.rule != "S0" and record is not None:
            self.not_helpful_button = _link_button("Not helpful",
                                                   f"Not helpful: {finding.title}")
            self.not_helpful_button.setToolTip(
                "Tell the app this wasn't useful; it will wait longer before showing it again")
            self.not_helpful_button.clicked.connect(lambda: self.not_helpful.emit(self))
            first.addWidget(self.not_helpful_button)
        col.addLayout(first)

        self.learn_button: QPushButton | None = None
        self.resources_button: QPushButton | None = None
        self.checkin_button: QPushButton | None = None
        self.help_button: QPushButton | None = None
        self.contacts_button: QPushButton | None = None
        if offer_support:
            col.addLayout(self._support_row(finding))

        self.why = QLabel(why_html(finding, config))
        self.why.setObjectName("whyPanel")
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.why.setOpenExternalLinks(False)
        self.why.linkActivated.connect(open_link)  # only ever on an explicit click
        # The reasons are the point: the name carries them, not just "Why am I seeing …".
        self.why.setAccessibleName(f"Why am I seeing {finding.title}: {label_text(self.why)}")
        self.why.setStyleSheet("QLabel#whyPanel { background: palette(alternate-base); "
                               "padding: 6px; border-radius: 4px; font-size: small; }")
        self.why.hide()
        col.addWidget(self.why)
        # The links in the reasons, as buttons the keyboard and a screen reader reach (links
        # inside a label are neither announced nor listed).
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.why_links = QWidget()
        links_row = QHBoxLayout(self.why_links)
        links_row.setContentsMargins(0, 0, 0, 0)
        for source in explain(finding, config).sources:
            button = _link_button(f"Open source [{source.number}]",
                                  f"Open source [{source.number}]: {source.citation}")
            button.setToolTip(source.url)
            button.clicked.connect(lambda _c=False, url=source.url: open_link(url))
            links_row.addWidget(button)
        links_row.addStretch(1)
        self.why_links.hide()
        col.addWidget(self.why_links)
        self.why_button.toggled.connect(self.why.setVisible)
        self.why_button.toggled.connect(
            lambda shown: self.why_links.setVisible(shown and links_row.count() > 1))

    def _support_row(self, finding: Finding) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(2)
        if finding.rule == "R8":
            # Gone quiet: a quick check-in, Get help now and the student's own contacts.
            self.checkin_button = _link_button("Check in now", "Check in now")
            self.checkin_button.clicked.connect(lambda: self.navigate.emit("today", today()))
            self.help_button = _link_button("Get help now", "Get help now")
            self.help_button.clicked.connect(self.help_requested.emit)
            self.contacts_button = _link_button("Your contacts", "Show your favourite contacts")
            self.contacts_button.clicked.connect(
                lambda: self.navigate.emit("resources", "favourites"))
            for b in (self.checkin_button, self.help_button, self.contacts_button):
                row.addWidget(b)
            row.addStretch(1)
            return row
        support = finding.support
        if support.learn:
            title = learn_title(support.learn)
            self.learn_button = _link_button("Read more", f"Read the article {title}")
            self.learn_button.setToolTip(f"Learn: {title}")
            self.learn_button.clicked.connect(
                lambda: self.navigate.emit("learn", support.learn))
            row.addWidget(self.learn_button)
        if support.categories:
            category = support.categories[0]
            label = category_label(category)
            self.resources_button = _link_button(f"Resources: {label}",
                                                 f"Show {label} resources")
            self.resources_button.setToolTip(support.text)
            self.resources_button.clicked.connect(
                lambda: self.navigate.emit("resources", category))
            row.addWidget(self.resources_button)
        row.addStretch(1)
        return row


class FindingsCard(QFrame):
    """The one gentle card on Today. Re-reads the vault when data or settings change."""

    history_requested = Signal()
    settings_requested = Signal()

    def __init__(self, session: VaultSession, host: CardHost | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.host = host
        self.setObjectName("findingsCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(TITLE)
        self.rows: list[FindingRow] = []
        self.headline: FindingRow | None = None
        self.card: TodayCard | None = None
        self.config = RuleConfig()
        self._shown_for: date | None = None
        self._stale = True
        self._busy = False

        col = QVBoxLayout(self)
        col.setContentsMargins(12, 10, 12, 10)
        col.setSpacing(4)
        head = QHBoxLayout()
        heading = QLabel(f"<b>{TITLE}</b>")
        head.addWidget(heading)
        head.addStretch(1)
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze ▾")
        self.snooze_button.setAccessibleName("Snooze these findings")
        self.snooze_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for choice in SNOOZE_CHOICES:
            menu.addAction(f"For {choice}", partial(self.snooze, choice))
        menu.addAction("Until a date…", self._ask_snooze_date)
        self.snooze_button.setMenu(menu)
        head.addWidget(self.snooze_button)
        self.more_button = QToolButton()
        self.more_button.setText("⋯ ▾")
        self.more_button.setAccessibleName("More: history of findings and rule settings")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        more.addAction("History of findings…", self.open_history)
        more.addAction("Rules, thresholds and quiet periods…", self.open_settings)
        self.more_button.setMenu(more)
        head.addWidget(self.more_button)
        for button in (self.snooze_button, self.more_button):
            # Fusion draws its own arrow over the label's last letter; the ▾ in the text shows
            # the menu instead.
            button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        col.addLayout(head)

        self.safety_box = QFrame()
        self.safety_box.setObjectName("safetyBox")
        set_role(self.safety_box, "alert-box")  # a calm border, not error text
        self.safety_col = QVBoxLayout(self.safety_box)
        self.safety_text = QLabel()
        self.safety_text.setWordWrap(True)
        self.safety_col.addWidget(self.safety_text)
        self.safety_button = QPushButton("Get help now")
        self.safety_button.setAccessibleName("Get help now: crisis support")
        set_role(self.safety_button, "help")
        self.safety_button.clicked.connect(self.open_crisis)
        self.safety_col.addWidget(self.safety_button, 0, Qt.AlignmentFlag.AlignLeft)
        col.addWidget(self.safety_box)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        col.addWidget(self.status)
        # No scroll area of its own: the Today page's side column scrolls (never nest them).
        self.headline_box = QVBoxLayout()
        self.headline_box.setContentsMargins(0, 0, 0, 0)
        self.headline_box.setSpacing(0)
        col.addLayout(self.headline_box)
        self.more_button = QToolButton()
        self.more_button.setObjectName("moreFindings")
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.setAutoRaise(True)
        self.more_button.toggled.connect(self._toggle_more)
        col.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.more_panel = QWidget()
        self.rows_box = QVBoxLayout(self.more_panel)
        self.rows_box.setContentsMargins(12, 0, 0, 0)
        self.rows_box.setSpacing(0)
        self.more_panel.hide()
        col.addWidget(self.more_panel)
        self.more_button.hide()
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.linkActivated.connect(lambda _l: self.open_settings())
        col.addWidget(self.suggestion)
        self.footer = QLabel(FOOTER)
        self.footer.setWordWrap(True)
        self.footer.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        col.addWidget(self.footer)

        session.changed.connect(self._on_changed)
        self.refresh()

    # -- data ------------------------------------------------------------------------------

    def _on_changed(self, topic: str) -> None:
        if topic in REFRESH_TOPICS and not self._busy:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or self._shown_for != today():
            self.refresh()

    def refresh(self) -> None:
        from selfcare_app.data.findings import refresh_today, rule_config

        day = today()

        def load(vault: Vault) -> tuple[TodayCard, RuleConfig]:
            card = refresh_today(vault, day)
            # Shown on the card now: "new" becomes "seen" in the history.
            for r in card.items:
                if r.state == "new" and r.id is not None:
                    vault.findings.set_state(r.id, "seen")
            return card, rule_config(vault)

        try:
            card, config = self.session.run(load)
        except VaultError:
            return  # locked: the page holding this card is destroyed and rebuilt on unlock
        self.card, self.config = card, config
        self._shown_for, self._stale = day, False
        self._render(card)
        if card.open_crisis:
            QTimer.singleShot(0, self.open_crisis)

    def _render(self, card: TodayCard) -> None:
        for row in self.rows:
            row.setParent(None)
            row.hide()  # deleteLater waits for the event loop; never paint it meanwhile
            row.deleteLater()
        self.rows = []
        self.headline = None
        self.safety_box.setVisible(bool(card.safety))
        if card.safety:
            s0 = card.safety[0]
            self.safety_text.setText(f"<b>{html.escape(s0.message)}</b><br>You can talk to "
                                     "someone right now, any time of day: crisis lines, your "
                                     "campus after-hours line, or your local emergency number.")
            row = FindingRow(None, s0, self.config, offer_support=False)
            row.title.hide()
            row.message.hide()
            self._add_row(row, self.safety_col)
        records = sorted(card.items, key=lambda r: headline_rank(r.finding))
        for i, record in enumerate(records):
            # One support destination per card: the headline's (crisis support if S0 shows).
            lead = i == 0
            row = FindingRow(record, record.finding, self.config,
                             offer_support=lead and not card.safety)
            if lead:
                self.headline = row
                self._add_row(row, self.headline_box)
            else:
                self._add_row(row, self.rows_box)
        folded = max(0, len(records) - 1)
        self.more_button.setVisible(folded > 0)
        self.more_button.setText(MORE_TEXT.format(n=folded, s="s" if folded != 1 else ""))
        self.more_button.setAccessibleName(self.more_button.text())
        self._toggle_more(self.more_button.isChecked() and folded > 0)
        if card.quiet is not None and not card.items:
            label = f" ({card.quiet.label})" if card.quiet.label else ""
            self.status.setText(f"Quiet period{label} until {card.quiet.end:%a} "
                                f"{card.quiet.end.day} {card.quiet.end:%b}: only safety support "
                                "and a check-in if you go quiet are shown. Anything still "
                                "relevant will show after it ends.")
        elif not card.items and not card.safety:
            self.status.setText(self._empty_text())
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))
        self.snooze_button.setEnabled(bool(card.items))
        tips = card.suggestions
        if tips:
            self.suggestion.setText("<br>".join(html.escape(t.text()) for t in tips)
                                    + " <a href='settings'>Adjust…</a>")
        self.suggestion.setVisible(bool(tips))
        self.setAccessibleDescription(" ".join(r.finding.message for r in self.rows)
                                      or self.status.text())

    def _toggle_more(self, open_: bool) -> None:
        self.more_panel.setVisible(open_)
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if open_
                                      else Qt.ArrowType.RightArrow)

    def _empty_text(self) -> str:
        held = self.card.decision.held if self.card is not None else {}
        if held and any(r in ("budget-day", "budget-week") for r in held.values()):
            return ("Nothing new to show today; the app keeps to at most one card a day and "
                    "three a week.")
        if held:
            # Something still holds but was said already: don't claim nothing stood out.
            return ("Nothing new today. What the app pointed out before is under ⋯ → "
                    "History of findings.")
        return NOTHING

    def _add_row(self, row: FindingRow, box: QVBoxLayout) -> None:
        row.not_helpful.connect(self._mark_not_helpful)
        row.navigate.connect(self._navigate)
        row.help_requested.connect(self._open_help)
        if box is self.rows_box and box.count():
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            row.col.insertWidget(0, line)
        self.rows.append(row)
        from selfcare_app.ui.widgets.own_support_row import attach_own_support

        attach_own_support(row, self.session)  # my people first (R5, R8); helpful practices
        box.addWidget(row)

    @property
    def folded(self) -> list[FindingRow]:
        """The findings under "N more things we noticed" (collapsed until opened)."""
        return [r for r in self.rows if r is not self.headline and r.record is not None]

    # -- actions ---------------------------------------------------------------------------

    def _navigate(self, key: str, arg: object) -> None:
        if self.host is not None:
            self.host.navigate(key, arg)

    def _open_help(self) -> None:
        if self.host is not None:
            self.host.open_help()

    def open_crisis(self) -> None:
        """The full crisis card (S0): at once for a new safety event, or on request."""
        if self.host is not None:
            self.host.open_help(crisis=True)

    def _update(self, fn: Any) -> bool:
        self._busy = True
        try:
            self.session.run(fn)
        except (VaultError, ValueError):
            return False
        finally:
            self._busy = False
        self.session.notify("findings")
        return True

    def _mark_not_helpful(self, row: FindingRow) -> None:
        record = row.record
        if record is None or record.id is None:
            return
        if self._update(lambda v: v.findings.set_state(record.id, "not-helpful")):
            self.refresh()
            self.status.setText(NOT_HELPFUL_THANKS)
            self.status.setVisible(True)

    def snooze(self, choice: str | date) -> None:
        """Snooze every proactive finding on today's card (S0 is never snoozed)."""
        if self.card is None or not self.card.items:
            return
        until = snooze_until(today(), choice)
        ids = [r.id for r in self.card.items if r.id is not None and r.rule != "S0"]

        def apply(v: Any) -> None:
            for i in ids:
                v.findings.set_state(i, "snoozed", None, until)

        if self._update(apply):
            self.refresh()
            self.status.setText(f"Snoozed until {until:%a} {until.day} {until:%b}. If it still "
                                "applies then, it will come back.")
            self.status.setVisible(True)

    def _ask_snooze_date(self) -> None:
        dialog = SnoozeDateDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.snooze(dialog.day)

    def open_history(self) -> None:
        from selfcare_app.ui.findings_dialogs import FindingsHistoryDialog

        self.history_requested.emit()
        dialog = FindingsHistoryDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_settings(self) -> None:
        from selfcare_app.ui.findings_dialogs import RuleSettingsDialog

        self.settings_requested.emit()
        dialog = RuleSettingsDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


class SnoozeDateDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Snooze until")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Show these again on:"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Day to show these findings again")
        tomorrow = today() + timedelta(days=1)
        self.date_edit.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        week = today() + timedelta(days=14)
        self.date_edit.setDate(QDate(week.year, week.month, week.day))
        layout.addWidget(self.date_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def day(self) -> date:
        q = self.date_edit.date()
        return date(q.year(), q.month(), q.day())
