"""GUI privacy checks (SECURITY.md §b9, §b11, §b12) on the real main window, offscreen.

- Auto-lock: after the idle timeout the vault is closed, no widget or model holds a canary and
  the passphrase field is empty; steady input keeps it unlocked.
- Canary scan: a scripted session (check-ins with canaries, charts, history, a backup, the
  campus-pack file dialog opened in a canary-named folder, lock, SIGKILL mid-edit) leaves no
  canary in HOME, the XDG folders, TMPDIR, the data folder or Qt's own QtProject.conf.
- No network: the same kind of session under `unshare -rn` gives identical results, and (with
  strace) opens no AF_INET/AF_INET6 socket.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.conftest import FULL, REPO, child_env, run_child
from tests.reliability.test_canary_scan import CANARIES, scan

pytest.importorskip("pytestqt")
QtBot = Any

PASSPHRASE = "gui sandbox passphrase 31 ✓"
TODAY = "2026-11-25"
CHOSEN_FOLDER = "usbcanary4417"
NOTE = f"{CANARIES[0]} {CANARIES[1]} {CANARIES[2]}"


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME/XDG come from tests/conftest.py; TMPDIR and the data folder go in here too."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setenv("SELFCARE_TODAY", TODAY)
    return tmp_path


@pytest.fixture
def window(qtbot: QtBot, sandbox: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from PySide6.QtWidgets import QMessageBox

    from selfcare_app.app import create_window
    from selfcare_app.paths import AppPaths

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win: Any = create_window(AppPaths(sandbox / "data"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()


def _create_and_unlock(qtbot: QtBot, win: Any) -> None:
    lock = win.lock_screen
    lock.passphrase.setText(PASSPHRASE)
    lock.confirm.setText(PASSPHRASE)
    lock.understand.setChecked(True)
    lock.submit.click()
    qtbot.waitUntil(lambda: win.session.is_unlocked and win.main_area is not None,
                    timeout=15_000)


def _check_in(win: Any, note: str, tag: str, save: bool = True) -> None:
    win.navigate("today")
    page = win.current_page()
    page.form.note.setPlainText(note)
    page.form.tags.setText(tag)
    if save:
        assert page.save()
        assert "Saved" in page.status.text()


def _widget_texts() -> list[str]:
    """Every string a widget, item model or undo stack can show."""
    from PySide6.QtCore import QEvent, QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QApplication,
        QComboBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    app = QApplication.instance()
    assert app is not None
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    texts: list[str] = []
    for w in QApplication.allWidgets():
        texts += [w.windowTitle(), w.toolTip(), w.accessibleName()]
        if isinstance(w, QLineEdit):
            texts += [w.text(), w.placeholderText()]
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            texts.append(w.toPlainText())
            doc = w.document()
            if doc.isUndoAvailable():  # an undo stack still holding typed text
                doc.undo()
                texts.append(w.toPlainText())
        elif isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # list models keep columnCount private: one column
                columns = 1
            for row in range(min(model.rowCount(QModelIndex()), 5000)):
                for col in range(columns):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.data(model.index(row, col), role)
                        if value is not None:
                            texts.append(str(value))
    return texts


def _canary_hits(texts: list[str]) -> int:
    return sum(1 for t in texts for c in CANARIES if c in t)


def test_auto_lock_closes_vault_and_clears_every_widget(
        qtbot: QtBot, window: Any, report: Callable[[str], None]) -> None:
    from selfcare_app.data.errors import VaultClosedError

    _create_and_unlock(qtbot, window)
    _check_in(window, NOTE, CANARIES[3])
    window.navigate("history")
    window.navigate("today")
    _check_in(window, NOTE + " unsaved draft", CANARIES[3], save=False)  # a draft in the editor
    assert _canary_hits(_widget_texts()) > 0  # the probe sees data while unlocked

    # Steady input keeps it unlocked: each key press starts the countdown over.
    from tests.ui.waits import idle_remaining_ms, precise_idle_countdown, wait_for_idle_countdown

    precise_idle_countdown(window)
    window.idle.start(60_000)
    for _ in range(3):
        wait_for_idle_countdown(qtbot, window, 59_950)
        start = time.monotonic()
        qtbot.keyClick(window, "a")
        assert idle_remaining_ms(window) >= 60_000 - (time.monotonic() - start) * 1000 - 2
    assert window.session.is_unlocked

    window.idle.start(300)
    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=10_000)
    with pytest.raises(VaultClosedError):
        window.session.run(lambda v: v.entries.count())
    texts = _widget_texts()
    hits = _canary_hits(texts)
    report(f"widget_strings_checked={len(texts)} canary_hits={hits} "
           f"passphrase_field_empty={window.lock_screen.passphrase.text() == ''}")
    assert hits == 0
    assert window.lock_screen is not None and window.lock_screen.passphrase.text() == ""
    assert all(PASSPHRASE not in t for t in texts)


def _drive_file_dialog(target: Path) -> None:
    """Answer the next QFileDialog like a student: open the folder, type the name, accept."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    tries = {"n": 0}

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        tries["n"] += 1
        if not isinstance(dialog, QFileDialog):
            if tries["n"] < 500:
                QTimer.singleShot(20, step)
            return
        if tries["n"] == 1 or dialog.directory().path() != str(target.parent):
            dialog.setDirectory(str(target.parent))
        name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name_edit is not None
        name_edit.setText(str(target))
        dialog.accept()
        if dialog.isVisible() and tries["n"] < 500:
            QTimer.singleShot(50, step)

    QTimer.singleShot(20, step)


def test_gui_session_leaves_no_plaintext_canary(
        qtbot: QtBot, window: Any, sandbox: Path, report: Callable[[str], None]) -> None:
    from PySide6.QtCore import QSettings

    from selfcare_app.data.backups import create_backup
    from selfcare_app.ui.pages.resources import pick_pack_file

    _create_and_unlock(qtbot, window)
    _check_in(window, NOTE, CANARIES[3])
    from tests.ui.waits import settle

    for page in ("trends", "history", "resources", "learn", "today"):
        window.navigate(page)
        settle(qtbot)
    window.session.run(lambda v: create_backup(v, window.paths, "manual",
                                               datetime(2026, 11, 25, 9)))
    chosen = Path.home() / CHOSEN_FOLDER
    chosen.mkdir()
    (chosen / "pack.json").write_text("{}")
    _drive_file_dialog(chosen / "pack.json")
    assert pick_pack_file(window) == chosen / "pack.json"
    qt_conf = Path(QSettings(QSettings.Scope.UserScope, "QtProject").fileName())
    window.lock()
    # SIGKILL mid-edit: a writer with canary text killed while committing.
    run_child("writer", str(window.paths.vault), PASSPHRASE, "5", "30", CANARIES[1],
              kill_after=0.3)
    window.close()

    roots = [Path.home(), Path(os.environ["TMPDIR"]), window.paths.data_dir]
    results = [scan(root, allowed_names=(CHOSEN_FOLDER,)) for root in roots]
    extra_hits: list[str] = []
    if qt_conf.exists() and not any(qt_conf.is_relative_to(r) for r in roots):
        extra = scan(qt_conf.parent)
        extra_hits = [h for h in extra.hits if h.startswith(qt_conf.name)]
    hits = [h for r in results for h in r.hits] + extra_hits
    files = sum(r.files for r in results)
    report(f"roots={len(roots)} files={files} bytes={sum(r.bytes for r in results)} "
           f"qtproject_conf={'scanned' if qt_conf.exists() else 'absent'} hits={len(hits)}")
    assert files >= 4 and (window.paths.data_dir / "backups").is_dir()
    assert hits == []


_SESSION_SCRIPT = r"""
import os, sys
from datetime import date
from pathlib import Path
from PySide6.QtWidgets import QApplication
from selfcare_app.app import create_window
from selfcare_app.paths import AppPaths
win = create_window(AppPaths(Path(sys.argv[1])))
app = QApplication.instance()
win.show()
lock = win.lock_screen
for w in (lock.passphrase, lock.confirm):
    w.setText(sys.argv[2])
lock.understand.setChecked(True)
lock.submit.click()
while not (win.session.is_unlocked and win.main_area is not None):
    app.processEvents()
win.navigate("today")
page = win.current_page()
page.form.note.setPlainText("namespace session")
print("saved", page.save())
for key in ("trends", "history", "resources", "selfchecks", "learn", "today"):
    win.navigate(key)
    app.processEvents()
print("entries", win.session.run(lambda v: [(e.day.isoformat(), e.note)
                                            for e in v.entries.all()]))
win.lock()
print("locked", not win.session.is_unlocked)
win.close()
"""


def _gui_session(root: Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    home = root / "home"
    home.mkdir(parents=True)
    env = child_env() | {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                         "XDG_DATA_HOME": str(home / ".local/share"),
                         "XDG_CACHE_HOME": str(home / ".cache"), "TMPDIR": str(root),
                         "MPLCONFIGDIR": str(home / ".cache/matplotlib"),
                         "QT_QPA_PLATFORM": "offscreen", "SELFCARE_TODAY": TODAY,
                         "PYTHONPATH": str(REPO)}
    return subprocess.run([*prefix, sys.executable, "-c", _SESSION_SCRIPT, str(root / "data"),
                           PASSPHRASE], capture_output=True, text=True, env=env, timeout=180)


def _unshare_problem() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare is not installed"
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, text=True)
    return None if probe.returncode == 0 else f"unshare -rn not allowed: {probe.stderr[:100]}"


@pytest.mark.skipif(_unshare_problem() is not None, reason=str(_unshare_problem()))
def test_gui_session_is_identical_without_a_network(tmp_path: Path,
                                                    report: Callable[[str], None]) -> None:
    """With SELFCARE_FULL=1 (strace slows the session a lot) the normal run is also traced
    (socket, connect): 0 AF_INET/AF_INET6 sockets."""
    trace = tmp_path / "trace.txt"
    tracer = ("strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace)) \
        if FULL and shutil.which("strace") else ()
    normal = _gui_session(tmp_path / "normal", prefix=tracer)
    if normal.returncode != 0 and tracer:  # strace not permitted here: run it plainly
        tracer = ()
        normal = _gui_session(tmp_path / "normal-plain")
    assert normal.returncode == 0, normal.stderr[-2000:]
    isolated = _gui_session(tmp_path / "isolated", prefix=("unshare", "-rn"))
    assert isolated.returncode == 0, isolated.stderr[-2000:]
    assert f"entries [('{TODAY}', 'namespace session')]" in normal.stdout
    assert isolated.stdout == normal.stdout
    inet = "not traced"
    if tracer:
        lines = trace.read_text().splitlines()
        sockets = sum(1 for line in lines if "socket(" in line)
        inet_lines = [line for line in lines if "AF_INET" in line]
        inet = f"{len(inet_lines)} (of {sockets} socket calls)"
        assert inet_lines == []
    report(f"namespace_identical=1 lines={len(normal.stdout.splitlines())} "
           f"af_inet_sockets={inet}")


def test_session_helpers_see_canaries() -> None:
    """The widget probe would report a canary it can see (guards the auto-lock test)."""
    from PySide6.QtWidgets import QLineEdit

    probe = QLineEdit()
    probe.setText(CANARIES[0])
    try:
        assert _canary_hits(_widget_texts()) >= 1
    finally:
        probe.deleteLater()


