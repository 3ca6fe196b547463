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
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleInterface,
    QColor,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QAccessibleWidget,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from selfcare_app.i18n import _

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
                out.append((letter, _("Press “{control}”").format(control=plain(w.text())), w))
        elif isinstance(w, QLabel) and w.buddy() is not None:
            letter = mnemonic(w.text())
            if letter:
                out.append((letter, _("Go to “{field}”").format(field=plain(w.text())), w))
        elif isinstance(w, QGroupBox) and w.isCheckable():
            letter = mnemonic(w.title())
            if letter:
                out.append((letter, _("Toggle “{group}”").format(group=plain(w.title())), w))
    return out


# -- what assistive technology gets beyond names ---------------------------------------------

ROLE_PROPERTY = "a11yRole"  # "graphic", "group" or "radio": the role a widget is exposed with


def expose_as(widget: QWidget, role: str) -> None:
    """Expose `widget` with another role ("group", "radio", "graphic") than its class gives.

    Takes effect through the factory `install_roles` puts in place. With a screen reader
    running, Qt made the widget's interface when it was created: that one is dropped so the
    next query makes it anew, with this role."""
    widget.setProperty(ROLE_PROPERTY, role)
    if QAccessible.isActive():
        existing = QAccessible.queryAccessibleInterface(widget)
        if existing is not None and existing.role() != _role_for(widget):
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(existing))


class _RadioLike(QAccessibleWidget):
    """A checkable push button that is one of an exclusive set: a radio button to AT, with
    its checked state and press action kept."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.RadioButton)
        self._button = button

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Name:
            return accessible_name(self._button)
        return super().text(t)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = True
        state.checked = self._button.isChecked()
        return state

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self._button.click()


_ROLES = {"graphic": QAccessible.Role.Graphic, "group": QAccessible.Role.Grouping,
          "radio": QAccessible.Role.RadioButton}


def _role_for(widget: QWidget) -> QAccessible.Role | None:
    return _ROLES.get(str(widget.property(ROLE_PROPERTY)))


def _role_factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget):
        return None
    role = obj.property(ROLE_PROPERTY)
    if role == "radio" and isinstance(obj, QAbstractButton):
        return _RadioLike(obj)
    if role in ("graphic", "group"):
        return QAccessibleWidget(obj, _ROLES[role])
    if is_canvas(obj):  # a chart: an image whose description is its data summary
        return QAccessibleWidget(obj, QAccessible.Role.Graphic)
    return None


_factory_installed = False


def install_roles() -> None:
    """Once per process: charts are images, and `expose_as` roles take effect."""
    global _factory_installed
    if not _factory_installed:
        QAccessible.installFactory(_role_factory)
        _factory_installed = True


def quiet_scroll_areas(root: QWidget) -> None:
    """A plain scroll area is a container, not a control: it takes no focus of its own (Tab
    goes to the controls inside it, which it scrolls into view) unless it has a name."""
    for area in root.findChildren(QScrollArea):
        if type(area) is QScrollArea and not area.accessibleName().strip():
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def name_clear_buttons(root: QWidget) -> None:
    """A search box's clear button (Qt adds it unnamed) is "Clear <the box's name>"."""
    for edit in root.findChildren(QLineEdit):
        if not edit.isClearButtonEnabled():
            continue
        what = accessible_name(edit) or edit.placeholderText() or _("the text")
        for button in edit.findChildren(QAbstractButton):
            button.setAccessibleName(_("Clear {field}").format(field=what[:1].lower() + what[1:]))
            button.setToolTip(button.accessibleName())


def unnamed_focus_stops(root: QWidget) -> list[Unnamed]:
    """Visible widgets that take Tab focus but have no name (scroll areas, frames, pages)."""
    out = []
    for w in root.findChildren(QWidget):
        if not (w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus) or w.isWindow():
            continue
        if is_interactive(w) or w.objectName() == RING_NAME or w.focusProxy() is not None:
            continue
        parent = w.parentWidget()
        if parent is not None and isinstance(parent, (*_PART_OF, QAbstractScrollArea)):
            continue
        if isinstance(w, QLabel) and not (
                w.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard):
            continue
        if not is_meaningful(w.accessibleName()) and not (
                isinstance(w, QLabel) and is_meaningful(plain(w.text()))):
            out.append(Unnamed(type(w).__name__, w.objectName(), "", where(w)))
    return out


def label_text(label: QLabel) -> str:
    """What a label shows, as plain text (rich text rendered the way Qt's accessibility
    layer renders it)."""
    text = label.text()
    if label.textFormat() == Qt.TextFormat.PlainText:
        return " ".join(text.split())
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    if label.textFormat() == Qt.TextFormat.RichText or "<" in text:  # Qt's guess, roughly
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return " ".join(document.toPlainText().split())


def _squash(text: str) -> str:
    return " ".join(text.replace("\u2028", " ").split()).casefold()


def hidden_label_text(root: QWidget) -> list[str]:
    """Visible labels whose text a screen reader can't get: a fixed accessible name (or
    description) that doesn't contain what the label shows."""
    out = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or label.objectName() == RING_NAME:
            continue
        shown = _squash(label_text(label))
        if not shown or not label.accessibleName().strip():
            continue  # no text, or Qt exposes the text itself as the name
        exposed = _squash(f"{label.accessibleName()} {label.accessibleDescription()}")
        if shown not in exposed:
            out.append(f"{label.accessibleName()!r} hides {shown[:60]!r} in {where(label)}")
    return out


def names_disagree(root: QWidget) -> list[str]:
    """Buttons whose accessible name doesn't contain their visible words (speech input:
    "click <what I see>" must match the name)."""
    out = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisible() or not button.accessibleName().strip():
            continue
        shown = _squash(plain(button.text())).rstrip("….").strip()
        if shown and shown not in _squash(button.accessibleName()):
            out.append(f"{plain(button.text())!r} is named {button.accessibleName()!r} "
                       f"in {where(button)}")
    return out


class ContextLabel(QLabel):
    """A label that shows content under a heading the screen doesn't repeat: its name is
    "<context>: <text>", kept in step with the text, so both are heard."""

    def __init__(self, context: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        shown = label_text(self)
        if not shown:
            self.setAccessibleName("")
        elif _squash(shown).startswith(_squash(self.context)):
            self.setAccessibleName(shown)
        else:
            # Translators: a heading the screen doesn't repeat, then the text under it.
            self.setAccessibleName(_("{context}: {text}").format(context=self.context,
                                                                 text=shown))
