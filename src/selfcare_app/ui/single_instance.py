"""One app window per vault: the first window watches for a second one's "raise" request.

No network (QLocalServer lives in the banned QtNetwork): the second instance finds the vault
lock taken (data/vault_lock.py), writes `vault.db.raise` and waits; the first sees the file
appear through QFileSystemWatcher, removes it and brings its window to the front.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from selfcare_app.data.vault_lock import raise_request_path


class RaiseWatcher(QObject):
    def __init__(self, vault_path: Path, window: QWidget) -> None:
        super().__init__(window)
        self._request = raise_request_path(vault_path)
        self._window = window
        self._watcher = QFileSystemWatcher(self)
        folder = str(vault_path.parent)
        if vault_path.parent.is_dir():
            self._watcher.addPath(folder)
        self._watcher.directoryChanged.connect(self.check)
        # Some file systems (network drives) don't report changes: look now and then too.
        self._poll = QTimer(self)
        self._poll.setInterval(1000)
        self._poll.timeout.connect(self.check)
        self._poll.start()
        self.check()

    def check(self, *_: object) -> None:
        if not self._request.exists():
            return
        try:
            self._request.unlink()
        except OSError:
            return
        self.bring_forward()

    def bring_forward(self) -> None:
        w = self._window
        if w.isMinimized():
            w.setWindowState(w.windowState() & ~Qt.WindowState.WindowMinimized)
        w.show()
        w.raise_()
        w.activateWindow()
