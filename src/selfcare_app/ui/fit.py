"""Windows and dialogs that fit the screen they open on.

A dialog taller or wider than the screen's available area gets its content in a scroll area
(its bottom button row stays outside, always reachable), is sized to the area and placed inside
it. `ScreenFitter` does this for every dialog the app shows, so a dialog written or reworked by
anyone is covered; `fit_to_screen(dialog)` is the same, called directly.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLayout,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

FITTED = "fittedToScreen"  # dynamic property: set once a dialog's content is in a scroll area
MARGIN = 8  # px kept free around a fitted window (title bars sit outside the frame rect)
# Frame decorations not counted in a widget's geometry (title bar, borders), in px.
DECORATION = QSize(16, 40)


def available_area(widget: QWidget | None = None) -> QRect:
    """The usable area (panels and docks excluded) of the screen `widget` is on, or the
    primary screen's. Tests replace this to stand for a small screen."""
    screen = None
    if widget is not None:
        screen = widget.screen()
        parent = widget.parentWidget()
        if parent is not None and parent.isVisible():
            screen = parent.screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(0, 0, 1024, 640)
    return screen.availableGeometry()


def usable_size(area: QRect) -> QSize:
    """The largest window content that fits `area` with its frame and a small margin."""
    return QSize(max(200, area.width() - DECORATION.width() - 2 * MARGIN),
                 max(200, area.height() - DECORATION.height() - 2 * MARGIN))


def place_inside(widget: QWidget, area: QRect, size: QSize,
                 centre_on: QWidget | None = None) -> None:
    """Resize `widget` to `size` (clamped to `area`) and move it fully inside `area`, centred
    on `centre_on` when given."""
    room = usable_size(area)
    size = size.boundedTo(room)
    widget.resize(size)
    if centre_on is not None and centre_on.isVisible():
        centre = centre_on.mapToGlobal(QPoint(centre_on.width() // 2, centre_on.height() // 2))
    else:
        centre = area.center()
    x = centre.x() - size.width() // 2
    y = centre.y() - size.height() // 2
    x = min(max(x, area.left() + MARGIN), area.right() - MARGIN - size.width())
    y = min(max(y, area.top() + MARGIN + DECORATION.height() - 8),
            area.bottom() - MARGIN - size.height())
    widget.move(max(area.left(), x), max(area.top(), y))


def _holds_buttons(layout: QLayout) -> bool:
    items = (layout.itemAt(i) for i in range(layout.count()))
    return any(item is not None and isinstance(item.widget(), QAbstractButton)
               for item in items)


def _wrap_in_scroll_area(dialog: QDialog) -> bool:
    """Move the dialog's layout into a scroll area, keeping a trailing button box outside."""
    layout = dialog.layout()
    if layout is None or dialog.property(FITTED):
        return False
    buttons: QWidget | None = None
    button_row: QLayout | None = None
    last = layout.itemAt(layout.count() - 1) if layout.count() else None
    if last is not None and isinstance(last.widget(), QDialogButtonBox):
        layout.takeAt(layout.count() - 1)
        buttons = last.widget()
    elif last is not None and (row_layout := last.layout()) is not None \
            and _holds_buttons(row_layout):
        layout.takeAt(layout.count() - 1)  # a row of buttons (Save, Close) stays in view
        button_row = row_layout
        button_row.setParent(None)
    margins = layout.contentsMargins()
    content = QWidget()
    content.setObjectName("fittedContent")
    content.setLayout(layout)  # takes the layout (and its widgets) from the dialog
    scroll = QScrollArea()
    scroll.setObjectName("fittedScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, margins.bottom())
    outer.addWidget(scroll, 1)
    if buttons is not None or button_row is not None:
        row = QVBoxLayout()
        row.setContentsMargins(margins.left(), 0, margins.right(), 0)
        if buttons is not None:
            row.addWidget(buttons)
        if button_row is not None:
            row.addLayout(button_row)
        outer.addLayout(row)
    dialog.setProperty(FITTED, True)
    return True


def fit_to_screen(dialog: QWidget, area: QRect | None = None) -> None:
    """Make `dialog` fit `area` (its screen's available area): scroll inside when its content
    needs more room, never larger than the area, and fully on screen."""
    area = area if area is not None else available_area(dialog)
    room = usable_size(area)
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    needed = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    too_big = needed.width() > room.width() or needed.height() > room.height()
    if too_big and isinstance(dialog, QDialog) and not isinstance(dialog, QMessageBox):
        if layout is not None and layout.sizeConstraint() == QLayout.SizeConstraint.SetFixedSize:
            layout.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)
        _wrap_in_scroll_area(dialog)
    dialog.setMinimumSize(dialog.minimumSize().boundedTo(room))
    dialog.setMaximumSize(dialog.maximumSize().expandedTo(QSize(200, 200)))
    wanted = dialog.size() if dialog.isVisible() else dialog.size().expandedTo(
        dialog.sizeHint())
    parent = dialog.parentWidget()
    place_inside(dialog, area, wanted.boundedTo(room),
                 parent.window() if parent is not None else None)


class ScreenFitter(QObject):
    """Application-wide: every dialog is fitted to its screen as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) \
                and watched.isWindow():
            fit_to_screen(watched)
        return False


def install_screen_fitter(app: QApplication) -> ScreenFitter:
    existing = app.findChild(ScreenFitter, "screenFitter")
    if isinstance(existing, ScreenFitter):
        return existing
    fitter = ScreenFitter(app)
    fitter.setObjectName("screenFitter")
    app.installEventFilter(fitter)
    return fitter
