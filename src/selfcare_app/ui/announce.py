"""Tell assistive technology about a change the screen shows (an error, "Saved", a new day).

Shared by every page so errors and status changes are announced the same way: Qt's
announcement event (Qt 6.8+, AT-SPI "announcement" / UIA notification) where the platform
bridge supports it; the widget's accessible description is updated either way, so a screen
reader that reads descriptions on focus still hears it.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Announce `text` on behalf of `widget`; `assertive` interrupts (errors), polite waits."""
    if not text.strip():
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    politeness = (
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    event.setPoliteness(politeness)
    QAccessible.updateAccessibility(event)
