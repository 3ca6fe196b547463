from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfcare_app.core.entry import (
    MAX_NOTE_CHARS,
    EntryValidationError,
    parse_day,
    validate_entry,
)

TODAY = date(2026, 11, 25)


def errors_of(**values: object) -> dict[str, str]:
    with pytest.raises(EntryValidationError) as info:
        validate_entry({"day": TODAY, **values}, TODAY)
    return info.value.errors


def test_valid_entry_keeps_every_value() -> None:
    entry = validate_entry({"day": "2026-11-24", "stress": "7", "sleep_hours": 6.25,
                            "study_hours": "9.5", "mood": 4, "energy": 3, "social": 2,
                            "tags": "exam, Exam ,  night shift", "note": "tired"}, TODAY)
    assert (entry.day, entry.stress, entry.sleep_hours, entry.study_hours) == \
        (date(2026, 11, 24), 7, 6.25, 9.5)
    assert (entry.mood, entry.energy, entry.social) == (4, 3, 2)
    assert entry.tags == ("exam", "night shift")
    assert entry.note == "tired"


def test_missing_values_stay_none_not_zero() -> None:
    entry = validate_entry({"day": TODAY, "mood": 0}, TODAY)
    assert entry.mood == 0
    assert entry.stress is None and entry.sleep_hours is None and entry.social is None


@pytest.mark.parametrize("field,value,needle", [
    ("stress", 11, "Stress must be a whole number from 0 to 10; you entered 11."),
    ("stress", -1, "you entered -1"),
    ("stress", 5.5, "whole number"),
    ("mood", "abc", "'abc' is not a number"),
    ("energy", float("nan"), "not a number"),
    ("sleep_hours", 16.25, "Sleep must be between 0 and 16 hours"),
    ("sleep_hours", 7.3, "steps of 0.25"),
    ("study_hours", 24.5, "Study must be between 0 and 24 hours"),
    ("social", 3, "Time with people must be a whole number from 0 to 2"),
    ("stress", True, "Stress must be"),
])
def test_out_of_range_values_name_the_field_and_range(field: str, value: object,
                                                      needle: str) -> None:
    errors = errors_of(**{field: value})
    assert needle in errors[field]


def test_sleep_plus_study_over_24_hours_is_refused() -> None:
    errors = errors_of(sleep_hours=10, study_hours=14.25)
    assert "can't be more than 24 hours" in errors["study_hours"]
    assert "10 + 14.25 = 24.25" in errors["study_hours"]
    assert validate_entry({"day": TODAY, "sleep_hours": 10, "study_hours": 14}, TODAY)


def test_future_and_malformed_dates() -> None:
    assert "in the future" in errors_of(day=TODAY + timedelta(days=1), mood=5)["day"]
    assert "not a valid date" in errors_of(day="2026-02-30", mood=5)["day"]
    assert "not a valid date" in errors_of(day="25/11/2026", mood=5)["day"]
    assert "too early" in errors_of(day="1969-12-31", mood=5)["day"]
    with pytest.raises(EntryValidationError):
        parse_day("2026-13-01", TODAY)
    assert parse_day(" 2026-11-25 ", TODAY) == TODAY


def test_note_length_and_tag_limits() -> None:
    assert "at most 20,000" in errors_of(note="x" * (MAX_NOTE_CHARS + 1))["note"]
    assert validate_entry({"day": TODAY, "note": "x" * MAX_NOTE_CHARS}, TODAY)
    assert "at most 40 characters" in errors_of(tags=["t" * 41])["tags"]
    assert "at most 20" in errors_of(tags=[f"t{i}" for i in range(21)])["tags"]


def test_an_entry_needs_at_least_one_value() -> None:
    assert "at least one value" in errors_of()["entry"]
    assert "at least one value" in errors_of(note="   ", tags=" , ")["entry"]


def test_all_problems_are_reported_at_once() -> None:
    errors = errors_of(stress=12, mood=-3, note="x" * (MAX_NOTE_CHARS + 5))
    assert set(errors) == {"stress", "mood", "note"}


@given(stress=st.integers(0, 10), quarters=st.integers(0, 64), study=st.integers(0, 32),
       social=st.integers(0, 2))
def test_every_in_range_value_is_accepted(stress: int, quarters: int, study: int,
                                          social: int) -> None:
    entry = validate_entry({"day": TODAY, "stress": stress, "sleep_hours": quarters / 4,
                            "study_hours": study / 4, "social": social}, TODAY)
    assert entry.sleep_hours == quarters / 4 and entry.stress == stress


@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=8)))
def test_stress_validation_never_crashes(value: object) -> None:
    try:
        entry = validate_entry({"day": TODAY, "stress": value, "mood": 5}, TODAY)
    except EntryValidationError as exc:
        assert "stress" in exc.errors
    else:
        assert entry.stress is None or 0 <= entry.stress <= 10
