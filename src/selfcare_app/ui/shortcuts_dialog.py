"""Help → Keyboard shortcuts: every shortcut and menu mnemonic the window actually has.

The list is read from the window itself (its menus' QActions, other actions with shortcuts, the
QShortcuts and button shortcuts of the live pages, underlined letters of buttons and fields), and
for pages that don't exist yet (while locked) from each page class's declared `shortcuts`, which a
test keeps in step with what the pages register. So the dialog can't drift from the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfcare_app.i18n import N_, _
from selfcare_app.ui.accessibility import activate_on_show, mnemonic, mnemonics, plain
from selfcare_app.ui.pages.base import Page

EVERYWHERE = N_("Everywhere")
GENERAL: tuple[tuple[str, str], ...] = (
    (N_("Tab / Shift+Tab"), N_("Move to the next / previous control")),
    (N_("Space"), N_("Press the focused button, tick a box or choose an answer")),
    (N_("Enter"), N_("Open the selected item; in a dialog, its default button")),
    (N_("Arrow keys"), N_("Move within a list, table, group of answers or menu")),
    (N_("Ctrl+Tab"), N_("Switch between the tabs of a tabbed view")),
    (N_("Alt+underlined letter"), N_("Press that button or go to that field")),
    (N_("Escape"), N_("Close a dialog or menu without changing anything")),
)


@dataclass(frozen=True)
class Shortcut:
    keys: str
    action: str
    where: str


def native(keys: str | QKeySequence) -> str:
    seq = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    text = seq.toString(QKeySequence.SequenceFormat.NativeText)
    return text or str(keys)


def _page_of(widget: QWidget | None) -> Page | None:
    while widget is not None:
        if isinstance(widget, Page):
            return widget
        widget = widget.parentWidget()
    return None


def _where(widget: QWidget | None, default: str) -> str:
    page = _page_of(widget)
    return _("{page} page").format(page=page.display_title()) if page is not None else default


def _action_name(action: QAction, window: QWidget) -> str:
    """An action's words; a nameless page shortcut takes the sidebar entry that shows it."""
    name = plain(action.text()) or plain(action.toolTip())
    if name:
        return name.rstrip("…")
    keys = native(action.shortcut())
    for view in window.findChildren(QListWidget):
        for row in range(view.count()):
            item = view.item(row)
            if item.toolTip().endswith(f"({keys})") or item.toolTip().endswith(
                    f"({action.shortcut().toString()})"):
                return _("Go to {page}").format(page=item.text())
    return _("(no description)")


def menu_shortcuts(window: QMainWindow) -> tuple[list[Shortcut], set[int]]:
    out: list[Shortcut] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        title = plain(top.text())
        letter = mnemonic(top.text())
        if letter:
            out.append(Shortcut(_("Alt+{letter}").format(letter=letter),
                                _("Open the {menu} menu").format(menu=title), _("Menu bar")))
        for action in menu.actions():
            if action.isSeparator() or not action.text():
                continue
            seen.add(id(action))
            keys = [native(s) for s in action.shortcuts()]
            item_letter = mnemonic(action.text())
            if letter and item_letter:
                keys.append(_("Alt+{letter}, {item_letter}").format(letter=letter,
                                                                   item_letter=item_letter))
            what = plain(action.text()).rstrip("…")
            if not action.isEnabled():
                what = _("{action} (after unlocking)").format(action=what)
            # Translators: between two key combinations, "Ctrl+Q or Ctrl+W".
            out.append(Shortcut(_(" or ").join(keys) or "—", what,
                                _("{menu} menu").format(menu=title)))
    return out, seen


def window_shortcuts(window: QWidget) -> list[Shortcut]:
    """Every shortcut `window` has right now, plus the pages' declared ones."""
    out: list[Shortcut] = []
    seen: set[int] = set()
    if isinstance(window, QMainWindow):
        out, seen = menu_shortcuts(window)
    for action in window.findChildren(QAction):
        if id(action) in seen or action.shortcut().isEmpty():
            continue
        seen.add(id(action))
        holder = action.parent()
        out.append(Shortcut(_(" or ").join(native(s) for s in action.shortcuts()),
                            _action_name(action, window),
                            _where(holder if isinstance(holder, QWidget) else None,
                                   _("Main window"))))
    for sc in window.findChildren(QShortcut):
        holder = sc.parent()
        if _page_of(holder if isinstance(holder, QWidget) else None) is not None:
            continue  # listed from the page's declaration below (same keys, by test)
        out.append(Shortcut(native(sc.key()), sc.whatsThis() or _("(no description)"),
                            _where(holder if isinstance(holder, QWidget) else None,
                                   _("Lock screen"))))
    out.extend(page_shortcuts())
    out.extend(mnemonic_shortcuts(window))
    out.extend(Shortcut(_(keys), _(what), _(EVERYWHERE)) for keys, what in GENERAL)
    return out


def page_classes() -> list[type[Page]]:
    from selfcare_app.ui.page_registry import PAGES

    return [spec.load() for spec in PAGES]


def page_shortcuts() -> list[Shortcut]:
    out = []
    for cls in page_classes():
        for keys, what in cls.shortcuts:
            out.append(Shortcut(native(keys), _(what),
                                _("{page} page").format(page=cls.display_title())))
    return out


def mnemonic_shortcuts(window: QWidget) -> list[Shortcut]:
    """Underlined letters on the page or screen showing now."""
    out = []
    for letter, what, widget in mnemonics(window):
        if isinstance(widget, (QLabel, QAbstractButton)):
            out.append(Shortcut(_("Alt+{letter}").format(letter=letter), what,
                                _where(widget, _("This screen"))))
    return out


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setObjectName("shortcutsDialog")
        activate_on_show(self)
        self.resize(720, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Everything in Selfcare works from the keyboard. These are the keys this "
                       "window has now; underlined letters apply to the screen that is showing."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        window = parent.window() if parent is not None else self
        self.shortcuts = window_shortcuts(window)
        self.table = QTableWidget(len(self.shortcuts), 3)
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What it does"), _("Where")])
        self.table.setAccessibleName(_("Keyboard shortcuts: keys, what they do, where"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        for row, s in enumerate(self.shortcuts):
            for col, text in enumerate((s.keys, s.action, s.where)):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setData(Qt.ItemDataRole.AccessibleTextRole,
                                 _("{keys}: {action}").format(keys=text, action=s.action))
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.setFocus()
        if self.shortcuts:
            self.table.selectRow(0)

    def rows(self) -> list[tuple[str, str, str]]:
        return [(s.keys, s.action, s.where) for s in self.shortcuts]
