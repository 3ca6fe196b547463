"""Daylio's CSV export → daily entries (pure).

Every header variant Daylio has written is read:

    year,date,weekday,time,mood,activities,note                       (older exports)
    full_date,date,weekday,time,mood,activities,note_title,note        (2020 on)
    full_date,date,weekday,time,mood,activities,scales,note_title,note (with scales)

and any of these with or without `scales` / `note_title`. Times may be 24-hour ("21:35") or
12-hour ("9:35 pm"). `activities` are separated by " | " and become tags. `scales` hold
"name: value | …"; a scale named like "sleep" or "hours slept" gives the hours of sleep.
Notes may contain HTML (`<br>`, `<b>`, entities); it is turned into plain text.

Moods are labels. The five default labels map to our 0–10 mood scale as DEFAULT_MOOD_MAP
(rad 9, good 7, meh 5, bad 3, awful 1: the midpoints of five equal bands); renamed or extra
moods need a value from the student (`--mood-map label=value,…` or the import dialog), and an
unmapped label stops the import with a list of every such label.

Several entries on one day (Daylio allows that) are merged: the mood is the mean of their
values (rounded half up), notes are joined in time order, activities are united, sleep is the
mean of the sleep values given.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from html.parser import HTMLParser
from typing import Final

from selfcare_app.core.csv_format import cells_problem, csv_rows, header_map
from selfcare_app.core.entry import HOURS_STEP, EntryValidationError, validate_entry
from selfcare_app.core.exchange import (
    FileFormatError,
    IncomingEntry,
    Rejection,
    RowsRejectedError,
    UnknownMoodLabelsError,
    join_notes,
    short,
)
from selfcare_app.i18n import _, ngettext

DEFAULT_MOOD_MAP: Final[dict[str, int]] = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
COLUMNS: Final = ("full_date", "year", "date", "weekday", "time", "mood", "activities",
                  "scales", "note_title", "note")
SLEEP_SCALE_NAMES: Final = frozenset({
    "sleep", "sleep hours", "hours of sleep", "hours slept", "sleep (h)", "sleep (hours)",
    "sleep duration", "slept", "sleep time",
})
ACTIVITY_SEPARATOR: Final = "|"

_MONTHS: Final = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_TIME_12: Final = re.compile(r"^(\d{1,2})[:.](\d{2})\s*([ap])\.?\s*m\.?$", re.IGNORECASE)
_TIME_24: Final = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
_DAY_MONTH: Final = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?$")
_MONTH_DAY: Final = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})\.?$")
_HOURS: Final = re.compile(
    r"^(\d{1,2}(?:[.,]\d+)?)\s*(?:h|hr|hrs|hour|hours)?$|^(\d{1,2})\s*[:h]\s*(\d{2})\s*m?$",
    re.IGNORECASE)


class MoodMapError(ValueError):
    """A --mood-map value that can't be read (a usage error, not a file error)."""


def parse_mood_map(text: str) -> dict[str, int]:
    """'label=value,label2=value2' → {casefolded label: value 0–10}."""
    mapping: dict[str, int] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        label, sep, value = part.rpartition("=")
        label = label.strip()
        if not sep or not label:
            raise MoodMapError(
                _("--mood-map: '{part}' should look like label=value, e.g. rad=9.").format(
                    part=part.strip()))
        try:
            number = int(value.strip())
        except ValueError:
            number = -1
        if not 0 <= number <= 10:
            raise MoodMapError(
                _("--mood-map: the value for '{label}' must be a whole number from 0 to 10; "
                  "you gave '{value}'.").format(label=label, value=value.strip()))
        mapping[label.casefold()] = number
    return mapping


def effective_mood_map(custom: Mapping[str, int] | None = None) -> dict[str, int]:
    mapping = dict(DEFAULT_MOOD_MAP)
    for label, value in (custom or {}).items():
        mapping[label.strip().casefold()] = value
    return mapping


class _TextExtractor(HTMLParser):
    _BREAKS: Final = frozenset({"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4",
                                "h5", "h6", "tr", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS and tag not in ("br", "li"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(note: str) -> str:
    """Daylio's note HTML (`<br>`, `<b>`, `<li>`, entities) as plain text lines."""
    if "<" not in note and "&" not in note:
        return note.strip()
    parser = _TextExtractor()
    try:
        parser.feed(note)
        parser.close()
        text = "".join(parser.parts)
    except Exception:  # noqa: BLE001 - malformed markup: fall back to dropping tags
        text = html.unescape(re.sub(r"<[^>]*>", " ", note))
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def parse_time(text: str) -> time | None:
    """'21:35', '9:35 pm', '9.35 P.M.' → time; '' → None; anything else raises ValueError."""
    s = " ".join(text.split())
    if not s:
        return None
    m = _TIME_12.match(s)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2))
        if not 1 <= hour <= 12 or minute > 59:
            raise ValueError
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
        return time(hour, minute)
    m = _TIME_24.match(s)
    if m:
        hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise ValueError
        return time(hour, minute, second)
    raise ValueError


def _month(name: str) -> int:
    key = name.casefold()[:3]
    if len(name) < 3 or key not in _MONTHS:
        raise ValueError
    return _MONTHS[key]


def parse_day(full_date: str | None, year: str | None, day_text: str | None) -> date:
    """The entry's day from full_date (ISO), or from year + an English 'date' such as
    '18 May', 'May 18' or '3. Oct'; raises ValueError."""
    if full_date is not None:
        s = full_date.strip()
        if len(s) != 10:
            raise ValueError
        return date.fromisoformat(s)
    y = (year or "").strip()
    if not (len(y) == 4 and y.isdigit()):
        raise ValueError
    s = " ".join((day_text or "").split())
    m = _DAY_MONTH.match(s)
    if m:
        return date(int(y), _month(m.group(2)), int(m.group(1)))
    m = _MONTH_DAY.match(s)
    if m:
        return date(int(y), _month(m.group(1)), int(m.group(2)))
    raise ValueError


def parse_sleep_hours(scales: str) -> float | None:
    """Hours of sleep from a `scales` cell ('Sleep:\u00a07.5 | Stress: 3'), or None.

    Raises ValueError (with the value) when a sleep scale's value isn't a number of hours.
    """
    for item in scales.split(ACTIVITY_SEPARATOR):
        name, sep, value = item.replace("\u00a0", " ").partition(":")
        if not sep or " ".join(name.split()).casefold() not in SLEEP_SCALE_NAMES:
            continue
        v = " ".join(value.split())
        if not v:
            return None
        m = _HOURS.match(v)
        if not m:
            raise ValueError(v)
        if m.group(1) is not None:
            hours = float(m.group(1).replace(",", "."))
        else:
            hours = int(m.group(2)) + int(m.group(3)) / 60
        return hours
    return None


def _round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


@dataclass
class _Day:
    lines: list[int] = field(default_factory=list)
    parts: list[tuple[time | None, int, int | None, list[str], float | None, str]] = field(
        default_factory=list)


@dataclass(frozen=True)
class DaylioPreview:
    """What the import dialog shows before mapping moods: labels with counts, and dates."""

    labels: dict[str, int]  # label as written → number of rows
    rows: int
    first_day: date | None
    last_day: date | None


def _cell(row: list[str], columns: Mapping[str, int], name: str) -> str | None:
    i = columns.get(name)
    return None if i is None else row[i]


def _header(text: str) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    rows = list(csv_rows(text))
    if not rows:
        raise FileFormatError(_("The file is empty; nothing was imported."))
    columns = header_map(rows[0][1], COLUMNS, ("time", "mood"), "Daylio")
    if "full_date" not in columns and not ("year" in columns and "date" in columns):
        raise FileFormatError(
            _("The Daylio file needs a 'full_date' column, or 'year' and 'date' columns; "
              "nothing was imported."))
    if len(rows) == 1:
        raise FileFormatError(_("The file has a header row but no entries; nothing was "
                                "imported."))
    return columns, rows[1:]


def preview(text: str) -> DaylioPreview:
    """Mood labels (and how often each is used) for the mapping preview; light validation."""
    columns, rows = _header(text)
    labels: dict[str, int] = {}
    days: list[date] = []
    for _line, row in rows:
        if len(row) != len(columns):
            continue
        label = " ".join((_cell(row, columns, "mood") or "").split())
        if label:
            labels[label] = labels.get(label, 0) + 1
        try:
            days.append(parse_day(_cell(row, columns, "full_date"), _cell(row, columns, "year"),
                                  _cell(row, columns, "date")))
        except ValueError:
            pass
    return DaylioPreview(labels, len(rows), min(days, default=None), max(days, default=None))


def unknown_labels(labels: Mapping[str, int] | list[str],
                   mood_map: Mapping[str, int] | None) -> list[str]:
    mapping = effective_mood_map(mood_map)
    return sorted({lb for lb in labels if lb.casefold() not in mapping}, key=str.casefold)


def parse_daylio(text: str, today: date,
                 mood_map: Mapping[str, int] | None = None) -> list[IncomingEntry]:
    """Parse a whole Daylio export; raises UnknownMoodLabelsError or RowsRejectedError."""
    columns, rows = _header(text)
    mapping = effective_mood_map(mood_map)
    unknown = sorted({
        " ".join((_cell(row, columns, "mood") or "").split())
        for _line, row in rows if len(row) == len(columns)
    } - {""}, key=str.casefold)
    unknown = [lb for lb in unknown if lb.casefold() not in mapping]
    if unknown:
        raise UnknownMoodLabelsError(unknown)

    rejections: list[Rejection] = []
    days: dict[date, _Day] = {}
    for index, (line, row) in enumerate(rows):
        where = _("line {number}").format(number=line)
        if len(row) != len(columns):
            rejections.append(Rejection(where, cells_problem(len(row), len(columns))))
            continue
        try:
            day = parse_day(_cell(row, columns, "full_date"), _cell(row, columns, "year"),
                            _cell(row, columns, "date"))
        except ValueError:
            shown = _cell(row, columns, "full_date")
            if shown is None:
                shown = f"{_cell(row, columns, 'date')} {_cell(row, columns, 'year')}"
            rejections.append(Rejection(
                where, _("the date '{text}' is not a valid date (expected YYYY-MM-DD, or a year "
                         "and a date such as '18 May').").format(text=short(shown))))
            continue
        raw_time = _cell(row, columns, "time") or ""
        try:
            at = parse_time(raw_time)
        except ValueError:
            rejections.append(Rejection(
                where, _("the time '{text}' is not a valid time (e.g. 21:35 or 9:35 pm).")
                .format(text=short(raw_time))))
            continue
        label = " ".join((_cell(row, columns, "mood") or "").split())
        mood = mapping[label.casefold()] if label else None
        activities = [a.strip() for a in (_cell(row, columns, "activities") or "").split(
            ACTIVITY_SEPARATOR)]
        try:
            sleep = parse_sleep_hours(_cell(row, columns, "scales") or "")
        except ValueError as exc:
            rejections.append(Rejection(
                where, _("the sleep value '{text}' in 'scales' is not a number of hours "
                         "(e.g. 7.5 or 7h 30m).").format(text=short(str(exc)))))
            continue
        title = html_to_text(_cell(row, columns, "note_title") or "")
        body = html_to_text(_cell(row, columns, "note") or "")
        note = f"{title}\n{body}" if title and body else (title or body)
        bucket = days.setdefault(day, _Day())
        bucket.lines.append(line)
        bucket.parts.append((at, index, mood, [a for a in activities if a], sleep, note))

    entries: list[IncomingEntry] = []
    for day in sorted(days):
        bucket = days[day]
        where = ngettext("line {numbers}", "lines {numbers}", len(bucket.lines)).format(
            numbers=", ".join(str(n) for n in sorted(bucket.lines)))
        # Daylio writes newest first; order the day's entries by time (then file order).
        parts = sorted(bucket.parts, key=lambda p: (p[0] or time.min, -p[1]))
        moods = [p[2] for p in parts if p[2] is not None]
        sleeps = [p[4] for p in parts if p[4] is not None]
        tags: list[str] = []
        for p in parts:
            tags.extend(p[3])
        values: dict[str, object] = {
            "day": day,
            "mood": _round_half_up(sum(moods) / len(moods)) if moods else None,
            "sleep_hours": (round(sum(sleeps) / len(sleeps) / HOURS_STEP) * HOURS_STEP
                            if sleeps else None),
            "tags": tags,
            "note": join_notes(p[5] for p in parts),
        }
        try:
            entries.append(IncomingEntry(validate_entry(values, today), where))
        except EntryValidationError as exc:
            rejections.append(Rejection(where, _("{day}: {problem}").format(
                day=day.isoformat(), problem=exc.one_line())))
    if rejections:
        rejections.sort(key=lambda r: _first_line(r.where))
        raise RowsRejectedError(rejections, len(rows))
    return entries


def _first_line(where: str) -> int:
    digits = re.search(r"\d+", where)
    return int(digits.group()) if digits else 0
