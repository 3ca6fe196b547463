"""Child processes for the reliability harnesses (run as a script, killed by the parent).

Every child prints `ready` once it is about to do the thing the parent wants to interrupt, and
prints acknowledgements only after the operation returned (for writes: after COMMIT).
"""

from __future__ import annotations

import json
import random
import resource
import signal
import sys
import time
from datetime import date, timedelta
from pathlib import Path


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def writer(vault_path: str, passphrase: str, seed: str, pool: str, prefix: str = "s") -> None:
    """Mixed insert/update/delete transactions of 1–50 rows, forever, until killed.

    `B <json ops>` is printed before BEGIN, `C` after COMMIT returned: a B without its C is the
    one transaction that may or may not be durable.
    """
    from selfcare_app.data.vault import Vault

    rng = random.Random(int(seed))
    days = [(date(2000, 1, 1) + timedelta(days=i)).isoformat() for i in range(int(pool))]
    vault = Vault.open(Path(vault_path), passphrase)
    present = {row[0] for row in vault.connection.execute("SELECT day FROM daily_entry")}
    say("ready")
    tx = 0
    while True:
        ops: list[list[object]] = []
        local = set(present)
        for i in range(rng.randint(1, 50)):
            day = rng.choice(days)
            note = f"{prefix}{seed}t{tx}i{i}"
            if day in local and rng.random() < 0.3:
                ops.append(["d", day])
                local.discard(day)
            elif day in local:
                ops.append(["u", day, rng.randint(0, 10), note])
            else:
                ops.append(["i", day, rng.randint(0, 10), note])
                local.add(day)
        say("B", json.dumps(ops))
        with vault.transaction() as con:
            for op in ops:
                if op[0] == "i":
                    con.execute(
                        "INSERT INTO daily_entry (day, stress, note, created_at, updated_at) "
                        "VALUES (?, ?, ?, '2000-01-01T00:00:00', '2000-01-01T00:00:00')",
                        (op[1], op[2], op[3]),
                    )
                elif op[0] == "u":
                    con.execute("UPDATE daily_entry SET stress = ?, note = ? WHERE day = ?",
                                (op[2], op[3], op[1]))
                else:
                    con.execute("DELETE FROM daily_entry WHERE day = ?", (op[1],))
        present = local
        say("C", tx)
        tx += 1


def importer(vault_path: str, passphrase: str, rows: str) -> None:
    """One transaction of `rows` new entries, like an import."""
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.vault import Vault

    entries = [DailyEntry(day=date(2000, 1, 1) + timedelta(days=i), stress=i % 11,
                          note=f"imported row {i}") for i in range(int(rows))]
    vault = Vault.open(Path(vault_path), passphrase)
    say("ready")
    start = time.perf_counter()
    vault.entries.upsert_many(entries)
    say("done", f"{time.perf_counter() - start:.4f}")
    vault.close()


def rawrekey(db: str, old: str, new: str, journal: str) -> None:
    """PRAGMA rekey on a plain SQLCipher connection in the given journal mode."""
    import sqlcipher3

    con = sqlcipher3.connect(db, isolation_level=None)
    con.execute("PRAGMA key = '" + old.replace("'", "''") + "'")
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("SELECT count(*) FROM t").fetchone()
    say("ready")
    start = time.perf_counter()
    con.execute("PRAGMA rekey = '" + new.replace("'", "''") + "'")
    say("done", f"{time.perf_counter() - start:.4f}")
    con.close()


def passwd(vault_path: str, old: str, new: str) -> None:
    from selfcare_app.data.rekey import change_passphrase

    say("ready")
    start = time.perf_counter()
    change_passphrase(Path(vault_path), old, new)
    say("done", f"{time.perf_counter() - start:.4f}")


def rekey_no_checkpoint(vault_path: str, old: str, new: str) -> None:
    """Rekey through the app's Vault, then die before close() can checkpoint the WAL."""
    import os

    from selfcare_app.data.vault import Vault

    vault = Vault.open(Path(vault_path), old)
    say("ready")
    vault.rekey(new)
    say("rekeyed")
    os._exit(0)


def diskfull(vault_path: str, passphrase: str, limit: str, what: str) -> None:
    """Write until the file-size limit makes SQLite fail; report the error type."""
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.errors import VaultError
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    vault = Vault.open(Path(vault_path), passphrase)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit), int(limit)))
    say("ready")
    try:
        if what == "backup":
            from selfcare_app.data.backups import auto_backup

            auto_backup(vault, AppPaths(Path(vault_path).parent), date(2024, 5, 1))
            say("backup-made")
        else:
            for i in range(100_000):
                day = date(2001, 1, 1) + timedelta(days=i)
                vault.entries.upsert(DailyEntry(day=day, stress=i % 11, note=f"n{i} " * 400))
                say("ack", day.isoformat())
    except VaultError as exc:
        say("error", type(exc).__name__)
        say("count", vault.entries.count())  # the connection is still usable
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        say("error", "untyped", type(exc).__name__)
    vault.close()


def commits(vault_path: str, passphrase: str, n: str) -> None:
    from selfcare_app.data.vault import Vault

    vault = Vault.open(Path(vault_path), passphrase)
    for i in range(int(n)):
        with vault.transaction() as con:
            con.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, '1')", (f"k{i}",))
    vault.close()


def harden() -> None:
    import ctypes
    import ctypes.util

    from selfcare_app.data.security import harden_process

    before = resource.getrlimit(resource.RLIMIT_CORE)
    harden_process()
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    pr_get_dumpable = 3
    say(json.dumps({"before": before, "core": resource.getrlimit(resource.RLIMIT_CORE),
                    "dumpable": libc.prctl(pr_get_dumpable, 0, 0, 0, 0)}))


if __name__ == "__main__":
    {"writer": writer, "importer": importer, "rawrekey": rawrekey, "passwd": passwd,
     "rekey_no_checkpoint": rekey_no_checkpoint,
     "diskfull": diskfull, "commits": commits, "harden": harden}[sys.argv[1]](*sys.argv[2:])
