"""Golden fixture and cipher settings pin (SECURITY.md §b15).

tests/fixtures/golden-vault.db was written by sqlcipher3 0.6.4 (SQLCipher 4.19.0 community)
with the passphrase below (tests/fixtures/README.md). It must keep opening with the same
content: a dependency upgrade that changes SQLCipher's defaults fails here, not on a student's
machine. Never regenerate the fixture to make this pass.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import unicodedata
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "golden-vault.db"
PASSPHRASE = "golden fixture: Selfcare vault v1 — café"
FILE_SHA256 = "474667dcbd2c049d5ec890030e82106a524d00f573388d7eeda712eff3ee9855"
CONTENT_SHA256 = "ed27c96daea65e2c6fb816b123960a3ef3b5be0184340766eea68e947a1a6805"
CIPHER_SETTINGS = [
    "PRAGMA kdf_iter = 256000;",
    "PRAGMA cipher_page_size = 4096;",
    "PRAGMA cipher_use_hmac = 1;",
    "PRAGMA cipher_plaintext_header_size = 0;",
    "PRAGMA cipher_hmac_algorithm = HMAC_SHA512;",
    "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512;",
]
COLUMNS = ("day, stress, sleep_hours, study_hours, mood, energy, social, tags, note, "
           "created_at, updated_at")


def content_sha256(vault: object) -> str:
    from selfcare_app.data.vault import Vault

    assert isinstance(vault, Vault)
    rows = vault.connection.execute(f"SELECT {COLUMNS} FROM daily_entry ORDER BY day").fetchall()
    return hashlib.sha256(json.dumps([list(r) for r in rows], ensure_ascii=False)
                          .encode()).hexdigest()


def test_fixture_file_is_the_committed_one() -> None:
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == FILE_SHA256


def test_golden_vault_opens_with_pinned_settings_and_same_content(tmp_path: Path) -> None:
    from selfcare_app.data.vault import Vault

    copy = tmp_path / "vault.db"
    shutil.copyfile(FIXTURE, copy)  # opening sets WAL mode: never open the fixture in place
    with Vault.open(copy, PASSPHRASE) as vault:
        assert str(vault.pragma("cipher_version")).startswith("4.")
        settings = [r[0] for r in vault.connection.execute("PRAGMA cipher_settings")]
        assert settings == CIPHER_SETTINGS
        assert vault.pragma("kdf_iter") == "256000"
        assert vault.pragma("cipher_page_size") == "4096"
        assert vault.check(full=True) == []
        assert vault.entries.count() == 5
        assert vault.settings.get("display_name") == "Golden"
        assert content_sha256(vault) == CONTENT_SHA256


def test_golden_vault_opens_with_the_nfd_form_too(tmp_path: Path) -> None:
    from selfcare_app.data.vault import Vault

    copy = tmp_path / "vault.db"
    shutil.copyfile(FIXTURE, copy)
    nfd = unicodedata.normalize("NFD", PASSPHRASE)
    assert nfd != PASSPHRASE
    with Vault.open(copy, nfd) as vault:
        assert vault.entries.count() == 5


def test_new_vaults_use_the_same_settings(tmp_path: Path) -> None:
    from selfcare_app.data.vault import Vault

    with Vault.create(tmp_path / "vault.db", "a fresh strong passphrase 8") as vault:
        assert [r[0] for r in vault.connection.execute("PRAGMA cipher_settings")] == \
            CIPHER_SETTINGS
