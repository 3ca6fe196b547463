"""Colour cues for History (core/cues.py): easy values 0, hard values 1, unset none."""

from __future__ import annotations

from selfcare_app.core.cues import strain


def test_direction_follows_each_measure() -> None:
    assert strain("stress", 9) == 1.0 and strain("stress", 1) == 0.0
    assert strain("sleep_hours", 4) == 1.0 and strain("sleep_hours", 8.5) == 0.0
    assert strain("mood", 2) == 1.0 and strain("energy", 9) == 0.0
    assert strain("social", 0) == 1.0 and strain("social", 2) == 0.0
    assert 0.4 < strain("stress", 5.5) < 0.6  # type: ignore[operator]


def test_nothing_for_unset_or_text() -> None:
    assert strain("stress", None) is None
    assert strain("tags", 3) is None
