"""Daily entries: upsert, get, range, delete. Rows map to core.entry.DailyEntry."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from selfcare_app.core.entry import DailyEntry
from selfcare_app.data.errors import VaultError

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault

_COLUMNS = (
    "day, stress, sleep_hours, study_hours, mood, energy, social, tags, note, "
    "created_at, updated_at, practices"
)


class EntryChangedError(VaultError):
    """The day was changed by another window or command since this one loaded it."""

    exit_code = 6

    def __init__(self, current: DailyEntry | None, version: int) -> None:
        self.current = current
        self.version = version
        super().__init__(
            "This day was changed in another Selfcare window or command since you opened it; "
            "nothing was overwritten."
        )


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _row_to_entry(row: Sequence[Any]) -> DailyEntry:
    return DailyEntry(
        day=date.fromisoformat(row[0]),
        stress=row[1],
        sleep_hours=row[2],
        study_hours=row[3],
        mood=row[4],
        energy=row[5],
        social=row[6],
        tags=tuple(json.loads(row[7])),
        note=row[8],
        created_at=datetime.fromisoformat(row[9]),
        updated_at=datetime.fromisoformat(row[10]),
        practices=tuple(json.loads(row[11])),
    )


class EntryRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, day: date) -> DailyEntry | None:
        row = self._vault.connection.execute(
            f"SELECT {_COLUMNS} FROM daily_entry WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        return None if row is None else _row_to_entry(row)

    def range(self, start: date | None = None, end: date | None = None) -> list[DailyEntry]:
        """Entries from start to end inclusive (either may be open), oldest first."""
        rows = self._vault.connection.execute(
            f"SELECT {_COLUMNS} FROM daily_entry WHERE day >= ? AND day <= ? ORDER BY day",
            ((start or date.min).isoformat(), (end or date.max).isoformat()),
        ).fetchall()
        return [_row_to_entry(r) for r in rows]

    def all(self) -> list[DailyEntry]:
        return self.range()

    def count(self) -> int:
        return int(self._vault.connection.execute("SELECT count(*) FROM daily_entry").fetchone()[0])

    def bounds(self) -> tuple[date, date] | None:
        row = self._vault.connection.execute(
            "SELECT min(day), max(day) FROM daily_entry").fetchone()
        if row is None or row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])

    def version(self, day: date) -> int:
        """The day's row version (0 when there is no entry); raised by every save."""
        row = self._vault.connection.execute(
            "SELECT version FROM daily_entry WHERE day = ?", (day.isoformat(),)).fetchone()
        return 0 if row is None else int(row[0])

    def get_versioned(self, day: date) -> tuple[DailyEntry | None, int]:
        """The day's entry and its row version, read together."""
        row = self._vault.connection.execute(
            f"SELECT {_COLUMNS}, version FROM daily_entry WHERE day = ?", (day.isoformat(),)
        ).fetchone()
        # The version comes after every column of _COLUMNS: the last one.
        return (None, 0) if row is None else (_row_to_entry(row), int(row[-1]))

    def save_checked(self, entry: DailyEntry, expected_version: int) -> tuple[DailyEntry, int]:
        """Save only if the day still has `expected_version` (what the window loaded).

        Raises EntryChangedError (with the stored entry) instead of overwriting another
        writer's fields; the check and the write are one BEGIN IMMEDIATE transaction.
        """
        with self._vault.transaction() as con:
            found = self.version(entry.day)
            if found != expected_version:
                raise EntryChangedError(self.get(entry.day), found)
            stored = self._write(con, entry)
        return stored, found + 1

    def update(self, day: date,
               change: Callable[[DailyEntry | None], DailyEntry]) -> DailyEntry:
        """Read the day, apply `change`, write it back: one BEGIN IMMEDIATE transaction, so
        two commands updating the same day at once both keep their fields."""
        with self._vault.transaction() as con:
            entry = change(self.get(day))
            return self._write(con, entry)

    def upsert(self, entry: DailyEntry) -> DailyEntry:
        """Insert or replace the day's entry; returns it as stored (with timestamps)."""
        stored = self.upsert_many([entry])
        return stored[0]

    def upsert_many(self, entries: Iterable[DailyEntry]) -> list[DailyEntry]:
        """One transaction for all of them: all are stored, or none is."""
        with self._vault.transaction() as con:
            return [self._write(con, entry) for entry in entries]

    def _write(self, con: Any, entry: DailyEntry) -> DailyEntry:
        stamp = now_utc()
        created = entry.created_at
        row = con.execute(
            "SELECT created_at, version FROM daily_entry WHERE day = ?",
            (entry.day.isoformat(),),
        ).fetchone()
        if created is None:
            created = stamp if row is None else datetime.fromisoformat(row[0])
        version = 1 if row is None else int(row[1]) + 1
        updated = entry.updated_at or stamp
        con.execute(
            f"INSERT OR REPLACE INTO daily_entry ({_COLUMNS}, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.day.isoformat(),
                entry.stress,
                entry.sleep_hours,
                entry.study_hours,
                entry.mood,
                entry.energy,
                entry.social,
                json.dumps(list(entry.tags), ensure_ascii=False),
                entry.note,
                created.isoformat(),
                updated.isoformat(),
                json.dumps(list(entry.practices), ensure_ascii=False),
                version,
            ),
        )
        return DailyEntry(**{**_fields(entry), "created_at": created, "updated_at": updated})

    def delete(self, day: date) -> DailyEntry | None:
        """Delete the day's entry and return what was deleted (for undo), or None."""
        with self._vault.transaction() as con:
            row = con.execute(
                f"SELECT {_COLUMNS} FROM daily_entry WHERE day = ?", (day.isoformat(),)
            ).fetchone()
            if row is None:
                return None
            con.execute("DELETE FROM daily_entry WHERE day = ?", (day.isoformat(),))
        return _row_to_entry(row)

    def search(self, text: str) -> list[DailyEntry]:
        """Entries whose note or tags contain `text` (case-insensitive), oldest first."""
        needle = text.casefold()
        return [
            e for e in self.all()
            if needle in e.note.casefold()
            or any(needle in t.casefold() for t in (*e.tags, *e.practices))
        ]


def _fields(entry: DailyEntry) -> dict[str, Any]:
    return {
        "day": entry.day,
        "stress": entry.stress,
        "sleep_hours": entry.sleep_hours,
        "study_hours": entry.study_hours,
        "mood": entry.mood,
        "energy": entry.energy,
        "social": entry.social,
        "tags": entry.tags,
        "note": entry.note,
        "practices": entry.practices,
    }
