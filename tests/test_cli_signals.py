"""`signals` and `quiet` through the CLI (in-process), with logs crafted just over/under
thresholds."""

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
    init_vault(data_dir)  # a copy of an empty vault: opening it derives the key once
    with Vault.open(data_dir / "vault.db", PASS) as vault:
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


USUAL_SLEEP = [7.0, 7.5, 8.0, 7.5] * 7  # 28 nights: usual 7.5 h, spread floor 0.5 h


@pytest.mark.parametrize(("sleep", "expected"), [
    (USUAL_SLEEP + [6.75] * 7, ["R1", "L1"]),            # exactly 0.75 h under the usual
    (USUAL_SLEEP + [6.75] * 6 + [7.0], ["L1"]),           # 6.79: just over; still under 7 h
    (USUAL_SLEEP + [8, 8, 8, 8, 5.75, 5.5, 5.75], ["R1b"]),  # mean 7.0: neither R1 nor L1
    ([5.75, 5.75, 5.75, 5.75], []),                      # no usual and too few for L1
    ([6.2] * 60, ["L1"]),                                # a steady short sleeper: level only
])
def test_sleep_rules_just_over_and_under(tmp_path: Path, sleep: list[float | None],
                                         expected: list[str]) -> None:
    craft(tmp_path, {"sleep_hours": sleep})
    assert rules(tmp_path) == expected


def test_json_contract(tmp_path: Path) -> None:
    craft(tmp_path, {"stress": [3, 4] * 14 + [5, 5, 5, 5, 5, 5, 4]})
    assert signals(tmp_path) == []  # mean 4.86: just under usual 3.5 + 1.5
    craft(tmp_path / "b", {"stress": [3, 4] * 14 + [7, 7, 7, 7, 7, 6, 6]})
    [r2, l2] = signals(tmp_path / "b")
    assert (r2["rule"], l2["rule"]) == ("R2", "L2")
    assert (r2["window_start"], r2["window_end"]) == ("2025-04-08", TODAY)
    assert r2["message"] == "Stress has been higher than your usual most days this week."
    week = [e for e in r2["evidence"] if "role" not in e]
    usual = [e for e in r2["evidence"] if e.get("role") == "baseline"]
    assert [e["day"] for e in week] == [f"2025-04-{d:02d}" for d in range(8, 15)]
    assert len(usual) == 28 and {e["field"] for e in r2["evidence"]} == {"stress"}
    assert r2["facts"]["usual"] == 3.5 and r2["facts"]["mean"] == pytest.approx(6.714, 1e-3)
    assert r2["source"][0]["ref"] == 38
    assert r2["support"]["categories"] == ["counseling", "peer-support"]
    assert r2["support"]["learn"] == "self-care"
    assert r2["cooldown"] == {"kind": "days", "days": 7, "text": "7 days"}
    assert l2["cooldown"]["days"] == 28


def test_on_evaluates_as_of_that_day_with_data_up_to_it(tmp_path: Path) -> None:
    # Five high-stress days ending three days ago, then calm days: L2 held on D-3, not on D.
    craft(tmp_path, {"stress": [8, 8, 8, 8, 8, 2, 2, 2]})
    assert rules(tmp_path) == []
    assert rules(tmp_path, "--on", "2025-04-11") == ["L2"]
    assert rules(tmp_path, "--on", "2025-04-10") == []   # only 4 high days logged by then
    r = run_cli(tmp_path, "signals", "--on", "2025-04-15", today=TODAY)
    assert r.code == 2 and "in the future" in r.err


def test_budget_and_cooldown_do_not_apply_to_signals(tmp_path: Path) -> None:
    craft(tmp_path, {"sleep_hours": [7.5] * 28 + [5] * 7, "stress": [3] * 28 + [8] * 7,
                     "energy": [7] * 28 + [2] * 7})
    first = rules(tmp_path)
    assert first == ["R1", "R1b", "R2", "R6", "R7", "L1", "L2", "L6"]
    assert rules(tmp_path) == first  # listing again: nothing is "used up"
    # Quiet periods don't hide anything here either.
    assert run_cli(tmp_path, "quiet", "add", "2025-04-10", "2025-04-20", today=TODAY).code == 0
    assert rules(tmp_path) == first


def test_replay_shows_what_the_app_would_have_shown_each_evening(tmp_path: Path) -> None:
    craft(tmp_path, {"sleep_hours": [7.5] * 28 + [5] * 7, "stress": [3] * 28 + [8] * 7,
                     "energy": [7] * 28 + [2] * 7})
    r = run_cli(tmp_path, "signals", "--replay", "2025-04-01", TODAY, "--format", "json",
                today=TODAY)
    assert r.code == 0, r.err
    days = json.loads(r.out)
    assert [d["day"] for d in days][:2] == ["2025-04-01", "2025-04-02"] and len(days) == 14
    shown = {d["day"]: [f["rule"] for f in d["shown"]] for d in days if d["shown"]}
    # One card a day, headline first; R7 replaces its parts; level rules fold under it.
    assert shown == {"2025-04-09": ["L1"], "2025-04-10": ["R7"], "2025-04-12": ["L2", "L6"]}
    first = next(f for d in days for f in d["shown"])
    assert {"rule", "window_start", "window_end", "evidence", "message"} <= set(first)
    # A stored quiet period holds cards; text output lists headlines.
    assert run_cli(tmp_path, "quiet", "add", "2025-04-01", TODAY, today=TODAY).code == 0
    quiet = json.loads(run_cli(tmp_path, "signals", "--replay", "2025-04-01", TODAY,
                               "--format", "json", today=TODAY).out)
    assert all(d["shown"] == [] for d in quiet)
    text = run_cli(tmp_path, "signals", "--replay", "2025-04-01", TODAY, today=TODAY)
    assert text.code == 0 and text.out.startswith("Replay 2025-04-01 to 2025-04-14: 0 card")
    bad = run_cli(tmp_path, "signals", "--replay", TODAY, "2025-04-01", today=TODAY)
    assert bad.code == 2 and "before FROM" in bad.err


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
    assert "WHO-5 down 20 points since last time" in found["Q4"]["message"]
    text = run_cli(tmp_path, "signals", today=TODAY)
    assert text.code == 0
    # Crisis lines first, in plain words; a safety answer is not "a pattern in your logs".
    lines = text.out.splitlines()
    assert lines[0] == ("You answered the PHQ-9 question about thoughts of self-harm above "
                        "\"Not at all\". You deserve support right now. You can reach someone "
                        "now:")
    assert "emergency" in lines[1].lower()
    assert "Thank you for telling us. You deserve support right now." in text.out
    assert "pattern" not in text.out.split("What we noticed")[0]


def test_not_safe_tap_triggers_s0(tmp_path: Path) -> None:
    craft(tmp_path, taps=[datetime.combine(D, time(1))])
    assert rules(tmp_path) == ["S0"]
    with Vault.open(tmp_path / "vault.db", PASS) as vault:
        vault.settings.set("region", "US")
    text = run_cli(tmp_path, "signals", today=TODAY).out
    first, *rest = text.splitlines()
    assert first.startswith("You told us you're not safe right now. You deserve support")
    assert rest[0].strip().startswith("Emergency services: call 911")
    assert "Physician Support Line: call 1-888-409-0141" in text and "8 am–1 am ET" in text
    assert "What we noticed" not in text  # nothing else to list; a safety answer isn't a pattern


def test_rule_settings_are_honoured(tmp_path: Path) -> None:
    craft(tmp_path, {"sleep_hours": [6.75] * 7})
    assert rules(tmp_path) == ["L1"]
    with Vault.open(tmp_path / "vault.db", PASS) as vault:
        vault.settings.set("rules", {"L1": {"sleep_below": 6.5}, "R1a": {"enabled": False}})
    assert rules(tmp_path) == []


def test_text_output_is_readable(tmp_path: Path) -> None:
    craft(tmp_path, {"mood": [7] * 28 + [5, 6, 5, 6, 5, 6, 5]})
    r = run_cli(tmp_path, "signals", today=TODAY)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("What we noticed in your logs and self-checks as of 2025-04-14: "
                               "1 thing.")
    assert "not a diagnosis" in lines[0]
    assert "Mood lower than usual  (2025-04-08 to 2025-04-14)" in r.out
    assert "Your mood entries are lower than your usual." in r.out
    assert ("Mood, your usual (Tue 11 Mar to Mon 7 Apr 2025): average 7.0 over 28 logged days"
            in r.out)
    assert "    Mood: Tue 8 Apr 5 · Wed 9 Apr 6 ·" in r.out
    assert "This week's mean 5.43 over 7 entries; your usual 7.00" in r.out
    assert "Why: R4 · Mood down" in r.out
    assert "Source: [38]" in r.out and "Rests after showing: 7 days" in r.out
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
