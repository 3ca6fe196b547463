"""The command-line contract of DESIGN.md §8, run in-process (tests/helpers.py run_cli);
tests/test_cli_smoke.py checks the same contract through a real process."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.helpers import PASS, init_vault, run_cli

TODAY = "2026-11-25"


def test_init_log_show_round_trip(tmp_path: Path) -> None:
    init_vault(tmp_path)
    r = run_cli(tmp_path, "log", "--day", "2026-11-20", "--stress", "7", "--sleep", "6.5",
                "--study", "9.25", "--mood", "4", "--energy", "3", "--social", "1",
                "--tag", "exam", "--tag", "night shift", "--note", "Ünïcode ✓ note", today=TODAY)
    assert r.code == 0, r.err
    r = run_cli(tmp_path, "log", "--day", "2026-11-20", "--mood", "6", today=TODAY)
    assert r.code == 0, r.err
    r = run_cli(tmp_path, "show", "--format", "json", today=TODAY)
    assert r.code == 0, r.err
    assert json.loads(r.out) == [{
        "day": "2026-11-20", "stress": 7, "sleep_hours": 6.5, "study_hours": 9.25, "mood": 6,
        "energy": 3, "social": 1, "tags": ["exam", "night shift"], "practices": [],
        "note": "Ünïcode ✓ note"}]
    table = run_cli(tmp_path, "show", today=TODAY)
    assert "2026-11-20" in table.out and "1 day\n" in table.out
    csv_out = run_cli(tmp_path, "show", "--format", "csv", today=TODAY).out.splitlines()
    assert csv_out[0].startswith("day,stress,sleep_hours")
    assert csv_out[1].startswith("2026-11-20,7,6.5,9.25,6,3,1,exam;night shift")


def test_show_range_filters(tmp_path: Path) -> None:
    init_vault(tmp_path)
    for day in ("2026-11-01", "2026-11-10", "2026-11-20"):
        assert run_cli(tmp_path, "log", "--day", day, "--mood", "5", today=TODAY).code == 0
    r = run_cli(tmp_path, "show", "--from", "2026-11-05", "--to", "2026-11-15", "--format",
                "json", today=TODAY)
    assert [e["day"] for e in json.loads(r.out)] == ["2026-11-10"]
    r = run_cli(tmp_path, "show", "--from", "2026-11-15", "--to", "2026-11-05", today=TODAY)
    assert r.code == 2 and "after" in r.err


def test_invalid_values_exit_2_with_one_line_naming_field_and_range(tmp_path: Path) -> None:
    init_vault(tmp_path)
    before = hashlib.sha256((tmp_path / "vault.db").read_bytes()).hexdigest()
    cases = [
        (["--stress", "11"], "Stress must be a whole number from 0 to 10"),
        (["--sleep", "17"], "Sleep must be between 0 and 16 hours"),
        (["--sleep", "12", "--study", "13"], "can't be more than 24 hours"),
        (["--mood", "x"], "'x' is not a number"),
        (["--day", "2026-11-26", "--mood", "5"], "in the future"),
        (["--day", "2026-02-30", "--mood", "5"], "not a valid date"),
        (["--note", "x" * 20_001], "at most 20,000 characters"),
        ([], "Nothing to log"),
    ]
    for args, needle in cases:
        r = run_cli(tmp_path, "log", *args, today=TODAY)
        assert r.code == 2, (args, r.err)
        assert needle in r.err
        assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
    assert hashlib.sha256((tmp_path / "vault.db").read_bytes()).hexdigest() == before


def test_exit_codes_for_passphrase_and_vault_problems(tmp_path: Path) -> None:
    missing = run_cli(tmp_path, "show")
    assert missing.code == 4 and "No vault found" in missing.err
    init_vault(tmp_path)
    vault = tmp_path / "vault.db"
    before = vault.read_bytes()
    wrong = run_cli(tmp_path, "show", stdin="not the passphrase\n")
    assert wrong.code == 3 and "did not unlock" in wrong.err
    assert "not the passphrase" not in wrong.err + wrong.out
    assert vault.read_bytes() == before
    again = run_cli(tmp_path, "init")
    assert again.code == 2 and "already exists" in again.err
    assert run_cli(tmp_path, "show", "--format", "xml").code == 2
    assert run_cli(tmp_path, "show", stdin="").code == 2


def test_damaged_or_empty_vault_exits_4_and_is_untouched(tmp_path: Path) -> None:
    vault = tmp_path / "vault.db"
    vault.write_bytes(b"")
    r = run_cli(tmp_path, "show")
    assert r.code == 4 and "empty" in r.err
    assert vault.read_bytes() == b""
    vault.write_bytes(b"\x01" * 4097)
    r = run_cli(tmp_path, "log", "--mood", "4")
    assert r.code == 4 and "damaged" in r.err
    assert vault.read_bytes() == b"\x01" * 4097


def test_weak_or_mismatched_new_passphrase_is_refused(tmp_path: Path) -> None:
    weak = run_cli(tmp_path, "init", stdin="password123\n")
    assert weak.code == 2 and "most common" in weak.err
    assert not (tmp_path / "vault.db").exists()
    ok = run_cli(tmp_path, "init", stdin=f"{PASS}\n{PASS}\n")
    assert ok.code == 0 and "cannot be recovered" in ok.out


def test_check_reports_integrity(tmp_path: Path) -> None:
    init_vault(tmp_path)
    r = run_cli(tmp_path, "check")
    assert r.code == 0 and "OK: 0 entries" in r.out and "journal wal" in r.out


def test_demo_builds_a_realistic_semester(tmp_path: Path) -> None:
    r = run_cli(tmp_path, "demo", "--days", "120", today=TODAY)
    assert r.code == 0, r.err
    entries = json.loads(run_cli(tmp_path, "show", "--format", "json", today=TODAY).out)
    assert 95 <= len(entries) < 120  # some missed days stay gaps
    exam = [e for e in entries if "exam" in e["tags"]]
    calm = [e for e in entries if "exam" not in e["tags"]]
    mean = lambda rows, k: sum(e[k] for e in rows) / len(rows)  # noqa: E731
    assert mean(exam, "sleep_hours") < mean(calm, "sleep_hours") - 1
    assert mean(exam, "stress") > mean(calm, "stress") + 2
    assert any(e["note"] for e in entries)
    listed = json.loads(run_cli(tmp_path, "resources", "--format", "json", today=TODAY).out)
    assert "peer-support" in json.dumps(listed)  # the sample campus pack came along
    assert run_cli(tmp_path, "demo", "--days", "5").code == 2


def test_no_command_help_and_version(tmp_path: Path) -> None:
    r = run_cli(tmp_path, "--version", stdin=None)
    assert r.code == 0 and "selfcare-app" in r.out
    r = run_cli(tmp_path, "log", "--help", stdin=None)
    assert "--stress" in r.out
