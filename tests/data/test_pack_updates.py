"""Pack updates a student and a centre can read, on real SQLCipher files: every change named
(old → new per field), re-checked entries, removed favourites, campus-name clashes, the centre's
order, schedules, and the lock-screen copy kept outside the vault."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from selfcare_app.core.crisis import campus_lines
from selfcare_app.core.resource_pack import ResourcePack, validate_pack
from selfcare_app.data import lock_help
from selfcare_app.data.erase import delete_everything, planned_removals
from selfcare_app.data.vault import Vault
from selfcare_app.paths import AppPaths


def make_pack(updated: str, resources: list[dict[str, Any]],
              campus: str = "Test U") -> ResourcePack:
    return validate_pack({"format": "selfcare-resource-pack", "version": 2, "campus": campus,
                          "updated": updated, "resources": resources})


SLOT = {"weekday": "tuesday", "start": "18:00", "end": "19:30",
        "term_start": "2026-09-07", "term_end": "2026-12-11"}
V1 = [
    {"id": "security", "name": "Campus security", "category": "crisis", "phone": "555 0111",
     "verified_on": "2026-01-10"},
    {"id": "night", "name": "After-hours line", "category": "crisis", "phone": "555 0100",
     "verified_on": "2026-01-10"},
    {"id": "couns", "name": "Counseling", "category": "counseling", "phone": "555 0142",
     "verified_on": "2026-01-10"},
    {"id": "group", "name": "Study group", "category": "peer-learning",
     "meets": "Tue 18:00", "verified_on": "2026-01-10"},
    {"id": "old", "name": "Old helpdesk", "category": "academic", "verified_on": "2026-01-10"},
]


def edition_two() -> list[dict[str, Any]]:
    v2 = [dict(item, verified_on="2026-08-20") for item in V1 if item["id"] != "old"]
    v2[2].update(name="Counseling Center", phone="555 0199",
                 description="Free and confidential.\nFirst visit: walk in.")
    v2[3]["schedule"] = [SLOT]
    v2.append({"id": "ombuds", "name": "Ombuds", "category": "other"})
    return v2


def test_changes_are_named_field_by_field_and_rechecks_are_not_updates(vault: Vault) -> None:
    vault.resources.import_pack(make_pack("2026-01-15", V1))
    result = vault.resources.import_pack(make_pack("2026-09-01", edition_two()), dry_run=True)
    assert result.added == ["Ombuds"] and result.removed == ["Old helpdesk"]
    assert result.changed == ["Counseling Center", "Study group"]
    assert result.rechecked == ["Campus security", "After-hours line"]
    assert result.summary() == ("Test U: pack of 2026-09-01 replaces 2026-01-15: 1 would be "
                                "added, 2 would be updated, 1 would be removed, 2 re-checked "
                                "(details unchanged), 0 unchanged.")
    assert result.lines() == [
        "Added (1):",
        "  + Ombuds",
        "Changed (2):",
        "  ~ Counseling Center",
        "      name: “Counseling” → “Counseling Center”",
        "      description: (none) → “Free and confidential. / First visit: walk in.”",
        "      phone: “555 0142” → “555 0199”",
        "      verified_on: “2026-01-10” → “2026-08-20”",
        "  ~ Study group",
        "      schedule: (none) → “Tuesdays 18:00–19:30 (2026-09-08 to 2026-12-11)”",
        "      verified_on: “2026-01-10” → “2026-08-20”",
        "Removed (1):",
        "  - Old helpdesk",
        "Re-checked, details unchanged (2):",
        "  = Campus security",
        "  = After-hours line",
    ]
    assert vault.resources.count() == 5  # a dry run changes nothing
    vault.resources.import_pack(make_pack("2026-09-01", edition_two()))
    stored = {r.pack_key: r for r in vault.resources.list()}
    assert stored["security"].data.verified_on.isoformat() == "2026-08-20"  # type: ignore[union-attr]
    assert stored["group"].data.schedule[0].weekday == 1
    again = vault.resources.import_pack(make_pack("2026-09-01", edition_two()))
    assert again.total_changes == 0 and again.rechecked == [] and again.unchanged == 5


def test_removed_favourite_is_stated_and_can_be_kept_as_own_contact(vault: Vault) -> None:
    vault.resources.import_pack(make_pack("2026-01-15", V1))
    old = next(r for r in vault.resources.list() if r.pack_key == "old")
    vault.resources.set_favourite(old.id, True)
    preview = vault.resources.import_pack(make_pack("2026-09-01", edition_two()), dry_run=True)
    assert preview.removed_favourites == ["Old helpdesk"]
    assert "  - Old helpdesk (one of your favourites)" in preview.lines()
    kept = vault.resources.import_pack(make_pack("2026-09-01", edition_two()),
                                       keep_favourites=True)
    assert "  - Old helpdesk (one of your favourites: kept as your own contact)" in kept.lines()
    mine = vault.resources.get(old.id)
    assert mine.source == "user" and mine.favourite and mine.pack_campus is None
    assert mine.editable


def test_a_campus_name_typo_with_the_same_ids_is_flagged(vault: Vault) -> None:
    vault.resources.import_pack(make_pack("2026-01-15", V1))
    typo = vault.resources.import_pack(make_pack("2026-09-01", V1, campus="Test Uni"),
                                       dry_run=True)
    assert typo.clash is not None and typo.clash.stored_campus == "Test U"
    assert typo.clash.shared_ids == 5
    assert typo.lines()[0].startswith("Note: 5 id(s) in this pack already belong to the pack "
                                      "from “Test U”, but this one says “Test Uni”.")
    other = vault.resources.import_pack(
        make_pack("2026-09-01", [{"id": "x", "name": "X", "category": "other"}], "Elsewhere"),
        dry_run=True)
    assert other.clash is None
    same = vault.resources.import_pack(make_pack("2026-09-01", V1, campus="test u"),
                                       dry_run=True)
    assert same.clash is None  # the same campus, any case


def test_remove_pack_keeps_own_entries(vault: Vault) -> None:
    from selfcare_app.core.resource import ResourceData

    vault.resources.import_pack(make_pack("2026-01-15", V1))
    vault.resources.add(ResourceData(name="Mine", category="crisis", phone="555 0000"))
    assert vault.resources.find_pack("TEST U") is not None
    assert vault.resources.remove_pack("test u") == 5
    assert [r.name for r in vault.resources.list()] == ["Mine"]
    assert vault.resources.packs() == [] and vault.resources.remove_pack("Test U") == 0


def test_get_help_now_keeps_the_pack_order_favourites_first(vault: Vault) -> None:
    from selfcare_app.core.resource import ResourceData

    vault.resources.import_pack(make_pack("2026-01-15", V1))
    assert [r.name for r in vault.resources.campus_crisis()] == ["Campus security",
                                                                 "After-hours line"]
    night = next(r for r in vault.resources.list() if r.pack_key == "night")
    vault.resources.set_favourite(night.id, True)
    vault.resources.add(ResourceData(name="A friend", category="crisis", phone="555 0001"))
    lines = campus_lines(vault.resources.by_category("crisis"))
    assert [ln.name for ln in lines] == ["After-hours line", "Campus security", "A friend"]
    # A new edition that moves the after-hours line first is followed (a reorder is no change).
    reordered = [V1[1], V1[0], *V1[2:]]
    result = vault.resources.import_pack(make_pack("2026-02-01", reordered))
    assert result.total_changes == 0
    vault.resources.set_favourite(night.id, False)
    assert [r.name for r in vault.resources.campus_crisis("Test U")] == ["After-hours line",
                                                                         "Campus security"]


def test_lock_screen_copy_is_opt_in_private_and_follows_the_vault(vault: Vault) -> None:
    data_dir = vault.path.parent
    path = lock_help.path_in(data_dir)
    vault.settings.set("region", "us")
    vault.resources.import_pack(make_pack("2026-01-15", V1))
    assert lock_help.load(data_dir).lines() == []  # no opt-in: no campus lines outside
    assert lock_help.load(data_dir).region == "US"  # the chosen region is kept
    vault.resources.set_lock_screen("test u", True)
    copy = lock_help.load(data_dir)
    assert copy.shows("Test U") and [ln.name for ln in copy.lines()] == [
        "Campus security", "After-hours line"]
    assert copy.lines()[0].phone == "555 0111" and copy.lines()[0].source == "Test U"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "Counseling" not in text and "Study group" not in text  # crisis entries only
    # A newer edition refreshes the copy; removing the pack drops it.
    v2 = [dict(V1[1], phone="555 0999"), V1[0]]
    vault.resources.import_pack(make_pack("2026-03-01", v2))
    assert [(ln.name, ln.phone) for ln in lock_help.load(data_dir).lines()] == [
        ("After-hours line", "555 0999"), ("Campus security", "555 0111")]
    vault.resources.remove_pack("Test U")
    assert lock_help.load(data_dir).lines() == [] and lock_help.load(data_dir).region == "US"
    assert not list(data_dir.glob(".lock-help*"))  # no temp files left behind


def test_opting_out_and_damaged_files(vault: Vault) -> None:
    data_dir = vault.path.parent
    vault.resources.import_pack(make_pack("2026-01-15", V1))
    vault.resources.set_lock_screen("Test U", True)
    vault.resources.set_lock_screen("Test U", False)
    assert not lock_help.load(data_dir).shows("Test U")
    assert not lock_help.path_in(data_dir).exists()  # nothing left to keep
    for damaged in (b"{", b"[]", json.dumps({"format": "x"}).encode(), b"\xff" * 10,
                    json.dumps({"format": "selfcare-lock-help", "region": 5,
                                "campuses": [{"campus": "U", "lines": [{"name": 3}, "x"]}]})
                    .encode()):
        lock_help.path_in(data_dir).write_bytes(damaged)
        loaded = lock_help.load(data_dir)
        assert loaded.lines() == [] and loaded.region == ""


def test_delete_everything_removes_the_device_file(vault: Vault, tmp_path: Path) -> None:
    data_dir = vault.path.parent
    vault.resources.import_pack(make_pack("2026-01-15", V1))
    vault.resources.set_lock_screen("Test U", True)
    vault.close()
    paths = AppPaths(data_dir)
    target = lock_help.path_in(data_dir)
    assert target in planned_removals(paths)
    delete_everything(paths)
    assert not target.exists()


def test_the_resources_list_keeps_each_packs_order(vault: Vault) -> None:
    from selfcare_app.core.resource import ResourceData

    vault.resources.import_pack(make_pack("2026-01-15", V1))
    vault.resources.add(ResourceData(name="A friend", category="crisis", phone="555 0001"))
    assert [r.name for r in vault.resources.by_category("crisis")] == [
        "Campus security", "After-hours line", "A friend"]


def test_own_crisis_contacts_never_leave_the_vault(vault: Vault) -> None:
    from selfcare_app.core.resource import ResourceData

    data_dir = vault.path.parent
    vault.resources.add(ResourceData(name="CANARY my therapist", category="crisis",
                                     phone="555 0002"))
    vault.settings.set("region", "UK")
    vault.resources.import_pack(make_pack("2026-01-15", V1))
    assert not lock_help.has_lines(data_dir)  # region only: the file isn't even parsed
    vault.resources.set_lock_screen("Test U", True)
    assert lock_help.has_lines(data_dir)
    vault.resources.import_pack(make_pack("2026-02-01", V1))
    assert b"CANARY" not in lock_help.path_in(data_dir).read_bytes()
    assert [ln.name for ln in lock_help.load(data_dir).lines()] == ["Campus security",
                                                                    "After-hours line"]
