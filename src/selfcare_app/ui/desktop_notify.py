"""A desktop notification through the freedesktop notification service, over the local session
bus (D-Bus; no network). Used when there is no tray to carry the reminder. Fails silently: no
bus (Windows, macOS, a bare X session) or no notification service simply means no pop-up, and
the in-window banner still shows."""

from __future__ import annotations

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
EXPIRE_MS = 30_000


def send(app_name: str, title: str, text: str) -> bool:
    """Ask the notification service to show `title`/`text`; True when the call was sent."""
    try:
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusInterface
    except ImportError:  # a Qt build without D-Bus (Windows, macOS)
        return False
    try:
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return False
        # An introspected interface converts the arguments to the method's own signature
        # (susssasa{sv}i), which plain Python ints and lists would not match.
        iface = QDBusInterface(SERVICE, PATH, SERVICE, bus)
        if not iface.isValid():
            return False
        iface.call(QDBus.CallMode.NoBlock, "Notify", app_name, 0, "", title, text, [], {},
                   EXPIRE_MS)
        return True
    except Exception:  # noqa: BLE001 - a notification must never break the app
        return False
