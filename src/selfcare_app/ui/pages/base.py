"""What every page gets from the main window, and what it must do when shown."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from PySide6.QtWidgets import QWidget

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
    title: ClassVar[str] = ""

    def __init__(self, host: PageHost) -> None:
        super().__init__()
        self.host = host
        self.setObjectName(f"page-{self.key}")
        self.setAccessibleName(self.title)

    def activate(self) -> None:
        """Called each time the page is shown; refresh from the vault here."""

    def navigate_to(self, arg: Any) -> None:
        """Called when another page links here with an argument (a day, a category, …)."""
