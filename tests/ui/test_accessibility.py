"""Every visible control has an accessible name, on the lock screen, on every page in each of
its states, and in the dialogs reachable from them; charts carry text alternatives; Tab walks
every page without a trap; mnemonics don't clash; Escape closes dialogs; text follows the
application font."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.instruments import get_instrument, score
from selfcare_app.core.resource import ResourceData
from selfcare_app.ui.accessibility import (
    accessible_name,
    is_meaningful,
    mnemonics,
    unnamed_widgets,
    visible_interactive,
)
from tests.ui.conftest import TODAY, create_and_unlock, unlock
from tests.ui.waits import settle

SRC = Path(__file__).resolve().parents[2] / "src" / "selfcare_app"


def seed(win: Any) -> None:
    """A fortnight of logs (a bad last week, so findings show), notes, a self-check result and
    an own contact, so every page shows its filled-in state."""
    def fill(v: Any) -> None:
        v.entries.upsert_many(
            DailyEntry(day=TODAY - timedelta(days=i), sleep_hours=5.5 if i < 7 else 7.5,
                       stress=8 if i < 7 else 4, mood=4, energy=5, study_hours=6.0,
                       social=1, tags=("exam",), note=f"note {i}")
            for i in range(14))
        v.assessments.add(score(get_instrument("who5"), [3, 3, 2, 2, 3],
                                datetime(2026, 11, 1, 12, 0)))
        v.resources.add(ResourceData(name="Dr Rivera", category="counseling",
                                     phone="+1 802 555 0142", email="rivera@example.edu"))
    win.session.run(fill)
    win.session.notify("entries")


def collect(root: QWidget, state: str, problems: list[str]) -> int:
    QApplication.processEvents()
    found = visible_interactive(root)
    problems.extend(f"[{state}] {u}" for u in unnamed_widgets(root))
    return len(found)


def walk_pages(qtbot: QtBot, win: Any, problems: list[str]) -> int:
    """Every page in PAGES, and the states a page can be in."""
    from selfcare_app.ui.page_registry import PAGE_KEYS

    checked = collect(win, "main window", problems)
    for key in PAGE_KEYS:
        win.navigate(key)
        settle(qtbot)
        checked += collect(win.pages[key], f"page {key}", problems)
    # Trends: the weekday tab and the custom range.
    trends = win.pages["trends"]
    win.navigate("trends")
    trends.tabs.setCurrentIndex(1)
    trends.set_range("custom")
    checked += collect(trends, "trends: by weekday, custom range", problems)
    # Self-checks: taking one, then its result.
    checks = win.pages["selfchecks"]
    win.navigate("selfchecks")
    checks.select_instrument("who5")
    checks.start()
    checked += collect(checks, "self-check: taking", problems)
    for n in range(1, 6):
        checks.form.choose(n, 3)
    checks.submit()
    checked += collect(checks, "self-check: result", problems)
    checks.show_overview()
    # Resources: an own contact (edit/delete/copy buttons) and a crisis line.
    res = win.pages["resources"]
    win.navigate("resources")
    res.select_category("counseling")
    checked += collect(res, "resources: own contact", problems)
    res.select_category("crisis")
    checked += collect(res, "resources: crisis line", problems)
    res.show_notice("A notice", ["a detail"])
    checked += collect(res, "resources: notice", problems)
    return checked


def dialogs(win: Any) -> Iterator[tuple[str, QDialog]]:
    """The dialogs reachable from the window and its pages, opened without blocking."""
    from selfcare_app.ui.dialogs import sharing_menu
    from selfcare_app.ui.findings_dialogs import FindingsHistoryDialog, RuleSettingsDialog
    from selfcare_app.ui.pages.resources import ResourceDialog
    from selfcare_app.ui.shortcuts_dialog import ShortcutsDialog
    from selfcare_app.ui.vault_care import BackupsDialog, ChangePassphraseDialog
    from selfcare_app.ui.widgets.findings_card import SnoozeDateDialog

    yield "help", win.open_help()
    yield "crisis help", win.open_help(crisis=True)
    for name, make in (
            ("shortcuts", lambda: ShortcutsDialog(win)),
            ("rule settings", lambda: RuleSettingsDialog(win.session, win)),
            ("findings history", lambda: FindingsHistoryDialog(win.session, win)),
            ("snooze date", lambda: SnoozeDateDialog(win)),
            ("backups", lambda: BackupsDialog(win.controller, win)),
            ("change passphrase", lambda: ChangePassphraseDialog(win)),
            ("preferences", lambda: win.preferences_dialog()),
            ("resource", lambda: ResourceDialog(win.pages["resources"]))):
        dialog = make()
        dialog.show()
        yield name, dialog
    for name, opener in (("summary", sharing_menu.open_summary),
                         ("export", sharing_menu.open_export),
                         ("import", sharing_menu.open_import)):
        yield name, opener(win.session, win)


@pytest.fixture
def unlocked(qtbot: QtBot, window: Any) -> Iterator[Any]:
    create_and_unlock(qtbot, window)
    seed(window)
    yield window
    for widget in QApplication.topLevelWidgets():  # a failed test leaves none open (workers)
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(0)


def test_lock_screens_name_every_control(qtbot: QtBot, window: Any) -> None:
    problems: list[str] = []
    lock = window.lock_screen
    seen = 0
    for step in range(lock.steps.count()):
        lock.go_to_step(step)
        seen += collect(lock, f"first run, step {step + 1}", problems)
    assert seen >= 10
    lock.go_to_step(0)
    create_and_unlock(qtbot, window)
    window.lock()
    assert window.lock_screen is not None and not window.lock_screen.creating
    assert collect(window.lock_screen, "unlock", problems) >= 3
    window.lock_screen.offer_restore("Restore the backup from 2026-11-24 09:00…")
    collect(window.lock_screen, "unlock with a restore offer", problems)
    assert not problems, "Controls without an accessible name:\n" + "\n".join(problems)


def test_every_page_and_dialog_names_every_control(qtbot: QtBot, unlocked: Any) -> None:
    problems: list[str] = []
    checked = walk_pages(qtbot, unlocked, problems)
    assert checked > 150  # the walk really saw the pages' controls
    unlocked.navigate("today")
    for name, dialog in dialogs(unlocked):
        settle(qtbot)
        checked = collect(dialog, f"dialog {name}", problems)
        assert checked >= 1, name
        dialog.done(0)
        QApplication.processEvents()
    assert not problems, "Controls without an accessible name:\n" + "\n".join(problems)


def test_the_walk_reports_an_unnamed_control(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    col = QVBoxLayout(box)
    named = QLineEdit()
    label = QLabel("&Name")
    label.setBuddy(named)
    symbol = QPushButton("▶")
    combo = QComboBox()
    combo.addItem("an item's text is not a name")
    for w in (label, named, QPushButton("Save"), symbol, combo):
        col.addWidget(w)
    box.show()
    found = unnamed_widgets(box)
    assert [u.cls for u in found] == ["QPushButton", "QComboBox"]
    assert accessible_name(named) == "Name"
    symbol.setAccessibleName("Next day")
    combo.setAccessibleName("Choice")
    assert unnamed_widgets(box) == []


# -- charts' text alternatives ---------------------------------------------------------------


def test_charts_and_week_card_describe_themselves_and_keep_it_current(
        qtbot: QtBot, unlocked: Any) -> None:
    win = unlocked
    win.navigate("trends")
    trends = win.pages["trends"]
    qtbot.waitUntil(lambda: trends.canvas is not None)
    month = trends.canvas.accessibleDescription()
    weekdays = trends.weekday_canvas.accessibleDescription()
    assert "Stress" in month and len(month) > 40
    assert weekdays.startswith("Average by weekday")  # current before its tab is shown
    trends.set_range("2w")
    assert trends.canvas.accessibleDescription() != month
    trends.metric_boxes["stress"].setChecked(False)
    assert "Stress" not in trends.canvas.accessibleDescription()
    assert "Stress" not in trends.weekday_canvas.accessibleDescription()
    # A new entry changes the description (data, not only range).
    before = trends.canvas.accessibleDescription()
    win.session.run(lambda v: v.entries.upsert(DailyEntry(day=TODAY, sleep_hours=12.0)))
    win.session.notify("entries")
    qtbot.waitUntil(lambda: trends.canvas.accessibleDescription() != before)
    assert trends.canvas.accessibleName() and trends.weekday_canvas.accessibleName()

    win.navigate("selfchecks")
    checks = win.pages["selfchecks"]
    checks.select_instrument("who5")
    qtbot.waitUntil(lambda: checks.overview.canvas is not None)
    text = checks.overview.canvas.accessibleDescription()
    assert "2026-11-01" in text
    checks.start()
    for n in range(1, 6):
        checks.form.choose(n, 5)
    checks.submit()
    checks.show_overview()
    assert checks.overview.canvas.accessibleDescription() != text
    assert TODAY.isoformat() in checks.overview.canvas.accessibleDescription()

    win.navigate("today")
    card = win.pages["today"].week_vs_usual
    before = card.accessibleDescription()
    assert "sleep" in before.lower()
    win.session.run(lambda v: v.entries.upsert(DailyEntry(day=TODAY, sleep_hours=1.0)))
    win.session.notify("entries")
    qtbot.waitUntil(lambda: card.accessibleDescription() != before)


# -- keyboard ------------------------------------------------------------------------------------


def tab_walk(start: QWidget, limit: int = 200) -> list[QWidget]:
    """Press Tab from `start` until focus comes back to it; the widgets focused on the way."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert QApplication.focusWidget() is start
    seen: list[QWidget] = []
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        if now is start:
            return seen
        seen.append(now)
    raise AssertionError(f"Tab never came back to {start!r}: a trap in "
                         f"{[type(w).__name__ for w in seen[-6:]]}")


def _takes_tab(w: QWidget) -> bool:
    return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.isEnabled()


def test_tab_reaches_every_control_on_every_page_without_a_trap(
        qtbot: QtBot, unlocked: Any) -> None:
    from selfcare_app.ui.page_registry import PAGE_KEYS

    win = unlocked
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    for key in PAGE_KEYS:
        win.navigate(key)
        settle(qtbot)
        page = win.pages[key]
        controls = [w for w in visible_interactive(page) if _takes_tab(w)]
        assert controls, key
        seen = tab_walk(controls[0])
        missing = [f"{type(w).__name__} {accessible_name(w)!r}" for w in controls[1:]
                   if w not in seen]
        assert not missing, f"Tab never reaches on {key}: {missing}"
        assert win.sidebar in seen and win.help_button in seen  # the way out of the page


def test_tables_leave_on_tab_and_open_rows_with_enter(qtbot: QtBot, unlocked: Any) -> None:
    win = unlocked
    tables = [w for page in win.pages.values() for w in page.findChildren(QTableView)]
    assert len(tables) >= 3
    assert all(not t.tabKeyNavigation() for t in tables)
    win.navigate("history")
    history = win.pages["history"]
    history.table.setFocus()
    history.table.setCurrentIndex(history.proxy.index(2, 0))
    QTest.keyClick(history.table, Qt.Key.Key_Return)
    assert win.current_page() is win.pages["today"]
    assert win.pages["today"].day == TODAY - timedelta(days=2)


def test_editable_text_boxes_let_tab_leave(qtbot: QtBot, unlocked: Any) -> None:
    boxes: list[QWidget] = []
    for name, dialog in [("page", p) for p in unlocked.pages.values()] + list(dialogs(unlocked)):
        for w in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit):
            boxes.append(w)
            if not w.isReadOnly():
                assert w.tabChangesFocus(), f"Tab is trapped in {accessible_name(w)} ({name})"
        if isinstance(dialog, QDialog):
            dialog.done(0)
    assert len(boxes) >= 4


def test_escape_closes_every_dialog(qtbot: QtBot, unlocked: Any) -> None:
    for name, dialog in dialogs(unlocked):
        qtbot.waitExposed(dialog)
        target = dialog.focusWidget() or dialog
        QTest.keyClick(target, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=2000)
        assert not dialog.isVisible(), name


def test_mnemonics_do_not_clash_on_any_page(qtbot: QtBot, unlocked: Any) -> None:
    from selfcare_app.ui.page_registry import PAGE_KEYS

    win = unlocked
    menus = {a.text()[a.text().index("&") + 1].upper()
             for a in win.menuBar().actions() if "&" in a.text()}
    assert menus >= {"F", "S", "H"}
    total = 0
    for key in PAGE_KEYS:
        win.navigate(key)
        settle(qtbot)
        found = mnemonics(win.pages[key])
        total += len(found)
        letters = [letter for letter, _what, _w in found]
        clashes = {x for x in letters if letters.count(x) > 1} | (set(letters) & menus)
        assert not clashes, f"{key}: {clashes} in {[(x, w) for x, w, _ in found]}"
    assert total >= 12


def test_alt_mnemonic_moves_focus_to_its_field(qtbot: QtBot, unlocked: Any) -> None:
    win = unlocked
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    today = win.pages["today"]
    today.save_button.setFocus()
    QTest.keyClick(today.save_button, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is today.form.mood


# -- text size -------------------------------------------------------------------------------------


def _smallest_point_size(label: QLabel) -> float:
    """The smallest text size a label draws, rich text included."""
    if label.textFormat() == Qt.TextFormat.PlainText or not re.search(r"<\w", label.text()):
        return label.font().pointSizeF()
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setHtml(label.text())
    smallest = label.font().pointSizeF()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.text().strip():
                smallest = min(smallest, fragment.charFormat().font().pointSizeF())
            it += 1
        block = block.next()
    return smallest


@contextmanager
def large_app_font(points: float) -> Iterator[QApplication]:
    """The whole application at `points` (as a desktop with large text), restored after."""
    from selfcare_app.ui.theme import apply_app_font

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QFont(app.font())
    try:
        apply_app_font(app, points)
        yield app
    finally:
        app.setFont(original)


def test_text_follows_a_large_application_font(qtbot: QtBot, window: Any) -> None:
    from selfcare_app.ui.page_registry import PAGE_KEYS

    with large_app_font(16.0):
        create_and_unlock(qtbot, window)
        seed(window)
        sizes: list[tuple[float, str]] = []
        headings: list[float] = []
        for key in PAGE_KEYS:
            window.navigate(key)
            settle(qtbot)
            for label in window.pages[key].findChildren(QLabel):
                if label.isVisible() and label.text().strip() and label.pixmap().isNull():
                    size = _smallest_point_size(label)
                    sizes.append((size, f"{key}: {label.text()[:50]!r}"))
                    if "<h2>" in label.text():
                        headings.append(size)
        small = [where for size, where in sizes if size < 16.0 - 0.01]
        assert len(sizes) > 30
        assert not small, f"Text below the application's 16 pt: {small}"
        assert len(headings) >= 5
        heading_labels = [lab for p in window.pages.values() for lab in p.findChildren(QLabel)
                          if "<h2>" in lab.text()]
        doc = QTextDocument()
        doc.setDefaultFont(heading_labels[0].font())
        doc.setHtml(heading_labels[0].text())
        assert doc.begin().charFormat().font().pointSizeF() > 16.0
        learn = window.pages["learn"]
        assert learn.reader.font().pointSizeF() >= 16.0


def test_no_fixed_point_sizes_in_style_sheets() -> None:
    """Sizes in style sheets would ignore the desktop's text size; scale the font instead."""
    files = [*SRC.joinpath("ui", "pages").glob("*.py"), *SRC.joinpath("ui", "widgets").glob("*.py"),
             *SRC.joinpath("ui", "dialogs").glob("*.py"),
             *(SRC / "ui" / n for n in ("findings_dialogs.py", "vault_care.py", "help_dialog.py",
                                        "shortcuts_dialog.py", "theme.py", "accessibility.py"))]
    offenders = [f"{f.name}: {m.group(0)}" for f in files
                 for m in re.finditer(r"font-size:\s*[\d.]+\s*(pt|px)", f.read_text())]
    assert not offenders, offenders


def test_buttons_with_only_a_symbol_are_named(qtbot: QtBot, unlocked: Any) -> None:
    symbols = [b for p in unlocked.pages.values() for b in p.findChildren(QAbstractButton)
               if b.text() and not is_meaningful(b.text())]
    assert symbols  # ◀ ▶ and the like exist …
    assert all(is_meaningful(b.accessibleName()) for b in symbols)  # … and all say what they do


def test_item_views_have_names(qtbot: QtBot, unlocked: Any) -> None:
    views = [v for p in unlocked.pages.values() for v in p.findChildren(QAbstractItemView)
             if type(v).__name__ != "QHeaderView" and v.parentWidget() is not None
             and type(v.parentWidget()).__name__ != "QComboBox"]
    unnamed = [type(v).__name__ for v in views if not v.accessibleName()
               and v.window() is unlocked and v.isVisibleTo(v.window())]
    assert not unnamed


def test_lock_and_unlock_keep_names(qtbot: QtBot, unlocked: Any) -> None:
    unlocked.lock()
    unlock(qtbot, unlocked)
    problems: list[str] = []
    collect(unlocked, "after unlocking again", problems)
    assert not problems, problems


# -- the shortcuts dialog ------------------------------------------------------------------------


def _listed(rows: list[tuple[str, str, str]], keys: str) -> list[tuple[str, str, str]]:
    return [r for r in rows if keys in [k.strip() for k in r[0].split(" or ")]]


def test_shortcuts_dialog_lists_every_action_shortcut(qtbot: QtBot, unlocked: Any) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    from selfcare_app.ui.shortcuts_dialog import ShortcutsDialog

    win = unlocked
    win.navigate("today")
    dialog = ShortcutsDialog(win)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert dialog.table.rowCount() == len(rows) > 20
    actions = [a for a in win.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(actions) >= 9  # Lock, Get help now, Keyboard shortcuts, Ctrl+1…6, …
    for action in actions:
        for seq in action.shortcuts():
            keys = seq.toString(QKeySequence.SequenceFormat.NativeText)
            found = _listed(rows, keys)
            assert found, f"{action.text()!r} ({keys}) is missing from the shortcuts dialog"
            assert all(what and what != "(no description)" for _k, what, _w in found)
    # Menu mnemonics: each menu and item with an underlined letter.
    for top in win.menuBar().actions():
        title = top.text()
        letter = title[title.index("&") + 1].upper()
        assert _listed(rows, f"Alt+{letter}"), title
    assert any(r[0].endswith("Alt+F, L") and r[1] == "Lock" for r in rows)


def test_page_shortcuts_are_declared_and_listed(qtbot: QtBot, unlocked: Any) -> None:
    from PySide6.QtGui import QKeySequence, QShortcut

    from selfcare_app.ui.shortcuts_dialog import ShortcutsDialog, native

    win = unlocked
    checked = 0
    for key, page in win.pages.items():
        win.navigate(key)
        settle(qtbot)
        declared = {QKeySequence(k).toString(): what for k, what in type(page).shortcuts}
        rows = ShortcutsDialog(win).rows()
        for sc in page.findChildren(QShortcut):
            portable = sc.key().toString()
            assert portable in declared, f"{key}: {portable} is not in {type(page).__name__}" \
                                         ".shortcuts"
            assert (native(sc.key()), declared[portable], f"{page.title} page") in rows
            checked += 1
        # Underlined letters on this page are listed too.
        for letter, what, _w in mnemonics(page):
            assert (f"Alt+{letter}", what, f"{page.title} page") in rows, (key, letter, what)
    assert checked >= 7  # Ctrl+S, Alt+←/→, Ctrl+F (×3), Ctrl+Z, Del, Ctrl+N


def test_shortcuts_dialog_while_locked_still_lists_page_keys(qtbot: QtBot,
                                                             window: Any) -> None:
    from selfcare_app.ui.shortcuts_dialog import ShortcutsDialog

    rows = ShortcutsDialog(window).rows()
    assert ("Ctrl+S", "Save the check-in", "Today page") in rows
    assert _listed(rows, "F1")  # Get help now works on the lock screen
    assert any(r[2] == "Everywhere" and r[0] == "Escape" for r in rows)


def test_page_add_shortcut_refuses_an_undeclared_key(qtbot: QtBot, unlocked: Any) -> None:
    page = unlocked.pages["today"]
    with pytest.raises(KeyError):
        page.add_shortcut("Ctrl+K", lambda: None)


def test_menu_items_have_distinct_mnemonics(qtbot: QtBot, unlocked: Any) -> None:
    """Alt+S, P can't mean both Preferences and Change passphrase (main_window.py)."""
    from selfcare_app.ui.accessibility import mnemonic

    for top in unlocked.menuBar().actions():
        letters = [mnemonic(a.text()) for a in top.menu().actions() if a.text()]
        clashes = {x for x in letters if x and letters.count(x) > 1}
        assert not clashes, f"{top.text()}: {clashes}"


def test_sidebar_follows_the_application_font(qtbot: QtBot, window: Any) -> None:
    """With large text (16 pt) the sidebar is not smaller (main_window.py)."""
    with large_app_font(16.0):
        create_and_unlock(qtbot, window)
        assert window.sidebar.font().pointSizeF() >= 16.0
        assert "font-size" not in window.sidebar.styleSheet()


def test_each_page_names_where_keyboard_focus_starts(qtbot: QtBot, unlocked: Any) -> None:
    """Page.focus_first (for the window's Ctrl+1…6) lands on a visible, named control."""
    win = unlocked
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    for key, page in win.pages.items():
        win.navigate(key)
        page.focus_first()
        QApplication.processEvents()
        focus = QApplication.focusWidget()
        assert focus is page.first_focus() and page.isAncestorOf(focus), key
        assert is_meaningful(accessible_name(focus)), key


def test_the_app_installs_the_focus_ring_and_reminder_after_the_first_paint(
        qtbot: QtBot, window: object) -> None:
    from PySide6.QtWidgets import QApplication

    from selfcare_app.ui.accessibility import FocusRingManager, remove_focus_ring

    app = QApplication.instance()
    remove_focus_ring(app)  # type: ignore[arg-type]
    from selfcare_app.app import create_window

    again = create_window(window.paths)  # type: ignore[attr-defined]
    qtbot.addWidget(again)  # type: ignore[arg-type]
    again.show()  # type: ignore[attr-defined]
    assert again._reminders is None  # type: ignore[attr-defined]  # not on the start-up path
    qtbot.waitUntil(lambda: app.findChild(FocusRingManager, "focusRingManager") is not None)
    qtbot.waitUntil(lambda: again._reminders is not None)  # type: ignore[attr-defined]
    again.close()  # type: ignore[attr-defined]


def test_with_large_desktop_text_today_scrolls_instead_of_squeezing_text(
        qtbot: QtBot, window: object) -> None:
    with large_app_font(14.0):
        create_and_unlock(qtbot, window)  # pages are built with the large font
        window.resize(1280, 800)  # type: ignore[attr-defined]
        today = window.pages["today"]  # type: ignore[attr-defined]
        window.session.run(lambda v: v.safety_events.add(  # type: ignore[attr-defined]
            datetime(2026, 11, 25, 9, 0), "not-safe"))
        window.session.notify("findings")  # type: ignore[attr-defined]
        settle(qtbot, rounds=3)  # refresh, the crisis card it queues, then their layouts
        squeezed = [label.text()[:40] for label in today.side.findChildren(QLabel)
                    if label.isVisible() and label.wordWrap() and label.width() > 0
                    and label.height() + 1 < label.heightForWidth(label.width())]
        assert not squeezed, squeezed
