"""ResourceRepository on real SQLCipher files: own entries, favourites, search, and campus packs
imported in one transaction (new, newer, same date, older)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from selfcare_app.core.resource import ResourceData
from selfcare_app.core.resource_pack import ResourcePack, load_pack, validate_pack
from selfcare_app.data.errors import VaultError
from selfcare_app.data.resources import (
    OlderPackError,
    ResourceNotEditableError,
    ResourceNotFoundError,
)
from selfcare_app.data.vault import Vault

SAMPLE = Path(str(files("selfcare_app") / "resources" / "packs" / "sample-university.json"))
PASS = "correct horse battery"


def make_pack(updated: str, resources: list[dict[str, Any]],
              campus: str = "Test U") -> ResourcePack:
    return validate_pack({"format": "selfcare-resource-pack", "version": 1, "campus": campus,
                          "updated": updated, "resources": resources})


V1 = [
    {"id": "couns", "name": "Counseling", "category": "counseling", "phone": "555 0100"},
    {"id": "group", "name": "Study group", "category": "peer-learning", "meets": "Tue 18:00"},
    {"id": "old", "name": "Old helpdesk", "category": "academic"},
]
V2 = [
    {"id": "couns", "name": "Counseling Center", "category": "counseling", "phone": "555 0101"},
    {"id": "group", "name": "Study group", "category": "peer-learning", "meets": "Tue 18:00"},
    {"id": "new", "name": "Mentoring", "category": "mentorship"},
]


def mine(vault: Vault) -> ResourceData:
    return ResourceData(name="My therapist", category="counseling", phone="555 0199",
                        verified_on=date(2026, 10, 1))


def names(vault: Vault, **kw: Any) -> list[str]:
    return [r.name for r in vault.resources.list(**kw)]


def test_empty_vault_has_no_resources(vault: Vault) -> None:
    assert vault.resources.list() == [] and vault.resources.count() == 0
    assert vault.resources.packs() == []


def test_add_edit_delete_own_entry_survives_reopen(vault: Vault, vault_path: Path) -> None:
    added = vault.resources.add(mine(vault))
    assert added.source == "user" and added.editable and added.data == mine(vault)
    edited = vault.resources.update(added.id, replace(mine(vault), hours="Mon 9-5"))
    assert edited.data.hours == "Mon 9-5" and edited.created_at == added.created_at
    vault.close()
    with Vault.open(vault_path, PASS) as again:
        assert again.resources.get(added.id).data.hours == "Mon 9-5"
        deleted = again.resources.delete(added.id)
        assert deleted.name == "My therapist"
        with pytest.raises(ResourceNotFoundError):
            again.resources.get(added.id)
        restored = again.resources.restore(deleted)
        assert restored.data == deleted.data


def test_missing_ids(vault: Vault) -> None:
    for call in (lambda: vault.resources.get(99), lambda: vault.resources.delete(99),
                 lambda: vault.resources.update(99, mine(vault)),
                 lambda: vault.resources.set_favourite(99, True)):
        with pytest.raises(ResourceNotFoundError):
            call()


def test_pack_entries_cannot_be_edited_or_deleted(vault: Vault) -> None:
    vault.resources.import_pack(make_pack("2026-01-01", V1))
    pack_entry = vault.resources.list()[0]
    assert not pack_entry.editable
    with pytest.raises(ResourceNotEditableError, match="Test U pack"):
        vault.resources.update(pack_entry.id, mine(vault))
    with pytest.raises(ResourceNotEditableError):
        vault.resources.delete(pack_entry.id)
    assert vault.resources.get(pack_entry.id).data == pack_entry.data


def test_list_order_category_filter_favourites_and_search(vault: Vault) -> None:
    vault.resources.import_pack(make_pack("2026-01-01", V1))
    own = vault.resources.add(mine(vault))
    assert names(vault) == ["Counseling", "My therapist", "Study group", "Old helpdesk"]
    assert names(vault, category="counseling") == ["Counseling", "My therapist"]
    assert [r.name for r in vault.resources.by_category("academic")] == ["Old helpdesk"]
    vault.resources.set_favourite(own.id, True)
    assert [r.name for r in vault.resources.favourites()] == ["My therapist"]
    assert [r.name for r in vault.resources.search("tue")] == ["Study group"]
    assert [r.name for r in vault.resources.search("peer learning")] == ["Study group"]
    assert [r.name for r in vault.resources.search("0199")] == ["My therapist"]
    assert vault.resources.search("counseling", category="academic") == []
    assert vault.resources.counts_by_category() == {"counseling": 2, "peer-learning": 1,
                                                   "academic": 1}


def test_import_new_pack(vault: Vault) -> None:
    result = vault.resources.import_pack(make_pack("2026-01-01", V1))
    assert result.status == "new" and result.added == ["Counseling", "Study group",
                                                       "Old helpdesk"]
    assert "3 added" in result.summary()
    stored = vault.resources.list()
    assert {r.source for r in stored} == {"pack"}
    assert {r.pack_key for r in stored} == {"couns", "group", "old"}
    [info] = vault.resources.packs()
    assert (info.campus, info.updated, info.count) == ("Test U", date(2026, 1, 1), 3)


def test_newer_pack_updates_adds_removes_and_keeps_own_and_favourites(vault: Vault) -> None:
    vault.resources.import_pack(make_pack("2026-01-01", V1))
    own = vault.resources.add(mine(vault))
    couns = next(r for r in vault.resources.list() if r.pack_key == "couns")
    vault.resources.set_favourite(couns.id, True)

    result = vault.resources.import_pack(make_pack("2026-06-01", V2, campus="test u"))
    assert result.status == "updated" and result.previous == date(2026, 1, 1)
    assert (result.added, result.changed, result.removed, result.unchanged) == (
        ["Mentoring"], ["Counseling Center"], ["Old helpdesk"], 1)

    after = {r.pack_key: r for r in vault.resources.list() if r.source == "pack"}
    assert set(after) == {"couns", "group", "new"}
    assert after["couns"].id == couns.id and after["couns"].favourite  # same row, mark kept
    assert after["couns"].data.phone == "555 0101"
    assert vault.resources.get(own.id).data == mine(vault)  # own entry untouched
    [info] = vault.resources.packs()
    assert (info.campus, info.updated, info.count) == ("Test U", date(2026, 6, 1), 3)


def test_older_pack_is_refused_and_changes_nothing(vault: Vault) -> None:
    vault.resources.import_pack(make_pack("2026-06-01", V2))
    before = vault.resources.list()
    with pytest.raises(OlderPackError) as info:
        vault.resources.import_pack(make_pack("2026-01-01", V1))
    assert "dated 2026-01-01, older than the one you already have (2026-06-01)" in str(info.value)
    assert vault.resources.list() == before
    assert vault.resources.packs()[0].updated == date(2026, 6, 1)


def test_same_date_is_reapplied_idempotently(vault: Vault) -> None:
    first = vault.resources.import_pack(make_pack("2026-01-01", V1))
    again = vault.resources.import_pack(make_pack("2026-01-01", V1))
    assert again.status == "same" and again.total_changes == 0 and again.unchanged == 3
    assert "already up to date" in again.summary()
    assert len(vault.resources.list()) == len(first.added)
    fixed = make_pack("2026-01-01", [{**V1[0], "hours": "9-5"}, *V1[1:]])
    result = vault.resources.import_pack(fixed)
    assert result.changed == ["Counseling"] and "re-applied" in result.summary()


def test_two_campuses_are_independent(vault: Vault) -> None:
    vault.resources.import_pack(make_pack("2026-01-01", V1, campus="A"))
    vault.resources.import_pack(make_pack("2026-01-01", V1, campus="B"))
    assert vault.resources.count() == 6
    vault.resources.import_pack(make_pack("2026-02-01", V2[:1], campus="A"))
    assert vault.resources.count() == 4
    assert vault.resources.remove_pack("b") == 3
    assert [p.campus for p in vault.resources.packs()] == ["A"]
    assert vault.resources.remove_pack("nope") == 0


def test_dry_run_reports_and_writes_nothing(vault: Vault) -> None:
    result = vault.resources.import_pack(make_pack("2026-01-01", V1), dry_run=True)
    assert result.dry_run and len(result.added) == 3 and "would be added" in result.summary()
    assert vault.resources.count() == 0 and vault.resources.packs() == []


def test_failed_import_rolls_back_everything(vault: Vault,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    vault.resources.import_pack(make_pack("2026-01-01", V1))
    before = vault.resources.list()
    repo = vault.resources
    real_apply = repo._apply

    def apply_then_fail(con: Any, pack: Any, plan: Any) -> None:
        real_apply(con, pack, plan)
        con.execute("INSERT INTO resource (name) VALUES (NULL)")  # NOT NULL: fails mid-import

    monkeypatch.setattr(repo, "_apply", apply_then_fail)
    with pytest.raises(VaultError):
        repo.import_pack(make_pack("2026-06-01", V2))
    assert vault.resources.list() == before
    assert vault.resources.packs()[0].updated == date(2026, 1, 1)


def test_sample_pack_imports(vault: Vault) -> None:
    pack = load_pack(SAMPLE)
    result = vault.resources.import_pack(pack)
    assert len(result.added) == len(pack.resources) == vault.resources.count()
    groups = vault.resources.by_category("peer-learning")
    assert groups and all(g.data.meets for g in groups)
