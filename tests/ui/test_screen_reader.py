"""What a screen reader gets, checked in-process: labels expose the text they show, errors and
status changes are announced, F1 opens the one Get help now window from every window with no
ambiguous shortcut, links in text are offered as controls, containers aren't unnamed Tab stops,
charts are images, and groups are named. `test_atspi.py` checks the same from outside."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAccessible, QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from selfcare_app.ui.accessibility import (
    ContextLabel,
    hidden_label_text,
    names_disagree,
    unnamed_focus_stops,
)
from tests.ui.conftest import create_and_unlock, unlock
from tests.ui.test_accessibility import dialogs, seed
from tests.ui.waits import settle


@pytest.fixture
def unlocked(qtbot: QtBot, window: Any) -> Iterator[Any]:
    create_and_unlock(qtbot, window)
    seed(window)
    yield window
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(0)


@pytest.fixture
def announced(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Every announcement (text, assertive) made through the shared helper."""
    said: list[tuple[str, bool]] = []
    from selfcare_app.ui import announce as module

    real = module.announce

    def record(widget: QWidget, text: str, *, assertive: bool = False) -> None:
        said.append((text, assertive))
        real(widget, text, assertive=assertive)

    for name in ("selfcare_app.ui.lock_screen", "selfcare_app.ui.help_dialog",
                 "selfcare_app.ui.pages.selfchecks.take", "selfcare_app.ui.pages.trends"):
        monkeypatch.setattr(f"{name}.announce", record)
    return said


def iface(widget: QWidget) -> Any:
    found = QAccessible.queryAccessibleInterface(widget)
    assert found is not None
    return found


def screen_states(qtbot: QtBot, win: Any) -> Iterator[tuple[str, QWidget]]:
    """Every page, the self-check states, and the dialogs, shown one after another."""
    from selfcare_app.ui.page_registry import PAGE_KEYS

    for key in PAGE_KEYS:
        win.navigate(key)
        settle(qtbot)
        yield f"page {key}", win
    checks = win.pages["selfchecks"]
    win.navigate("selfchecks")
    checks.select_instrument("who5")
    checks.start()
    yield "self-check: taking", checks
    for n in range(1, 6):
        checks.form.choose(n, 3)
    checks.submit()
    yield "self-check: result", checks
    checks.show_overview()
    win.navigate("today")
    for name, dialog in dialogs(win):
        settle(qtbot)
        yield f"dialog {name}", dialog
        dialog.done(0)
        QApplication.processEvents()


# -- 1. labels expose what they show ---------------------------------------------------------


def test_every_screen_speaks_what_it_shows(qtbot: QtBot, unlocked: Any) -> None:
    """One walk of every page, self-check state and dialog: visible labels expose their text;
    button names contain their visible words (speech input: "click Copy number"); no unnamed
    Tab stop; every combo box has a label (on Linux its name is its value)."""
    from PySide6.QtWidgets import QComboBox

    from selfcare_app.ui.accessibility import buddy_label

    hidden: list[str] = []
    disagree: list[str] = []
    stops: list[str] = []
    combos: list[str] = []
    for state, root in screen_states(qtbot, unlocked):
        hidden += [f"[{state}] {p}" for p in hidden_label_text(root)]
        if not state.startswith("page today"):  # Today's form is being rewritten (own issue)
            disagree += [f"[{state}] {p}" for p in names_disagree(root)]
        stops += [f"[{state}] {u}" for u in unnamed_focus_stops(root)]
        combos += [f"[{state}] {c.accessibleName()!r}" for c in root.findChildren(QComboBox)
                   if c.isVisible() and buddy_label(c) is None]
    assert not hidden, "Labels whose text a screen reader can't get:\n" + "\n".join(hidden)
    assert not disagree, "Names without the visible words:\n" + "\n".join(disagree)
    assert not stops, "Focusable containers without a name:\n" + "\n".join(stops)
    assert not combos, "Combo boxes without a label:\n" + "\n".join(combos)


def test_lock_screen_labels_expose_their_text(qtbot: QtBot, window: Any) -> None:
    lock = window.lock_screen
    problems = []
    for step in range(lock.steps.count()):
        lock.go_to_step(step)
        problems += hidden_label_text(lock)
    lock.show_problem("Something to read")
    problems += hidden_label_text(lock)
    assert not problems


def test_the_hidden_text_check_catches_a_fixed_name(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    hidden = QLabel("36 on the 0–100 wellbeing index")
    hidden.setAccessibleName("Last result")
    context = ContextLabel("Score")
    context.setText("<b>36</b> on the 0–100 index")
    for w in (hidden, context, QLabel("shown as its own name")):
        layout.addWidget(w)
    root.show()
    found = hidden_label_text(root)
    assert len(found) == 1 and "Last result" in found[0]
    assert context.accessibleName() == "Score: 36 on the 0–100 index"
    context.setText("")
    assert context.accessibleName() == ""


def test_self_check_result_labels_say_their_values(qtbot: QtBot, unlocked: Any) -> None:
    checks = unlocked.pages["selfchecks"]
    unlocked.navigate("selfchecks")
    checks.select_instrument("who5")
    last = iface(checks.overview.last).text(QAccessible.Text.Name)
    assert re.match(r"Last result: \d+ on the 0–100", last)
    assert "What it measures:" in iface(checks.overview.measures).text(QAccessible.Text.Name)
    assert "Licence:" in iface(checks.overview.sources).text(QAccessible.Text.Name)
    checks.start()
    assert iface(checks.taking.progress).text(QAccessible.Text.Name) == "Progress: 0 of 5 answered"
    assert iface(checks.taking.stem).text(QAccessible.Text.Name).startswith("Instructions: ")
    for n in range(1, 6):
        checks.form.choose(n, 3)
    checks.submit()
    assert iface(checks.result_view.score).text(QAccessible.Text.Name).startswith("Score: 60")
    assert iface(checks.result_view.band).text(QAccessible.Text.Name).startswith("Range: ")
    assert "Since last time:" in iface(checks.result_view.change).text(QAccessible.Text.Name)


# -- 2. errors and status changes are announced -------------------------------------------


def test_wrong_passphrase_is_announced_and_described_on_the_field(
        qtbot: QtBot, window: Any, announced: list[tuple[str, bool]]) -> None:
    create_and_unlock(qtbot, window)
    window.lock()
    lock = window.lock_screen
    lock.passphrase.setText("not the passphrase")
    lock.submit.click()
    qtbot.waitUntil(lambda: lock.error.isVisible(), timeout=10_000)
    message = lock.error.text()
    assert message and (message, True) in announced
    assert lock.passphrase.accessibleDescription() == message
    assert lock.passphrase.hasFocus() or QApplication.focusWidget() in (None, lock.passphrase)
    unlock(qtbot, window)


def test_first_run_problem_goes_to_the_first_field_to_put_right(
        qtbot: QtBot, window: Any, announced: list[tuple[str, bool]]) -> None:
    window.activateWindow()
    lock = window.lock_screen
    lock.go_to_step(1)
    lock.passphrase.setText("correct horse battery")
    lock.confirm.setText("correct horse batter")
    lock._next_step()
    assert announced and announced[-1][1]
    assert lock.confirm.accessibleDescription() == announced[-1][0]
    assert QApplication.focusWidget() is lock.confirm


def test_a_self_check_that_cannot_be_saved_is_announced(
        qtbot: QtBot, unlocked: Any, announced: list[tuple[str, bool]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.data.errors import VaultError

    checks = unlocked.pages["selfchecks"]
    unlocked.navigate("selfchecks")
    checks.select_instrument("who5")
    checks.start()
    for n in range(1, 6):
        checks.form.choose(n, 3)

    def fail(_job: Any) -> Any:
        raise VaultError("the disk is full")

    monkeypatch.setattr(unlocked.session, "run", fail)
    assert not checks.submit()
    assert any("the disk is full" in text and loud for text, loud in announced)
    assert "the disk is full" in checks.taking.submit_button.accessibleDescription()


# -- 3. F1 everywhere, one support window -------------------------------------------------


def help_dialogs() -> list[QWidget]:
    from selfcare_app.ui.help_dialog import HelpDialog

    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, HelpDialog) and w.isVisible()]


def press_f1(target: QWidget) -> None:
    QTest.keyClick(target, Qt.Key.Key_F1)
    QApplication.processEvents()


@pytest.fixture
def qt_warnings() -> Iterator[list[str]]:
    seen: list[str] = []

    def handler(kind: QtMsgType, _context: Any, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            seen.append(message)

    previous = qInstallMessageHandler(handler)
    yield seen
    qInstallMessageHandler(previous)


def test_f1_opens_help_on_the_lock_screen(qtbot: QtBot, window: Any,
                                          qt_warnings: list[str]) -> None:
    press_f1(window.lock_screen.passphrase)
    assert len(help_dialogs()) == 1
    press_f1(help_dialogs()[0])  # again, from Get help now itself: still one window
    assert len(help_dialogs()) == 1
    assert not [w for w in qt_warnings if "Ambiguous" in w]
    help_dialogs()[0].close()


def test_f1_opens_help_from_every_page_and_dialog(qtbot: QtBot, unlocked: Any,
                                                  qt_warnings: list[str]) -> None:
    from selfcare_app.ui.page_registry import PAGE_KEYS

    win = unlocked
    for key in PAGE_KEYS:
        win.navigate(key)
        press_f1(win.pages[key].first_focus() or win)
        assert len(help_dialogs()) == 1, key
        help_dialogs()[0].close()
        QApplication.processEvents()
    for name, dialog in dialogs(win):
        if dialog.objectName() == "helpDialog":
            dialog.close()
            continue
        QApplication.processEvents()
        press_f1(dialog.focusWidget() or dialog)
        shown = help_dialogs()
        assert len(shown) == 1, name
        shown[0].close()
        dialog.done(0)
        QApplication.processEvents()
    assert not [w for w in qt_warnings if "Ambiguous" in w]


def active_keys(window: QWidget) -> list[tuple[str, str]]:
    """(key sequence, owner) for every enabled shortcut that can fire in `window`."""
    keys: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue  # fires only in its own widget (the menu): shown there, no clash
        for seq in action.shortcuts():
            if not seq.isEmpty() and action.isEnabled():
                keys.append((seq.toString(), f"action {action.text()!r}"))
    for sc in window.findChildren(QShortcut):
        parent = sc.parent()
        if sc.isEnabled() and isinstance(parent, QWidget) and parent.isVisible():
            keys.append((sc.key().toString(), f"shortcut on {parent.objectName()!r}"))
    return keys


def duplicates(keys: list[tuple[str, str]]) -> list[str]:
    seen: dict[str, str] = {}
    out = []
    for key, owner in keys:
        if key in seen:
            out.append(f"{key}: {seen[key]} and {owner}")
        seen[key] = owner
    return out


def test_no_window_has_an_ambiguous_shortcut(qtbot: QtBot, unlocked: Any) -> None:
    from selfcare_app.ui.page_registry import PAGE_KEYS

    win = unlocked
    problems: list[str] = []
    for key in PAGE_KEYS:
        win.navigate(key)
        problems += [f"[page {key}] {d}" for d in duplicates(active_keys(win))]
        assert not [k for k, _o in active_keys(win) if k == "F1"]  # F1: HelpKey, no shortcut
    for name, dialog in dialogs(win):
        problems += [f"[dialog {name}] {d}" for d in duplicates(active_keys(dialog))]
        assert not [k for k, _o in active_keys(dialog) if k == "F1"], name
        dialog.done(0)
    win.lock()
    problems += [f"[lock] {d}" for d in duplicates(active_keys(win))]
    assert not [k for k, _o in active_keys(win) if k == "F1"]
    assert not problems, "\n".join(problems)


def test_the_menu_still_shows_f1(qtbot: QtBot, window: Any) -> None:
    assert window.help_action.shortcut() == QKeySequence("F1")


def test_not_safe_turns_the_one_window_into_the_support_card(
        qtbot: QtBot, unlocked: Any, announced: list[tuple[str, bool]]) -> None:
    from selfcare_app.ui.help_dialog import S0_MESSAGE

    win = unlocked
    win.activateWindow()
    dialog = win.open_help()
    qtbot.waitExposed(dialog)
    assert iface(dialog).text(QAccessible.Text.Name) == "Get help now"
    dialog.not_safe_button.click()
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Support right now")
    settle(qtbot)  # the safety record's findings refresh asks for the crisis card again
    assert help_dialogs() == [dialog]
    assert dialog.windowTitle() == "Support right now"
    assert iface(dialog).text(QAccessible.Text.Name) == "Support right now"
    assert (S0_MESSAGE, True) in announced
    assert dialog.focusWidget() is dialog.heading
    assert S0_MESSAGE in iface(dialog.heading).text(QAccessible.Text.Name)
    assert dialog.heading.nextInFocusChain() is dialog.action_buttons[0]
    # A second request (Today's "I'm not safe right now", a finding) raises the same window.
    assert win.open_help(crisis=True) is dialog
    assert help_dialogs() == [dialog]
    dialog.activateWindow()
    QTest.keyClick(dialog.heading, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert help_dialogs() == []


def test_crisis_from_a_page_opens_the_card_with_its_message_focused(
        qtbot: QtBot, unlocked: Any) -> None:
    dialog = unlocked.open_help(crisis=True)
    assert dialog.windowTitle() == "Support right now"
    assert dialog.focusWidget() is dialog.heading
    assert len(help_dialogs()) == 1


# -- 4. links in text ---------------------------------------------------------------------


def test_learn_offers_the_articles_links_as_a_list(qtbot: QtBot, unlocked: Any) -> None:
    win = unlocked
    learn = win.pages["learn"]
    win.navigate("learn")
    learn.show_article("early-signs")
    links = [learn.links.item(i).text() for i in range(learn.links.count())]
    assert "Get help now (opens Get help now)" in links
    assert any(t.startswith("self-checks (") for t in links)
    assert any(t.startswith("https://") for t in links)
    assert learn.reader.tabChangesFocus()
    assert learn.links.accessibleName() == "Links in this article"
    learn.links.setCurrentRow(links.index("Get help now (opens Get help now)"))
    learn.links.itemActivated.emit(learn.links.currentItem())
    assert len(help_dialogs()) == 1
    help_dialogs()[0].close()


def test_self_check_sources_are_a_list_of_links(qtbot: QtBot, unlocked: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("selfcare_app.ui.pages.selfchecks.common.open_link", opened.append)
    checks = unlocked.pages["selfchecks"]
    unlocked.navigate("selfchecks")
    checks.select_instrument("who5")
    links = checks.overview.source_links
    assert links.isVisible() and links.count() == 6
    assert links.accessibleName() == "Links to the sources"
    assert links.item(0).text().startswith("[12] karger.com: Topp CW")
    links.itemActivated.emit(links.item(0))
    assert opened == ["https://karger.com/pps/article/84/3/167/282903"]
    links_by_keyboard = Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    assert not checks.overview.sources.textInteractionFlags() & links_by_keyboard


# -- 5. containers and page switches --------------------------------------------------------


def test_ctrl_number_lands_straight_on_the_pages_first_control(
        qtbot: QtBot, unlocked: Any) -> None:
    from selfcare_app.ui.page_registry import PAGE_KEYS as PAGE_ORDER

    win = unlocked
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for number, key in enumerate(PAGE_ORDER, start=1):
        stops: list[QWidget] = []
        app.focusChanged.connect(lambda _o, new, s=stops: s.append(new))
        QTest.keyClick(QApplication.focusWidget() or win, Qt.Key(Qt.Key.Key_0 + number),
                       Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        app.focusChanged.disconnect()
        page = win.pages[key]
        assert QApplication.focusWidget() is page.first_focus(), key
        assert win.help_button not in stops, key
        assert all(w is None or page.isAncestorOf(w) for w in stops), (key, stops)


def test_search_clear_buttons_are_named(qtbot: QtBot, unlocked: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton

    boxes = [e for e in unlocked.main_area.findChildren(QLineEdit) if e.isClearButtonEnabled()]
    names = {e.accessibleName(): [b.accessibleName() for b in e.findChildren(QAbstractButton)]
             for e in boxes}
    assert names["Search articles"] == ["Clear search articles"]
    assert all(len(n) == 1 and n[0].startswith("Clear ") for n in names.values()), names


# -- 6/7. charts, groups ----------------------------------------------------------------------


def test_trends_chart_is_an_image_and_day_moves_are_announced(
        qtbot: QtBot, unlocked: Any, announced: list[tuple[str, bool]]) -> None:
    win = unlocked
    trends = win.pages["trends"]
    win.navigate("trends")
    qtbot.waitUntil(lambda: trends.view is not None, timeout=10_000)
    chart = iface(trends.canvas)
    assert chart.role() == QAccessible.Role.Graphic
    assert chart.text(QAccessible.Text.Description)
    assert trends.tabs.tabBar().nextInFocusChain() is trends.canvas
    trends.canvas.setFocus()
    QTest.keyClick(trends.canvas, Qt.Key.Key_Left)
    QTest.keyClick(trends.canvas, Qt.Key.Key_Left)
    assert len(announced) == 2
    day = trends.selected_day
    assert day is not None and day.strftime("%d").lstrip("0") in announced[-1][0]


def test_period_buttons_are_one_exclusive_group_of_radio_buttons(
        qtbot: QtBot, unlocked: Any) -> None:
    trends = unlocked.pages["trends"]
    unlocked.navigate("trends")
    assert trends.range_group.exclusive()
    group = iface(trends.range_box)
    assert group.role() == QAccessible.Role.Grouping
    assert group.text(QAccessible.Text.Name) == "Period shown"
    for key, button in trends.range_buttons.items():
        radio = iface(button)
        assert radio.role() == QAccessible.Role.RadioButton
        assert radio.text(QAccessible.Text.Name) == button.text()
        assert radio.state().checked == (key == "month")
    iface(trends.range_buttons["2w"]).doAction("Press")
    assert trends.range_buttons["2w"].isChecked()
    assert iface(trends.range_buttons["2w"]).state().checked


def test_question_groups_are_named_by_their_question(qtbot: QtBot, unlocked: Any) -> None:
    checks = unlocked.pages["selfchecks"]
    unlocked.navigate("selfchecks")
    checks.select_instrument("who5")
    checks.start()
    assert checks.form is not None
    item = checks.form.instrument.items[0]
    box = checks.form.findChild(QWidget, "question-1")
    group = iface(box)
    assert group.role() == QAccessible.Role.Grouping
    assert item.text in group.text(QAccessible.Text.Name)


def test_why_panel_offers_its_source_links_as_buttons(qtbot: QtBot, unlocked: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.ui.widgets.findings_card import FindingRow

    opened: list[str] = []
    monkeypatch.setattr("selfcare_app.ui.widgets.findings_card.open_link", opened.append)
    unlocked.navigate("today")
    rows = [r for r in unlocked.findChildren(FindingRow) if r.isVisible()]
    row = next(r for r in rows if r.why_links.layout().count() > 1)
    assert not row.why_links.isVisible()
    row.why_button.click()
    buttons = [b for b in row.why_links.findChildren(QPushButton)]
    assert buttons and all(b.isVisible() for b in buttons)
    assert buttons[0].accessibleName().startswith(buttons[0].text() + ": ")
    assert not row.why.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    buttons[0].click()
    assert opened and opened[0].startswith("http")


