"""What the checkpoint after every commit costs a save (issue 13, docs/reliability.md).

    with       EntryRepository.upsert as shipped: BEGIN IMMEDIATE … COMMIT, then
               PRAGMA wal_checkpoint(PASSIVE) so vault.db alone holds the save.
    without    the same upsert with the checkpoint skipped (the WAL grows until close).

Both sides alternate in a shuffled order; the vault stays open, as in the app.
Run: .venv/bin/python benchmarks/bench_checkpoint.py [ROUNDS]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from selfcare_app.core.entry import DailyEntry
from selfcare_app.data import vault as vault_module
from selfcare_app.data.vault import Vault

PASS = "benchmark passphrase 42 ✓"


def main(rounds: int = 200) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        vault = Vault.create(Path(tmp) / "vault.db", PASS)
        original = vault_module.try_checkpoint
        times: dict[str, list[float]] = {"with": [], "without": []}
        day = date(2020, 1, 1)
        for i in range(rounds):
            sides = ["with", "without"]
            random.shuffle(sides)
            for side in sides:
                vault_module.try_checkpoint = (original if side == "with"  # type: ignore[assignment]
                                               else lambda con, mode="PASSIVE": True)
                entry = DailyEntry(day=day + timedelta(days=i % 365), stress=i % 11,
                                   note=f"note {i} " * 20)
                start = time.perf_counter()
                vault.entries.upsert(entry)
                times[side].append((time.perf_counter() - start) * 1000)
        vault_module.try_checkpoint = original
        vault.close()
    for side, values in times.items():
        values.sort()
        print(f"save {side:>7} checkpoint: median {statistics.median(values):.2f} ms, "
              f"p95 {values[int(len(values) * 0.95)]:.2f} ms ({len(values)} saves)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
