"""`insights`, `practices`, `people` and `log --practice` through the CLI (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

from selfcare_app.data.vault import Vault
from tests.core.test_insights import planted_log
from tests.helpers import PASS, init_vault, run_cli

TODAY = "2025-06-30"
CONTRACT = {"factor", "lag", "outcome", "difference", "ci_low", "ci_high", "n_with",
            "n_without", "message"}


def test_insights_json_finds_the_planted_tag_and_sleep_and_not_the_empty_tag(
        tmp_path: Path) -> None:
    init_vault(tmp_path)
    with Vault.open(tmp_path / "vault.db", PASS) as vault:
        vault.entries.upsert_many(planted_log())
    r = run_cli(tmp_path, "insights", "--format", "json", today=TODAY)
    assert r.code == 0, r.err
    patterns = json.loads(r.out)
    assert all(CONTRACT <= set(p) for p in patterns)
    found = {(p["factor"], p["lag"], p["outcome"]) for p in patterns}
    assert ("tag:gym", 0, "stress") in found
    assert ("sleep_hours", 0, "mood") in found
    assert not any(p["factor"] == "tag:library" for p in patterns)
    gym = next(p for p in patterns if p["factor"] == "tag:gym" and p["outcome"] == "stress")
    assert gym["ci_low"] < gym["difference"] < gym["ci_high"] < 0
    assert (gym["n_with"], gym["n_without"]) == (50, 40)

    text = run_cli(tmp_path, "insights", "--from", "2025-01-01", "--to", "2025-01-08",
                   today=TODAY)
    assert text.code == 0 and "Not enough days yet" in text.out and "2 more" in text.out
    bad = run_cli(tmp_path, "insights", "--from", "2025-02-01", "--to", "2025-01-01",
                  today=TODAY)
    assert bad.code == 2 and "after" in bad.err


def test_practices_people_and_log_practice(tmp_path: Path) -> None:
    init_vault(tmp_path)
    assert run_cli(tmp_path, "practices", "set", "a walk", "Yoga", today=TODAY).code == 0
    r = run_cli(tmp_path, "log", "--day", "2025-06-29", "--practice", "A WALK", "--practice",
                "yoga", today=TODAY)
    assert r.code == 0, r.err
    assert "practices a walk, Yoga" in r.out
    r = run_cli(tmp_path, "log", "--practice", "swimming", today=TODAY)
    assert r.code == 2 and "not in your practices" in r.err
    shown = json.loads(run_cli(tmp_path, "show", "--format", "json", today=TODAY).out)
    assert shown[0]["practices"] == ["a walk", "Yoga"] and shown[0]["tags"] == []
    assert "a walk  (1 day logged)" in run_cli(tmp_path, "practices", "list",
                                                  today=TODAY).out

    r = run_cli(tmp_path, "people", "add", "Sam", "--kind", "friend", "--contact", "text 555",
                today=TODAY)
    assert r.code == 0, r.err
    assert run_cli(tmp_path, "people", "add", "X", "--kind", "boss", today=TODAY).code == 2
    assert run_cli(tmp_path, "people", "talked", "1", today=TODAY).code == 0
    people = json.loads(run_cli(tmp_path, "people", "list", "--format", "json",
                                today=TODAY).out)
    assert people == [{"id": 1, "name": "Sam", "kind": "friend", "contact": "text 555",
                       "last_talked": TODAY, "note": "", "position": 1}]
    assert run_cli(tmp_path, "people", "delete", "1", today=TODAY).code == 0
    assert "No one in your list yet" in run_cli(tmp_path, "people", "list", today=TODAY).out
