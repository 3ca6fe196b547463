"""Issue 13: settings in an import file are validated by the typed model (exit 5 with the
JSON path, nothing imported), and a bad stored value never breaks unlock or Preferences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import PASS, init_vault, run_cli


@pytest.mark.parametrize("value", [0, -5, 1e300, "abc", 121])
def test_import_refuses_out_of_range_settings_with_the_json_path(tmp_path: Path,
                                                                 value: object) -> None:
    data = tmp_path / "data"
    init_vault(data)
    f = tmp_path / "settings.json"
    f.write_text(json.dumps({"format": "selfcare-export", "version": 1,
                             "settings": {"auto_lock_minutes": value}}))
    r = run_cli(data, "import", str(f))
    assert r.code == 5, (r.out, r.err)
    assert "settings.auto_lock_minutes" in r.err and "1 to 120" in r.err
    assert "nothing was imported" in r.err.lower() and "Traceback" not in r.err


def test_a_bad_stored_value_reads_as_the_default(tmp_path: Path) -> None:
    from selfcare_app.data.vault import Vault

    data = tmp_path / "data"
    init_vault(data)
    with Vault.open(data / "vault.db", PASS) as vault:
        with vault.transaction() as con:  # as an older version's unvalidated import left it
            con.executemany("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                            [("auto_lock_minutes", "1e300"), ("region", "[1, 2]"),
                             ("display_name", "not json")])
        assert vault.settings.get("auto_lock_minutes") == 5
        values = vault.settings.all()
        assert values["auto_lock_minutes"] == 5 and values["region"] == ""
        assert values["display_name"] == ""
        with pytest.raises(ValueError, match="settings.auto_lock_minutes"):
            vault.settings.set("auto_lock_minutes", 0)


def test_preferences_and_unlock_survive_bad_stored_values(qtbot: object, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcare_app.app import create_window
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(tmp_path / "data")
    init_vault(paths.data_dir)
    with Vault.open(paths.vault, PASS) as vault, vault.transaction() as con:
        con.execute("INSERT OR REPLACE INTO setting (key, value) VALUES "
                    "('auto_lock_minutes', '\"abc\"')")
    monkeypatch.setenv("SELFCARE_TODAY", "2026-11-25")
    win = create_window(paths)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()  # type: ignore[attr-defined]
    lock = win.lock_screen  # type: ignore[attr-defined]
    lock.passphrase.setText(PASS)
    lock.submit.click()
    qtbot.waitUntil(lambda: win.session.is_unlocked and win.main_area is not None,  # type: ignore[attr-defined]
                    timeout=10_000)
    dialog = win.preferences_dialog()  # type: ignore[attr-defined]
    assert dialog.auto_lock.value() == 5
    dialog.close()
    win.close()  # type: ignore[attr-defined]
