"""Export and import against real SQLCipher vaults: round trips, atomicity, dry runs, files."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import DailyEntry, EntryValidationError, validate_entry
from selfcare_app.core.exchange import (
    FileFormatError,
    FileTooLargeError,
    OnConflict,
    RowsRejectedError,
)
from selfcare_app.data.exchange import (
    apply_import,
    atomic_write,
    export_csv_bytes,
    export_json_bytes,
    export_to_file,
    import_file,
    parse_import,
    read_all,
    read_import_file,
)
from selfcare_app.data.vault import Vault

TODAY = date(2026, 3, 1)
PASS = "correct horse battery"
# Round trips per format: 25 by default; SELFCARE_FUZZ_EXAMPLES=2000 gives SECURITY.md's 500.
ROUND_TRIPS = max(1, int(os.environ.get("SELFCARE_FUZZ_EXAMPLES", "100")) // 4)
TABLES = ("daily_entry", "assessment", "finding", "safety_event", "quiet_period", "setting")


def clear(vault: Vault) -> None:
    with vault.transaction() as con:
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM resource WHERE source = 'user'")
        con.execute("DELETE FROM person")


def add_records(vault: Vault, findings: int = 1, user_resources: int = 1) -> None:
    # Raw SQL, so this test depends only on the schema, not on other repositories' APIs.
    a = Assessment("who5", "1", datetime(2026, 1, 10, 8, 0), (3, 3, 2, 2, 3), 52.0, "ok",
                   MappingProxyType({"x": 1.0}))
    with vault.transaction() as con:
        con.execute("INSERT INTO assessment (instrument, instrument_version, taken_at, answers, "
                    "score, band, subscores) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (a.instrument, a.instrument_version, a.taken_at.isoformat(),
                     json.dumps(list(a.answers)), a.score, a.band, json.dumps(dict(a.subscores))))
        con.execute("INSERT INTO safety_event (at, source, detail) VALUES (?, ?, ?)",
                    ("2026-01-11T22:15:00", "not-safe", ""))
        for i in range(findings):
            con.execute(
                "INSERT INTO finding (rule, day, window_start, window_end, evidence, message, "
                "state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (f"R{i + 1}", "2026-01-12", "2026-01-06", "2026-01-12",
                 json.dumps({"points": [{"day": "2026-01-06", "sleep_hours": 5.5}], "tier": 1,
                             "changes": [["2026-01-12T07:00:00+00:00", "seen"]]}),
                 "Sleep was short.",
                 "seen", "2026-01-12T07:00:00+00:00"))
        con.execute("INSERT INTO quiet_period (start_day, end_day, label) VALUES (?, ?, ?)",
                    ("2026-05-01", "2026-05-14", "Finals"))
        for i in range(user_resources):
            con.execute(
                "INSERT INTO resource (name, category, phone, source, favourite, created_at, "
                "updated_at) VALUES (?, 'mentorship', '+44 20 0000', 'user', 1, ?, ?)",
                (f"Dr Mentor {i}", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00"))
        con.execute("INSERT INTO person (name, kind, contact, last_talked, note, position, "
                    "created_at, updated_at) VALUES ('Sam', 'friend', 'text 555 0100', "
                    "'2026-01-20', '', 1, '2026-01-01T00:00:00+00:00', "
                    "'2026-01-01T00:00:00+00:00')")
    vault.settings.set("region", "uk")
    vault.settings.set("practices", ["a walk", "a break"])


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, Vault]]:
    folder = tmp_path_factory.mktemp("pair")
    a = Vault.create(folder / "a" / "vault.db", PASS)
    b = Vault.create(folder / "b" / "vault.db", PASS)
    yield a, b
    a.close()
    b.close()


# -- strategies ------------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn")),
                max_size=25)


@st.composite
def entries(draw: st.DrawFn) -> DailyEntry:
    sleep = draw(st.none() | st.integers(0, 64).map(lambda k: k * 0.25))
    study_max = 96 - int((sleep or 0) * 4)
    values: dict[str, Any] = {
        "day": draw(st.dates(date(1970, 1, 1), TODAY)),
        "stress": draw(st.none() | st.integers(0, 10)),
        "sleep_hours": sleep,
        "study_hours": draw(st.none() | st.integers(0, study_max).map(lambda k: k * 0.25)),
        "mood": draw(st.none() | st.integers(0, 10)),
        "energy": draw(st.none() | st.integers(0, 10)),
        "social": draw(st.none() | st.integers(0, 2)),
        "tags": draw(st.lists(_TEXT.map(lambda t: t[:40]), max_size=4)),
        "practices": draw(st.lists(st.sampled_from(["a walk", "a break", "A;B\\c", "=sum"]),
                                   max_size=3)),
        "note": draw(st.text(max_size=200).filter(lambda t: all(
            not "\ud800" <= ch <= "\udfff" for ch in t))),
    }
    if not any(v is not None for k, v in values.items()
               if k not in ("day", "tags", "note", "practices")):
        values["mood"] = 5  # an entry needs at least one value
    try:
        return validate_entry(values, TODAY)
    except EntryValidationError:  # rare: e.g. a tag that NFC makes longer than 40 characters
        assume(False)
        raise


# -- round trips -----------------------------------------------------------------------------


@settings(max_examples=ROUND_TRIPS, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@given(st.lists(entries(), max_size=12, unique_by=lambda e: e.day))
def test_json_export_then_import_preserves_everything(pair: tuple[Vault, Vault],
                                                      days: list[DailyEntry]) -> None:
    a, b = pair
    clear(a)
    clear(b)
    a.entries.upsert_many(days)
    add_records(a)
    data = export_json_bytes(a, "0.1.0")
    report = apply_import(b, parse_import(data, "auto", TODAY), OnConflict.KEEP, TODAY)
    before, after = read_all(a), read_all(b)
    assert after == before
    # timestamps are not part of DailyEntry equality; they must survive too
    assert [(e.created_at, e.updated_at) for e in after.entries] == \
        [(e.created_at, e.updated_at) for e in before.entries]
    assert report.counts["entries"].added == len(days)
    # importing the same file again changes nothing: everything is skipped
    again = apply_import(b, parse_import(data, "json", TODAY), OnConflict.REPLACE, TODAY)
    assert again.total.added == again.total.updated == again.total.conflicts == 0
    assert read_all(b) == before


@settings(max_examples=ROUND_TRIPS, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@given(st.lists(entries(), max_size=12, unique_by=lambda e: e.day))
def test_csv_export_then_import_preserves_every_entry(pair: tuple[Vault, Vault],
                                                     days: list[DailyEntry]) -> None:
    a, b = pair
    clear(a)
    clear(b)
    a.entries.upsert_many(days)
    data = export_csv_bytes(a)
    assert data.startswith(b"\xef\xbb\xbf")
    if days:
        apply_import(b, parse_import(data, "auto", TODAY), OnConflict.KEEP, TODAY)
    assert b.entries.all() == a.entries.all()


def test_only_the_students_own_resources_are_exported(vault: Vault) -> None:
    add_records(vault)
    with vault.transaction() as con:
        con.execute("INSERT INTO resource (name, category, source, created_at, updated_at) "
                    "VALUES ('Built-in line', 'crisis', 'builtin', 'x', 'x')")
    doc = json.loads(export_json_bytes(vault, "0.1.0"))
    assert [r["name"] for r in doc["resources"]] == ["Dr Mentor 0"]
    assert set(doc) >= {"entries", "self_checks", "findings", "safety_events",
                        "quiet_periods", "resources", "settings", "people"}
    assert doc["settings"] == {"region": "uk", "practices": ["a walk", "a break"]}


# -- all or nothing ----------------------------------------------------------------------------


def _count(vault: Vault) -> dict[str, int]:
    return {t: vault.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (*TABLES, "resource")}


def test_one_bad_row_imports_nothing(vault: Vault, tmp_path: Path) -> None:
    vault.entries.upsert(DailyEntry(day=date(2026, 1, 1), mood=5))
    before = _count(vault)
    f = tmp_path / "in.csv"
    rows = "".join(f"2026-01-{d:02d},,,,6,,,,\n" for d in range(2, 28))
    f.write_text("day,stress,sleep_hours,study_hours,mood,energy,social,tags,note\n" + rows
                 + "2026-01-28,,,,99,,,,\n")
    with pytest.raises(RowsRejectedError) as info:
        import_file(vault, f, "auto", OnConflict.REPLACE, TODAY)
    assert [r.where for r in info.value.rejections] == ["line 28"]
    assert _count(vault) == before


def test_a_failure_while_writing_rolls_everything_back(vault: Vault, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    source = Vault.create(tmp_path / "src" / "vault.db", PASS)
    source.entries.upsert_many([DailyEntry(day=date(2026, 1, d), mood=5) for d in range(1, 20)])
    add_records(source)
    bundle = parse_import(export_json_bytes(source, "0.1.0"), "json", TODAY)
    source.close()
    before = _count(vault)
    import selfcare_app.data.resources as resources

    real = resources.write_imported

    def boom(*args: Any) -> Any:
        raise OSError("disk went away")  # after entries, self-checks, findings were written

    monkeypatch.setattr(resources, "write_imported", boom)
    with pytest.raises(OSError):
        apply_import(vault, bundle, OnConflict.KEEP, TODAY)
    assert _count(vault) == before
    monkeypatch.setattr(resources, "write_imported", real)
    apply_import(vault, bundle, OnConflict.KEEP, TODAY)
    assert _count(vault)["daily_entry"] == 19


def test_dry_run_reports_but_changes_nothing(vault: Vault, tmp_path: Path) -> None:
    vault.entries.upsert(DailyEntry(day=date(2026, 1, 1), mood=5))
    f = tmp_path / "in.csv"
    f.write_text("day,mood\n2026-01-01,7\n2026-01-02,6\n")
    before = read_all(vault)
    report = import_file(vault, f, "auto", OnConflict.REPLACE, TODAY, dry_run=True)
    assert (report.total.added, report.total.updated, report.total.conflicts) == (1, 1, 1)
    assert "Dry run: nothing was changed." in report.lines()
    assert read_all(vault) == before
    assert vault.entries.get(date(2026, 1, 1)).updated_at == before.entries[0].updated_at


@pytest.mark.parametrize("policy, mood, note, counts", [
    (OnConflict.KEEP, 5, "mine", (1, 0, 1, 1)),
    (OnConflict.REPLACE, 8, "theirs", (1, 1, 0, 1)),
    (OnConflict.MERGE, 5, "mine\n\ntheirs", (1, 1, 0, 1)),
])
def test_on_conflict_policies(vault: Vault, tmp_path: Path, policy: OnConflict, mood: int,
                              note: str, counts: tuple[int, int, int, int]) -> None:
    old = vault.entries.upsert(DailyEntry(day=date(2026, 1, 1), mood=5, note="mine"))
    f = tmp_path / "in.csv"
    f.write_text("day,mood,energy,note\n2026-01-01,8,4,theirs\n2026-01-02,6,,\n")
    report = import_file(vault, f, "csv", policy, TODAY)
    t = report.total
    assert (t.added, t.updated, t.skipped, t.conflicts) == counts
    day = vault.entries.get(date(2026, 1, 1))
    assert day is not None and (day.mood, day.note) == (mood, note)
    assert day.created_at == old.created_at
    if policy is OnConflict.MERGE:
        assert day.energy == 4


def test_record_conflicts_follow_the_policy(vault: Vault, tmp_path: Path) -> None:
    add_records(vault)
    doc = json.loads(export_json_bytes(vault, "0.1.0"))
    doc["settings"]["region"] = "us"
    doc["quiet_periods"][0]["label"] = "Exams"
    text = json.dumps(doc).encode()
    keep = apply_import(vault, parse_import(text, "json", TODAY), OnConflict.KEEP, TODAY)
    assert keep.counts["settings"].conflicts == 1 and vault.settings.get("region") == "uk"
    assert keep.counts["quiet periods"].skipped == 1
    replace_ = apply_import(vault, parse_import(text, "json", TODAY), OnConflict.REPLACE, TODAY)
    assert replace_.counts["settings"].updated == 1 and vault.settings.get("region") == "us"
    assert read_all(vault).quiet_periods[0].label == "Exams"
    assert _count(vault)["quiet_period"] == 1


def test_daylio_file_imports_with_mood_map(vault: Vault, tmp_path: Path) -> None:
    f = tmp_path / "daylio_export.csv"
    f.write_bytes(("\ufefffull_date,date,weekday,time,mood,activities,note_title,note\n"
                   '2021-09-28,28 September,Tuesday,10:00 pm,super,"gym | friends","","A<br>B"\n'
                   '2021-09-28,28 September,Tuesday,08:00 am,good,"","",""\n').encode())
    report = import_file(vault, f, "auto", OnConflict.KEEP, TODAY, mood_map={"super": 10})
    assert report.source_format == "Daylio CSV" and report.total.added == 1
    e = vault.entries.get(date(2021, 9, 28))
    assert e is not None and (e.mood, e.tags, e.note) == (9, ("gym", "friends"), "A\nB")


# -- files ---------------------------------------------------------------------------------------


def test_exports_are_private_atomic_and_leave_no_temp_files(vault: Vault, tmp_path: Path) -> None:
    vault.entries.upsert(DailyEntry(day=date(2026, 1, 1), mood=5, note="=cmd()"))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "export.csv"
    target.write_text("old content")
    result = export_to_file(vault, target, "csv", "0.1.0")
    assert result.entries == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(out) == ["export.csv"]
    assert "'=cmd()" in target.read_text(encoding="utf-8-sig")
    export_to_file(vault, out / "all.json", "json", "0.1.0")
    assert json.loads((out / "all.json").read_text())["entries"][0]["note"] == "=cmd()"


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"
    target.write_bytes(b"old")

    def fail(*_: Any) -> None:
        raise OSError("no space left")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["x.json"]


def test_huge_files_are_refused_by_size_without_reading(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing to read
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *a: Any, **k: Any) -> Any:
        opened.append(self)
        return real_open(self, *a, **k)

    monkeypatch.setattr(Path, "open", spy)
    with pytest.raises(FileTooLargeError, match="100.0 MB"):
        read_import_file(big)
    assert opened == []


def test_missing_and_folder_paths_are_import_errors(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="no file"):
        read_import_file(tmp_path / "nope.csv")
    with pytest.raises(FileFormatError, match="folder"):
        read_import_file(tmp_path)


def test_timestamps_survive_from_the_file(vault: Vault) -> None:
    stamp = datetime(2020, 5, 5, 5, 5, 5, tzinfo=UTC)
    text = json.dumps({"format": "selfcare-export", "version": 1, "entries": [
        {"day": "2020-05-05", "mood": 4, "created_at": stamp.isoformat(),
         "updated_at": (stamp + timedelta(hours=1)).isoformat()}]}).encode()
    apply_import(vault, parse_import(text, "auto", TODAY), OnConflict.KEEP, TODAY)
    e = vault.entries.get(date(2020, 5, 5))
    assert e is not None and e.created_at == stamp and e.updated_at == stamp + timedelta(hours=1)


@settings(max_examples=int(os.environ.get("SELFCARE_FUZZ_EXAMPLES", "100")), deadline=None)
@given(st.sampled_from(["auto", "json", "csv", "daylio"]),
       st.sampled_from([b"", b"day,mood\n", b'{"format": "selfcare-export", "version": 1, ',
                        b"full_date,date,weekday,time,mood,activities,note\n",
                        b"year,date,weekday,time,mood,activities,note\n", b"\xef\xbb\xbf"]),
       st.binary(max_size=200))
def test_every_importer_raises_only_import_errors(fmt: str, head: bytes, tail: bytes) -> None:
    from selfcare_app.core.exchange import ImportFileError

    try:
        bundle = parse_import(head + tail, fmt, TODAY, {"x": 1})
    except ImportFileError:
        return
    for item in bundle.entries:  # whatever is accepted is within range
        e = item.entry
        assert date(1970, 1, 1) <= e.day <= TODAY
        assert all(v is None or 0 <= v <= 24 for v in (e.stress, e.sleep_hours, e.study_hours,
                                                       e.mood, e.energy, e.social))
