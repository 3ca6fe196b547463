"""The vault controller on its own (no window) and the progress the window shows for it:
unlock and lock, and restore / passphrase change / erase on the vault thread, with their
progress and their errors reported as signals."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from selfcare_app.paths import AppPaths
from selfcare_app.ui.session import VaultSession
from selfcare_app.ui.vault_controller import FirstRunChoices, VaultController
from tests.ui.conftest import PASS, create_and_unlock

NEW = "maple tide lantern"
WAIT = 10_000


@pytest.fixture
def controller(paths: AppPaths) -> Iterator[VaultController]:
    session = VaultSession(paths.vault)
    yield VaultController(session, paths)
    session.shutdown()


def _created(qtbot: QtBot, controller: VaultController, region: str = "") -> None:
    with qtbot.waitSignal(controller.unlocked, timeout=WAIT) as opened:
        controller.create(PASS, FirstRunChoices(region=region))
    assert isinstance(opened.args[0], FirstRunChoices)  # the window applies the rest


def _blocking(monkeypatch: pytest.MonkeyPatch, module: str, name: str,
              outcome: Callable[[], object] = lambda: None) -> tuple[threading.Event, list[str]]:
    """Replace a slow data function by one that waits for the test, and notes its thread."""
    import importlib

    release = threading.Event()
    threads: list[str] = []

    def slow(*_args: Any, **_kwargs: Any) -> object:
        threads.append(threading.current_thread().name)
        assert release.wait(WAIT / 1000)
        return outcome()

    monkeypatch.setattr(importlib.import_module(module), name, slow)
    return release, threads


def test_create_stores_the_first_run_region_then_lock_and_unlock(
        qtbot: QtBot, controller: VaultController) -> None:
    _created(qtbot, controller, region="UK")
    assert controller.session.is_unlocked and controller.region == "UK"
    order: list[str] = []
    controller.about_to_lock.connect(lambda: order.append(
        "about_to_lock, open" if controller.session.is_unlocked else "about_to_lock, closed"))
    controller.locked.connect(lambda: order.append(
        "locked, open" if controller.session.is_unlocked else "locked, closed"))
    controller.lock()
    assert order == ["about_to_lock, open", "locked, closed"]  # views go before the vault
    controller.lock()  # already locked: nothing more is said
    assert len(order) == 2
    controller.region = ""
    with qtbot.waitSignal(controller.unlocked, timeout=WAIT) as opened:
        controller.unlock(PASS)
    assert opened.args == [None]  # not a first run
    assert controller.region == "UK"


def test_a_wrong_passphrase_is_told_and_the_right_one_opens(
        qtbot: QtBot, controller: VaultController) -> None:
    _created(qtbot, controller)
    controller.lock()
    with qtbot.waitSignal(controller.unlock_failed, timeout=WAIT) as failed:
        controller.unlock("not the passphrase at all")
    problem, restore_offer = failed.args
    assert "did not unlock" in problem and restore_offer == ""
    assert not controller.session.is_unlocked
    with qtbot.waitSignal(controller.unlocked, timeout=WAIT):
        controller.unlock(PASS)
    assert controller.session.is_unlocked


def test_rekey_runs_on_the_vault_thread_with_progress_while_the_ui_thread_runs(
        qtbot: QtBot, controller: VaultController, monkeypatch: pytest.MonkeyPatch) -> None:
    _created(qtbot, controller)
    release, threads = _blocking(monkeypatch, "selfcare_app.data.rekey", "change_passphrase")
    busy: list[str] = []
    controller.busy.connect(busy.append)
    controller.change_passphrase(PASS, NEW)  # returns at once
    assert not controller.session.is_unlocked  # locked first: the file can be rewritten
    assert controller.is_busy and busy == ["Changing the passphrase and re-encrypting your "
                                           "vault…"]
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 3 and bool(threads), timeout=WAIT)  # UI keeps going
    timer.stop()
    assert threads[0].startswith("vault") and threads[0] != threading.main_thread().name
    with qtbot.waitSignal(controller.job_done, timeout=WAIT) as done:
        release.set()
    assert done.args == ["Passphrase changed. Unlock with your new passphrase.", ""]
    assert not controller.is_busy


def test_real_rekey_then_only_the_new_passphrase_opens(
        qtbot: QtBot, controller: VaultController) -> None:
    _created(qtbot, controller)
    with qtbot.waitSignal(controller.job_done, timeout=WAIT) as done:
        controller.change_passphrase(PASS, NEW)
    assert done.args[1] == ""
    with qtbot.waitSignal(controller.unlock_failed, timeout=WAIT):
        controller.unlock(PASS)
    with qtbot.waitSignal(controller.unlocked, timeout=WAIT):
        controller.unlock(NEW)


def test_a_restore_with_the_wrong_passphrase_reports_the_problem(
        qtbot: QtBot, controller: VaultController, paths: AppPaths) -> None:
    from selfcare_app.data.backups import backup_now

    _created(qtbot, controller)
    backup, _rotated = controller.session.run(lambda v: backup_now(v, paths))
    with qtbot.waitSignal(controller.job_done, timeout=WAIT) as done:
        controller.restore(backup.path, "not the passphrase at all")
    notice, problem = done.args
    assert notice == "" and "passphrase" in problem.lower()
    assert paths.vault.exists() and not controller.is_busy


def test_an_unexpected_failure_is_reported_not_raised(
        qtbot: QtBot, controller: VaultController, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("selfcare_app.data.erase.delete_everything", broken)
    _created(qtbot, controller)
    erased: list[bool] = []
    controller.erased.connect(lambda: erased.append(True))
    with qtbot.waitSignal(controller.job_done, timeout=WAIT) as done:
        controller.erase()
    assert done.args == ["", "Something unexpected went wrong (RuntimeError); your vault was "
                             "not changed."]
    assert not erased  # nothing outside the vault is reset after a failed erase


def test_erase_deletes_the_vault_off_the_ui_thread(
        qtbot: QtBot, controller: VaultController, paths: AppPaths) -> None:
    _created(qtbot, controller)
    erased: list[bool] = []
    controller.erased.connect(lambda: erased.append(True))
    with qtbot.waitSignal(controller.job_done, timeout=WAIT) as done:
        controller.erase()
    assert done.args[0].startswith("Everything was deleted") and erased == [True]
    assert not paths.vault.exists()


def test_a_second_slow_job_waits_its_turn(
        qtbot: QtBot, controller: VaultController, monkeypatch: pytest.MonkeyPatch) -> None:
    _created(qtbot, controller)
    release, _threads = _blocking(monkeypatch, "selfcare_app.data.rekey", "change_passphrase")
    status: list[str] = []
    controller.status.connect(lambda text, _ms: status.append(text))
    controller.change_passphrase(PASS, NEW)
    controller.erase()  # refused while the passphrase change runs
    assert status and status[0].startswith("Still busy")
    with qtbot.waitSignal(controller.job_done, timeout=WAIT) as done:
        release.set()
    assert done.args[0].startswith("Passphrase changed")


# -- what the window shows ---------------------------------------------------------------

def test_the_window_shows_what_is_happening_and_stays_responsive(
        qtbot: QtBot, window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.ui import vault_care
    from selfcare_app.ui.dialogs.busy import BusyDialog

    create_and_unlock(qtbot, window)
    release, threads = _blocking(monkeypatch, "selfcare_app.data.rekey", "change_passphrase")

    class Filled(vault_care.ChangePassphraseDialog):
        def exec(self) -> int:
            self.current.setText(PASS)
            self.new.setText(NEW)
            self.repeat.setText(NEW)
            return 1

    monkeypatch.setattr(vault_care, "ChangePassphraseDialog", Filled)
    window.change_passphrase()
    busy = window.findChild(BusyDialog)
    assert busy is not None and busy.isVisible()
    assert "re-encrypting" in busy.labelText()
    qtbot.waitUntil(lambda: bool(threads), timeout=WAIT)
    help_dialog = window.open_help()  # F1's target still opens while the job runs
    assert help_dialog.isVisible()
    busy.grab().save("/tmp/busy_dialog.png")
    with qtbot.waitSignal(window.controller.job_done, timeout=WAIT):
        release.set()
    assert not busy.isVisible()
    assert help_dialog.isVisible()  # the crisis lines outlive the job
    assert "Passphrase changed" in window.lock_screen.error.text()


def test_a_rekey_while_another_window_has_the_vault_says_so_and_changes_nothing(
        qtbot: QtBot, controller: VaultController, paths: AppPaths,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13's busy vault, through the controller: told as "in use", not as damage."""
    from tests.reliability.test_concurrency import helper

    monkeypatch.setenv("SELFCARE_BUSY_TIMEOUT_MS", "300")  # the default waits 15 s
    _created(qtbot, controller)
    controller.lock()
    before = paths.vault.read_bytes()
    with helper("lock", str(paths.vault), "60"), \
            qtbot.waitSignal(controller.job_done, timeout=WAIT) as done:
        controller.change_passphrase(PASS, NEW)
    notice, problem = done.args
    assert notice == "" and "in use by another Selfcare window or command" in problem
    assert paths.vault.read_bytes() == before


def test_a_closed_vault_job_refuses_to_run_while_the_vault_is_open(
        qtbot: QtBot, controller: VaultController) -> None:
    _created(qtbot, controller)
    with pytest.raises(RuntimeError):
        controller.session.call_closed(lambda: None, lambda _r: None)
