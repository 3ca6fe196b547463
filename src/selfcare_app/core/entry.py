"""The daily check-in: one entry per calendar day, and the rules that keep it sane.

Validation returns every problem at once, keyed by field, in words a student understands,
so the app can show each message beside its control and the CLI can print one line.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Final

MIN_DAY: Final = date(1970, 1, 1)
MAX_TAGS: Final = 20
MAX_TAG_CHARS: Final = 40
MAX_NOTE_CHARS: Final = 20_000
HOURS_STEP: Final = 0.25


@dataclass(frozen=True)
class FieldSpec:
    """One numeric field of the daily entry: its range, step and how it is named to a student."""

    name: str
    label: str
    minimum: float
    maximum: float
    integer: bool
    unit: str = ""
    low_text: str = ""
    high_text: str = ""

    def range_text(self) -> str:
        if self.integer:
            return f"a whole number from {self.minimum:g} to {self.maximum:g}"
        return f"between {self.minimum:g} and {self.maximum:g} hours, in steps of 0.25 (15 minutes)"


STRESS: Final = FieldSpec("stress", "Stress", 0, 10, True, "", "none", "extreme")
SLEEP: Final = FieldSpec("sleep_hours", "Sleep", 0, 16, False, "h", "", "")
STUDY: Final = FieldSpec("study_hours", "Study", 0, 24, False, "h", "", "")
MOOD: Final = FieldSpec("mood", "Mood", 0, 10, True, "", "very low", "very good")
ENERGY: Final = FieldSpec("energy", "Energy", 0, 10, True, "", "exhausted", "full")
SOCIAL: Final = FieldSpec("social", "Time with people", 0, 2, True, "", "none", "meaningful")

NUMERIC_FIELDS: Final[tuple[FieldSpec, ...]] = (STRESS, SLEEP, STUDY, MOOD, ENERGY, SOCIAL)
FIELDS_BY_NAME: Final[dict[str, FieldSpec]] = {f.name: f for f in NUMERIC_FIELDS}
SOCIAL_LABELS: Final = ("none", "brief", "meaningful")
# The five metrics charted and summarised everywhere (social is categorical).
METRICS: Final[tuple[str, ...]] = ("stress", "sleep_hours", "study_hours", "mood", "energy")


@dataclass(frozen=True)
class DailyEntry:
    """What a student logged about one day. A missing value is None, never 0."""

    day: date
    stress: int | None = None
    sleep_hours: float | None = None
    study_hours: float | None = None
    mood: int | None = None
    energy: int | None = None
    social: int | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    created_at: datetime | None = field(default=None, compare=False)
    updated_at: datetime | None = field(default=None, compare=False)
    # Self-care practices done that day, from the student's own list (not free tags).
    practices: tuple[str, ...] = ()

    def value(self, name: str) -> float | None:
        v = getattr(self, name)
        return None if v is None else float(v)

    def has_any_value(self) -> bool:
        return (
            any(getattr(self, f.name) is not None for f in NUMERIC_FIELDS)
            or bool(self.tags)
            or bool(self.practices)
            or bool(self.note.strip())
        )

    def merged_with(self, changes: Mapping[str, Any]) -> DailyEntry:
        """A copy with the given fields replaced (used by `log`, which keeps fields not given)."""
        return replace(self, **dict(changes))


class EntryValidationError(ValueError):
    """Raised with every problem found, each keyed by the field it belongs to."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        super().__init__(self.one_line())

    def one_line(self) -> str:
        return " ".join(self.errors.values())


def parse_day(text: str, today: date) -> date:
    """An ISO date (YYYY-MM-DD) that is not in the future; raises EntryValidationError."""
    problem = day_problem_text(text, today)
    if problem:
        raise EntryValidationError({"day": problem})
    return date.fromisoformat(text.strip())


def day_problem_text(text: str, today: date) -> str:
    s = text.strip()
    try:
        if len(s) != 10:
            raise ValueError
        d = date.fromisoformat(s)
    except ValueError:
        return f"Date '{text}' is not a valid date; use YYYY-MM-DD, e.g. {today.isoformat()}."
    return day_range_problem(d, today)


def day_range_problem(d: date, today: date) -> str:
    if d > today:
        return f"Date {d.isoformat()} is in the future; you can log today ({today}) or earlier."
    if d < MIN_DAY:
        return f"Date {d.isoformat()} is too early; the earliest day is {MIN_DAY.isoformat()}."
    return ""


def _check_number(spec: FieldSpec, raw: Any) -> tuple[float | int | None, str]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    bad = f"{spec.label} must be {spec.range_text()}"
    if isinstance(raw, bool):
        return None, f"{bad}."
    try:
        value = float(raw.strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError, OverflowError):
        return None, f"{bad}; '{raw}' is not a number."
    if not math.isfinite(value):
        return None, f"{bad}; '{raw}' is not a number."
    if value < spec.minimum or value > spec.maximum:
        return None, f"{bad}; you entered {value:g}."
    if spec.integer:
        if value != int(value):
            return None, f"{bad}; you entered {value:g}."
        return int(value), ""
    if abs(value / HOURS_STEP - round(value / HOURS_STEP)) > 1e-9:
        return None, f"{bad}; you entered {value:g}."
    return round(value / HOURS_STEP) * HOURS_STEP, ""


def normalize_tags(raw: Iterable[str]) -> tuple[tuple[str, ...], str]:
    """Trimmed, NFC, de-duplicated (case-insensitively) tags in the order given, or a problem."""
    seen: set[str] = set()
    tags: list[str] = []
    for item in raw:
        tag = unicodedata.normalize("NFC", " ".join(str(item).split()))
        if not tag:
            continue
        if len(tag) > MAX_TAG_CHARS:
            return (), (
                f"Tag '{tag[:20]}…' is {len(tag)} characters long; "
                f"tags can be at most {MAX_TAG_CHARS} characters."
            )
        if any(unicodedata.category(ch).startswith("C") for ch in tag):
            return (), "Tags can't contain control characters."
        key = tag.casefold()
        if key not in seen:
            seen.add(key)
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        return (), f"You gave {len(tags)} tags; an entry can have at most {MAX_TAGS}."
    return tuple(tags), ""


def normalize_practices(raw: Iterable[str]) -> tuple[tuple[str, ...], str]:
    """Practice names follow the same rules as tags (trimmed, NFC, unique, ≤ 40 characters)."""
    practices, problem = normalize_tags(raw)
    if problem:
        return (), problem.replace("Tags", "Practices").replace("Tag ", "Practice ").replace(
            "tags", "practices")
    return practices, ""


def split_tags(text: str) -> list[str]:
    """Tags typed as one comma-separated line."""
    return [t for t in (p.strip() for p in text.split(",")) if t]


def validate_entry(values: Mapping[str, Any], today: date) -> DailyEntry:
    """Build a DailyEntry from loosely typed input, or raise with every problem found.

    `values` holds `day` (date or ISO text) and any of the numeric fields, `tags`, `note`.
    """
    errors: dict[str, str] = {}
    raw_day = values.get("day")
    day: date | None = None
    if isinstance(raw_day, datetime):
        raw_day = raw_day.date()
    if isinstance(raw_day, date):
        problem = day_range_problem(raw_day, today)
        if problem:
            errors["day"] = problem
        else:
            day = raw_day
    elif isinstance(raw_day, str):
        problem = day_problem_text(raw_day, today)
        if problem:
            errors["day"] = problem
        else:
            day = date.fromisoformat(raw_day.strip())
    else:
        errors["day"] = "Choose the day this entry is for."

    numbers: dict[str, Any] = {}
    for spec in NUMERIC_FIELDS:
        value, problem = _check_number(spec, values.get(spec.name))
        if problem:
            errors[spec.name] = problem
        numbers[spec.name] = value

    sleep, study = numbers["sleep_hours"], numbers["study_hours"]
    if sleep is not None and study is not None and sleep + study > 24:
        errors["study_hours"] = (
            f"Sleep and study together can't be more than 24 hours in a day "
            f"(you entered {sleep:g} + {study:g} = {sleep + study:g})."
        )

    raw_tags = values.get("tags") or ()
    if isinstance(raw_tags, str):
        raw_tags = split_tags(raw_tags)
    tags, tag_problem = normalize_tags(raw_tags)
    if tag_problem:
        errors["tags"] = tag_problem

    raw_practices = values.get("practices") or ()
    if isinstance(raw_practices, str):
        raw_practices = split_tags(raw_practices)
    practices, practice_problem = normalize_practices(raw_practices)
    if practice_problem:
        errors["practices"] = practice_problem

    note = values.get("note") or ""
    if not isinstance(note, str):
        errors["note"] = "The note must be text."
        note = ""
    note = unicodedata.normalize("NFC", note.replace("\r\n", "\n").replace("\x00", ""))
    if len(note) > MAX_NOTE_CHARS:
        errors["note"] = (
            f"The note is {len(note):,} characters long; notes can be at most "
            f"{MAX_NOTE_CHARS:,} characters."
        )

    if errors:
        raise EntryValidationError(errors)
    assert day is not None
    entry = DailyEntry(day=day, tags=tags, note=note, practices=practices, **numbers)
    if not entry.has_any_value():
        raise EntryValidationError(
            {"entry": "Fill in at least one value (stress, sleep, study, mood, energy, "
             "time with people, a tag, a practice or a note) before saving."}
        )
    return entry


def entry_to_values(entry: DailyEntry) -> dict[str, Any]:
    """The inverse of validate_entry's input: plain values, e.g. for merging CLI changes."""
    return {
        "day": entry.day,
        **{spec.name: getattr(entry, spec.name) for spec in NUMERIC_FIELDS},
        "tags": list(entry.tags),
        "note": entry.note,
        "practices": list(entry.practices),
    }
