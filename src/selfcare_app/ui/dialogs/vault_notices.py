"""After unlock: a vault older than its newest backup, conflicted copies from a sync service,
a full disk. Told once, in plain words, with the way out (data/sync.py does the work)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from selfcare_app.core.formatting import format_day, format_time
from selfcare_app.data.sync import UnlockNotices
from selfcare_app.i18n import _, ngettext
from selfcare_app.paths import AppPaths
from selfcare_app.ui.session import VaultSession

StatusLine = Callable[[str, int], object]


def notice_text(notices: UnlockNotices) -> str:
    parts: list[str] = []
    if notices.rollback is not None:
        b = notices.rollback.backup
        parts.append(
            _("Your vault looks older than your backup from {when}; a sync service may have put "
              "back an earlier copy. Nothing was changed. To get the newer days back, restore "
              "that backup (File → Backups); the current vault is kept too.").format(
                  when=f"{format_day(b.taken_at.date())} {format_time(b.taken_at)}"))
    for plan in notices.plans:
        found = ngettext(
            "A sync service left a conflicted copy beside your vault ({copy}): {added} day only "
            "in the copy and {taken} edited there more recently.",
            "A sync service left a conflicted copy beside your vault ({copy}): {added} days only "
            "in the copy and {taken} edited there more recently.", len(plan.add)).format(
                copy=plan.copy.name, added=len(plan.add), taken=len(plan.take))
        merge = ngettext(
            "Merge adds them (for each day the newer edit is kept; {kept} day newer here stays "
            "as it is) and keeps the copy in backups/set-aside.",
            "Merge adds them (for each day the newer edit is kept; {kept} days newer here stay "
            "as they are) and keeps the copy in backups/set-aside.", len(plan.keep)).format(
                kept=len(plan.keep))
        parts.append(" ".join([found, merge, _("Set aside only moves the copy there.")]))
    for copy in notices.unreadable:
        parts.append(_("There is a conflicted copy beside your vault ({copy}) that doesn't "
                       "open with this passphrase. It was left as it was.").format(copy=copy.name))
    parts.extend(notices.other)
    return "\n\n".join(parts)


def show(parent: QWidget, notices: UnlockNotices, session: VaultSession, paths: AppPaths,
         open_backups: Callable[[], object], show_status: StatusLine) -> QMessageBox:
    """Non-blocking: the student can read the day while deciding."""
    box = QMessageBox(parent)
    box.setWindowTitle(_("About your vault"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(notice_text(notices))
    backups = merge = aside = None
    if notices.rollback is not None:
        backups = box.addButton(_("Open backups…"), QMessageBox.ButtonRole.ActionRole)
    if notices.plans:
        merge = box.addButton(_("Merge"), QMessageBox.ButtonRole.AcceptRole)
        aside = box.addButton(_("Set aside"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole)

    def chosen() -> None:
        clicked = box.clickedButton()
        if clicked is None:
            return
        if clicked is backups:
            open_backups()
        elif clicked is merge or clicked is aside:
            _resolve(session, paths, show_status, notices, merge=clicked is merge)

    box.finished.connect(lambda _r: chosen())
    box.open()
    return box


def _resolve(session: VaultSession, paths: AppPaths, show_status: StatusLine,
             notices: UnlockNotices, merge: bool) -> None:
    from selfcare_app.data.sync import merge_copy, set_aside

    copies = [p.copy for p in notices.plans]

    def job(vault: object) -> int:
        for copy in copies:
            if merge:
                merge_copy(vault, paths, copy)  # type: ignore[arg-type]
            else:
                set_aside(paths, copy)
        return len(copies)

    def done(n: int) -> None:
        session.notify("entries")
        text = (ngettext("Merged {n} conflicted copy; kept in backups/set-aside.",
                         "Merged {n} conflicted copies; kept in backups/set-aside.", n) if merge
                else ngettext("Set aside {n} conflicted copy; kept in backups/set-aside.",
                              "Set aside {n} conflicted copies; kept in backups/set-aside.", n))
        show_status(text.format(n=n), 10_000)

    def failed(exc: Exception) -> None:
        show_status(str(exc), 10_000)

    session.call(job, done, failed)
