"""One way to write dates, numbers and hours (core/formatting.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from selfcare_app.core.entry import EntryValidationError, validate_entry
from selfcare_app.core.formatting import (
    format_day,
    format_hours,
    format_long_day,
    format_number,
    format_range,
    format_short_day,
    format_time,
    parse_hours_text,
)


def test_numbers_drop_noise() -> None:
    assert format_number(71.4286) == "71.4"
    assert format_number(7.0) == "7"
    assert format_number(-0.01) == "0"
    assert format_number(6.5, decimal=",") == "6,5"


def test_hours_read_as_people_say_them() -> None:
    assert format_hours(6.5) == "6.5 h"
    assert format_hours(7.0) == "7 h"
    assert format_hours(6.25) == "6.25 h"  # a quarter is kept, not rounded to 6.3
    assert format_hours(None) == "not set"


def test_one_date_style() -> None:
    d = date(2026, 12, 2)
    assert format_day(d) == "Wed 2 Dec 2026"
    assert format_day(d, year=False) == "Wed 2 Dec"
    assert format_short_day(d) == "2 Dec"
    assert format_long_day(d) == "Wednesday 2 December"
    assert format_range(date(2026, 11, 18), date(2026, 11, 25)) == "18–25 Nov 2026"
    assert format_range(date(2026, 11, 28), date(2026, 12, 4)) == "28 Nov – 4 Dec 2026"
    assert format_time(datetime(2026, 12, 2, 17, 6)) == "17:06"


@pytest.mark.parametrize("text, hours", [
    ("6.5", 6.5), ("6,5", 6.5), ("6.5 h", 6.5), ("6:30", 6.5), ("6h30", 6.5), (" 7 ", 7.0),
    ("", None), ("   ", None)])
def test_typed_hours(text: str, hours: float | None) -> None:
    assert parse_hours_text(text) == hours


def test_typed_hours_out_of_range_get_the_usual_message_not_a_silent_cut() -> None:
    for typed in ("30", "abc", "6:75"):
        with pytest.raises(EntryValidationError) as err:
            validate_entry({"day": date(2026, 11, 25), "sleep_hours": parse_hours_text(typed)},
                           date(2026, 11, 25))
        assert err.value.errors["sleep_hours"].startswith("Sleep must be between 0 and 16")
