"""Delete everything: the data function and the `delete-everything` CLI command."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.helpers import PASS, init_vault, run_cli
from tests.reliability.conftest import listing, make_vault, run_child


def _populate(data: Path) -> None:
    """A vault with a hot WAL (killed writer), a backup, window settings, cache, leftovers."""
    from selfcare_app.data.backups import create_backup
    from selfcare_app.data.vault import Vault
    from selfcare_app.paths import AppPaths

    paths = AppPaths(data)
    make_vault(paths.vault, days=2)
    with Vault.open(paths.vault, PASS) as vault:
        create_backup(vault, paths, "auto", datetime(2024, 1, 1, 8))
    run_child("writer", str(paths.vault), PASS, "3", "30", kill_after=0.2)
    paths.ui_settings.write_text("[MainWindow]\ngeometry=1\n")
    Path(f"{paths.ui_settings}.lock").write_text("")
    (paths.cache_dir / "matplotlib").mkdir(parents=True)
    (paths.cache_dir / "matplotlib" / "fontlist.json").write_text("{}")
    for leftover in ("vault.db.before-v2.bak", "vault.db.passwd-pending", "vault.db.restoring"):
        (data / leftover).write_bytes(b"x")


def test_delete_everything_removes_all_we_wrote_and_nothing_else(tmp_path: Path) -> None:
    from selfcare_app.data.erase import delete_everything, planned_removals
    from selfcare_app.paths import AppPaths

    data = tmp_path / "data"
    _populate(data)
    (data / "my-own-notes.txt").write_text("not Selfcare's")
    paths = AppPaths(data)
    assert Path(f"{paths.vault}-wal").exists()
    planned = planned_removals(paths)
    removed = delete_everything(paths)
    assert removed == planned and len(removed) >= 10
    assert listing(data) == {"my-own-notes.txt"}  # the student's own file stays

    (data / "my-own-notes.txt").unlink()
    _populate(data)
    delete_everything(paths)
    assert not data.exists()  # nothing else was there: the folder goes too


def test_cli_delete_everything_needs_the_typed_word(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_vault(data)
    assert run_cli(data, "backup").code == 0
    before = listing(data)

    for stdin, args in (("delete\n", ()), ("", ()), ("DELETE\n", ("--confirm", "yes"))):
        refused = run_cli(data, "delete-everything", *args, stdin=stdin)
        assert refused.code == 2 and "nothing was deleted" in refused.err
        assert listing(data) == before

    done = run_cli(data, "delete-everything", stdin="DELETE\n")
    assert done.code == 0, done.err
    assert not data.exists()
    assert run_cli(data, "show").code == 4  # no vault any more

    init_vault(data)
    assert run_cli(data, "delete-everything", "--confirm", "DELETE", stdin=None).code == 0
    assert not data.exists()
    nothing = run_cli(data, "delete-everything", "--confirm", "DELETE", stdin=None)
    assert nothing.code == 0 and "Nothing to delete" in nothing.out
