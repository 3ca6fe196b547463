"""`signals` and `quiet` through the real CLI, with logs crafted just over/under thresholds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import DailyEntry
from selfcare_app.data.vault import Vault
from tests.helpers import PASS, init_vault, run_cli

TODAY = "2025-04-14"
D = date.fromisoformat(TODAY)


def craft(data_dir: Path, days: dict[str, list[Any]] | None = None,
          checks: Sequence[Assessment] = (), taps: Sequence[datetime] = ()) -> None:
    """A vault whose fields' last values fall on D (None: not logged)."""
    by_day: dict[date, dict[str, Any]] = {}
    for name, values in (days or {}).items():
        for i, v in enumerate(values):
            if v is not None:
                by_day.setdefault(D - timedelta(days=len(values) - 1 - i), {})[name] = v
    with Vault.create(data_dir / "vault.db", PASS) as vault:
        vault.entries.upsert_many(DailyEntry(day=d, **v) for d, v in sorted(by_day.items()))
        for a in checks:
            vault.assessments.add(a)
        for t in taps:
            vault.safety_events.add(at=t, source="not-safe")


def signals(data_dir: Path, *args: str) -> list[dict[str, Any]]:
    r = run_cli(data_dir, "signals", "--format", "json", *args, today=TODAY)
    assert r.code == 0, r.err
    result: list[dict[str, Any]] = json.loads(r.out)
    return result


def rules(data_dir: Path, *args: str) -> list[str]:
    return [f["rule"] for f in signals(data_dir, *args)]


@pytest.mark.parametrize(("sleep", "expected"), [
    ([7, 7, 7, 7, 7, 7, 6.75], ["R1a"]),       # mean 6.96
    ([7, 7, 7, 7, 7, 7, 7], []),                # mean 7.0
    ([5.75, 5.75, 5.75, 5.75], ["R1b"]),        # 4 nights is too little for R1a
    ([None, None, None, 7, 5.5, 5.5, 6], []),  # last night 6 h ends the run; 4 nights only
])
def test_sleep_rules_just_over_and_under(tmp_path: Path, sleep: list[float | None],
                                         expected: list[str]) -> None:
    craft(tmp_path, {"sleep_hours": sleep})
    assert rules(tmp_path) == expected


def test_json_contract(tmp_path: Path) -> None:
    craft(tmp_path, {"stress": [7, 7, 7, 7, 7, 3, 3]})
    [f] = signals(tmp_path)
    assert f["rule"] == "R2"
    assert (f["window_start"], f["window_end"]) == ("2025-04-08", TODAY)
    assert f["message"] == ("Stress has been high most days recently: 7 or more on 5 of the "
                            "last 7 days.")
    assert [e["day"] for e in f["evidence"]] == [f"2025-04-{d:02d}" for d in (8, 9, 10, 11, 12)]
    assert {e["field"] for e in f["evidence"]} == {"stress"}
    assert f["source"][0]["ref"] == 1
    assert f["support"]["categories"] == ["counseling", "peer-support"]
    assert f["support"]["learn"] == "self-care"
    assert f["cooldown"] == {"kind": "days", "days": 7, "text": "7 days"}


def test_on_evaluates_as_of_that_day_with_data_up_to_it(tmp_path: Path) -> None:
    # Five high-stress days ending three days ago, then calm days: R2 held on D-3, not on D.
    craft(tmp_path, {"stress": [8, 8, 8, 8, 8, 2, 2, 2]})
    assert rules(tmp_path) == []
    assert rules(tmp_path, "--on", "2025-04-11") == ["R2"]
    assert rules(tmp_path, "--on", "2025-04-10") == []   # only 4 high days logged by then
    r = run_cli(tmp_path, "signals", "--on", "2025-04-15", today=TODAY)
    assert r.code == 2 and "in the future" in r.err


def test_budget_and_cooldown_do_not_apply_to_signals(tmp_path: Path) -> None:
    craft(tmp_path, {"sleep_hours": [5] * 7, "stress": [8] * 7, "energy": [2] * 7})
    first = rules(tmp_path)
    assert first == ["R1a", "R1b", "R2", "R6", "R7"]
    assert rules(tmp_path) == first  # listing again: nothing is "used up"
    # Quiet periods don't hide anything here either.
    assert run_cli(tmp_path, "quiet", "add", "2025-04-10", "2025-04-20", today=TODAY).code == 0
    assert rules(tmp_path) == first


def test_self_check_rules_and_safety(tmp_path: Path) -> None:
    at = datetime.combine(D - timedelta(days=1), time(20))
    checks = [
        Assessment("who5", "1", at - timedelta(days=15), (3, 3, 3, 3, 3), 60.0, None),
        Assessment("who5", "1", at, (2, 2, 2, 2, 2), 40.0, None),
        Assessment("phq9", "1", at, (1, 1, 1, 1, 1, 1, 1, 1, 1), 9.0, None),
    ]
    craft(tmp_path, checks=checks)
    found = {f["rule"]: f for f in signals(tmp_path)}
    assert sorted(found) == ["Q1", "Q4", "S0"]  # PHQ-9 9 is just under Q2's 10
    assert found["S0"]["support"]["crisis"] is True
    assert found["S0"]["cooldown"]["kind"] == "none"
    assert "WHO-5 40 of 100" in found["Q1"]["message"]
    assert "down 20 from 60" in found["Q4"]["message"]
    text = run_cli(tmp_path, "signals", today=TODAY)
    assert text.code == 0
    assert "Thank you for telling us. You deserve support right now." in text.out
    assert "Get help now:" in text.out and "emergency" in text.out.lower()


def test_not_safe_tap_triggers_s0(tmp_path: Path) -> None:
    craft(tmp_path, taps=[datetime.combine(D, time(1))])
    assert rules(tmp_path) == ["S0"]


def test_rule_settings_are_honoured(tmp_path: Path) -> None:
    craft(tmp_path, {"sleep_hours": [6.75] * 7})
    assert rules(tmp_path) == ["R1a"]
    with Vault.open(tmp_path / "vault.db", PASS) as vault:
        vault.settings.set("rules", {"R1a": {"sleep_below": 6.5}})
    assert rules(tmp_path) == []


def test_text_output_is_readable(tmp_path: Path) -> None:
    craft(tmp_path, {"mood": [7] * 28 + [5, 6, 5, 6, 5, 6, 5]})
    r = run_cli(tmp_path, "signals", today=TODAY)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("What we noticed as of 2025-04-14: 1 pattern(s)")
    assert "not a diagnosis" in lines[0]
    assert "R4  Mood lower than usual  (2025-03-11 to 2025-04-14)" in r.out
    assert "against 7.0 in the 4 weeks before" in r.out
    assert ("Mood, your usual (Tue 11 Mar to Mon 7 Apr 2025): average 7.0 over 28 logged days"
            in r.out)
    assert "    Mood: Tue 8 Apr 5 · Wed 9 Apr 6 ·" in r.out
    assert "Source: [38]" in r.out and "Cooldown: 7 days" in r.out
    assert "Learn: early-signs" in r.out


def test_nothing_to_report_and_missing_vault(tmp_path: Path) -> None:
    init_vault(tmp_path)
    r = run_cli(tmp_path, "signals", today=TODAY)
    assert r.code == 0 and r.out.startswith("Nothing stood out")
    assert signals(tmp_path) == []
    r = run_cli(tmp_path / "nowhere", "signals", today=TODAY)
    assert r.code == 4


def test_quiet_periods_add_list_delete(tmp_path: Path) -> None:
    init_vault(tmp_path)
    r = run_cli(tmp_path, "quiet", "add", "2025-05-05", "2025-05-16", "--label", "Finals",
                today=TODAY)
    assert r.code == 0, r.err
    listed = run_cli(tmp_path, "quiet", "list", today=TODAY)
    assert "2025-05-05 to 2025-05-16  Finals" in listed.out
    bad = run_cli(tmp_path, "quiet", "add", "2025-05-16", "2025-05-05", today=TODAY)
    assert bad.code == 2 and "before START" in bad.err
    bad = run_cli(tmp_path, "quiet", "add", "2025-13-01", "2025-05-05", today=TODAY)
    assert bad.code == 2
    pid = listed.out.split()[0]
    assert run_cli(tmp_path, "quiet", "delete", pid, today=TODAY).code == 0
    assert "No quiet periods." in run_cli(tmp_path, "quiet", "list", today=TODAY).out
    assert run_cli(tmp_path, "quiet", "delete", pid, today=TODAY).code == 2
