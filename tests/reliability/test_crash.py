"""SIGKILL harnesses (SECURITY.md §b1–b3): during writes, during rekey, during a bulk import.

Each prints its counts; sizes grow with SELFCARE_FULL=1 (docs/reliability.md).
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
import sqlcipher3

from tests.helpers import PASS
from tests.reliability.conftest import (
    calibrate,
    copy_dir,
    make_vault,
    run_child,
    size,
)

NEW_PASS = "violet lantern 93 orbit"


def _replay(state: dict[str, tuple[int, str]],
            lines: list[str]) -> tuple[dict[str, tuple[int, str]],
                                      dict[str, tuple[int, str]] | None, int, int]:
    """(state after acknowledged txns, state if the unacknowledged one committed, #acked txns,
    #acked row operations)."""
    acked = dict(state)
    pending: list[list[object]] | None = None
    txns = ops_count = 0
    for line in lines:
        if line.startswith("B "):
            try:
                pending = json.loads(line[2:])
            except json.JSONDecodeError:  # cut mid-line by the kill: BEGIN never ran
                pending = None
        elif line.startswith("C ") and pending is not None:
            _apply(acked, pending)
            txns += 1
            ops_count += len(pending)
            pending = None
    if pending is None:
        return acked, None, txns, ops_count
    maybe = dict(acked)
    _apply(maybe, pending)
    return acked, maybe, txns, ops_count


def _apply(state: dict[str, tuple[int, str]], ops: list[list[object]]) -> None:
    for op in ops:
        if op[0] == "d":
            state.pop(str(op[1]), None)
        else:
            state[str(op[1])] = (int(str(op[2])), str(op[3]))


def test_sigkill_during_writes_loses_no_acknowledged_entry(
        tmp_path: Path, report: Callable[[str], None]) -> None:
    from selfcare_app.data.vault import Vault

    kills = size(10, 200)
    vault_path = make_vault(tmp_path / "data" / "vault.db")
    rng = random.Random(8_2024)
    model: dict[str, tuple[int, str]] = {}
    lost = integrity_errors = unacked_committed = reopened = txns = ops = 0
    details: list[str] = []
    for k in range(kills):
        run = run_child("writer", str(vault_path), PASS, str(k), "400",
                        kill_after=rng.uniform(0.3, 0.8))
        assert run.killed, run.stderr
        acked, maybe, n_tx, n_ops = _replay(model, run.lines)
        txns += n_tx
        ops += n_ops
        with Vault.open(vault_path, PASS) as vault:  # quick_check + cipher_integrity_check
            reopened += 1
            integrity_errors += len(vault.check(full=True))
            actual = {d: (s, n) for d, s, n in vault.connection.execute(
                "SELECT day, stress, note FROM daily_entry")}
        if actual != acked:
            if maybe is not None and actual == maybe:
                unacked_committed += 1
            else:
                diff = sorted(day for day in acked.keys() | actual.keys()
                              if acked.get(day) != actual.get(day))
                lost += len(diff)
                details.append(f"kill {k}: txns={n_tx} pending={maybe is not None} "
                               f"tail={run.lines[-2:]!r} " + "; ".join(
                                   f"{d}: acked={acked.get(d)} actual={actual.get(d)} "
                                   f"if-pending={None if maybe is None else maybe.get(d)}"
                                   for d in diff[:5]))
        model = actual
    report(f"kills={kills} reopened={reopened} acknowledged_txns={txns} "
           f"acknowledged_row_ops={ops} lost={lost} integrity_errors={integrity_errors} "
           f"unacknowledged_but_committed={unacked_committed}")
    assert txns > kills  # the harness really wrote between kills
    assert lost == 0, details
    assert integrity_errors == 0
    assert reopened == kills


def _raw_db(path: Path, passphrase: str, megabytes: int, journal: str) -> int:
    con = sqlcipher3.connect(str(path), isolation_level=None)
    con.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB NOT NULL)")
    rows = megabytes * 256
    con.execute("BEGIN")
    con.executemany("INSERT INTO t (b) VALUES (randomblob(3900))", ([] for _ in range(rows)))
    con.execute("COMMIT")
    con.close()
    return rows


def _raw_opens(folder: Path, passphrase: str, rows: int) -> bool:
    """Opens with `passphrase`, has every row, and both integrity checks are clean."""
    con = sqlcipher3.connect(str(folder / "db"), isolation_level=None)
    try:
        con.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        count = con.execute("SELECT count(*) FROM t").fetchone()[0]
    except sqlcipher3.DatabaseError as exc:
        con.close()
        assert exc.sqlite_errorname == "SQLITE_NOTADB", exc.sqlite_errorname
        return False
    try:
        assert count == rows
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # As the app does (vault.integrity_problems): cipher_integrity_check reads only the main
        # file, so a committed-but-uncheckpointed rekey must be folded in first.
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        assert con.execute("PRAGMA cipher_integrity_check").fetchall() == []
    finally:
        con.close()
    return True


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_sigkill_during_rekey_leaves_exactly_one_passphrase_working(
        tmp_path: Path, journal: str, report: Callable[[str], None]) -> None:
    kills = size(5, 50)
    base = tmp_path / "base"
    base.mkdir()
    rows = _raw_db(base / "db", PASS, size(3, 30), journal)
    scratch = copy_dir(base, tmp_path / "calibrate")
    seconds = calibrate("rawrekey", str(scratch / "db"), PASS, NEW_PASS, journal)
    rng = random.Random({"wal": 1, "delete": 2}[journal])
    outcomes = {"old": 0, "new": 0}
    for k in range(kills):
        case = copy_dir(base, tmp_path / f"case{k}")
        run_child("rawrekey", str(case / "db"), PASS, NEW_PASS, journal,
                  kill_after=rng.uniform(0, seconds * 1.3))
        # Try each passphrase on its own copy of what the crash left, so one attempt can't
        # influence the other.
        old_ok = _raw_opens(copy_dir(case, tmp_path / f"case{k}-old"), PASS, rows)
        new_ok = _raw_opens(copy_dir(case, tmp_path / f"case{k}-new"), NEW_PASS, rows)
        assert old_ok != new_ok, f"kill {k}: old opens={old_ok}, new opens={new_ok}"
        outcomes["old" if old_ok else "new"] += 1
        for folder in tmp_path.glob(f"case{k}*"):
            shutil.rmtree(folder)
    report(f"journal={journal} kills={kills} rows={rows} rekey_s={seconds:.2f} "
           f"exactly_one={kills} old_opens={outcomes['old']} new_opens={outcomes['new']}")


def test_sigkill_during_passphrase_change_says_which_to_try(
        tmp_path: Path, report: Callable[[str], None]) -> None:
    from selfcare_app.data.backups import create_backup, key_opens_backup, list_backups
    from selfcare_app.data.rekey import (
        PassphraseChangeInterruptedError,
        change_passphrase,
        key_opens_vault,
        passphrase_change_pending,
        which_passphrase_opens,
    )
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    kills = size(4, 50)
    base = tmp_path / "base"
    vault_path = make_vault(base / "vault.db", days=size(40, 1500), note_chars=size(2000, 19000))
    paths = AppPaths(base)
    with Vault.open(vault_path, PASS) as vault:
        entries = vault.entries.count()
        create_backup(vault, paths, "auto", datetime(2024, 5, 1, 8))
    seconds = calibrate("passwd", str(copy_dir(base, tmp_path / "cal") / "vault.db"), PASS,
                        NEW_PASS)
    rng = random.Random(616)
    counts = {"old": 0, "new": 0, "marker_left": 0, "finished_by_rerun": 0}
    for k in range(kills):
        case = copy_dir(base, tmp_path / f"case{k}")
        vault_k = case / "vault.db"
        run_child("passwd", str(vault_k), PASS, NEW_PASS,
                  kill_after=rng.uniform(0, seconds * 1.2))
        old_ok = key_opens_vault(copy_dir(case, tmp_path / f"c{k}-old") / "vault.db", PASS)
        new_ok = key_opens_vault(copy_dir(case, tmp_path / f"c{k}-new") / "vault.db", NEW_PASS)
        assert old_ok != new_ok, f"kill {k}: old opens={old_ok}, new opens={new_ok}"
        working = "old" if old_ok else "new"
        counts[working] += 1
        assert which_passphrase_opens(vault_k, PASS, NEW_PASS) == working
        pending = passphrase_change_pending(vault_k)
        counts["marker_left"] += pending
        wrong = NEW_PASS if old_ok else PASS
        if pending:
            with pytest.raises(PassphraseChangeInterruptedError):
                Vault.open(vault_k, wrong)
        else:
            assert working == "old" or not any(  # finished: no backup left on the old key
                key_opens_backup(b.path, PASS) for b in list_backups(AppPaths(case)))
        with Vault.open(vault_k, PASS if old_ok else NEW_PASS) as vault:
            assert vault.entries.count() == entries
            assert vault.check(full=True) == []
        for b in list_backups(AppPaths(case)):
            assert key_opens_backup(b.path, PASS) != key_opens_backup(b.path, NEW_PASS)
        # Running the change again with both passphrases always finishes it.
        result = change_passphrase(vault_k, PASS, NEW_PASS)
        counts["finished_by_rerun"] += result.already_changed
        assert not passphrase_change_pending(vault_k)
        assert which_passphrase_opens(vault_k, PASS, NEW_PASS) == "new"
        assert all(key_opens_backup(b.path, NEW_PASS) for b in list_backups(AppPaths(case)))
        for folder in (case, tmp_path / f"c{k}-old", tmp_path / f"c{k}-new"):
            shutil.rmtree(folder)
    report(f"kills={kills} change_s={seconds:.2f} exactly_one={kills} "
           f"old_opens={counts['old']} new_opens={counts['new']} "
           f"interrupted_marker_left={counts['marker_left']} "
           f"rerun_found_already_changed={counts['finished_by_rerun']}")


def test_sigkill_during_bulk_import_is_all_or_nothing(
        tmp_path: Path, report: Callable[[str], None]) -> None:
    from selfcare_app.data.vault import Vault

    kills = size(6, 50)
    rows = size(2000, 5000)
    base = tmp_path / "base"
    make_vault(base / "vault.db")
    seconds = calibrate("importer", str(copy_dir(base, tmp_path / "cal") / "vault.db"), PASS,
                        str(rows))
    rng = random.Random(5000)
    seen = {0: 0, rows: 0}
    for k in range(kills):
        case = copy_dir(base, tmp_path / f"case{k}")
        run_child("importer", str(case / "vault.db"), PASS, str(rows),
                  kill_after=rng.uniform(0, seconds * 1.3))
        with Vault.open(case / "vault.db", PASS) as vault:
            count = vault.entries.count()
            assert vault.check(full=True) == []
        assert count in seen, f"kill {k}: {count} rows"
        seen[count] += 1
        shutil.rmtree(case)
    report(f"kills={kills} import_rows={rows} import_s={seconds:.2f} "
           f"rows_0={seen[0]} rows_{rows}={seen[rows]} other=0")
