"""The main window: lock screen, sidebar pages, Get help now and Lock always in reach."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfcare_app import APP_NAME
from selfcare_app.clock import now
from selfcare_app.data.errors import VaultError
from selfcare_app.data.precheck import precheck
from selfcare_app.i18n import _
from selfcare_app.paths import AppPaths
from selfcare_app.ui.actions import make_action
from selfcare_app.ui.desktop_settings import DesktopSettings
from selfcare_app.ui.idle import IdleWatcher
from selfcare_app.ui.lock_screen import LockScreen
from selfcare_app.ui.pages.base import Page
from selfcare_app.ui.session import Topic, VaultSession
from selfcare_app.ui.vault_controller import VaultController
from selfcare_app.ui.widgets.reminder_banner import ReminderBanner

if TYPE_CHECKING:
    from selfcare_app.core.crisis import CrisisLine
    from selfcare_app.data.sync import UnlockNotices
    from selfcare_app.ui.dialogs.busy import BusyDialog
    from selfcare_app.ui.help_dialog import HelpDialog
    from selfcare_app.ui.main_area import MainArea
    from selfcare_app.ui.preferences import PreferencesDialog
    from selfcare_app.ui.reminder_fields import ReminderFields
    from selfcare_app.ui.reminders import ReminderController
    from selfcare_app.ui.vault_controller import FirstRunChoices

HELP_DIALOG_NAME = "helpDialog"
AFTER_FIRST_PAINT_MS = 300  # work that can wait until the lock screen is on screen


class HelpKey(QObject):
    """F1 opens Get help now from every window of the app: the lock screen, every page and
    every dialog, modal ones included. One key handler instead of a shortcut per window, so F1
    is never an ambiguous shortcut."""

    def __init__(self, open_help: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self.open_help = open_help

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_F1 \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if not event.isAutoRepeat():
                self.open_help()
            return True
        return False


def _install_roles() -> None:
    from selfcare_app.ui.accessibility import install_roles

    install_roles()


class _PaletteWatcher(QObject):
    """Redraws the sidebar icons in the new text colour when the theme changes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.PaletteChange and watched is self.window:
            self.window.refresh_icons()
        return False


class MainWindow(QMainWindow):
    def __init__(self, paths: AppPaths) -> None:
        super().__init__()
        self.paths = paths
        self.session = VaultSession(paths.vault)
        self.controller = VaultController(self.session, paths, self)
        self.controller.unlocked.connect(self._on_unlocked)
        self.controller.unlock_failed.connect(self._on_unlock_failed)
        self.controller.about_to_lock.connect(self._close_views)
        self.controller.locked.connect(self._on_locked)
        self.controller.busy.connect(self._on_busy)
        self.controller.job_done.connect(self._on_job_done)
        self.controller.erased.connect(self.desktop_reset)
        self.controller.notices_found.connect(self._show_vault_notices)
        self.controller.status.connect(self.show_status)
        self._busy_dialog: BusyDialog | None = None
        self.pages: dict[str, Page] = {}
        self.desktop = DesktopSettings(paths.ui_settings)
        self._quitting = False
        self.setWindowTitle(APP_NAME)
        # Small enough for a 1024×640 screen (or 1366×768 at 150 %); pages scroll inside.
        self.setMinimumSize(QSize(640, 440))
        self.stack = QStackedWidget()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.reminder_banner = ReminderBanner()  # no tray: the reminder shows here
        self.reminder_banner.check_in_requested.connect(self._banner_check_in)
        self.reminder_text = self.reminder_banner.text
        self.reminder_check_in = self.reminder_banner.check_in
        self.reminder_dismiss = self.reminder_banner.dismiss
        column.addWidget(self.reminder_banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.session.changed.connect(self._on_session_changed)
        self.main_area: MainArea | None = None
        self.lock_screen: LockScreen | None = None
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        self._help_dialog: HelpDialog | None = None
        self.help_key = HelpKey(lambda: self.open_help(), self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
            app.installEventFilter(self.help_key)
        if isinstance(app, QApplication):
            from selfcare_app.ui.fit import install_screen_fitter

            install_screen_fitter(app)  # every dialog opens on screen and scrolls inside
        # Charts are images to assistive technology (the lock screen has none: after paint).
        QTimer.singleShot(AFTER_FIRST_PAINT_MS, _install_roles)
        if os.environ.get("SELFCARE_A11Y_PROBE"):  # the AT-SPI test's hook; off otherwise
            from selfcare_app.ui.a11y_probe import install_from_env

            install_from_env(self)
        self._build_menus()
        _PaletteWatcher(self)
        self._restore_geometry()
        self.show_lock_screen()
        self._reminders: ReminderController | None = None
        # Well after the first paint: the reminder isn't needed to draw the lock screen.
        QTimer.singleShot(AFTER_FIRST_PAINT_MS, lambda: self.reminders)

    @property
    def region(self) -> str:
        """The crisis-line region stored in the vault (known after unlock)."""
        return self.controller.region

    @region.setter
    def region(self, value: str) -> None:
        self.controller.region = value

    @property
    def reminders(self) -> ReminderController:
        if self._reminders is None:
            from selfcare_app.ui.reminders import ReminderController

            self._reminders = ReminderController(self, self)
        return self._reminders

    # -- menus -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(_("&File"))
        self.lock_action = make_action(self, _("&Lock"), self.lock, "Ctrl+L")
        self.quit_action = make_action(self, _("&Quit"), self.quit_app,
                                       QKeySequence.StandardKey.Quit)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.settings_menu = bar.addMenu(_("&Settings"))
        self.preferences_action = make_action(self, _("&Preferences…"), self.open_preferences)
        self.settings_menu.addAction(self.preferences_action)
        self.backups_action = make_action(self, _("&Backups…"), self.open_backups)
        self.passphrase_action = make_action(self, _("&Change passphrase…"),
                                             self.change_passphrase)
        self.delete_action = make_action(self, _("&Delete everything…"),
                                          self.delete_everything)
        for action in (self.backups_action, self.passphrase_action, self.delete_action):
            self.settings_menu.addAction(action)
        self.help_menu = bar.addMenu(_("&Help"))
        self.help_action = make_action(self, _("&Get help now"), self.open_help, "F1")
        # Shown in the menu; F1 itself is handled by HelpKey in every window.
        self.help_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(make_action(
            self, _("&Keyboard shortcuts"), self.show_shortcuts, "Ctrl+/"))
        self.help_menu.addSeparator()
        self.help_menu.addAction(make_action(self, _("&Privacy"), self.show_privacy))
        self.help_menu.addAction(make_action(self, _("&About Selfcare"), self.show_about))
        self._unlocked_actions: list[QAction] = [
            self.lock_action, self.preferences_action, self.backups_action,
            self.passphrase_action, self.delete_action]
        self.add_unlocked_action("settings", make_action(
            self, _("What the app looks for: &rules and quiet periods…"),
            self.open_rule_settings))
        from selfcare_app.ui.dialogs.sharing_menu import sharing_actions

        for action in sharing_actions(self.session, self):  # summary, export, import
            self.add_unlocked_action("file", action)
        self.file_menu.insertSeparator(self.lock_action)
        from selfcare_app.ui.dialogs.people_dialog import people_actions

        for action in people_actions(self.session, self, self._reload_today):
            self.add_unlocked_action("settings", action)  # My people, Self-care practices

    def _reload_today(self) -> None:
        """The practice list changed: show it on Today unless a check-in is half-typed."""
        today_page = self.pages.get("today")
        if today_page is not None and not getattr(today_page, "dirty", True):
            today_page.load(today_page.day)  # type: ignore[attr-defined]

    def add_unlocked_action(self, menu_name: str, action: QAction) -> None:
        """For capabilities to add menu items that only work while unlocked."""
        menu = {"file": self.file_menu, "settings": self.settings_menu}[menu_name]
        if menu_name == "file":
            menu.insertAction(self.lock_action, action)
        else:
            menu.addAction(action)
        action.setEnabled(self.session.is_unlocked)
        self._unlocked_actions.append(action)

    def _set_unlocked_actions(self, enabled: bool) -> None:
        for action in self._unlocked_actions:
            action.setEnabled(enabled)

    # -- lock screen -------------------------------------------------------------------

    def show_lock_screen(self, problem: str = "") -> None:
        creating = not (self.paths.vault.exists() or self.paths.vault.is_symlink())
        if not creating and not problem:
            try:
                precheck(self.paths.vault)
            except VaultError as exc:
                problem = str(exc)
        old = self.lock_screen
        self.lock_screen = LockScreen(creating=creating, problem=problem)
        self.lock_screen.unlock_requested.connect(self.controller.unlock)
        self.lock_screen.create_requested.connect(self._create)
        self.lock_screen.help_requested.connect(lambda: self.open_help())
        self.lock_screen.restore_button.clicked.connect(self._restore_after_damage)
        if creating:
            from selfcare_app.ui.help_dialog import system_region

            self.lock_screen.set_region(system_region())
        from selfcare_app.ui import lock_help  # campus crisis lines, if the student opted in

        lock_help.attach(self.lock_screen, self.paths.data_dir)
        self.stack.addWidget(self.lock_screen)
        self.stack.setCurrentWidget(self.lock_screen)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self._set_unlocked_actions(False)
        self.lock_screen.passphrase.setFocus()

    def _create(self, passphrase: str) -> None:
        from selfcare_app.ui.vault_controller import FirstRunChoices

        lock = self.lock_screen
        choices = None if lock is None else FirstRunChoices(
            region=lock.region, reminder=lock.reminder_fields, pack=lock.pack_path)
        self.controller.create(passphrase, choices)

    def _on_unlock_failed(self, problem: str, restore_offer: str) -> None:
        if self.lock_screen is None:
            return
        self.lock_screen.show_problem(problem)
        if restore_offer:
            self.lock_screen.offer_restore(restore_offer)

    def _restore_after_damage(self) -> None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        passphrase, ok = QInputDialog.getText(
            self, _("Restore backup"), _("Enter your passphrase to restore the backup:"),
            QLineEdit.EchoMode.Password)
        if ok and passphrase:
            self.controller.restore_damaged(passphrase)

    def _on_unlocked(self, choices: FirstRunChoices | None) -> None:
        self._build_main_area()
        if self.lock_screen is not None:
            self.lock_screen.clear()
            self.stack.removeWidget(self.lock_screen)
            self.lock_screen.deleteLater()
            self.lock_screen = None
        self._set_unlocked_actions(True)
        self._start_idle()
        today_page = self.pages.get("today")
        if today_page is not None:
            today_page.focus_first()  # the keyboard starts on the check-in, not a button
        if choices is not None:
            self._apply_first_run_choices(choices.reminder, choices.pack)
        self.reminders.refresh_facts()

    def _apply_first_run_choices(self, reminder: ReminderFields | None, pack: Path | None) -> None:
        """The optional first-run choices, once the vault (and so the data folder) exists."""
        if reminder is not None:
            try:
                reminder.save(self.desktop, self.data_dir_argument())
            except OSError as exc:
                self.show_status(
                    _("Start at login was not set up: {error}").format(error=exc), 10_000)
        self.reminders.apply_settings()
        resources = self.pages.get("resources")
        if pack is not None and resources is not None:
            # Stay on Resources: it shows what was added, or why the file was refused.
            self.navigate("resources")
            resources.import_pack_file(pack)  # type: ignore[attr-defined]

    def _show_vault_notices(self, notices: UnlockNotices) -> None:
        """Rolled-back vault, conflicted copies, full disk (issue 13): told once per unlock."""
        from selfcare_app.ui.dialogs import vault_notices

        self.vault_notice_box = vault_notices.show(
            self, notices, self.session, self.paths, self.open_backups, self.show_status)

    # -- vault care ----------------------------------------------------------------------

    def open_backups(self) -> None:
        from selfcare_app.ui.vault_care import BackupsDialog

        BackupsDialog(self.controller, self).exec()

    def _on_busy(self, doing: str) -> None:
        if self._busy_dialog is None:
            from selfcare_app.ui.dialogs.busy import BusyDialog

            self._busy_dialog = BusyDialog(self)
        self._busy_dialog.start(doing)  # window-modal: no unlock until the file is in place

    def _on_job_done(self, notice: str, problem: str) -> None:
        if self._busy_dialog is not None:
            self._busy_dialog.finish()
        self.show_lock_screen(problem)
        if notice and self.lock_screen is not None:
            self.lock_screen.show_notice(notice)

    def change_passphrase(self) -> None:
        from selfcare_app.ui.vault_care import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        current, new = dialog.current.text(), dialog.new.text()
        dialog.deleteLater()
        self.controller.change_passphrase(current, new)

    def delete_everything(self) -> None:
        from selfcare_app.ui.vault_care import confirm_delete_everything

        if confirm_delete_everything(self, self.paths):
            self.controller.erase()

    def _start_idle(self) -> None:
        minutes = self.session.run(lambda v: v.settings.get("auto_lock_minutes"))
        try:
            self.idle.start(int(float(minutes) * 60_000))
        except (TypeError, ValueError):
            self.idle.start(5 * 60_000)

    # -- main area ---------------------------------------------------------------------

    def _build_main_area(self) -> None:
        from selfcare_app.ui.main_area import MainArea

        _install_roles()  # before the pages exist, in case the timer hasn't run yet
        area = MainArea(self, lambda: self.open_help(), self.lock)
        self.main_area = area
        self.pages = area.pages
        self.sidebar, self.help_button, self.lock_button = (
            area.sidebar, area.help_button, area.lock_button)
        self.stack.addWidget(area)
        self.stack.setCurrentWidget(area)
        self.navigate("today")

    def refresh_icons(self) -> None:
        if self.main_area is not None:
            self.main_area.refresh_icons()

    def _go_to_page(self, key: str) -> None:
        if self.main_area is not None:
            self.main_area.go_to_page(key)

    def navigate(self, key: str, arg: Any = None) -> None:
        if self.main_area is not None:
            self.main_area.navigate(key, arg)

    def current_page(self) -> Page | None:
        return self.main_area.current_page() if self.main_area is not None else None

    def show_status(self, message: str, ms: int = 4000) -> None:
        self.statusBar().showMessage(message, ms)

    # -- the reminder banner (no tray) -----------------------------------------------------

    def _on_session_changed(self, topic: Topic) -> None:
        if topic == "entries":
            self.reminder_banner.hide()  # a check-in was saved: the reminder has done its job

    def show_reminder_banner(self, text: str) -> None:
        self.reminder_banner.show_text(text)

    def _banner_check_in(self) -> None:
        if self.session.is_unlocked:
            self._go_to_page("today")
        elif self.lock_screen is not None:
            self.lock_screen.passphrase.setFocus()

    # -- lock --------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the vault and destroy every view that held data."""
        self.controller.lock()

    def _close_views(self) -> None:
        self.idle.stop()
        for widget in QApplication.topLevelWidgets():
            # Crisis lines hold no personal data and stay open across a lock.
            if isinstance(widget, QDialog) and widget.isVisible() and \
                    widget.objectName() != HELP_DIALOG_NAME:
                widget.reject()

    def _on_locked(self) -> None:
        area, self.main_area = self.main_area, None
        for page in self.pages.values():
            page.deleteLater()
        self.pages = {}
        if area is not None:
            self.stack.removeWidget(area)
            area.deleteLater()
        self.statusBar().clearMessage()
        self.show_lock_screen()

    # -- dialogs -----------------------------------------------------------------------

    def open_help(self, crisis: bool = False, source: str = "") -> HelpDialog:
        """Get help now; `crisis` opens the full crisis card (S0). A `source` ("phq9-item9")
        is kept as a private safety event for the student's own view. There is only ever one
        Get help now window: asking again (F1, "I'm not safe right now", a finding) brings it
        to the front, in crisis mode when asked for."""
        from shiboken6 import isValid

        from selfcare_app.ui.help_dialog import HelpDialog  # first use: keeps start-up lean
        from selfcare_app.ui.widgets.people_cards import my_people

        if source:
            self.record_safety_event(source)
        modal = QApplication.activeModalWidget()
        dialog = self._help_dialog
        if dialog is not None and isValid(dialog) and dialog.isVisible() and (
                modal is None or modal is dialog or dialog.parentWidget() is modal):
            if crisis:
                dialog.show_crisis()
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        if dialog is not None and isValid(dialog):
            dialog.close()  # behind a modal dialog it couldn't be used: open it above that
        # Above a modal dialog (F1 from one) it must be its child, or the modal blocks it.
        parent = modal if isinstance(modal, QWidget) and modal is not self else self
        region = self.region
        if not self.session.is_unlocked:
            from selfcare_app.ui.lock_help import locked_region

            region = region or locked_region(self.paths.data_dir)  # not the system locale
        dialog = HelpDialog(parent, region=region, crisis=crisis, campus=self._campus_crisis(),
                            people=my_people(self.session))
        self.session.locked.connect(dialog.forget_people)  # it stays open across a lock
        dialog.setObjectName(HELP_DIALOG_NAME)
        dialog.not_safe.connect(lambda: self.record_safety_event("not-safe"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._help_dialog = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    def _campus_crisis(self) -> list[CrisisLine]:
        """The campus crisis entries with call, text and website buttons: from the vault when
        it is open, else the copy the student chose to keep for the lock screen. Favourites
        first, then the pack's own order (core.crisis.help_order)."""
        from selfcare_app.core.crisis import campus_lines

        if not self.session.is_unlocked:
            from selfcare_app.ui.lock_help import locked_lines

            return locked_lines(self.paths.data_dir)
        try:
            found = self.session.run(lambda v: v.resources.by_category("crisis"))
        except VaultError:
            return []  # the crisis lines still show; a failed read must not block them
        return campus_lines(found)

    def record_safety_event(self, source: str) -> None:
        """S0: keep a private record (for the student's own view) when the vault is open."""
        if not self.session.is_unlocked:
            return
        stamp = now()
        try:
            self.session.run(lambda v: v.safety_events.add(stamp, source))
        except VaultError:
            pass  # the crisis card is already on screen; a failed log must not hide it
        self.session.notify("findings")

    def open_rule_settings(self) -> None:
        from selfcare_app.ui.findings_dialogs import RuleSettingsDialog

        RuleSettingsDialog(self.session, self).exec()

    def preferences_dialog(self) -> PreferencesDialog:
        from selfcare_app.ui.preferences import PreferencesDialog

        return PreferencesDialog(self.session, self.desktop, self.reminders,
                                 self.data_dir_argument(), self)

    def open_preferences(self) -> None:
        dialog = self.preferences_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.region = dialog.region
            self.controller.sync_lock_help()
            self._start_idle()

    def show_shortcuts(self) -> None:
        from selfcare_app.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_privacy(self) -> None:
        from selfcare_app.ui.about_privacy import PrivacyDialog

        PrivacyDialog(self.paths, self).exec()

    def show_about(self) -> None:
        from selfcare_app.ui.about_privacy import AboutDialog

        AboutDialog(self).exec()

    # -- window state ------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        """The saved size and place, or 1280×800; either way inside the screen's free area."""
        from selfcare_app.ui.fit import available_area, place_inside, usable_size

        area = available_area(self)
        geometry = self.desktop.geometry
        if geometry is not None and self.restoreGeometry(geometry):
            frame = self.geometry()
            if area.contains(frame) and not self.isMaximized():
                return
            if self.isMaximized():
                return  # the window manager keeps a maximised window on its screen
            place_inside(self, area, frame.size())
        else:
            place_inside(self, area, QSize(1280, 800).boundedTo(usable_size(area)))

    def data_dir_argument(self) -> Path | None:
        """`--data-dir` for a start at login, unless the data lives in the default folder."""
        from selfcare_app.paths import default_data_dir

        return None if self.paths.data_dir == default_data_dir() else self.paths.data_dir

    def desktop_reset(self) -> None:
        """After delete everything: no reminder, no tray, the system look."""
        self.reminders.background = False
        self.reminders.apply_settings()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            from selfcare_app.ui.theme import apply_theme

            apply_theme(app, "system")

    def start_in_background(self) -> None:
        """Started at login: locked in the tray; minimised when the desktop has no tray."""
        self.reminders.background = True
        self.reminders.apply_settings()
        if not self.reminders.keeps_running():
            self.showMinimized()

    def quit_app(self) -> None:
        """Quit for real (File → Quit, the tray menu), even when reminders keep the app alive."""
        was_hidden = not self.isVisible()
        self._quitting = True
        if self.close():
            if was_hidden:
                QApplication.quit()  # a hidden window closing doesn't end the event loop
        else:
            self._quitting = False

    def _confirm_discard_check_in(self) -> bool:
        page = self.pages.get("today")
        if page is None or not getattr(page, "dirty", False):
            return True
        from selfcare_app.core.formatting import format_day

        day = getattr(page, "day", None)
        text = (_("Your check-in is not saved. Close anyway?") if day is None else
                _("Your check-in for {day} is not saved. Close anyway?").format(
                    day=format_day(day)))
        answer = QMessageBox.question(
            self, _("Unsaved check-in"), text,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible() and not self._confirm_discard_check_in():
            event.ignore()
            return
        self.desktop.geometry = self.saveGeometry()
        if self.reminders.keeps_running() and not self._quitting:
            # The reminder needs the app running: lock, and live on in the tray.
            event.ignore()
            self.lock()
            self.hide()
            if not self.desktop.tray_hint_shown:
                self.reminders.tell(APP_NAME, _(
                    "Selfcare is locked and still running here for your daily reminder. Quit "
                    "it from this icon's menu."))
                self.desktop.tray_hint_shown = True
            return
        self.reminders.stop()
        self.idle.stop()
        self.session.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
            app.removeEventFilter(self.help_key)
        event.accept()
