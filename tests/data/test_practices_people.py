"""Practices and My people against real SQLCipher vaults: storage, migration, export, import."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from selfcare_app.core.entry import DailyEntry, EntryValidationError, validate_entry
from selfcare_app.core.exchange import OnConflict, RowsRejectedError
from selfcare_app.core.people import Person, PersonError, validate_person
from selfcare_app.core.practices import DEFAULT_PRACTICES, PracticeListError
from selfcare_app.data.exchange import (
    apply_import,
    export_csv_bytes,
    export_json_bytes,
    parse_import,
    read_all,
)
from selfcare_app.data.migrations import MIGRATIONS, migrate
from selfcare_app.data.vault import Vault

TODAY = date(2026, 3, 1)
PASS = "correct horse battery"


def test_practices_are_their_own_field_on_the_day(vault: Vault) -> None:
    entry = validate_entry({"day": "2026-02-01", "practices": ["a walk", "A WALK", " a break "]},
                           TODAY)
    assert entry.practices == ("a walk", "a break") and entry.tags == ()
    vault.entries.upsert(entry)
    stored = vault.entries.get(date(2026, 2, 1))
    assert stored is not None and stored.practices == ("a walk", "a break")
    row = vault.connection.execute(
        "SELECT tags, practices FROM daily_entry WHERE day = '2026-02-01'").fetchone()
    assert json.loads(row[0]) == [] and json.loads(row[1]) == ["a walk", "a break"]
    assert [e.day for e in vault.entries.search("break")] == [date(2026, 2, 1)]


def test_a_practice_alone_is_a_valid_entry_and_bad_names_are_refused() -> None:
    assert validate_entry({"day": "2026-02-01", "practices": ["a walk"]}, TODAY).has_any_value()
    with pytest.raises(EntryValidationError) as info:
        validate_entry({"day": "2026-02-01", "practices": ["x" * 41]}, TODAY)
    assert "Practice" in info.value.errors["practices"]


def test_the_practice_list_defaults_then_is_the_students_own(vault: Vault) -> None:
    assert vault.practices.list() == DEFAULT_PRACTICES
    assert vault.practices.set(["Yoga", " a walk ", "yoga"]) == ("Yoga", "a walk")
    assert vault.practices.list() == ("Yoga", "a walk")
    with pytest.raises(PracticeListError):
        vault.practices.set([f"p{i}" for i in range(13)])
    assert vault.practices.list() == ("Yoga", "a walk")  # the old list stays


def test_people_add_update_delete(vault: Vault) -> None:
    sam = vault.people.add(validate_person(
        {"name": " Sam ", "kind": "friend", "contact": "text 555 0100"}, TODAY))
    assert sam.id is not None and sam.name == "Sam" and sam.position == 1
    dr = vault.people.add(Person(name="Dr Lee", kind="counselor", contact="Tue 5pm"))
    assert [p.name for p in vault.people.list()] == ["Sam", "Dr Lee"]
    vault.people.update(Person(**{**sam.__dict__, "last_talked": date(2026, 2, 28)}))
    got = vault.people.get(sam.id)
    assert got is not None and got.last_talked == date(2026, 2, 28)
    assert dr.id is not None and vault.people.delete(dr.id) == dr
    assert vault.people.delete(dr.id) is None
    assert [p.name for p in vault.people.list()] == ["Sam"]


def test_person_validation_reports_every_problem() -> None:
    with pytest.raises(PersonError) as info:
        validate_person({"name": "", "kind": "boss", "last_talked": "2030-01-01"}, TODAY)
    assert set(info.value.errors) == {"name", "kind", "last_talked"}


def test_the_schema_refuses_a_bad_person_row(vault: Vault) -> None:
    with pytest.raises(sqlcipher3.IntegrityError):
        vault.connection.execute(
            "INSERT INTO person (name, kind, created_at, updated_at) VALUES ('x', 'boss', '', '')")


def test_a_version_3_vault_migrates_keeping_its_entries(tmp_path: Path) -> None:
    con = sqlcipher3.connect(str(tmp_path / "v3.db"), isolation_level=None)
    con.execute(f"PRAGMA key = '{PASS}'")
    migrate(con, target=3)
    con.execute("INSERT INTO daily_entry (day, mood, tags, note, created_at, updated_at) "
                "VALUES ('2026-01-01', 5, '[\"gym\"]', '', 'x', 'x')")
    assert migrate(con) == len(MIGRATIONS)
    row = con.execute("SELECT tags, practices FROM daily_entry").fetchone()
    assert row == ('["gym"]', "[]")
    assert con.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    con.close()


def _fill(vault: Vault) -> None:
    vault.entries.upsert_many([
        DailyEntry(day=date(2026, 2, 1), mood=6, practices=("a walk",)),
        DailyEntry(day=date(2026, 2, 2), mood=4, tags=("exam",), practices=("a break", "=x;y")),
    ])
    vault.people.add(Person(name="Sam", kind="friend", contact="text 555",
                            last_talked=date(2026, 2, 20)))
    vault.people.add(Person(name="Peer group", kind="peer-group", note="Thursdays"))
    vault.practices.set(["a walk", "a break", "=x;y"])


def test_json_export_carries_practices_people_and_the_list(tmp_path: Path) -> None:
    a = Vault.create(tmp_path / "a" / "vault.db", PASS)
    b = Vault.create(tmp_path / "b" / "vault.db", PASS)
    try:
        _fill(a)
        data = export_json_bytes(a, "0.1.0")
        doc = json.loads(data)
        assert doc["version"] == 2  # version 1 files (no practices, no people) still import
        assert doc["entries"][1]["practices"] == ["a break", "=x;y"]
        assert [p["name"] for p in doc["people"]] == ["Sam", "Peer group"]
        assert doc["settings"]["practices"] == ["a walk", "a break", "=x;y"]
        report = apply_import(b, parse_import(data, "json", TODAY), OnConflict.KEEP, TODAY)
        assert report.counts["people"].added == 2
        assert read_all(b) == read_all(a)
        assert b.practices.list() == ("a walk", "a break", "=x;y")
        again = apply_import(b, parse_import(data, "json", TODAY), OnConflict.KEEP, TODAY)
        assert again.counts["people"].skipped == 2 and len(b.people.list()) == 2
    finally:
        a.close()
        b.close()


def test_csv_round_trip_keeps_practices_and_old_files_still_import(tmp_path: Path) -> None:
    a = Vault.create(tmp_path / "a" / "vault.db", PASS)
    b = Vault.create(tmp_path / "b" / "vault.db", PASS)
    try:
        _fill(a)
        data = export_csv_bytes(a)
        assert data.decode("utf-8-sig").splitlines()[0].endswith(",note,practices")
        apply_import(b, parse_import(data, "csv", TODAY), OnConflict.KEEP, TODAY)
        assert b.entries.all() == a.entries.all()
        old = b"day,stress,sleep_hours,study_hours,mood,energy,social,tags,note\n" \
              b"2026-02-05,3,,,,,,gym,\n"
        apply_import(b, parse_import(old, "auto", TODAY), OnConflict.KEEP, TODAY)
        got = b.entries.get(date(2026, 2, 5))
        assert got is not None and got.practices == ()
    finally:
        a.close()
        b.close()


def test_merge_joins_practices(vault: Vault) -> None:
    vault.entries.upsert(DailyEntry(day=date(2026, 2, 1), mood=6, practices=("a walk",)))
    text = json.dumps({"format": "selfcare-export", "version": 1, "entries": [
        {"day": "2026-02-01", "practices": ["A walk", "a break"]}]})
    apply_import(vault, parse_import(text.encode(), "json", TODAY), OnConflict.MERGE, TODAY)
    got = vault.entries.get(date(2026, 2, 1))
    assert got is not None and got.practices == ("a walk", "a break")


def test_bad_people_in_a_file_are_rejected_with_their_path() -> None:
    text = json.dumps({"format": "selfcare-export", "version": 1, "people": [
        {"name": "Sam", "kind": "friend"}, {"name": "", "kind": "friend"},
        {"name": "Al", "kind": "boss"}, {"name": "Sam", "kind": "friend"}]})
    with pytest.raises(RowsRejectedError) as info:
        parse_import(text.encode(), "json", TODAY)
    assert [r.where for r in info.value.rejections] == ["people[1]", "people[2]", "people[3]"]


def test_own_support_for_reads_people_practices_and_entries(vault: Vault) -> None:
    from selfcare_app.data.people import own_support_for

    vault.people.add(Person(name="Sam", kind="friend"))
    vault.entries.upsert_many(
        DailyEntry(day=date(2026, 1, 1 + i), stress=2 if i % 2 else 8,
                   practices=("a walk",) if i % 2 else ()) for i in range(20))
    support = own_support_for(vault, "R5")
    assert [p.name for p in support.people] == ["Sam"]
    assert support.lines[-1] == "In your own logs, a walk went with better days."
