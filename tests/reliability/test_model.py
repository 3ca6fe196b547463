"""Model-based test (SECURITY.md §b18): add/edit/delete/lock/unlock/rekey/backup/restore on a
real vault against a dict model; the vault equals the model after every step.

Default: 4 examples × 25 steps; SELFCARE_FULL=1: 200 × 50.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from selfcare_app.core.entry import DailyEntry
from selfcare_app.data.backups import create_backup, key_opens_backup, list_backups, restore
from selfcare_app.data.errors import PassphraseRejected, WrongPassphraseError
from selfcare_app.data.rekey import change_passphrase
from selfcare_app.data.vault import Vault
from selfcare_app.paths import AppPaths
from tests.reliability.conftest import FULL, size

PASSPHRASES = ("first model passphrase 1", "Ünïcödé model phrase ✓ 2", "third 'quoted' one 3!")
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 1, 20))
NOTES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
State = dict[date, tuple[int, str]]
STATS: Counter[str] = Counter()
# Every rekey re-encrypts every backup (~0.3 s each): cap them so steps go to the other rules.
MAX_BACKUPS = size(3, 6)
MAX_REKEYS = size(2, 8)


class VaultMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="selfcare-model-"))
        self.paths = AppPaths(self.tmp / "data")
        self.passphrase = PASSPHRASES[0]
        self.vault: Vault | None = None
        self.model: State = {}
        self.backups: dict[Path, State] = {}
        self.clock = datetime(2024, 2, 1, 8)
        self.rekeys = 0
        STATS["examples"] += 1

    @initialize()
    def create(self) -> None:
        self.vault = Vault.create(self.paths.vault, self.passphrase)

    def teardown(self) -> None:
        if self.vault is not None:
            self.vault.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _tick(self) -> datetime:
        self.clock += timedelta(minutes=7)
        return self.clock

    def _open(self) -> Vault:
        assert self.vault is not None
        return self.vault

    # -- entries -------------------------------------------------------------------------

    @precondition(lambda self: self.vault is not None)
    @rule(day=DAYS, stress=st.integers(0, 10), note=NOTES)
    def add_or_replace(self, day: date, stress: int, note: str) -> None:
        STATS["add_or_replace"] += 1
        self._open().entries.upsert(DailyEntry(day=day, stress=stress, note=note))
        self.model[day] = (stress, note)

    @precondition(lambda self: self.vault is not None and bool(self.model))
    @rule(data=st.data(), note=NOTES)
    def edit(self, data: st.DataObject, note: str) -> None:
        STATS["edit"] += 1
        day = data.draw(st.sampled_from(sorted(self.model)))
        vault = self._open()
        entry = vault.entries.get(day)
        assert entry is not None
        stress = (self.model[day][0] + 1) % 11
        vault.entries.upsert(DailyEntry(day=day, stress=stress, note=note,
                                        created_at=entry.created_at))
        self.model[day] = (stress, note)

    @precondition(lambda self: self.vault is not None)
    @rule(day=DAYS)
    def delete(self, day: date) -> None:
        STATS["delete"] += 1
        deleted = self._open().entries.delete(day)
        assert (deleted is not None) == (day in self.model)
        self.model.pop(day, None)

    # -- lock / unlock -------------------------------------------------------------------

    @precondition(lambda self: self.vault is not None)
    @rule()
    def lock(self) -> None:
        STATS["lock"] += 1
        self._open().close()
        self.vault = None

    @precondition(lambda self: self.vault is None)
    @rule(nfd=st.booleans(), wrong_first=st.booleans())
    def unlock(self, nfd: bool, wrong_first: bool) -> None:
        STATS["unlock"] += 1
        if wrong_first:
            wrong = next(p for p in PASSPHRASES if p != self.passphrase)
            with pytest.raises(WrongPassphraseError):
                Vault.open(self.paths.vault, wrong)
        form = unicodedata.normalize("NFD", self.passphrase) if nfd else self.passphrase
        self.vault = Vault.open(self.paths.vault, form)

    # -- passphrase, backups, restore -----------------------------------------------------

    @precondition(lambda self: self.rekeys < MAX_REKEYS)
    @rule(new=st.sampled_from(PASSPHRASES))
    def rekey(self, new: str) -> None:
        STATS["rekey"] += 1
        self.rekeys += 1
        was_open = self.vault is not None
        if self.vault is not None:
            self.vault.close()
            self.vault = None
        if new == self.passphrase:
            with pytest.raises(PassphraseRejected):
                change_passphrase(self.paths.vault, self.passphrase, new)
        else:
            result = change_passphrase(self.paths.vault, self.passphrase, new)
            assert not result.already_changed and result.backups_skipped == ()
            self.passphrase = new
            assert all(key_opens_backup(b.path, new) for b in list_backups(self.paths))
        if was_open:
            self.vault = Vault.open(self.paths.vault, self.passphrase)

    @precondition(lambda self: self.vault is not None and len(self.backups) < MAX_BACKUPS)
    @rule()
    def backup(self) -> None:
        STATS["backup"] += 1
        made = create_backup(self._open(), self.paths, "manual", self._tick())
        self.backups[made.path] = dict(self.model)

    @precondition(lambda self: 0 < len(self.backups) < 2 * MAX_BACKUPS)
    @rule(data=st.data())
    def restore_backup(self, data: st.DataObject) -> None:
        STATS["restore_backup"] += 1
        chosen = data.draw(st.sampled_from(sorted(self.backups)))
        was_open = self.vault is not None
        if self.vault is not None:
            self.vault.close()
            self.vault = None
        result = restore(self.paths, chosen, self.passphrase, self._tick())
        assert result.entries == len(self.backups[chosen])
        assert result.kept is not None and result.kept.kind == "pre-restore"
        self.backups[result.kept.path] = self.model
        self.model = dict(self.backups[chosen])
        if was_open:
            self.vault = Vault.open(self.paths.vault, self.passphrase)

    # -- the property --------------------------------------------------------------------

    @invariant()
    def vault_equals_model(self) -> None:
        if self.vault is None:
            return
        stored = {e.day: (e.stress, e.note) for e in self.vault.entries.all()}
        assert stored == self.model

    @invariant()
    def backups_on_disk_match(self) -> None:
        assert {b.path for b in list_backups(self.paths)} == set(self.backups)


SETTINGS = settings(
    max_examples=size(4, 200), stateful_step_count=size(25, 50), deadline=None,
    suppress_health_check=[HealthCheck.too_slow], derandomize=not FULL, database=None,
)
RULES = ("add_or_replace", "edit", "delete", "lock", "unlock", "rekey", "backup",
         "restore_backup")


def test_vault_matches_dict_model(report: Callable[[str], None]) -> None:
    STATS.clear()
    run_state_machine_as_test(VaultMachine, settings=SETTINGS)
    steps = sum(STATS[r] for r in RULES)
    report(f"examples={STATS['examples']} steps={steps} mismatches=0 "
           + " ".join(f"{r}={STATS[r]}" for r in RULES))
    assert STATS["examples"] >= SETTINGS.max_examples
    assert all(STATS[r] > 0 for r in RULES), STATS  # every operation was really exercised
