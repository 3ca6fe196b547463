"""Issue 13, "one writer at a time": concurrent writers lose nothing, busy is not damage, and
commands that replace the vault refuse while it is open elsewhere. Real processes, kept few."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from tests.helpers import PASS, run_cli
from tests.reliability.conftest import child_env, listing, make_vault, sha256

WRITER = Path(__file__).with_name("_writer.py")


@contextmanager
def helper(*args: str) -> Iterator[subprocess.Popen[str]]:
    """Start _writer.py and wait until it holds what it holds."""
    proc = subprocess.Popen([sys.executable, str(WRITER), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=child_env())
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == "ready\n", (line, proc.stderr.read() if proc.stderr else "")
        yield proc
    finally:
        proc.kill()
        proc.wait(30)


def test_concurrent_read_modify_write_loses_nothing(
        tmp_path: Path, report: Callable[[str], None]) -> None:
    from selfcare_app.data.vault import Vault

    vault_path = make_vault(tmp_path / "data" / "vault.db")
    rounds = 40
    procs = [subprocess.Popen([sys.executable, str(WRITER), "tags", str(vault_path), PASS,
                               "2024-03-01", name, str(rounds)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=child_env()) for name in ("a", "b", "c")]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outs]
    acked = {line.split()[1] for out, _ in outs for line in out.splitlines()
             if line.startswith("ack ")}
    with Vault.open(vault_path, PASS) as vault:
        entry = vault.entries.get(date(2024, 3, 1))
        version = vault.entries.version(date(2024, 3, 1))
    assert entry is not None
    lost = acked - set(entry.tags)
    assert len(acked) == 3 * rounds and lost == set()
    assert version == 3 * rounds  # every save raised the row version once
    report(f"3 writers x {rounds} read-modify-write rounds on one day: acknowledged "
           f"{len(acked)}, lost {len(lost)}")


def test_two_log_commands_on_one_day_keep_both_fields(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_vault(data / "vault.db")
    args = ("--day", "2024-03-02")
    env = {k: v for k, v in child_env().items()}
    procs = [subprocess.Popen([sys.executable, "-m", "selfcare_app", "--data-dir", str(data),
                               "log", *args, flag, value], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for flag, value in (("--stress", "7"), ("--mood", "3"), ("--note", "both kept"))]
    for p in procs:
        out, err = p.communicate(PASS + "\n", timeout=120)
        assert p.returncode == 0, err
    shown = run_cli(data, "show", "--format", "json")
    (row,) = __import__("json").loads(shown.out)
    assert (row["stress"], row["mood"], row["note"]) == (7, 3, "both kept")


def test_a_held_write_lock_is_busy_not_damage(tmp_path: Path) -> None:
    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db")
    with helper("hold", str(vault_path), PASS, "60"):
        quick = {"SELFCARE_BUSY_TIMEOUT_MS": "400"}  # the default waits 15 s
        r = run_cli(data, "log", "--day", "2024-03-03", "--stress", "4", env=quick)
        assert r.code == 6, r.err
        assert "in use by another Selfcare window or command" in r.err
        assert "damaged" not in r.err and "restore" not in r.err
        shown = run_cli(data, "show", env=quick)  # reading still works beside a writer
        assert shown.code == 0, shown.err
    # A lock held for a moment (shorter than the wait) is simply waited for.
    with helper("hold", str(vault_path), PASS, "1.5"):
        r = run_cli(data, "log", "--day", "2024-03-03", "--stress", "4")
    assert r.code == 0 and "Saved 2024-03-03" in r.out, r.err


def test_passwd_restore_and_delete_refuse_while_open_elsewhere(tmp_path: Path) -> None:
    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db", days=3)
    assert run_cli(data, "backup").code == 0
    before = {p: sha256(data / p) for p in listing(data) if (data / p).is_file()}
    backup = next(p for p in listing(data) if p.startswith("backups/vault-"))
    with helper("lock", str(vault_path), "60"):
        for args, stdin in ((("passwd",), f"{PASS}\nviolet lantern 93 orbit\n"),
                            (("restore", Path(backup).name), PASS + "\n"),
                            (("delete-everything", "--confirm", "DELETE"), None)):
            r = run_cli(data, *args, stdin=stdin)
            assert r.code == 6, (args, r.err)
            assert "in use by another Selfcare window or command" in r.err
        assert run_cli(data, "log", "--stress", "2").code == 0  # ordinary saves still work
    after = {p: sha256(data / p) for p in before if (data / p).exists()}
    assert after.keys() == before.keys()
    assert all(after[p] == before[p] for p in before if p.startswith("backups/"))


def test_second_app_window_raises_the_first(tmp_path: Path, qtbot: object) -> None:
    """The first window (here: a widget with the real watcher, in this process holding the
    lock) is asked to come forward; the second process exits 0 without opening the vault."""
    from PySide6.QtWidgets import QWidget

    from selfcare_app.data.vault_lock import raise_request_path, release, try_acquire
    from selfcare_app.ui.single_instance import RaiseWatcher

    data = tmp_path / "data"
    vault_path = make_vault(data / "vault.db")
    assert try_acquire(vault_path)
    try:
        first = QWidget()
        qtbot.addWidget(first)  # type: ignore[attr-defined]
        raised: list[bool] = []
        watcher = RaiseWatcher(vault_path, first)
        watcher.bring_forward = lambda: raised.append(True)  # type: ignore[method-assign]
        second = subprocess.Popen([sys.executable, "-m", "selfcare_app", "--data-dir",
                                   str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, env={**child_env(), "QT_QPA_PLATFORM": "offscreen"})
        qtbot.waitUntil(lambda: bool(raised), timeout=10_000)  # type: ignore[attr-defined]
        assert second.wait(30) == 0, second.stderr.read() if second.stderr else ""
        assert not raise_request_path(vault_path).exists()
    finally:
        release(vault_path)
