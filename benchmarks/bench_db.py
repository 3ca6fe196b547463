"""Saving a check-in and unlocking, each against its floor in the same run.

    save     EntryRepository.upsert of one day (what the Today page waits for before it says
             "Saved"): BEGIN IMMEDIATE, read created_at, INSERT OR REPLACE, COMMIT.
    floor    stdlib sqlite3 on a plain file with the same schema and the same connection
             settings (WAL, synchronous=FULL, secure_delete, temp_store=MEMORY, foreign_keys):
             BEGIN IMMEDIATE, the same INSERT OR REPLACE, COMMIT.

    unlock   Vault.open on a 10-year vault: pre-checks, key, first read, quick_check and
             cipher_integrity_check, connection settings, schema version.
    floor    sqlcipher3.connect + PRAGMA key + the first read (SELECT count(*) FROM
             sqlite_master) on the same file, same (default) KDF settings.

The two sides alternate in a shuffled order in every round.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE, make_demo_vault, median  # noqa: E402


def _floor_db(path: Path) -> sqlite3.Connection:
    from importlib.resources import files

    from selfcare_app.data.vault import CONNECTION_PRAGMAS

    con = sqlite3.connect(str(path), isolation_level=None)
    for pragma in CONNECTION_PRAGMAS:
        con.execute(f"PRAGMA {pragma}")
    schema = files("selfcare_app.data").joinpath("migrations/0001_initial.sql").read_text()
    con.executescript(schema)
    return con


def bench_save(rounds: int = 300) -> dict[str, object]:
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.vault import Vault

    with tempfile.TemporaryDirectory(prefix="selfcare-bench-") as tmp:
        vault = Vault.create(Path(tmp) / "vault.db", PASSPHRASE)
        floor = _floor_db(Path(tmp) / "plain.db")
        sql = ("INSERT OR REPLACE INTO daily_entry (day, stress, sleep_hours, study_hours, mood, "
               "energy, social, tags, note, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        start = date(2000, 1, 1)
        app_ms: list[float] = []
        floor_ms: list[float] = []
        for i in range(rounds + 10):
            day = start + timedelta(days=i)
            entry = DailyEntry(day=day, stress=6, sleep_hours=6.5, study_hours=9.0, mood=5,
                               energy=4, social=1, tags=("exam",), note="Long day in the lab.")

            def app_side(entry: DailyEntry = entry) -> None:
                vault.entries.upsert(entry)

            def floor_side(day: date = day) -> None:
                floor.execute("BEGIN IMMEDIATE")
                floor.execute(sql, (day.isoformat(), 6, 6.5, 9.0, 5, 4, 1, '["exam"]',
                                    "Long day in the lab.", "2025-01-01T00:00:00+00:00",
                                    "2025-01-01T00:00:00+00:00"))
                floor.execute("COMMIT")

            sides = [("app", app_side), ("floor", floor_side)]
            random.shuffle(sides)
            for name, fn in sides:
                t0 = time.perf_counter()
                fn()
                ms = (time.perf_counter() - t0) * 1000
                if i >= 10:
                    (app_ms if name == "app" else floor_ms).append(ms)
        settings = {k: vault.pragma(k) for k in ("journal_mode", "synchronous")}
        floor_settings = {k: floor.execute(f"PRAGMA {k}").fetchone()[0]
                          for k in ("journal_mode", "synchronous")}
        vault.close()
        floor.close()
    return {"app_ms": app_ms, "floor_ms": floor_ms, "app_median": median(app_ms),
            "floor_median": median(floor_ms), "settings": settings,
            "floor_settings": floor_settings}


def bench_unlock(rounds: int = 15) -> dict[str, object]:
    import sqlcipher3

    from selfcare_app.data.connection import key_statement
    from selfcare_app.data.security import harden_process
    from selfcare_app.data.vault import Vault

    harden_process()  # process-wide, so both sides run with the same memory settings
    with tempfile.TemporaryDirectory(prefix="selfcare-bench-") as tmp:
        path = Path(tmp) / "vault.db"
        make_demo_vault(path, 3650)
        size = path.stat().st_size

        def app_side() -> None:
            # What the app and the CLI do: key, first read, quick_check + cipher_integrity_check.
            Vault.open(path, PASSPHRASE).connection.close()

        def checked_side() -> None:
            # The same without the integrity checks, to show what they cost.
            Vault.open(path, PASSPHRASE, verify=False).connection.close()

        def floor_side() -> None:
            con = sqlcipher3.connect(str(path), isolation_level=None)
            con.execute(key_statement(PASSPHRASE))
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            con.close()

        times: dict[str, list[float]] = {"app": [], "floor": [], "checked": []}
        for i in range(rounds + 2):
            sides = [("app", app_side), ("floor", floor_side), ("checked", checked_side)]
            random.shuffle(sides)
            for name, fn in sides:
                t0 = time.perf_counter()
                fn()
                ms = (time.perf_counter() - t0) * 1000
                if i >= 2:
                    times[name].append(ms)
    return {"app_ms": times["app"], "floor_ms": times["floor"],
            "checked_ms": times["checked"], "app_median": median(times["app"]),
            "floor_median": median(times["floor"]),
            "checked_median": median(times["checked"]), "vault_bytes": size}


def run(save_rounds: int = 300, unlock_rounds: int = 15) -> dict[str, object]:
    return {"save": bench_save(save_rounds), "unlock": bench_unlock(unlock_rounds)}


if __name__ == "__main__":
    counts = [int(a) for a in sys.argv[1:3]]
    print(json.dumps(run(*counts)))
