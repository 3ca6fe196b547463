"""When the daily reminder is due: once a day, after the chosen time, never when it's settled."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from selfcare_app.core.alerts import QuietPeriod
from selfcare_app.core.reminders import (
    DEFAULT_TIME,
    TEXT_KNOWN,
    TEXT_UNKNOWN,
    DayFacts,
    ReminderSettings,
    format_time,
    parse_time,
    reminder_text,
    should_remind,
)

ON = ReminderSettings(True, time(20, 0))
DAY = date(2026, 11, 25)


def at(hh: int, mm: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hh, mm))


@pytest.mark.parametrize("text,expected", [("20:00", time(20)), ("7:05", time(7, 5)),
                                           (" 23:59 ", time(23, 59)), ("00:00", time(0))])
def test_parse_time_accepts_hh_mm(text: str, expected: time) -> None:
    assert parse_time(text) == expected
    assert parse_time(format_time(expected)) == expected


@pytest.mark.parametrize("text", ["24:00", "20:60", "8pm", "", "20", "20:0", "-1:00"])
def test_parse_time_refuses_anything_else_with_a_plain_message(text: str) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        parse_time(text)


def test_damaged_stored_values_fall_back_to_off_at_the_default_time() -> None:
    assert ReminderSettings.from_strings("banana", "25:99") == ReminderSettings(False,
                                                                                DEFAULT_TIME)
    assert ReminderSettings.from_strings("true", "07:30") == ReminderSettings(True, time(7, 30))
    assert ReminderSettings.from_strings(True, None).at == DEFAULT_TIME


def test_never_when_off_or_before_the_time() -> None:
    off = ReminderSettings(False, time(20))
    assert not should_remind(at(21), off, shown_on=None, today_logged=False, quiet=False)
    assert not should_remind(at(19, 59), ON, shown_on=None, today_logged=False, quiet=False)
    assert should_remind(at(20, 0), ON, shown_on=None, today_logged=False, quiet=False)
    assert should_remind(at(23, 30), ON, shown_on=None, today_logged=False, quiet=False)


def test_at_most_once_a_day_and_again_the_next_day() -> None:
    assert not should_remind(at(21), ON, shown_on=DAY, today_logged=False, quiet=False)
    tomorrow = date(2026, 11, 26)
    assert should_remind(at(20, day=tomorrow), ON, shown_on=DAY, today_logged=False,
                         quiet=False)


def test_an_entry_or_a_quiet_period_keeps_it_silent() -> None:
    assert not should_remind(at(21), ON, shown_on=None, today_logged=True, quiet=False)
    assert not should_remind(at(21), ON, shown_on=None, today_logged=False, quiet=True)


def test_unknown_facts_while_locked_still_remind_with_wording_that_fits_both() -> None:
    assert should_remind(at(21), ON, shown_on=None, today_logged=None, quiet=None)
    assert reminder_text(None) == TEXT_UNKNOWN and "ignore" in TEXT_UNKNOWN
    assert reminder_text(False) == TEXT_KNOWN


def test_day_facts_trust_only_a_known_entry_and_know_quiet_periods() -> None:
    exams = QuietPeriod(date(2026, 12, 1), date(2026, 12, 12), "exams")
    facts = DayFacts.read(DAY, True, [exams])
    assert facts.logged(DAY) is True
    assert facts.logged(date(2026, 11, 26)) is None  # could be logged from the CLI meanwhile
    assert facts.quiet(date(2026, 12, 5)) and not facts.quiet(DAY)
    assert DayFacts.read(DAY, False, []).logged(DAY) is None
