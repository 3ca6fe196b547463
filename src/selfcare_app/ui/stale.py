"""Refresh when stale and visible: one helper for every page and card that shows vault data.

A view listens to `VaultSession.changed(topic)`. When a topic it shows changes, a visible view
refreshes at once; a hidden one is only marked stale and refreshes when it is next shown (or
when its page is activated), so hidden pages don't query the vault for nothing. A view that
says "today" is also stale once the date has changed (`daily=True`).

    self.freshness = StaleRefresh(self, session.changed, ("entries",), self.reload)

`refresh` returns False when it could not load (the vault is locked, say): the view stays
stale and tries again next time. The helper is a child of the view, so its connection to the
session ends with the view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtWidgets import QWidget

from selfcare_app.clock import today


class StaleRefresh(QObject):
    def __init__(self, view: QWidget, changed: SignalInstance, topics: Iterable[str],
                 refresh: Callable[[], bool | None], *, daily: bool = False,
                 paused: Callable[[], bool] | None = None, on_show: bool = True) -> None:
        """`paused()` true: changes are ignored (the view is changing the data itself, or a
        form is half filled). `on_show`: refresh a stale view as soon as Qt shows it."""
        super().__init__(view)
        self.setObjectName("staleRefresh")
        self.view = view
        self.topics = frozenset(topics)
        self.daily = daily
        self.stale = True
        self.fresh_for: date | None = None
        self._refresh = refresh
        self._paused = paused
        changed.connect(self._on_changed)
        if on_show:
            view.installEventFilter(self)

    def mark_stale(self) -> None:
        self.stale = True

    def needs_refresh(self) -> bool:
        return self.stale or (self.daily and self.fresh_for != today())

    def refresh(self) -> bool:
        """Refresh now, whatever the state; True if it loaded."""
        day = today()
        self.stale = False
        if self._refresh() is False:
            self.stale = True
            return False
        self.fresh_for = day
        return True

    def refresh_if_stale(self) -> bool:
        """Refresh if a watched topic changed (or the day did) since the last refresh."""
        return self.refresh() if self.needs_refresh() else False

    def _on_changed(self, topic: str) -> None:
        if topic not in self.topics or (self._paused is not None and self._paused()):
            return
        self.stale = True
        if self.view.isVisible():
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.view and event.type() == QEvent.Type.Show:
            self.refresh_if_stale()
        return False
