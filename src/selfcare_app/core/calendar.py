"""An iCalendar file (RFC 5545) for a resource's schedule, built offline.

Times are "floating" local times (no TZID), so 18:00 stays 18:00 in whatever calendar the student
imports it into, which is what a campus timetable means. A weekly slot becomes one event with
RRULE:FREQ=WEEKLY;UNTIL=<end of the last day>; a dated event is a single VEVENT. The UID is
derived from the campus, the entry and the slot, so adding the same group again updates the
calendar entry instead of duplicating it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Final

from selfcare_app.core.resource import Resource, web_url
from selfcare_app.core.schedule import Schedule

PRODID: Final = "-//Selfcare//Campus resources//EN"
MAX_OCTETS: Final = 75
UID_DOMAIN: Final = "selfcare-app.invalid"
_WEEKDAY_CODES: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def escape_text(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (never inside a UTF-8 character);
    continuation lines start with one space. Lines are joined with CRLF."""
    parts: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for ch in line:
        octets = len(ch.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size, limit = " ", 1, MAX_OCTETS
        current += ch
        size += octets
    parts.append(current)
    return "\r\n".join(parts)


def _local(day: date, at: time) -> str:
    return f"{day:%Y%m%d}T{at:%H%M%S}"


def _uid(seed: str, index: int) -> str:
    digest = hashlib.sha256(f"{seed}\x1f{index}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def calendar_file(name: str, schedules: Sequence[Schedule], *, uid_seed: str,
                  stamp: datetime, description: str = "", location: str = "",
                  url: str = "") -> bytes:
    """The .ics bytes (UTF-8, CRLF line ends) with one VEVENT per schedule."""
    stamp_utc = stamp.astimezone(UTC) if stamp.tzinfo else stamp
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    for index, slot in enumerate(schedules):
        first = slot.first_day()
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(uid_seed, index)}",
            f"DTSTAMP:{stamp_utc:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{_local(first, slot.start)}",
            f"DTEND:{_local(first, slot.end)}",
        ]
        if slot.weekly:
            assert slot.weekday is not None
            # UNTIL in the same (floating) form as DTSTART, inclusive of the last day.
            lines.append(f"RRULE:FREQ=WEEKLY;BYDAY={_WEEKDAY_CODES[slot.weekday]};"
                         f"UNTIL={_local(slot.last_day(), time(23, 59, 59))}")
        lines.append(f"SUMMARY:{escape_text(name)}")
        if description:
            lines.append(f"DESCRIPTION:{escape_text(description)}")
        if location:
            lines.append(f"LOCATION:{escape_text(location)}")
        if url:
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("".join(fold(line) + "\r\n" for line in lines)).encode("utf-8")


def calendar_file_name(name: str) -> str:
    """A safe suggested file name: letters, digits and dashes only."""
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in name.casefold())
    cleaned = "-".join(part for part in cleaned.split("-") if part)[:60]
    return (cleaned or "event") + ".ics"


def resource_calendar(resource: Resource, stamp: datetime) -> bytes:
    """The .ics for a stored resource's schedule (its address as the place, its web link)."""
    d = resource.data
    seed = (f"pack/{resource.pack_campus}/{resource.pack_key}" if resource.pack_key
            else f"own/{resource.id}/{d.name}")
    link = web_url(d.url)
    return calendar_file(d.name, d.schedule, uid_seed=seed, stamp=stamp,
                         description=d.description, location=d.address,
                         url=link if link.casefold().startswith(("https://", "http://")) else "")
