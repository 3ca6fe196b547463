"""Self-check results (`assessment`) and safety events (`safety_event`) in the vault.

Rows map to core.assessment.Assessment. Answers and subscores are stored as JSON; `taken_at`
as ISO text, so ordering and day ranges work on the text itself. The only module that writes
these two tables (imports use `write_imported` inside their own transaction).
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from selfcare_app.core.assessment import Assessment
from selfcare_app.core.records import SafetyEventRecord

if TYPE_CHECKING:
    from selfcare_app.data.vault import Vault

_COLUMNS: Final = "id, instrument, instrument_version, taken_at, answers, score, band, subscores"
_INSERT: Final = ("INSERT INTO assessment (instrument, instrument_version, taken_at, answers, "
                  "score, band, subscores) VALUES (?, ?, ?, ?, ?, ?, ?)")
_UPDATE: Final = ("UPDATE assessment SET instrument = ?, instrument_version = ?, taken_at = ?, "
                  "answers = ?, score = ?, band = ?, subscores = ? WHERE id = ?")


def _params(a: Assessment) -> tuple[Any, ...]:
    return (a.instrument, a.instrument_version, a.taken_at.isoformat(),
            json.dumps(list(a.answers)), a.score, a.band,
            json.dumps(dict(a.subscores), ensure_ascii=False, allow_nan=False))


def write_imported(con: Any, inserts: Sequence[Assessment],
                   updates: Sequence[tuple[int, Assessment]]) -> None:
    """Add and replace self-checks inside the caller's transaction (an import)."""
    con.executemany(_INSERT, [_params(a) for a in inserts])
    con.executemany(_UPDATE, [(*_params(a), i) for i, a in updates])

# Where a safety event came from (CONTENT.md §3.3 S0).
SOURCE_PHQ9_ITEM9: Final = "phq9-item9"
SOURCE_NOT_SAFE: Final = "not-safe"


def _row_to_assessment(row: Sequence[Any]) -> Assessment:
    answers = json.loads(row[4])
    subscores = {str(k): float(v) for k, v in json.loads(row[7]).items()}
    return Assessment(
        id=int(row[0]),
        instrument=str(row[1]),
        instrument_version=str(row[2]),
        taken_at=datetime.fromisoformat(row[3]),
        answers=tuple(None if a is None else int(a) for a in answers),
        score=None if row[5] is None else float(row[5]),
        band=None if row[6] is None else str(row[6]),
        subscores=MappingProxyType(subscores),
    )


def _day_bounds(start: date | None, end: date | None) -> tuple[str, str]:
    """ISO text bounds [low, high) covering whole days from start to end inclusive."""
    low = (start or date.min).isoformat()
    high = "9999-12-31T99" if end is None or end >= date.max else (
        end + timedelta(days=1)).isoformat()
    return low, high


class AssessmentRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def add(self, assessment: Assessment) -> Assessment:
        """Store one result; returns it with its new id."""
        with self._vault.transaction() as con:
            cur = con.execute(_INSERT, _params(assessment))
            new_id = int(cur.lastrowid or 0)
        return replace(assessment, id=new_id)

    def get(self, assessment_id: int) -> Assessment | None:
        row = self._vault.connection.execute(
            f"SELECT {_COLUMNS} FROM assessment WHERE id = ?", (assessment_id,)
        ).fetchone()
        return None if row is None else _row_to_assessment(row)

    def latest(self, instrument: str) -> Assessment | None:
        """The most recent result of this instrument, or None."""
        row = self._vault.connection.execute(
            f"SELECT {_COLUMNS} FROM assessment WHERE instrument = ? "
            "ORDER BY taken_at DESC, id DESC LIMIT 1",
            (instrument,),
        ).fetchone()
        return None if row is None else _row_to_assessment(row)

    def count(self, instrument: str | None = None) -> int:
        if instrument is None:
            row = self._vault.connection.execute("SELECT count(*) FROM assessment").fetchone()
        else:
            row = self._vault.connection.execute(
                "SELECT count(*) FROM assessment WHERE instrument = ?", (instrument,)
            ).fetchone()
        return int(row[0])

    def delete(self, assessment_id: int) -> Assessment | None:
        """Delete one result and return what was deleted (for undo), or None."""
        with self._vault.transaction() as con:
            row = con.execute(
                f"SELECT {_COLUMNS} FROM assessment WHERE id = ?", (assessment_id,)
            ).fetchone()
            if row is None:
                return None
            con.execute("DELETE FROM assessment WHERE id = ?", (assessment_id,))
        return _row_to_assessment(row)

    def list(self, instrument: str | None = None, start: date | None = None,
             end: date | None = None) -> builtins.list[Assessment]:
        """Results, oldest first: of one instrument (or all), taken from start to end inclusive
        (either may be open)."""
        low, high = _day_bounds(start, end)
        sql = f"SELECT {_COLUMNS} FROM assessment WHERE taken_at >= ? AND taken_at < ?"
        params: builtins.list[object] = [low, high]
        if instrument is not None:
            sql += " AND instrument = ?"
            params.append(instrument)
        rows = self._vault.connection.execute(sql + " ORDER BY taken_at, id", params).fetchall()
        return [_row_to_assessment(r) for r in rows]


# The one safety-event record (core/records.py); the old name stays importable.
SafetyEvent = SafetyEventRecord


_EVENT_INSERT: Final = "INSERT INTO safety_event (at, source, detail) VALUES (?, ?, ?)"


def write_imported_events(con: Any, inserts: Sequence[SafetyEventRecord],
                          updates: Sequence[tuple[int, SafetyEventRecord]]) -> None:
    """Add and replace safety events inside the caller's transaction (an import)."""
    con.executemany(_EVENT_INSERT, [(s.at, s.source, s.detail) for s in inserts])
    con.executemany("UPDATE safety_event SET at = ?, source = ?, detail = ? WHERE id = ?",
                    [(s.at, s.source, s.detail, i) for i, s in updates])


class SafetyEventRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def records(self) -> builtins.list[SafetyEventRecord]:
        """Every event as the vault holds it (ISO text), for exports and the summary."""
        return self.list()

    def add(self, at: datetime, source: str, detail: str = "") -> SafetyEventRecord:
        if not source:
            raise ValueError("a safety event needs a source")
        with self._vault.transaction() as con:
            cur = con.execute(_EVENT_INSERT, (at.isoformat(), source, detail))
            new_id = int(cur.lastrowid or 0)
        return SafetyEventRecord(at=at.isoformat(), source=source, detail=detail, id=new_id)

    def list(self, start: date | None = None,
             end: date | None = None) -> builtins.list[SafetyEventRecord]:
        """Events from start to end inclusive (either may be open), oldest first."""
        low, high = _day_bounds(start, end)
        rows = self._vault.connection.execute(
            "SELECT id, at, source, detail FROM safety_event WHERE at >= ? AND at < ? "
            "ORDER BY at, id",
            (low, high),
        ).fetchall()
        return [SafetyEventRecord(at=str(r[1]), source=str(r[2]), detail=str(r[3]), id=int(r[0]))
                for r in rows]
