"""The centre's tools and the student's pack commands through the real CLI: `pack from-csv`,
`pack check [--strict]`, `import --dry-run` change lists, `resources remove-pack`,
`resources calendar` and the lock-screen copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import icalendar
import pytest

from tests.helpers import init_vault, run_cli

TODAY = "2026-09-01"
ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "docs" / "resource-pack-template.csv"


def write_pack(folder: Path, name: str, resources: list[dict[str, Any]],
               updated: str = "2026-08-01", campus: str = "Test U") -> Path:
    path = folder / name
    path.write_text(json.dumps({"format": "selfcare-resource-pack", "version": 2,
                                "campus": campus, "updated": updated,
                                "resources": resources}), encoding="utf-8")
    return path


GROUP = {"id": "calc", "name": "Calculus group", "category": "peer-learning",
         "address": "Library, room 2", "schedule": [
             {"weekday": "thursday", "start": "17:00", "end": "18:30",
              "term_start": "2026-09-07", "term_end": "2026-12-11"}]}
NIGHT = {"id": "night", "name": "After-hours line", "category": "crisis", "phone": "555 0100"}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    init_vault(folder)
    return folder


def test_from_csv_writes_a_pack_that_check_accepts(tmp_path: Path) -> None:
    out = tmp_path / "pack.json"
    made = run_cli(tmp_path / "none", "pack", "from-csv", str(TEMPLATE), "--campus",
                   "Example University", "--updated", "2026-09-01", "-o", str(out),
                   stdin=None, today=TODAY)
    assert made.code == 0, made.err
    assert made.out.startswith("Wrote pack.json: Example University, dated 2026-09-01, 7 "
                               "resources from resource-pack-template.csv (read as UTF-8).")
    assert "No warnings." in made.out
    pack = json.loads(out.read_text(encoding="utf-8"))
    assert pack["version"] == 2 and len(pack["resources"]) == 7
    checked = run_cli(tmp_path / "none", "pack", "check", str(out), "--strict", stdin=None,
                      today=TODAY)
    assert checked.code == 0, checked.err
    assert "is a valid resource pack (format version 2): Example University" in checked.out
    assert not (tmp_path / "none").exists()  # no vault, no data folder


def test_from_csv_problems_write_nothing(tmp_path: Path) -> None:
    csv = tmp_path / "list.csv"
    csv.write_bytes("name,category,url\nNight line – 24/7,crisis,help@uni.example.edu\n"
                    .encode("cp1252"))
    out = tmp_path / "pack.json"
    result = run_cli(tmp_path / "none", "pack", "from-csv", str(csv), "--campus", "U",
                     "--updated", "2026-09-01", "-o", str(out), stdin=None, today=TODAY)
    assert result.code == 5 and not out.exists()
    assert "list.csv (Windows-1252): 1 problem; no pack was written." in result.err
    assert ('row 2 (Night line – 24/7), column url: is an email address, not a link; put it in '
            '"email" instead (or write mailto:help@uni.example.edu)') in result.err


def test_check_strict_fails_on_warnings_with_code_6(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "p.json", [
        {"name": "Security", "category": "crisis", "url": "http://s.example.edu",
         "verified_on": "2024-05-01"},
        {"name": "Group", "category": "peer-support", "hours": "Thu 18:00"}],
        updated="2027-01-04")
    plain = run_cli(tmp_path / "none", "pack", "check", str(pack), stdin=None, today=TODAY)
    assert plain.code == 0, plain.err
    assert "5 warnings (the pack works; worth fixing before sending it):" in plain.out
    for text in ("$.updated: 2027-01-04 is ahead of today (2026-09-01)",
                 "$.resources[0].verified_on: Security: last checked 2024-05-01, over a year ago",
                 "$.resources[0].url: Security: an http:// link is not encrypted",
                 "$.resources[0]: Security: a crisis entry without a phone or text number",
                 '$.resources[1]: Group: a group without "meets" or "schedule"'):
        assert text in plain.out, text
    strict = run_cli(tmp_path / "none", "pack", "check", str(pack), "--strict", stdin=None,
                     today=TODAY)
    assert strict.code == 5 and "5 warnings with --strict" in strict.err


def test_check_reports_hints_and_newer_versions(tmp_path: Path) -> None:
    curly = tmp_path / "curly.json"
    curly.write_text('{"format": "selfcare-resource-pack", "version": 1, "campus": “U”}',
                     encoding="utf-8")
    result = run_cli(tmp_path / "none", "pack", "check", str(curly), stdin=None, today=TODAY)
    assert result.code == 5
    assert "$: line 1, column 62: ““” is a curly (typographic) quote" in result.err
    future = write_pack(tmp_path, "v3.json", [NIGHT])
    future.write_text(future.read_text().replace('"version": 2', '"version": 3'))
    newer = run_cli(tmp_path / "none", "pack", "check", str(future), stdin=None, today=TODAY)
    assert newer.code == 5
    assert ("$.version: this pack uses format version 3; this version of Selfcare reads "
            "versions up to 2. Update the app") in newer.err


def test_import_dry_run_names_changes_and_removed_favourites(data: Path, tmp_path: Path) -> None:
    v1 = write_pack(tmp_path, "v1.json", [NIGHT, GROUP, {"id": "old", "name": "Old desk",
                                                          "category": "academic"}])
    assert run_cli(data, "import", str(v1), today=TODAY).code == 0
    listed = json.loads(run_cli(data, "resources", "--format", "json", today=TODAY).out)
    old_id = next(r["id"] for r in listed["resources"] if r["name"] == "Old desk")
    from selfcare_app.data.vault import Vault
    from tests.helpers import PASS

    vault = Vault.open(data / "vault.db", PASS)
    vault.resources.set_favourite(old_id, True)
    vault.close()
    v2 = write_pack(tmp_path, "v2.json", [dict(NIGHT, phone="555 0199"), GROUP],
                    updated="2026-08-20")
    dry = run_cli(data, "import", str(v2), "--dry-run", today=TODAY)
    assert dry.code == 0, dry.err
    assert ("Changed (1):\n  ~ After-hours line\n      phone: “555 0100” → “555 0199”\n"
            "Removed (1):\n  - Old desk (one of your favourites)\n") in dry.out
    assert ("1 of your favourites would be removed with the pack's entries; add "
            "--keep-favourites to keep it as your own contact.") in dry.out
    kept = run_cli(data, "import", str(v2), "--keep-favourites", today=TODAY)
    assert "  - Old desk (one of your favourites: kept as your own contact)" in kept.out
    names = {r["name"]: r["source"] for r in json.loads(
        run_cli(data, "resources", "--format", "json", today=TODAY).out)["resources"]}
    assert names["Old desk"] == "user"


def test_lock_screen_opt_in_remove_pack_and_region(data: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "p.json", [NIGHT, GROUP])
    plain = run_cli(data, "import", str(pack), today=TODAY)
    assert plain.code == 0 and not (data / "lock-help.json").exists()
    opted = run_cli(data, "import", str(pack), "--show-on-lock-screen", today=TODAY)
    assert "1 crisis line of Test U will show while the app is locked." in opted.out
    copy = json.loads((data / "lock-help.json").read_text(encoding="utf-8"))
    assert [ln["name"] for ln in copy["campuses"][0]["lines"]] == ["After-hours line"]
    assert run_cli(data, "region", "ca").code == 0
    assert json.loads((data / "lock-help.json").read_text())["region"] == "CA"
    typo = write_pack(tmp_path, "typo.json", [NIGHT], campus="Test Univ")
    flagged = run_cli(data, "import", str(typo), "--dry-run", today=TODAY)
    assert "Note: 1 id(s) in this pack already belong to the pack from “Test U”" in flagged.out
    missing = run_cli(data, "resources", "remove-pack", "Nowhere", today=TODAY)
    assert missing.code == 2 and "No pack from 'Nowhere'; packs: Test U." in missing.err
    removed = run_cli(data, "resources", "remove-pack", "test u", today=TODAY)
    assert removed.code == 0, removed.err
    assert "Removed the Test U pack (dated 2026-08-01): 2 resources." in removed.out
    copy = json.loads((data / "lock-help.json").read_text(encoding="utf-8"))
    assert copy["campuses"] == [] and copy["region"] == "CA"


def test_calendar_file_from_the_cli(data: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "p.json", [NIGHT, GROUP])
    assert run_cli(data, "import", str(pack), today=TODAY).code == 0
    listing = run_cli(data, "resources", "--category", "peer-learning", today=TODAY)
    assert "when: Thursdays 17:00–18:30 (2026-09-10 to 2026-12-11)" in listing.out
    resources = json.loads(run_cli(data, "resources", "--format", "json", today=TODAY).out)
    group = next(r for r in resources["resources"] if r["name"] == "Calculus group")
    night = next(r for r in resources["resources"] if r["name"] == "After-hours line")
    assert group["schedule"] == GROUP["schedule"]
    out = tmp_path / "calc.ics"
    result = run_cli(data, "resources", "calendar", str(group["id"]), "-o", str(out),
                     today=TODAY)
    assert result.code == 0, result.err
    event = next(iter(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Calculus group"
    assert str(event["LOCATION"]) == "Library, room 2"
    assert event["RRULE"]["BYDAY"] == ["TH"]
    none = run_cli(data, "resources", "calendar", str(night["id"]), "-o", str(tmp_path / "n.ics"),
                   today=TODAY)
    assert none.code == 2 and "has no meeting times" in none.err
    assert not (tmp_path / "n.ics").exists()


def test_importing_a_campus_spreadsheet_points_to_from_csv(data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_bytes("Name;Category;Phone\r\nNight line – 24/7;crisis;555 0100\r\n"
                      .encode("utf-16"))
    result = run_cli(data, "import", str(sheet), today=TODAY)
    assert result.code == 5
    assert ("list.csv: This looks like a campus resource list (a spreadsheet with name and "
            "category columns), not diary data. Counseling centres turn it into a pack with: "
            "selfcare-app pack from-csv") in result.err
