"""data/findings.py against real SQLCipher files: shown findings, quiet periods, rule settings,
and the refresh_today service (rules → policy → record)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.entry import DailyEntry
from selfcare_app.core.rules import RuleConfig, evaluate
from selfcare_app.data.findings import (
    refresh_today,
    rule_config,
    save_rule_config,
)
from selfcare_app.data.vault import Vault

PASS = "correct horse battery"
D = date(2025, 4, 14)


def usual_month(vault: Vault, end: date = D - timedelta(days=7)) -> None:
    """Four ordinary weeks ending on `end`: the usual the change rules compare with."""
    vault.entries.upsert_many(
        DailyEntry(day=end - timedelta(days=i), sleep_hours=7.5, stress=3, energy=7)
        for i in range(28))


def bad_week(vault: Vault, end: date = D, days: int = 7) -> None:
    if vault.entries.get(end - timedelta(days=days + 1)) is None:
        usual_month(vault, end - timedelta(days=days))
    vault.entries.upsert_many(
        DailyEntry(day=end - timedelta(days=i), sleep_hours=5.0, stress=8, energy=2)
        for i in range(days))


def test_record_and_read_back_survives_reopening(vault: Vault, vault_path: Path) -> None:
    bad_week(vault)
    found = evaluate(vault.entries.all(), [], None, D)
    stored = vault.findings.record(found)
    assert [r.rule for r in stored] == [f.rule for f in found]
    assert all(r.id and r.state == "new" for r in stored)
    vault.close()
    with Vault.open(vault_path, PASS) as again:
        history = again.findings.history()
        assert [r.finding for r in history] == found  # evidence, window, tier, facts intact
        assert [r.finding.message for r in history] == [f.message for f in found]
        r7 = next(r for r in history if r.rule == "R7")
        assert r7.tier == 4 and r7.finding.support.summary
        assert r7.finding.parts == ("R1", "R1b", "R2", "R6")
        # Meaning, not English: the row keeps facts and no sentence.
        row = again.connection.execute(
            "SELECT message, evidence FROM finding WHERE rule = 'R1'").fetchone()
        assert row[0] == ""
        stored = json.loads(row[1])
        assert stored["v"] == 2 and stored["facts"]["mean"] == 5.0
        assert stored["facts"]["usual"] == 7.5


def test_states_snooze_and_change_history(vault: Vault) -> None:
    bad_week(vault)
    r = vault.findings.record(evaluate(vault.entries.all(), [], None, D))[0]
    at = datetime(2025, 4, 14, 9, 30)
    snoozed = vault.findings.set_state(r.id or 0, "snoozed", at, D + timedelta(days=3))
    assert snoozed.snoozed_until == D + timedelta(days=3)
    again = vault.findings.get(r.id or 0)
    assert again is not None and again.state == "snoozed" and again.snoozed_until == D + \
        timedelta(days=3)
    helped = vault.findings.set_state(r.id or 0, "not-helpful", at + timedelta(hours=1))
    assert helped.snoozed_until is None
    stored = vault.findings.get(r.id or 0)
    assert stored is not None
    assert [s for _, s in stored.changes] == ["snoozed", "not-helpful"]
    with pytest.raises(ValueError):
        vault.findings.set_state(r.id or 0, "gone")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        vault.findings.set_state(9999, "seen")


def test_s0_can_never_be_snoozed_in_storage(vault: Vault) -> None:
    phq9 = Assessment("phq9", "1", datetime.combine(D, time(10)), (0,) * 8 + (2,), 2.0, None)
    s0 = vault.findings.record(evaluate([], [phq9], None, D))[0]
    assert s0.rule == "S0"
    with pytest.raises(ValueError, match="can't be snoozed"):
        vault.findings.set_state(s0.id or 0, "snoozed", None, D + timedelta(days=1))
    stored = vault.findings.get(s0.id or 0)
    assert stored is not None and stored.state == "new"


def test_history_range_and_legacy_evidence_list(vault: Vault) -> None:
    with vault.transaction() as con:
        con.execute("INSERT INTO finding (rule, day, window_start, window_end, evidence, message,"
                    " created_at) VALUES ('R6', '2025-04-01', '2025-03-26', '2025-04-01', "
                    "'[{\"day\": \"2025-04-01\", \"field\": \"energy\", \"value\": 2}]', 'm', "
                    "'2025-04-01T10:00:00+00:00')")
    bad_week(vault)
    vault.findings.record(evaluate(vault.entries.all(), [], None, D))
    old = vault.findings.history(end=date(2025, 4, 2))
    assert len(old) == 1 and old[0].tier == 1 and old[0].finding.evidence[0].value == 2
    assert old[0].finding.message == "m"  # a row without facts shows what it stored
    assert all(r.day == D for r in vault.findings.on_day(D))
    assert vault.findings.count() == 1 + len(vault.findings.on_day(D))


def test_quiet_periods_add_list_delete(vault: Vault, vault_path: Path) -> None:
    finals = vault.quiet_periods.add(date(2025, 5, 5), date(2025, 5, 16), "  Finals ")
    mid = vault.quiet_periods.add(date(2025, 3, 10), date(2025, 3, 14))
    with pytest.raises(ValueError):
        vault.quiet_periods.add(date(2025, 3, 10), date(2025, 3, 9))
    assert [p.label for p in vault.quiet_periods.list()] == ["", "Finals"]
    assert vault.quiet_periods.covering(date(2025, 5, 16)) == finals
    assert vault.quiet_periods.covering(date(2025, 5, 17)) is None
    assert vault.quiet_periods.delete(mid.id or 0) == mid
    assert vault.quiet_periods.delete(mid.id or 0) is None
    vault.close()
    with Vault.open(vault_path, PASS) as again:
        assert again.quiet_periods.list() == [finals]


def test_rule_settings_persist_as_overrides(vault: Vault) -> None:
    assert rule_config(vault) == RuleConfig()
    save_rule_config(vault, RuleConfig().with_value("L2", "stress_at_least", 8)
                     .with_enabled("R5", False))
    assert vault.settings.get("rules") == {"L2": {"stress_at_least": 8},
                                           "R5": {"enabled": False}}
    loaded = rule_config(vault)
    assert loaded.get("L2", "stress_at_least") == 8 and not loaded.on("R5")
    vault.settings.set("rules", {"R1a": {"sleep_below": "lots"}, "S0": {"enabled": False}})
    assert rule_config(vault) == RuleConfig()


def test_refresh_today_records_one_bundled_card_and_is_idempotent(vault: Vault) -> None:
    bad_week(vault)
    card = refresh_today(vault, D)
    rules = [r.rule for r in card.items]
    # R7 leads and replaces the signs it combines; the level rules fold beneath it.
    assert rules[0] == "R7" and not {"R1", "R1b", "R2", "R6"} & set(rules)
    assert not card.safety and not card.open_crisis
    again = refresh_today(vault, D)
    assert [r.id for r in again.items] == [r.id for r in card.items]
    assert vault.findings.count() == len(card.items)
    # Feedback takes a finding off today's card.
    first = card.items[0]
    vault.findings.set_state(first.id or 0, "not-helpful")
    assert first.id not in {r.id for r in refresh_today(vault, D).items}


def test_refresh_today_respects_quiet_periods_and_disabled_rules(vault: Vault) -> None:
    bad_week(vault)
    vault.quiet_periods.add(D - timedelta(days=2), D, "exams")
    card = refresh_today(vault, D)
    assert card.empty and card.quiet is not None
    assert set(card.decision.held.values()) == {"quiet"}
    assert vault.findings.count() == 0
    # After the exam block the findings come through, except those turned off.
    save_rule_config(vault, RuleConfig().with_enabled("R7", False))
    bad_week(vault, D + timedelta(days=1), 8)
    later = refresh_today(vault, D + timedelta(days=1))
    assert later.items and "R7" not in {r.rule for r in later.items}


def test_refresh_today_safety_from_a_not_safe_tap(vault: Vault) -> None:
    vault.safety_events.add(at=datetime.combine(D, time(8)), source="not-safe")
    card = refresh_today(vault, D)
    assert [f.rule for f in card.safety] == ["S0"] and card.open_crisis
    assert not refresh_today(vault, D).open_crisis  # opened once for this event
    assert refresh_today(vault, D + timedelta(days=2)).safety  # still shown, never snoozed
    vault.safety_events.add(at=datetime.combine(D + timedelta(days=3), time(8)),
                            source="not-safe")
    assert refresh_today(vault, D + timedelta(days=3)).open_crisis


def test_refresh_today_suggests_a_gentler_threshold(vault: Vault) -> None:
    # Two separate bad weeks of short sleep with recovery between, both marked not helpful.
    for week in (0, 9):
        end = D + timedelta(days=7 * week)
        vault.entries.upsert_many(DailyEntry(day=end - timedelta(days=i), sleep_hours=6.5)
                                  for i in range(7))
        vault.entries.upsert_many(DailyEntry(day=end + timedelta(days=i), sleep_hours=8)
                                  for i in range(1, 12))
    for end in (D, D + timedelta(days=63)):  # "not helpful" doubles L1's 28 days
        card = refresh_today(vault, end)
        for r in card.items:
            vault.findings.set_state(r.id or 0, "not-helpful")
    last = refresh_today(vault, D + timedelta(days=64))
    assert [s.rule for s in last.suggestions] == ["L1"]
    assert "from 7 to 6.75" in last.suggestions[0].text()


def test_only_not_safe_taps_count_not_the_crisis_cards_own_record(vault: Vault) -> None:
    vault.safety_events.add(at=datetime.combine(D, time(8)), source="phq9-item9-or-rule")
    assert not refresh_today(vault, D).safety
    vault.safety_events.add(at=datetime.combine(D, time(9)), source="not-safe-button")
    card = refresh_today(vault, D)
    assert card.open_crisis and card.safety[0].evidence[0].field == "not-safe"


def test_migration_0003_keeps_old_rows_readable(vault: Vault) -> None:
    """A v0.1 vault's findings (English message, a bare list or an object without facts, the
    retired R1a) read back as they were after the migration."""
    from selfcare_app.data.migrations import SCHEMA_VERSION, migrate

    con = vault.connection
    con.execute("PRAGMA user_version = 2")
    con.execute("INSERT INTO finding (rule, day, window_start, window_end, evidence, message, "
                "created_at) VALUES ('R1a', '2025-04-01', '2025-03-26', '2025-04-01', "
                "'[{\"day\": \"2025-04-01\", \"field\": \"sleep_hours\", \"value\": 6}]', "
                "'Your average sleep this week was 6.0 h over 5 logged nights.', "
                "'2025-04-01T10:00:00+00:00')")
    con.execute("INSERT INTO finding (rule, day, window_start, window_end, evidence, message, "
                "created_at) VALUES ('R2', '2025-04-02', '2025-03-27', '2025-04-02', "
                "'{\"points\": [], \"tier\": 1}', 'Stress has been high most days.', "
                "'2025-04-02T10:00:00+00:00')")
    migrate(con, target=3)  # only 0003: the later steps' columns are already there
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    rows = con.execute("SELECT evidence FROM finding ORDER BY id").fetchall()
    assert [json.loads(r[0])["v"] for r in rows] == [1, 1]
    old, r2 = vault.findings.history()
    assert old.rule == "R1a" and old.finding.message.startswith("Your average sleep")
    assert old.finding.title == "Sleep this week" and old.finding.evidence[0].value == 6
    assert r2.finding.message == "Stress has been high most days."
    # The retired rule never holds the alert policy up or fires again.
    assert refresh_today(vault, D).items == ()
