"""Helper process for tests/reliability/test_concurrency.py (run as a script).

  _writer.py tags VAULT PASS DAY PREFIX ROUNDS   add tag PREFIX-i to DAY, ROUNDS times, each a
                                                 read-modify-write (what `log --tag` does)
  _writer.py hold VAULT PASS SECONDS             hold SQLite's write lock (BEGIN IMMEDIATE)
  _writer.py lock VAULT SECONDS                  hold the vault lock (an open app window)
Each prints "ready" once it holds what it holds.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def tags(vault: str, passphrase: str, day: str, prefix: str, rounds: str) -> None:
    from selfcare_app.core.entry import DailyEntry
    from selfcare_app.data.vault import Vault

    d = date.fromisoformat(day)
    with Vault.open(Path(vault), passphrase, verify=False) as v:
        say("ready")
        for i in range(int(rounds)):
            def add(old: DailyEntry | None, i: int = i) -> DailyEntry:
                base = old or DailyEntry(day=d)
                return base.merged_with({"tags": (*base.tags, f"{prefix}-{i}")})

            v.entries.update(d, add)
            say(f"ack {prefix}-{i}")


def hold(vault: str, passphrase: str, seconds: str) -> None:
    from selfcare_app.data.vault import Vault

    with Vault.open(Path(vault), passphrase, verify=False) as v:
        v.connection.execute("BEGIN IMMEDIATE")
        say("ready")
        time.sleep(float(seconds))
        v.connection.execute("ROLLBACK")


def lock(vault: str, seconds: str) -> None:
    from selfcare_app.data.vault_lock import release, try_acquire

    assert try_acquire(Path(vault))
    say("ready")
    time.sleep(float(seconds))
    release(Path(vault))


if __name__ == "__main__":
    {"tags": tags, "hold": hold, "lock": lock}[sys.argv[1]](*sys.argv[2:])
