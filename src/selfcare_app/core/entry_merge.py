"""Merging two edits of one day: what a window changed, laid over what another writer saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from selfcare_app.core.entry import NUMERIC_FIELDS, DailyEntry

FIELDS = (*(spec.name for spec in NUMERIC_FIELDS), "tags", "note")


def changed_fields(base: DailyEntry | None, mine: DailyEntry) -> list[str]:
    """Fields this window changed since it loaded `base` (None: the day was empty)."""
    start = base or DailyEntry(day=mine.day)
    return [f for f in FIELDS if getattr(mine, f) != getattr(start, f)]


def merge_edits(base: DailyEntry | None, mine: DailyEntry,
                theirs: DailyEntry | None) -> DailyEntry:
    """Three-way merge: the fields I changed win, every other field keeps what the other
    writer saved. Tags are united when both changed them; notes both changed are joined, so
    neither text is lost."""
    day: date = mine.day
    result = theirs or DailyEntry(day=day)
    start = base or DailyEntry(day=day)
    for name in changed_fields(base, mine):
        value = getattr(mine, name)
        other = getattr(result, name)
        if name == "tags" and other != start.tags:
            value = tuple(dict.fromkeys((*other, *mine.tags)))
        elif name == "note" and other != start.note and other.strip() and value.strip():
            value = f"{other}\n\n{value}" if value not in other else other
        result = replace(result, **{name: value})
    return replace(result, created_at=(theirs or mine).created_at, updated_at=None)


def conflicting_fields(base: DailyEntry | None, mine: DailyEntry,
                       theirs: DailyEntry | None) -> list[str]:
    """Fields both writers changed to different values (shown to the student before merging)."""
    other = theirs or DailyEntry(day=mine.day)
    theirs_changed = set(changed_fields(base, other))
    return [f for f in changed_fields(base, mine)
            if f in theirs_changed and getattr(mine, f) != getattr(other, f)]
