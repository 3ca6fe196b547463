"""When a group meets or an event happens: structured times a calendar can hold.

A pack entry may carry a `schedule` list (format version 2). Each item is either weekly
(`weekday`, `start`, `end`, `term_start`, `term_end`: every week of a term) or dated (`date`,
`start`, `end`: one event). Times are the campus's local clock time; the calendar file keeps them
as "floating" local times, so a student's calendar shows them as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any, Final

from selfcare_app.core.formatting import format_short_weekday, format_time
from selfcare_app.i18n import N_, _

WEEKDAYS: Final[tuple[str, ...]] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
WEEKLY_FIELDS: Final = ("weekday", "start", "end", "term_start", "term_end")
EVENT_FIELDS: Final = ("date", "start", "end")
SCHEDULE_FIELDS: Final = ("weekday", "date", "start", "end", "term_start", "term_end")
MAX_SCHEDULES: Final = 20
_TIME_RE: Final = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)(?::00)?$")  # Excel adds :00
_ISO_DAY_RE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Schedule:
    """One weekly slot during a term, or one dated event (`on`)."""

    start: time
    end: time
    weekday: int | None = None  # 0 = Monday, as date.weekday()
    term_start: date | None = None
    term_end: date | None = None
    on: date | None = None

    @property
    def weekly(self) -> bool:
        return self.weekday is not None

    def first_day(self) -> date:
        """The first day it happens (a weekly slot's first matching weekday in the term)."""
        if self.on is not None:
            return self.on
        assert self.term_start is not None and self.weekday is not None
        return self.term_start + timedelta(days=(self.weekday - self.term_start.weekday()) % 7)

    def last_day(self) -> date:
        if self.on is not None:
            return self.on
        assert self.term_end is not None
        return self.term_end

    def describe(self) -> str:
        """"Tuesdays 18:00–19:30 (2026-09-08 to 2026-12-08)" or "Sat 2026-10-10, 10:00–12:00"."""
        hours = f"{format_time(self.start)}–{format_time(self.end)}"
        if self.on is not None:
            return _("{weekday} {day}, {hours}").format(
                weekday=format_short_weekday(self.on.weekday()), day=self.on.isoformat(),
                hours=hours)
        assert self.weekday is not None and self.term_end is not None
        return _(_EVERY_WEEKDAY[self.weekday]).format(
            hours=hours, start=self.first_day().isoformat(), end=self.term_end.isoformat())

    def to_json(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.on is not None:
            out["date"] = self.on.isoformat()
        else:
            assert self.weekday is not None and self.term_start and self.term_end
            out["weekday"] = WEEKDAYS[self.weekday]
        out["start"] = f"{self.start:%H:%M}"
        out["end"] = f"{self.end:%H:%M}"
        if self.on is None:
            assert self.term_start is not None and self.term_end is not None
            out["term_start"] = self.term_start.isoformat()
            out["term_end"] = self.term_end.isoformat()
        return out


def parse_time(text: str) -> time | None:
    """24-hour "18:00" (or "18.00", "9:05"); None if it isn't one."""
    match = _TIME_RE.match(text.strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


def parse_weekday(text: str) -> int | None:
    """A weekday from its English name or first three letters, any case ("Tue" → 1)."""
    wanted = text.strip().casefold().rstrip(".")
    if wanted.endswith("s") and wanted[:-1] in WEEKDAYS:  # "Tuesdays"
        wanted = wanted[:-1]
    for index, name in enumerate(WEEKDAYS):
        if len(wanted) >= 3 and name.startswith(wanted):
            return index
    return None


def _day(text: str) -> date | None:
    if not _ISO_DAY_RE.match(text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


# Marked for the catalog; translated in Schedule.describe().
_EVERY_WEEKDAY: Final = (
    N_("Mondays {hours} ({start} to {end})"), N_("Tuesdays {hours} ({start} to {end})"),
    N_("Wednesdays {hours} ({start} to {end})"), N_("Thursdays {hours} ({start} to {end})"),
    N_("Fridays {hours} ({start} to {end})"), N_("Saturdays {hours} ({start} to {end})"),
    N_("Sundays {hours} ({start} to {end})"),
)


def parse_schedule(obj: Mapping[str, Any]) -> tuple[Schedule | None, list[tuple[str, str]]]:
    """A Schedule from a pack's JSON object; problems as (field or "", message)."""
    problems: list[tuple[str, str]] = []
    for key in obj:
        if key not in SCHEDULE_FIELDS:
            problems.append((key, _("unknown field (check the spelling); allowed: {fields}")
                             .format(fields=", ".join(SCHEDULE_FIELDS))))
    texts: dict[str, str] = {}
    for key in SCHEDULE_FIELDS:
        if key in obj:
            value = obj[key]
            if not isinstance(value, str):
                problems.append((key, _("must be text")))
            else:
                texts[key] = value
    weekly, dated = "weekday" in obj, "date" in obj
    if weekly == dated:
        problems.append(("", _("give either a weekday (with term_start and term_end) for a "
                               "weekly meeting, or a date for a single event")))
    times: dict[str, time] = {}
    for key in ("start", "end"):
        if key not in obj:
            problems.append((key, _("is required (24-hour time, e.g. 18:00)")))
        elif key in texts:
            parsed = parse_time(texts[key])
            if parsed is None:
                problems.append((key, _("{text} isn't a 24-hour time like 18:00").format(
                    text=repr(texts[key]))))
            else:
                times[key] = parsed
    if "start" in times and "end" in times and times["end"] <= times["start"]:
        problems.append(("end", _("must be later than start (on the same day)")))
    weekday: int | None = None
    days: dict[str, date] = {}
    if weekly:
        if "weekday" in texts:
            weekday = parse_weekday(texts["weekday"])
            if weekday is None:
                problems.append(("weekday", _("{text} isn't a weekday; use monday … sunday")
                                 .format(text=repr(texts["weekday"]))))
        for key in ("term_start", "term_end"):
            if key not in obj:
                problems.append((key, _("is required for a weekly meeting (YYYY-MM-DD)")))
            elif key in texts:
                parsed_day = _day(texts[key])
                if parsed_day is None:
                    problems.append((key, _("{text} isn't a real date in the form YYYY-MM-DD")
                                     .format(text=repr(texts[key]))))
                else:
                    days[key] = parsed_day
        if "term_start" in days and "term_end" in days:
            if days["term_end"] < days["term_start"]:
                problems.append(("term_end", _("is before term_start")))
            elif days["term_end"] - days["term_start"] > timedelta(days=400):
                problems.append(("term_end", _("is more than a year after term_start; give "
                                               "one term or year at a time")))
            elif weekday is not None and (
                    days["term_start"] + timedelta(days=(weekday - days["term_start"].weekday())
                                                   % 7) > days["term_end"]):
                problems.append(("weekday", _("there is no {weekday} between term_start and "
                                              "term_end").format(weekday=WEEKDAYS[weekday])))
    elif dated:
        for key in ("term_start", "term_end"):
            if key in obj:
                problems.append((key, _("only goes with a weekly meeting (weekday)")))
        if "date" in texts:
            parsed_day = _day(texts["date"])
            if parsed_day is None:
                problems.append(("date", _("{text} isn't a real date in the form YYYY-MM-DD")
                                 .format(text=repr(texts["date"]))))
            else:
                days["date"] = parsed_day
    if problems:
        return None, problems
    return Schedule(start=times["start"], end=times["end"], weekday=weekday,
                    term_start=days.get("term_start"), term_end=days.get("term_end"),
                    on=days.get("date")), []


def schedule_from_json(obj: Mapping[str, Any]) -> Schedule:
    """A stored schedule (already validated); raises ValueError if it can't be read."""
    schedule, problems = parse_schedule(obj)
    if schedule is None:
        raise ValueError("; ".join(f"{k}: {m}" if k else m for k, m in problems))
    return schedule
