"""`export` and `import` (data formats) through the real CLI: exit codes, messages, files."""

from __future__ import annotations

import argparse
import hashlib
import io
import json
from pathlib import Path

import pytest

from selfcare_app.cli import Context, ImportInvalid, UsageError
from selfcare_app.commands.exchange import add_import_options, run_import
from selfcare_app.paths import AppPaths
from tests.helpers import PASS, init_vault, run_cli

TODAY = "2026-03-01"
DAYLIO = ("full_date,date,weekday,time,mood,activities,scales,note_title,note\n"
          '2026-02-10,10 February,Tuesday,9:00 pm,happy,"exam | library","Sleep: 6","",'
          '"Long <b>day</b>"\n'
          '2026-02-10,10 February,Tuesday,07:30,good,"","","",""\n'
          '2026-02-11,11 February,Wednesday,21:00,meh,"walk","","",""\n')


def _vault_hash(data: Path) -> str:
    return hashlib.sha256((data / "vault.db").read_bytes()).hexdigest()


def test_export_json_and_csv_warn_that_the_file_is_not_encrypted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_vault(data)
    assert run_cli(data, "log", "--day", "2026-02-01", "--mood", "6", "--note", "=1+1",
                   today=TODAY).code == 0
    r = run_cli(data, "export", str(tmp_path / "all.json"), today=TODAY)
    assert r.code == 0, r.err
    assert "not encrypted" in r.err and "Exported everything (1 day," in r.out
    doc = json.loads((tmp_path / "all.json").read_text())
    assert doc["format"] == "selfcare-export" and doc["entries"][0]["note"] == "=1+1"
    r = run_cli(data, "export", str(tmp_path / "days.csv"), today=TODAY)
    assert r.code == 0 and "not encrypted" in r.err
    lines = (tmp_path / "days.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[1] == "2026-02-01,,,,6,,,,'=1+1,"  # the last cell: no practices
    r = run_cli(data, "export", str(tmp_path / "x.txt"), "--format", "csv", today=TODAY)
    assert r.code == 0 and (tmp_path / "x.txt").read_text(encoding="utf-8-sig").startswith("day,")


def test_export_to_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    init_vault(tmp_path)
    r = run_cli(tmp_path, "export", str(tmp_path / "no" / "such" / "x.json"), today=TODAY)
    assert r.code == 2 and "does not exist" in r.err


def test_import_round_trip_through_the_cli(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    init_vault(a)
    init_vault(b)
    run_cli(a, "log", "--day", "2026-02-01", "--stress", "8", "--tag", "exam", today=TODAY)
    run_cli(a, "log", "--day", "2026-02-02", "--sleep", "5.5", today=TODAY)
    assert run_cli(a, "export", str(tmp_path / "x.json"), today=TODAY).code == 0
    dry = run_cli(b, "import", str(tmp_path / "x.json"), "--dry-run", today=TODAY)
    assert dry.code == 0, dry.err
    assert "Would import (Selfcare JSON" in dry.out and "2 added" in dry.out
    assert json.loads(run_cli(b, "show", "--format", "json", today=TODAY).out) == []
    r = run_cli(b, "import", str(tmp_path / "x.json"), today=TODAY)
    assert r.code == 0 and "Imported (Selfcare JSON, on conflict: keep): 2 added" in r.out
    assert run_cli(b, "show", "--format", "json", today=TODAY).out == \
        run_cli(a, "show", "--format", "json", today=TODAY).out


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"day,mood\n2026-01-01,\x007\n", "NUL byte on line 2"),
    (b"day,note\n2026-01-01,caf\xe9\n", "not UTF-8"),
    (b"day,mood,weather\n2026-01-01,5,sun\n", "'weather'"),
    (b"day,mood\n2026-01-01,NaN\n", "line 2: Mood must be"),
    (b"day,mood\n1900-01-01,5\n", "too early"),
    (b'{"format": "selfcare-export", "version": 1, "settings": {"x": Infinity}}',
     "Infinity is not allowed"),
    (DAYLIO.encode(), "'happy'"),
])
def test_bad_files_exit_5_with_a_precise_message_and_change_nothing(
        tmp_path: Path, content: bytes, words: str) -> None:
    data = tmp_path / "data"
    init_vault(data)
    before = _vault_hash(data)
    f = tmp_path / "in.csv"
    f.write_bytes(content)
    r = run_cli(data, "import", str(f), today=TODAY)
    assert r.code == 5, (r.out, r.err)
    assert words in r.err and "nothing was imported" in r.err.lower()
    assert "Traceback" not in r.err
    assert _vault_hash(data) == before


def test_each_rejected_row_is_listed_on_stderr(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_vault(data)
    f = tmp_path / "in.csv"
    f.write_text("day,mood,stress\n2026-01-01,5,3\n2026-01-02,11,3\n2026-01-03,5,-1\n")
    r = run_cli(data, "import", str(f), today=TODAY)
    assert r.code == 5
    assert "in.csv: line 3: Mood must be" in r.err and "in.csv: line 4: Stress must be" in r.err
    assert "2 of 3 rows could not be imported" in r.err


def test_a_100_mb_file_is_refused_by_size(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_vault(data)
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    r = run_cli(data, "import", str(big), "--format", "csv", today=TODAY)
    assert r.code == 5 and "100.0 MB" in r.err and "up to 32 MB" in r.err


def _ctx(data: Path) -> tuple[Context, io.StringIO]:
    out = io.StringIO()
    return Context(paths=AppPaths(data), stdin=io.StringIO(PASS + "\n"), stdout=out), out


def _args(*argv: str) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--format", default="auto")
    p.add_argument("--dry-run", action="store_true")
    add_import_options(p)
    return p.parse_args(list(argv))


def test_run_import_with_mood_map_and_on_conflict(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELFCARE_TODAY", TODAY)
    data = tmp_path / "data"
    init_vault(data)
    run_cli(data, "log", "--day", "2026-02-11", "--mood", "2", "--note", "mine", today=TODAY)
    f = tmp_path / "daylio.csv"
    f.write_text(DAYLIO)
    with pytest.raises(ImportInvalid, match="'happy'"):
        run_import(_args(str(f)), _ctx(data)[0])
    with pytest.raises(UsageError, match="whole number from 0 to 10"):
        run_import(_args(str(f), "--mood-map", "happy=12"), _ctx(data)[0])
    ctx, out = _ctx(data)
    assert run_import(_args(str(f), "--mood-map", "happy=9", "--on-conflict", "merge"),
                      ctx) == 0
    assert "Imported (Daylio CSV, on conflict: merge): 1 added, 1 updated" in out.getvalue()
    shown = json.loads(run_cli(data, "show", "--format", "json", today=TODAY).out)
    assert shown[0] == {"day": "2026-02-10", "stress": None, "sleep_hours": 6.0,
                        "study_hours": None, "mood": 8, "energy": None, "social": None,
                        "tags": ["exam", "library"], "practices": [], "note": "Long day"}
    # merge keeps the student's own values and only adds what was missing
    assert (shown[1]["mood"], shown[1]["note"], shown[1]["tags"]) == (2, "mine", ["walk"])


def test_import_parser_offers_conflict_and_mood_options_when_wired(tmp_path: Path) -> None:
    """Once commands/resources.py calls add_import_options, the CLI takes them directly."""
    r = run_cli(tmp_path, "import", "--help")
    if "--on-conflict" not in r.out:
        pytest.skip("the `import` parser does not expose --on-conflict/--mood-map yet")
    data = tmp_path / "data"
    init_vault(data)
    f = tmp_path / "daylio.csv"
    f.write_text(DAYLIO)
    r = run_cli(data, "import", str(f), "--mood-map", "happy=9", "--on-conflict", "replace",
                today=TODAY)
    assert r.code == 0 and "2 added" in r.out
