"""List rows that wrap long text to the list's real width instead of eliding it.

QListView sizes rows before it knows its width and then elides long text (also with an item
style sheet), leaving "What study-related burnout is (and …". This sizes each row from the
viewport's width whenever the list is resized or its rows change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QListView, QListWidget
from shiboken6 import isValid

PADDING = 8  # vertical room around the text, like the styles' own item margins


class WrapRows(QObject):
    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.viewport().installEventFilter(self)
        model = view.model()
        model.rowsInserted.connect(self._later)
        model.modelReset.connect(self._later)
        model.dataChanged.connect(self._later)
        self._pending = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only resizes matter; the viewport also sends events while the list is destroyed.
        if event.type() == QEvent.Type.Resize and isValid(self.view):
            self.fit()
        return False

    def _later(self, *_args: object) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.fit)

    def fit(self) -> None:
        self._pending = False
        view = self.view
        if not isValid(view):
            return
        width = view.viewport().width() - 2 * view.spacing() - PADDING
        if width <= 40:
            return
        metrics = view.fontMetrics()
        for row in range(view.count()):
            item = view.item(row)
            height = metrics.boundingRect(QRect(0, 0, width, 10_000),
                                          int(Qt.TextFlag.TextWordWrap), item.text()).height()
            hint = QSize(width, height + PADDING)
            if item.sizeHint() != hint:
                item.setSizeHint(hint)
