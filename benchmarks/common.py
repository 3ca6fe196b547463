"""Shared helpers for the benchmarks: statistics and throwaway demo vaults.

Benchmarks are tools, not tests: they never run in the test suite and never touch the real
user data folder (everything lives in a TemporaryDirectory that is removed afterwards).
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

PASSPHRASE = "correct horse battery staple"
END = date(2025, 12, 19)


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """(median, min, max)."""
    return median(values), float(min(values)), float(max(values))


def make_demo_vault(path: Path, days: int) -> None:
    """A vault holding `days` days of the demo semester generator, ending on END."""
    from selfcare_app.core.demo import semester
    from selfcare_app.data.vault import Vault

    vault = Vault.create(path, PASSPHRASE)
    try:
        vault.entries.upsert_many(semester(END, days=days))
    finally:
        vault.close()
