"""Structured meeting times and the .ics files made from them (RFC 5545), read back by a
standard parser (icalendar, a test-only dependency)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import icalendar
import pytest

from selfcare_app.core.calendar import calendar_file, calendar_file_name, escape_text, fold
from selfcare_app.core.schedule import Schedule, parse_schedule, parse_weekday

WEEKLY = {"weekday": "Tuesday", "start": "18:00", "end": "19:30",
          "term_start": "2026-09-07", "term_end": "2026-12-11"}
EVENT = {"date": "2026-10-10", "start": "10:00", "end": "12:00"}
STAMP = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)


def test_weekly_and_dated_schedules_parse() -> None:
    weekly, problems = parse_schedule(WEEKLY)
    assert problems == [] and weekly is not None
    assert weekly.weekday == 1 and weekly.first_day() == date(2026, 9, 8)
    assert weekly.describe() == "Tuesdays 18:00–19:30 (2026-09-08 to 2026-12-11)"
    assert weekly.to_json() == {**WEEKLY, "weekday": "tuesday"}
    event, problems = parse_schedule(EVENT)
    assert problems == [] and event is not None
    assert event.describe() == "Sat 2026-10-10, 10:00–12:00" and not event.weekly


@pytest.mark.parametrize("text, day", [("Tue", 1), ("tuesdays", 1), ("THURS", 3), ("sun", 6),
                                       ("mo", None), ("funday", None)])
def test_weekday_names(text: str, day: int | None) -> None:
    assert parse_weekday(text) == day


@pytest.mark.parametrize("obj, expected", [
    ({**WEEKLY, "end": "17:00"}, ("end", "must be later than start")),
    ({**WEEKLY, "start": "6pm"}, ("start", "'6pm' isn't a 24-hour time like 18:00")),
    ({k: v for k, v in WEEKLY.items() if k != "term_end"},
     ("term_end", "is required for a weekly meeting")),
    ({**WEEKLY, "term_end": "2026-09-01"}, ("term_end", "is before term_start")),
    ({**WEEKLY, "term_start": "2026-09-09", "term_end": "2026-09-14"},
     ("weekday", "there is no tuesday between term_start and term_end")),
    ({**EVENT, "weekday": "monday"}, ("", "give either a weekday")),
    ({**EVENT, "term_start": "2026-09-01"}, ("term_start", "only goes with a weekly meeting")),
    ({**EVENT, "room": "2"}, ("room", "unknown field")),
    ({**EVENT, "date": "10/10/2026"}, ("date", "isn't a real date")),
])
def test_schedule_problems(obj: dict[str, str], expected: tuple[str, str]) -> None:
    schedule, problems = parse_schedule(obj)
    assert schedule is None
    assert any(f == expected[0] and expected[1] in m for f, m in problems), problems


def _slots() -> list[Schedule]:
    weekly, _ = parse_schedule(WEEKLY)
    event, _ = parse_schedule(EVENT)
    assert weekly is not None and event is not None
    return [weekly, event]


def test_ics_reads_back_with_a_standard_parser() -> None:
    raw = calendar_file("Peer learning: calculus, week 1", _slots(), uid_seed="U/calc",
                        stamp=STAMP, description="Bring notes; ask anything.\nRoom 2, east",
                        location="Library; room 2.14", url="https://peer.example.edu/calc")
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    weekly, single = events
    assert str(weekly["SUMMARY"]) == "Peer learning: calculus, week 1"
    assert str(weekly["DESCRIPTION"]) == "Bring notes; ask anything.\nRoom 2, east"
    assert str(weekly["LOCATION"]) == "Library; room 2.14"
    start = weekly.decoded("DTSTART")
    assert start == datetime(2026, 9, 8, 18, 0) and start.tzinfo is None  # floating local time
    assert weekly.decoded("DTEND") == datetime(2026, 9, 8, 19, 30)
    rule = weekly["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    assert rule["UNTIL"] == [datetime(2026, 12, 11, 23, 59, 59)]
    assert weekly.decoded("DTSTAMP") == STAMP
    assert single.decoded("DTSTART") == datetime(2026, 10, 10, 10, 0)
    assert "RRULE" not in single
    assert str(weekly["UID"]) != str(single["UID"])


def test_ics_is_strict_rfc5545_text() -> None:
    long_name = "Groupe d’entraide « étudiants » — " + "é" * 80
    raw = calendar_file(long_name, _slots()[:1], uid_seed="x", stamp=STAMP,
                        description="a;b,c\\d")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # never split inside a character
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    assert b"VERSION:2.0" in lines and any(x.startswith(b"PRODID:") for x in lines)
    assert b"DESCRIPTION:a\\;b\\,c\\\\d" in lines
    event = next(iter(icalendar.Calendar.from_ical(raw).walk("VEVENT")))
    assert str(event["SUMMARY"]) == long_name


def test_uid_is_stable_so_adding_again_updates_the_entry() -> None:
    def uids(seed: str) -> list[bytes]:
        raw = calendar_file("X", _slots(), uid_seed=seed, stamp=STAMP)
        return [line for line in raw.split(b"\r\n") if line.startswith(b"UID:")]

    assert uids("campus/calc") == uids("campus/calc")
    assert uids("campus/calc") != uids("campus/other")


def test_text_helpers() -> None:
    assert escape_text("a\r\nb;c,d\\") == "a\\nb\\;c\\,d\\\\"
    assert fold("A" * 75) == "A" * 75
    assert fold("A" * 76) == "A" * 75 + "\r\n A"
    assert calendar_file_name("Peer learning: Calculus / Tue") == "peer-learning-calculus-tue.ics"
    assert calendar_file_name("!!!") == "event.ics"
    assert time(18) == _slots()[0].start
