"""AssessmentRepository and SafetyEventRepository on real SQLCipher files in tmp_path."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import pytest

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.instruments import get_instrument, score
from selfcare_app.data.assessments import SOURCE_PHQ9_ITEM9, SafetyEvent
from selfcare_app.data.errors import VaultClosedError
from selfcare_app.data.vault import Vault

PASS = "correct horse battery"


def taken(instrument_id: str, answers: Sequence[int | None], when: datetime) -> Assessment:
    return score(get_instrument(instrument_id), answers, when)


def test_add_returns_an_id_and_round_trips_every_field(vault: Vault) -> None:
    original = taken("who5", [3, 3, 3, 2, 2], datetime(2026, 11, 1, 20, 30))
    stored = vault.assessments.add(original)
    assert stored.id is not None and stored.id > 0
    back = vault.assessments.get(stored.id)
    assert back == original  # id is not compared; every other field is
    assert back is not None and back.id == stored.id
    assert back.score == 52 and back.subscores["raw"] == 13 and back.band == "higher"
    assert back.taken_at == datetime(2026, 11, 1, 20, 30)


def test_unanswered_items_and_missing_scores_survive_storage(vault: Vault) -> None:
    partial = taken("cbi-study", [100, None, 50, None, 25, None, 0], datetime(2026, 11, 2, 9))
    unscored = taken("cbi-study", [100, None, None, None, None, None, 0],
                     datetime(2026, 11, 3, 9))
    a = vault.assessments.add(partial)
    b = vault.assessments.add(unscored)
    assert vault.assessments.get(a.id or 0) == partial
    back = vault.assessments.get(b.id or 0)
    assert back is not None and back.score is None and back.band is None
    assert back.answers == (100, None, None, None, None, None, 0)


def test_list_by_instrument_and_range_oldest_first(vault: Vault) -> None:
    rows = [
        taken("who5", [3] * 5, datetime(2026, 10, 1, 8)),
        taken("gad7", [1] * 7, datetime(2026, 10, 15, 8)),
        taken("who5", [2] * 5, datetime(2026, 10, 31, 23, 59)),
        taken("who5", [4] * 5, datetime(2026, 11, 1, 0, 0)),
    ]
    for row in reversed(rows):
        vault.assessments.add(row)
    assert [a.taken_at.day for a in vault.assessments.list()] == [1, 15, 31, 1]
    assert [a.score for a in vault.assessments.list("who5")] == [60, 40, 80]
    october = vault.assessments.list(start=date(2026, 10, 1), end=date(2026, 10, 31))
    assert [a.instrument for a in october] == ["who5", "gad7", "who5"]  # end day inclusive
    assert [a.score for a in vault.assessments.list("who5", start=date(2026, 10, 31))] == [40, 80]
    assert vault.assessments.list("who5", end=date(2026, 9, 30)) == []
    assert vault.assessments.count() == 4 and vault.assessments.count("who5") == 3


def test_latest_is_the_most_recent_of_that_instrument(vault: Vault) -> None:
    assert vault.assessments.latest("phq9") is None
    vault.assessments.add(taken("phq9", [1] * 9, datetime(2026, 11, 20, 10)))
    vault.assessments.add(taken("phq9", [0] * 9, datetime(2026, 11, 1, 10)))
    vault.assessments.add(taken("gad7", [3] * 7, datetime(2026, 11, 24, 10)))
    latest = vault.assessments.latest("phq9")
    assert latest is not None and latest.score == 9


def test_delete_returns_what_was_deleted(vault: Vault) -> None:
    stored = vault.assessments.add(taken("gad7", [2] * 7, datetime(2026, 11, 5, 12)))
    assert stored.id is not None
    deleted = vault.assessments.delete(stored.id)
    assert deleted is not None and deleted.score == 14
    assert vault.assessments.get(stored.id) is None
    assert vault.assessments.delete(stored.id) is None


def test_results_persist_across_close_and_reopen(vault_path: Path) -> None:
    with Vault.create(vault_path, PASS) as v:
        v.assessments.add(taken("cbi-personal", [75] * 6, datetime(2026, 11, 5, 12)))
        v.safety_events.add(datetime(2026, 11, 5, 12), SOURCE_PHQ9_ITEM9, "PHQ-9 question 9")
    with Vault.open(vault_path, PASS) as v:
        [result] = v.assessments.list()
        assert (result.instrument, result.score, result.band) == ("cbi-personal", 75, "high")
        assert [e.source for e in v.safety_events.list()] == [SOURCE_PHQ9_ITEM9]


def test_safety_events_add_and_list_by_range(vault: Vault) -> None:
    first = vault.safety_events.add(datetime(2026, 11, 2, 22, 10), SOURCE_PHQ9_ITEM9,
                                    "PHQ-9 question 9")
    vault.safety_events.add(datetime(2026, 11, 1, 8, 0), "not-safe-button")
    assert first.id is not None
    events = vault.safety_events.list()
    assert [(e.when, e.source) for e in events] == [
        (datetime(2026, 11, 1, 8, 0), "not-safe-button"),
        (datetime(2026, 11, 2, 22, 10), SOURCE_PHQ9_ITEM9)]
    assert events[1] == SafetyEvent("2026-11-02T22:10:00", SOURCE_PHQ9_ITEM9,
                                    "PHQ-9 question 9", id=first.id)
    assert [e.source for e in vault.safety_events.list(start=date(2026, 11, 2))] == [
        SOURCE_PHQ9_ITEM9]
    assert vault.safety_events.list(end=date(2026, 10, 31)) == []
    with pytest.raises(ValueError):
        vault.safety_events.add(datetime(2026, 11, 2), "")


def test_a_locked_vault_refuses_reads_and_writes(vault_path: Path) -> None:
    v = Vault.create(vault_path, PASS)
    v.close()
    with pytest.raises(VaultClosedError):
        v.assessments.list()
    with pytest.raises(VaultClosedError):
        v.safety_events.add(datetime(2026, 11, 2), SOURCE_PHQ9_ITEM9)


def test_nothing_readable_reaches_the_file(vault_path: Path) -> None:
    with Vault.create(vault_path, PASS) as v:
        v.assessments.add(taken("phq9", [0] * 8 + [1], datetime(2026, 11, 2, 22)))
        v.safety_events.add(datetime(2026, 11, 2, 22), "canary-phq9-item9-xyzzy")
    data = b"".join(p.read_bytes() for p in vault_path.parent.iterdir() if p.is_file())
    assert b"canary-phq9" not in data and b"phq9" not in data
