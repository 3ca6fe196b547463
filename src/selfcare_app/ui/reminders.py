"""The daily check-in reminder and the tray icon that carries it while the app runs.

Decisions are in core/reminders.py. The notification says nothing personal: it can appear on a
shared screen. While unlocked the vault is asked directly; while locked, only what the vault said
at the last unlock (held in memory, never written) keeps the reminder quiet.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from selfcare_app import APP_NAME
from selfcare_app.clock import now as clock_now
from selfcare_app.core.reminders import (
    DayFacts,
    ReminderSettings,
    reminder_text,
    reminder_title,
    should_remind,
)
from selfcare_app.data.errors import VaultError
from selfcare_app.i18n import _
from selfcare_app.ui.actions import make_action

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault
    from selfcare_app.ui.desktop_settings import DesktopSettings
    from selfcare_app.ui.session import VaultSession

CHECK_EVERY_MS = 30_000  # cheap; survives suspend and clock changes better than one long timer


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def _read_facts(vault: Vault, day: date) -> DayFacts:
    return DayFacts.read(day, vault.entries.get(day) is not None, vault.quiet_periods.list())


class ReminderHost(Protocol):
    """The main window, as the reminder sees it (no import of main_window: no cycle)."""

    session: VaultSession
    desktop: DesktopSettings

    def navigate(self, key: str, arg: Any = None) -> None: ...
    def open_help(self, crisis: bool = False, source: str = "") -> object: ...
    def quit_app(self) -> None: ...
    def show_reminder_banner(self, text: str) -> None: ...
    def show_status(self, message: str, ms: int = 4000) -> None: ...
    def isActiveWindow(self) -> bool: ...  # noqa: N802 (Qt API)
    def showNormal(self) -> None: ...  # noqa: N802 (Qt API)
    def raise_(self) -> None: ...
    def activateWindow(self) -> None: ...  # noqa: N802 (Qt API)


class ReminderController(QObject):
    def __init__(self, window: ReminderHost, parent: QObject | None = None,
                 clock: Callable[[], datetime] = clock_now) -> None:
        super().__init__(parent)
        self.window = window
        self.clock = clock
        self.facts: DayFacts | None = None
        self.shown_on: date | None = None
        self.tray: QSystemTrayIcon | None = None
        self._has_tray: bool | None = None  # asked on first need: it may query D-Bus
        self.background = False  # started at login: keep a tray icon even without a reminder
        # Where notifications go; tests replace it.
        self.notify: Callable[[str, str], None] = self._notify
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        window.session.changed.connect(self._on_changed)
        self.apply_settings()

    # -- settings and tray -------------------------------------------------------------

    @property
    def has_tray(self) -> bool:
        if self._has_tray is None:
            self._has_tray = tray_available()
        return self._has_tray

    @has_tray.setter
    def has_tray(self, value: bool) -> None:
        self._has_tray = value

    @property
    def settings(self) -> ReminderSettings:
        return self.window.desktop.reminder

    def apply_settings(self) -> None:
        """Start or stop the timer and the tray icon to match the stored settings."""
        enabled = self.settings.enabled
        if enabled:
            self.timer.start()
        else:
            self.timer.stop()
        if (enabled or self.background) and self.has_tray:
            self._ensure_tray()
        elif self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None

    def keeps_running(self) -> bool:
        """Closing the window hides it to the tray only when a reminder needs the app alive."""
        return self.tray is not None

    def _ensure_tray(self) -> None:
        if self.tray is not None:
            return
        app = QGuiApplication.instance()
        icon = app.windowIcon() if isinstance(app, QGuiApplication) else QIcon()
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip(APP_NAME)
        menu = QMenu()
        self._menu = menu  # the tray doesn't own its menu
        menu.addAction(make_action(menu, _("Check in now"), self.open_today))
        menu.addAction(make_action(menu, _("Get help now"),
                                   lambda: self._show_window(with_help=True)))
        menu.addSeparator()
        menu.addAction(make_action(menu, _("Quit {app}").format(app=APP_NAME),
                                   self.window.quit_app))
        tray.setContextMenu(menu)
        tray.activated.connect(self._on_activated)
        tray.messageClicked.connect(self.open_today)
        tray.show()
        self.tray = tray

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_today()

    def _show_window(self, with_help: bool = False) -> None:
        w = self.window
        w.showNormal()
        w.raise_()
        w.activateWindow()
        if with_help:
            w.open_help()

    def open_today(self) -> None:
        self._show_window()
        if self.window.session.is_unlocked:
            self.window.navigate("today")

    def tell(self, title: str, text: str) -> None:
        """A one-off message through the tray (e.g. "still running here")."""
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)

    # -- what the vault says -----------------------------------------------------------

    def _on_changed(self, topic: str) -> None:
        if topic in ("entries", "findings", "settings"):
            self.refresh_facts()

    def refresh_facts(self) -> None:
        """Re-read today's facts (one row and the quiet periods: well under a millisecond)."""
        session = self.window.session
        if not session.is_unlocked:
            return
        day = self.clock().date()
        try:
            self.facts = session.run(lambda v: _read_facts(v, day))
        except VaultError:
            pass  # keep what we knew; the next change or unlock tries again

    def _facts_now(self, day: date) -> tuple[bool | None, bool | None]:
        session = self.window.session
        if session.is_unlocked:
            try:
                self.facts = session.run(lambda v: _read_facts(v, day))
            except VaultError:
                pass
            else:
                return self.facts.logged(day) is True, self.facts.quiet(day)
        if self.facts is None:
            return None, None
        return self.facts.logged(day), self.facts.quiet(day)

    # -- the check ---------------------------------------------------------------------

    def check(self) -> bool:
        """Show the reminder if it is due; True when it was shown."""
        settings = self.settings
        moment = self.clock()
        if not should_remind(moment, settings, shown_on=self.shown_on, today_logged=None,
                             quiet=None):
            return False  # not due (or already shown): no need to ask the vault
        if self.window.isActiveWindow() and self.window.session.is_unlocked:
            return False  # the student is in the app right now; ask again later
        logged, quiet = self._facts_now(moment.date())
        if not should_remind(moment, settings, shown_on=self.shown_on, today_logged=logged,
                             quiet=quiet):
            if logged or quiet:
                self.shown_on = moment.date()  # settled for today
            return False
        self.shown_on = moment.date()
        self.notify(reminder_title(), reminder_text(logged))
        return True

    def _notify(self, title: str, text: str) -> None:
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 30_000)
        else:
            # No tray: a banner in the window that stays until dismissed, a desktop
            # notification where the desktop has the service, and the taskbar entry asks for
            # attention.
            # Translators: a reminder's title, then its text.
            banner = _("{title}. {text}").format(title=title, text=text)
            self.window.show_reminder_banner(banner)
            self.window.show_status(banner, 60_000)
            self.send_desktop(APP_NAME, title, text)
            if isinstance(self.window, QWidget):
                QApplication.alert(self.window)

    def send_desktop(self, app_name: str, title: str, text: str) -> bool:
        from selfcare_app.ui.desktop_notify import send

        return send(app_name, title, text)

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()
