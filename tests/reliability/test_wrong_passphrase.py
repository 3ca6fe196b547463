"""Wrong passphrases (SECURITY.md §b6): 20 near misses, all classified as wrong; NFC/NFD."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.reliability.conftest import listing, make_vault, sha256

# Composed (NFC) form; "ü", "ß" and "é" have decomposed forms or case-folding traps.
RIGHT = "Grüße, café au lait 42"

VARIANTS: list[str] = [
    RIGHT[:-1] + "3",                      # off by one character
    RIGHT[:-1],                            # one character missing
    RIGHT + "2",                           # one character extra
    RIGHT[0].lower() + RIGHT[1:],          # case change
    RIGHT.upper(),                         # caps lock
    RIGHT + " ",                           # trailing space
    " " + RIGHT,                           # leading space
    (RIGHT * 50)[:1000],                   # 1,000 characters
    RIGHT + " 🙂",                          # emoji
    RIGHT.replace(",", "'"),               # single quote (SQL literal quoting)
    RIGHT.replace(",", '"'),               # double quote
    "x'; PRAGMA key = '" + RIGHT,          # an injection attempt
    RIGHT.replace(" ", "\\ "),             # backslashes
    RIGHT + "\t",                          # tab
    RIGHT.replace("a", "\u0430"),          # Cyrillic а that looks like Latin a
    RIGHT.replace("caf", "ca\u200bf"),     # zero-width space
    RIGHT.replace("ß", "ss"),              # case-folded ß
    "Gruse, cafe au lait 42",              # without accents
    RIGHT[::-1],                           # reversed
    RIGHT + RIGHT,                         # typed twice
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A vault made with the NFC passphrase, plus one backup so triage is exercised."""
    from selfcare_app.data.backups import create_backup
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    data = tmp_path / "data"
    make_vault(data / "vault.db", passphrase=RIGHT, days=3)
    with Vault.open(data / "vault.db", RIGHT) as vault:
        create_backup(vault, AppPaths(data), "auto", datetime(2024, 6, 1, 7))
    return data


def test_twenty_wrong_passphrases_are_classified_and_change_nothing(
        folder: Path, report: Callable[[str], None]) -> None:
    from selfcare_app.data.errors import WrongPassphraseError
    from selfcare_app.data.vault import Vault

    assert len(VARIANTS) == len(set(VARIANTS)) == 20
    assert all(unicodedata.normalize("NFC", v) != RIGHT for v in VARIANTS)
    before = {p: sha256(p) for p in folder.rglob("*") if p.is_file()}
    names = listing(folder)
    classified = 0
    for variant in VARIANTS:
        with pytest.raises(WrongPassphraseError) as caught:
            Vault.open(folder / "vault.db", variant)
        assert type(caught.value) is WrongPassphraseError  # not "damaged header"
        assert variant not in str(caught.value)
        classified += 1
    assert {p: sha256(p) for p in folder.rglob("*") if p.is_file()} == before
    assert listing(folder) == names  # 0 sidecar files, 0 new databases
    report(f"variants={len(VARIANTS)} classified_wrong={classified} damaged_header=0 "
           f"files_changed=0 sidecars_created=0")


def test_nfc_and_nfd_forms_both_open(folder: Path) -> None:
    from selfcare_app.data.vault import Vault

    nfd = unicodedata.normalize("NFD", RIGHT)
    assert nfd != RIGHT
    for form in (RIGHT, nfd):
        with Vault.open(folder / "vault.db", form) as vault:
            assert vault.entries.count() == 3


@pytest.mark.parametrize("bad", ["", "has a \x00 NUL"])
def test_empty_or_nul_passphrase_is_refused_before_keying(folder: Path, bad: str) -> None:
    from selfcare_app.data.errors import PassphraseRejected
    from selfcare_app.data.vault import Vault

    names = listing(folder)
    with pytest.raises(PassphraseRejected):
        Vault.open(folder / "vault.db", bad)
    assert listing(folder) == names


def test_cli_wrong_passphrase_exit_code_3(folder: Path) -> None:
    result = run_cli(folder, "show", stdin=VARIANTS[4] + "\n")
    assert result.code == 3
    assert result.err.count("\n") == 1 and "did not unlock" in result.err
    assert run_cli(folder, "show", stdin=unicodedata.normalize("NFD", RIGHT) + "\n").code == 0
