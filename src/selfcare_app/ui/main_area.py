"""The unlocked window body: the title row with Get help now and Lock, the sidebar, the pages.

Built at unlock from the page registry (`ui/page_registry.py`) and deleted at lock with every
page in it, so nothing that showed data outlives the vault being open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfcare_app import APP_NAME
from selfcare_app.i18n import _
from selfcare_app.ui.icons import themed_icon
from selfcare_app.ui.page_registry import PAGES, page_spec
from selfcare_app.ui.pages.base import Page, PageHost
from selfcare_app.ui.theme import set_role


class _PageFitter(QObject):
    """Sizes a page to its frame's viewport, but never below the page's minimum: the frame
    then scrolls. (Not `widgetResizable`: with the Trends page that recursed in Qt's layout.)"""

    def __init__(self, frame: QScrollArea, page: Page) -> None:
        super().__init__(frame)
        self.frame, self.page = frame, page
        self._busy = False
        frame.viewport().installEventFilter(self)
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and not self._busy:
            self._busy = True
            try:
                view = self.frame.viewport().size()
                size = view.expandedTo(self.page.minimumSizeHint())
                layout = self.page.layout()
                if layout is not None and layout.hasHeightForWidth():
                    # Wrapped text needs more lines when narrow: at least its minimum for this
                    # width (not the preferred height, which would stretch every chart).
                    size.setHeight(max(size.height(),
                                       layout.totalMinimumHeightForWidth(size.width())))
                if size != self.page.size():
                    self.page.resize(size)
            finally:
                self._busy = False
        return False


def _page_frame(page: Page) -> QScrollArea:
    """A page in a scroll area that only scrolls when the page can't fit (a small screen with
    large text): the window never grows past the screen, so Get help now and Lock stay on it."""
    frame = QScrollArea()
    frame.setObjectName(f"frame-{page.key}")
    frame.setWidgetResizable(False)
    frame.setFrameShape(QScrollArea.Shape.NoFrame)
    frame.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    frame.setWidget(page)
    _PageFitter(frame, page)
    return frame


class MainArea(QWidget):
    """Every page of `PAGES`, in its order, with the sidebar and Ctrl+1…9 to reach them."""

    def __init__(self, host: PageHost, open_help: Callable[[], object],
                 lock: Callable[[], object]) -> None:
        super().__init__()
        self.setObjectName("mainArea")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 12, 0)
        self.page_title = QLabel()
        top.addWidget(QLabel(f"<b>{APP_NAME}</b>"))
        top.addStretch(1)
        self.help_button = QPushButton(_("Get help now"))
        self.help_button.setAccessibleName(_("Get help now: crisis lines and campus support"))
        self.help_button.setToolTip(_("Crisis lines and campus support (F1)"))
        set_role(self.help_button, "help")
        self.help_button.clicked.connect(lambda: open_help())
        self.lock_button = QPushButton(_("Lock"))
        self.lock_button.setToolTip(_("Lock now (Ctrl+L)"))
        self.lock_button.setAccessibleName(_("Lock the app"))
        self.lock_button.clicked.connect(lambda: lock())
        top.addWidget(self.help_button)
        top.addWidget(self.lock_button)
        outer.addLayout(top)

        body = QHBoxLayout()
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(_("Pages"))
        # Sized from the font, so a larger system font gets a wider sidebar.
        sidebar_font = self.sidebar.font()
        sidebar_font.setPointSizeF(sidebar_font.pointSizeF() * 1.05)
        self.sidebar.setFont(sidebar_font)
        self.sidebar.setStyleSheet("QListWidget::item { padding: 8px; }")
        self.page_stack = QStackedWidget()
        body.addWidget(self.sidebar)
        body.addWidget(self.page_stack, 1)
        outer.addLayout(body, 1)

        self.pages: dict[str, Page] = {}
        for number, spec in enumerate(PAGES, start=1):
            key, title = spec.key, _(spec.title)
            page = spec.load()(host)
            self.pages[key] = page
            self.page_stack.addWidget(_page_frame(page))
            item = QListWidgetItem(themed_icon(spec.icon), title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(_("{page} (Ctrl+{number})").format(page=title, number=number))
            self.sidebar.addItem(item)
            if number <= 9:
                shortcut = QAction(_("Go to {page}").format(page=title), self)
                shortcut.setShortcut(QKeySequence(f"Ctrl+{number}"))
                shortcut.triggered.connect(lambda _=False, k=key: self.go_to_page(k))
                self.addAction(shortcut)
        metrics = self.sidebar.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.sidebar.item(row).text())
                      for row in range(self.sidebar.count())), default=0)
        icon = metrics.height() + 4
        self.sidebar.setIconSize(QSize(icon, icon))
        self.sidebar.setFixedWidth(max(170, widest + icon + 4 * metrics.averageCharWidth() + 32))
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)
        from selfcare_app.ui.accessibility import name_clear_buttons, quiet_scroll_areas

        quiet_scroll_areas(self)  # containers aren't Tab stops without a name
        name_clear_buttons(self)

    def refresh_icons(self) -> None:
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            key = str(item.data(Qt.ItemDataRole.UserRole))
            item.setIcon(themed_icon(page_spec(key).icon))

    def go_to_page(self, key: str) -> None:
        """Ctrl+N: show the page and put the keyboard on its first control, directly (no
        stop on another control on the way, which a screen reader would announce)."""
        page = self.pages.get(key)
        first = page.first_focus() if page is not None else None
        if first is not None:
            # While the page is hidden this only makes it the page's focus child, which is
            # where the stacked widget moves focus when it shows the page.
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.navigate(key)
        if page is not None:
            page.focus_first()

    def _on_sidebar_row(self, row: int) -> None:
        item = self.sidebar.item(row)
        if item is not None:
            self.navigate(str(item.data(Qt.ItemDataRole.UserRole)))

    def navigate(self, key: str, arg: Any = None) -> None:
        page = self.pages.get(key)
        if page is None:
            return
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(list(self.pages).index(key))
        self.sidebar.blockSignals(False)
        frame = page.parentWidget()
        while frame is not None and frame.parentWidget() is not self.page_stack:
            frame = frame.parentWidget()
        self.page_stack.setCurrentWidget(frame or page)
        page.activate()
        if arg is not None:
            page.navigate_to(arg)

    def current_page(self) -> Page | None:
        frame = self.page_stack.currentWidget()
        widget = frame.widget() if isinstance(frame, QScrollArea) else frame
        return widget if isinstance(widget, Page) else None
