"""`resources`, `region` and `import` through the CLI (in-process, tests/helpers.py)."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import init_vault, run_cli

SAMPLE = Path(str(files("selfcare_app") / "resources" / "packs" / "sample-university.json"))
TODAY = "2026-11-25"


def write_pack(folder: Path, name: str, updated: str = "2026-01-01",
               resources: list[dict[str, Any]] | None = None, **extra: Any) -> Path:
    obj = {"format": "selfcare-resource-pack", "version": 1, "campus": "Test U",
           "updated": updated,
           "resources": resources if resources is not None else [
               {"id": "couns", "name": "Counseling", "category": "counseling",
                "phone": "555 0100"},
               {"id": "old", "name": "Old helpdesk", "category": "academic"}],
           **extra}
    path = folder / name
    path.write_text(json.dumps(obj), encoding="utf-8")
    return path


def listed(data: Path, *args: str) -> dict[str, Any]:
    result = run_cli(data, "resources", "--format", "json", *args, today=TODAY)
    assert result.code == 0, result.err
    parsed: dict[str, Any] = json.loads(result.out)
    return parsed


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    init_vault(folder)
    return folder


@pytest.fixture(scope="module")
def unchanged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One vault for the tests whose command must leave it as it was (each checks that)."""
    folder = tmp_path_factory.mktemp("unchanged") / "data"
    init_vault(folder)
    return folder


def test_crisis_lines_without_a_vault(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "none", "resources", "--region", "US", stdin=None)
    assert result.code == 0, result.err
    assert "988 Suicide & Crisis Lifeline" in result.out and "call 911" in result.out
    assert "text HOME to 741741" in result.out
    assert "No vault yet" in result.out
    assert not (tmp_path / "none" / "vault.db").exists()


def test_region_setting_picks_crisis_lines(data: Path) -> None:
    assert listed(data)["region"] == {"code": "other", "name": "Somewhere else", "chosen": False}
    result = run_cli(data, "region", "gb")
    assert result.code == 0 and "Region set to United Kingdom" in result.out
    assert "Samaritans 116 123" in result.out
    out = listed(data)
    assert out["region"]["code"] == "UK" and out["region"]["chosen"]
    assert [ln["name"] for ln in out["crisis_lines"]] == [
        "Emergency services", "Samaritans", "Shout", "NHS 111, mental health option",
        "BMA wellbeing support"]
    assert run_cli(data, "region").out.startswith("Region: United Kingdom (UK)")
    # a one-off --region does not change the setting
    assert listed(data, "--region", "CA")["region"]["code"] == "CA"
    assert listed(data)["region"]["code"] == "UK"


def test_unknown_region_is_a_usage_error(unchanged: Path) -> None:
    result = run_cli(unchanged, "region", "Narnia")
    assert result.code == 2 and "Unknown region 'Narnia'" in result.err
    assert run_cli(unchanged, "resources", "--region", "XX").code == 2


def test_import_sample_pack_then_list(data: Path) -> None:
    before = listed(data)
    assert before["resources"] == []
    result = run_cli(data, "import", str(SAMPLE), today=TODAY)
    assert result.code == 0, result.err
    assert "Lakemont University (sample) (pack of 2026-09-01): 19 added" in result.out
    after = listed(data)
    assert len(after["resources"]) == 19
    assert {r["source"] for r in after["resources"]} == {"pack"}
    groups = listed(data, "--category", "peer-learning")
    assert groups["crisis_lines"] == []  # other categories leave the crisis lines out
    assert {r["category"] for r in groups["resources"]} == {"peer-learning"}
    assert all(r["meets"] for r in groups["resources"])
    text = run_cli(data, "resources", "--category", "counseling", today=TODAY)
    assert "Counseling\n  Counseling Center  [Lakemont University (sample); id " in text.out
    assert "meets:" not in text.out and "hours: Mon–Fri 08:30–17:00" in text.out
    crisis = listed(data, "--category", "crisis", "--region", "US")
    assert crisis["crisis_lines"] and {r["category"] for r in crisis["resources"]} == {"crisis"}
    found = listed(data, "--search", "thesis writing")
    assert [r["name"] for r in found["resources"]] == ["Thesis writing circle"]
    assert found["crisis_lines"] == []


def test_newer_pack_updates_older_pack_is_refused(data: Path, tmp_path: Path) -> None:
    v1 = write_pack(tmp_path, "v1.json", "2026-01-01")
    assert run_cli(data, "import", str(v1), today=TODAY).code == 0
    v2 = write_pack(tmp_path, "v2.json", "2026-06-01", resources=[
        {"id": "couns", "name": "Counseling Center", "category": "counseling",
         "phone": "555 0101"},
        {"id": "new", "name": "Mentoring", "category": "mentorship"}])
    result = run_cli(data, "import", str(v2), today=TODAY)
    assert result.code == 0, result.err
    assert "pack of 2026-06-01 replaces 2026-01-01: 1 added, 1 updated, 1 removed" in result.out
    assert "Added (1):\n  + Mentoring\n" in result.out
    assert ("Changed (1):\n  ~ Counseling Center\n      name: “Counseling” → “Counseling Center”\n"
            "      phone: “555 0100” → “555 0101”\nRemoved (1):\n  - Old helpdesk\n") in result.out
    names = sorted(r["name"] for r in listed(data)["resources"])
    assert names == ["Counseling Center", "Mentoring"]

    older = run_cli(data, "import", str(v1), today=TODAY)
    assert older.code == 5
    assert "dated 2026-01-01, older than the one you already have (2026-06-01)" in older.err
    assert sorted(r["name"] for r in listed(data)["resources"]) == names

    same = run_cli(data, "import", str(v2), today=TODAY)
    assert same.code == 0 and "already up to date" in same.out


def test_dry_run_changes_nothing(data: Path, tmp_path: Path) -> None:
    result = run_cli(data, "import", str(write_pack(tmp_path, "p.json")), "--dry-run",
                     today=TODAY)
    assert result.code == 0, result.err
    assert "2 would be added" in result.out and "Dry run: nothing was changed." in result.out
    assert listed(data)["resources"] == []


INVALID: list[tuple[str, bytes, str]] = [
    ("not-json", b'{"format": "selfcare-resource-pack", "campus": ', "$: is not valid JSON"),
    ("javascript-link", json.dumps({
        "format": "selfcare-resource-pack", "version": 1, "campus": "X",
        "updated": "2026-01-01",
        "resources": [{"name": "a", "category": "other"}] * 3
        + [{"name": "b", "category": "other", "url": "javascript:alert(1)"}],
    }).encode(), "$.resources[3].url: javascript: links are not allowed"),
    ("file-link", json.dumps({
        "format": "selfcare-resource-pack", "version": 1, "campus": "X",
        "updated": "2026-01-01",
        "resources": [{"name": "a", "category": "other", "url": "file:///etc/passwd"}],
    }).encode(), "$.resources[0].url: file: links are not allowed"),
    ("unknown-category", json.dumps({
        "format": "selfcare-resource-pack", "version": 1, "campus": "X",
        "updated": "2026-01-01", "resources": [{"name": "a", "category": "spa"}],
    }).encode(), "$.resources[0].category: unknown category 'spa'"),
    ("wrong-type-and-missing-name", json.dumps({
        "format": "selfcare-resource-pack", "version": 1, "campus": "X",
        "updated": "2026-01-01", "resources": [{"category": "other", "phone": 988}],
    }).encode(), "$.resources[0].name: is required\n$.resources[0].phone: must be text"),
    ("nan", b'{"format": "selfcare-resource-pack", "version": NaN, "campus": "X", '
            b'"updated": "2026-01-01", "resources": [{"name": "a", "category": "other"}]}',
     "$.version: NaN is not allowed"),
    ("duplicate-key", b'{"format": "selfcare-resource-pack", "version": 1, "campus": "X", '
                      b'"updated": "2026-01-01", "updated": "2026-01-02", '
                      b'"resources": [{"name": "a", "category": "other"}]}',
     "$.updated: appears more than once"),
    ("bad-date", json.dumps({
        "format": "selfcare-resource-pack", "version": 1, "campus": "X",
        "updated": "2026-02-30", "resources": [{"name": "a", "category": "other",
                                                "verified_on": "2030-01-01"}],
    }).encode(), "$.updated: '2026-02-30' isn't a real date\n"
                 "$.resources[0].verified_on: 2030-01-01 is in the future"),
    ("deep", b'{"format": "selfcare-resource-pack", "x": ' + b"[" * 100_000 + b"]" * 100_000
     + b"}", "$: is nested more than 32 levels deep"),
]


@pytest.mark.parametrize(("name", "raw", "expected"), INVALID, ids=[i[0] for i in INVALID])
def test_invalid_pack_exit_5_lists_problems_imports_nothing(
        unchanged: Path, tmp_path: Path, name: str, raw: bytes, expected: str) -> None:
    path = tmp_path / f"{name}.json"
    path.write_bytes(raw)
    before = (unchanged / "vault.db").read_bytes()
    result = run_cli(unchanged, "import", str(path), today=TODAY, stdin=None)
    assert result.code == 5, result.err
    err_lines = result.err.splitlines()
    assert err_lines[0].startswith(f"selfcare-app: {name}.json: This is not a valid resource "
                                   "pack (")
    assert "nothing was imported" in err_lines[0]
    for line in expected.splitlines():
        assert any(e.startswith(line) for e in err_lines[1:]), (line, err_lines)
    assert "Traceback" not in result.err
    # validated before the passphrase is asked for (stdin is empty), and nothing is stored
    assert (unchanged / "vault.db").read_bytes() == before


def test_oversized_pack(unchanged: Path, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as fh:
        fh.write(b'{"format": "selfcare-resource-pack", ')
        fh.truncate(5 * 1024 * 1024 + 1)
    result = run_cli(unchanged, "import", str(path), stdin=None)
    assert result.code == 5 and "$: the file is too large" in result.err


def test_forced_pack_format_on_other_json(unchanged: Path, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"format": "selfcare-export", "entries": []}')
    result = run_cli(unchanged, "import", str(path), "--format", "pack", stdin=None)
    assert result.code == 5
    assert "$.format: must be 'selfcare-resource-pack', not 'selfcare-export'" in result.err


def test_without_exchange_module_other_formats_are_not_supported_yet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In-process, as in a build without commands/exchange.py: exit 2, nothing imported."""
    from selfcare_app import cli
    from selfcare_app.commands import resources as cmd

    monkeypatch.setattr(cmd, "_exchange", lambda: None)
    csv = tmp_path / "daylio.csv"
    csv.write_text("full_date,mood\n2026-01-01,good\n")
    base = ["--data-dir", str(tmp_path / "d"), "import", str(csv)]
    assert cli.main([*base, "--format", "daylio"]) == 2
    assert "Importing daylio files is not supported yet" in capsys.readouterr().err
    assert cli.main(base) == 2
    assert "Importing this file is not supported yet (it is not a resource pack)" in \
        capsys.readouterr().err


def test_diary_csv_is_not_treated_as_a_pack(unchanged: Path, tmp_path: Path) -> None:
    csv = tmp_path / "entries.csv"
    csv.write_text("day,stress\n2026-01-01,4\n")
    result = run_cli(unchanged, "import", str(csv), "--dry-run", today=TODAY)
    assert "resource pack" not in result.err


def test_import_missing_file(unchanged: Path, tmp_path: Path) -> None:
    result = run_cli(unchanged, "import", str(tmp_path / "nope.json"), stdin=None)
    assert result.code == 2 and "No file at" in result.err


def test_import_pack_needs_a_vault(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "none", "import", str(SAMPLE), today=TODAY)
    assert result.code == 4 and "No vault found" in result.err


def test_wrong_passphrase_imports_nothing(unchanged: Path) -> None:
    result = run_cli(unchanged, "import", str(SAMPLE), stdin="wrong passphrase here\n",
                     today=TODAY)
    assert result.code == 3
    assert listed(unchanged)["resources"] == []


def test_non_pack_files_are_dispatched_to_exchange_run_import(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process: a stand-in exchange module receives csv/json/daylio imports untouched."""
    import importlib.machinery
    import sys
    import types

    from selfcare_app import cli

    calls: list[tuple[str, str, bool]] = []
    fake = types.ModuleType("selfcare_app.commands.exchange")
    fake.__spec__ = importlib.machinery.ModuleSpec("selfcare_app.commands.exchange", None)

    def run_import(args: Any, ctx: Any) -> int:
        calls.append((Path(args.file).name, args.format, args.dry_run))
        return 0

    fake.run_import = run_import  # type: ignore[attr-defined]
    fake.register = lambda sub: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "selfcare_app.commands.exchange", fake)
    export = tmp_path / "export.json"
    export.write_text('{"format": "selfcare-export", "entries": []}')
    daylio = tmp_path / "daylio.csv"
    daylio.write_text("full_date,mood\n")
    base = ["--data-dir", str(tmp_path / "d"), "import"]
    assert cli.main([*base, str(export)]) == 0
    assert cli.main([*base, str(daylio), "--format", "daylio", "--dry-run"]) == 0
    assert calls == [("export.json", "auto", False), ("daylio.csv", "daylio", True)]


def test_dry_run_without_a_vault_only_validates(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "empty", "import", str(SAMPLE), "--dry-run", stdin=None,
                     today=TODAY)
    assert result.code == 0, result.err
    assert result.out.startswith("sample-university.json is a valid resource pack: Lakemont "
                                 "University (sample), dated 2026-09-01, 19 resources.")
    assert not (tmp_path / "empty" / "vault.db").exists()
