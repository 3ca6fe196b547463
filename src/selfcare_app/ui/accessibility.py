"""Accessibility helpers: a visible focus ring, accessible names as assistive technology gets
them, and the keyboard mnemonics a window registers.

The focus ring is one small transparent widget per window, drawn as a 2 px frame in the
palette's Highlight colour just outside the focused control (1 px clear of it), so it shows on
any style, on coloured buttons and in the light, dark and high-contrast palettes. It follows
keyboard focus only ("focus-visible"): a mouse click that moves focus hides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

RING_WIDTH = 2
RING_GAP = 1
RING_NAME = "focusRing"

# -- focus ring ---------------------------------------------------------------------------------


class FocusRing(QWidget):
    """Draws the ring around `target`; a child of the target's window, above everything."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(RING_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("")
        self.target: QWidget | None = None
        self.hide()

    def place(self, target: QWidget) -> bool:
        """Put the ring around the part of `target` that is not clipped away; False if none."""
        window = self.parentWidget()
        if window is None or not target.isVisible():
            return False
        origin = target.mapTo(window, QPoint(0, 0))
        rect = QRect(origin, target.size())
        parent = target.parentWidget()
        while parent is not None and parent is not window:
            rect &= QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
            parent = parent.parentWidget()
        if rect.isEmpty():
            return False
        m = RING_WIDTH + RING_GAP
        self.setGeometry(rect.adjusted(-m, -m, m, m) & window.rect())
        self.target = target
        self.raise_()
        self.show()
        self.update()
        return True

    def color(self) -> QColor:
        source = self.target if self.target is not None and isValid(self.target) else self
        return source.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(self.color())
        pen.setWidth(RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()


class FocusRingManager(QObject):
    """Moves a window's ring to whichever control gets keyboard focus."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusRingManager")
        self.rings: dict[int, FocusRing] = {}
        self.target: QWidget | None = None
        self.watched: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.follow)
        app.focusChanged.connect(self._on_focus_changed)

    def ring_for(self, window: QWidget) -> FocusRing:
        key = id(window)
        ring = self.rings.get(key)
        if ring is None or not isValid(ring) or ring.parentWidget() is not window:
            ring = FocusRing(window)
            self.rings[key] = ring
            window.destroyed.connect(lambda _o=None: self.rings.pop(key, None))
        return ring

    def _hide_all(self) -> None:
        for ring in list(self.rings.values()):
            if isValid(ring):
                ring.hide()

    def _unwatch(self) -> None:
        for widget in self.watched:
            if isValid(widget):
                widget.removeEventFilter(self)
        self.watched = []

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._unwatch()
        self._hide_all()
        self.target = None
        if new is None or not shows_ring(new):
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return  # focus by a click: the pointer already shows where it is
        self.target = new
        widget: QWidget | None = new
        while widget is not None and not widget.isWindow():
            widget.installEventFilter(self)
            self.watched.append(widget)
            widget = widget.parentWidget()
        self.follow()

    def follow(self) -> None:
        target = self.target
        if target is None or not isValid(target):
            self._hide_all()
            return
        ring = self.ring_for(target.window())
        if not ring.place(target):
            ring.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                            QEvent.Type.Hide, QEvent.Type.ZOrderChange):
            self._timer.start()
        return False


def shows_ring(widget: QWidget) -> bool:
    """Controls get a ring; windows, menus and popups draw their own focus."""
    if widget.isWindow() or isinstance(widget, (QMenu, QMenuBar)):
        return False
    return widget.window().windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)


def install_focus_ring(app: QApplication) -> FocusRingManager:
    """Once per application (later calls return the same manager)."""
    existing = app.findChild(FocusRingManager, "focusRingManager")
    if isinstance(existing, FocusRingManager):
        return existing
    return FocusRingManager(app)


def remove_focus_ring(app: QApplication) -> None:
    """Undo `install_focus_ring` (tests)."""
    manager = app.findChild(FocusRingManager, "focusRingManager")
    if isinstance(manager, FocusRingManager):
        app.focusChanged.disconnect(manager._on_focus_changed)
        manager._unwatch()
        for ring in manager.rings.values():
            if isValid(ring):
                ring.hide()
                ring.deleteLater()
        manager.rings.clear()
        manager.setParent(None)
        manager.deleteLater()


def activate_on_show(dialog: QWidget) -> None:
    """Give `dialog` keyboard focus when it shows, and its parent window back when it hides
    (window managers mostly do this; some, and Qt's offscreen platform, don't)."""
    dialog.installEventFilter(_ACTIVATOR)


class _Activator(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget):
            if event.type() == QEvent.Type.Show:
                watched.activateWindow()
            elif event.type() == QEvent.Type.Hide:
                parent = watched.parentWidget()
                if parent is not None and parent.window().isVisible():
                    parent.window().activateWindow()
        return False


_ACTIVATOR = _Activator()


# -- names ------------------------------------------------------------------------------------

_TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Label text as a screen reader says it: no markup, no mnemonic ampersands."""
    text = _TAGS.sub(" ", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def buddy_label(widget: QWidget) -> QLabel | None:
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget:
            return label
    return None


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces: the accessible name, else a button's own text,
    else the text of the label whose buddy it is."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if isinstance(widget, QAbstractButton) and plain(widget.text()):
        return plain(widget.text())
    if isinstance(widget, QGroupBox) and plain(widget.title()):
        return plain(widget.title())
    label = buddy_label(widget)
    return plain(label.text()) if label is not None else ""


def is_meaningful(name: str) -> bool:
    """A name with at least one letter or digit (a lone "▶" or "⋯" says nothing)."""
    return any(ch.isalnum() for ch in name)


# Classes that are internal parts of another control (a spin box's line edit, a table's
# header, a scroll bar): the outer control carries the name.
_PART_OF = (QAbstractSpinBox, QComboBox, QLineEdit, QTabBar)


def is_canvas(widget: QWidget) -> bool:
    return any(cls.__name__.startswith("FigureCanvas") for cls in type(widget).__mro__)


def is_interactive(widget: QWidget) -> bool:
    if isinstance(widget, (QScrollBar, QHeaderView, QMenu, QMenuBar)):
        return False
    if widget.objectName() == RING_NAME:
        return False
    parent = widget.parentWidget()
    # A scroll area's direct children are frame parts (corner button, scroll bar holders);
    # its content lives in the viewport.
    if parent is not None and isinstance(parent, (*_PART_OF, QAbstractScrollArea)):
        return False
    interactive = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox,
                   QComboBox, QAbstractSlider, QAbstractItemView, QTabBar)
    return isinstance(widget, interactive) or is_canvas(widget)


@dataclass(frozen=True)
class Unnamed:
    cls: str
    object_name: str
    text: str
    where: str

    def __str__(self) -> str:
        return (f"{self.cls} objectName={self.object_name!r} text={self.text!r} "
                f"in {self.where}")


def where(widget: QWidget) -> str:
    """The page (object name 'page-…') or window a widget belongs to, for messages."""
    w: QWidget | None = widget
    while w is not None:
        if w.objectName().startswith("page-"):
            return w.objectName()
        if w.isWindow():
            return f"{type(w).__name__} {w.windowTitle()!r}"
        w = w.parentWidget()
    return "?"


def visible_interactive(root: QWidget) -> list[QWidget]:
    found = [w for w in root.findChildren(QWidget) if w.isVisible() and is_interactive(w)]
    if root.isVisible() and is_interactive(root):
        found.insert(0, root)
    return found


def unnamed_widgets(root: QWidget) -> list[Unnamed]:
    """Every visible interactive widget under `root` without a meaningful accessible name."""
    out = []
    for w in visible_interactive(root):
        if not is_meaningful(accessible_name(w)):
            text = w.text() if isinstance(w, (QAbstractButton, QLineEdit)) else ""
            out.append(Unnamed(type(w).__name__, w.objectName(), text, where(w)))
    return out


# -- mnemonics ---------------------------------------------------------------------------------

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str:
    """The mnemonic letter of "Sa&ve" ('V'), or ''."""
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).upper() if match else ""


def mnemonics(root: QWidget) -> list[tuple[str, str, QWidget]]:
    """(letter, what it does, widget) for visible buttons and buddied labels under `root`."""
    out: list[tuple[str, str, QWidget]] = []
    for w in root.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QAbstractButton):
            letter = mnemonic(w.text())
            if letter:
                out.append((letter, f"Press “{plain(w.text())}”", w))
        elif isinstance(w, QLabel) and w.buddy() is not None:
            letter = mnemonic(w.text())
            if letter:
                out.append((letter, f"Go to “{plain(w.text())}”", w))
        elif isinstance(w, QGroupBox) and w.isCheckable():
            letter = mnemonic(w.title())
            if letter:
                out.append((letter, f"Toggle “{plain(w.title())}”", w))
    return out
