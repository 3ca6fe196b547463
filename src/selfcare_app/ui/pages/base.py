"""What every page gets from the main window, and what it must do when shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from selfcare_app.i18n import _
from selfcare_app.ui.session import VaultSession


class PageHost(Protocol):
    """The main window, as pages see it."""

    session: VaultSession

    def navigate(self, key: str, arg: Any = None) -> None: ...

    def open_help(self, crisis: bool = False, source: str = "") -> object: ...

    def show_status(self, message: str, ms: int = 4000) -> None: ...


class Page(QWidget):
    """A sidebar page. Pages hold data only while unlocked: the window destroys them on lock."""

    key: ClassVar[str] = ""
    title: ClassVar[str] = ""  # marked with N_(); `display_title()` translates it
    # Page-local keys as (key sequence, what it does), shown in Help → Keyboard shortcuts even
    # while the page doesn't exist (locked). Register them with `add_shortcut`; a test checks
    # every shortcut a live page has is declared here.
    shortcuts: ClassVar[tuple[tuple[str, str], ...]] = ()

    def __init__(self, host: PageHost) -> None:
        super().__init__()
        self.host = host
        self.setObjectName(f"page-{self.key}")
        self.setAccessibleName(self.display_title())

    @classmethod
    def display_title(cls) -> str:
        """The page's title in the reader's language (sidebar, headings, shortcuts)."""
        return _(cls.title) if cls.title else ""

    def add_shortcut(self, keys: str, slot: Callable[[], Any],
                     parent: QWidget | None = None) -> QShortcut:
        """A page-local shortcut declared in `shortcuts` (its description is its What's This)."""
        described = dict(self.shortcuts)
        if keys not in described:
            raise KeyError(f"{type(self).__name__}.shortcuts does not declare {keys}")
        sc = QShortcut(QKeySequence(keys), parent or self)
        sc.setWhatsThis(_(described[keys]))
        sc.activated.connect(slot)
        return sc

    def first_focus(self) -> QWidget | None:
        """The control a keyboard user starts from on this page (Ctrl+1…6 put focus here)."""
        return None

    def focus_first(self) -> None:
        widget = self.first_focus()
        if widget is not None and widget.isVisible() and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def activate(self) -> None:
        """Called each time the page is shown; refresh from the vault here."""

    def navigate_to(self, arg: Any) -> None:
        """Called when another page links here with an argument (a day, a category, …)."""
