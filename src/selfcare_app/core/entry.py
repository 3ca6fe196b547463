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

from selfcare_app.core.formatting import format_integer
from selfcare_app.i18n import N_, _

MIN_DAY: Final = date(1970, 1, 1)
MAX_TAGS: Final = 20
MAX_TAG_CHARS: Final = 40
MAX_NOTE_CHARS: Final = 20_000
HOURS_STEP: Final = 0.25


@dataclass(frozen=True)
class FieldSpec:
    """One numeric field of the daily entry: its range, step and how it is named to a student.

    The `*_id` fields hold English catalog msgids (marked with N_); `label`, `low_text` and
    `high_text` give them in the language in use."""

    name: str
    label_id: str
    minimum: float
    maximum: float
    integer: bool
    unit: str = ""
    low_id: str = ""
    high_id: str = ""

    @property
    def label(self) -> str:
        return _(self.label_id)

    @property
    def low_text(self) -> str:
        return _(self.low_id) if self.low_id else ""

    @property
    def high_text(self) -> str:
        return _(self.high_id) if self.high_id else ""

    def range_text(self) -> str:
        if self.integer:
            return _("a whole number from {minimum} to {maximum}").format(
                minimum=f"{self.minimum:g}", maximum=f"{self.maximum:g}")
        return _("between {minimum} and {maximum} hours, in steps of 0.25 (15 minutes)").format(
            minimum=f"{self.minimum:g}", maximum=f"{self.maximum:g}")


STRESS: Final = FieldSpec("stress", N_("Stress"), 0, 10, True, "", N_("none"), N_("extreme"))
SLEEP: Final = FieldSpec("sleep_hours", N_("Sleep"), 0, 16, False, "h", "", "")
STUDY: Final = FieldSpec("study_hours", N_("Study"), 0, 24, False, "h", "", "")
MOOD: Final = FieldSpec("mood", N_("Mood"), 0, 10, True, "", N_("very low"), N_("very good"))
ENERGY: Final = FieldSpec("energy", N_("Energy"), 0, 10, True, "", N_("exhausted"), N_("full"))
SOCIAL: Final = FieldSpec("social", N_("Time with people"), 0, 2, True, "", N_("none"),
                          N_("meaningful"))

NUMERIC_FIELDS: Final[tuple[FieldSpec, ...]] = (STRESS, SLEEP, STUDY, MOOD, ENERGY, SOCIAL)
FIELDS_BY_NAME: Final[dict[str, FieldSpec]] = {f.name: f for f in NUMERIC_FIELDS}
# English msgids (marked for the catalog); social_label() gives them in the language in use.
SOCIAL_LABELS: Final = (N_("none"), N_("brief"), N_("meaningful"))


def social_label(value: int) -> str:
    """"none", "brief" or "meaningful" (0, 1, 2) in the language in use."""
    return _(SOCIAL_LABELS[value])
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
        return _("Date '{text}' is not a valid date; use YYYY-MM-DD, e.g. {example}.").format(
            text=text, example=today.isoformat())
    return day_range_problem(d, today)


def day_range_problem(d: date, today: date) -> str:
    if d > today:
        return _("Date {day} is in the future; you can log today ({today}) or earlier.").format(
            day=d.isoformat(), today=today.isoformat())
    if d < MIN_DAY:
        return _("Date {day} is too early; the earliest day is {earliest}.").format(
            day=d.isoformat(), earliest=MIN_DAY.isoformat())
    return ""


def _check_number(spec: FieldSpec, raw: Any) -> tuple[float | int | None, str]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    label, allowed = spec.label, spec.range_text()
    if isinstance(raw, bool):
        return None, _("{field} must be {allowed}.").format(field=label, allowed=allowed)
    not_a_number = _("{field} must be {allowed}; '{raw}' is not a number.")
    entered = _("{field} must be {allowed}; you entered {value}.")
    try:
        value = float(raw.strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError, OverflowError):
        return None, not_a_number.format(field=label, allowed=allowed, raw=raw)
    if not math.isfinite(value):
        return None, not_a_number.format(field=label, allowed=allowed, raw=raw)
    if value < spec.minimum or value > spec.maximum:
        return None, entered.format(field=label, allowed=allowed, value=f"{value:g}")
    if spec.integer:
        if value != int(value):
            return None, entered.format(field=label, allowed=allowed, value=f"{value:g}")
        return int(value), ""
    if abs(value / HOURS_STEP - round(value / HOURS_STEP)) > 1e-9:
        return None, entered.format(field=label, allowed=allowed, value=f"{value:g}")
    return round(value / HOURS_STEP) * HOURS_STEP, ""


def normalize_tags(raw: Iterable[str], practices: bool = False) -> tuple[tuple[str, ...], str]:
    """Trimmed, NFC, de-duplicated (case-insensitively) tags in the order given, or a problem
    (worded for practice names when `practices`)."""
    seen: set[str] = set()
    tags: list[str] = []
    for item in raw:
        tag = unicodedata.normalize("NFC", " ".join(str(item).split()))
        if not tag:
            continue
        if len(tag) > MAX_TAG_CHARS:
            text = (_("Practice '{start}…' is {length} characters long; practices can be at "
                      "most {limit} characters.") if practices else
                    _("Tag '{start}…' is {length} characters long; tags can be at most {limit} "
                      "characters."))
            return (), text.format(start=tag[:20], length=len(tag), limit=MAX_TAG_CHARS)
        if any(unicodedata.category(ch).startswith("C") for ch in tag):
            return (), (_("Practices can't contain control characters.") if practices else
                        _("Tags can't contain control characters."))
        key = tag.casefold()
        if key not in seen:
            seen.add(key)
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        text = (_("You gave {count} practices; an entry can have at most {limit}.") if practices
                else _("You gave {count} tags; an entry can have at most {limit}."))
        return (), text.format(count=len(tags), limit=MAX_TAGS)
    return tuple(tags), ""


def normalize_practices(raw: Iterable[str]) -> tuple[tuple[str, ...], str]:
    """Practice names follow the same rules as tags (trimmed, NFC, unique, ≤ 40 characters)."""
    return normalize_tags(raw, practices=True)


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
        errors["day"] = _("Choose the day this entry is for.")

    numbers: dict[str, Any] = {}
    for spec in NUMERIC_FIELDS:
        value, problem = _check_number(spec, values.get(spec.name))
        if problem:
            errors[spec.name] = problem
        numbers[spec.name] = value

    sleep, study = numbers["sleep_hours"], numbers["study_hours"]
    if sleep is not None and study is not None and sleep + study > 24:
        errors["study_hours"] = _(
            "Sleep and study together can't be more than 24 hours in a day "
            "(you entered {sleep} + {study} = {total})."
        ).format(sleep=f"{sleep:g}", study=f"{study:g}", total=f"{sleep + study:g}")

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
        errors["note"] = _("The note must be text.")
        note = ""
    note = unicodedata.normalize("NFC", note.replace("\r\n", "\n").replace("\x00", ""))
    if len(note) > MAX_NOTE_CHARS:
        errors["note"] = _(
            "The note is {length} characters long; notes can be at most {limit} characters."
        ).format(length=format_integer(len(note)), limit=format_integer(MAX_NOTE_CHARS))

    if errors:
        raise EntryValidationError(errors)
    assert day is not None
    entry = DailyEntry(day=day, tags=tags, note=note, practices=practices, **numbers)
    if not entry.has_any_value():
        raise EntryValidationError(
            {"entry": _("Fill in at least one value (stress, sleep, study, mood, energy, "
                        "time with people, a tag, a practice or a note) before saving.")}
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
