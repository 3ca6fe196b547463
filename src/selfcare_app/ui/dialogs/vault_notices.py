"""After unlock: a vault older than its newest backup, conflicted copies from a sync service,
a full disk. Told once, in plain words, with the way out (data/sync.py does the work)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from selfcare_app.data.sync import UnlockNotices
from selfcare_app.paths import AppPaths
from selfcare_app.ui.session import VaultSession

StatusLine = Callable[[str, int], object]


def notice_text(notices: UnlockNotices) -> str:
    parts: list[str] = []
    if notices.rollback is not None:
        b = notices.rollback.backup
        parts.append(
            f"Your vault looks older than your backup from {b.taken_at:%Y-%m-%d %H:%M}; a sync "
            "service may have put back an earlier copy. Nothing was changed. To get the newer "
            "days back, restore that backup (File → Backups); the current vault is kept too.")
    for plan in notices.plans:
        parts.append(
            f"A sync service left a conflicted copy beside your vault ({plan.copy.name}): "
            f"{len(plan.add)} day(s) only in the copy and {len(plan.take)} edited there more "
            f"recently. Merge adds them (for each day the newer edit is kept; {len(plan.keep)} "
            "day(s) newer here stay as they are) and keeps the copy in backups/set-aside. "
            "Set aside only moves the copy there.")
    for copy in notices.unreadable:
        parts.append(f"There is a conflicted copy beside your vault ({copy.name}) that doesn't "
                     "open with this passphrase. It was left as it was.")
    parts.extend(notices.other)
    return "\n\n".join(parts)


def show(parent: QWidget, notices: UnlockNotices, session: VaultSession, paths: AppPaths,
         open_backups: Callable[[], object], show_status: StatusLine) -> QMessageBox:
    """Non-blocking: the student can read the day while deciding."""
    box = QMessageBox(parent)
    box.setWindowTitle("About your vault")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(notice_text(notices))
    backups = merge = aside = None
    if notices.rollback is not None:
        backups = box.addButton("Open backups…", QMessageBox.ButtonRole.ActionRole)
    if notices.plans:
        merge = box.addButton("Merge", QMessageBox.ButtonRole.AcceptRole)
        aside = box.addButton("Set aside", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Later", QMessageBox.ButtonRole.RejectRole)

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
        show_status(f"{'Merged' if merge else 'Set aside'} {n} conflicted cop"
                           f"{'y' if n == 1 else 'ies'}; kept in backups/set-aside.", 10_000)

    def failed(exc: Exception) -> None:
        show_status(str(exc), 10_000)

    session.call(job, done, failed)
